"""Turn a theme's CSS into the WCAG contrast ratio of every text/background pair it declares.

Not a cascade: every text colour the stylesheet declares is paired with every
background it declares (the page is white when it declares none), so a theme
that passes here passes for any element that could combine them. That is
stricter than the real cascade, never looser, and needs no document.

Custom properties are substituted with every value the sheet gives them;
colours may use any CSS Color 4 sRGB syntax (hex, names, ``rgb()``/``hsl()``
/``hwb()`` with spaces and ``/ alpha``); a translucent colour or an
``opacity`` is composited over what lies behind. What cannot be measured
that way (an image or gradient behind text, a colour syntax we cannot turn
into sRGB, an unresolvable ``var()``) is a problem in its own right
(:func:`unevaluated`), never silently skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import tinycss2
from tinycss2.color4 import parse_color

__all__ = [
    "ColourPair",
    "colour_pairs",
    "contrast_ratio",
    "final_declarations",
    "link_problems",
    "relative_luminance",
    "unevaluated",
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


#: Values a property may take that name no colour of their own (the parent's shows).
_NO_OWN_COLOUR = {"currentcolor", "inherit", "unset", "revert", "revert-layer"}
#: Functions that paint an image, not a colour: contrast over them cannot be measured.
_IMAGES = {"url", "image", "image-set", "cross-fade", "element", "paint"}
#: More substitutions than this (a value naming many variables, each declared many times)
#: is not a stylesheet anyone writes; it is reported instead of enumerated.
_MAX_EXPANSIONS = 64


class _Unknown(Exception):
    """A value that cannot be turned into sRGB colours; the message says why."""


def _meaningful(tokens) -> list:
    return [t for t in tokens if t.type not in ("whitespace", "comment")]


def _substitute(tokens, props: dict[str, list[list]], seen: frozenset[str] = frozenset()):
    """Every token list ``tokens`` can become once each ``var()`` takes each declared value."""
    results: list[list] = [[]]
    for token in tokens:
        if token.type == "function" and token.lower_name == "var":
            args = token.arguments
            split = next((i for i, a in enumerate(args) if a.type == "literal" and a.value == ","),
                         len(args))
            name = next((a.value for a in args[:split] if a.type == "ident"), "")
            if name in seen:
                raise _Unknown(f"var({name}) refers to itself")
            values = props.get(name) or ([args[split + 1:]] if split < len(args) else [])
            if not values:
                raise _Unknown(f"var({name}) has no value")
            options = [o for v in values for o in _substitute(v, props, seen | {name})]
        elif token.type == "function":
            options = [[_with_arguments(token, a)]
                       for a in _substitute(token.arguments, props, seen)]
        else:
            options = [[token]]
        results = [r + o for r in results for o in options]
        if len(results) > _MAX_EXPANSIONS:
            raise _Unknown("too many custom-property combinations to evaluate")
    return results


def _with_arguments(function, arguments):
    if arguments == function.arguments:
        return function
    return tinycss2.ast.FunctionBlock(function.source_line, function.source_column,
                                      function.name, arguments)


def _srgb(token) -> tuple[float, float, float, float] | str | None:
    """RGBA in 0-1, a keyword of :data:`_NO_OWN_COLOUR`, or ``None`` (not a colour)."""
    if token.type == "ident" and token.lower_value in _NO_OWN_COLOUR:
        return token.lower_value
    colour = parse_color(token)
    if colour is None:
        return None
    if isinstance(colour, str):  # currentcolor
        return colour
    try:
        srgb = colour.to("srgb")
    except NotImplementedError:
        raise _Unknown(f"{tinycss2.serialize([token])} cannot be converted to sRGB") from None
    r, g, b = (min(1.0, max(0.0, c)) for c in srgb.coordinates)
    return (r, g, b, float(srgb.alpha))


def _colour(tokens):
    """The single colour a ``color``/``background-color`` value names (``None``: none own)."""
    parts = _meaningful(tokens)
    if len(parts) != 1:
        raise _Unknown(f"{tinycss2.serialize(tokens).strip()!r} is not a colour")
    value = _srgb(parts[0])
    if value is None:
        raise _Unknown(f"{tinycss2.serialize(tokens).strip()!r} is not a colour we can evaluate")
    return None if isinstance(value, str) else value


def _background(tokens):
    """The colour of a ``background`` shorthand; an image or gradient cannot be evaluated."""
    found = None
    for token in _meaningful(tokens):
        if token.type == "url" or (token.type == "function" and (
                token.lower_name in _IMAGES or token.lower_name.endswith("gradient"))):
            raise _Unknown(f"{tinycss2.serialize([token])[:40]} is an image behind text")
        if token.type in ("function", "hash", "ident"):
            value = _srgb(token)
            if value is None and token.type != "ident":
                raise _Unknown(f"{tinycss2.serialize([token])!r} is not a colour we can evaluate")
            if value is not None and not isinstance(value, str):
                found = value
    return found


def _opacity(tokens) -> float:
    parts = _meaningful(tokens)
    if len(parts) == 1 and parts[0].type == "number":
        return min(1.0, max(0.0, parts[0].value))
    if len(parts) == 1 and parts[0].type == "percentage":
        return min(1.0, max(0.0, parts[0].value / 100))
    if len(parts) == 1 and parts[0].type == "ident" and parts[0].lower_value in _NO_OWN_COLOUR:
        return 1.0
    raise _Unknown(f"opacity {tinycss2.serialize(tokens).strip()!r}")


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


@dataclass(frozen=True, slots=True)
class _Sheet:
    """What the light cascade found: candidate colours per selector, and what it could not."""

    texts: dict[str, list[tuple]]
    backgrounds: dict[str, list[tuple]]
    sizes: dict[str, float | None]
    bold: dict[str, bool]
    problems: list[str]


def _custom_properties(rules: list[_Rule]) -> dict[str, list[list]]:
    """Every value each custom property is given anywhere (any of them may apply)."""
    props: dict[str, list[list]] = {}
    for rule in rules:
        for decl in rule.declarations:
            if decl.name.startswith("--"):
                props.setdefault(decl.name, []).append(decl.value)
    return props


@cache
def _sheet(css: str) -> _Sheet:
    rules = _rules(css)
    props = _custom_properties(rules)
    sheet = _Sheet({}, {}, {}, {}, [])
    opacity: dict[str, float] = {}
    for rule in rules:
        for selector in _selectors(rule.selector):
            for decl in rule.declarations:
                name = decl.lower_name
                try:
                    values = _substitute(decl.value, props)
                    if name == "color":
                        colours = [c for v in values if (c := _colour(v)) is not None]
                        if colours:
                            sheet.texts[selector] = colours
                    elif name in ("background", "background-color", "background-image"):
                        read = _colour if name == "background-color" else _background
                        colours = [c for v in values if (c := read(v)) is not None]
                        if colours:
                            sheet.backgrounds[selector] = colours
                    elif name == "opacity":
                        opacity[selector] = min(_opacity(v) for v in values)
                except _Unknown as why:
                    value = tinycss2.serialize(decl.value).strip()
                    sheet.problems.append(f"{selector} {{ {name}: {value} }}: {why}")
                if name in ("font-size", "font"):
                    sheet.sizes[selector] = _font_size_pt(decl.value)
                if name in ("font-weight", "font"):
                    weight = tinycss2.serialize(decl.value)
                    sheet.bold[selector] = bool(re.search(r"\b(bold|bolder|[6-9]00)\b", weight))
    if not sheet.texts:
        sheet.texts["(default text)"] = [(*BLACK, 1.0)]
    declared = [c for colours in sheet.texts.values() for c in colours]
    for selector, factor in opacity.items():
        if factor < 1:  # its own text, or any text it may hold, fades by the factor
            own = sheet.texts.get(selector, declared)
            sheet.texts[selector] = [(r, g, b, a * factor) for r, g, b, a in own]
    if not sheet.backgrounds:
        sheet.backgrounds["(page)"] = [(*WHITE, 1.0)]
    return sheet


def colour_pairs(css: str) -> list[ColourPair]:
    """Every (text colour, background colour) pair the stylesheet declares, with its ratio.

    A light cascade: for each single selector the last declaration wins (so a
    child theme's override replaces its parent's value); different selectors
    are all paired with each other. Translucent colours are composited: a
    background over white, text over that background.
    """
    sheet = _sheet(css)
    pairs = []
    for bg_selector, backgrounds in sheet.backgrounds.items():
        for bg in backgrounds:
            under = _blend(bg, WHITE)
            for text_selector, texts in sheet.texts.items():
                size = sheet.sizes.get(text_selector)
                large = size is not None and (
                    size >= 18 or (sheet.bold.get(text_selector, False) and size >= 14)
                )
                for fg in texts:
                    over = _blend(fg, under)
                    pairs.append(ColourPair(text_selector, over, bg_selector, under,
                                            contrast_ratio(over, under), large))
    return pairs


def unevaluated(css: str) -> list[str]:
    """Declarations whose contrast cannot be measured: each is a failure, not a pass."""
    return list(_sheet(css).problems)


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
    """Rules that make links depend on colour alone: the underline removed or invisible.

    ``text-decoration: none`` (or ``-line: none``), and an underline whose colour is
    fully transparent (``underline transparent``, ``text-decoration-color: #0000``).
    """
    rules = _rules(css)
    props = _custom_properties(rules)
    problems = []
    for rule in rules:
        if not any(_LINK.search(part.strip()) for part in rule.selector.split(",")):
            continue
        for decl in rule.declarations:
            name = decl.lower_name
            if name not in ("text-decoration", "text-decoration-line", "text-decoration-color"):
                continue
            value = tinycss2.serialize(decl.value).strip().lower()
            try:
                values = _substitute(decl.value, props)
            except _Unknown as why:
                problems.append(f"{rule.selector} {{ {name}: {value} }}: {why}")
                continue
            for tokens in values:
                parts = _meaningful(tokens)
                hidden = any(t.type == "ident" and t.lower_value == "none" for t in parts)
                colours = [c for t in parts if isinstance(c := _srgb_or_none(t), tuple)]
                if hidden or any(c[3] == 0 for c in colours):
                    problems.append(f"{rule.selector} {{ {name}: {value} }}")
                    break
    return problems


def _srgb_or_none(token):
    try:
        return _srgb(token)
    except _Unknown:
        return None
