"""Read a scrape through a model of the page: the story first, then its header.

1. Every line is scored as story text or furniture (:mod:`._page_model`), and the story
   is the densest run of story text.
2. The header zone is what stands above that run (and any byline or date line among its
   first lines). Its furniture is read wherever it stands: bylines, date lines, a
   kicker, photo captions.
3. The headline is the line of the header zone that relates to the story as a headline
   does: shaped like one, just above the byline, date line or standfirst that opens the
   story, not one of a list of teaser headlines, not a menu word. Being first on the page
   counts for nothing.

A page too short to hold a run of story text is read by the line rules alone
(:func:`.text._read_by_rules`), as are the shortest .mil/.gov scrapes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from renderer.errors import InputError
from renderer.model import Article, Paragraph

from . import _page_model as pm
from . import _scrape_header as sh
from . import _text_rules as rules
from .text import Facts, _body, _groups, _hard_wrapped, _top_chrome

_BLANK = None

#: How far above the story's first line the headline is looked for, in lines.
HEADER_LINES = 40
#: How many of the run's first lines may still be header (a standfirst, a byline).
RUN_HEADER_LINES = 8
#: Pages shorter than this (in lines) may be read by the line rules alone.
SHORT_PAGE_LINES = 40

_JUNK = re.compile(r"[\W\d_]*")
_DATE_LABEL = re.compile(
    r"(?:posted|published|updated|last updated|publié|mis à jour|publicado|actualizado|"
    r"veröffentlicht|aktualisiert|pubblicato|aggiornato|atualizado|gepubliceerd|bijgewerkt)"
    r"(?:\s+on|\s+le|\s+el|\s+em|\s+am|\s+il|\s+op)?\s*:?\s+\S",
    re.I,
)
_URL = re.compile(r"(?:https?://|www\.)\S+")
# A comment's header: who wrote it (and when), ending in "said:", "wrote:" and the like.
_COMMENT_HEAD = re.compile(
    r"\b(?:said|says|wrote|writes|commented|replied|a écrit|dice|escribió|schrieb|scrive|"
    r"disse|schreef)\s*:\s*$",
    re.I,
)
_LINKISH = re.compile(r"https?://|www\.|pic\.twitter\.com|(?:^|\s)@\w")


@dataclass
class _Found(Facts):
    captions: list[tuple[str, str]] = field(default_factory=list)
    used: set[int] = field(default_factory=set)  # header positions read as furniture


def read_page(
    lines: list[str | None], publishers: list[str], *, name: str, title: str | None
) -> Article | None:
    """The article read through the page model, or None when the page is short and holds
    no story run or no headline the model is sure of (the line rules read it then)."""
    lines = _join_wrapped(lines)
    content = [line for line in lines if line is not _BLANK]
    lang = pm.detect(content)
    model = pm.model(lines, lang)
    kinds = _kinds(model, lang)
    short_page = len(content) <= SHORT_PAGE_LINES
    run = _story_run(model, kinds)
    if run is None:
        if short_page:
            return None
        raise InputError(f"{name}: no run of story text found in the page")
    run_first, last = run
    # The run's first lines may still be header: a standfirst above the byline.
    first = _header_end(model, kinds, run_first, last)
    if first > last:
        return None if short_page else _refuse_no_story(name)

    given = " ".join(title.split()) if title and title.strip() else None
    lo = max(0, first - HEADER_LINES)
    title_pos = _find_title(model, kinds, lo, first, given, run_first)
    if title_pos is None and given is None:
        if short_page:
            return None
        raise InputError(
            f"{name}: cannot find the title: no line above the story reads as a headline",
            hint='name it with --meta title="..."',
        )

    if given is not None:
        found = _Found(title=given)
    else:
        assert title_pos is not None
        found = _Found(title=model[title_pos].text)
    if title_pos is not None:
        _read_kicker(model, kinds, lo, title_pos, found)
    body_start = _read_header(
        model, kinds, title_pos + 1 if title_pos is not None else lo, first, found, lang
    )
    if title_pos is not None:
        _read_above_title_fallbacks(model, kinds, lo, title_pos, found, lang)

    body_lines = _body_lines(lines, model, kinds, body_start, first, last)
    blocks, dateline = _body(body_lines, found.captions, heading=_is_subhead)
    if not any(isinstance(b, Paragraph) for b in blocks):
        return None if short_page else _refuse_no_story(name)
    _note_dropped(lines, publishers, model, kinds, title_pos, body_start, found)
    return found.article(blocks, dateline, publishers)


def _kinds(model: list[pm.Line], lang: str | None) -> list[str]:
    """What each line is (:func:`_kind`), with lines of names next to a date line or a
    byline, or printed twice ("Anna Menin" twice), read as the byline."""
    kinds = [_kind(line.text, lang) for line in model]
    for pos, line in enumerate(model):
        if (
            kinds[pos] == "text"
            and sh.name_line(line.text)
            and any(
                kinds[q] in ("date", "byline") or (model[q].text == line.text and line.words >= 2)
                for q in (pos - 1, pos + 1)
                if 0 <= q < len(kinds)
            )
        ):
            kinds[pos] = "name"
    return kinds


def _read_kicker(
    model: list[pm.Line], kinds: list[str], lo: int, title_pos: int, found: _Found
) -> None:
    """A kicker ("News | May 6, 2015") a few lines above the headline."""
    for pos in range(title_pos - 1, max(lo, title_pos - 4) - 1, -1):
        if kinds[pos] == "kicker":
            kicker = rules.parse_kicker(model[pos].text)
            assert kicker is not None
            found.section, found.kicker_date = kicker.section, kicker.date
            if kicker.date is None:
                found.notes.append(f"kicker date not understood: {kicker.date_text}")
            return


def _read_above_title_fallbacks(
    model: list[pm.Line],
    kinds: list[str],
    lo: int,
    title_pos: int,
    found: _Found,
    lang: str | None,
) -> None:
    """When nothing under the headline said it: a date line just above the headline, and
    the author's name a line or two above it next to a date line."""
    if found.published is None:
        for pos in range(title_pos - 1, max(lo, title_pos - 3) - 1, -1):
            if kinds[pos] == "date":
                _take_date(found, model[pos].text, lang)
                break
    if found.byline_seen:
        return
    for pos in range(title_pos - 1, max(lo, title_pos - 4) - 1, -1):
        near = range(max(0, pos - 2), min(len(kinds), pos + 3))
        names = sh.name_line(model[pos].text) if kinds[pos] in ("text", "name") else None
        # one word above a headline is a section's label ("Ideas"), not a person
        if names and len(model[pos].text.split()) >= 2 and any(kinds[q] == "date" for q in near):
            found.authors, found.byline_seen = names, True
            found.used.add(pos)
            return


