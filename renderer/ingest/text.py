"""Turn a plain-text news-page scrape into an :class:`~renderer.model.Article`.

The scrapes this reads are what a browser's "copy all" or ``innerText`` gives for a news
page: navigation, banners, teaser lists, the headline with its kicker, deck, byline and
date, the story, share buttons, related links, comments and a footer. The reader:

1. drops the lines that are plainly chrome (:mod:`._text_rules`: the U.S. government
   banner, skip links, share lines, breadcrumbs, photo-viewer controls);
2. reads the page through a model of it (:mod:`._text_page`, :mod:`._page_model`): the
   story is the densest run of story text, the header zone above it holds the headline,
   byline, dates, kicker and captions, found by their relation to the run;
3. splits the story into paragraphs, subheads (→ H2) and photo captions, and cuts the
   dateline off the first paragraph (:func:`_body`);
4. records what was missing in ``Article.notes``.

A page too short to hold a run of story text (the shortest .mil/.gov scrapes, snippets) is
read line by line from the top by :func:`_read_by_rules`: the header (kicker, title,
subtitle, byline, ``Published …`` lines), then the body up to the trailer.

A wrong title is worse than none: a menu word, a digit, one letter or an object
replacement character is never taken for one; when no line can be the headline the reader
stops with an :class:`~renderer.errors.InputError` saying to give it with
``--meta title=…``. A title the user gave (``title``) settles it: the line that says it is
the headline, whatever stands above it is chrome.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from renderer.errors import InputError
from renderer.ingest import _text_rules as rules
from renderer.model import Article, Block, Heading, Metadata, Paragraph, PhotoCaption, Text

__all__ = ["read_text"]

_BLANK = None  # a blank line in the list of lines


def read_text(text: str, *, name: str = "<input>", title: str | None = None) -> Article:
    """Read a decoded plain-text scrape; ``name`` is only used in error messages.

    ``title`` is the title the user gave (``--meta title=``, a sidecar): it tells the
    reader which line is the headline, or stands above the header when no line is.
    """
    if not text.replace("\ufeff", "").strip():
        raise InputError(f"{name}: the file is empty")
    lines, publishers = _drop_chrome(text)
    if not any(lines):
        raise InputError(
            f"{name}: the file holds only site chrome (banner, navigation, share links)"
        )
    from ._text_page import read_page  # the model of the page (story run, headline)

    article = read_page(lines, publishers, name=name, title=title)
    if article is not None:
        return article
    return _read_by_rules(lines, publishers, name=name, title=title)


def _read_by_rules(
    lines: list[str | None], publishers: list[str], *, name: str, title: str | None
) -> Article:
    """The short page's reading: the header line by line from the top, then the body up
    to the trailer (for scrapes too short to hold a run of story text)."""
    header = _Header()
    start = header.read(lines, name, title=title, site_names=publishers)
    body_lines = header.take_date_lines(lines[start:])
    blocks, dateline = _body(body_lines, header.captions)
    if not any(isinstance(b, Paragraph) for b in blocks):
        raise InputError(f"{name}: no body paragraphs after the title {header.title!r}")

    assert header.title is not None  # header.read() raises otherwise
    facts = Facts(
        title=header.title,
        subtitle=header.subtitle,
        section=header.section,
        kicker_date=header.kicker_date,
        published=header.published,
        updated=header.updated,
        byline_seen=header.byline is not None,
        authors=header.byline.authors if header.byline else (),
        organization=header.organization,
        notes=header.notes,
    )
    return facts.article(blocks, dateline, publishers)


@dataclass
class Facts:
    """What a reading found in the header, made into the article's metadata and notes."""

    title: str = ""
    subtitle: str | None = None
    section: str | None = None
    kicker_date: _dt.date | None = None
    published: _dt.date | None = None
    updated: _dt.date | None = None
    byline_seen: bool = False
    authors: tuple[str, ...] = ()
    organization: str | None = None
    notes: list[str] = field(default_factory=list)

    def article(
        self, blocks: Sequence[Block], dateline: str | None, publishers: Sequence[str]
    ) -> Article:
        dateline_date = rules.find_date(dateline) if dateline else None
        date = self.kicker_date or self.published or dateline_date or self.updated
        notes: list[str] = []
        if self.section is None:
            notes.append("no kicker line")
        if not self.byline_seen:
            notes.append("no byline")
        elif not self.authors:
            notes.append("no author in the byline")
        if dateline is None:
            notes.append("no dateline")
        if date is None:
            notes.append("no date")
        notes.extend(self.notes)
        metadata = Metadata(
            title=self.title,
            subtitle=self.subtitle,
            section=self.section,
            date=date,
            authors=self.authors,
            organization=self.organization,
            dateline=dateline,
            language=None,
            publisher=publishers[0] if publishers else None,
        )
        return Article(metadata=metadata, blocks=tuple(blocks), base_dir=None, notes=tuple(notes))


