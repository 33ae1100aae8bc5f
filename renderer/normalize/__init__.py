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
  both editions can give them note semantics (EPUB endnotes, PDF ``Note``);
* every link resolves (:mod:`.links`): a fragment whose target is not in the article, a
  relative link with no page URL to resolve it from, and any scheme but ``http``,
  ``https``, ``mailto`` and ``tel`` become the link's text; other relative links are made
  absolute from the page's URL (``Metadata.source``); a link with no text goes.

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
from .links import link_base, resolve_href

__all__ = ["Issue", "article_issues", "element_ids", "normalize"]

# A fixed namespace for article identifiers: the same content gives the same
# urn:uuid on every machine and in every release.
ARTICLE_NAMESPACE = uuid.UUID("6f1d7a52-3c1e-5b1a-9d4e-2a6c0f0e8b11")


def normalize(article: Article, options: Options | None = None) -> Article:
    options = options or Options()
    meta = article.metadata
    blocks = _resolve_links(_notes(_fix_headings(article.blocks)), link_base(meta.source))
    language = options.lang or meta.language or body_language(blocks) or UNDETERMINED
    description = meta.description or _describe(blocks)
    meta = replace(meta, language=language, description=description)
    meta = replace(meta, identifier=meta.identifier or content_identifier(meta, blocks))
    return replace(article, metadata=meta, blocks=blocks)


# ----------------------------------------------------------------- headings


#: Ids the templates give elements of an article's document (its ``<article>``, the title,
#: the body): a reader's heading or list item may not take them.
RESERVED_IDS = frozenset({"title", "article", "content"})


def _fix_headings(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """Renumber body headings: first is H2, each at most one deeper than the last.

    Headings inside lists and quotes count in that order too, and their level is fixed
    the same way. Ids are unique in the document: top-level headings get one (their own
    or a slug), and an id the reader gave a heading or list item further down that is
    already taken is made unique the same way.
    """
    used: set[str] = set(RESERVED_IDS)
    previous = [1]  # the level of the last heading, at any depth
    fixed: list[Block] = []
    for block in blocks:
        if isinstance(block, Heading):
            ident = block.id or _slug(plain_text(block.children))
            fixed.append(_fix_heading(replace(block, id=ident), used, previous))
        else:
            fixed.append(_fix_inner(block, used, previous))
    return tuple(fixed)


def _fix_heading(heading: Heading, used: set[str], previous: list[int]) -> Heading:
    level = max(2, min(heading.level, previous[0] + 1, 6))
    previous[0] = level
    ident = _unique(heading.id, used) if heading.id else None
    return replace(heading, level=level, id=ident)


def _fix_inner(block: Block, used: set[str], previous: list[int]) -> Block:
    """``block`` with the headings and ids inside it (in lists, quotes) fixed."""
    match block:
        case BlockQuote():
            return replace(block, blocks=tuple(_fix_inner(b, used, previous) for b in block.blocks))
        case ListBlock():
            items = []
            for item in block.items:
                ident = _unique(item.id, used) if item.id else None
                inner = tuple(_fix_inner(b, used, previous) for b in item.blocks)
                items.append(replace(item, id=ident, blocks=inner))
            return replace(block, items=tuple(items))
        case Heading():
            return _fix_heading(block, used, previous)
    return block


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


def element_ids(blocks: tuple[Block, ...]) -> frozenset[str]:
    """The ids a link may target once ``blocks`` are normalized: headings and list items.

    Headings get their ids here as :func:`normalize` gives them, so lint (which reads the
    article before normalize) and normalize decide every link the same way.
    """
    return _ids_in(_fix_headings(blocks))


def _ids_in(blocks: tuple[Block, ...]) -> frozenset[str]:
    """The ids of the headings and list items in ``blocks``, at any depth, as they are."""
    ids: set[str] = set()
    pending = list(blocks)
    while pending:
        block = pending.pop()
        if isinstance(block, Heading) and block.id:
            ids.add(block.id)
        elif isinstance(block, BlockQuote):
            pending.extend(block.blocks)
        elif isinstance(block, ListBlock):
            for item in block.items:
                if item.id:
                    ids.add(item.id)
                pending.extend(item.blocks)
    return frozenset(ids)


# ----------------------------------------------------------------- links


def _resolve_links(blocks: tuple[Block, ...], base: str | None) -> tuple[Block, ...]:
    """Each link's target as :func:`.links.resolve_href` decides; a dropped one is its text.
    ``blocks`` have their headings fixed already, so their ids are read as they are."""
    ids = _ids_in(blocks)

    def resolve(nodes: tuple[Inline, ...]) -> tuple[Inline, ...]:
        out: list[Inline] = []
        for node in nodes:
            match node:
                case Link(href, children, _):
                    children = resolve(children)
                    target = resolve_href(href, base=base, ids=ids).href
                    # A link with nothing to read (a wrapped image the reader dropped,
                    # a space) is announced as a bare link: it goes, its children stay.
                    if target is None or not plain_text(children).strip():
                        out.extend(children)
                    else:
                        out.append(replace(node, href=target, children=children))
                case Emphasis() | Strong() | Quote() | Span():
                    out.append(replace(node, children=resolve(node.children)))
                case _:
                    out.append(node)
        return tuple(out)

    def cite(block: Block) -> Block:
        if isinstance(block, BlockQuote):
            target = block.cite and resolve_href(block.cite, base=base, ids=frozenset()).href
            inner = tuple(cite(b) for b in block.blocks)
            return replace(block, blocks=inner, cite=target if block.cite else None)
        if isinstance(block, ListBlock):
            items = tuple(replace(i, blocks=tuple(cite(b) for b in i.blocks)) for i in block.items)
            return replace(block, items=items)
        return block

    return tuple(cite(b) for b in _map_inlines(blocks, resolve))


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
