"""How an extraction is scored.

Body text: the article-extraction benchmark's own measure. Tokens are ``\\w+`` matches
(case kept); a page's text is a multiset of 4-token shingles; per page the true
positives, false positives and false negatives are normalised to sum to 1, so a long
article weighs no more than a short one. Precision and recall are means over pages (a
page counts for precision only when something was predicted or expected, and likewise
for recall); F1 is computed from the two means.

Metadata: a title is right when it equals the reference after Unicode normalisation,
case folding and whitespace collapsing; authors are right when the sets of names agree
(same normalisation); a date is right on the same calendar day.
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

_TOKEN = re.compile(r"\w+")


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text or "")


def _shingles(text: str, n: int = 4) -> Counter:
    toks = tokens(text)
    return Counter(tuple(toks[i : i + n]) for i in range(max(1, len(toks) - n + 1)) if toks)


@dataclass(frozen=True)
class Match:
    """One page's normalised true positives, false positives and false negatives."""

    tp: float
    fp: float
    fn: float

    @property
    def precision(self) -> float:
        if self.fp == self.fn == 0:
            return 1.0
        if self.tp == self.fp == 0:
            return 0.0
        return self.tp / (self.tp + self.fp)

    @property
    def recall(self) -> float:
        if self.fp == self.fn == 0:
            return 1.0
        if self.tp == self.fn == 0:
            return 0.0
        return self.tp / (self.tp + self.fn)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def match(expected: str, predicted: str) -> Match:
    true, pred = _shingles(expected), _shingles(predicted)
    tp = fp = fn = 0.0
    for key in true.keys() | pred.keys():
        t, p = true.get(key, 0), pred.get(key, 0)
        tp += min(t, p)
        fp += max(0, p - t)
        fn += max(0, t - p)
    total = tp + fp + fn
    if total:
        tp, fp, fn = tp / total, fp / total, fn / total
    return Match(tp, fp, fn)


@dataclass(frozen=True)
class BodyScore:
    precision: float
    recall: float
    f1: float
    pages: int


def body_score(matches: Sequence[Match]) -> BodyScore:
    """The benchmark's aggregate: means of per-page precision and recall, F1 of the means."""
    if not matches:
        return BodyScore(0.0, 0.0, 0.0, 0)
    ps = [m.precision for m in matches if m.tp + m.fp > 0]
    rs = [m.recall for m in matches if m.tp + m.fn > 0]
    p = statistics.mean(ps) if ps else 0.0
    r = statistics.mean(rs) if rs else 0.0
    return BodyScore(p, r, 2 * p * r / (p + r) if p + r else 0.0, len(matches))


def norm(text: str | None) -> str:
    """Compare strings as a reader would: NFKC, case-folded, quotes and dashes unified."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text)
    text = text.translate(_PUNCT)
    return " ".join(text.casefold().split())


_PUNCT = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-",
                        "\u00a0": " "})


def same_title(expected: str | None, got: str | None) -> bool:
    return bool(expected) and norm(expected) == norm(got)


def _name_key(name: str) -> str:
    return " ".join(tokens(norm(name)))


def _same_name(a: str, b: str) -> bool:
    """One name's words are a run of the other's: "Troy L. Smith" is the author a page
    states as "Troy L. Smith, Cleveland.com"."""
    short, long = sorted((a.split(), b.split()), key=len)
    if len(short) < 2 and len(long) > len(short):
        return False  # a lone first or last name is not the person
    return any(long[i : i + len(short)] == short for i in range(len(long) - len(short) + 1))


def same_authors(expected: Iterable[str], got: Iterable[str]) -> bool:
    """The same people, one to one, each name matched as :func:`_same_name` says."""
    e = [k for k in dict.fromkeys(map(_name_key, expected)) if k]
    g = [k for k in dict.fromkeys(map(_name_key, got)) if k]
    if not e or len(e) != len(g):
        return False
    left = list(g)
    for name in e:
        hit = next((x for x in left if _same_name(name, x)), None)
        if hit is None:
            return False
        left.remove(hit)
    return True
