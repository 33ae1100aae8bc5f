"""Turn an ingested Article into one that meets the accessibility rules.

What this stage guarantees to ``compose``:

* exactly one H1 (the title, added by the template) and body headings that
  start at H2 and never skip a level — levels are renumbered, text kept;
* a deterministic, unique ``id`` on every heading (for links, nav and bookmarks);
* a document language (``--lang`` > the source's > detection), else ``und``
  (undetermined; lint reports it as an error, so no edition claims conformance);
* a stable ``urn:uuid`` identifier derived from the content (UUID5), never random;
* a description (the first paragraph, shortened) when the source gave none;
* footnotes as notes: the reader's links to ``#fn-N`` become :class:`NoteRef` (each
  with an id of its own), the ordered list of ``fn-N`` items after a heading becomes a
  notes list, and each note ends with a :class:`NoteBack` to its first reference, so
  both editions can give them note semantics (EPUB endnotes, PDF ``Note``).

What it cannot fix it leaves visible for ``renderer.check.lint`` to report: an
image with no alt text is never given a made-up one.
"""

from __future__ import annotations

import re
import unicodedata
import uuid

from ..model import (
    Article,
    Block,
    BlockQuote,
    Emphasis,
    Figure,
    Heading,
    Inline,
    Link,
    ListBlock,
    ListItem,
    NoteBack,
    NoteRef,
    Paragraph,
    PhotoCaption,
    Quote,
    Span,
    Strong,
    Table,
    Text,
    plain_text,
    replace,
)
from ..options import Options
from .language import UNDETERMINED, body_language

__all__ = ["Issue", "article_issues", "normalize"]

# A fixed namespace for article identifiers: the same content gives the same
# urn:uuid on every machine and in every release.
ARTICLE_NAMESPACE = uuid.UUID("6f1d7a52-3c1e-5b1a-9d4e-2a6c0f0e8b11")


def normalize(article: Article, options: Options | None = None) -> Article:
    options = options or Options()
    blocks = _notes(_fix_headings(article.blocks))
    meta = article.metadata
    language = options.lang or meta.language or body_language(blocks) or UNDETERMINED
    description = meta.description or _describe(blocks)
    meta = replace(meta, language=language, description=description)
    meta = replace(meta, identifier=meta.identifier or content_identifier(meta, blocks))
    return replace(article, metadata=meta, blocks=blocks)


# ----------------------------------------------------------------- headings


def _fix_headings(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """Renumber body headings: first is H2, each at most one deeper than the last."""
    used: set[str] = {"title"}
    previous = 1
    fixed: list[Block] = []
    for block in blocks:
        if isinstance(block, Heading):
            level = max(2, min(block.level, previous + 1, 6))
            ident = block.id or _slug(plain_text(block.children))
            ident = _unique(ident, used)
            fixed.append(replace(block, level=level, id=ident))
            previous = level
        else:
            fixed.append(block)
    return tuple(fixed)


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:48].rstrip("-")
    return f"s-{slug}" if slug else "section"


def _unique(ident: str, used: set[str]) -> str:
    candidate, n = ident, 2
    while candidate in used:
        candidate, n = f"{ident}-{n}", n + 1
    used.add(candidate)
    return candidate


# ----------------------------------------------------------------- notes


