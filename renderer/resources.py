"""The one place that finds bundled data: themes and fonts.

In an installed wheel they are ``renderer/themes`` and ``renderer/fonts``
(``pyproject.toml`` maps the checkout's top-level ``themes/`` and ``fonts/``
there); in a checkout or an editable install they are the top-level folders
themselves. Callers never build paths to data on their own.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path

from .errors import UsageError

__all__ = ["Theme", "data_dir", "font_faces_css", "list_themes", "load_theme"]


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
class Theme:
    name: str
    description: str
    folder: Path
    pdf_css: str
    epub_css: str


def _theme_folders(extra_dir: str | None) -> list[Path]:
    folders = []
    if extra_dir:
        folders.append(Path(extra_dir))
    folders.append(data_dir("themes"))
    return folders


def list_themes(extra_dir: str | None = None) -> list[tuple[str, str]]:
    """(name, description) of every theme, user folder first."""
    seen: dict[str, str] = {}
    for folder in _theme_folders(extra_dir):
        for toml in sorted(folder.glob("*/theme.toml")):
            name = toml.parent.name
            if name not in seen:
                seen[name] = tomllib.loads(toml.read_text("utf-8")).get("description", "")
    return sorted(seen.items())


def _read_optional(path: Path) -> str:
    return path.read_text("utf-8") if path.is_file() else ""


@cache
def load_theme(name: str, extra_dir: str | None = None) -> Theme:
    """Read a theme; CSS is read once per process (themes are immutable data)."""
    for folder in _theme_folders(extra_dir):
        toml = folder / name / "theme.toml"
        if toml.is_file():
            meta = tomllib.loads(toml.read_text("utf-8"))
            return Theme(
                name=name,
                description=meta.get("description", ""),
                folder=toml.parent,
                pdf_css=_read_optional(toml.parent / "pdf.css"),
                epub_css=_read_optional(toml.parent / "epub.css"),
            )
    names = ", ".join(n for n, _ in list_themes(extra_dir))
    raise UsageError(f"unknown theme {name!r}", hint=f"available: {names}")


@cache
def font_faces_css() -> str:
    """``@font-face`` rules for every bundled font, with absolute file URLs.

    The PDF uses only these faces, so its output never depends on the fonts
    installed on the machine.
    """
    root = data_dir("fonts")
    manifest = tomllib.loads((root / "manifest.toml").read_text("utf-8"))
    rules = []
    for family in manifest["family"]:
        for face in family["files"]:
            path = (root / family["folder"] / face["file"]).resolve()
            rules.append(
                "@font-face { "
                f"font-family: {family['css_name']!r}; "
                f"src: url({path.as_uri()!r}); "
                f"font-weight: {face['weight']}; font-style: {face['style']}; }}"
            )
    return "\n".join(rules)
