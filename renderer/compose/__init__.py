"""Turn a normalized Article into semantic XHTML for one edition.

One Jinja2 environment (autoescape on, StrictUndefined, templates shipped in
the package) renders both targets from the same templates, so the PDF and the
EPUB say the same thing in the same order:

* ``pdf``: the document WeasyPrint lays out with the theme's print CSS.
* ``epub``: a polyglot XHTML content document (``lang`` + ``xml:lang``,
  ``epub:type`` always paired with its DPUB-ARIA ``role``) linking ``style.css``.

The body is grouped into nested ``<section>`` elements by heading level, which
gives both editions a real outline (PDF ``Sect``, EPUB sections).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Literal

import jinja2
from markupsafe import Markup

from ..model import LINK_SCHEMES, Article, Block, Heading, ListBlock, Packet, plain_text
from ..pages import TextPages

__all__ = [
    "ContentsEntry",
    "Section",
    "compose",
    "compose_packet",
    "compose_packet_front",
    "compose_packet_furniture",
    "compose_packet_slice",
    "compose_title_page",
    "format_date",
    "outline",
    "packet_entries",
    "positions",
    "safe_href",
]

Target = Literal["pdf", "epub"]

_MONTHS = {
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    "fr": [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ],
    "es": [
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ],
    "de": [
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ],
    "it": [
        "gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno",
        "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre",
    ],
    "pt": [
        "janeiro", "fevereiro", "março", "abril", "maio", "junho",
        "julho", "agosto", "setembro", "outubro", "novembro", "dezembro",
    ],
    "nl": [
        "januari", "februari", "maart", "april", "mei", "juni",
        "juli", "augustus", "september", "oktober", "november", "december",
    ],
}

# Labels of the visible metadata block and the PDF's page footer, per language (English
# as fallback).
_LABELS = {
    "en": {
        "published": "Published",
        "by": "By",
        "and": "and",  # between the last two authors
        "dateline": "Dateline",
        "source": "Source",
        "publisher": "Publisher",
        "original": "Original article",
        "date": "Date",
        "prepared_for": "Prepared for",
        "prepared_by": "Prepared by",
        "organization": "Organization",
        "articles": "Articles",
        "in_this_packet": "In this packet",
        "contents": "Contents",
        "page": "page",
        # the PDF footer: "Page 3 of 12"
        "folio_page": "Page",
        "folio_of": "of",
        "note": "Note",
        "back_to_text": "Back to the text",
    },
    "fr": {
        "published": "Publié le",
        "by": "Par",
        "and": "et",  # between the last two authors
        "dateline": "Lieu",
        "source": "Source",
        "publisher": "Éditeur",
        "original": "Article original",
        "date": "Date",
        "prepared_for": "Préparé pour",
        "prepared_by": "Préparé par",
        "organization": "Organisation",
        "articles": "Articles",
        "in_this_packet": "Dans ce dossier",
        "contents": "Sommaire",
        "page": "page",
        "folio_page": "Page",
        "folio_of": "sur",
        "note": "Note",
        "back_to_text": "Retour au texte",
    },
    "es": {
        "published": "Publicado",
        "by": "Por",
        "and": "y",  # between the last two authors
        "dateline": "Lugar",
        "source": "Fuente",
        "publisher": "Editor",
        "original": "Artículo original",
        "date": "Fecha",
        "prepared_for": "Preparado para",
        "prepared_by": "Preparado por",
        "organization": "Organización",
        "articles": "Artículos",
        "in_this_packet": "En este dosier",
        "contents": "Índice",
        "page": "página",
        "folio_page": "Página",
        "folio_of": "de",
        "note": "Nota",
        "back_to_text": "Volver al texto",
    },
    "de": {
        "published": "Veröffentlicht",
        "by": "Von",
        "and": "und",  # between the last two authors
        "dateline": "Ort",
        "source": "Quelle",
        "publisher": "Herausgeber",
        "original": "Originalartikel",
        "date": "Datum",
        "prepared_for": "Erstellt für",
        "prepared_by": "Erstellt von",
        "organization": "Organisation",
        "articles": "Artikel",
        "in_this_packet": "In dieser Mappe",
        "contents": "Inhalt",
        "page": "Seite",
        "folio_page": "Seite",
        "folio_of": "von",
        "note": "Anmerkung",
        "back_to_text": "Zurück zum Text",
    },
    "it": {
        "published": "Pubblicato il",
        "by": "Di",
        "and": "e",  # between the last two authors
        "dateline": "Luogo",
        "source": "Fonte",
        "publisher": "Editore",
        "original": "Articolo originale",
        "date": "Data",
        "prepared_for": "Preparato per",
        "prepared_by": "Preparato da",
        "organization": "Organizzazione",
        "articles": "Articoli",
        "in_this_packet": "In questo fascicolo",
        "contents": "Indice",
        "page": "pagina",
        "folio_page": "Pagina",
        "folio_of": "di",
        "note": "Nota",
        "back_to_text": "Torna al testo",
    },
    "pt": {
        "published": "Publicado em",
        "by": "Por",
        "and": "e",  # between the last two authors
        "dateline": "Local",
        "source": "Fonte",
        "publisher": "Editora",
        "original": "Artigo original",
        "date": "Data",
        "prepared_for": "Preparado para",
        "prepared_by": "Preparado por",
        "organization": "Organização",
        "articles": "Artigos",
        "in_this_packet": "Neste dossiê",
        "contents": "Sumário",
        "page": "página",
        "folio_page": "Página",
        "folio_of": "de",
        "note": "Nota",
        "back_to_text": "Voltar ao texto",
    },
    "nl": {
        "published": "Gepubliceerd",
        "by": "Door",
        "and": "en",  # between the last two authors
        "dateline": "Plaats",
        "source": "Bron",
        "publisher": "Uitgever",
        "original": "Oorspronkelijk artikel",
        "date": "Datum",
        "prepared_for": "Opgesteld voor",
        "prepared_by": "Opgesteld door",
        "organization": "Organisatie",
        "articles": "Artikelen",
        "in_this_packet": "In dit dossier",
        "contents": "Inhoud",
        "page": "pagina",
        "folio_page": "Pagina",
        "folio_of": "van",
        "note": "Noot",
        "back_to_text": "Terug naar de tekst",
    },
}


def format_date(date: _dt.date, lang: str) -> str:
    """A date as readers of ``lang`` write it (English style when unknown)."""
    base = lang.split("-")[0].lower()
    if base == "en" or base not in _MONTHS:
        return f"{_MONTHS['en'][date.month - 1]} {date.day}, {date.year}"
    if base == "de":
        return f"{date.day}. {_MONTHS['de'][date.month - 1]} {date.year}"
    if base in ("es", "pt"):
        return f"{date.day} de {_MONTHS[base][date.month - 1]} de {date.year}"
    return f"{date.day} {_MONTHS[base][date.month - 1]} {date.year}"


@dataclass(frozen=True, slots=True)
class Section:
    heading: Heading | None
    blocks: tuple[Block, ...] = ()
    sections: tuple[Section, ...] = field(default=())

    @property
    def notes(self) -> bool:
        """The section is the article's notes (EPUB ``endnotes``): only notes lists."""
        return bool(self.blocks) and not self.sections and all(
            isinstance(b, ListBlock) and b.notes for b in self.blocks
        )


