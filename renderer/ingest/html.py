"""Turn a news web page (decoded HTML) into an :class:`~renderer.model.Article`.

The reader works in five passes over a BeautifulSoup tree (lxml parser):

1. read the page's declared metadata: JSON-LD, ``<meta>`` (Open Graph, article:*),
   ``<link rel=canonical>``, ``<title>``, ``<html lang>``;
2. drop what is never article text: scripts, forms, navigation, hidden elements,
   tracking pixels, teaser cards, and site chrome named by class, id, ARIA role or text
   (:mod:`._html_rules` says what chrome looks like; a compound class name such as
   ``share-zone`` does not condemn an element that holds the story);
3. find the article. trafilatura's reading of the page's main text is a vote
   (:mod:`._content`): the root is the smallest element holding 90 % of the words of the
   page's blocks the vote agrees with, grown over story chunks beside it
   (readability-style sibling merging); without a vote: ``<article>``,
   ``[itemprop~=articleBody]``, ``<main>``, ``[role=main]``, else the container holding
   most paragraph text;
4. read the visible metadata (headline, byline, dateline, ``<time>``) and take it out of
   the article, keeping the article header's images;
5. turn the rest into blocks and inlines (with a vote, only the blocks it agrees with,
   and the figures beside them), and record what could not be done in ``Article.notes``.

Precedence for each field is JSON-LD, then ``<meta>``, then visible markup, except the
title: the page's ``<h1>`` that a declared title (JSON-LD headline, og:title,
twitter:title, ``<title>``) confirms is what readers saw, so it wins; then the ``<h1>``
inside the article; then a declared title without the site's name.

Hostile markup: before pass 2 the page is cut down to an allow-list of elements,
attributes and URL schemes (:mod:`.sanitize`); what was removed from the article is
noted. Plain containers are walked with an explicit stack, so a hundred thousand
nested ``<div>`` cost nothing; lists, quotations and tables (which stay nested in the model)
are refused beyond :data:`._html_rules.MAX_BLOCK_DEPTH`, and inline markup deeper than
:data:`._html_rules.MAX_INLINE_DEPTH` is flattened to its text.
"""

from __future__ import annotations

import datetime as _dt
import html as html_lib
import json
import re
import unicodedata
import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup, Tag, XMLParsedAsHTMLWarning
from bs4.element import (
    CData,
    Comment,
    Declaration,
    Doctype,
    NavigableString,
    ProcessingInstruction,
)

from renderer.errors import InputError, InputTooLarge
from renderer.ingest import _content
from renderer.ingest import _html_rules as rules
from renderer.ingest import _text_rules as text_rules
from renderer.ingest.sanitize import report as sanitize_report
from renderer.ingest.sanitize import sanitize
from renderer.model import (
    Abbr,
    Article,
    Block,
    BlockQuote,
    Cell,
    Code,
    Emphasis,
    Figure,
    Heading,
    Image,
    Inline,
    LineBreak,
    Link,
    ListBlock,
    ListItem,
    Metadata,
    Paragraph,
    Quote,
    Span,
    Strong,
    Table,
    Text,
    ThematicBreak,
    block_text,
    plain_text,
)

__all__ = ["read_html"]

_SKIPPED_STRINGS = (Comment, Declaration, Doctype, ProcessingInstruction, CData)
_SPACE = re.compile(r"[ \t\n\r\f]+")  # what HTML collapses; U+00A0 is kept
_BAD_CHARS = re.compile("[\x00\ud800-\udfff]")


def read_html(text: str, *, name: str = "<input>", title: str | None = None) -> Article:
    """Read a decoded HTML page; ``name`` is only used in error messages.

    ``title`` is the title the user gave (``--meta``, a sidecar): used when the page has
    none, instead of an error.
    """
    if not text.replace("\ufeff", "").strip():
        raise InputError(f"{name}: the file is empty")
    soup = _parse(text, name)
    reader = _Reader(name)
    declared = reader.declared_metadata(soup)  # data only: JSON-LD, <meta>, <title>
    sanitize(soup)  # the allow-list, before anything else reads the page
    story = _content.vote(text)
    reader.drop_chrome(soup, story)
    root = _find_root(soup, story)
    for note in sanitize_report(root):
        reader.note(note)
    visible = reader.visible_metadata(root, soup)
    blocks = reader.body(root)
    if story is not None:
        blocks = _keep_story(blocks, story)
        reader.voted = True
    return reader.article(declared, visible, blocks, given_title=title)


def _parse(text: str, name: str) -> BeautifulSoup:
    # lxml refuses NUL and lone surrogates; a browser shows U+FFFD for them.
    text = _BAD_CHARS.sub("\ufffd", text.lstrip("\ufeff"))
    try:
        with warnings.catch_warnings():
            # A saved XHTML page starts with <?xml …?>; it is read as HTML on purpose (as
            # browsers read pages served as text/html), and bs4's advice would be noise.
            warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
            soup = BeautifulSoup(text, "lxml")
    except Exception as exc:  # ParserRejectedMarkup, lxml errors: all "cannot parse"
        raise InputError(f"{name}: cannot be parsed as HTML: {exc}") from exc
    _empty_void_elements(soup)
    return soup


def _empty_void_elements(soup: BeautifulSoup) -> None:
    """Move what lxml put inside an HTML5 void element back after it, as a browser has it.

    libxml2 parses HTML 4, which has no ``<source>``, ``<track>``, ``<wbr>``, ``<embed>``
    or ``<keygen>``: it opens them as containers, so the ``<img>`` of every
    ``<picture><source …><img …></picture>`` (and whatever follows an ``<embed>``) ends up
    inside an element the sanitizer drops with its content. Document order makes nested
    cases come out in one pass.
    """
    for tag in soup.find_all(rules.LXML_UNKNOWN_VOID_TAGS):
        if tag.contents:
            tag.insert_after(*tag.contents)


# ---------------------------------------------------------------------- helpers


def _collapse(value: str) -> str:
    return _SPACE.sub(" ", value)


def _clean(value: str | None) -> str | None:
    """Collapsed and stripped, or None when nothing is left."""
    if value is None:
        return None
    value = _collapse(value).strip(" ")
    return value or None


def _unescaped(value: str | None) -> str | None:
    """A declared string whose entities were escaped twice ("&amp;#8217;")."""
    return _clean(html_lib.unescape(value)) if value and "&" in value else value


def _attr(tag: Tag, key: str) -> str | None:
    value = tag.get(key)
    if value is None:
        return None
    if isinstance(value, list):
        return " ".join(value)
    return str(value)


def _text(tag: Tag) -> str:
    return _collapse(tag.get_text()).strip(" ")


def _int(value: str | None, *, low: int = 0, high: int = 1_000_000) -> int | None:
    if value is None:
        return None
    m = re.match(r"\s*([0-9]{1,9})", value)
    if m is None:
        return None
    return max(low, min(high, int(m.group(1))))


def _has_itemprop(tag: Tag, name: str) -> bool:
    """Whether ``itemprop`` (a list of names: "description articleBody") has ``name``."""
    return name in (_attr(tag, "itemprop") or "").split()


def _class_words(tag: Tag) -> Iterator[str]:
    """The element's class names and id, whole: ``share-zone`` is not ``share``, and
    ``TestReport__Section--Ads`` names a section, not an advertisement."""
    for key in ("class", "id"):
        value = _attr(tag, key)
        if value:
            yield from value.lower().split()


def _class_parts(tag: Tag) -> Iterator[str]:
    """The class names and id, and their words split at ``-`` and ``_`` (``photo-credit``
    → ``photo``, ``credit``): weaker evidence than a whole name."""
    for token in _class_words(tag):
        yield token
        yield from (w for w in re.split(r"[-_]+", token) if w)


def _has_class_word(tag: Tag, words: frozenset[str], *, parts: bool = False) -> bool:
    return any(w in words for w in (_class_parts(tag) if parts else _class_words(tag)))