def _body_lines(
    lines: list[str | None],
    model: list[pm.Line],
    kinds: list[str],
    body_start: int,
    first: int,
    last: int,
) -> list[str | None]:
    """The story's lines (blank lines kept between them) from ``body_start`` to the run's
    end and the finished sentences that follow it, without furniture."""
    end = last
    while end + 1 < len(model) and _continues_story(model[end + 1]):
        end += 1
    out: list[str | None] = []
    prev_index = None
    for pos in range(body_start, end + 1):
        line = model[pos]
        if line.cls == "bad" or (kinds[pos] in ("byline", "date") and pos < first):
            continue
        if kinds[pos] in ("junk", "comment") or (
            kinds[pos] == "caption" and rules.split_photo_caption(line.text) is None
        ):
            continue  # "Advertisement", a credit on its own line ("Doug Mills/The New York Times")
        if (
            pos < first
            and line.cls == "short"
            and not line.sentence
            and kinds[pos] not in ("dateline", "caption")
        ):
            continue  # buttons and counters between the header and the story
        if prev_index is not None and _BLANK in lines[prev_index : line.index]:
            out.append(_BLANK)
        out.append(line.text)
        prev_index = line.index
    return out


def _note_dropped(
    lines: list[str | None],
    publishers: list[str],
    model: list[pm.Line],
    kinds: list[str],
    title_pos: int | None,
    body_start: int,
    found: _Found,
) -> None:
    """Say which lines above the headline were dropped as chrome (the site's name and a
    breadcrumb trail are chrome without saying so)."""
    skip = _top_chrome(lines, publishers)
    above = title_pos if title_pos is not None else body_start
    dropped = [
        model[p].text
        for p in range(0, above)
        if kinds[p] in ("text", "junk", "name")
        and model[p].index not in skip
        and p not in found.used
    ]
    if len(dropped) > 4:
        found.notes.append(f"not the title, dropped as site chrome: {len(dropped)} lines")
    elif dropped:
        quoted = ", ".join(repr(_snippet(t)) for t in dropped)
        found.notes.append(f"not the title, dropped as site chrome: {quoted}")


