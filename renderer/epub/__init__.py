"""Turn a normalized Article into an EPUB 3 meeting EPUB Accessibility 1.1.

The only module importing ebooklib. Steps, in order:

1. decide defects (the caller's ``known_defects`` plus what we see: missing
   alt text, title or language); with ``strict`` any defect is an
   :class:`~renderer.errors.AccessibilityError`;
2. embed local images (confined to the article's folder and ``allowed_paths``;
   remote ones become text, see :mod:`.images`);
3. compose the chapter XHTML and parse it with lxml ourselves, so a markup
   error is a :class:`~renderer.errors.RenderError`, never an empty chapter;
4. describe the book to ebooklib: package metadata (Dublin Core, creators with
   MARC relator roles, accessibility metadata derived by :mod:`.a11y`), the
   manifest, spine and toc (for the NCX);
5. let ebooklib write the zip, then :func:`.repair.repair` fixes its 0.20
   defects in one pass and rewrites the zip reproducibly.

Metadata decisions: each author is a ``dc:creator`` (role ``aut``). The
organization is the body that issued the article: it is the ``dc:publisher``
when no publisher is known, otherwise a ``dc:contributor`` with the MARC role
``isb`` (issuing body) — never a creator, since it is not a person who wrote
the text. ``dc:subject`` is each keyword, or the section when there are none.
"""

from __future__ import annotations

import datetime as _dt
import io
from dataclasses import dataclass

from ebooklib import epub as _epub
from lxml import etree

from ..compose import compose
from ..errors import AccessibilityError, RenderError
from ..model import Article
from ..normalize import content_identifier
from ..resources import Theme
from .a11y import A11yMetadata, derive, own_defects
from .images import plan_images
from .nav import TocEntry, nav_document, toc_entries
from .repair import parse_xml, repair

__all__ = ["EpubEdition", "write_epub"]

FOLDER = "EPUB"
CHAPTER = "article.xhtml"
NAV = "nav.xhtml"
STYLESHEET = "style.css"
FONTS = "fonts"


@dataclass
class EpubEdition:
    data: bytes
    defects: list[str]
    warnings: list[str]


