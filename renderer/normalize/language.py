"""Guess an article's language from its most frequent function words.

Deterministic and dependency-free: news prose is long enough that counting
a few dozen very common words per language separates the languages we are
likely to meet (:data:`DETECTED_LANGUAGES`). Returns None when the text is too
short, in another language, or no language wins clearly: then the language is
*undetermined* — the editions say ``und`` (BCP 47) and lint reports an error,
because guessing "en" would tell a screen reader to read Swedish as English.
"""

from __future__ import annotations

import re
from collections import Counter

from ..model import Block, Paragraph, plain_text

__all__ = [
    "DETECTED_LANGUAGES",
    "UNDETERMINED",
    "body_language",
    "detect_language",
    "is_undetermined",
]

#: BCP 47 for "undetermined" (ISO 639-2 ``und``): valid in xml:lang, dc:language and /Lang.
UNDETERMINED = "und"

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

DETECTED_LANGUAGES: tuple[str, ...] = tuple(_STOPWORDS)

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


def body_language(blocks: tuple[Block, ...]) -> str | None:
    """The language detected from an article's paragraphs, or None."""
    return detect_language(
        "\n".join(plain_text(b.children) for b in blocks if isinstance(b, Paragraph))
    )


def is_undetermined(tag: str | None) -> bool:
    """No language, or one that says it is not known (``und``, ``und-Latn``)."""
    return not tag or tag.split("-")[0].lower() == UNDETERMINED
