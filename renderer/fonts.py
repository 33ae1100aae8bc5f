"""Turn article text into the list of characters no bundled font can show.

WeasyPrint asks fontconfig for every glyph. When none of the families a theme
names has a character, fontconfig quietly takes one from a font installed on
the machine (so the PDF differs from machine to machine) or draws ``.notdef``
(an empty box that a screen reader cannot read back). The only way to know
beforehand is to look each character up in the bundled files' ``cmap``
tables, which this module does once per process per font file.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cache

from .resources import FontFile, Theme, bundled_fonts

__all__ = ["MissingGlyphs", "family_coverage", "missing_glyphs", "theme_coverage"]

#: Characters that are never drawn: controls, format characters (ZWJ, soft
#: hyphen, bidi marks), line and paragraph separators.
_NOT_DRAWN = {"Cc", "Cf", "Zl", "Zp"}


def _parse_ranges(ranges: str) -> list[tuple[int, int]]:
    spans = []
    for part in ranges.replace(" ", "").split(","):
        part = part.upper().removeprefix("U+")
        low, _, high = part.partition("-")
        spans.append((int(low, 16), int(high or low, 16)))
    return spans


@cache
def _file_coverage(font: FontFile) -> frozenset[int]:
    from fontTools.ttLib import TTFont  # WeasyPrint depends on fontTools

    with TTFont(font.path, lazy=True) as ttf:
        points = set(ttf.getBestCmap() or ())
    if font.unicode_range:  # the @font-face rule only lends these to the family
        spans = _parse_ranges(font.unicode_range)
        points = {p for p in points if any(lo <= p <= hi for lo, hi in spans)}
    return frozenset(points)


@cache
def family_coverage(family: str) -> frozenset[int]:
    """Code points some file of the bundled ``family`` maps to a glyph."""
    points: set[int] = set()
    for font in bundled_fonts():
        if font.family == family:
            points |= _file_coverage(font)
    return frozenset(points)


@cache
def theme_coverage(theme: Theme) -> frozenset[int]:
    """Code points the theme's families or the bundled fallback can show."""
    families = set(theme.fonts) | {f.family for f in bundled_fonts() if f.fallback}
    points: set[int] = set()
    for family in families:
        points |= family_coverage(family)
    return frozenset(points)


@dataclass(frozen=True, slots=True)
class MissingGlyphs:
    """Characters of a text that no bundled font of the theme can show."""

    counts: tuple[tuple[str, int], ...]  # (character, occurrences), most frequent first

    def __bool__(self) -> bool:
        return bool(self.counts)

    def describe(self, limit: int = 8) -> str:
        shown = [
            f"U+{ord(c):04X} {unicodedata.name(c, 'unnamed')} ×{n}" for c, n in self.counts[:limit]
        ]
        more = len(self.counts) - limit
        return ", ".join(shown) + (f" and {more} more" if more > 0 else "")


def missing_glyphs(text: str, theme: Theme) -> MissingGlyphs:
    """What in ``text`` the theme's bundled fonts (and the fallback) cannot show."""
    covered = theme_coverage(theme)
    missing = Counter(
        c
        for c in text
        if ord(c) not in covered and not c.isspace()
        and unicodedata.category(c) not in _NOT_DRAWN
    )
    return MissingGlyphs(tuple(missing.most_common()))
