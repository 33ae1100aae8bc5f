"""The one place that finds bundled data: themes and fonts.

In an installed wheel they are ``renderer/themes`` and ``renderer/fonts``
(``pyproject.toml`` maps the checkout's top-level ``themes/`` and ``fonts/``
there); in a checkout or an editable install they are the top-level folders
themselves. Callers never build paths to data on their own.

A theme is found by *name* (:data:`THEME_NAME`), in the user's ``--theme-dir`` and
then among the bundled themes; a name is never a path, so ``--theme``, a packet's
``theme`` and a theme's ``inherits`` cannot load CSS from anywhere else.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path

from .confine import user_path
from .errors import UsageError

__all__ = [
    "PAGE_SIZES",
    "THEME_NAME",
    "FontFile",
    "Theme",
    "bundled_fonts",
    "css_problem",
    "data_dir",
    "font_faces_css",
    "font_manifest",
    "list_themes",
    "load_theme",
    "theme_name_problem",
]

PAGE_SIZES = ("letter", "a4")
#: What a theme may be called: the name of a folder, never a path.
THEME_NAME = re.compile(r"[a-z0-9][a-z0-9-]*")


@cache
def data_dir(name: str) -> Path:
    """Folder holding the bundled ``themes`` or ``fonts``."""
    if name not in ("themes", "fonts"):
        raise ValueError(name)
    bundled = files("renderer") / name
    if bundled.is_dir():
        return Path(str(bundled))
    checkout = Path(__file__).resolve().parent.parent / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"bundled {name} not found (broken installation)")


@dataclass(frozen=True, slots=True)
class FontFile:
    """One bundled font file, as ``fonts/manifest.toml`` describes it."""

    family: str
    path: Path
    weight: int
    style: str
    media_type: str
    postscript_name: str
    unicode_range: str | None = None
    fallback: bool = False

    def face_css(self, url: str) -> str:
        """An ``@font-face`` rule for this file at ``url``."""
        rule = (
            f"@font-face {{ font-family: {self.family!r}; src: url({url!r}); "
            f"font-weight: {self.weight}; font-style: {self.style};"
        )
        if self.unicode_range:
            rule += f" unicode-range: {self.unicode_range};"
        return rule + " }"


@dataclass(frozen=True, slots=True)
class Theme:
    """A resolved theme: its CSS already has every ancestor's CSS in front of its own."""

    name: str
    description: str
    folder: Path
    pdf_css: str
    epub_css: str
    #: The theme and its ancestors, child first (``("large-print", "briefing")``).
    lineage: tuple[str, ...] = ()
    #: Font families the theme's CSS names (all bundled; checked when loading).
    fonts: tuple[str, ...] = ()
    #: Page sizes the PDF may use with this theme.
    page_sizes: tuple[str, ...] = ("letter", "a4")
    #: Font files the EPUB embeds (with ``@font-face`` rules in its stylesheet).
    epub_fonts: tuple[FontFile, ...] = ()
    #: WCAG contrast every text/background pair must reach (7 for AAA themes).
    min_contrast: float = 4.5

    def epub_font_faces_css(self, folder: str) -> str:
        """``@font-face`` rules for :attr:`epub_fonts` stored under ``folder`` in the EPUB."""
        return "\n".join(f.face_css(f"{folder}/{f.path.name}") for f in self.epub_fonts)


def theme_name_problem(name: str) -> str | None:
    """Why ``name`` cannot name a theme, or None when it can."""
    if THEME_NAME.fullmatch(name):
        return None
    return (
        f"theme {name!r} is not a theme name (lowercase letters, digits and hyphens; "
        "put your own themes in a folder given with --theme-dir)"
    )


def _user_folder(extra_dir: str | None) -> Path | None:
    """``--theme-dir`` as an absolute folder: WeasyPrint needs file URIs of its CSS, and
    the theme cache must not mistake one relative folder for another."""
    if not extra_dir:
        return None
    folder = user_path(extra_dir, UsageError, "--theme-dir").resolve()
    if not folder.is_dir():
        raise UsageError(f"--theme-dir {extra_dir}: no such folder")
    return folder


def _theme_folders(extra_dir: Path | None) -> list[Path]:
    return [*([extra_dir] if extra_dir else []), data_dir("themes")]


def list_themes(extra_dir: str | None = None) -> list[tuple[str, str]]:
    """(name, description) of every theme, user folder first."""
    seen: dict[str, str] = {}
    for folder in _theme_folders(_user_folder(extra_dir)):
        for toml in sorted(folder.glob("*/theme.toml")):
            name = toml.parent.name
            if name not in seen and THEME_NAME.fullmatch(name):
                seen[name] = tomllib.loads(toml.read_text("utf-8")).get("description", "")
    return sorted(seen.items())


def _read_optional(path: Path) -> str:
    return path.read_text("utf-8") if path.is_file() else ""


def _read_css(path: Path) -> str:
    """A theme's stylesheet, screened like an input: a theme is data and reaches nothing
    outside itself (:func:`css_problem`)."""
    css = _read_optional(path)
    if problem := css_problem(css):
        raise UsageError(f"{path}: {problem}",
                         hint="a theme may use only its own rules and the bundled fonts")
    return css


