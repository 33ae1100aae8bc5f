"""Guess an article's language from its most frequent function words.

Deterministic and dependency-free: news prose is long enough that counting
a few dozen very common words per language separates the languages we are
likely to meet. Returns None when the text is too short or no language wins
clearly, so that the caller falls back to an explicit default and says so.
"""

from __future__ import annotations

import re
from collections import Counter

__all__ = ["detect_language"]

_STOPWORDS: dict[str, frozenset[str]] = {
    lang: frozenset(words.split())
    for lang, words in {
        "en": "the and of to in that is for with as was on by it from at are has have said",
        "fr": "le la les et des du un une est que dans pour sur au avec par qui sont été",
        "de": "der die das und ist nicht mit den von zu sich des auf für ein eine dem im",
        "es": "el la los las y de que en un una es por con para del se al como más",
        "it": "il di che la e un una per non con del della sono è le gli dei nel",
        "pt": "o a os as e de que em um uma do da para com não por dos das foi",
        "nl": "de het een en van is dat op te in voor niet met zijn aan er",
    }.items()
}

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def detect_language(text: str, *, min_words: int = 20) -> str | None:
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < min_words:
        return None
    counts = Counter(words)
    scores = {lang: sum(counts[w] for w in stop) / len(words) for lang, stop in _STOPWORDS.items()}
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    (best, top), (_, second) = ranked[0], ranked[1]
    if top < 0.08 or top < second * 1.5:
        return None
    return best