#: What a headline with a byline or date under it, just above a run, adds to the run.
HEADED_RUN_BONUS = 6.0


def _story_run(model: list[pm.Line], kinds: list[str]) -> tuple[int, int] | None:
    """The run of story text that is the article: the densest run, unless another dense
    run stands under a headline with its byline or date (a list of teasers has none)."""
    candidates = []
    for _, (run_first, run_last) in pm.runs(model):
        for first, last in _split_at_headers(model, kinds, run_first, run_last):
            weight = sum(model[pos].weight for pos in range(first, last + 1))
            if weight > 0:
                candidates.append((weight, (first, last)))
    if not candidates:
        return None
    top = max(weight for weight, _ in candidates)
    headed: list[tuple[float, tuple[int, int]]] = []
    for weight, (first, last) in candidates:
        if weight < 0.2 * top:
            continue
        head = _header_end(model, kinds, first, last)
        lo = max(0, head - 12)
        scores = [_title_score(model, kinds, p, lo, head, False) for p in range(lo, head)]
        if any(s is not None and s >= 2.5 for s in scores):
            headed.append((weight, (first, last)))
    densest = max(candidates)
    if not headed or max(headed)[0] + HEADED_RUN_BONUS < densest[0]:
        return densest[1]
    # Of the runs under a headline, the first on the page, unless a later one is far longer
    # (the page's own article comes before the teasers and the next posts).
    heaviest = max(weight for weight, _ in headed)
    return min((span for weight, span in headed if weight >= 0.25 * heaviest))


def _split_at_headers(
    model: list[pm.Line], kinds: list[str], first: int, last: int
) -> list[tuple[int, int]]:
    """A run cut where another article begins: a byline or date line after some paragraphs
    of story, under a headline (a list of teasers with their authors and dates, the next
    post of a blog, the article after a block of teasers). Each piece is a candidate."""
    pieces: list[tuple[int, int]] = []
    start, good = first, 0
    pos = first
    while pos <= last:
        line = model[pos]
        if line.cls == "good":
            good += 1
        elif kinds[pos] == "comment":
            # A comment thread follows the story: the run's story ends before it.
            end = pos - 1
            while end > start and (model[end].cls not in ("good", "near") or kinds[end] != "text"):
                end -= 1
            if end >= start and model[end].weight > 0:
                pieces.append((start, end))
            return pieces
        elif (
            kinds[pos] in _BYLINE_OR_DATE and good >= 3 and _opens_article(model, kinds, pos, start)
        ):
            head = pos - 1
            while head > start and kinds[head] in _FURNITURE:
                head -= 1
            end = head - 1
            while end > start and (model[end].cls not in ("good", "near") or kinds[end] != "text"):
                end -= 1
            pieces.append((start, max(end, start)))
            while pos + 1 <= last and kinds[pos + 1] in _FURNITURE:
                pos += 1
            start, good = pos + 1, 0
        pos += 1
    if start <= last:
        pieces.append((start, last))
    return pieces


