"""Header furniture of a scraped page, wherever a site prints it: dates and bylines.

News sites write the same facts in many shapes: ``By NAME``, ``Story by NAME``, ``NAME -
Nov 19, 2019, 8:15 pm CST``, ``Monday November 18, 2019 7:45 am PST by NAME``, ``By NAME
JAN. 13, 2017`` (a date glued to the name), ``04.12.2024``, ``April 5, 2018 | 6:00 PM``,
``Oct 18, 2019 · 8 min read``, ``PUBLISHED: November 19, 2019 at 8:59 pm | UPDATED: …``.
These functions find a date or a byline *inside* a line, so the reader can take them from
anywhere in the header zone; the strict whole-line forms stay in :mod:`._text_rules`.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

from . import _text_rules as rules

_MONTH = rf"(?P<m>(?i:{'|'.join(sorted(rules.MONTHS, key=len, reverse=True))}))\b\.?"
_YEAR = r"(?P<y>(?:19|20)\d{2})"
_DAY = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th|er|º|\.)?"
_DATE_FORMS = (
    # "Nov. 19, 2019", "NOV 20 2019", "November 18, 2019", "Nov 13, 2019 4:26 pm"
    # (also glued to the word before it: "Public AffairsApril 12, 2024")
    re.compile(rf"(?:(?<![\w])|(?<=[a-z])(?=[A-Z])){_MONTH}\s*{_DAY},?\s+{_YEAR}"),
    # "19 Nov 2019", "20 Nov, 2019", "6 de mayo de 2015", "6. Mai 2015"
    re.compile(rf"(?<![\w.]){_DAY}\s+(?i:de\s+)?{_MONTH},?\s+(?i:de\s+|del\s+)?{_YEAR}"),
    # year first with dots or slashes: "2016.12.01", "2019/11/19"
    re.compile(r"(?<![\d.])(?P<y>(?:19|20)\d{2})[./](?P<m>[01]?\d)[./](?P<d>[0-3]?\d)(?![\d])"),
    # ISO, also with a time: "2019-11-19T12:48:14Z"
    re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?!\d)"),
)
# "04.12.2024", "27/09/2018", "21/06/2014": which number is the month depends on the
# language (U.S. pages write the month first) unless one of them is over 12.
_NUMERIC = re.compile(
    r"(?<![\d.])(?P<a>[0-3]?\d)(?P<s>[./-])(?P<b>[0-3]?\d)(?P=s)(?P<y>(?:19|20)\d{2})(?![\d])"
)

_UPDATED = re.compile(
    r"\b(?:updated?|modified|last\s+updated|mis à jour|actualizado|aktualisiert|"
    r"aggiornato|atualizado|bijgewerkt)\b",
    re.I,
)


@dataclass(frozen=True)
class FoundDate:
    date: _dt.date
    start: int
    end: int
    updated: bool  # the line says it is an update ("Updated …", "Modified …")


def _make(y: str, m: str, d: str) -> _dt.date | None:
    month = int(m) if m.isdigit() else rules.MONTHS.get(m.lower().rstrip("."))
    if month is None:
        return None
    try:
        return _dt.date(int(y), month, int(d))
    except ValueError:
        return None


def dates_in(text: str, lang: str | None = None) -> list[FoundDate]:
    """Every calendar date written in ``text``, in order."""
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []
    for form in _DATE_FORMS:
        for m in form.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            date = _make(m["y"], m["m"], m["d"])
            if date is not None:
                found.append(FoundDate(date, m.start(), m.end(), False))
                taken.append((m.start(), m.end()))
    for m in _NUMERIC.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        a, b = int(m["a"]), int(m["b"])
        month_first = (lang in (None, "en") and b <= 31) if a <= 12 and b <= 12 else a <= 12
        month, day = (a, b) if month_first else (b, a)
        date = _make(m["y"], str(month), str(day))
        if date is not None:
            found.append(FoundDate(date, m.start(), m.end(), False))
    found.sort(key=lambda f: f.start)
    out = []
    for f in found:
        before = text[: f.start]
        # The label nearest before the date says what it is: "Posted … | Updated …".
        labels = list(
            re.finditer(
                r"\b(?:updated?|modified|published|posted|publié|publicado|"
                r"veröffentlicht|pubblicato|gepubliceerd|mis à jour|"
                r"actualizado|aktualisiert|aggiornato|atualizado|bijgewerkt)\b",
                before,
                re.I,
            )
        )
        updated = bool(labels) and bool(_UPDATED.fullmatch(labels[-1].group()))
        out.append(FoundDate(f.date, f.start, f.end, updated))
    return out


# What else a date line may hold: times, zones, weekdays, labels, reading times, the
# separators between them. A line made only of these and a date is a date line.
_DATE_LINE_REST = re.compile(
    r"(?i:\b(?:updated?|modified|published|posted|last|on|at|am|pm|a\.m\.|p\.m\.|"
    r"[a-z]{2,4}t|gmt|utc|z|est|edt|cst|cdt|mst|mdt|pst|pdt|bst|cet|cest|ist|et|pt|ct|"
    r"min|mins|minute|minutes|read|reading|time|hours?|ago|date|"
    r"publié|le|mis|à|jour|publicado|el|em|actualizado|veröffentlicht|am|aktualisiert|um|uhr|"
    r"pubblicato|il|aggiornato|atualizado|gepubliceerd|op|bijgewerkt)\b)"
    rf"|(?i:\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\b\.?)|{rules._WEEKDAY}|\d{{1,2}}[:.h]\d{{2}}(?::\d{{2}})?(?:\s*[ap]\.?m\.?)?|\d+|[\s,;:|/·•\-–—()]+"
)


def is_date_line(text: str, lang: str | None = None) -> FoundDate | None:
    """The date when ``text`` is a date line (a date, maybe a time, labels, reading time)."""
    found = dates_in(text, lang)
    if not found:
        return None
    rest = text
    for f in reversed(found):
        rest = rest[: f.start] + " " + rest[f.end :]
    rest = _DATE_LINE_REST.sub(" ", rest)
    if rest.strip(" .,"):
        return None
    published = [f for f in found if not f.updated]
    return (published or found)[0]


# ------------------------------------------------------------------ bylines

_BY = re.compile(
    r"(?:^|(?<=\s)|(?<=\|))(?:(?:story|written|posted|reported|words|text|article|analysis|"
    r"opinion|commentary|column|review|reporting|edited)\s+(?:and\s+\w+\s+)?)?"
    r"(?:by|par|por|von|di|door)\s*:?\s+(?=[A-ZÀ-Þ])",
    re.I,
)
_FROM = re.compile(r"From\s+(?P<people>[A-Z][^,]{3,80}?),\s+(?P<org>[A-Z0-9][^,]{2,80})")
_PHOTO_BY = re.compile(r"^(?:photo|photos|image|video|graphic)\s+by\b", re.I)
_SEPARATORS = re.compile(r"\s+[-–—·•|]\s+|\s*\|\s*")
_NAME_WORD = re.compile(
    r"(?:[A-ZÀ-Þ][\w'’.-]*|[A-Z]\.|(?:de|da|del|della|der|den|van|von|la|le|du|dos|das|al|bin|"
    r"ibn|ter|y|e)|\(j\.g\.\))$"
)

#: Words that are never a person's name on a line of their own.
NOT_NAMES = frozenset(
    [
        "home",
        "news",
        "menu",
        "search",
        "sections",
        "section",
        "premium",
        "subscribe",
        "login",
        "log",
        "sign",
        "share",
        "print",
        "email",
        "comments",
        "comment",
        "advertisement",
        "advert",
        "sponsored",
        "more",
        "close",
        "read",
        "watch",
        "listen",
        "video",
        "videos",
        "photos",
        "photo",
        "gallery",
        "live",
        "latest",
        "top",
        "opinion",
        "sport",
        "sports",
        "business",
        "weather",
        "related",
        "follow",
        "contact",
        "about",
        "privacy",
        "terms",
        "cookies",
        "newsletter",
        "newsletters",
        "podcast",
        "podcasts",
        "editorial",
        "staff",
        "reporter",
        "correspondent",
        "writer",
        "editor",
        "author",
        "columnist",
        "contributor",
        "published",
        "updated",
        "posted",
        "tags",
        "tag",
        "topics",
        "categories",
        "category",
        "filed",
        "under",
        "columnists",
        "contributors",
        "editors",
        "reporters",
        "writers",
        "authors",
        "staffers",
    ]
)


_WEEKDAY_WORDS = rules.WEEKDAYS | frozenset(
    ["mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun"]
)
_NOT_FIRST_NAMES = frozenset(
    [
        "by",
        "the",
        "a",
        "an",
        "this",
        "these",
        "those",
        "how",
        "why",
        "what",
        "when",
        "where",
        "who",
        "my",
        "our",
        "your",
        "its",
        "le",
        "les",
        "un",
        "une",
        "el",
        "los",
        "las",
        "il",
        "gli",
        "lo",
        "der",
        "die",
        "das",
        "ein",
        "eine",
        "het",
        "een",
    ]
)


@dataclass(frozen=True)
class FoundByline:
    authors: tuple[str, ...]
    organization: str | None
    date: _dt.date | None


def _name_like(text: str, *, max_words: int = 5) -> bool:
    words = text.split()
    if not 1 <= len(words) <= max_words or len(text) > 60:
        return False
    if any(w.lower().strip(".,") in NOT_NAMES for w in words):
        return False
    if words[0].lower() in _NOT_FIRST_NAMES:
        return False  # "The Impeachment Clock": a title in capitals, not a person
    if any(
        w.lower().rstrip(".,") in rules.MONTHS or w.lower().rstrip(".,") in _WEEKDAY_WORDS
        for w in words
    ):
        return False  # "Mon", "Nov.": a date's words
    if not any(c.isalpha() for c in text) or any(c.isdigit() for c in text):
        return False
    return all(_NAME_WORD.match(w) for w in words) and words[0][0].isupper()


# A role or an outlet glued to the name before it: "Meg JamesStaff Writer",
# "Jonathan GarberFOXBusiness".
_GLUED_ROLE = re.compile(
    r"(?<=[a-z]{2})(?=(?:Staff|Senior|Business|Political|National|Chief|Contributing|Special|"
    r"Associate|Deputy|Managing|Editor|Reporter|Writer|Columnist|Correspondent|Contributor|"
    r"[A-Z]{2,})\b|[A-Z]{3,})"
)


def unglue(text: str) -> str:
    return _GLUED_ROLE.sub(" | ", text)


def byline_in(text: str, lang: str | None = None) -> FoundByline | None:
    """Authors (and organization, date) of a byline written anywhere in ``text``:
    "By NAME", "Story by NAME, ORG", "by NAME | Special to …", "DATE by NAME",
    "By NAME JAN. 13, 2017", "By NAME - Contributor 2019-11-19T12:48Z". None otherwise."""
    if _PHOTO_BY.match(text) or rules.split_photo_caption(text):
        return None
    text = unglue(text)
    if (m := _FROM.fullmatch(text)) is not None:  # "From RANK NAME, ORG" (Navy News Service)
        people, org = m["people"], m["org"]
        byline = rules.parse_byline("By " + people)
        if byline and len(people.split()) >= 2 and rules.is_org_like(org):
            return FoundByline(byline.authors, org, None)
        return None
    m = _BY.search(text)
    if m is None:
        return None
    before = text[: m.start()].strip(" |,-–—·•")
    dates = dates_in(text, lang)
    if before and not (dates and is_date_line(before, lang)):
        return None  # words before "by" can only be a label ("Story by") or a date
    rest = text[m.end() :]
    after = [d for d in dates if d.start >= m.end()]
    if after:
        rest = text[m.end() : after[0].start]
    # A label or a weekday glued before the date ("By NAME Posted on Monday, …").
    rest = re.sub(
        r"(?i)[\s,|/·•-]*(?:(?:updated?|published|posted)(?:\s+on)?\s*:?\s*)?"
        rf"(?:{rules._WEEKDAY})?[\s,|/·•-]*(?:\bon\s*)?$",
        "",
        rest,
    )
    parts = [p.strip(" ,") for p in _SEPARATORS.split(rest) if p.strip(" ,")]
    if not parts:
        return None
    byline = rules.parse_byline("By " + parts[0])
    if byline is None or not byline.authors:
        return None
    if not all(_name_like(a, max_words=7) or rules._is_name(a) for a in byline.authors):
        return None
    second = parts[1] if len(parts) > 1 else ""
    org = byline.organization or (
        second
        if second and len(second.split()) <= 8 and not re.search(r"\d[:.]\d", second)
        else None
    )
    return FoundByline(byline.authors, org, byline.date or (dates[0].date if dates else None))


def name_line(text: str) -> tuple[str, ...] | None:
    """The author(s) of a line that is only names ("Natasha Turak", "Jane Doe and John
    Roe", "Tom Krisher, AP Auto Writer", "Chris Davies - Nov 19, 2019"): the caller
    decides by the line's place whether it is a byline."""
    text = unglue(text.strip())
    if len(text.split()) > 12:
        return None  # a sentence, not a line of names
    dates = dates_in(text)
    if dates:
        text = text[: dates[0].start]
    parts = [p.strip(" ,") for p in _SEPARATORS.split(text) if p.strip(" ,")]
    if not parts:
        return None
    head = parts[0]
    for part in parts[1:]:  # what follows the names is a role or an outlet, in capitals
        words = part.split()
        if sum(w[:1].isupper() or w[:1].isdigit() for w in words) < 0.6 * len(words):
            return None
    if "," in head:
        name, _, role = head.partition(",")
        if _name_like(name.strip()) and len(role.split()) <= 5:
            head = name.strip()
    names = rules.split_authors(head)
    while len(names) > 1 and rules.is_org_like(names[-1]):
        names = names[:-1]  # "Meg Kinnard and Errin Haines, Associated Press": the outlet
    if names and all(_name_like(n, max_words=4) for n in names):
        return names
    return None


_MONTH_NAME = _MONTH.replace("?P<m>", "")
_TIME_BITS = re.compile(
    rf"\b\d{{1,2}}[:.]\d{{2}}(?::\d{{2}})?\s*(?:[ap]\.?m\.?)?"
    r"|\b\d+\s*(?:min|mins|minutes?|hrs?|hours?|days?|weeks?|months?)\s+ago\b"
    r"|\b(?:an?|one)\s+(?:minute|hour|day|week)\s+ago\b|\b(?:today|yesterday|just now)\b"
    r"|\b\d+\s*min(?:ute)?s?\s+read\b"
    rf"|{_MONTH_NAME}\s*[0-3]?\d\b|\b[0-3]?\d\s+{_MONTH_NAME}",
    re.I,
)


def is_time_line(text: str) -> bool:
    """A line that only says when, without a full date: "Today 12:01 AM", "1 hour ago",
    "Updated Nov 19, 9:41 AM; Posted Nov 18, 8:19 PM". Header furniture, never a headline."""
    if len(text.split()) > 12 or not _TIME_BITS.search(text):
        return False
    rest = _DATE_LINE_REST.sub(" ", _TIME_BITS.sub(" ", text))
    return not rest.strip(" .,;")
