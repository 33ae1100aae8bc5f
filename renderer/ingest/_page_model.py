"""A model of a scraped page: every line scored as story text or page furniture.

A browser's text of a web page (``innerText``, "copy all") holds the story among
navigation, teaser lists, share buttons, captions, comment threads and footers. Lines
carry no markup, but they keep the shape that tells a reader which is which:

- **story text** is prose: long lines (paragraphs), finished sentences, and many of the
  short function words of its language ("the", "of", "and"; "le", "de", "et" …);
- **furniture** is short (menu items, buttons, teaser headlines one after the other),
  or long without function words (a list of names or links glued into one line), or
  one of the phrases the rules know (banners, share lines, "Related" trailers).

Each line gets a class (``good``, ``near``, ``short``, ``bad``), as in jusText's
context-sensitive classification; short and near-good lines are then judged by the
lines around them. The story is the densest run of story text: the stretch of lines whose
summed weights are highest, so short lines inside it (subheads, list items, quotes,
a "Related: …" link between paragraphs) are kept by their neighbours, while the
furniture around it costs more than it adds.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from . import _text_rules as rules

# Function words per language: articles, pronouns, prepositions, conjunctions and the
# commonest auxiliaries. Prose is full of them; menus, names and headlines are not.
STOPWORDS: dict[str, frozenset[str]] = {
    lang: frozenset(words.split())
    for lang, words in {
        "en": """a about after all also an and any are as at be been but by can could did
            do does for from had has have he her his how i if in into is it its just may
            me more most my no not now of on one only or other our out over said she so
            some than that the their them then there these they this those through to up
            was we were what when where which while who will with would you your""",
        "fr": """à au aux avec ce ces cette comme dans de des du elle en est et été être
            il ils je la le les leur lui mais même ne nous on ont ou où par pas plus pour
            qu que qui sa sans se ses son sont sur un une vous y l d c n s qu'il""",
        "es": """a al como con de del el ella en entre es esta este fue ha han hay la las
            le lo los más mi muy no o para pero por que se ser si sin sobre son su sus
            también un una y ya""",
        "de": """als am an auch auf aus bei bis das dass dem den der des die durch ein
            eine einem einen einer es für hat im in ist mit nach nicht noch nur oder sich
            sie sind so über um und vom von vor war wie wird wir zu zum zur""",
        "it": """a al alla anche che con come da dal del della delle dei di e è gli ha
            i il in la le lo ma nel nella non per più quando se si sono su sua suo tra
            un una uno""",
        "pt": """a ao aos as com como da das de do dos e é ela ele em entre foi mais mas
            na nas no nos não o os ou para pela pelo por que se sem ser seu sua são também
            um uma""",
        "nl": """aan als bij dat de den der die dit door een en er het hij in is je met
            naar niet nog of om ook op over te tot uit van voor was wat werd wordt ze zijn
            zich""",
    }.items()
}  # fmt: skip

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uff66-\uff9f]")
_CJK_ENDS = ("。", "！", "？", "」", "』", "）")


def word_count(text: str) -> int:
    """Words as spaces separate them; in Chinese, Japanese and Korean, which need no
    spaces, two characters count as a word."""
    cjk = len(_CJK.findall(text))
    if not cjk:
        return len(text.split())
    return len(_CJK.sub(" ", text).split()) + cjk // 2