def _opens_article(model: list[pm.Line], kinds: list[str], pos: int, start: int) -> bool:
    """Whether the byline or date line at ``pos`` is another article's: under a line shaped
    like a headline, and not a quoted post's signature ("— Name (@handle) Nov 1, 2019")."""
    text = model[pos].text
    if text.startswith(("—", "-", "–")) or "@" in text:
        return False
    head = pos - 1
    while head > start and kinds[head] in _FURNITURE:
        head -= 1
    return (
        head > start
        and _title_shaped(model[head], kinds[head])
        and not model[head].text.startswith(("—", "-", "–"))
    )


def _header_end(model: list[pm.Line], kinds: list[str], first: int, last: int) -> int:
    """Where the body begins in a run whose first lines may still be header: after a byline
    or date line among its first lines (a standfirst may stand above them)."""
    for pos in range(first, min(first + RUN_HEADER_LINES, last + 1)):
        above = model[first:pos]
        if kinds[pos] in ("byline", "date", "name") and (
            sum(line.cls == "good" for line in above) <= 2
            and sum(line.words for line in above) < 100
        ):
            first = pos + 1
    while first < last and kinds[first] == "junk":
        first += 1  # a counter or a button under the byline ("14 comments")
    return first


def _join_wrapped(lines: list[str | None]) -> list[str | None]:
    """Lines with each hard-wrapped paragraph joined into one line (a dateline alone on
    the paragraph's first line stays on its own)."""
    groups = _groups(lines)
    if len(groups) < 2:
        return lines
    out: list[str | None] = []
    for group in groups:
        if out:
            out.append(_BLANK)
        head = []
        if len(group) > 1 and rules.dateline_alone(group[0]) is not None:
            head = [group.pop(0)]
        wrapped = _hard_wrapped(group) and all(_kind(line, None) == "text" for line in group)
        out.extend(head + ([" ".join(group)] if wrapped else group))
    return out


def _refuse_no_story(name: str) -> Article:
    raise InputError(f"{name}: no body paragraphs found after the header")


def _is_subhead(text: str) -> bool:
    """A subhead inside the story: a heading-like line, or any short line that opens with
    a capital and does not end like a sentence or clause ("Ice on the river"); the body's
    rule keeps it a heading only between two story paragraphs."""
    words = text.split()
    if _is_junk(text) or _is_photo_credit(text) or _LINKISH.search(text):
        return False
    return rules.is_heading_like(text) or (
        2 <= len(words) <= rules.MAX_HEADING_WORDS
        and text[0].isupper()
        and text[-1] not in '.,;:!?…"”’)'
        and not _is_junk(text)
        and not sh.dates_in(text)
    )


def _snippet(line: str) -> str:
    return line if len(line) <= 60 else line[:57] + "..."


# ----------------------------------------------------------------- what a line is


def _kind(text: str, lang: str | None) -> str:
    """The furniture a line is, or "text"/"junk"."""
    if _URL.fullmatch(text) or (_is_junk(text) and not sh.dates_in(text, lang)):
        return "junk"
    if _is_comment_head(text, lang):
        return "comment"  # "Jane on September 13, 2018 at 5:23 pm said:", "v2787 says:"
    if rules.parse_kicker(text):
        return "kicker"
    if rules.split_photo_caption(text) or _is_photo_credit(text):
        return "caption"
    if rules.DATE_LINE.fullmatch(text) or (len(text) <= 120 and sh.is_date_line(text, lang)):
        return "date"
    if len(text.split()) <= 12 and sh.dates_in(text, lang) and not sh.byline_in(text, lang):
        return "date"  # a short line holding a full date is the header's, never a headline
    if sh.is_time_line(text):
        return "date"  # when, without a full date: "Today 12:01 AM", "1 hour ago"
    if len(text) <= 200 and (sh.byline_in(text, lang) or rules.parse_byline(text)):
        return "byline"
    if _DATE_LABEL.match(text) and len(text.split()) <= 16:
        return "date"  # "Posted on Maret 30, 2015 by Admin": a date line in any calendar
    if rules.dateline_alone(text) is not None:
        return "dateline"
    return "text"


