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
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Literal

import jinja2

from ..model import Article, Block, Heading, plain_text

__all__ = ["Section", "compose", "format_date", "outline", "safe_href"]

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
}

# Labels of the visible metadata block, per language (English as fallback).
_LABELS = {
    "en": {
        "published": "Published",
        "by": "By",
        "dateline": "Dateline",
        "source": "Source",
        "publisher": "Publisher",
        "article_info": "Article information",
        "original": "Original article",
    },
    "fr": {
        "published": "Publié le",
        "by": "Par",
        "dateline": "Lieu",
        "source": "Source",
        "publisher": "Éditeur",
        "article_info": "Informations sur l’article",
        "original": "Article original",
    },
    "es": {
        "published": "Publicado",
        "by": "Por",
        "dateline": "Lugar",
        "source": "Fuente",
        "publisher": "Editor",
        "article_info": "Información del artículo",
        "original": "Artículo original",
    },
    "de": {
        "published": "Veröffentlicht",
        "by": "Von",
        "dateline": "Ort",
        "source": "Quelle",
        "publisher": "Herausgeber",
        "article_info": "Angaben zum Artikel",
        "original": "Originalartikel",
    },
}


def format_date(date: _dt.date, lang: str) -> str:
    """A date as readers of ``lang`` write it (English style when unknown)."""
    base = lang.split("-")[0].lower()
    if base == "en" or base not in _MONTHS:
        return f"{_MONTHS['en'][date.month - 1]} {date.day}, {date.year}"
    if base == "de":
        return f"{date.day}. {_MONTHS['de'][date.month - 1]} {date.year}"
    if base == "es":
        return f"{date.day} de {_MONTHS['es'][date.month - 1]} de {date.year}"
    return f"{date.day} {_MONTHS[base][date.month - 1]} {date.year}"


@dataclass(frozen=True, slots=True)
class Section:
    heading: Heading | None
    blocks: tuple[Block, ...] = ()
    sections: tuple[Section, ...] = field(default=())


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
    text stays); relative references and fragments are kept.
    """
    if not href:
        return None
    value = href.strip()
    scheme = value.split(":", 1)[0].lower() if ":" in value.split("/", 1)[0] else ""
    if scheme and scheme not in ("http", "https", "mailto"):
        return None
    return value


def compose(
    article: Article,
    *,
    target: Target,
    stylesheet_href: str | None = None,
    image_href: Callable[[str], str] | None = None,
) -> str:
    """Render ``article`` as a complete XHTML document for ``target``.

    Styles are not inlined: the PDF writer hands WeasyPrint parsed stylesheets
    (parsed once per process), the EPUB links ``stylesheet_href``.
    ``image_href`` maps an image's model ``src`` to the URL the edition uses
    (a file URL for WeasyPrint, a path inside the EPUB); identity by default.
    """
    meta = article.metadata
    lang = meta.language or "en"
    template = _environment().get_template("article.xhtml.j2")
    return template.render(
        target=target,
        meta=meta,
        lang=lang,
        labels=labels_for(lang),
        root=outline(article.blocks),
        stylesheet_href=stylesheet_href,
        image_href=image_href or (lambda src: src),
    )