# ------------------------------------------------------------------ pass 1: chrome


def _collapse(line: str) -> str:
    return " ".join(line.split())


def _drop_chrome(text: str) -> tuple[list[str | None], list[str]]:
    """The scrape's lines without chrome (``None`` for blank lines, runs of them merged)."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines: list[str | None] = []
    publishers: list[str] = []
    for raw in text.split("\n"):
        line, named = rules.strip_banner(_collapse(raw))
        publishers.extend(named)
        if line and rules.is_chrome_line(line):
            line = ""
        if not line:
            if named or raw.strip():  # a removed chrome line leaves no gap of its own
                continue
            if lines and lines[-1] is not _BLANK:
                lines.append(_BLANK)
            continue
        lines.append(line)
    while lines and lines[0] is _BLANK:
        lines.pop(0)
    return lines, publishers


# ------------------------------------------------------------------ pass 2: header


#: How many lines below a title candidate the reader looks for a kicker or a byline.
LOOK_AHEAD = 4


@dataclass
class _Header:
    section: str | None = None
    kicker_date: _dt.date | None = None
    published: _dt.date | None = None
    updated: _dt.date | None = None
    title: str | None = None
    subtitle: str | None = None
    byline: rules.Byline | None = None
    organization: str | None = None
    notes: list[str] = field(default_factory=list)
    captions: list[tuple[str, str]] = field(default_factory=list)  # photo captions met here
    dropped: list[str] = field(default_factory=list)  # lines found not to be the title

    def read(
        self,
        lines: list[str | None],
        name: str,
        *,
        title: str | None = None,
        site_names: Iterable[str] = (),
    ) -> int:
        """Consume header lines; return the index where the body begins."""
        skip = _top_chrome(lines, site_names)
        given = " ".join(title.split()) if title and title.strip() else None
        if given is not None:
            above = _above_title(lines, given)
            if above is None:
                self.title = given  # no line says it: it stands above the header
            else:
                self._drop(lines, (i for i in above if i not in skip))
                skip |= above
        title_at = -1
        pos = 0
        awaiting_org = False
        while pos < len(lines):
            line = lines[pos]
            if line is _BLANK or pos in skip or self._date_line(line):
                pos += 1
                continue
            if rules.is_trailer_line(line):
                break
            if (bare := rules.parse_date(line)) is not None:  # army.mil: a date under the byline
                self.published = self.published or bare
                pos += 1
                continue
            if caption := rules.split_photo_caption(line):  # a photo above the story
                self.captions.append(caption)
                pos += 1
                continue
            if self.section is None and (kicker := rules.parse_kicker(line)):
                if self.title is not None and self.byline is None and given is None:
                    self._not_the_title(lines, title_at, pos)  # the kicker is above the headline
                self.section, self.kicker_date = kicker.section, kicker.date
                if kicker.date is None:
                    self.notes.append(f"kicker date not understood: {kicker.date_text}")
                pos += 1
                continue
            if self.title is None:
                self.title = _check_title(line, name)
                title_at = pos
                pos += 1
                continue
            if self.byline is None:
                byline = rules.parse_byline(line)
                if byline is not None:
                    self.byline, self.organization = byline, byline.organization
                    awaiting_org = byline.organization is None
                    self.published = self.published or byline.date
                    pos += 1
                    continue
                if self.subtitle is None and self._byline_follows(lines, pos + 1):
                    self.subtitle = line
                    pos += 1
                    continue
                if (ahead := self._anchor_ahead(lines, pos)) is not None:
                    kind, at = ahead
                    if given is not None:  # the user named the title: the rest is chrome
                        self._drop(lines, range(pos, at))
                    elif kind == "kicker":
                        self._not_the_title(lines, title_at, at)
                    else:
                        raise _which_title(lines, title_at, at, name)
                    pos = at
                    continue
            elif awaiting_org and rules.is_org_continuation(line):
                self.organization = line
                awaiting_org = False
                pos += 1
                continue
            break
        if self.title is None:
            raise InputError(f"{name}: cannot find the title: nothing follows the site banner")
        if self.dropped:
            quoted = ", ".join(repr(_snippet(line)) for line in self.dropped)
            self.notes.append(f"not the title, dropped as site chrome: {quoted}")
        return pos

    def _drop(self, lines: list[str | None], indexes: Iterable[int]) -> None:
        self.dropped += [line for i, line in _candidates(lines, indexes)]

    def _not_the_title(self, lines: list[str | None], start: int, stop: int) -> None:
        """What was taken for the title (and subtitle), from ``start`` on, was chrome."""
        self._drop(lines, range(start, stop))
        self.title = self.subtitle = None

    def _anchor_ahead(self, lines: list[str | None], pos: int) -> tuple[str, int] | None:
        """A kicker or a byline a few lines further down the header, before any story line."""
        for count, (index, line) in enumerate(_content(lines, pos)):
            if count >= LOOK_AHEAD or _story_line(line):
                return None
            if self.section is None and rules.parse_kicker(line):
                return "kicker", index
            if rules.parse_byline(line):
                return "byline", index
        return None

    def _byline_follows(self, lines: list[str | None], pos: int) -> bool:
        following = next(_content(lines, pos), None)
        return following is not None and rules.parse_byline(following[1]) is not None

    def _date_line(self, line: str) -> bool:
        """Take a ``Published …``/``Updated …`` line into the metadata."""
        m = rules.DATE_LINE.fullmatch(line)
        if m is None:
            return False
        found = rules.parse_date(m["date"])
        if m["kind"] in rules.PUBLISHED_WORDS:
            self.published = self.published or found
        else:
            self.updated = self.updated or found
        return True

    def take_date_lines(self, lines: list[str | None]) -> list[str | None]:
        return [line for line in lines if line is _BLANK or not self._date_line(line)]


def _is_furniture(line: str) -> bool:
    """A header line that is never the title: a date line, a bare date, a photo caption."""
    return bool(
        rules.DATE_LINE.fullmatch(line)
        or rules.parse_date(line) is not None
        or rules.split_photo_caption(line)
    )


def _content(lines: list[str | None], start: int) -> Iterator[tuple[int, str]]:
    """``(index, line)`` of the lines from ``start`` on that could be header text."""
    for index in range(start, len(lines)):
        line = lines[index]
        if line is not _BLANK and not _is_furniture(line):
            yield index, line


def _candidates(lines: list[str | None], indexes: Iterable[int]) -> list[tuple[int, str]]:
    """The header text among ``indexes`` (blank lines, dates and captions left out)."""
    found = [(i, lines[i]) for i in sorted(set(indexes)) if 0 <= i < len(lines)]
    return [(i, line) for i, line in found if line is not _BLANK and not _is_furniture(line)]


def _story_line(line: str) -> bool:
    """A line only the story has: a dateline, a finished sentence, a trailer, or more text
    than a headline holds. The header ends before it."""
    return bool(
        rules.is_trailer_line(line)
        or rules.dateline_alone(line) is not None
        or rules.split_dateline(line) is not None
        or rules.SENTENCE_END.search(line)
        or len(line) > rules.MAX_TITLE_CHARS
    )


def _top_chrome(lines: list[str | None], site_names: Iterable[str]) -> set[int]:
    """Indexes of the site's name and of a breadcrumb trail one crumb per line, above the
    headline. The line just above a byline or the story is always left: it is the title."""
    names = {n.casefold() for n in site_names}
    skip: set[int] = set()
    trail = False
    items = _content(lines, 0)
    current = next(items, None)
    while current is not None:
        following = next(items, None)
        index, line = current
        if following is None or rules.parse_byline(following[1]) or _story_line(following[1]):
            break
        if rules.is_home_line(line):
            trail = True
        elif not (line.casefold() in names or (trail and rules.is_crumb(line))):
            break
        skip.add(index)
        current = following
    return skip


def _above_title(lines: list[str | None], title: str) -> set[int] | None:
    """Indexes of the header lines above the line that says ``title`` (kickers excepted),
    or None when no line before the story says it."""
    above: set[int] = set()
    for index, line in _content(lines, 0):
        if line.casefold() == title.casefold():
            return above
        if _story_line(line):
            return None
        if rules.parse_kicker(line) is None:
            above.add(index)
    return None


def _snippet(line: str) -> str:
    return line if len(line) <= 60 else line[:57] + "..."


def _which_title(lines: list[str | None], start: int, byline_at: int, name: str) -> InputError:
    """The error for several lines above a byline, any of which could be the headline."""
    candidates = [repr(_snippet(line)) for _, line in _candidates(lines, range(start, byline_at))]
    return InputError(
        f"{name}: cannot find the title: {len(candidates)} lines above the byline could each"
        f" be the headline ({', '.join(candidates)})",
        hint='name it with --meta title="..."',
    )


def _check_title(line: str, name: str) -> str:
    """``line`` if it can be the headline; an InputError saying why not otherwise."""

    def refuse(what: str) -> InputError:
        return InputError(
            f"{name}: cannot find the title: the first line after the site banner "
            f"looks like {what} ({_snippet(line)!r})",
            hint='give it with --meta title="..."',
        )

    if rules.parse_byline(line) is not None:
        raise refuse("a byline")
    from ._text_page import _is_junk

    if _is_junk(line):
        raise refuse("a menu word or a stray character")
    if rules.dateline_alone(line) is not None:
        raise refuse("a dateline")
    if rules.split_dateline(line) is not None and (
        rules.SENTENCE_END.search(line) or len(line) > 120
    ):
        raise refuse("a dateline paragraph")
    if len(line) > rules.MAX_TITLE_CHARS or (
        rules.SENTENCE_END.search(line) and rules.sentence_count(line) > 1
    ):
        raise refuse("a body paragraph")
    return line


# -------------------------------------------------------------------- pass 3: body


def _body(
    lines: list[str | None],
    header_captions: Sequence[tuple[str, str]] = (),
    heading: Callable[[str], bool] = rules.is_heading_like,
) -> tuple[list[Block], str | None]:
    """Paragraphs, subheads and photo captions, and the dateline opening the story.

    The dateline is cut off the first text that is not a photo caption, or is that text
    when it stands alone on its line ("NORFOLK, Va. (NNS) --") and the story follows.
    """
    parts = [(text, rules.split_photo_caption(text)) for text in _paragraph_texts(lines)]
    dateline = None
    first = next((i for i, (_, caption) in enumerate(parts) if caption is None), None)
    if first is not None:
        text = parts[first][0]
        alone = rules.dateline_alone(text)
        if alone is not None and any(caption is None for _, caption in parts[first + 1 :]):
            dateline = alone
            del parts[first]
        elif (split := rules.split_dateline(text)) is not None:
            dateline, rest = split
            if rest:
                parts[first] = (rest, None)
            else:
                del parts[first]
    # Subheads are judged among the story's texts only: a caption is no neighbour.
    story = [text for text, caption in parts if caption is None]
    candidate = [heading(t) for t in story]
    headings = {
        i
        for i in range(1, len(story) - 1)
        if candidate[i] and not (candidate[i - 1] or candidate[i + 1])
    }
    blocks: list[Block] = [_caption_block(c) for c in header_captions]
    index = 0
    for text, caption in parts:
        if caption is not None:
            blocks.append(_caption_block(caption))
            continue
        if index in headings:
            blocks.append(Heading(level=2, children=(Text(text),)))
        else:
            blocks.append(Paragraph((Text(text),)))
        index += 1
    return blocks, dateline


def _caption_block(caption: tuple[str, str]) -> PhotoCaption:
    text, credit = caption
    return PhotoCaption((Text(text),), credit)


def _paragraph_texts(lines: list[str | None]) -> list[str]:
    """One text per paragraph: blank-line separated blocks, one per line within a block
    unless the block is one hard-wrapped paragraph."""
    for index, line in enumerate(lines):
        if line is not _BLANK and rules.is_trailer_line(line):
            lines = lines[:index]
            break
    groups = _groups(lines)
    texts: list[str] = []
    for group in groups:
        if len(group) > 1 and rules.dateline_alone(group[0]) is not None:
            texts.append(group.pop(0))  # "WASHINGTON (AFNS) --" over the first paragraph
        if len(groups) > 1 and _hard_wrapped(group):
            texts.append(" ".join(group))
        else:
            texts.extend(group)
    return texts


def _groups(lines: list[str | None]) -> list[list[str]]:
    """The runs of lines between blank lines."""
    groups: list[list[str]] = [[]]
    for line in lines:
        if line is _BLANK:
            groups.append([])
        else:
            groups[-1].append(line)
    return [g for g in groups if g]


def _hard_wrapped(group: list[str]) -> bool:
    """Lines of one paragraph broken at a fixed width (not one paragraph per line)."""
    if len(group) < 2:
        return False
    widths = [len(line) for line in group[:-1]]
    return (
        min(widths) >= 30
        and max(widths) <= 100
        and len(group[-1]) <= max(widths) + 10
        and not all(rules.SENTENCE_END.search(line) for line in group[:-1])
    )