_CREDIT_LINE = re.compile(
    r"(?:(?:photo|image|video|graphic)s?\s+(?:by|courtesy)\b|\((?:[^()]*\b(?:photo|image)\b[^()]*)\)$"
    r"|credit(?:s)?\s*:|(?:photo|image)\s*:)",
    re.I,
)


_AGENCY_CREDIT = re.compile(
    r"\(?[A-ZÀ-Þ][\w.'’-]*(?:\s+[\w.'’&-]+){0,5}\s*(?:/|\|)\s*"
    r"[A-ZÀ-Þ][\w.'’-]*(?:\s+[\w.'’&-]+){0,6}(?:\s*(?:/|\|)\s*[A-ZÀ-Þ][\w.'’&\s-]*)?\)?"
)


def _is_comment_head(text: str, lang: str | None) -> bool:
    """A comment's header: a name with the time it was written, or a user's handle, then
    "said:", "wrote:"... ("The ministry said:" before a quoted statement is story text)."""
    m = _COMMENT_HEAD.search(text)
    if m is None or len(text.split()) > 20:
        return False
    who = text[: m.start()].split()
    if sh.dates_in(text, lang) or sh.is_time_line(" ".join(who[-4:])):
        return True
    return len(who) == 1 and (who[0].islower() or any(c.isdigit() or c == "_" for c in who[0]))


def _is_photo_credit(text: str) -> bool:
    """A caption's credit line or photo chrome: "Photo By Sgt. Jane Roe | …", "Credit: …",
    "(Reed Saxon / Associated Press)", "Anna Moneymaker/The New York Times"."""
    if _AGENCY_CREDIT.fullmatch(text) and pm.words_of(text)[0] not in pm.ANY_STOP:
        return all(
            w[:1].isupper() or w.lower() in _CREDIT_SMALL for w in re.split(r"[\s/|()]+", text) if w
        )
    return bool(_CREDIT_LINE.match(text)) and len(text.split()) <= 60


_CREDIT_SMALL = frozenset(["for", "of", "the", "and", "de", "la", "via"])


_NAV_WORDS = sh.NOT_NAMES | frozenset(
    (
        "accessibility", "links", "skip", "content", "main", "navigation", "toggle", "open",
        "account", "edition", "register", "sign-in", "signin", "menu", "view", "original",
        "caption", "show", "hide", "download", "back", "next", "previous", "prev", "page",
        "article", "story", "stories", "releases", "release", "press", "world", "local",
        "politics", "entertainment", "lifestyle", "health", "science", "tech", "technology",
        "travel", "food", "arts", "culture", "blog", "blogs", "explore", "discover",
        "trending", "popular", "features", "feature", "magazine", "shop", "store", "donate",
        "help", "faq", "archive", "archives", "rss", "join", "options", "option", "sharing",
        "post", "posts", "browse", "edit", "profile", "out", "in", "up", "key", "points",
        "tweets", "comments", "reply", "replies", "facebook", "twitter", "whatsapp",
        "linkedin", "pinterest", "reddit", "instagram", "youtube", "tumblr", "telegram",
        "messenger", "flipboard", "copy", "link", "url", "short", "get", "click", "here",
        "see", "all", "also", "full", "continue", "reading", "tips", "type", "enter", "go",
        "submit", "save", "bookmark", "follow", "us", "on", "to", "this", "our", "your", "my",
        "the", "a", "and", "of", "for", "with", "now", "free", "today", "breaking", "alerts",
        "alert", "emails", "notifications", "app", "apps", "text", "size", "via", "x", "work",
        "watch", "listen", "previous", "articles", "more", "newer", "older", "overview",
        # the same buttons in French, Spanish, German, Italian, Portuguese and Dutch
        "retour", "accueil", "rechercher", "partager", "commentaires", "volver", "inicio",
        "buscar", "compartir", "comentarios", "zurück", "zur", "übersicht", "startseite",
        "suche", "teilen", "kommentare", "indietro", "cerca", "condividi", "commento",
        "commenti", "nessun", "voltar", "compartilhar", "comentários", "terug", "zoeken",
        "delen", "reacties", "visit", "partner", "site", "signed", "website", "friends",
    )
)  # fmt: skip


