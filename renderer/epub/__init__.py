"""Turn a normalized Article into an EPUB 3 meeting EPUB Accessibility 1.1.

The only module importing ebooklib. Steps, in order:

1. decide defects (the caller's ``known_defects`` plus what we see: missing
   alt text, title or language); with ``strict`` any defect is an
   :class:`~renderer.errors.AccessibilityError`;
2. embed local images (confined to the article's folder and ``allowed_paths``;
   remote ones become text, see :mod:`.images`);
3. compose the chapter XHTML and parse it with lxml ourselves, so a markup
   error is a :class:`~renderer.errors.RenderError`, never an empty chapter
   (the only parse each document gets: ebooklib writes our bytes verbatim and
   our own nav, and the repair does not parse them again);
4. describe the book to ebooklib: package metadata (Dublin Core, creators with
   MARC relator roles, accessibility metadata derived by :mod:`.a11y`), the
   manifest, spine and toc (for the NCX);
5. let ebooklib write the zip (uncompressed), then :func:`.repair.repair` fixes its 0.20
   defects in one pass and rewrites the zip reproducibly.

Metadata decisions: each author is a ``dc:creator`` (role ``aut``). The
organization is the body that issued the article: it is the ``dc:publisher``
when no publisher is known, otherwise a ``dc:contributor`` with the MARC role
``isb`` (issuing body). It is the creator only when no person is named ("From
10th Mountain Division Public Affairs"), exactly as in the PDF's XMP
(:attr:`~renderer.model.Metadata.creators`). ``dc:subject`` is each keyword, or
the section when there are none.
"""

from __future__ import annotations

import datetime as _dt
import io
from dataclasses import dataclass

from ebooklib import epub as _epub
from lxml import etree

from ..compose import ContentsEntry, compose, compose_title_page
from ..errors import AccessibilityError, RenderError
from ..model import Article, Packet, people
from ..normalize import content_identifier
from ..pages import PageStart, TextPages, place_page_breaks
from ..resources import Theme
from ..safeimage import MAX_IMAGE_PIXELS
from .a11y import A11yMetadata, derive, own_defects
from .images import plan_images
from .nav import TocEntry, nav_document, toc_entries
from .repair import check_body, parse_xml, repair

__all__ = ["EpubEdition", "PrintPages", "write_epub", "write_packet_epub"]

FOLDER = "EPUB"
CHAPTER = "article.xhtml"
TITLEPAGE = "titlepage.xhtml"
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


def _describe(
    book: _epub.EpubBook, article: Article, a11y: A11yMetadata, creator_role: str = "aut"
) -> None:
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
    for n, author in enumerate(meta.creators, 1):
        book.add_metadata("DC", "creator", author, {"id": f"creator-{n}"})
        _meta(book, "role", creator_role, refines=f"#creator-{n}", scheme="marc:relators")
    publisher = meta.publisher or meta.organization
    if meta.organization and meta.organization not in (publisher, *meta.creators):
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


@dataclass(frozen=True, slots=True)
class PrintPages:
    """The print (PDF) edition this EPUB follows page by page."""

    starts: tuple[PageStart, ...]
    source: str  # the PDF edition's identifier (pageBreakSource)


class _Verbatim(_epub.EpubHtml):
    """A document we authored and checked: ebooklib writes its bytes as they are.

    Plain ``EpubHtml`` re-parses the content with an HTML parser and rebuilds it
    (dropping ``<body>`` attributes and ``<head>``); that work would only be
    thrown away, so it is never done.
    """

    def get_content(self, default=None) -> bytes:
        return self.content


class _Writer(_epub.EpubWriter):
    """ebooklib's writer, given our navigation document instead of building its own."""

    def __init__(self, out, book, options, *, nav: bytes) -> None:
        super().__init__(out, book, options)
        self._nav = nav

    def _get_nav(self, item) -> bytes:
        return self._nav


@dataclass(frozen=True, slots=True)
class _Document:
    uid: str
    file_name: str
    title: str
    xhtml: bytes


def _check_defects(defects: list[str], strict: bool) -> None:
    if strict and defects:
        raise AccessibilityError(
            f"the EPUB would not be accessible: {', '.join(defects)}",
            hint="fix the article or drop --strict",
        )


def _checked(xhtml: str, name: str) -> bytes:
    """The composed document as bytes, parsed once here (the only parse it ever gets)."""
    data = xhtml.encode("utf-8")
    try:
        root = parse_xml(data, name)
    except RenderError as exc:
        raise RenderError(f"composed {name} is not well-formed XHTML: {exc}") from exc
    check_body(root, name)
    return data


