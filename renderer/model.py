"""The article model: the only shape the pipeline's stages share.

Readers (``renderer.ingest``) produce an :class:`Article`; ``renderer.normalize``
returns a corrected copy; ``renderer.compose`` turns it into XHTML. Everything
here is an immutable value so that stages stay pure functions and an article
can be hashed into a stable identifier.

Inline content is a small tree (``Inline`` nodes) rather than HTML strings, so
that no stage has to re-parse markup and escaping happens in exactly one place
(the Jinja2 templates).
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field, replace
from typing import ClassVar

__all__ = [
    "LINK_SCHEMES",
    "Abbr",
    "Article",
    "Block",
    "BlockQuote",
    "Cell",
    "Code",
    "Emphasis",
    "Figure",
    "Heading",
    "Image",
    "Inline",
    "LineBreak",
    "Link",
    "ListBlock",
    "ListItem",
    "Metadata",
    "NoteBack",
    "NoteRef",
    "Packet",
    "PageBreak",
    "PageMarker",
    "Paragraph",
    "PhotoCaption",
    "Quote",
    "Span",
    "Strong",
    "Table",
    "Text",
    "ThematicBreak",
    "block_text",
    "people",
    "person_name",
    "plain_text",
    "replace",
]


# --------------------------------------------------------------------- inlines


@dataclass(frozen=True, slots=True)
class Text:
    text: str


@dataclass(frozen=True, slots=True)
class Emphasis:
    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Strong:
    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Code:
    text: str


#: The URL schemes a link of an edition may have: web pages, mail and telephone. Readers
#: drop other schemes on sight; normalize turns whatever else is left into text.
LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel"})


@dataclass(frozen=True, slots=True)
class Link:
    href: str
    children: tuple[Inline, ...]
    title: str | None = None


@dataclass(frozen=True, slots=True)
class Abbr:
    """An abbreviation with its expansion (``<abbr title>`` → PDF ``/E``)."""

    text: str
    expansion: str


@dataclass(frozen=True, slots=True)
class Span:
    """A phrase in another language (``lang`` → PDF ``/Lang``)."""

    lang: str
    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Quote:
    """An inline quotation (``<q>`` → PDF ``Quote``)."""

    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class LineBreak:
    pass


@dataclass(frozen=True, slots=True)
class PageBreak:
    """Where page ``number`` of the print (PDF) edition begins, inside running text."""

    number: int


@dataclass(frozen=True, slots=True)
class NoteRef:
    """A reference to note ``number`` of the article (the list item whose id is ``note``).

    ``id`` is this reference's own id (``fnref-2``, ``fnref-2-2`` for a second one), the
    target of the note's :class:`NoteBack`. Both editions print :attr:`text`.
    """

    note: str
    number: int
    id: str

    @property
    def text(self) -> str:
        return f"[{self.number}]"


@dataclass(frozen=True, slots=True)
class NoteBack:
    """At the end of a note: the link back to its first reference (``ref``, a NoteRef id)."""

    ref: str
    text: ClassVar[str] = "\u21a9"  # ↩


Inline = (
    Text
    | Emphasis
    | Strong
    | Code
    | Link
    | Abbr
    | Span
    | Quote
    | LineBreak
    | PageBreak
    | NoteRef
    | NoteBack
)


# ---------------------------------------------------------------------- blocks


@dataclass(frozen=True, slots=True)
class Heading:
    level: int
    children: tuple[Inline, ...]
    id: str | None = None


@dataclass(frozen=True, slots=True)
class Paragraph:
    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class BlockQuote:
    blocks: tuple[Block, ...]
    cite: str | None = None


@dataclass(frozen=True, slots=True)
class ListItem:
    blocks: tuple[Block, ...]
    # A link target. Readers write an article's footnotes as a "Notes" heading and an
    # ordered list whose items have the ids "fn-1", "fn-2" …, linked to from the text.
    id: str | None = None


@dataclass(frozen=True, slots=True)
class ListBlock:
    items: tuple[ListItem, ...]
    ordered: bool = False
    start: int = 1
    # Each item is a note of the article (set by normalize, see renderer.normalize).
    # Not in the repr: content identifiers hash the blocks' repr, and the flag adds
    # nothing to the content (it is derived from the items' ids).
    notes: bool = field(default=False, repr=False)


@dataclass(frozen=True, slots=True)
class Image:
    """An image. ``alt is None`` means the source gave no alt text at all
    (an accessibility defect); ``alt == ""`` with ``decorative`` means the
    author marked it as decoration."""

    src: str
    alt: str | None
    decorative: bool = False
    width: int | None = None
    height: int | None = None


@dataclass(frozen=True, slots=True)
class Figure:
    image: Image
    caption: tuple[Inline, ...] = ()
    credit: str | None = None


@dataclass(frozen=True, slots=True)
class PhotoCaption:
    """A photo's caption kept from a scrape whose image is gone: text, no image.

    ``credit`` is the parenthesised credit without its parentheses ("U.S. Army photo by
    Spc. Jane Roe"). It is rendered as a figure caption with no image, so nothing claims
    a visual resource (no alt text is owed, no ``visual`` access mode).
    """

    children: tuple[Inline, ...]
    credit: str | None = None


@dataclass(frozen=True, slots=True)
class Cell:
    children: tuple[Inline, ...]
    header: bool = False
    scope: str | None = None  # "col" | "row" for header cells
    colspan: int = 1
    rowspan: int = 1


@dataclass(frozen=True, slots=True)
class Table:
    head: tuple[tuple[Cell, ...], ...]
    body: tuple[tuple[Cell, ...], ...]
    caption: tuple[Inline, ...] = ()


@dataclass(frozen=True, slots=True)
class ThematicBreak:
    pass


@dataclass(frozen=True, slots=True)
class PageMarker:
    """Page ``number`` of the print (PDF) edition begins before the next block."""

    number: int


Block = (
    Heading
    | Paragraph
    | BlockQuote
    | ListBlock
    | Figure
    | PhotoCaption
    | Table
    | ThematicBreak
    | PageMarker
)


# -------------------------------------------------------------------- article


@dataclass(frozen=True, slots=True)
class Metadata:
    title: str
    subtitle: str | None = None
    section: str | None = None  # the kicker, e.g. "News"
    date: _dt.date | None = None
    authors: tuple[str, ...] = ()
    organization: str | None = None
    dateline: str | None = None  # e.g. "MACDILL AIR FORCE BASE, Fla., May 6, 2015"
    language: str | None = None  # BCP 47
    publisher: str | None = None
    source: str | None = None  # URL or citation of the original
    identifier: str | None = None  # urn:uuid:… derived from content
    description: str | None = None
    keywords: tuple[str, ...] = ()

    @property
    def creators(self) -> tuple[str, ...]:
        """Who the editions name as creator: the authors, else the issuing organization.

        An article "From 10th Mountain Division Public Affairs" was written by that
        unit; both editions say so the same way (dc:creator in the XMP and the OPF).
        A person is named without rank or courtesy title (:func:`person_name`); the
        visible byline keeps it.
        """
        if self.authors:
            return people(self.authors)
        return (self.organization,) if self.organization else ()


@dataclass(frozen=True, slots=True)
class Article:
    metadata: Metadata
    blocks: tuple[Block, ...]
    # Where the article was read from; images and other local files are
    # resolved (and confined) relative to this folder.
    base_dir: str | None = None
    # What the reader noticed and could not fix (e.g. "no kicker line").
    notes: tuple[str, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class Packet:
    """A briefing packet: many articles, one document, with a cover and contents."""

    metadata: Metadata  # title, subtitle, date, organization, language, identifier, …
    articles: tuple[Article, ...]
    prepared_for: str | None = None
    prepared_by: str | None = None
    statement: str | None = None  # distribution or handling statement


# Ranks and courtesy titles written before a name in bylines ("Staff Sgt.", "Lt. Col.",
# "Petty Officer 2nd Class", "Dr."), as words; ordinals and numbers ("1st Class", "Chief
# Warrant Officer 3") are part of a rank too.
_TITLE_WORDS = frozenset([
    "pvt", "pfc", "spc", "cpl", "sgt", "ssgt", "sfc", "msg", "1sg", "sgm", "csm", "lt", "col",
    "maj", "gen", "capt", "brig", "adm", "cmdr", "cmdt", "ens", "cpo", "wo", "cwo", "amn",
    "sra", "tsgt", "msgt", "smsgt", "cmsgt", "private", "specialist", "corporal", "sergeant",
    "staff", "master", "senior", "chief", "command", "first", "technical", "tech", "lance",
    "gunnery", "petty", "officer", "warrant", "airman", "seaman", "lieutenant", "captain",
    "major", "colonel", "general", "brigadier", "admiral", "commander", "ensign", "vice",
    "rear", "class", "dr", "mr", "mrs", "ms", "mx", "prof",
])
_ORDINAL = re.compile(r"\d+(st|nd|rd|th)?", re.IGNORECASE)
# Words that continue a title already begun ("Sgt. Maj. of the Army", "Master Chief Petty
# Officer of the Navy"), never a title alone.
_TITLE_CONTINUED = frozenset(
    ["of", "the", "army", "navy", "marine", "corps", "air", "force", "space", "coast", "guard"]
)


def person_name(name: str) -> str:
    """``name`` without the rank or title in front of it: "Staff Sgt. Jane Doe" and
    "Jane Doe" are one person. At least two words are always kept."""
    words = name.split()
    start = 0
    while len(words) - start > 2:
        word = words[start].rstrip(".,")
        if not (word.casefold() in _TITLE_WORDS or _ORDINAL.fullmatch(word)
                or (start and word.casefold() in _TITLE_CONTINUED)):
            break
        start += 1
    return " ".join(words[start:])


def people(names: tuple[str, ...]) -> tuple[str, ...]:
    """Each person once, by :func:`person_name`, in the order first named."""
    return tuple(dict.fromkeys(person_name(n) for n in names))


def plain_text(inlines: tuple[Inline, ...] | list[Inline]) -> str:
    """The text a reader would hear for a run of inlines.

    A loop over a stack, not recursion: readers call it on runs they have not yet
    checked for depth.
    """
    parts: list[str] = []
    pending = list(reversed(inlines))
    while pending:
        match pending.pop():
            case Text(text) | Code(text):
                parts.append(text)
            case Abbr(text, _):
                parts.append(text)
            case LineBreak():
                parts.append("\n")
            case PageBreak() | NoteBack():
                pass
            case NoteRef() as ref:
                parts.append(ref.text)
            case Emphasis(children) | Strong(children) | Quote(children):
                pending.extend(reversed(children))
            case Span(_, children) | Link(_, children, _):
                pending.extend(reversed(children))
    return "".join(parts)


def block_text(blocks) -> str:
    """The text of blocks as a reader hears it, one block a line: headings, paragraphs,
    list items, quotes, table rows (cells joined by spaces) and captions. A loop over a
    stack, like :func:`plain_text`."""
    out: list[str] = []
    pending = list(reversed(tuple(blocks)))
    while pending:
        match pending.pop():
            case Paragraph(children) | Heading(_, children, _) | PhotoCaption(children, _):
                out.append(plain_text(children))
            case BlockQuote(inner, _):
                pending.extend(reversed(inner))
            case ListBlock(items, _, _):
                for item in reversed(items):
                    pending.extend(reversed(item.blocks))
            case Table(head, body, _):
                out.extend(" ".join(plain_text(c.children) for c in row) for row in head + body)
            case Figure(_, caption, _):
                out.append(plain_text(caption))
    return "\n".join(t for t in out if t)