def _is_junk(text: str) -> bool:
    """Never a headline: one letter, digits and punctuation, an object replacement
    character, a menu word or two."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 2 or "\ufffc" in text or _JUNK.fullmatch(text):
        return True
    if _URL.fullmatch(text):
        return True  # an address on its own line
    text = re.sub(r"(?<=[a-z])(?=[A-Z][a-z])", " ", text)  # "Edit ProfileSign Out"
    words = [w.strip(".,:;!?|»›>@#").lower() for w in text.split()]
    words = [w for w in words if not w.replace(",", "").replace(".", "").isdigit()]
    return len(words) <= 8 and all(
        w in _NAV_WORDS or w in pm.ANY_STOP or "_" in w or not w for w in words
    )


# ------------------------------------------------------------------- the header


def _read_header(
    model: list[pm.Line],
    kinds: list[str],
    start: int,
    first: int,
    found: _Found,
    lang: str | None,
) -> int:
    """Read the furniture from ``start`` (below the headline) to ``first`` (the story's
    first line); return where the body begins."""
    last_furniture = start - 1
    has_byline = any(kinds[q] == "byline" for q in range(start, first))
    awaiting_org = False
    name_candidates: list[int] = []
    for pos in range(start, first):
        text, kind = model[pos].text, kinds[pos]
        if kind == "kicker" and found.section is None:
            kicker = rules.parse_kicker(text)
            assert kicker is not None
            found.section, found.kicker_date = kicker.section, kicker.date
            last_furniture = pos
        elif kind == "date":
            _take_date(found, text, lang)
            if not found.byline_seen and (names := _names_before_date(text, lang)):
                found.authors, found.byline_seen = names, True
            last_furniture = pos
        elif kind == "byline":
            if not found.byline_seen:
                byline = rules.parse_byline(text)
                if (fb := sh.byline_in(text, lang)) is not None:
                    found.authors, found.organization = fb.authors, fb.organization
                    found.byline_seen = True
                    awaiting_org = fb.organization is None
                    if fb.date and found.published is None:
                        found.published = fb.date
                elif byline is not None and not byline.authors:  # "From … Public Affairs"
                    found.organization = byline.organization
                    found.byline_seen = True
            last_furniture = pos
        elif kind == "name":
            if not found.byline_seen and not has_byline:  # a real byline wins
                found.authors = sh.name_line(text) or ()
                found.byline_seen = True
                found.used.add(pos)
            last_furniture = pos
        elif kind == "caption":
            caption = rules.split_photo_caption(text)
            if caption is not None and pos > last_furniture:
                found.captions.append(caption)
            last_furniture = pos
        elif awaiting_org and pos == last_furniture + 1 and rules.is_org_continuation(text):
            found.organization = text
            awaiting_org = False
            last_furniture = pos
        else:
            if kind == "text" and sh.name_line(text):
                name_candidates.append(pos)
            if (
                pos == start
                and found.subtitle is None
                and model[pos].words >= 4
                and (kind == "text")
            ):
                found.subtitle = text  # kept only when furniture follows (below)
                found.used.add(pos)
    if found.subtitle is not None and last_furniture <= start:
        found.subtitle = None  # nothing between it and the story: it is the story's
    if not found.byline_seen:
        # A line of names next to a date line, or right under the headline, is the byline.
        for pos in name_candidates:
            near_date = any(kinds[q] == "date" for q in (pos - 1, pos + 1) if 0 <= q < len(kinds))
            if near_date or pos == start or (found.subtitle and pos == start + 1):
                names = sh.name_line(model[pos].text)
                assert names is not None
                if len(names) == 1 and len(names[0].split()) == 1 and not near_date:
                    continue
                found.authors = names
                found.byline_seen = True
                found.used.add(pos)
                last_furniture = max(last_furniture, pos)
                break
    if found.published is None and found.updated is None:
        # A date anywhere in the short lines of the header.
        for pos in range(start, first):
            if model[pos].words <= 25:
                dates = [d for d in sh.dates_in(model[pos].text, lang) if not d.updated]
                if dates:
                    found.published = dates[0].date
                    break
    body_start = last_furniture + 1
    return body_start


def _names_before_date(text: str, lang: str | None) -> tuple[str, ...] | None:
    """The names a date line opens with: "Chris Davies - Nov 19, 2019", "Reuters Nov …"."""
    dates = sh.dates_in(text, lang)
    head = text[: dates[0].start].strip(" -–—|·•,") if dates else ""
    return sh.name_line(head) if head else None


def _take_date(found: _Found, text: str, lang: str | None) -> None:
    m = rules.DATE_LINE.fullmatch(text)
    if m is not None:
        date = rules.parse_date(m["date"])
        if m["kind"] in rules.PUBLISHED_WORDS:
            found.published = found.published or date
        else:
            found.updated = found.updated or date
        return
    for d in sh.dates_in(text, lang):
        if d.updated:
            found.updated = found.updated or d.date
        else:
            found.published = found.published or d.date


def _continues_story(line: pm.Line) -> bool:
    """A line right after the story run that still belongs to it: a finished sentence."""
    return (
        line.cls in ("near", "short")
        and line.sentence
        and line.words >= 2
        and (not rules.is_trailer_line(line.text))
    )


# ------------------------------------------------------------------- the headline


def _find_title(
    model: list[pm.Line],
    kinds: list[str],
    lo: int,
    first: int,
    given: str | None,
    run_first: int | None = None,
) -> int | None:
    """The headline's position between ``lo`` and ``first`` (the body's first line);
    ``run_first`` is where the run of story text began (a headline is rarely inside it)."""
    if given is not None:
        for pos in range(first - 1, lo - 1, -1):
            if model[pos].text.casefold() == given.casefold():
                return pos
        return None
    best, best_score = None, -1.5
    lead = _content_words(" ".join(line.text for line in model[first : first + LEAD_LINES]))
    for pos in range(lo, first):
        score = _title_score(model, kinds, pos, lo, first)
        if score is None:
            continue
        if run_first is not None and pos >= run_first:
            score -= 1.0  # inside the story's run: a promo or a standfirst, seldom the headline
        # A headline's words come back in the story's first paragraphs; a teaser's, a
        # kicker's or a menu's do not.
        words = _content_words(model[pos].text)
        if words and lead:
            score += TITLE_OVERLAP * len(words & lead) / len(words)
        if score > best_score:
            best, best_score = pos, score
    return best


#: How many of the story's first lines a headline's words are looked for in, and what
#: finding all of them there adds to its score.
LEAD_LINES = 6
TITLE_OVERLAP = 1.5


def _content_words(text: str) -> set[str]:
    """The words that carry meaning (no function words), folded to a short stem."""
    return {w[:6] for w in pm.words_of(text) if len(w) > 2 and w not in pm.ANY_STOP}


_BYLINE_OR_DATE = ("byline", "date", "name")
_FURNITURE = (*_BYLINE_OR_DATE, "caption", "kicker")


def _counter(line: pm.Line, kind: str) -> bool:
    """A widget's counter or button between a headline and what follows it ("New, 15
    comments", "Share")."""
    return kind == "junk" or (
        kind == "text" and line.words <= 3 and any(c.isdigit() for c in line.text)
    )


