"""Turn the PDF's page starts into page-break markers in the EPUB's model.

:func:`renderer.pdf.pages.page_starts` says where each printed page begins as
(``data-pos`` path, words before). Here each start becomes, in a copy of the
article:

* a :class:`~renderer.model.PageBreak` inline before that word, when the page
  begins inside a paragraph or heading;
* a :class:`~renderer.model.PageMarker` before the block (or as the first block of
  a list item), when the page begins at a block's start or inside a block that
  has no running text of its own (figure, list, quote);
* a PageBreak before that word of a table cell, when a page begins inside a
  table (cells are anchored one by one, since a row may be split across pages; a
  marker before the table when the page begins at its first cell);
* a "lead" page number, when the page begins in the article's header.

A packet's cover and contents are not model blocks but text the templates write;
:class:`TextPages` places their markers by the same rule, at the element
(``cover/title``, ``cover/i3``, ``contents/i7`` …) and word where a page begins.

The paths are those of :func:`renderer.compose.positions`; words are runs of
non-space characters of the block's text (soft hyphens ignored, a line break a
boundary, a note reference a word of its own), exactly as the PDF side counts
them, so the marker lands before the word in which the page begins — before the
whole word when the page begins inside one that the PDF hyphenated across the
page break.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from .model import (
    Abbr,
    Article,
    Block,
    BlockQuote,
    Cell,
    Code,
    Heading,
    Inline,
    LineBreak,
    ListBlock,
    NoteBack,
    NoteRef,
    PageBreak,
    PageMarker,
    Paragraph,
    Table,
    Text,
)

__all__ = [
    "OWN_WORD_ROLES",
    "SOFT_HYPHEN",
    "ArticlePages",
    "PageStart",
    "TextPages",
    "place_page_breaks",
]

#: Neither a word boundary nor a character of the word: both editions skip it.
SOFT_HYPHEN = "\xad"
#: Roles of the elements that are words of their own though printed against the word
#: before them (a note's reference "crews.[7]", its back-link): NoteRef and NoteBack.
OWN_WORD_ROLES = frozenset({"doc-noteref", "doc-backlink"})


@dataclass(frozen=True, slots=True)
class PageStart:
    """Where one printed page begins: the anchored element and the words before it."""

    page: int  # the number printed on the page (1-based, no counter resets)
    pos: str | None  # data-pos path of the element where the page begins
    word: int  # words of that element laid out on earlier pages


@dataclass(slots=True)
class ArticlePages:
    article: Article
    lead_pages: tuple[int, ...] = ()  # pages that begin before the article's header
    numbers: list[int] = field(default_factory=list)  # every page placed in this article


@dataclass(frozen=True, slots=True)
class TextPages:
    """Page starts inside template-written text, by anchor key (``data-pos``)."""

    wanted: dict[str, tuple[tuple[int, int], ...]] = field(default_factory=dict)

    @classmethod
    def of(cls, starts: list[PageStart], keys: tuple[str, ...]) -> TextPages:
        """The starts whose anchor is one of ``keys`` or below one (``cover/…``)."""
        wanted: dict[str, list[tuple[int, int]]] = {}
        for start in starts:
            pos = start.pos or ""
            if pos in keys or pos.split("/", 1)[0] in keys:
                wanted.setdefault(pos, []).append((start.page, start.word))
        return cls({k: tuple(v) for k, v in wanted.items()})

    @property
    def numbers(self) -> list[int]:
        return sorted(n for marks in self.wanted.values() for n, _ in marks)

    def at_start(self, key: str) -> tuple[int, ...]:
        """Pages that begin at the element itself (before its first word)."""
        return tuple(n for n, w in self.wanted.get(key, ()) if w == 0)

    def text(self, key: str, text: str) -> tuple[Inline, ...]:
        """``text`` with a PageBreak before each word where a page begins (not the first)."""
        inside = [(n, w) for n, w in self.wanted.get(key, ()) if w > 0]
        return _insert_all((Text(text),), inside) if inside else (Text(text),)


def place_page_breaks(article: Article, starts: list[PageStart], prefix: str = "") -> ArticlePages:
    """A copy of ``article`` with a marker for every start whose path is in it."""
    wanted: dict[str, list[tuple[int, int]]] = {}
    lead: list[int] = []
    numbers: list[int] = []
    for start in starts:
        if start.pos is None or not start.pos.startswith(prefix):
            continue
        path = start.pos[len(prefix) :]
        numbers.append(start.page)
        if path == "h":
            lead.append(start.page)
        else:
            wanted.setdefault(path, []).append((start.page, start.word))
    blocks = _blocks(article.blocks, "", wanted)
    return ArticlePages(replace(article, blocks=blocks), tuple(lead), numbers)


def _blocks(blocks: tuple[Block, ...], base: str, wanted) -> tuple[Block, ...]:
    out: list[Block] = []
    for index, block in enumerate(blocks):
        path = f"{base}{index}"
        here = wanted.get(path, [])
        before = [n for n, w in here if w == 0 or not isinstance(block, Paragraph | Heading)]
        inside = [(n, w) for n, w in here if w > 0 and isinstance(block, Paragraph | Heading)]
        if isinstance(block, Table):
            block, at_start = _table(block, path, wanted)
            before += at_start
        out.extend(PageMarker(n) for n in before)
        if inside:
            block = replace(block, children=_insert_all(block.children, inside))
        if isinstance(block, BlockQuote):
            block = replace(block, blocks=_blocks(block.blocks, f"{path}/q", wanted))
        elif isinstance(block, ListBlock):
            block = replace(
                block,
                items=tuple(
                    _item(item, f"{path}/i{k}", wanted) for k, item in enumerate(block.items)
                ),
            )
        out.append(block)
    return tuple(out)


def _item(item, path: str, wanted):
    blocks = _blocks(item.blocks, f"{path}/", wanted)
    here = wanted.get(path, [])
    if not here:
        return replace(item, blocks=blocks)
    single = len(blocks) == 1 and isinstance(blocks[0], Paragraph)
    if single:  # rendered inline in the <li>: words count from the item's start
        paragraph = blocks[0]
        at_start = [n for n, w in here if w == 0]
        inside = [(n, w) for n, w in here if w > 0]
        children = _insert_all(paragraph.children, inside) if inside else paragraph.children
        children = tuple(PageBreak(n) for n in at_start) + tuple(children)
        return replace(item, blocks=(replace(paragraph, children=children),))
    return replace(item, blocks=tuple(PageMarker(n) for n, _ in here) + blocks)


def _table(table: Table, path: str, wanted) -> tuple[Table, list[int]]:
    """The table with a PageBreak in each cell where a page begins ("r3/c1" paths),
    and the pages that begin at its very start (first cell, first word)."""
    rows = [list(row) for row in (*table.head, *table.body)]
    at_start: list[int] = []
    prefix = f"{path}/r"
    for key, starts in wanted.items():
        if not key.startswith(prefix):
            continue
        r, _, c = key[len(prefix) :].partition("/c")
        if not (r.isdigit() and c.isdigit()):
            continue
        r, c = int(r), int(c)
        if not (r < len(rows) and c < len(rows[r])):
            continue
        at_start += [n for n, w in starts if (r, c, w) == (0, 0, 0)]
        inside = [(n, w) for n, w in starts if (r, c, w) != (0, 0, 0)]
        if inside:
            cell: Cell = rows[r][c]
            rows[r][c] = replace(cell, children=_insert_all(cell.children, inside))
    head = len(table.head)
    cells = tuple(tuple(row) for row in rows)
    return replace(table, head=cells[:head], body=cells[head:]), at_start


# ------------------------------------------------------------------- inlines


def _insert_all(nodes: tuple[Inline, ...], marks: list[tuple[int, int]]) -> tuple[Inline, ...]:
    """Insert PageBreak(n) before word ``w`` for each (n, w); markers add no words."""
    for number, word in sorted(marks, key=lambda m: (m[1], m[0]), reverse=True):
        nodes = _insert(nodes, word, number)
    return nodes


def _insert(nodes: tuple[Inline, ...], word: int, number: int) -> tuple[Inline, ...]:
    state = _Tokens()
    result, done = _walk(nodes, word, PageBreak(number), state)
    return result if done else (*result, PageBreak(number))


class _Tokens:
    __slots__ = ("open", "seen")

    def __init__(self) -> None:
        self.seen = 0  # words started so far
        self.open = False


def _walk(nodes, word: int, mark: PageBreak, state: _Tokens) -> tuple[tuple[Inline, ...], bool]:
    out: list[Inline] = []
    for position, node in enumerate(nodes):
        match node:
            case Text(text):
                split = _split_at_word(text, word, state)
                if split is not None:
                    left, right = text[:split], text[split:]
                    out.extend(n for n in (Text(left) if left else None, mark, Text(right)) if n)
                    out.extend(nodes[position + 1 :])
                    return tuple(out), True
                out.append(node)
            case NoteRef(text=text) | NoteBack(text=text):
                state.open = False  # a word of its own, though printed against the last
                if _split_at_word(text, word, state) is not None:
                    out.extend((mark, node, *nodes[position + 1 :]))
                    return tuple(out), True
                state.open = False
                out.append(node)
            case Code(text) | Abbr(text, _):
                if _split_at_word(text, word, state) is not None:
                    out.extend((mark, node, *nodes[position + 1 :]))
                    return tuple(out), True
                out.append(node)
            case LineBreak():
                state.open = False
                out.append(node)
            case PageBreak():
                out.append(node)
            case _:
                children = getattr(node, "children", ())
                inner, done = _walk(children, word, mark, state)
                out.append(replace(node, children=inner))
                if done:
                    out.extend(nodes[position + 1 :])
                    return tuple(out), True
    return tuple(out), False


def _split_at_word(text: str, word: int, state: _Tokens) -> int | None:
    """Index in ``text`` where word number ``word`` (0-based) starts, else None."""
    for index, char in enumerate(text):
        if char.isspace():
            state.open = False
            continue
        if char == SOFT_HYPHEN:
            continue
        if not state.open:
            if state.seen == word:
                return index
            state.seen += 1
            state.open = True
    return None
