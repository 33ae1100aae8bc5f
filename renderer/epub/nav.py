"""Turn the article's outline into the EPUB navigation document.

We write ``nav.xhtml`` ourselves because ebooklib 0.20 only derives landmarks
from the EPUB 2 guide (with deprecated types such as ``rearnotes``) and never
hides them. The document has:

* ``<nav epub:type="toc" role="doc-toc" id="toc">`` with a localized "Contents"
  heading and one nested ``ol``: the article title, then its sections by level;
* ``<nav epub:type="landmarks" hidden="">`` with ``toc`` and ``bodymatter``
  (and ``titlepage`` when the book has one);
* with a print edition, ``<nav epub:type="page-list" role="doc-pagelist" hidden="">``
  linking every printed page's marker.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from ..compose import Section, outline
from ..model import Article, plain_text

__all__ = ["TocEntry", "labels", "nav_document", "toc_entries"]

XHTML = "http://www.w3.org/1999/xhtml"
EPUB = "http://www.idpf.org/2007/ops"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

_LABELS = {
    "en": {
        "contents": "Contents",
        "landmarks": "Landmarks",
        "title_page": "Title page",
        "pages": "Pages",
    },
    "fr": {
        "contents": "Sommaire",
        "landmarks": "Repères",
        "title_page": "Page de titre",
        "pages": "Pages",
    },
    "es": {
        "contents": "Índice",
        "landmarks": "Puntos de referencia",
        "title_page": "Portada",
        "pages": "Páginas",
    },
    "de": {
        "contents": "Inhalt",
        "landmarks": "Orientierungspunkte",
        "title_page": "Titelseite",
        "pages": "Seiten",
    },
}


def labels(lang: str) -> dict[str, str]:
    return _LABELS.get(lang.split("-")[0].lower(), _LABELS["en"])


@dataclass(frozen=True, slots=True)
class TocEntry:
    label: str
    href: str
    children: tuple[TocEntry, ...] = ()


def toc_entries(article: Article, chapter_href: str) -> TocEntry:
    """The title entry with the article's sections nested by heading level."""

    def entries(section: Section) -> tuple[TocEntry, ...]:
        return tuple(
            TocEntry(
                plain_text(sub.heading.children).strip() or sub.heading.id or "",
                f"{chapter_href}#{sub.heading.id}",
                entries(sub),
            )
            for sub in section.sections
            if sub.heading is not None
        )

    return TocEntry(article.metadata.title, chapter_href, entries(outline(article.blocks)))


def _e(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    el = etree.SubElement(parent, f"{{{XHTML}}}{tag}", attrs)
    if text is not None:
        el.text = text
    return el


def _ol(parent: etree._Element, entries: tuple[TocEntry, ...]) -> None:
    ol = _e(parent, "ol")
    for entry in entries:
        li = _e(ol, "li")
        _e(li, "a", entry.label, href=entry.href)
        if entry.children:
            _ol(li, entry.children)


def nav_document(
    *,
    title: str,
    lang: str,
    toc: TocEntry | tuple[TocEntry, ...],
    nav_href: str,
    stylesheet_href: str | None,
    titlepage_href: str | None = None,
    bodymatter_href: str | None = None,
    page_list: tuple[tuple[int, str], ...] = (),
) -> bytes:
    """The navigation document: toc, hidden landmarks and, with a print edition, page-list.

    ``page_list`` is ``(page number, href of its marker)`` for every printed page.
    """
    words = labels(lang)
    entries = toc if isinstance(toc, tuple) else (toc,)
    html = etree.Element(f"{{{XHTML}}}html", nsmap={None: XHTML, "epub": EPUB})
    html.set("lang", lang)
    html.set(XML_LANG, lang)
    head = _e(html, "head")
    _e(head, "meta", charset="utf-8")
    _e(head, "title", f"{words['contents']} — {title}")
    if stylesheet_href:
        _e(head, "link", rel="stylesheet", type="text/css", href=stylesheet_href)
    body = _e(html, "body")

    nav = _e(body, "nav", id="toc", role="doc-toc")
    nav.set(f"{{{EPUB}}}type", "toc")
    _e(nav, "h2", words["contents"])
    _ol(nav, entries)

    landmarks = _e(body, "nav", id="landmarks", hidden="")
    landmarks.set(f"{{{EPUB}}}type", "landmarks")
    _e(landmarks, "h2", words["landmarks"])
    ol = _e(landmarks, "ol")
    marks = [("titlepage", titlepage_href, words["title_page"])] if titlepage_href else []
    marks.append(("toc", f"{nav_href}#toc", words["contents"]))
    marks.append(("bodymatter", bodymatter_href or entries[0].href, title))
    for kind, href, label in marks:
        a = _e(_e(ol, "li"), "a", label, href=href)
        a.set(f"{{{EPUB}}}type", kind)

    if page_list:
        pages = _e(body, "nav", id="page-list", role="doc-pagelist", hidden="")
        pages.set(f"{{{EPUB}}}type", "page-list")
        _e(pages, "h2", words["pages"])
        ol = _e(pages, "ol")
        for number, href in page_list:
            _e(_e(ol, "li"), "a", str(number), href=href)

    return b'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n' + etree.tostring(
        html, encoding="utf-8", pretty_print=True
    )