def css_problem(css: str) -> str | None:
    """Why ``css`` may not be part of a theme, or None: it may not ``@import`` anything,
    declare ``@font-face`` (fonts are bundled), or name any ``url()`` but a ``data:`` one
    — a stylesheet that fetches or reads a file would do so in every edition."""
    import tinycss2

    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if rule.type == "at-rule" and rule.lower_at_keyword in ("import", "font-face"):
            return f"line {rule.source_line}: @{rule.lower_at_keyword} is not allowed in a theme"
        pending = [*(getattr(rule, "prelude", None) or ()), *(getattr(rule, "content", None) or ())]
        while pending:
            token = pending.pop()
            url = None
            if token.type == "url":
                url = token.value
            elif token.type == "function":
                if token.lower_name in ("url", "src", "image-set"):
                    url = "".join(getattr(t, "value", "") for t in token.arguments
                                  if t.type == "string") or "(url)"
                pending.extend(token.arguments)
            elif token.type in ("() block", "[] block", "{} block"):
                pending.extend(token.content)
            elif token.type == "at-keyword" and token.lower_value in ("import", "font-face"):
                return f"line {token.source_line}: @{token.lower_value} is not allowed in a theme"
            if url is not None and not url.strip().lower().startswith("data:"):
                return f"line {token.source_line}: url({url}) is not allowed in a theme"
    return None


def _find_theme(name: str, extra_dir: Path | None) -> Path:
    if problem := theme_name_problem(name):
        raise UsageError(problem)
    for folder in _theme_folders(extra_dir):
        toml = folder / name / "theme.toml"
        if toml.is_file():
            return toml
    names = ", ".join(n for n, _ in list_themes(str(extra_dir) if extra_dir else None))
    raise UsageError(f"unknown theme {name!r}", hint=f"available: {names}")


def load_theme(name: str, extra_dir: str | None = None) -> Theme:
    """Read a theme and its ancestors; CSS is read once per process (themes are data).

    A child's CSS comes after its parent's, so the child wins the cascade. A
    theme may only name bundled font families: anything else would let
    fontconfig pick a font installed on this machine.
    """
    return _load_theme(name, _user_folder(extra_dir))


@cache
def _load_theme(name: str, extra_dir: Path | None) -> Theme:
    lineage: list[Path] = []
    current: str | None = name
    while current:
        toml = _find_theme(current, extra_dir)
        if toml in lineage:
            chain = " -> ".join(p.parent.name for p in [*lineage, toml])
            raise UsageError(f"theme {name!r} inherits from itself: {chain}")
        lineage.append(toml)
        # A theme named like its parent (a user's "briefing" over ours) inherits the bundled one.
        parent = tomllib.loads(toml.read_text("utf-8")).get("inherits") or None
        if parent is not None and (problem := theme_name_problem(str(parent))):
            raise UsageError(f"{toml}: inherits = {parent!r}: {problem}")
        if parent == current:
            lineage.append(data_dir("themes") / parent / "theme.toml")
            if not lineage[-1].is_file():
                raise UsageError(f"theme {current!r} inherits from itself")
            parent = tomllib.loads(lineage[-1].read_text("utf-8")).get("inherits") or None
        current = parent
    metas = [tomllib.loads(t.read_text("utf-8")) for t in lineage]
    own = metas[0]
    bundled = {f.family for f in bundled_fonts()}
    fonts = tuple(dict.fromkeys(f for meta in metas for f in meta.get("fonts", ())))
    epub_families = own.get("epub_fonts", metas[1].get("epub_fonts", []) if len(metas) > 1 else [])
    unknown = [f for f in (*fonts, *epub_families) if f not in bundled]
    if unknown:
        raise UsageError(
            f"theme {name!r} names a font family that is not bundled: {unknown[0]!r}",
            hint=f"bundled: {', '.join(sorted(bundled))}",
        )
    page_sizes = tuple(next((m["page_sizes"] for m in metas if "page_sizes" in m), PAGE_SIZES))
    return Theme(
        name=name,
        description=own.get("description", ""),
        folder=lineage[0].parent,
        pdf_css="\n".join(_read_css(t.parent / "pdf.css") for t in reversed(lineage)),
        epub_css="\n".join(_read_css(t.parent / "epub.css") for t in reversed(lineage)),
        lineage=tuple(t.parent.name for t in lineage),
        fonts=fonts,
        page_sizes=page_sizes,
        epub_fonts=tuple(f for f in bundled_fonts() if f.family in epub_families),
        min_contrast=float(max(m.get("min_contrast", 4.5) for m in metas)),
    )


@cache
def font_manifest() -> dict:
    """``fonts/manifest.toml``: family, files, licence, origin, sha256."""
    return tomllib.loads((data_dir("fonts") / "manifest.toml").read_text("utf-8"))


@cache
def bundled_fonts() -> tuple[FontFile, ...]:
    """Every bundled font file, in manifest order."""
    root = data_dir("fonts")
    return tuple(
        FontFile(
            family=family["css_name"],
            path=(root / family["folder"] / face["file"]).resolve(),
            weight=face["weight"],
            style=face["style"],
            media_type=face["media_type"],
            postscript_name=face["postscript_name"],
            unicode_range=face.get("unicode_range"),
            fallback=family.get("fallback", False),
        )
        for family in font_manifest()["family"]
        for face in family["files"]
    )


@cache
def font_faces_css() -> str:
    """``@font-face`` rules for every bundled font, with absolute file URLs.

    The PDF uses only these faces, so its output never depends on the fonts
    installed on the machine.
    """
    return "\n".join(f.face_css(f.path.as_uri()) for f in bundled_fonts())
