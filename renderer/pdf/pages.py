"""Where each page of the laid-out PDF begins, said in terms of the article model.

``compose`` plants ``data-pos`` on every block element of the PDF's HTML (a path such
as ``3`` or ``a2:5/i1``, see :func:`renderer.compose.positions`). After layout, one
walk over every page's boxes, in order, finds for each page the first piece of
content in the page body (margin boxes, generated content such as list markers and
leader dots, and table header rows that WeasyPrint repeats are skipped), its nearest
anchored element, and the word of that element in which the page begins. The EPUB
then puts its page-break marker before that word.

Words are counted against the *source* text of the anchored element, not the laid-out
pieces: WeasyPrint drops the space where it breaks a line, and it breaks lines inside
words too (at a soft hyphen U+00AD, after a hard hyphen or a dash, or wherever
``overflow-wrap`` allows), so the pieces alone cannot say whether a new line starts a
new word. Each element's text is reduced to its non-space characters with the start
of every word marked; every laid-out piece advances a cursor by its own non-space
characters (less the hyphen WeasyPrint adds where it hyphenates). A page that begins
inside a word begins *in* that word: the marker goes before the whole word, so a
reader of the EPUB misses nothing printed on the page. A word is what
:func:`renderer.pages.place_page_breaks` counts too: a run of non-space characters,
soft hyphens ignored, ``<br>`` a boundary, a note reference a word of its own. The
walk is linear in the number of boxes.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Any

from weasyprint.formatting_structure import boxes as _boxes
from weasyprint.layout.absolute import AbsolutePlaceholder

from ..pages import OWN_WORD_ROLES, SOFT_HYPHEN, PageStart

__all__ = ["PageStart", "page_starts"]


class _Source:
    """One anchored element's source text, and how much of it is laid out so far."""

    __slots__ = ("chars", "seen", "starts")

    def __init__(self, text: str) -> None:
        chars: list[str] = []
        self.starts: list[int] = []  # index in ``chars`` where each word begins
        inside = False
        for char in text:
            if char.isspace():
                inside = False
            elif char != SOFT_HYPHEN:
                if not inside:
                    self.starts.append(len(chars))
                    inside = True
                chars.append(char)
        self.chars = "".join(chars)
        self.seen = 0  # non-space characters laid out so far

    def word(self) -> int:
        """The word in which the next laid-out character falls (words before it)."""
        if self.seen >= len(self.chars):
            return len(self.starts)
        return max(0, bisect_right(self.starts, self.seen) - 1)

    def feed(self, text: str, hyphen: str) -> None:
        """Advance past one laid-out piece; ``hyphen`` is what a hyphenated line ends with."""
        count = sum(1 for c in text if not c.isspace() and c != SOFT_HYPHEN)
        end = self.seen + count
        if (
            hyphen
            and text.rstrip().endswith(hyphen)
            and self.chars[end - len(hyphen) : end] != hyphen
        ):
            count -= len(hyphen)  # added by WeasyPrint where it hyphenated, not in the source
        self.seen += count


def _source_text(element: Any) -> str:
    """The element's text without that of anchored descendants (they count on their own)."""
    parts: list[str] = []

    def visit(node: Any) -> None:
        parts.append(node.text or "")
        for child in node:
            if isinstance(child.tag, str) and not child.get("data-pos"):
                apart = child.tag.rpartition("}")[2] == "br" or child.get("role") in OWN_WORD_ROLES
                parts.append(" " if apart else "")
                visit(child)
                parts.append(" " if apart else "")
            parts.append(child.tail or "")

    visit(element)
    return "".join(parts)


def page_starts(document: Any) -> list[PageStart]:
    pages = document.pages
    if not pages:
        return []
    root = next(
        (c.element for c in pages[0]._page_box.children if not isinstance(c, _boxes.MarginBox)),
        None,
    )
    parents: dict[Any, Any] = {}
    if root is not None:
        for parent in root.iter():
            for child in parent:
                parents[child] = parent
    anchors: dict[Any, Any] = {}

    def anchor_of(element: Any) -> Any:
        """The nearest element (this one or an ancestor) that carries a data-pos."""
        chain = []
        current = element
        found = None
        while current is not None:
            if current in anchors:
                found = anchors[current]
                break
            chain.append(current)
            if hasattr(current, "get") and current.get("data-pos"):
                found = current
                break
            current = parents.get(current)
        for item in chain:
            anchors[item] = found
        return found

    sources: dict[Any, _Source] = {}

    def source_of(anchor: Any) -> _Source:
        source = sources.get(anchor)
        if source is None:
            source = sources[anchor] = _Source(_source_text(anchor))
        return source

    seen_headers: set[Any] = set()
    starts: list[PageStart] = []
    previous: tuple[str | None, int] = (None, 0)

    for number, page in enumerate(pages, 1):
        first: tuple[str | None, int] | None = None
        headers_here: set[Any] = set()
        stack = [
            c for c in reversed(page._page_box.children) if not isinstance(c, _boxes.MarginBox)
        ]
        while stack:
            box = stack.pop()
            if isinstance(box, AbsolutePlaceholder):
                box = box._box
            if getattr(box, "is_leader", False) or "::" in (box.element_tag or ""):
                continue  # generated content: not in the source text
            if isinstance(box, _boxes.TableRowGroupBox) and box.is_header:
                if box.element in seen_headers:
                    continue  # repeated on this page by WeasyPrint: furniture
                headers_here.add(box.element)
            if isinstance(box, _boxes.TextBox | _boxes.ReplacedBox):
                anchor = anchor_of(box.element)
                if anchor is None:
                    continue
                source = source_of(anchor)
                is_text = isinstance(box, _boxes.TextBox)
                if first is None and (not is_text or box.text.strip()):
                    first = (anchor.get("data-pos"), source.word())
                if is_text:
                    source.feed(box.text, _hyphen(box.style))
                continue
            children = getattr(box, "children", None)
            if children:
                stack.extend(reversed(children))
        seen_headers |= headers_here
        if first is None:
            first = previous  # an empty page starts where the last one did
        starts.append(PageStart(number, first[0], first[1]))
        previous = first
    return starts


def _hyphen(style: Any) -> str:
    """The characters WeasyPrint appends to a line it hyphenates (``hyphenate-character``)."""
    value = style["hyphenate_character"]
    if not isinstance(value, str):
        return ""
    return "".join(c for c in value if not c.isspace() and c != SOFT_HYPHEN)