def _page_list(documents: list[tuple[str, list[int]]]) -> tuple[tuple[int, str], ...]:
    """(page, href) for every printed page, in page order."""
    pairs = [(n, f"{name}#page-{n}") for name, numbers in documents for n in numbers]
    return tuple(sorted(pairs))


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
    print_pages: PrintPages | None = None,
    max_image_pixels: int = MAX_IMAGE_PIXELS,
) -> EpubEdition:
    """Write one article's EPUB; ``known_defects`` come from earlier stages (e.g. ``missing-alt``).

    With ``print_pages`` the book carries a page-break marker where each page of
    the PDF edition begins, a page list and ``pageBreakSource``.
    """
    meta = article.metadata
    defects = sorted(set(known_defects) | set(own_defects(article)))
    _check_defects(defects, strict)
    lead: tuple[int, ...] = ()
    numbers: list[int] = []
    if print_pages is not None:
        placed = place_page_breaks(article, list(print_pages.starts))
        article, lead, numbers = placed.article, placed.lead_pages, placed.numbers

    plan = plan_images(article, allowed_paths, max_pixels=max_image_pixels)
    content = plan.article
    xhtml = _checked(
        compose(
            content,
            target="epub",
            stylesheet_href=STYLESHEET,
            image_href=lambda src: plan.hrefs.get(src, src),
            lead_pages=lead,
        ),
        CHAPTER,
    )
    document = _Document("article", CHAPTER, meta.title, xhtml)
    return _assemble(
        meta=meta,
        facts_source=content,
        documents=[document],
        toc=(toc_entries(content, CHAPTER),),
        titlepage=None,
        images=plan.images,
        warnings=list(plan.warnings),
        page_list=_page_list([(CHAPTER, numbers)]) if print_pages else (),
        print_pages=print_pages,
        contributors=(),
        theme=theme,
        moment=moment,
        defects=defects,
        certified_by=certified_by,
    )


def write_packet_epub(
    packet: Packet,
    *,
    theme: Theme,
    moment: _dt.datetime,
    strict: bool,
    certified_by: str | None,
    known_defects: list[str],
    allowed_paths: tuple[str, ...] = (),
    print_pages: PrintPages | None = None,
    max_image_pixels: int = MAX_IMAGE_PIXELS,
) -> EpubEdition:
    """Write a packet's EPUB: a title page (cover and contents) and one document per article.

    The nav toc has two levels (articles, their sections); the landmarks are the
    title page, the toc and the first article; each article's authors are
    contributors of the book.
    """
    meta = packet.metadata
    defects = set(known_defects)
    for article in packet.articles:
        defects |= set(own_defects(article))
    defects_list = sorted(defects)
    _check_defects(defects_list, strict)
    starts = list(print_pages.starts) if print_pages else []

    documents: list[_Document] = []
    toc: list[TocEntry] = []
    images: dict[str, object] = {}
    warnings: list[str] = []
    page_docs: list[tuple[str, list[int]]] = []
    all_blocks: list = []
    entries: list[ContentsEntry] = []
    for index, article in enumerate(packet.articles, 1):
        name = f"article-{index:03d}.xhtml"
        lead: tuple[int, ...] = ()
        numbers: list[int] = []
        if print_pages is not None:
            placed = place_page_breaks(article, starts, prefix=f"a{index}:")
            article, lead, numbers = placed.article, placed.lead_pages, placed.numbers
        plan = plan_images(article, allowed_paths, max_pixels=max_image_pixels)
        warnings.extend(plan.warnings)
        for image in plan.images:
            images.setdefault(image.href, image)
        content = plan.article
        all_blocks.extend(content.blocks)
        xhtml = _checked(
            compose(
                content,
                target="epub",
                stylesheet_href=STYLESHEET,
                image_href=lambda src, plan=plan: plan.hrefs.get(src, src),
                shift=1,
                lead_pages=lead,
            ),
            name,
        )
        documents.append(_Document(f"article-{index}", name, content.metadata.title, xhtml))
        entry = toc_entries(content, name)
        # Two levels: the article, then its top sections.
        toc.append(
            TocEntry(
                entry.label, entry.href, tuple(TocEntry(c.label, c.href) for c in entry.children)
            )
        )
        first_page = min(
            (s.page for s in starts if s.pos and s.pos.startswith(f"a{index}:")), default=None
        )
        entries.append(ContentsEntry(content.metadata.title, name, first_page))
        page_docs.append((name, numbers))

    title_pages = TextPages.of(starts, ("cover", "contents"))
    title_xhtml = _checked(
        compose_title_page(
            packet, entries=entries, stylesheet_href=STYLESHEET, pages=title_pages
        ),
        TITLEPAGE,
    )
    titlepage = _Document("titlepage", TITLEPAGE, meta.title, title_xhtml)
    page_docs.insert(0, (TITLEPAGE, title_pages.numbers))
    # The packet's creators compiled it (MARC "com") when it names who prepared it;
    # otherwise they are the articles' own authors. Article authors are contributors.
    compiled = bool(packet.prepared_by or meta.organization)
    contributors = tuple(
        name
        for name in people(tuple(a for art in packet.articles for a in art.metadata.authors))
        if name not in meta.creators
    )
    return _assemble(
        meta=meta,
        facts_source=Article(meta, tuple(all_blocks)),
        documents=[titlepage, *documents],
        toc=tuple(toc),
        titlepage=TITLEPAGE,
        images=tuple(images.values()),
        warnings=warnings,
        page_list=_page_list(page_docs) if print_pages else (),
        print_pages=print_pages,
        contributors=contributors,
        creator_role="com" if compiled else "aut",
        theme=theme,
        moment=moment,
        defects=defects_list,
        certified_by=certified_by,
        articles=len(packet.articles),
    )