def _notes(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """Footnotes as the readers write them (see ``ListItem.id``) turned into notes."""
    numbers: dict[str, int] = {}
    lists = set()
    for index, block in enumerate(blocks):
        if (
            isinstance(block, ListBlock)
            and block.ordered
            and index
            and isinstance(blocks[index - 1], Heading)
            and all((item.id or "").startswith("fn-") for item in block.items)
        ):
            lists.add(index)
            numbers.update((item.id, block.start + k) for k, item in enumerate(block.items))
    if not numbers:
        return blocks
    refs: dict[str, list[str]] = {}

    def reference(node: Inline) -> Inline:
        match node:
            case Link(href, _, _) if href.startswith("#") and href[1:] in numbers:
                note = href[1:]
                seen = refs.setdefault(note, [])
                ident = f"fnref-{numbers[note]}" + (f"-{len(seen) + 1}" if seen else "")
                seen.append(ident)
                return NoteRef(note, numbers[note], ident)
            case Emphasis() | Strong() | Quote() | Span() | Link():
                return replace(node, children=tuple(reference(c) for c in node.children))
        return node

    blocks = _map_inlines(blocks, lambda nodes: tuple(reference(n) for n in nodes))
    return tuple(
        replace(block, notes=True, items=tuple(_with_backlink(i, refs) for i in block.items))
        if index in lists
        else block
        for index, block in enumerate(blocks)
    )


def _with_backlink(item: ListItem, refs: dict[str, list[str]]) -> ListItem:
    first = refs.get(item.id or "")
    if not first:
        return item
    back = NoteBack(first[0])
    last = item.blocks[-1] if item.blocks else None
    if isinstance(last, Paragraph):
        last = replace(last, children=(*last.children, Text(" "), back))
        return replace(item, blocks=(*item.blocks[:-1], last))
    return replace(item, blocks=(*item.blocks, Paragraph((back,))))


def _map_inlines(blocks: tuple[Block, ...], change) -> tuple[Block, ...]:
    """``blocks`` with ``change`` applied to every run of inlines, in reading order."""
    out: list[Block] = []
    for block in blocks:
        match block:
            case Paragraph() | Heading() | PhotoCaption():
                block = replace(block, children=change(block.children))
            case Figure():
                block = replace(block, caption=change(block.caption))
            case Table():

                def cells(rows):
                    return tuple(
                        tuple(replace(c, children=change(c.children)) for c in row) for row in rows
                    )

                block = replace(
                    block,
                    caption=change(block.caption),
                    head=cells(block.head),
                    body=cells(block.body),
                )
            case BlockQuote():
                block = replace(block, blocks=_map_inlines(block.blocks, change))
            case ListBlock():
                block = replace(
                    block,
                    items=tuple(
                        replace(i, blocks=_map_inlines(i.blocks, change)) for i in block.items
                    ),
                )
        out.append(block)
    return tuple(out)


# ----------------------------------------------------------------- metadata


def _describe(blocks: tuple[Block, ...], limit: int = 200) -> str | None:
    for block in blocks:
        if isinstance(block, Paragraph):
            text = " ".join(plain_text(block.children).split())
            if len(text) <= limit:
                return text
            cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:")
            return cut + "…"
    return None


def content_identifier(meta, blocks: tuple[Block, ...]) -> str:
    """urn:uuid from title, date, authors and body text: same content, same id."""
    key = "\x1f".join(
        [
            meta.title,
            meta.date.isoformat() if meta.date else "",
            ";".join(meta.authors),
            repr(blocks),
        ]
    )
    return f"urn:uuid:{uuid.uuid5(ARTICLE_NAMESPACE, key)}"


def _figures(blocks):
    for block in blocks:
        if isinstance(block, Figure):
            yield block
        elif isinstance(block, BlockQuote):
            yield from _figures(block.blocks)
        elif isinstance(block, ListBlock):
            for item in block.items:
                yield from _figures(item.blocks)
        elif isinstance(block, ListItem):
            yield from _figures(block.blocks)


def edition_identifier(identifier: str, edition: str) -> str:
    """The identifier of one edition (``"pdf"``) of a work, derived from the work's.

    The EPUB is identified by the work's own identifier; the PDF gets its own, so
    the EPUB can name the PDF as the source of its page numbers (pageBreakSource).
    """
    base = (
        uuid.UUID(identifier.rsplit(":", 1)[-1])
        if identifier.startswith("urn:uuid:")
        else (uuid.uuid5(ARTICLE_NAMESPACE, identifier))
    )
    return f"urn:uuid:{uuid.uuid5(base, edition)}"
