"""Where each page of the laid-out PDF begins, said in terms of the article model.

``compose`` plants ``data-pos`` on every block element of the PDF's HTML (a path such
as ``3`` or ``a2:5/i1``, see :func:`renderer.compose.positions`). After layout, one
walk over every page's boxes, in order, finds for each page the first piece of
content in the page body (margin boxes, generated content such as list markers and
leader dots, and table header rows that WeasyPrint repeats are skipped), its nearest
anchored element, and how many words of that element were already laid out on
earlier pages. The EPUB then puts its page-break marker at exactly that place.

Words, not characters: WeasyPrint drops the space at each line end, so characters
would drift; a new line is a word boundary, and no word is split across lines
(hyphenation is manual). The walk is linear in the number of boxes.
"""

from __future__ import annotations

from typing import Any

from weasyprint.formatting_structure import boxes as _boxes
from weasyprint.layout.absolute import AbsolutePlaceholder

from ..pages import PageStart

__all__ = ["PageStart", "page_starts"]


class _WordCount:
    """Words seen so far in one anchored element, fed piece by piece."""

    __slots__ = ("open", "words")

    def __init__(self) -> None:
        self.words = 0
        self.open = False  # the last piece ended inside a word

    def feed(self, text: str, *, new_line: bool) -> None:
        if new_line:
            self.open = False
        if not text:
            return
        tokens = text.split()
        continues = self.open and not text[0].isspace()
        self.words += len(tokens) - (1 if continues and tokens else 0)
        self.open = bool(tokens) and not text[-1].isspace()


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
    anchors: dict[Any, str | None] = {}

    def anchor_of(element: Any) -> str | None:
        chain = []
        current = element
        found = None
        while current is not None:
            if current in anchors:
                found = anchors[current]
                break
            chain.append(current)
            pos = current.get("data-pos") if hasattr(current, "get") else None
            if pos:
                found = pos
                break
            current = parents.get(current)
        for item in chain:
            anchors[item] = found
        return found

    counts: dict[str, _WordCount] = {}
    seen_headers: set[Any] = set()
    starts: list[PageStart] = []
    previous: tuple[str | None, int] = (None, 0)

    for number, page in enumerate(pages, 1):
        first: tuple[str | None, int] | None = None
        new_line = False
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
            if isinstance(box, _boxes.LineBox):
                new_line = True
            if isinstance(box, _boxes.TextBox):
                anchor = anchor_of(box.element)
                if anchor is not None:
                    count = counts.setdefault(anchor, _WordCount())
                    if first is None and box.text.strip():
                        first = (anchor, count.words)
                    count.feed(box.text, new_line=new_line)
                new_line = False
                continue
            if isinstance(box, _boxes.ReplacedBox):
                anchor = anchor_of(box.element)
                if first is None and anchor is not None:
                    first = (anchor, counts[anchor].words if anchor in counts else 0)
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