def outline(blocks: tuple[Block, ...]) -> Section:
    """Nest blocks under their headings (levels are already normalized)."""

    def build(start: int, level: int) -> tuple[list[Block], list[Section], int]:
        own: list[Block] = []
        subs: list[Section] = []
        i = start
        while i < len(blocks):
            block = blocks[i]
            if isinstance(block, Heading):
                if block.level <= level:
                    break
                inner, inner_subs, i = build(i + 1, block.level)
                subs.append(Section(block, tuple(inner), tuple(inner_subs)))
                continue
            if subs:  # text after a subsection belongs to that subsection's level
                break
            own.append(block)
            i += 1
        return own, subs, i

    own, subs, _ = build(0, 1)
    return Section(None, tuple(own), tuple(subs))


@cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("renderer.compose", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["kind"] = lambda node: type(node).__name__
    env.filters["plain"] = plain_text
    env.filters["safe_href"] = safe_href
    env.globals["format_date"] = format_date
    return env


def labels_for(lang: str) -> dict[str, str]:
    return _LABELS.get(lang.split("-")[0].lower(), _LABELS["en"])


def safe_href(href: str | None) -> str | None:
    """The link target if its scheme is one an edition may carry, else None.

    ``javascript:``, ``data:``, ``file:`` and other schemes are dropped (the link
    text stays); relative references and fragments are kept. (Normalize has already
    resolved every link of an article, :mod:`renderer.normalize.links`; this is the last
    guard, also for metadata such as the source address.)
    """
    if not href:
        return None
    value = href.strip()
    scheme = value.split(":", 1)[0].lower() if ":" in value.split("/", 1)[0] else ""
    if scheme and scheme not in LINK_SCHEMES:
        return None
    return value


@dataclass(frozen=True, slots=True)
class ContentsEntry:
    """One line of a packet's contents list."""

    title: str
    href: str
    page: int | None = None  # the print page, shown when known in advance
    #: For a PDF front laid out apart from its articles (renderer/pdf/slices.py): the page
    #: number to print (``data-page``) and the id of an empty placeholder the link's
    #: destination is kept under until the parts are joined.
    printed: str | None = None
    target: str | None = None


def positions(blocks: tuple[Block, ...], prefix: str = "") -> dict[int, str]:
    """A stable path for every block, list item and nested block: "3", "3/i2", "3/i2/0".

    The PDF carries them as ``data-pos`` so that where each page begins can be said
    in terms of the model (see :mod:`renderer.pages`), never by matching text.
    """
    paths: dict[int, str] = {}

    def visit(items: tuple[Block, ...], base: str) -> None:
        for index, block in enumerate(items):
            path = f"{base}{index}"
            paths[id(block)] = path
            if isinstance(block, Heading):
                continue
            inner = getattr(block, "blocks", None)
            if inner is not None:  # BlockQuote
                visit(inner, f"{path}/q")
            for number, item in enumerate(getattr(block, "items", ()) or ()):
                paths[id(item)] = f"{path}/i{number}"
                visit(item.blocks, f"{path}/i{number}/")

    visit(blocks, prefix)
    return paths


def _pos_function(target: Target, paths: dict[int, str], prefix: str):
    if target != "pdf":
        return lambda obj=None, suffix=None: Markup("")

    def pos(obj=None, suffix=None) -> Markup:
        base = prefix if obj is None else paths.get(id(obj))
        if base is None:
            return Markup("")
        if suffix:
            base = f"{base}{suffix}" if obj is None else f"{base}/{suffix}"
        return Markup(' data-pos="{}"').format(base)

    return pos


def _context(lang: str, target: Target, **values):
    return {"target": target, "lang": lang, "labels": labels_for(lang), **values}


def compose(
    article: Article,
    *,
    target: Target,
    stylesheet_href: str | None = None,
    image_href: Callable[[str], str] | None = None,
    shift: int = 0,
    lead_pages: tuple[int, ...] = (),
) -> str:
    """Render ``article`` as a complete XHTML document for ``target``.

    Styles are not inlined: the PDF writer hands WeasyPrint parsed stylesheets
    (parsed once per process), the EPUB links ``stylesheet_href``.
    ``image_href`` maps an image's model ``src`` to the URL the edition uses
    (a file URL for WeasyPrint, a path inside the EPUB); identity by default.
    ``shift`` lowers every heading by that many levels (an article inside a
    packet has an H2 title); ``lead_pages`` are print pages that begin before
    the article's header.
    """
    meta = article.metadata
    lang = meta.language or "en"
    template = _environment().get_template("article.xhtml.j2")
    return template.render(
        _context(
            lang,
            target,
            meta=meta,
            root=outline(article.blocks),
            stylesheet_href=stylesheet_href,
            image_href=image_href or (lambda src: src),
            pos=_pos_function(target, positions(article.blocks), ""),
            shift=shift,
            idp="",
            lead_pages=lead_pages,
        )
    )


def _fragment(article: Article, index: int, target: Target, image_href=None) -> Markup:
    meta = article.metadata
    lang = meta.language or "en"
    prefix = f"a{index}:"
    template = _environment().get_template("article_fragment.j2")
    html = template.render(
        _context(
            lang,
            target,
            meta=meta,
            root=outline(article.blocks),
            image_href=image_href or (lambda src: src),
            pos=_pos_function(target, positions(article.blocks, prefix), prefix),
            shift=1,
            idp=f"a{index}-",
            lead_pages=(),
        )
    )
    return Markup(html)


def packet_entries(packet: Packet, *, href) -> list[ContentsEntry]:
    return [ContentsEntry(a.metadata.title, href(i, a)) for i, a in enumerate(packet.articles, 1)]


def compose_packet(
    packet: Packet, *, image_href: Callable[[Article, str], str] | None = None
) -> str:
    """The whole packet as ONE document for the PDF: cover, contents, articles.

    Articles are rendered one at a time into fragments (ids prefixed ``a<N>-`` so
    they stay unique in one document); an article in another language than the
    packet keeps its own ``lang``.
    """
    return _packet_document(
        packet,
        front=True,
        entries=packet_entries(packet, href=_title_href),
        fragments=_fragments(packet, range(1, len(packet.articles) + 1), image_href),
    )


def compose_packet_front(packet: Packet, numbers: dict[int, int] | None) -> str:
    """The cover and contents alone, printing ``numbers`` (article → page) as text.

    For a packet laid out in slices; ``None`` composes the draft, whose numbers are
    placeholders of the width the real ones will likely have.
    """
    width = len(str(3 * len(packet.articles) + 9))
    entries = [
        replace(
            entry,
            printed=str(numbers[i]) if numbers else "0" * width,
            target=_title_href(i, None)[1:],
        )
        for i, entry in enumerate(packet_entries(packet, href=_title_href), 1)
    ]
    return _packet_document(packet, front=True, entries=entries, fragments=[])


def compose_packet_slice(
    packet: Packet,
    articles: Sequence[int],
    *,
    image_href: Callable[[Article, str], str] | None = None,
) -> str:
    """Some of the packet's articles (1-based numbers), as the PDF lays out one slice."""
    return _packet_document(
        packet, front=False, entries=[], fragments=_fragments(packet, articles, image_href)
    )


def compose_packet_furniture(packet: Packet, page_names: Sequence[str]) -> str:
    """One empty page per page of the packet, each of the same page type (``@page NAME``)."""
    return _packet_document(
        packet, front=False, entries=[], fragments=[], furniture_pages=list(page_names)
    )


def _title_href(index: int, article: Article | None) -> str:
    return f"#a{index}-title"


def _fragments(packet: Packet, numbers: Sequence[int], image_href) -> list[Markup]:
    lang = packet.metadata.language or "en"
    fragments = []
    for index in numbers:
        article = packet.articles[index - 1]
        href = (lambda src, a=article: image_href(a, src)) if image_href else None
        fragment = _fragment(article, index, "pdf", href)
        article_lang = article.metadata.language or lang
        if article_lang != lang:
            fragment = (
                Markup('<div lang="{0}" xml:lang="{0}">').format(article_lang)
                + fragment
                + Markup("</div>")
            )
        fragments.append(fragment)
    return fragments


def _packet_document(
    packet: Packet,
    *,
    front: bool,
    entries: list[ContentsEntry],
    fragments: list[Markup],
    furniture_pages: list[str] | None = None,
) -> str:
    lang = packet.metadata.language or "en"
    template = _environment().get_template("packet.xhtml.j2")
    return template.render(
        _context(
            lang,
            "pdf",
            packet=packet,
            entries=entries,
            fragments=fragments,
            front=front,
            furniture_pages=furniture_pages,
            pos=_pos_function("pdf", {}, ""),
            shift=0,
            idp="",
            pages=TextPages(),
        )
    )


def compose_title_page(
    packet: Packet,
    *,
    entries: list[ContentsEntry],
    stylesheet_href: str | None,
    pages: TextPages | None = None,
) -> str:
    """The EPUB title page of a packet: cover and contents, with the markers of the
    print pages that begin in them (``pages``)."""
    lang = packet.metadata.language or "en"
    template = _environment().get_template("titlepage.xhtml.j2")
    return template.render(
        _context(
            lang,
            "epub",
            packet=packet,
            entries=entries,
            stylesheet_href=stylesheet_href,
            pos=_pos_function("epub", {}, ""),
            shift=0,
            idp="",
            pages=pages or TextPages(),
        )
    )
