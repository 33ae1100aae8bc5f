"""Theme tests: editions are built once per session (per worker) through the CLI, in a test.

Building inside a test (not in a module fixture) keeps the suite-wide autouse
fixture in charge: every PDF goes through our inspector, every EPUB through
EPUBCheck and Ace, as it is written.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pikepdf
import pytest

from renderer.cli import main
from renderer.resources import bundled_fonts, list_themes

from ..conftest import SAMPLES, SEED

RICH = SAMPLES / "coastal-flood-exercise.md"
THEMES = [name for name, _ in list_themes()]
BUNDLED = ("briefing", "dyslexia-friendly", "ereader", "high-contrast", "large-print")


@pytest.fixture(scope="session")
def editions(tmp_path_factory):
    """``editions(theme, sample)`` → {"pdf": path, "epub": path}, built at most once."""
    built: dict[tuple[str, str], dict[str, Path]] = {}

    def get(theme: str, sample: Path = SEED, *extra: str) -> dict[str, Path]:
        key = (theme, str(sample), *extra)
        if key not in built:
            out = tmp_path_factory.mktemp(f"{theme}-{sample.stem}")
            assert main(["build", str(sample), "-o", str(out), "-q", "--theme", theme,
                         *extra]) == 0
            built[key] = {fmt: out / f"{sample.stem}.{fmt}" for fmt in ("pdf", "epub")}
        return built[key]

    return get


def pdf_fonts(path: Path) -> list[dict]:
    """Each embedded font: its /BaseFont, and the identity of the embedded program."""
    from fontTools.ttLib import TTFont

    fonts = []
    with pikepdf.open(path) as pdf:
        for obj in pdf.objects:
            if not (isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/FontDescriptor"):
                continue
            entry = {"base_font": str(obj.FontName).lstrip("/").split("+", 1)[-1],
                     "embedded": False, "identity": None}
            for key in ("/FontFile2", "/FontFile3", "/FontFile"):
                if key in obj:
                    entry["embedded"] = True
                    try:
                        ttf = TTFont(io.BytesIO(obj[key].read_bytes()))
                        entry["identity"] = _identity(ttf)
                    except Exception:  # a CFF or Type 1 program: not one of ours
                        entry["identity"] = None
            fonts.append(entry)
    return fonts


def _identity(ttf) -> tuple:
    head = ttf["head"]
    name = ttf["name"].getDebugName(6) if "name" in ttf else None
    return (name, head.created, head.modified, round(head.fontRevision, 4))


def bundled_identities() -> dict[tuple, str]:
    from fontTools.ttLib import TTFont

    return {_identity(TTFont(f.path)): f.family for f in bundled_fonts()}


def font_origin_problems(path: Path) -> list[str]:
    """Fonts in the PDF that are not embedded copies of bundled files (empty: all bundled)."""
    known = bundled_identities()
    families = {f.family.replace(" ", "-") for f in bundled_fonts()}
    problems = []
    for font in pdf_fonts(path):
        name = font["base_font"]
        if not font["embedded"]:
            problems.append(f"{name}: not embedded")
        elif font["identity"] not in known:
            problems.append(f"{name}: not a bundled font file {font['identity']}")
        elif not any(name == f or name.startswith(f + "-") for f in families):
            problems.append(f"{name}: not a bundled family name")
    return problems


def _to_unicode(stream: bytes) -> list[str]:
    """The texts a ToUnicode CMap maps glyphs to (``bfchar`` and ``bfrange`` entries)."""
    texts = []
    cmap = stream.decode("latin-1")
    for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
        texts += [bytes.fromhex(t).decode("utf-16-be")
                  for _, t in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block)]
    for block in re.findall(r"beginbfrange(.*?)endbfrange", cmap, re.S):
        for low, high, start in re.findall(
                r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block):
            first = ord(bytes.fromhex(start).decode("utf-16-be")[0])
            texts += [chr(first + i) for i in range(int(high, 16) - int(low, 16) + 1)]
    return texts


def notdef_characters(path: Path) -> dict[str, set[str]]:
    """Characters each embedded font shows although its bundled file has no glyph for them.

    WeasyPrint draws such a character as ``.notdef`` (an empty box) but still maps it in
    ToUnicode, so the text extracts fine and only the font files tell: each embedded
    program is matched to its bundled file(s) by identity, and every character its
    ToUnicode names must be in their ``cmap``.
    """
    from fontTools.ttLib import TTFont

    cmaps: dict[tuple, set[int]] = {}
    for font in bundled_fonts():
        ttf = TTFont(font.path)
        cmaps.setdefault(_identity(ttf), set()).update(ttf.getBestCmap())
    bad: dict[str, set[str]] = {}
    with pikepdf.open(path) as pdf:
        for obj in pdf.objects:
            if not (isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/Font"
                    and "/ToUnicode" in obj and "/DescendantFonts" in obj):
                continue
            descriptor = obj.DescendantFonts[0].FontDescriptor
            program = TTFont(io.BytesIO(descriptor.FontFile2.read_bytes()))
            known = cmaps.get(_identity(program), set())
            drawn = {c for text in _to_unicode(obj.ToUnicode.read_bytes()) for c in text}
            lacking = {c for c in drawn if ord(c) not in known and not c.isspace()}
            if lacking:
                bad[str(obj.BaseFont).lstrip("/")] = lacking
    return bad
