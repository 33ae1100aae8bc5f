"""Reference metadata of a saved page: what the page itself states about its article.

The benchmark's ground truth has the article body only. Titles, authors, dates and the
language are taken from the page's own statements, in this order:

- **title**: the page's visible headline (``<h1>``, else ``<h2>``) when one of the page's
  declared titles (JSON-LD ``headline``/``name`` of an article, ``og:title``,
  ``twitter:title``) says the same, or starts with it followed by a separator (a site
  suffix such as "— Example News"); else the JSON-LD headline. A page that states no
  title has no reference and is not counted.
- **authors**: the names of the JSON-LD article's ``author`` people (organizations are not
  authors); else ``<meta name="author">`` and its common variants, when they are names
  rather than URLs.
- **date**: the JSON-LD ``datePublished``; else ``article:published_time`` and the other
  common ``<meta>`` names; else ``<time itemprop=datePublished>``; the calendar day as
  the page writes it (no time-zone shift).
- **language**: ``<html lang>``, else ``og:locale``/``content-language``; primary subtag.

``eval/run.py --show-references`` prints them, for checking a sample by eye.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass

from bs4 import BeautifulSoup

from .scoring import norm

_ARTICLE_TYPES = {"article", "newsarticle", "blogposting", "reportagenewsarticle",
                  "analysisnewsarticle", "opinionnewsarticle", "reviewnewsarticle",
                  "backgroundnewsarticle", "techarticle", "scholarlyarticle", "report",
                  "liveblogposting", "socialmediaposting", "posting", "webpage"}
_AUTHOR_METAS = ("author", "article:author", "sailthru.author", "parsely-author",
                 "dc.creator", "dcterms.creator", "byl")
_DATE_METAS = ("article:published_time", "og:published_time", "datepublished",
               "date", "pubdate", "publishdate", "dc.date.issued", "dcterms.issued",
               "sailthru.date", "parsely-pub-date", "publish-date", "article.published")
_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


@dataclass(frozen=True)
class Reference:
    title: str | None
    authors: tuple[str, ...]
    date: dt.date | None
    language: str | None
    kind: str  # the page's declared schema.org type, lower case ("newsarticle", "none", …)

    @property
    def family(self) -> str:
        """The site family the tables are broken down by: news, blog or other pages."""
        if "news" in self.kind:
            return "news"
        if self.kind in {"blogposting", "posting", "socialmediaposting"}:
            return "blog"
        return "other"


def _nodes(data) -> Iterator[dict]:
    """Every JSON-LD object, through lists and ``@graph``."""
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(reversed(item))
        elif isinstance(item, dict):
            yield item
            if "@graph" in item:
                stack.append(item["@graph"])


def _types(node: dict) -> set[str]:
    kind = node.get("@type", ())
    kinds = [kind] if isinstance(kind, str) else kind if isinstance(kind, list) else []
    return {str(k).lower() for k in kinds}


def _jsonld_article(soup: BeautifulSoup) -> dict | None:
    best, best_rank = None, 99
    order = ["newsarticle", "reportagenewsarticle", "analysisnewsarticle",
             "opinionnewsarticle", "blogposting", "article"]
    for script in soup.find_all("script", type=re.compile("ld\\+json", re.I)):
        try:
            data = json.loads(script.string or "")
        except (ValueError, TypeError):
            continue
        for node in _nodes(data):
            kinds = _types(node) & _ARTICLE_TYPES
            if not kinds or not (node.get("headline") or node.get("datePublished")):
                continue
            rank = min(order.index(k) if k in order else len(order) for k in kinds)
            if rank < best_rank:
                best, best_rank = node, rank
    return best


def _meta(soup: BeautifulSoup, *names: str) -> list[str]:
    found = []
    for tag in soup.find_all("meta"):
        key = (tag.get("property") or tag.get("name") or tag.get("itemprop") or "").lower()
        if key in names and tag.get("content"):
            found.append(" ".join(str(tag["content"]).split()))
    return found


def _names(value) -> list[str]:
    if isinstance(value, list):
        return [n for v in value for n in _names(v)]
    if isinstance(value, dict):
        if "organization" in _types(value):
            return []
        return _names(value.get("name"))
    if isinstance(value, str) and value.strip() and "://" not in value:
        return [" ".join(value.split())]
    return []


def _day(value) -> dt.date | None:
    if not isinstance(value, str):
        return None
    m = _ISO_DAY.search(value)
    if not m:
        return None
    try:
        day = dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None
    return day if day.year >= 1000 else None  # 0001-01-01: a system's "no date"


def _same_start(declared: str, heading: str) -> bool:
    d, h = norm(declared), norm(heading)
    return bool(h) and (d == h or (d.startswith(h) and not d[len(h)].isalnum()))


def reference(html: str) -> Reference:
    soup = BeautifulSoup(html, "lxml")
    art = _jsonld_article(soup) or {}
    declared = [str(art.get("headline") or ""), *(_meta(soup, "og:title", "twitter:title"))]
    declared = [d for d in declared if d.strip()]
    headings = [" ".join(h.get_text(" ").split()) for h in soup.find_all("h1")] or [
        " ".join(h.get_text(" ").split()) for h in soup.find_all("h2")]
    title = next((h for h in headings for d in declared if len(h) > 3 and _same_start(d, h)),
                 None) or (" ".join(str(art["headline"]).split()) if art.get("headline")
                           else None)

    authors = tuple(dict.fromkeys(_names(art.get("author")) or
                                  [n for n in _meta(soup, *_AUTHOR_METAS) if "://" not in n]))

    date = _day(art.get("datePublished"))
    if date is None:
        date = next((d for d in map(_day, _meta(soup, *_DATE_METAS)) if d), None)
    if date is None:
        tag = soup.find(attrs={"itemprop": "datePublished"})
        if tag is not None:
            date = _day(tag.get("datetime") or tag.get("content"))

    html_tag = soup.find("html")
    lang = (html_tag.get("lang") if html_tag else None) or next(
        iter(_meta(soup, "og:locale", "content-language")), None)
    lang = re.split("[-_]", lang.strip())[0].lower() if lang and lang.strip() else None

    kinds = _types(art)
    kind = next(iter(sorted(kinds & _ARTICLE_TYPES)), "none") if art else "none"
    return Reference(title, authors, date, lang, kind)


_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december"]


def shows_date(text: str, day: dt.date) -> bool:
    """Whether ``text`` (a scrape) writes ``day`` in one of the usual ways: ISO, numeric
    month-day-year or day-month-year (``/``, ``.``, ``-``), or an English month name or
    abbreviation with the day and year in either order. Built from the date, not parsed
    from the text, so it shares nothing with the readers it judges."""
    month = _MONTHS[day.month - 1]
    names = {month, month[:3], month[:3] + ".", month[:4] + "."}
    d, m, y = day.day, day.month, day.year
    numeric = {f"{y}-{m:02}-{d:02}"}
    for sep in "/.-":
        for dd, mm in ((f"{d}", f"{m}"), (f"{d:02}", f"{m:02}")):
            numeric |= {f"{mm}{sep}{dd}{sep}{y}", f"{dd}{sep}{mm}{sep}{y}"}
    low = " ".join(text.lower().split())
    if any(re.search(rf"(?<![\d]){re.escape(n)}(?![\d])", low) for n in numeric):
        return True
    for name in names:
        n = re.escape(name)
        if re.search(rf"\b{n}\s*{d}(st|nd|rd|th)?,?\s*{y}\b", low) or re.search(
                rf"\b{d}(st|nd|rd|th)?\s*(of\s*)?{n},?\s*{y}\b", low):
            return True
    return False
