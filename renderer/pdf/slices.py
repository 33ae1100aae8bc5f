"""Lay out a large packet in slices, so memory stays bounded, and join them into one PDF.

WeasyPrint keeps every laid-out page of a document in memory until the PDF is
written (about 0.8 MB a page), so a 500-article packet laid out at once needs
about a gigabyte. A packet of more than ``Options.slice_articles`` articles is
instead laid out as separate documents, each written to PDF bytes and dropped
before the next is laid out:

1. a draft of the *front* (cover and contents) gives its page count and where
   its headings leave off;
2. each *slice* of articles is laid out and written on its own; its tagging goes
   on from the previous part (heading checks, unique structure IDs), and the page
   each article starts on is read from the layout (the article title's anchor);
3. the final front prints those page numbers (as text, since the articles are
   not in its document); when the numbers change its page count, it is laid out
   again;
4. the *furniture* layer, one page per page of the packet, holds the margin boxes
   that need the whole packet ("Page X of Y"): the same theme, the same page
   names, no content;
5. :func:`renderer.pdf.join.join` makes one PDF of them: one structure tree, one
   ParentTree, one outline, the furniture drawn over each page as an Artifact.

Which margin boxes go to the furniture layer is read from the theme: every box
on a side of the page (top, bottom, left, right) where some box shows
``counter(page)`` or ``counter(pages)``. The other parts draw no box of those
sides; the layer draws nothing else (no background, no border). A side that
shows both a page counter and a running string set by the content (``string()``
of a heading) cannot be split this way: :func:`layers` says so and the packet is
laid out at once. Strings set on ``html``/``body`` (the footer's localized words)
are the same in every part, the furniture layer included.

Running strings set before a slice starts are set again by the theme from the
slice's ``<body data-packet-title>``, and the contents shows ``data-page``
numbers (see ``themes/briefing/pdf.css``).
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from dataclasses import replace as dc_replace

import tinycss2

from ..errors import RenderError
from . import PdfEdition, Writer
from .join import join

__all__ = ["Layers", "Slice", "layers", "write_sliced_pdf"]

SIDES: dict[str, tuple[str, ...]] = {
    "top": ("top-left-corner", "top-left", "top-center", "top-right", "top-right-corner"),
    "bottom": (
        "bottom-left-corner",
        "bottom-left",
        "bottom-center",
        "bottom-right",
        "bottom-right-corner",
    ),
    "left": ("left-top", "left-middle", "left-bottom"),
    "right": ("right-top", "right-middle", "right-bottom"),
}
_SIDE_OF = {box: side for side, boxes in SIDES.items() for box in boxes}


@dataclass(frozen=True, slots=True)
class Layers:
    """The extra CSS of the content parts and of the furniture layer."""

    content_css: str
    furniture_css: str
    sides: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Slice:
    """Some of the packet's articles (1-based numbers) and how to compose their document."""

    articles: tuple[int, ...]
    compose: Callable[[], str]


def _functions(tokens) -> list[tuple[str, list]]:
    """(name, arguments) of every function in a declaration value, nested ones too."""
    found = []
    stack = list(tokens)
    while stack:
        token = stack.pop()
        if token.type == "function":
            found.append((token.lower_name, token.arguments))
            stack.extend(token.arguments)
    return found


def _blocks(content) -> list:
    return tinycss2.parse_blocks_contents(content or [], skip_comments=True, skip_whitespace=True)


#: Selectors whose running strings every part sets the same way (the furniture layer too).
_ROOT_SELECTORS = {"html", ":root", "body", "html, body", "html,body"}


def _string_names(declaration) -> list[str]:
    """The names a ``string-set`` declaration sets (``name value, name value``)."""
    names, expect_name = [], True
    for token in declaration.value:
        if token.type == "literal" and token.value == ",":
            expect_name = True
        elif token.type == "ident" and expect_name:
            names.append(token.lower_value)
            expect_name = False
        elif token.type != "whitespace":
            expect_name = False
    return names


