"""Turn an article's content into the accessibility metadata its EPUB may claim.

Nothing here is hard-coded per book: every ``schema:`` value is derived from
what the blocks actually contain (docs/standards.md, "The one rule behind every
claim"), following the EPUB Accessibility 1.1 techniques:

* ``accessMode`` is ``textual``, plus ``visual`` only when at least one
  *informative* image is in the book (decorative images do not count);
* ``accessModeSufficient`` is ``textual`` alone when every informative image has
  a text alternative (or there is none), and ``textual,visual`` whenever there
  are informative images;
* ``accessibilityFeature`` lists only what is true: ``structuralNavigation``
  (the h1 always exists, plus section headings), ``tableOfContents`` and
  ``readingOrder`` (the nav and the single-document spine), ``alternativeText``
  only when there are informative images and every one has alt text,
  ``displayTransformability`` only when the stylesheet sizes text in relative
  units (schema.org has no term for table headers, so tables, lists and
  language changes are only described in the summary);
* the conformance claim and ``a11y:certifiedBy`` only without defects.

This module is pure (no ebooklib, no I/O) so the derivation is easy to test.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .. import __version__
from ..model import (
    Abbr,
    Article,
    Block,
    BlockQuote,
    Emphasis,
    Figure,
    Heading,
    Inline,
    Link,
    ListBlock,
    Paragraph,
    PhotoCaption,
    Quote,
    Span,
    Strong,
    Table,
)

__all__ = ["CONFORMS_TO", "A11yMetadata", "ContentFacts", "derive", "facts_of", "own_defects"]

CONFORMS_TO = "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"

# Absolute length units that stop a reader from resizing text when used for
# font sizes (``1px`` borders are harmless, so only font sizing is checked).
_ABSOLUTE_FONT_SIZE = re.compile(
    r"font(?:-size)?\s*:[^;}]*?\d(?:\.\d+)?\s*(?:px|pt|pc|cm|mm|in|q)\b", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class ContentFacts:
    """What the accessibility metadata is derived from (counted over all blocks)."""

    section_headings: int = 0
    informative_images: int = 0
    images_with_alt: int = 0
    images_with_caption: int = 0
    decorative_images: int = 0
    tables: int = 0
    tables_with_headers: int = 0
    tables_with_caption: int = 0
    lists: int = 0
    foreign_phrases: int = 0
    abbreviations: int = 0


@dataclass(frozen=True, slots=True)
class A11yMetadata:
    access_modes: tuple[str, ...]
    access_modes_sufficient: tuple[str, ...]
    features: tuple[str, ...]
    hazards: tuple[str, ...]
    summary: str
    conforms_to: str | None
    certified_by: str | None


def _walk(blocks: tuple[Block, ...]) -> Iterator[Block]:
    for block in blocks:
        yield block
        match block:
            case BlockQuote(inner, _):
                yield from _walk(inner)
            case ListBlock(items, _, _):
                for item in items:
                    yield from _walk(item.blocks)


def _inlines_of(block: Block) -> Iterator[tuple[Inline, ...]]:
    match block:
        case Paragraph(children) | Heading(_, children, _) | PhotoCaption(children, _):
            # A PhotoCaption is text whose photo is gone: never an image, no visual claim.
            yield children
        case Figure(_, caption, _):
            yield caption
        case Table(head, body, caption):
            yield caption
            for row in (*head, *body):
                for cell in row:
                    yield cell.children


def _walk_inlines(nodes: tuple[Inline, ...]) -> Iterator[Inline]:
    for node in nodes:
        yield node
        if isinstance(node, Emphasis | Strong | Quote | Span | Link):
            yield from _walk_inlines(node.children)


def _has_alt(alt: str | None) -> bool:
    return alt is not None and alt.strip() != ""


def facts_of(article: Article) -> ContentFacts:
    counts = dict.fromkeys(ContentFacts.__dataclass_fields__, 0)
    for block in _walk(article.blocks):
        match block:
            case Heading():
                counts["section_headings"] += 1
            case Figure(image, caption, _):
                if image.decorative:
                    counts["decorative_images"] += 1
                else:
                    counts["informative_images"] += 1
                    counts["images_with_alt"] += _has_alt(image.alt)
                    counts["images_with_caption"] += bool(caption)
            case Table(head, body, caption):
                counts["tables"] += 1
                cells = [c for row in (*head, *body) for c in row]
                counts["tables_with_headers"] += any(c.header for c in cells)
                counts["tables_with_caption"] += bool(caption)
            case ListBlock():
                counts["lists"] += 1
        for run in _inlines_of(block):
            for node in _walk_inlines(run):
                counts["foreign_phrases"] += isinstance(node, Span)
                counts["abbreviations"] += isinstance(node, Abbr)
    return ContentFacts(**counts)


def own_defects(article: Article) -> list[str]:
    """Defect codes this writer can see by itself (lint reports them in the input as IN-…)."""
    codes = []
    if not article.metadata.title.strip():
        codes.append("missing-title")
    if not article.metadata.language:
        codes.append("missing-language")
    for block in _walk(article.blocks):
        image = block.image if isinstance(block, Figure) else None
        if image is not None and not image.decorative and not _has_alt(image.alt):
            codes.append("missing-alt")
            break
    return codes


def relative_text_sizes(css: str) -> bool:
    """True when no font size in ``css`` is given in absolute units."""
    return _ABSOLUTE_FONT_SIZE.search(css) is None


def _count(n: int, one: str, many: str) -> str:
    return f"{'one' if n == 1 else n} {one if n == 1 else many}"


def _summary(
    facts: ContentFacts,
    *,
    resizable: bool,
    conforming: bool,
    pages: bool = False,
    articles: int | None = None,
) -> str:
    parts = []
    if articles is not None:  # a packet: its nav lists the articles and their top sections
        sections = facts.section_headings
        parts.append(
            f"The packet has a title heading and {_count(articles, 'article', 'articles')}, "
            f"{'each ' if articles != 1 else ''}under its own heading"
            + (
                f", with {_count(sections, 'section heading', 'section headings')} in all"
                "; the table of contents lists each article and its first-level sections"
                if sections
                else "; the table of contents lists each article"
            )
        )
    elif facts.section_headings:
        parts.append(
            "The article has a title heading and "
            f"{_count(facts.section_headings, 'section heading', 'section headings')}, "
            "all listed in the table of contents"
        )
    else:
        parts.append(
            "The article is a single section under its title heading, which the table of "
            "contents links to"
        )
    if facts.informative_images:
        n, missing = facts.informative_images, facts.informative_images - facts.images_with_alt
        if n == 1:
            text = "one image " + (
                "without a text alternative" if missing else "with a text alternative"
            )
            text += " and a caption" if facts.images_with_caption else ""
        else:
            text = f"{n} images, " + (
                f"of which {_count(missing, 'lacks', 'lack')} a text alternative"
                if missing
                else "each with a text alternative"
            )
            if facts.images_with_caption:
                text += f" ({facts.images_with_caption} with a caption)"
        parts.append("it contains " + text)
    else:
        parts.append("it contains no informative images")
    if facts.decorative_images:
        parts.append(
            f"{_count(facts.decorative_images, 'decorative image is', 'decorative images are')} "
            "hidden from assistive technology"
        )
    if facts.tables:
        headed = facts.tables_with_headers
        parts.append(
            f"{_count(facts.tables, 'data table', 'data tables')}"
            + (" with header cells" if headed == facts.tables else f", {headed} with header cells")
            + (" and a caption" if facts.tables_with_caption == facts.tables else "")
        )
    if facts.foreign_phrases:
        parts.append("phrases in other languages are marked with their language")
    if facts.abbreviations:
        parts.append("abbreviations carry their expansion")
    sentence = "; ".join(parts) + "."
    if pages:
        sentence += (" Page-break markers and a page list give the page numbers of the"
                     " print (PDF) edition.")
    if resizable:
        sentence += " Text sizes are relative, so the reading system's settings apply."
    sentence += " No flashing, sound or motion hazards."
    if conforming:
        sentence += f" This publication meets {CONFORMS_TO}."
    else:
        sentence += " It does not claim conformance because of known accessibility defects."
    return sentence


def derive(
    article: Article,
    *,
    css: str,
    defects: list[str],
    certified_by: str | None,
    page_list: bool = False,
    articles: int | None = None,
) -> A11yMetadata:
    """Metadata true of this book; page features only when it has a page list.

    ``articles`` is the number of articles of a packet (``article`` then holds all their
    blocks), None for a single article: the summary describes the book it is in.
    """
    facts = facts_of(article)
    all_alt = facts.images_with_alt == facts.informative_images
    modes = ("textual", "visual") if facts.informative_images else ("textual",)
    if facts.informative_images:
        sufficient = ("textual,visual", "textual") if all_alt else ("textual,visual",)
    else:
        sufficient = ("textual",)
    features = ["structuralNavigation", "tableOfContents", "readingOrder"]
    if facts.informative_images and all_alt:
        features.append("alternativeText")
    resizable = relative_text_sizes(css)
    if resizable:
        features.append("displayTransformability")
    if page_list:
        features += ["pageBreakMarkers", "printPageNumbers", "pageNavigation"]
    conforming = not defects
    # Whoever evaluated the book: by default this tool, whose checks made the claim; a
    # publisher never evaluated the file, so it is named only when the user says so.
    certifier = certified_by or f"article-renderer {__version__}"
    return A11yMetadata(
        access_modes=modes,
        access_modes_sufficient=sufficient,
        features=tuple(features),
        hazards=("none",),
        summary=_summary(
            facts, resizable=resizable, conforming=conforming, pages=page_list, articles=articles
        ),
        conforms_to=CONFORMS_TO if conforming else None,
        certified_by=certifier if conforming else None,
    )