def words_of(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def detect(lines: Sequence[str]) -> str | None:
    """The language whose function words the page's longer lines use most, or None."""
    counts: Counter[str] = Counter()
    total = 0
    for line in lines:
        words = words_of(line)
        if len(words) < 8:
            continue
        total += len(words)
        for lang, stop in STOPWORDS.items():
            counts[lang] += sum(1 for w in words if w in stop)
    if total < 40 or not counts:
        return None
    (best, top), *rest = counts.most_common()
    if top < 0.12 * total or (rest and top < 1.25 * rest[0][1]):
        return None
    return best


ANY_STOP = frozenset().union(*STOPWORDS.values())


@dataclass
class Line:
    index: int  # in the reader's list of lines
    text: str
    words: int
    stop: float  # share of its words that are function words
    sentence: bool  # ends like a sentence
    cls: str = "short"
    weight: float = 0.0


_COPYRIGHT = re.compile(r"©|\(c\)\s*\d{4}|\ball rights reserved\b|\bcopyright\b", re.I)
# The site talking about itself: legal notices, newsletters, cookies, subscriptions.
_SITE_TALK = re.compile(
    r"\b(?:this|our) (?:site|website|newsletter|web site)\b|\bprivacy (?:policy|notice)\b"
    r"|\bterms (?:of|and) (?:use|service|conditions)\b|\bcookies\b|\buser agreement\b"
    r"|\bsign up\b|\bsubscribe\b|\bnewsletters?\b|\bunsubscribe\b",
    re.I,
)
# A link to another page set between a story's paragraphs: furniture, but no end of the story.
_LINK_LINE = re.compile(
    r"(?:related|read (?:more|also|next)|see also|also read|more on this|recommended|"
    r"lire aussi|voir aussi|lea también|ver también|lesen sie auch|leggi anche|leia também|"
    r"lees ook)\b\s*[:|>»-]",
    re.I,
)
_GLUED = re.compile(r"[a-zà-ÿ][A-ZÀ-Þ][a-zà-ÿ]")


def classify(text: str, lang: str | None) -> tuple[str, int, float, bool]:
    """A line's class by itself: good, near, short or bad; with its word count, the
    share of function words and whether it ends like a sentence."""
    words = words_of(text)
    n = word_count(text)
    stop_list = STOPWORDS.get(lang or "", ANY_STOP)
    stop = sum(1 for w in words if w in stop_list) / len(words) if words else 0.0
    # A line cut short ("…", "...") is a teaser, not a finished sentence.
    sentence = bool(rules.SENTENCE_END.search(text) or text.endswith(_CJK_ENDS)) and (
        not text.endswith(("...", "…"))
    )
    if rules.is_chrome_line(text) or rules.is_trailer_line(text):
        return "bad", n, stop, sentence
    if _LINK_LINE.match(text) and n <= 25:
        return "bad", n, stop, sentence  # "Related: …", "Read more: …" between paragraphs
    if (_COPYRIGHT.search(text) or _SITE_TALK.search(text)) and n < 60:
        return "bad", n, stop, sentence
    if lang is None:  # no function words to count: the shape alone
        stop_ok, stop_low = sentence or n >= 25, True
    else:
        stop_ok, stop_low = stop >= 0.22, stop >= 0.12
    if n >= 20 and stop_ok:
        return "good", n, stop, sentence
    if n >= 12 and sentence and stop_low:
        return "good", n, stop, sentence
    if n >= 6 and sentence and stop_low:
        return "near", n, stop, sentence
    if n >= 25 and not stop_low:
        return "bad", n, stop, sentence  # a long line without prose: links glued together
    if n >= 14 and stop_low:
        return "near", n, stop, sentence
    if n >= 6 and len(_GLUED.findall(text)) >= 2:
        return "bad", n, stop, sentence  # "HomeNewsSport…": menu items glued together
    return "short", n, stop, sentence


def model(lines: Sequence[str | None], lang: str | None) -> list[Line]:
    """Every non-blank line classified and weighted, in order."""
    out: list[Line] = []
    for index, text in enumerate(lines):
        if text is None:
            continue
        cls, n, stop, sentence = classify(text, lang)
        out.append(Line(index, text, n, stop, sentence, cls))
    _weigh(out)
    # A line the page prints twice is furniture: a teaser's headline, a section label,
    # a gallery's caption. A story says each thing once.
    seen = Counter(line.text for line in out)
    for line in out:
        if seen[line.text] > 1 and line.words >= 2:
            line.weight = min(line.weight, -REPEAT_COST)
    return out


#: Weights of the run search: a good line is worth more the longer it is.
SHORT_COST = 0.3
BAD_COST = 1.5
TRAILER_COST = 2.5
REPEAT_COST = 0.8
#: Each further line of a gap between story lines costs this much more (a share of its own).
GAP_GROWTH = 0.2


def _weigh(lines: list[Line]) -> None:
    gap = 0  # lines since the last story line: a long gap costs more per line
    for i, line in enumerate(lines):
        if line.cls == "good":
            line.weight = 1.0 + min(line.words, 100) / 25
        elif line.cls == "near":
            near_good = any(
                0 <= j < len(lines) and lines[j].cls == "good" for j in (i - 2, i - 1, i + 1, i + 2)
            )
            line.weight = 0.6 if near_good else 0.15
        elif line.cls == "bad":
            line.weight = -(TRAILER_COST if rules.is_trailer_line(line.text) else BAD_COST)
        else:
            line.weight = -SHORT_COST if line.words > 3 else -SHORT_COST - 0.15
        if line.weight < 0:
            gap += 1
            line.weight *= 1 + GAP_GROWTH * (gap - 1)
        elif line.cls == "good":
            gap = 0


def densest_run(
    lines: Sequence[Line], lo: int = 0, hi: int | None = None
) -> tuple[float, tuple[int, int]] | None:
    """The summed weight and ``(first, last)`` positions of the run of ``lines[lo:hi]``
    with the highest summed weight (Kadane's maximum subarray); None when no line there
    is story text."""
    best: tuple[float, tuple[int, int]] | None = None
    total, start = 0.0, lo
    for i in range(lo, len(lines) if hi is None else hi):
        if total <= 0:
            total, start = 0.0, i
        total += lines[i].weight
        if total > 0 and (best is None or total > best[0]):
            best = (total, (start, i))
    return best


def runs(lines: Sequence[Line], most: int = 5) -> list[tuple[float, tuple[int, int]]]:
    """The densest run and the densest runs beside it (disjoint), best first."""
    found: list[tuple[float, tuple[int, int]]] = []
    spans = [(0, len(lines))]
    while spans and len(found) < most:
        lo, hi = spans.pop(0)
        best = densest_run(lines, lo, hi)
        if best is None:
            continue
        found.append(best)
        first, last = best[1]
        spans += [(lo, first), (last + 1, hi)]
        spans.sort(key=lambda span: span[0] - span[1])  # the longest first
    return sorted(found, reverse=True)