def layers(css: str) -> Layers | None:
    """How to split ``css``'s page furniture, or None when it cannot be split."""
    numbered: set[str] = set()
    stringed: set[str] = set()
    used: dict[str, set[str]] = {}  # side → running strings its boxes show
    set_by_root: set[str] = set()
    set_by_content: set[str] = set()
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    for rule in rules:
        if rule.type == "qualified-rule":
            selector = " ".join(tinycss2.serialize(rule.prelude).split())
            for declaration in _blocks(rule.content):
                if declaration.type == "declaration" and declaration.lower_name == "string-set":
                    target = set_by_root if selector in _ROOT_SELECTORS else set_by_content
                    target.update(_string_names(declaration))
    for rule in rules:
        if rule.type != "at-rule" or rule.lower_at_keyword != "page":
            continue
        for box in _blocks(rule.content):
            if box.type != "at-rule" or box.lower_at_keyword not in _SIDE_OF:
                continue
            side = _SIDE_OF[box.lower_at_keyword]
            for declaration in _blocks(box.content):
                if declaration.type != "declaration" or declaration.lower_name != "content":
                    continue
                for name, arguments in _functions(declaration.value):
                    idents = [a.lower_value for a in arguments if a.type == "ident"]
                    if name in ("counter", "counters") and idents[:1] in (["page"], ["pages"]):
                        numbered.add(side)
                    elif name == "string" and idents:
                        used.setdefault(side, set()).add(idents[0])
                    elif name in ("element", "target-counter", "target-text"):
                        stringed.add(side)
    # A string set only on the root element is the same in every part; one set by the
    # content (a heading) exists only in the part that holds that content.
    for side, names in used.items():
        if names - (set_by_root - set_by_content):
            stringed.add(side)
    if numbered & stringed:
        return None
    moved = tuple(side for side in SIDES if side in numbered)
    kept = tuple(side for side in SIDES if side not in numbered)

    def none(sides: tuple[str, ...]) -> str:
        return "".join(
            f"@{box} {{ content: none !important; }}" for side in sides for box in SIDES[side]
        )

    return Layers(
        content_css=f"@page {{ {none(moved)} }}" if moved else "",
        furniture_css=(
            f"@page {{ background: none !important; border: none !important; {none(kept)} }}"
            "html, body { background: none !important; }"
        ),
        sides=moved,
    )


def write_sliced_pdf(
    writer: Writer,
    *,
    split: Layers,
    front: Callable[[dict[int, int] | None], str],
    slices: Sequence[Slice],
    furniture: Callable[[list[str]], str],
) -> PdfEdition:
    """Write a packet as parts and join them (see the module docstring).

    ``front(numbers)`` composes the cover and contents, with ``numbers`` (article →
    print page) or, for the draft, None; ``furniture(names)`` composes one empty
    page per name (the page type of each page of the packet, in order).
    """
    css = split.content_css
    draft = writer.part(front(None), css=css)
    front_pages = draft.page_count
    ends = draft.tagging.ends
    del draft

    datas: list[bytes] = []
    starts = []
    names: list[str] = []
    first_page: dict[int, int] = {}  # article → 0-based page after the front
    offset = 0
    for number, piece in enumerate(slices, 1):
        part = writer.part(
            piece.compose(),
            css=css,
            continues=dc_replace(ends, id_prefix=f"s{number}-"),
            anchors=tuple(f"a{i}-title" for i in piece.articles),
        )
        missing = [i for i in piece.articles if f"a{i}-title" not in part.anchors]
        if missing:
            raise RenderError(f"article {missing[0]} of the packet has no title in its layout")
        first_page.update({i: offset + part.anchors[f"a{i}-title"] for i in piece.articles})
        starts += [dc_replace(s, page=s.page + offset) for s in part.starts]
        names += part.page_names
        offset += part.page_count
        ends = part.tagging.ends
        datas.append(part.data)
        del part
        gc.collect()  # the slice's boxes, before the next slice is laid out

    for _ in range(3):
        numbers = {i: front_pages + page + 1 for i, page in first_page.items()}
        final = writer.part(front(numbers), css=css)
        if final.page_count == front_pages:
            break
        front_pages = final.page_count
    else:
        raise RenderError("the packet's contents do not settle on a number of pages")

    layer = writer.part(furniture(final.page_names + names), css=split.furniture_css)
    if layer.page_count != front_pages + offset:
        raise RenderError(
            f"the page furniture has {layer.page_count} pages for {front_pages + offset}"
        )
    data = join(final.data, datas, layer.data)
    shifted = [dc_replace(s, page=s.page + front_pages) for s in starts]
    return writer.edition(data, front_pages + offset, final.starts + shifted)