def _assemble(
    *,
    meta,
    facts_source: Article,
    documents: list[_Document],
    toc: tuple[TocEntry, ...],
    titlepage: str | None,
    images,
    warnings: list[str],
    page_list: tuple[tuple[int, str], ...],
    print_pages: PrintPages | None,
    contributors: tuple[str, ...],
    theme: Theme,
    creator_role: str = "aut",
    moment: _dt.datetime,
    defects: list[str],
    certified_by: str | None,
    articles: int | None = None,
) -> EpubEdition:
    """Describe the book to ebooklib, let it write, and repair what it writes.

    ``articles`` is how many articles a packet binds (None for a single article).
    """
    lang = meta.language or "en"
    a11y = derive(
        facts_source,
        css=theme.epub_css,
        defects=defects,
        certified_by=certified_by,
        page_list=bool(page_list),
        articles=articles,
    )
    if defects:
        warnings.append(
            "EPUB accessibility conformance not claimed because of: " + ", ".join(defects)
        )
    bodymatter = next(d.file_name for d in documents if d.file_name != titlepage)
    nav = nav_document(
        title=meta.title,
        lang=lang,
        toc=toc,
        nav_href=NAV,
        stylesheet_href=STYLESHEET,
        titlepage_href=titlepage,
        bodymatter_href=bodymatter,
        page_list=page_list,
    )

    book = _epub.EpubBook()
    _describe(book, Article(meta, facts_source.blocks), a11y, creator_role)
    for n, name in enumerate(contributors, 1):
        book.add_metadata("DC", "contributor", name, {"id": f"article-author-{n}"})
        _meta(book, "role", "aut", refines=f"#article-author-{n}", scheme="marc:relators")
    if print_pages is not None and page_list:
        _meta(book, "pageBreakSource", print_pages.source)
    items = []
    for document in documents:
        item = _Verbatim(
            uid=document.uid, file_name=document.file_name, title=document.title, lang=lang
        )
        item.content = document.xhtml
        book.add_item(item)
        items.append(item)
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
    for n, image in enumerate(images, 1):
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
    counter = [0]  # one sequence of NCX ids across every entry
    book.toc = [_ebooklib_toc(entry, counter) for entry in toc]
    # The landmarks link to the toc, and EPUBCheck wants every link target in
    # the spine (RSC-011): the nav is there, outside the linear reading order.
    book.spine = [*items, (nav_item, "no")]

    raw = io.BytesIO()
    written = _Writer(
        raw,
        book,
        {
            "mtime": _utc(moment),
            "epub2_guide": False,
            "epub3_landmark": False,
            "epub3_pages": False,
            "raise_exceptions": True,
            "compresslevel": 0,  # repair() re-reads and re-compresses every member anyway
        },
        nav=nav,
    )
    try:
        written.process()
        written.write()
    except (OSError, ValueError, etree.LxmlError, _epub.EpubException) as exc:
        raise RenderError(f"ebooklib failed: {type(exc).__name__}: {exc}") from exc

    data = repair(
        raw.getvalue(),
        lang=lang,
        documents={
            **{f"{FOLDER}/{d.file_name}": d.xhtml for d in documents},
            f"{FOLDER}/{NAV}": nav,
        },
        moment=moment,
        checked=frozenset(f"{FOLDER}/{d.file_name}" for d in documents),
    )
    return EpubEdition(data=data, defects=defects, warnings=warnings)