def _title_shaped(line: pm.Line, kind: str) -> bool:
    return kind == "text" and 3 <= line.words <= 25 and not line.text.endswith(".")


def _title_score(
    model: list[pm.Line], kinds: list[str], pos: int, lo: int, first: int, look_above: bool = True
) -> float | None:
    line, kind = model[pos], kinds[pos]
    text = line.text
    if kind != "text" or line.cls == "bad" or line.words > 30 or len(text) > 250:
        return None
    most = 3 if line.words <= 20 else 1  # "Meth. We're on it.": a short headline may have three
    if text.endswith(":") or (
        rules.SENTENCE_END.search(text) and rules.sentence_count(text) > most
    ):
        return None
    if pos - 1 >= 0 and kinds[pos - 1] == "byline":
        return None  # the organization under a byline, never a headline
    score = 0.0
    words = line.words
    score += 1.0 if 3 <= words <= 25 else (0.0 if words == 2 else -1.5)
    if re.search(r"\.[\"”’)]*$", text):
        score -= 1.5
    if words >= 12 and line.sentence and line.stop >= 0.3 and not text.endswith("?"):
        score -= 0.7  # prose: a standfirst rather than its headline
    if words <= 4 and text.isupper():
        score -= 1.0  # a section label ("WEIRD MEDICINE")
    if sh.name_line(text):
        score -= 1.0  # a name on its own line is a byline more often than a headline
    # The next line that says something (a counter such as "New, 15 comments" skipped).
    nxt = next((q for q in range(pos + 1, first) if not _counter(model[q], kinds[q])), None)
    below = model[nxt] if nxt is not None else None
    if (
        below is not None
        and nxt is not None
        and kinds[nxt] == "text"
        and words >= 5
        and below.words >= 8
        and (below.sentence or (below.words >= 12 and below.stop >= 0.25))
    ):
        score += 1.0  # a standfirst follows
    elif (
        nxt == pos + 1
        and below is not None
        and kinds[nxt] == "text"
        and min(words, below.words) >= 5
        and any(kinds[q] in _BYLINE_OR_DATE for q in range(nxt + 1, min(nxt + 3, first)))
    ):
        score += 1.0  # a deck in headline case between it and the byline
    if re.search(r"(?:^|\s)@\w", text):
        score -= 2.0  # a social-media handle: an author's line
    # What stands between it and the story: furniture is expected, a standfirst may be.
    between = range(pos + 1, first)
    furniture = [q for q in between if kinds[q] in _FURNITURE]
    others = [q for q in between if kinds[q] not in _FURNITURE]
    if any(kinds[q] in _BYLINE_OR_DATE for q in range(pos + 1, min(pos + 4, first))):
        score += 2.5
        if pos + 1 < first and kinds[pos + 1] in _BYLINE_OR_DATE:
            score += 0.5
    elif furniture:
        score += 0.5
    if look_above and any(kinds[q] in _BYLINE_OR_DATE for q in range(max(lo, pos - 2), pos)):
        score += 1.0  # the date or byline just above it
    # A standfirst right under the headline is expected; anything else costs, up to a point.
    extra = [q for q in others if q != pos + 1 or model[q].words < 8]
    score -= min(2.0, 0.15 * len(extra))
    # The same headline twice: a breadcrumb ending in it, or the heading repeated.
    for q in (pos - 1, pos + 1):
        if (
            lo <= q < first
            and q != pos
            and len(text) > 15
            and (model[q].text.casefold().endswith(text.casefold()))
        ):
            score += 0.8
            break
    # One of a list of teaser headlines.
    prev_shape = pos - 1 >= 0 and _title_shaped(model[pos - 1], kinds[pos - 1])
    next_shape = pos + 1 < first and _title_shaped(model[pos + 1], kinds[pos + 1])
    score -= 1.2 if prev_shape and next_shape else 0.4 if prev_shape or next_shape else 0.0
    # A kicker right above it.
    if pos - 1 >= 0 and kinds[pos - 1] == "kicker":
        score += 1.0
    return score
