"""Which text of a web page is the article: a second opinion from trafilatura.

The HTML reader keeps the page's semantics (headings, lists, tables, figures, quotes,
links, ``lang``, ``abbr``) by converting the page's own elements; deciding *which* of them
are the story is the hard part on real pages (teaser and comment ``<article>`` elements,
stories split over sibling blocks, class names that mention ads). trafilatura's
main-content extraction is the best measured general-purpose answer to that question
(README, "Inputs"), so the reader asks it for the story's *text* and keeps the page
elements whose text it contains. trafilatura never writes the edition: its output is
only used as a vote on the page's own blocks.

:class:`ContentVote` answers "is this text part of the story?" by overlapping word
trigrams, so markup differences (inline links, line breaks, list bullets) do not matter.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

__all__ = ["ContentVote", "vote"]

_WORD = re.compile(r"\w+")
# Word trigrams of a block that must be in the story text for the block to be story.
MATCH_SHARE = 0.5
# A story text shorter than this many words is no opinion: the reader decides alone.
MIN_STORY_WORDS = 25
# Pages too big or too deep for a second parse within the reader's time budget are left
# to the reader's own rules (the hostile-input limits apply to those).
MAX_PAGE_CHARS = 5_000_000


def words(text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text)]


def _trigrams(tokens: list[str]) -> list[tuple[str, ...]]:
    return [tuple(tokens[i : i + 3]) for i in range(len(tokens) - 2)]


@dataclass
class ContentVote:
    """The story text an extractor found, ready to be compared with page blocks."""

    trigrams: set[tuple[str, ...]]
    lines: set[tuple[str, ...]]
    words: int

    def share(self, text: str) -> float:
        """The share of ``text``'s words that the story text also has, in order."""
        tokens = words(text)
        if not tokens:
            return 0.0
        if len(tokens) < 3:
            return 1.0 if tuple(tokens) in self.lines else 0.0
        grams = _trigrams(tokens)
        return sum(1 for g in grams if g in self.trigrams) / len(grams)

    @classmethod
    def of(cls, text: str) -> ContentVote:
        tokens = words(text)
        lines = {tuple(words(line)) for line in text.splitlines()}
        return cls(set(_trigrams(tokens)), lines, len(tokens))

    def holds(self, text: str) -> bool:
        return self.share(text) >= MATCH_SHARE

    def add(self, text: str) -> None:
        """Count ``text`` as story too (the reader's own signals found it)."""
        tokens = words(text)
        self.trigrams.update(_trigrams(tokens))
        self.lines.add(tuple(tokens))
        self.lines.update(tuple(words(line)) for line in text.splitlines())
        self.words += len(tokens)


def vote(page: str) -> ContentVote | None:
    """trafilatura's reading of the page's main text (comments excluded, precision
    favoured), or None when it has none or cannot read the page."""
    if len(page) > MAX_PAGE_CHARS:
        return None
    try:
        import trafilatura
    except ImportError:  # pragma: no cover - a dependency; the reader still works alone
        return None
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    logging.getLogger("htmldate").setLevel(logging.CRITICAL)
    try:
        text = trafilatura.extract(
            page,
            include_comments=False,
            favor_precision=True,
            include_tables=True,
            deduplicate=False,
        )
    except Exception:  # a second opinion: never fatal (RecursionError included)
        return None
    if not text:
        return None
    story = ContentVote.of(text)
    return story if story.words >= MIN_STORY_WORDS else None
