"""Turn a theme's CSS into the WCAG contrast ratio of every text/background pair it declares.

Not a cascade: every text colour the stylesheet declares is paired with every
background it declares (the page is white when it declares none), so a theme
that passes here passes for any element that could combine them. That is
stricter than the real cascade, never looser, and needs no document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import tinycss2
from tinycss2.color3 import parse_color

__all__ = [
    "ColourPair",
    "colour_pairs",
    "contrast_ratio",
    "final_declarations",
    "link_problems",
    "relative_luminance",
]

WHITE = (1.0, 1.0, 1.0)
BLACK = (0.0, 0.0, 0.0)
#: WCAG: large text is at least 18 pt, or 14 pt bold.
_PX_PER_PT = 4 / 3


@dataclass(frozen=True, slots=True)
class ColourPair:
    text_selector: str
    text: tuple[float, float, float]
    background_selector: str
    background: tuple[float, float, float]
    ratio: float
    large: bool

    def required(self, minimum: float) -> float:
        """The ratio this pair needs: ``minimum`` (4.5 or 7), or 3 for large text at AA."""
        return 3.0 if self.large and minimum <= 4.5 else minimum

    def describe(self) -> str:
        def hexa(c: tuple[float, float, float]) -> str:
            return "#" + "".join(f"{round(v * 255):02x}" for v in c)

        return (
            f"{hexa(self.text)} ({self.text_selector}) on {hexa(self.background)} "
            f"({self.background_selector}): {self.ratio:.2f}:1"
        )


def relative_luminance(rgb: tuple[float, float, float]) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _blend(colour, under: tuple[float, float, float]) -> tuple[float, float, float]:
    r, g, b, alpha = colour
    return tuple(alpha * c + (1 - alpha) * u for c, u in zip((r, g, b), under, strict=True))


@dataclass(slots=True)
class _Rule:
    selector: str
    declarations: list  # of tinycss2 Declaration


def _rules(css: str) -> list[_Rule]:
    out: list[_Rule] = []

    def walk(nodes, context: str) -> None:
        for node in nodes:
            if node.type == "qualified-rule":
                selector = tinycss2.serialize(node.prelude).strip()
                content = tinycss2.parse_blocks_contents(node.content, True, True)
                out.append(_Rule(f"{context}{selector}", [d for d in content
                                                          if d.type == "declaration"]))
            elif node.type == "at-rule" and node.content is not None:
                name = node.lower_at_keyword
                if name == "font-face":
                    continue
                prelude = tinycss2.serialize(node.prelude).strip()
                label = f"{context}@{name}{' ' + prelude if prelude else ''}"
                if name in ("media", "supports"):
                    walk(tinycss2.parse_rule_list(node.content, True, True), label + " ")
                    continue
                content = tinycss2.parse_blocks_contents(node.content, True, True)
                out.append(_Rule(label, [d for d in content if d.type == "declaration"]))
                walk([n for n in content if n.type == "at-rule"], label + " ")

    walk(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True), "")
    return out


def _first_colour(tokens):
    for token in tokens:
        if token.type in ("whitespace", "comment"):
            continue
        colour = parse_color(token)
        if colour is not None and not isinstance(colour, str):  # "currentColor" is a str
            return colour
    return None


def _font_size_pt(value) -> float | None:
    for token in value:
        if token.type == "dimension":
            unit = token.lower_unit
            if unit == "pt":
                return token.value
            if unit == "px":
                return token.value / _PX_PER_PT
            return None  # relative: not known to be large
        if token.type == "literal" and token.value == "/":
            return None
    return None


def _selectors(selector: str) -> list[str]:
    """``h1, h2`` → ``["h1", "h2"]``; at-rule labels (``@page @top-left``) stay whole."""
    if selector.startswith("@"):
        return [selector]
    return [" ".join(part.split()) for part in selector.split(",") if part.strip()]


def colour_pairs(css: str) -> list[ColourPair]:
    """Every (text colour, background colour) pair the stylesheet declares, with its ratio.

    A light cascade: for each single selector the last declaration wins (so a
    child theme's override replaces its parent's value); different selectors
    are all paired with each other.
    """
    texts: dict[str, tuple] = {}
    backgrounds: dict[str, tuple] = {}
    sizes: dict[str, float | None] = {}
    bold: dict[str, bool] = {}
    for rule in _rules(css):
        for selector in _selectors(rule.selector):
            for decl in rule.declarations:
                name = decl.lower_name
                if name == "color":
                    colour = _first_colour(decl.value)
                    if colour is not None:
                        texts[selector] = colour
                elif name in ("background", "background-color"):
                    colour = _first_colour(decl.value)
                    if colour is not None:
                        backgrounds[selector] = colour
                if name in ("font-size", "font"):
                    sizes[selector] = _font_size_pt(decl.value)
                if name in ("font-weight", "font"):
                    weight = tinycss2.serialize(decl.value)
                    bold[selector] = bool(re.search(r"\b(bold|bolder|[6-9]00)\b", weight))
    if not backgrounds:
        backgrounds = {"(page)": (*WHITE, 1.0)}
    if not texts:
        texts = {"(default text)": (*BLACK, 1.0)}
    pairs = []
    for bg_selector, bg in backgrounds.items():
        under = _blend(bg, WHITE)
        for text_selector, fg in texts.items():
            size = sizes.get(text_selector)
            large = size is not None and (
                size >= 18 or (bold.get(text_selector, False) and size >= 14)
            )
            over = _blend(fg, under)
            pairs.append(ColourPair(text_selector, over, bg_selector, under,
                                    contrast_ratio(over, under), large))
    return pairs


def final_declarations(css: str) -> dict[str, dict[str, str]]:
    """For each single selector, the last value of each property (the same light cascade)."""
    final: dict[str, dict[str, str]] = {}
    for rule in _rules(css):
        for selector in _selectors(rule.selector):
            props = final.setdefault(selector, {})
            for decl in rule.declarations:
                props[decl.lower_name] = tinycss2.serialize(decl.value).strip()
    return final


_LINK = re.compile(r"(^|[\s>+~,])a($|[\s:.\[#,])")


def link_problems(css: str) -> list[str]:
    """Rules that make links depend on colour alone (``text-decoration: none`` on ``a``)."""
    problems = []
    for rule in _rules(css):
        if not any(_LINK.search(part.strip()) for part in rule.selector.split(",")):
            continue
        for decl in rule.declarations:
            if decl.lower_name in ("text-decoration", "text-decoration-line"):
                value = tinycss2.serialize(decl.value).strip().lower()
                if "none" in value.split():
                    problems.append(f"{rule.selector} {{ {decl.lower_name}: {value} }}")
    return problems
