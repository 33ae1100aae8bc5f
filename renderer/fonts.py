"""Turn article text into the list of characters the theme's bundled fonts cannot show.

WeasyPrint sees only the bundled fonts (``renderer.pdf`` gives it no system
font), so a character none of them can draw becomes ``.notdef``: an empty box
that a screen reader cannot read back. Knowing this before layout means
predicting fontconfig's choice, not just asking "does some file have it":

* fontconfig takes a face's ``unicode-range`` as its whole character set, so a
  face that claims a character it lacks is still picked for it (``.notdef``);
* for each character Pango walks the font stack in order (within a family,
  the face nearest in style and weight first) and takes the first face whose
  character set claims it; past the stack, any other bundled face may be
  taken, in an order fontconfig decides.

So a character is covered in a stack when the first face that claims it has
the glyph, and past the stack only when every face that claims it has the
glyph. The theme covers a character when every stack its CSS names, in every
style and weight, covers it. Each file's ``cmap`` is read once per process.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cache

import tinycss2

from .resources import FontFile, Theme, bundled_fonts

__all__ = ["MissingGlyphs", "family_coverage", "font_stacks", "missing_glyphs"]

#: Characters that are never drawn: controls, format characters (ZWJ, soft
#: hyphen, bidi marks), line and paragraph separators.
_NOT_DRAWN = {"Cc", "Cf", "Zl", "Zp"}
#: The styles text may be set in: each stack is judged in all of them.
_VARIANTS = ((400, "normal"), (400, "italic"), (700, "normal"), (700, "italic"))


def _parse_ranges(ranges: str) -> frozenset[int]:
    points: set[int] = set()
    for part in ranges.replace(" ", "").split(","):
        part = part.upper().removeprefix("U+")
        low, _, high = part.partition("-")
        points.update(range(int(low, 16), int(high or low, 16) + 1))
    return frozenset(points)


@cache
def _glyphs(font: FontFile) -> frozenset[int]:
    """Code points the file really maps to a glyph."""
    from fontTools.ttLib import TTFont  # WeasyPrint depends on fontTools

    with TTFont(font.path, lazy=True) as ttf:
        return frozenset(ttf.getBestCmap() or ())


@cache
def _claims(font: FontFile) -> frozenset[int]:
    """Code points fontconfig believes the face has: its ``unicode-range``, else its cmap."""
    return _parse_ranges(font.unicode_range) if font.unicode_range else _glyphs(font)


@cache
def family_coverage(family: str) -> frozenset[int]:
    """Code points some file of the bundled ``family`` both claims and has."""
    points: set[int] = set()
    for font in bundled_fonts():
        if font.family == family:
            points |= _claims(font) & _glyphs(font)
    return frozenset(points)


def _families(value: list) -> list[str]:
    """Family names of a ``font-family`` value, or of a ``font`` shorthand's tail."""
    names = []
    for segment in " ".join(tinycss2.serialize(value).split()).split(","):
        tokens = [t for t in tinycss2.parse_component_value_list(segment) if t.type != "whitespace"]
        strings = [t.value for t in tokens if t.type == "string"]
        if strings:
            names.append(strings[-1])
            continue
        # unquoted: the identifiers after the shorthand's size and line height
        idents: list[str] = []
        for token in tokens:
            idents = [*idents, token.value] if token.type == "ident" else []
        if idents:
            names.append(" ".join(idents))
    return names


@cache
def font_stacks(css: str) -> tuple[tuple[str, ...], ...]:
    """Every distinct font stack a stylesheet names, in order of appearance."""
    stacks: dict[tuple[str, ...], None] = {}

    def walk(nodes) -> None:
        for node in nodes:
            if node.type not in ("qualified-rule", "at-rule") or node.content is None:
                continue
            if node.type == "at-rule" and node.lower_at_keyword == "font-face":
                continue
            content = tinycss2.parse_blocks_contents(node.content, True, True)
            for item in content:
                if item.type == "declaration" and item.lower_name in ("font", "font-family"):
                    stacks[tuple(_families(item.value))] = None
            walk(content if node.type == "at-rule" else ())

    walk(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True))
    return tuple(s for s in stacks if s) or ((),)


def _order(stack: tuple[str, ...], fonts: tuple[FontFile, ...], weight: int, style: str):
    """Faces of the stack's families as Pango tries them for this weight and style."""
    for family in stack:
        faces = [f for f in fonts if f.family == family]
        yield from sorted(faces, key=lambda f: (f.style != style, abs(f.weight - weight)))


def _stack_covers(point: int, stack: tuple[str, ...], fonts: tuple[FontFile, ...]) -> bool:
    for weight, style in _VARIANTS:
        chosen = next((f for f in _order(stack, fonts, weight, style) if point in _claims(f)), None)
        if chosen is not None:
            if point not in _glyphs(chosen):
                return False
            continue
        rest = [f for f in fonts if f.family not in stack and point in _claims(f)]
        if not rest or any(point not in _glyphs(f) for f in rest):
            return False
    return True


@cache
def _covered(point: int, stacks: tuple[tuple[str, ...], ...], fonts: tuple[FontFile, ...]) -> bool:
    return all(_stack_covers(point, stack, fonts) for stack in stacks)


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


def missing_glyphs(
    text: str, theme: Theme, fonts: tuple[FontFile, ...] | None = None
) -> MissingGlyphs:
    """What in ``text`` the PDF would draw as ``.notdef`` with the theme's stacks.

    ``fonts`` are the faces WeasyPrint is given (default: every bundled face).
    """
    faces = bundled_fonts() if fonts is None else fonts
    stacks = font_stacks(theme.pdf_css)
    counts = Counter(
        c for c in text
        if not c.isspace() and unicodedata.category(c) not in _NOT_DRAWN
    )
    missing = Counter({c: n for c, n in counts.items() if not _covered(ord(c), stacks, faces)})
    return MissingGlyphs(tuple(missing.most_common()))