def _is_chrome_class(tag: Tag, *, holds_story: bool = False) -> bool:
    """Whether the class or id names a widget. A whole name (``share``, ``related``)
    always counts; a word inside a compound name (``share-bar``, ``promo-box``) or a
    prefix (``ad-slot``) counts only for an element that does not hold the story: a
    wrapper called ``TestReport__Section--Ads`` or ``share-zone`` around the article is
    not an advertisement or a share bar."""
    if _has_class_word(tag, rules.CHROME_CLASS_WORDS):
        return True
    if holds_story:
        return False
    if any(t.startswith(rules.CHROME_CLASS_PREFIXES) for t in _class_words(tag)):
        return True
    return _has_class_word(tag, rules.CHROME_CLASS_WORDS, parts=True)


def _is_hidden(tag: Tag) -> bool:
    if tag.has_attr("hidden"):
        return True
    if (_attr(tag, "aria-hidden") or "").strip().lower() == "true":
        return tag.name != "img"  # an aria-hidden image is shown: it is decoration
    style = _attr(tag, "style")
    if style and rules.HIDDEN_STYLE.search(style):
        return True
    return _has_class_word(tag, rules.SCREEN_READER_ONLY)


def _lang_of(tag: Tag) -> str | None:
    value = _attr(tag, "lang") or _attr(tag, "xml:lang")
    value = value.strip() if value else None
    if value and rules.LANGUAGE_TAG.fullmatch(value):
        return value
    return None