def _utc(moment: _dt.datetime) -> _dt.datetime:
    """``moment`` in UTC; a naive moment is taken as UTC, never as local time."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=_dt.UTC)
    return moment.astimezone(_dt.UTC)


def _meta(book: _epub.EpubBook, prop: str, value: str, **attrs: str) -> None:
    book.add_metadata(None, "meta", value, {"property": prop, **attrs})


def _describe(book: _epub.EpubBook, article: Article, a11y: A11yMetadata) -> None:
    meta = article.metadata
    lang = meta.language or "en"
    book.IDENTIFIER_ID = "pub-id"
    # A normalized article always has one; derive it the same way otherwise.
    book.set_identifier(meta.identifier or content_identifier(meta, article.blocks))
    book.set_title(meta.title)
    book.set_language(lang)
    # ebooklib's generator meta would tie the bytes to its version; the
    # identifier, not the tool, is what the package should be known by.
    book.metadata.pop(_epub.NAMESPACES["OPF"], None)
    for n, author in enumerate(meta.authors, 1):
        book.add_metadata("DC", "creator", author, {"id": f"creator-{n}"})
        _meta(book, "role", "aut", refines=f"#creator-{n}", scheme="marc:relators")
    publisher = meta.publisher or meta.organization
    if meta.organization and meta.organization != publisher:
        book.add_metadata("DC", "contributor", meta.organization, {"id": "contributor-1"})
        _meta(book, "role", "isb", refines="#contributor-1", scheme="marc:relators")
    if publisher:
        book.add_metadata("DC", "publisher", publisher)
    if meta.date:
        book.add_metadata("DC", "date", meta.date.isoformat())
    if meta.source:
        book.add_metadata("DC", "source", meta.source)
    for subject in meta.keywords or ((meta.section,) if meta.section else ()):
        book.add_metadata("DC", "subject", subject)
    if meta.description:
        book.add_metadata("DC", "description", meta.description)
    for mode in a11y.access_modes:
        _meta(book, "schema:accessMode", mode)
    for mode in a11y.access_modes_sufficient:
        _meta(book, "schema:accessModeSufficient", mode)
    for feature in a11y.features:
        _meta(book, "schema:accessibilityFeature", feature)
    for hazard in a11y.hazards:
        _meta(book, "schema:accessibilityHazard", hazard)
    _meta(book, "schema:accessibilitySummary", a11y.summary)
    if a11y.conforms_to:
        _meta(book, "dcterms:conformsTo", a11y.conforms_to)
        _meta(book, "a11y:certifiedBy", a11y.certified_by or "")


def _ebooklib_toc(entry: TocEntry, counter: list[int]) -> object:
    counter[0] += 1
    link = _epub.Link(entry.href, entry.label, f"np-{counter[0]}")
    if not entry.children:
        return link
    return (link, [_ebooklib_toc(child, counter) for child in entry.children])


def _stylesheet(theme: Theme) -> str:
    faces = theme.epub_font_faces_css(FONTS)
    return f"{faces}\n{theme.epub_css}" if faces else theme.epub_css


def write_epub(
    article: Article,
    *,
    theme: Theme,
    moment: _dt.datetime,
    strict: bool,
    certified_by: str | None,
    known_defects: list[str],
    allowed_paths: tuple[str, ...] = (),
) -> EpubEdition:
    """Write one EPUB; ``known_defects`` come from earlier stages (e.g. ``missing-alt``)."""
    meta = article.metadata
    lang = meta.language or "en"
    defects = sorted(set(known_defects) | set(own_defects(article)))
    if strict and defects:
        raise AccessibilityError(
            f"the EPUB would not be accessible: {', '.join(defects)}",
            hint="fix the article or drop --strict",
        )
    warnings: list[str] = []

    plan = plan_images(article, allowed_paths)
    warnings.extend(plan.warnings)
    content = plan.article

    xhtml = compose(
        content,
        target="epub",
        stylesheet_href=STYLESHEET,
        image_href=lambda src: plan.hrefs.get(src, src),
    ).encode("utf-8")
    try:
        parse_xml(xhtml, CHAPTER)
    except RenderError as exc:
        raise RenderError(f"composed chapter is not well-formed XHTML: {exc}") from exc

    a11y = derive(content, css=theme.epub_css, defects=defects, certified_by=certified_by)
    if defects:
        warnings.append(
            "EPUB accessibility conformance not claimed because of: " + ", ".join(defects)
        )

    toc = toc_entries(content, CHAPTER)
    nav = nav_document(
        title=meta.title, lang=lang, toc=toc, nav_href=NAV, stylesheet_href=STYLESHEET
    )

    book = _epub.EpubBook()
    _describe(book, content, a11y)
    chapter = _epub.EpubHtml(uid="article", file_name=CHAPTER, title=meta.title, lang=lang)
    chapter.content = xhtml
    book.add_item(chapter)
    book.add_item(
        _epub.EpubItem(
            uid="style",
            file_name=STYLESHEET,
            media_type="text/css",
            content=_stylesheet(theme).encode("utf-8"),
        )
    )
    # Only a theme that needs its face (dyslexia-friendly) embeds fonts; others leave
    # the choice of typeface to the reader.
    for n, font in enumerate(theme.epub_fonts, 1):
        book.add_item(
            _epub.EpubItem(
                uid=f"font-{n}",
                file_name=f"{FONTS}/{font.path.name}",
                media_type=font.media_type,
                content=font.path.read_bytes(),
            )
        )
    for n, image in enumerate(plan.images, 1):
        book.add_item(
            _epub.EpubImage(
                uid=f"image-{n}",
                file_name=image.href,
                media_type=image.media_type,
                content=image.data,
            )
        )
    book.add_item(_epub.EpubNcx())
    nav_item = _epub.EpubNav(file_name=NAV, title=meta.title)
    book.add_item(nav_item)
    book.toc = [_ebooklib_toc(toc, [0])]
    # The landmarks link to the toc, and EPUBCheck wants every link target in
    # the spine (RSC-011): the nav is there, outside the linear reading order.
    book.spine = [chapter, (nav_item, "no")]

    raw = io.BytesIO()
    written = _epub.EpubWriter(
        raw,
        book,
        {
            "mtime": _utc(moment),
            "epub2_guide": False,
            "epub3_landmark": False,
            "epub3_pages": False,
            "raise_exceptions": True,
        },
    )
    try:
        written.process()
        written.write()
    except (OSError, ValueError, etree.LxmlError, _epub.EpubException) as exc:
        raise RenderError(f"ebooklib failed: {type(exc).__name__}: {exc}") from exc

    data = repair(
        raw.getvalue(),
        lang=lang,
        documents={f"{FOLDER}/{CHAPTER}": xhtml, f"{FOLDER}/{NAV}": nav},
        moment=moment,
    )
    return EpubEdition(data=data, defects=defects, warnings=warnings)