def _same_language(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return True
    a, b = a.lower(), b.lower()
    return a == b or a.startswith(b + "-") or b.startswith(a + "-")


def _iso_date(value: str | None) -> _dt.date | None:
    """The date of an ISO date-time (``2021-03-04T09:00:00Z``) or of a written date."""
    if not value:
        return None
    value = value.strip()
    m = re.match(r"([0-9]{4})-([0-9]{2})-([0-9]{2})", value)
    if m:
        try:
            day = _dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
        # 0001-01-01 is how some publishing systems write "no date" (Go's zero time):
        # no article is that old, so it is no statement and the next source is asked
        return day if day.year >= 1000 else None
    return text_rules.parse_date(value) or text_rules.find_date(value)


# An id an XHTML document can carry (an XML name without a colon).
_XML_ID = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*")


def _page_address(declared: str | None, meta: str | None) -> str | None:
    """The page's address: JSON-LD's ``url`` when it is absolute, else og:url or the
    canonical link, against which a relative JSON-LD ``url`` is resolved."""
    absolute = [u for u in (declared, meta) if u and urlsplit(u).scheme in ("http", "https")]
    if absolute:
        return absolute[0]
    if declared and meta:
        return urljoin(meta, declared)
    return declared or meta


def _dedupe(values: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for v in values:
        if v and v.lower() not in {s.lower() for s in seen}:
            seen[v] = None
    return tuple(seen)


def _split_keywords(value: str) -> list[str]:
    return [k for k in (_clean(p) for p in re.split(r"[,;]", value)) if k]


def _cut_trailing_date(text: str) -> str:
    """A byline without the date written after its names ("By Ana Ruiz, Nov. 19, 2019
    7:04 pm ET" → "By Ana Ruiz"): cut at the first comma after which the rest is a date."""
    parts = text.split(",")
    for i in range(1, len(parts)):
        rest = ",".join(parts[i:]).strip()
        if rest[:1].isalnum() and any(c.isdigit() for c in parts[i]) and (
            text_rules.find_date(rest) is not None
        ):
            return ",".join(parts[:i]).strip()
    return text


_DATE_WORD_ALTERNATIVES = "|".join(
    re.escape(w)
    for w in sorted(text_rules.PUBLISHED_WORDS + text_rules.UPDATED_WORDS, key=len, reverse=True)
)
# From a "|" or a "Published"/"Updated" word after a name to the end.
_PUBLISHED_CUT = re.compile(
    rf"(?<=\S)\s*(?:\||\b(?:{_DATE_WORD_ALTERNATIVES})\b).*$", re.IGNORECASE
)
_MONTH_DAY_END = re.compile(
    r"(?:^|\s+)(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}"
    r"(?:,?\s+\d{4})?\s*$",
    re.IGNORECASE,
)
_DATE_REMNANT = re.compile(r"\d{4}\b|\d{1,2}:\d{2}")


def _person(name: str) -> str | None:
    """A name as a byline element wrote it, without what the site glued to it: "| November
    18, 2019", "Published 7:07 PM EST Nov 19", a trailing "NOVEMBER 20"."""
    name = _PUBLISHED_CUT.sub("", name)
    name = _MONTH_DAY_END.sub("", name)
    return _clean(name.strip(" ,|-–—"))


def _people_of(names: Iterable[str]) -> Iterator[str]:
    """The names, each without what the site glued to it; a name that had something glued
    to it is read again as a byline ("Lisa Kaczke and Trevor J. Mitchell")."""
    for name in names:
        cleaned = _person(name)
        if not cleaned:
            continue
        if cleaned == name:
            yield name
        else:
            yield from (_people(cleaned)[0] or (cleaned,))


def _organization(value: str | None) -> str | None:
    """None for what is left of a date and time ("2019 7:04 pm ET", "2019 at 8:40 AM")."""
    if value and _DATE_REMNANT.match(value.strip()):
        return None
    return value


def _people(text: str) -> tuple[tuple[str, ...], str | None]:
    """Authors and organization of a byline's text (with or without "By")."""
    text = _cut_trailing_date(_PUBLISHED_CUT.sub("", _clean(text) or ""))
    for candidate in (text, f"By {text}"):
        byline = text_rules.parse_byline(candidate)
        if byline is not None:
            return byline.authors, byline.organization
    stripped = re.sub(r"^(?i:by)\s+", "", text)
    return ((stripped,) if stripped else ()), None


# ------------------------------------------------------------- declared metadata


@dataclass
class _Fields:
    """Metadata found in one kind of source; the reader merges them by precedence."""

    title: str | None = None
    subtitle: str | None = None
    section: str | None = None
    date: _dt.date | None = None
    authors: tuple[str, ...] = ()
    organization: str | None = None
    dateline: str | None = None
    language: str | None = None
    publisher: str | None = None
    source: str | None = None
    description: str | None = None
    keywords: tuple[str, ...] = ()
    page_date: _dt.date | None = None  # JSON-LD WebPage, <… itemprop=datePublished>


@dataclass
class _Declared:
    jsonld: _Fields = field(default_factory=_Fields)
    meta: _Fields = field(default_factory=_Fields)
    page_title: str | None = None  # <title>, site suffix not yet stripped
    titles: list[str] = field(default_factory=list)  # every title the page declares
    html_lang: str | None = None
    twitter_title: str | None = None
    site_names: list[str] = field(default_factory=list)


@dataclass
class _Visible:
    title: str | None = None
    page_h1: str | None = None  # an h1 outside the article
    headings: list[str] = field(default_factory=list)  # every <h1> of the page, in order
    subtitle: str | None = None
    section: str | None = None
    date: _dt.date | None = None
    authors: tuple[str, ...] = ()
    organization: str | None = None
    dateline: str | None = None
    banner_publishers: list[str] = field(default_factory=list)


class _Reader:
    def __init__(self, name: str) -> None:
        self.name = name
        self.notes: list[str] = []
        self.page_lang: str | None = None
        self.banner_publishers: list[str] = []
        self.story_weight: dict[int, int] = {}
        self.voted = False  # whether a story vote chose the blocks
        self.story_floor: float | None = None

    def note(self, message: str) -> None:
        if message not in self.notes:
            self.notes.append(message)

    # ------------------------------------------------------------ pass 1: declared

    def declared_metadata(self, soup: BeautifulSoup) -> _Declared:
        found = _Declared()
        html = soup.find("html")
        if isinstance(html, Tag):
            found.html_lang = _lang_of(html)
            if found.html_lang is None and (_attr(html, "lang") or "").strip():
                self.note(f"page language not understood: {_attr(html, 'lang')!r}")
        title = soup.find("title")
        if isinstance(title, Tag):
            found.page_title = _unescaped(_clean(title.get_text()))
        for script in soup.find_all("script"):
            kind = (_attr(script, "type") or "").strip().lower()
            if kind == "application/ld+json":
                self._jsonld(script.get_text(), found.jsonld)
        found.twitter_title = self._meta(soup, found.meta)
        for tag in soup.select("[itemprop~=datePublished]"):
            value = _attr(tag, "datetime") or _attr(tag, "content")
            if (date := _iso_date(value)) is not None:
                found.meta.page_date = date
                break
        if found.meta.publisher:
            found.site_names.append(found.meta.publisher)
        if found.jsonld.publisher:
            found.site_names.append(found.jsonld.publisher)
        found.titles = [
            t for t in (found.jsonld.title, found.meta.title, found.twitter_title,
                        found.page_title) if t
        ]
        self.page_lang = found.jsonld.language or found.html_lang or found.meta.language
        return found

    def _jsonld(self, raw: str, into: _Fields) -> None:
        try:
            data = json.loads(raw)
        except (ValueError, RecursionError):
            self.note("JSON-LD not understood (invalid JSON)")
            return
        objects: list[dict] = []
        by_id: dict[str, dict] = {}
        stack: list[object] = [data]
        seen = 0
        while stack and seen < 10_000:
            item = stack.pop()
            seen += 1
            if isinstance(item, list):
                stack.extend(reversed(item))
            elif isinstance(item, dict):
                if isinstance(item.get("@id"), str):
                    by_id.setdefault(item["@id"], item)
                types = item.get("@type")
                types = types if isinstance(types, list) else [types]
                if any(isinstance(t, str) and t in rules.JSONLD_ARTICLE_TYPES for t in types):
                    objects.append(item)
                elif any(isinstance(t, str) and t in rules.JSONLD_PAGE_TYPES for t in types):
                    # The page's own publication date, when no article object states one.
                    page_date = item.get("datePublished")
                    if into.page_date is None and isinstance(page_date, str):
                        into.page_date = _iso_date(page_date)
                if "@graph" in item:
                    stack.append(item["@graph"])
        if not objects:
            return
        article = objects[0]

        def deref(value: object) -> object:
            if isinstance(value, dict) and set(value) == {"@id"} and value["@id"] in by_id:
                return by_id[value["@id"]]
            return value

        def name_of(value: object) -> str | None:
            value = deref(value)
            if isinstance(value, str):
                return _clean(value)
            if isinstance(value, dict):
                return _clean(value.get("name")) if isinstance(value.get("name"), str) else None
            return None

        def string(key: str) -> str | None:
            value = article.get(key)
            if isinstance(value, list):
                value = next((v for v in value if isinstance(v, str)), None)
            # Sites often write entities into JSON-LD ("&#8216;"), which JSON does not decode.
            return _clean(html_lib.unescape(value)) if isinstance(value, str) else None

        into.title = string("headline") or string("name")
        into.subtitle = string("alternativeHeadline")
        into.section = string("articleSection")
        into.description = string("description")
        into.dateline = string("dateline")
        into.date = _iso_date(string("datePublished")) or _iso_date(string("dateCreated"))
        authors = article.get("author")
        people: list[str] = []
        for author in authors if isinstance(authors, list) else [authors]:
            author = deref(author)
            who = name_of(author)
            if who is None:
                continue
            if isinstance(author, dict) and author.get("@type") == "Organization":
                into.organization = into.organization or who
            else:
                people.append(who)
        into.authors = _dedupe(people)
        into.publisher = name_of(article.get("publisher"))
        keywords = article.get("keywords")
        if isinstance(keywords, str):
            into.keywords = _dedupe(_split_keywords(keywords))
        elif isinstance(keywords, list):
            cleaned = (_clean(k) for k in keywords if isinstance(k, str))
            into.keywords = _dedupe(k for k in cleaned if k)
        language = deref(article.get("inLanguage"))
        if isinstance(language, dict):
            language = language.get("alternateName")
        if isinstance(language, str) and rules.LANGUAGE_TAG.fullmatch(language.strip()):
            into.language = language.strip()
        url = article.get("url") or deref(article.get("mainEntityOfPage"))
        if isinstance(url, dict):
            url = url.get("@id") or url.get("url")
        if isinstance(url, str):
            into.source = _clean(url)

    def _meta(self, soup: BeautifulSoup, into: _Fields) -> str | None:
        """Read the <meta> fields into ``into``; return twitter:title."""
        values: dict[str, list[str]] = {}
        for meta in soup.find_all("meta"):
            key = _attr(meta, "property") or _attr(meta, "name") or _attr(meta, "itemprop")
            content = _clean(_attr(meta, "content"))
            if key and content:
                values.setdefault(key.strip().lower(), []).append(content)

        def first(*keys: str) -> str | None:
            for key in keys:
                if values.get(key):
                    return values[key][0]
            return None

        into.title = _unescaped(first("og:title", "twitter:title"))
        twitter_title = _unescaped(first("twitter:title"))
        into.description = first("og:description", "description", "twitter:description")
        into.publisher = first("og:site_name", "application-name")
        into.section = first("article:section")
        into.date = _iso_date(first(*rules.META_DATE_NAMES))
        author = first(*rules.META_AUTHOR_NAMES)
        if author and not re.match(r"https?://", author):
            into.authors, into.organization = _people(author)
        canonical = None
        for link in soup.find_all("link"):
            if "canonical" in (_attr(link, "rel") or "").lower().split():
                canonical = _clean(_attr(link, "href"))
                break
        into.source = first("og:url") or canonical
        tags = values.get("article:tag", [])
        keywords = [k for tag in tags for k in _split_keywords(tag)]
        keywords += _split_keywords(first("keywords") or "")
        into.keywords = _dedupe(keywords)
        locale = first("og:locale", "content-language", "language")
        if locale and rules.LANGUAGE_TAG.fullmatch(locale.replace("_", "-")):
            into.language = locale.replace("_", "-")
        return twitter_title

    # --------------------------------------------------------------- pass 2: chrome

    def drop_chrome(self, soup: BeautifulSoup, story: _content.ContentVote | None = None) -> None:
        for tag in soup.find_all(rules.DROP_TAGS):
            if tag.parent is not None:  # not inside something dropped already
                tag.extract()
        self.story_weight, total = _story_weights(soup, story) if story else ({}, 0)
        self.story_floor = max(1, rules.STORY_WRAPPER_SHARE * total) if total else None
        sizes = _measure(soup)
        for form in soup.find_all("form"):
            if form.parent is not None and not sizes[id(form)].holds_article:
                form.extract()
        for tag in list(soup.find_all(True)):
            if tag.parent is None or tag.name in ("html", "body"):
                continue
            if self._is_chrome(tag, sizes[id(tag)]):
                tag.extract()

    def _is_chrome(self, tag: Tag, size: _Size) -> bool:
        name = tag.name
        if _is_hidden(tag):
            return True
        if name == "img":
            return _is_tracker(tag)
        holds_story = (
            self.story_floor is not None
            and self.story_weight.get(id(tag), 0) >= self.story_floor
        )
        if self.story_floor is not None and not holds_story and _is_teaser_card(tag, size):
            return True
        if name in ("article", "main", "h1") or _has_itemprop(tag, "articleBody"):
            return False
        role = (_attr(tag, "role") or "").strip().lower()
        chrome = role in rules.CHROME_ROLES or _is_chrome_class(tag, holds_story=holds_story)
        if name == "footer":
            chrome = True
        elif name == "header" and not size.in_article:
            chrome = chrome or not size.holds_h1
        if chrome:
            if size.holds_article:
                return False  # a wrapper around the article, named after a widget in it
            self._banner_publishers(tag)
            return True
        return self._is_chrome_text(tag, size)

    def _is_chrome_text(self, tag: Tag, size: _Size) -> bool:
        """An element whose whole text is the government banner or a share/skip line."""
        if tag.name not in ("div", "section", "p", "span", "a", "ul", "li", "small", "strong"):
            return False
        # Bounded work per element, so that deep or huge pages stay linear.
        if size.text > 4 * rules.MAX_CHROME_TEXT or size.nodes > rules.MAX_CHROME_NODES:
            return False
        text = _text(tag)
        if not text or len(text) > rules.MAX_CHROME_TEXT:
            return False
        rest, named = text_rules.strip_banner(text)
        if rest != text and not rest:
            self.banner_publishers.extend(named)
            return True
        return len(text) <= 200 and text_rules.is_chrome_line(text)

    def _banner_publishers(self, tag: Tag) -> None:
        for string in tag.stripped_strings:
            _, named = text_rules.strip_banner(_collapse(string).strip())
            self.banner_publishers.extend(named)

    # ------------------------------------------------------- pass 4: visible metadata

    def visible_metadata(self, root: Tag, soup: BeautifulSoup) -> _Visible:
        found = _Visible()
        found.headings = [t for t in (_clean(h.get_text()) for h in soup.find_all("h1")) if t]
        h1 = root.find("h1")
        if isinstance(h1, Tag):
            found.title = _clean(h1.get_text())
            h1.extract()
        else:
            page_h1 = soup.find("h1")
            if isinstance(page_h1, Tag):
                found.page_h1 = _clean(page_h1.get_text())
        scope: list[Tag] = [root]
        outer = root.find_parent(["article", "main"]) or soup
        if outer is not root:
            scope.append(outer)

        def first(selector: str) -> Tag | None:
            for place in scope:
                hit = place.select_one(selector)
                if hit is not None:
                    return hit
            return None

        if (kicker := first(rules.KICKER_SELECTORS)) is not None:
            found.section = _clean(kicker.get_text())
            kicker.extract()
        if (subtitle := first(rules.SUBTITLE_SELECTORS)) is not None:
            found.subtitle = _clean(subtitle.get_text())
            subtitle.extract()
        for hgroup in root.find_all("hgroup"):
            for part in hgroup.find_all(["h2", "h3", "p"]):
                found.subtitle = found.subtitle or _clean(part.get_text())
            hgroup.extract()
        self._byline(root, first, found)
        if (dateline := first(rules.DATELINE_SELECTORS)) is not None:
            found.dateline = _clean(
                rules.LEADING_DASH.sub("", _text(dateline)[::-1])[::-1]
            )
            following = dateline.next_sibling
            dateline.extract()
            if isinstance(following, NavigableString) and not isinstance(
                following, _SKIPPED_STRINGS
            ):
                following.replace_with(rules.LEADING_DASH.sub("", str(following)))
        for selector in rules.PUBLISHED_TIME_SELECTORS:
            hit = first(selector)
            if hit is None:
                continue
            date = _iso_date(_attr(hit, "datetime") or _attr(hit, "content") or _text(hit))
            if date is not None:
                found.date = date
                if _in_header(hit, root) or _stands_alone(hit):
                    hit.extract()
                break
        # The article's own header: everything in it is metadata except its pictures.
        for header in root.find_all("header"):
            if header.parent is None:
                continue
            pictures = [
                p for p in header.find_all(["figure", "img"]) if p.find_parent("figure") is None
            ]
            for picture in pictures:
                header.insert_before(picture.extract())
            for string in header.stripped_strings:
                m = text_rules.DATE_LINE.fullmatch(_collapse(string).strip())
                if m and found.date is None:
                    found.date = text_rules.parse_date(m["date"])
            header.extract()
        found.banner_publishers = self.banner_publishers
        return found

    def _byline(self, root: Tag, first: Callable[[str], Tag | None], found: _Visible) -> None:
        hit = first(rules.BYLINE_SELECTORS)
        if hit is None:
            return
        container = hit
        # Several [rel~=author]/[itemprop~=author] siblings name several people.
        authors: list[str] = []
        organization = None
        named = hit.find_parent(class_=re.compile(r"\bbyline\b"))
        if named is not None:
            container = named
        people = container.select("[rel~=author], [itemprop~=author]")
        if people:
            for person in people:
                name_el = person.select_one("[itemprop~=name]") or person
                who = _clean(name_el.get_text())
                if who:
                    authors.extend(_people(who)[0])
        whole = _text(container)
        if whole:
            parsed_authors, organization = _people(whole)
            if not authors:
                authors = list(parsed_authors)
            if (byline := text_rules.parse_byline(whole)) and byline.date:
                found.date = found.date or byline.date
        found.authors = _dedupe(authors)
        found.organization = organization
        container.extract()

    # ------------------------------------------------------------------ pass 5: body

    def body(self, root: Tag) -> list[Block]:
        self.holders = _block_holders(root)
        return self.blocks(root, self.page_lang, 0)

    def blocks(self, container: Tag, lang: str | None, depth: int) -> list[Block]:
        """The blocks of a container; nested plain containers are walked, not recursed."""
        if depth > rules.MAX_BLOCK_DEPTH:
            raise InputTooLarge(
                f"{self.name}: nesting deeper than {rules.MAX_BLOCK_DEPTH} lists, quotations"
                " and tables"
            )
        out: list[Block] = []
        run: list[NavigableString | Tag] = []
        run_lang = lang

        def flush() -> None:
            if run:
                out.extend(self.paragraph(list(run), run_lang, depth))
                run.clear()

        stack: list[tuple[Iterator, str | None]] = [(iter(list(container.children)), lang)]
        while stack:
            children, here = stack[-1]
            node = next(children, None)
            if node is None:
                stack.pop()
                flush()
                continue
            if isinstance(node, _SKIPPED_STRINGS):
                continue
            if isinstance(node, NavigableString):
                if not run:
                    run_lang = here
                run.append(node)
                continue
            if not isinstance(node, Tag):
                continue
            node_lang = _lang_of(node) or here
            handler = _BLOCK_HANDLERS.get(node.name)
            if handler is not None:
                flush()
                out.extend(handler(self, node, node_lang, depth))
            elif node.name not in rules.BLOCK_TAGS and id(node) not in self.holders:
                if not run:
                    run_lang = here
                run.append(node)
            else:
                flush()
                stack.append((iter(list(node.children)), node_lang))
        return out

    def paragraph(self, nodes: list, lang: str | None, depth: int) -> list[Block]:
        pictures: list[Figure] = []
        inlines = _tidy(self.inlines(nodes, lang, 0, pictures))
        if lang and not _same_language(lang, self.page_lang) and inlines:
            inlines = (Span(lang, inlines),)
        out: list[Block] = []
        text = plain_text(inlines).strip()
        if text and not _is_chrome_paragraph(text):
            out.append(Paragraph(inlines))
        # Pictures inside a paragraph become figures beside it (the model has no inline images).
        if pictures and not (out and _starts_with_text(nodes)):
            return [*pictures, *out]
        return [*out, *pictures]

    def inlines(
        self, nodes: Iterable, lang: str | None, depth: int, pictures: list[Figure]
    ) -> list[Inline]:
        out: list[Inline] = []
        for node in nodes:
            if isinstance(node, _SKIPPED_STRINGS):
                continue
            if isinstance(node, NavigableString):
                out.append(Text(_collapse(str(node))))
            elif isinstance(node, Tag):
                out.extend(self.inline(node, lang, depth + 1, pictures))
        return out

    def inline(
        self, tag: Tag, lang: str | None, depth: int, pictures: list[Figure]
    ) -> list[Inline]:
        if depth > rules.MAX_INLINE_DEPTH:
            return [Text(_collapse(tag.get_text()))]
        own = _lang_of(tag)
        if own and not _same_language(own, lang):
            inner = self._inline_kind(tag, own, depth, pictures)
            return [Span(own, tuple(inner))] if inner else []
        return self._inline_kind(tag, lang, depth, pictures)

    def _inline_kind(
        self, tag: Tag, lang: str | None, depth: int, pictures: list[Figure]
    ) -> list[Inline]:
        name = tag.name
        if name == "br":
            return [LineBreak()]
        if name == "img":
            figure = self.figure_of(tag)
            if figure is not None:
                pictures.append(figure)
            return []
        if name in ("code", "kbd", "samp", "tt", "var"):
            return [Code(_collapse(tag.get_text()))]
        if name in rules.ABBR_TAGS:
            expansion = _clean(_attr(tag, "title"))
            text = _clean(tag.get_text())
            if expansion and text:
                return [Abbr(text, expansion)]
            return [Text(_collapse(tag.get_text()))]
        children = self.inlines(tag.children, lang, depth, pictures)
        if name in rules.BLOCK_TAGS or name in ("table", "tr", "td", "th", "li"):
            return [LineBreak(), *children, LineBreak()]  # block inside a cell or caption
        if name == "a" and (href := _attr(tag, "href")) is not None and href.strip():
            return [Link(href.strip(), tuple(children), _clean(_attr(tag, "title")))]
        if name in rules.EMPHASIS_TAGS:
            return [Emphasis(tuple(children))]
        if name in rules.STRONG_TAGS:
            return [Strong(tuple(children))]
        if name == "q":
            return [Quote(tuple(children))]
        return children

    # ---------------------------------------------------------------- block kinds

    def heading(self, tag: Tag, lang: str | None, depth: int) -> list[Block]:
        blocks = self.paragraph([tag], lang, depth)
        out: list[Block] = []
        for block in blocks:
            if isinstance(block, Paragraph):
                text = plain_text(block.children).strip()
                if text_rules.is_trailer_line(text):
                    continue
                level = 1 if tag.name == "h1" else rules.HEADINGS[tag.name]
                # the page's own id: the target of the page's "#…" links to this section
                ident = _attr(tag, "id")
                ident = ident if ident and _XML_ID.fullmatch(ident) else None
                out.append(Heading(level, block.children, id=ident))
            else:
                out.append(block)
        return out

    def para(self, tag: Tag, lang: str | None, depth: int) -> list[Block]:
        return self.paragraph([tag], lang, depth)

    def pre(self, tag: Tag, lang: str | None, depth: int) -> list[Block]:
        lines = tag.get_text().strip("\n").split("\n")
        inlines: list[Inline] = []
        for i, line in enumerate(lines):
            if i:
                inlines.append(LineBreak())
            if line:
                inlines.append(Text(line.replace("\t", "    ")))
        return [Paragraph(tuple(inlines))] if inlines else []

    def list_block(self, tag: Tag, lang: str | None, depth: int) -> list[Block]:
        items: list[ListItem] = []
        for child in tag.find_all("li", recursive=False):
            blocks = self.blocks(child, _lang_of(child) or lang, depth + 1)
            if blocks:
                items.append(ListItem(tuple(blocks)))
        # Stray content directly inside the list (malformed markup) is kept as items.
        if not items:
            return self.blocks_of_container(tag, lang, depth)
        start = _int(_attr(tag, "start"), high=10**9) if tag.name == "ol" else None
        return [ListBlock(tuple(items), ordered=tag.name == "ol", start=start or 1)]

    def blocks_of_container(self, tag: Tag, lang: str | None, depth: int) -> list[Block]:
        return self.blocks(tag, lang, depth + 1)

    def definition_list(self, tag: Tag, lang: str | None, depth: int) -> list[Block]:
        out: list[Block] = []
        # dt/dd are children of the dl, or of a <div> grouping them; a nested dl stays
        # inside its dd.
        parts = [
            part
            for child in tag.find_all(["dt", "dd", "div"], recursive=False)
            for part in (
                child.find_all(["dt", "dd"], recursive=False) if child.name == "div" else [child]
            )
        ]
        for child in parts:
            for block in self.blocks(child, lang, depth + 1):
                if child.name == "dt" and isinstance(block, Paragraph):
                    block = Paragraph((Strong(block.children),))
                out.append(block)
        return out

    def blockquote(self, tag: Tag, lang: str | None, depth: int) -> list[Block]:
        blocks = self.blocks(tag, lang, depth + 1)
        if not blocks:
            return []
        return [BlockQuote(tuple(blocks), cite=_clean(_attr(tag, "cite")))]

    def hr(self, tag: Tag, lang: str | None, depth: int) -> list[Block]:
        return [ThematicBreak()]

    def image(self, tag: Tag, lang: str | None, depth: int) -> list[Block]:
        figure = self.figure_of(tag)
        return [figure] if figure is not None else []

    def figure(self, tag: Tag, lang: str | None, depth: int) -> list[Block]:
        caption_el = tag.find("figcaption")
        images = [img for img in tag.find_all("img") if not _is_tracker(img)]
        if not images:  # a figure around a quotation, table or video: keep its content
            return self.blocks(tag, lang, depth + 1)
        caption: tuple[Inline, ...] = ()
        credit = None
        if isinstance(caption_el, Tag):
            caption, credit = self.caption(caption_el, lang)
        out: list[Block] = []
        for img in images:
            figure = self.figure_of(img)
            if figure is None:
                continue
            if not out:
                figure = Figure(figure.image, caption, credit)
            out.append(figure)
        return out

    def caption(self, tag: Tag, lang: str | None) -> tuple[tuple[Inline, ...], str | None]:
        credit = None
        for el in tag.find_all(True):
            if el.parent is not None and _has_class_word(
                el, rules.CREDIT_CLASS_WORDS, parts=True
            ):
                credit = credit or text_rules.clean_credit(el.get_text())
                el.extract()
        pictures: list[Figure] = []
        inlines = _tidy(self.inlines(tag.children, lang, 0, pictures))
        if credit is None:
            inlines, credit = _cut_credit(inlines)
        if lang and not _same_language(lang, self.page_lang) and inlines:
            inlines = (Span(lang, inlines),)
        return inlines, credit or None

    def figure_of(self, img: Tag) -> Figure | None:
        if _is_tracker(img):
            return None
        src = _clean(_attr(img, "src")) or _clean(_attr(img, "data-src"))
        if src is None and (srcset := _clean(_attr(img, "srcset"))):
            src = srcset.split(",")[0].split()[0]
        if not src:
            self.note("image without a source dropped")
            return None
        alt_attr = _attr(img, "alt")
        role = (_attr(img, "role") or "").strip().lower()
        hidden = (_attr(img, "aria-hidden") or "").strip().lower() == "true"
        alt = _clean(alt_attr) if alt_attr is not None else None
        decorative = role in ("presentation", "none") or hidden or (
            alt_attr is not None and alt is None
        )
        if decorative:
            alt = ""
        lowered = src.lower()
        if lowered.startswith(("http://", "https://", "//")):
            self.note(f"remote image not fetched: {src}")
        elif lowered.startswith("file:"):
            self.note(f"file URL image kept as written (the writers refuse it): {src}")
        elif src.startswith(("/", "\\")) or re.match(r"[A-Za-z]:[\\/]", src):
            self.note(f"absolute image path kept as written (the writers refuse it): {src}")
        elif re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", src) and not lowered.startswith("data:"):
            self.note(f"image with an unsupported URL scheme kept as written: {src[:80]}")
        image = Image(
            src=src,
            alt=alt,
            decorative=decorative,
            width=_int(_attr(img, "width"), low=1),
            height=_int(_attr(img, "height"), low=1),
        )
        return Figure(image)

    def table(self, tag: Tag, lang: str | None, depth: int) -> list[Block]:
        if _is_layout_table(tag):
            return self.blocks(tag, lang, depth + 1)
        caption: tuple[Inline, ...] = ()
        caption_el = tag.find("caption")
        if isinstance(caption_el, Tag):
            caption = _tidy(self.inlines(caption_el.children, lang, 0, []))
        head: list[tuple[Cell, ...]] = []
        body: list[tuple[Cell, ...]] = []
        tail: list[tuple[Cell, ...]] = []
        for row in _rows(tag):
            cells = tuple(self.cell(c, lang) for c in row.find_all(["td", "th"], recursive=False))
            if not cells:
                continue
            section = row.parent.name if isinstance(row.parent, Tag) else None
            if section == "thead":
                head.append(cells)
            elif section == "tfoot":
                tail.append(cells)
            else:
                body.append(cells)
        if not head and len(body) > 1 and all(c.header for c in body[0]):
            # A first row of <th> without <thead> is the column header row.
            head.append(tuple(_scoped(c, "col") for c in body.pop(0)))
        if not head and not body:
            return []
        return [Table(tuple(head), tuple(body + tail), caption)]

    def cell(self, tag: Tag, lang: str | None) -> Cell:
        pictures: list[Figure] = []
        inlines = _tidy(self.inlines(tag.children, _lang_of(tag) or lang, 0, pictures))
        for picture in pictures:  # the model's cells hold text: keep what the image said
            if picture.image.alt:
                inlines = _tidy((*inlines, Text(" " + picture.image.alt)))
        header = tag.name == "th"
        scope = rules.SCOPES.get((_attr(tag, "scope") or "").strip().lower()) if header else None
        return Cell(
            inlines,
            header=header,
            scope=scope,
            colspan=_int(_attr(tag, "colspan"), low=1, high=rules.MAX_COLSPAN) or 1,
            rowspan=_int(_attr(tag, "rowspan"), low=1, high=rules.MAX_ROWSPAN) or 1,
        )

    # --------------------------------------------------------------------- result

    def article(
        self,
        declared: _Declared,
        visible: _Visible,
        blocks: list[Block],
        *,
        given_title: str | None = None,
    ) -> Article:
        j, m = declared.jsonld, declared.meta
        blocks, dateline_text, extra = self._lead(blocks)
        if not blocks:
            raise InputError(f"{self.name}: no article text found")
        site_names = [*declared.site_names, *visible.banner_publishers]
        site_names += [n for n in (_host_name(j.source or m.source),) if n]
        title = (
            _confirmed_headline(visible.headings, declared.titles)
            or visible.title
            or _strip_site_suffix(j.title, site_names, only_known=True)
            or _strip_site_suffix(m.title, site_names, only_known=True)
            or _strip_site_suffix(declared.page_title, site_names)
            or visible.page_h1
            or _clean(given_title)
        )
        if not title:
            raise InputError(
                f"{self.name}: cannot find the title: no <h1> in the article, no JSON-LD"
                " headline, og:title or <title>",
                hint='give it with --meta title="..."',
            )
        dateline = j.dateline or visible.dateline or dateline_text
        authors = _dedupe(_people_of(j.authors or m.authors or visible.authors or extra.authors))
        organization = _organization(
            j.organization or m.organization or visible.organization or extra.organization
        )
        date = (
            j.date
            or m.date
            or j.page_date
            or m.page_date
            or visible.date
            or extra.date
            or (text_rules.find_date(dateline) if dateline else None)
        )
        publisher = j.publisher or m.publisher or (
            visible.banner_publishers[0] if visible.banner_publishers else None
        )
        if not authors and not organization:
            self.note("no byline")
        if date is None:
            self.note("no date")
        if self.page_lang is None:
            self.note("no page language (<html lang>)")
        if not any(isinstance(b, Paragraph) for b in blocks):
            self.note("no body paragraphs")
        metadata = Metadata(
            title=title,
            subtitle=j.subtitle or visible.subtitle,
            section=j.section or m.section or visible.section,
            date=date,
            authors=authors,
            organization=organization,
            dateline=dateline,
            language=self.page_lang,
            publisher=publisher,
            source=_page_address(j.source, m.source),
            description=j.description or m.description,
            keywords=j.keywords or m.keywords,
        )
        return Article(metadata=metadata, blocks=tuple(blocks), notes=tuple(self.notes))

    def _lead(self, blocks: list[Block]) -> tuple[list[Block], str | None, _Fields]:
        """Byline/date paragraphs before the story, the trailer after it, the dateline."""
        extra = _Fields()
        kept: list[Block] = []
        seen_story = False
        for block in blocks:
            if isinstance(block, Paragraph | Heading):
                text = plain_text(block.children).strip()
                if text_rules.is_trailer_line(text):
                    if self.voted:
                        continue  # "Read also": the vote already decided what follows
                    break
                if not seen_story and isinstance(block, Paragraph):
                    if (m := text_rules.DATE_LINE.fullmatch(text)) is not None:
                        extra.date = extra.date or text_rules.parse_date(m["date"])
                        continue
                    if not extra.authors and (byline := text_rules.parse_byline(text)):
                        extra.authors, extra.organization = byline.authors, byline.organization
                        extra.date = extra.date or byline.date
                        continue
                    seen_story = True
            kept.append(block)
        dateline = None
        for index, block in enumerate(kept):
            if not isinstance(block, Paragraph):
                continue
            split = text_rules.split_dateline(plain_text(block.children).strip())
            if split is not None:
                dateline, rest = split
                whole = plain_text(block.children).strip()
                cut = _drop_prefix(block.children, len(whole) - len(rest))
                if cut is None:
                    dateline = None
                elif cut:
                    kept[index] = Paragraph(cut)
                else:
                    del kept[index]
            break
        return kept, dateline, extra


_BLOCK_HANDLERS = {
    "p": _Reader.para,
    "h1": _Reader.heading,
    **{h: _Reader.heading for h in rules.HEADINGS},
    "ul": _Reader.list_block,
    "ol": _Reader.list_block,
    "dl": _Reader.definition_list,
    "blockquote": _Reader.blockquote,
    "figure": _Reader.figure,
    "img": _Reader.image,
    "table": _Reader.table,
    "hr": _Reader.hr,
    "pre": _Reader.pre,
}


# ------------------------------------------------------------------- root finding

# Elements whose text is one unit when the story vote is compared with the page.
_UNIT_TAGS = rules.BLOCK_TAGS | set(_BLOCK_HANDLERS) | {"td", "th", "li", "caption"}


@dataclass(slots=True)
class _Size:
    """What an element holds, measured once for the whole page (bottom-up, iteratively)."""

    text: int = 0  # characters of text, uncollapsed
    nodes: int = 0  # descendant elements
    paragraph_text: int = 0  # characters inside <p> descendants
    holds_article: bool = False  # is or holds article/main/articleBody/h1
    holds_h1: bool = False
    in_article: bool = False  # inside an <article> or <main>


def _is_article_mark(tag: Tag) -> bool:
    return (
        tag.name in ("article", "main", "h1")
        or (_attr(tag, "role") or "").strip().lower() == "main"
        or _has_itemprop(tag, "articleBody")
    )


def _measure(top: Tag) -> dict[int, _Size]:
    sizes: dict[int, _Size] = {}
    stack: list[tuple[Tag, bool, bool]] = [(top, False, False)]
    while stack:
        node, done, inside = stack.pop()
        if not done:
            stack.append((node, True, inside))
            inner = inside or node.name in ("article", "main")
            stack.extend((c, False, inner) for c in node.contents if isinstance(c, Tag))
            continue
        size = _Size(in_article=inside)
        for child in node.contents:
            if isinstance(child, Tag):
                c = sizes[id(child)]
                size.text += c.text
                size.nodes += c.nodes + 1
                size.paragraph_text += c.paragraph_text
                size.holds_article |= c.holds_article
                size.holds_h1 |= c.holds_h1
            elif isinstance(child, NavigableString) and not isinstance(child, _SKIPPED_STRINGS):
                size.text += len(child)
        size.holds_article |= _is_article_mark(node)
        size.holds_h1 |= node.name == "h1"
        if node.name == "p":
            size.paragraph_text += size.text
        sizes[id(node)] = size
    return sizes


def _story_weights(
    soup: BeautifulSoup, story: _content.ContentVote
) -> tuple[dict[int, int], int]:
    """How many words of story text (text the vote agrees with) each element holds, and
    the page's total.

    Text is grouped by the nearest block element holding it (so inline markup and
    ``<br>`` do not split a paragraph); each group the vote holds weighs its words, and
    the weight is summed up the tree.
    """
    units: dict[int, tuple[Tag, list[str]]] = {}
    for string in soup.find_all(string=True):
        if isinstance(string, _SKIPPED_STRINGS) or not string.strip():
            continue
        holder = string.parent
        while isinstance(holder, Tag) and holder.name not in _UNIT_TAGS:
            holder = holder.parent
        if not isinstance(holder, Tag):
            continue
        units.setdefault(id(holder), (holder, []))[1].append(str(string))
    weight: dict[int, int] = {}
    total = 0
    for holder, strings in units.values():
        text = "".join(strings)
        if not story.holds(text):
            continue
        n = len(_content.words(text))
        total += n
        node: Tag | None = holder
        while isinstance(node, Tag):
            weight[id(node)] = weight.get(id(node), 0) + n
            node = node.parent
    return weight, total


def _story_root(soup: BeautifulSoup, story: _content.ContentVote) -> Tag | None:
    """The smallest element holding nearly all the page text the story vote agrees with."""
    weight, total = _story_weights(soup, story)
    if not total:
        return None
    top = soup.find("body")
    node = top if isinstance(top, Tag) else soup
    while True:
        inner = next(
            (c for c in node.children if isinstance(c, Tag)
             and weight.get(id(c), 0) >= rules.STORY_ROOT_SHARE * total),
            None,
        )
        if inner is None:
            return node
        node = inner


def _merge_siblings(root: Tag, story: _content.ContentVote) -> Tag:
    """The root grown to hold the story blocks beside it: a story split over sibling
    blocks (chunks between ad slots), or one whose container malformed markup closed
    early. Their text then counts as story; the vote still decides block by block.

    Looked for at the root's level and up to :data:`rules.MERGE_LEVELS` levels above it,
    readability-style: a sibling is story when it is a paragraph of prose with few links,
    a container mostly made of such paragraphs, or a list, quotation or subheading that
    follows story text.
    """
    node, top = root, root
    for _ in range(rules.MERGE_LEVELS):
        parent = node.parent
        if not isinstance(parent, Tag) or node.name in ("body", "html"):
            break
        for siblings in (node.next_siblings, node.previous_siblings):
            after_story = True
            for sibling in siblings:
                if not isinstance(sibling, Tag):
                    continue
                if _is_story_sibling(sibling, after_story):
                    story.add(sibling.get_text("\n"))
                    top = parent
                    after_story = True
                else:
                    after_story = False
        node = parent
    return top


def _is_story_sibling(tag: Tag, after_story: bool) -> bool:
    text = _text(tag)
    if not text or _is_chrome_class(tag) or _has_class_word(
        tag, rules.NOT_STORY_CLASS_WORDS, parts=True
    ):
        return False
    links = sum(len(_text(a)) for a in tag.find_all("a"))
    if links > rules.MAX_SIBLING_LINK_SHARE * len(text):
        return False
    if tag.name == "p":
        return _is_story_paragraph(tag)
    if tag.name in ("ul", "ol", "blockquote", *rules.HEADINGS):
        return after_story and not _is_chrome_paragraph(text)
    if tag.name in ("div", "section"):
        prose = sum(len(_text(p)) for p in tag.find_all("p") if _is_story_paragraph(p))
        return prose >= rules.MIN_SIBLING_PROSE_SHARE * len(text)
    return False


def _keep_story(blocks: list[Block], story: _content.ContentVote) -> list[Block]:
    """The blocks the story vote holds; figures and breaks go with the text next to them."""
    kept: list[Block | None] = []
    for block in blocks:
        if isinstance(block, ListBlock):
            items = tuple(i for i in block.items if story.holds(block_text(i.blocks)))
            block = replace(block, items=items) if items else None
        elif isinstance(block, Figure | ThematicBreak):
            kept.append(block)  # decided below, by their neighbours
            continue
        elif not story.holds(block_text([block])):
            block = None
        kept.append(block)
    texty = [i for i, b in enumerate(blocks) if not isinstance(b, Figure | ThematicBreak)]
    out: list[Block] = []
    for i, block in enumerate(kept):
        if block is None:
            continue
        if isinstance(block, Figure | ThematicBreak):
            after = next((j for j in texty if j > i), None)
            before = next((j for j in reversed(texty) if j < i), None)
            caption_holds = isinstance(block, Figure) and story.holds(plain_text(block.caption))
            next_kept = after is not None and kept[after] is not None
            prev_kept = before is not None and kept[before] is not None
            if isinstance(block, ThematicBreak):
                if not (next_kept and prev_kept):
                    continue
            elif not (caption_holds or next_kept or (prev_kept and after is None)):
                continue
        out.append(block)
    return out


def _find_root(soup: BeautifulSoup, story: _content.ContentVote | None = None) -> Tag:
    if story is not None:
        root = _story_root(soup, story)
        if root is not None:
            return _merge_siblings(root, story)
    sizes = _measure(soup)
    for selector in rules.ROOT_SELECTORS:
        candidates = [c for c in soup.select(selector) if c.parent is not None]
        if not candidates:
            continue
        scored = [(sizes[id(c)].paragraph_text, i, c) for i, c in enumerate(candidates)]
        best = max(scored, key=lambda s: (s[0], -s[1]))
        if best[0] >= rules.MIN_ROOT_TEXT or selector == rules.ROOT_SELECTORS[-1]:
            return best[2]
    # No landmark: the container whose own paragraphs hold the most text; on a page whose
    # paragraphs are short or not <p> at all, text straight in a <div> between <br>s too.
    scores = _paragraph_scores(soup)
    if not scores or max(score for score, _ in scores.values()) < rules.MIN_ROOT_TEXT:
        scores = _paragraph_scores(soup, loose=True)
    if scores:
        root = max(scores.values(), key=lambda s: s[0])[1]
        while isinstance(root.parent, Tag) and root.name not in ("body", "html"):
            siblings = root.parent.find_all("p", recursive=False)
            if not any(_is_story_paragraph(p) for p in siblings):
                break
            root = root.parent
        return root
    body = soup.find("body")
    return body if isinstance(body, Tag) else soup


def _paragraph_scores(soup: BeautifulSoup, *, loose: bool = False) -> dict[int, tuple[int, Tag]]:
    """Characters of paragraph text per container: each <p> scores for its parent; with
    ``loose``, so does a paragraph's worth of text written straight in a container."""
    scores: dict[int, tuple[int, Tag]] = {}

    def add(container: object, length: int) -> None:
        if isinstance(container, Tag):
            score, _ = scores.get(id(container), (0, container))
            scores[id(container)] = (score + length, container)

    for p in soup.find_all("p"):
        add(p.parent, len(_text(p)))
    if not loose:
        return scores
    for string in soup.find_all(string=True):
        if isinstance(string, _SKIPPED_STRINGS) or string.find_parent(["a", "p"]) is not None:
            continue
        length = len(_collapse(str(string)).strip())
        holder = string.parent
        while isinstance(holder, Tag) and holder.name not in _UNIT_TAGS:
            holder = holder.parent
        if length >= rules.MIN_SIBLING_PARAGRAPH and isinstance(holder, Tag) and (
            holder.name in rules.TEXT_CONTAINERS
        ):
            add(holder, length)
    return scores


def _is_story_paragraph(p: Tag) -> bool:
    text = _text(p)
    return len(text) >= rules.MIN_SIBLING_PARAGRAPH and bool(text_rules.SENTENCE_END.search(text))


def _block_holders(root: Tag) -> set[int]:
    """Ids of the elements that contain a block element (computed once, in linear time)."""
    holders: set[int] = set()
    for tag in root.find_all(rules.BLOCK_TAGS | set(_BLOCK_HANDLERS)):
        parent = tag.parent
        while isinstance(parent, Tag) and id(parent) not in holders:
            holders.add(id(parent))
            if parent is root:
                break
            parent = parent.parent
    return holders


# ------------------------------------------------------------------- small rules


def _is_teaser_card(tag: Tag, size: _Size) -> bool:
    """A card that points to another story: a short block whose heading is a link
    (``<article><h3><a href=…>Other story</a></h3><p>Blurb…</p></article>``). A story's own
    headline and subheads are not links to elsewhere."""
    if tag.name not in rules.CARD_TAGS or size.holds_h1:
        return False
    if size.text > rules.MAX_CARD_TEXT or size.nodes > rules.MAX_CARD_NODES:
        return False
    for heading in tag.find_all(list(rules.HEADINGS)):
        text = _text(heading)
        if not text:
            continue
        link = heading.find_parent("a") or heading.find("a")
        if isinstance(link, Tag) and _attr(link, "href") and text in _text(link):
            return True
    return False


def _is_tracker(img: Tag) -> bool:
    width, height = _int(_attr(img, "width")), _int(_attr(img, "height"))
    if (width is not None and width <= rules.MAX_PIXEL_SIZE) or (
        height is not None and height <= rules.MAX_PIXEL_SIZE
    ):
        return True
    src = _attr(img, "src") or ""
    return bool(rules.TRACKER_SRC.search(src)) and not src.lower().startswith("data:")


def _is_chrome_paragraph(text: str) -> bool:
    if len(text) > 200:
        return False
    rest, _ = text_rules.strip_banner(text)
    return not rest or text_rules.is_chrome_line(text)


def _is_layout_table(tag: Tag) -> bool:
    role = (_attr(tag, "role") or "").strip().lower()
    if role in ("presentation", "none"):
        return True
    if tag.find(["table", "h1", "h2", "h3", "article", "main"]) is not None:
        return True
    rows = _rows(tag)
    return len(rows) <= 1 and all(
        len(r.find_all(["td", "th"], recursive=False)) <= 1 for r in rows
    )


def _rows(table: Tag) -> list[Tag]:
    rows: list[Tag] = []
    for child in table.children:
        if not isinstance(child, Tag):
            continue
        if child.name == "tr":
            rows.append(child)
        elif child.name in ("thead", "tbody", "tfoot"):
            rows.extend(child.find_all("tr", recursive=False))
    return rows


def _scoped(cell: Cell, scope: str) -> Cell:
    return cell if cell.scope else Cell(cell.children, True, scope, cell.colspan, cell.rowspan)


def _in_header(tag: Tag, root: Tag) -> bool:
    return tag.find_parent("header") is not None or tag.find_parent(True) is root


def _stands_alone(tag: Tag) -> bool:
    parent = tag.parent
    return isinstance(parent, Tag) and _text(parent) == _text(tag)


def _starts_with_text(nodes: list) -> bool:
    """Whether text comes before the first image in ``nodes``."""
    for node in nodes:
        if isinstance(node, NavigableString):
            if not isinstance(node, _SKIPPED_STRINGS) and node.strip():
                return True
            continue
        if node.name == "img":
            return False
        for el in node.descendants:
            if isinstance(el, Tag) and el.name == "img":
                return False
            if (
                isinstance(el, NavigableString)
                and not isinstance(el, _SKIPPED_STRINGS)
                and el.strip()
            ):
                return True
    return False


def _strip_site_suffix(
    title: str | None, site_names: list[str], *, only_known: bool = False
) -> str | None:
    """``title`` without a trailing site name ("Headline | Example News").

    A declared headline (JSON-LD, og:title) loses only a suffix that names the site (its
    declared name or its domain, ``only_known``); the page's ``<title>`` also loses what
    looks like one.
    """
    if not title:
        return None
    lowered = [_letters(s) for s in site_names if s and _letters(s)]
    for sep in rules.TITLE_SEPARATORS:
        if sep not in title:
            continue
        head, _, tail = title.rpartition(sep)
        tail_l = tail.strip().lower()
        known = _letters(tail) in lowered or any(
            _letters(tail) and (_letters(tail) in n or n in _letters(tail)) for n in lowered
        ) or re.search(r"\.(?:mil|gov|com|org|net|edu|us)\b", tail_l) is not None
        site_like = known or (not only_known and (
            (text_rules.is_org_like(tail) and len(tail.split()) <= rules.MAX_SITE_SUFFIX_WORDS)
            or sep in rules.SITE_ONLY_SEPARATORS
        ))
        if head.strip() and site_like and len(tail.split()) <= rules.MAX_SITE_SUFFIX_WORDS:
            return _strip_site_suffix(head.strip(), site_names, only_known=only_known)
    return title


def _letters(text: str) -> str:
    """Only the letters and digits of ``text``, accents removed, lower case."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if c.isalnum()).casefold()


def _host_name(url: str | None) -> str | None:
    """The site's name in its address: ``thehill`` for https://www.thehill.com/…."""
    m = re.match(r"(?i)https?://([^/:?#]+)", url or "")
    if m is None:
        return None
    parts = [p for p in m[1].lower().split(".") if p not in ("www", "m", "amp")]
    return parts[-2] if len(parts) >= 2 else None


def _headline_key(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    return " ".join(text.casefold().split())


_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-",
                         "\u00a0": " "})


def _confirmed_headline(headings: list[str], declared: list[str]) -> str | None:
    """The first ``<h1>`` of the page that a declared title (JSON-LD headline, og:title,
    twitter:title, ``<title>``) states too, alone or followed by a site suffix: the
    headline readers saw, confirmed by the page's own metadata."""
    keys = [_headline_key(d) for d in declared if d]
    for heading in headings:
        h = _headline_key(heading)
        if len(h) < 4:
            continue
        for d in keys:
            if d == h or (d.startswith(h) and not d[len(h)].isalnum()
                          and _headline_key(d[len(h):]).strip(" ")[:1] in "|-:»>·•/"):
                return heading
    return None


# --------------------------------------------------------------- inline tidying


def _tidy(nodes: Iterable[Inline]) -> tuple[Inline, ...]:
    """Collapse whitespace across inline boundaries as a browser does, drop empty markup,
    and trim the run's ends (and around line breaks)."""
    state = {"space": True}
    forward = _tidy_forward(tuple(nodes), state)
    state = {"strip": True}
    backward = _tidy_backward(forward, state)
    while backward and isinstance(backward[0], LineBreak):
        backward = backward[1:]
    while backward and isinstance(backward[-1], LineBreak):
        backward = backward[:-1]
    return _merge(_tidy_forward(backward, {"space": True}))


def _tidy_forward(nodes: tuple[Inline, ...], state: dict) -> tuple[Inline, ...]:
    out: list[Inline] = []
    for node in nodes:
        match node:
            case Text(text):
                text = _collapse(text)
                if state["space"]:
                    text = text.lstrip(" ")
                if text:
                    state["space"] = text.endswith(" ")
                    out.append(Text(text))
            case LineBreak():
                state["space"] = True
                out.append(node)
            case Code() | Abbr():
                state["space"] = False
                out.append(node)
            case Emphasis() | Strong() | Quote() | Span() | Link():
                inner = _tidy_forward(node.children, state)
                if inner:
                    out.append(replace(node, children=inner))
    return tuple(out)


def _tidy_backward(nodes: tuple[Inline, ...], state: dict) -> tuple[Inline, ...]:
    out: list[Inline] = []
    for node in reversed(nodes):
        match node:
            case Text(text):
                if state["strip"]:
                    text = text.rstrip(" ")
                if text:
                    state["strip"] = False
                    out.append(Text(text))
            case LineBreak():
                state["strip"] = True
                out.append(node)
            case Code() | Abbr():
                state["strip"] = False
                out.append(node)
            case Emphasis() | Strong() | Quote() | Span() | Link():
                inner = _tidy_backward(node.children, state)
                if inner:
                    out.append(replace(node, children=inner))
    return tuple(reversed(out))


def _merge(nodes: tuple[Inline, ...]) -> tuple[Inline, ...]:
    out: list[Inline] = []
    for node in nodes:
        if isinstance(node, Text) and out and isinstance(out[-1], Text):
            out[-1] = Text(out[-1].text + node.text)
        else:
            out.append(node)
    return tuple(out)


def _drop_prefix(nodes: tuple[Inline, ...], length: int) -> tuple[Inline, ...] | None:
    """``nodes`` without their first ``length`` characters, when those lie in plain Text
    nodes at the top level; None otherwise."""
    out = list(nodes)
    while length > 0 and out:
        first = out[0]
        if not isinstance(first, Text):
            return None
        if len(first.text) <= length:
            length -= len(first.text)
            out.pop(0)
        else:
            out[0] = Text(first.text[length:])
            length = 0
    return _tidy(out)


def _cut_credit(inlines: tuple[Inline, ...]) -> tuple[tuple[Inline, ...], str | None]:
    """Split a trailing photo credit off a caption (only from its top-level text)."""
    credit = text_rules.find_credit(plain_text(inlines))
    if credit is not None:
        keep = _keep_prefix(inlines, credit.start)
        if keep is not None:
            return keep, credit.text
    return inlines, None


def _keep_prefix(nodes: tuple[Inline, ...], length: int) -> tuple[Inline, ...] | None:
    out: list[Inline] = []
    for node in nodes:
        size = len(plain_text((node,)))
        if length >= size:
            out.append(node)
            length -= size
            continue
        if length == 0:
            break
        if not isinstance(node, Text):
            return None
        out.append(Text(node.text[:length]))
        break
    return _tidy(out)
