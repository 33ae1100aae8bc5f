#!/usr/bin/env python3
"""Compare the HTML reader's article finding with trafilatura and readability-lxml.

Not a test and not a runtime dependency: a measurement for the README. For every page in
tests/ingest/pages it counts the story paragraphs each extractor recovers (by a prefix of
each paragraph, written down here by hand) and the chrome strings it lets through.

    python3 -m venv /tmp/extract && . /tmp/extract/bin/activate
    pip install trafilatura==2.3.1        # one at a time: pip 23's resolver trips over
    pip install readability-lxml==0.9     # their two spellings of lxml[html-clean] together
    pip install -e .
    python tools/compare-html-extraction.py
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from renderer.ingest.html import read_html  # noqa: E402
from renderer.model import (  # noqa: E402
    BlockQuote,
    Figure,
    Heading,
    ListBlock,
    Paragraph,
    Table,
    plain_text,
)

PAGES = ROOT / "tests" / "ingest" / "pages"

# What a careful human reads as the story (prefixes), and chrome that must not appear.
EXPECTED = {
    "mil-full-page.html": (
        ["Combat engineers assembled", "The crossing, built from", "Cold Changes Every Step",
         "“At minus 30", "Crews rotated every", "The exercise is part"],
        ["official website", "how you know", "Skip to main", "cookies", "Article View",
         "Facebook", "Print", "Related Stories", "Divers Inspect", "newsletter",
         "Defense Media Activity", "FOIA", "Spotlights", "Tags:", "HIDDEN SURVEY",
         "Newsroom", "Example Defense app", "We value your privacy"],
    ),
    "jsonld-graph.html": (
        ["The crew of the Coast Guard", "During the patrol", "Charting the Ice Edge",
         "Ice analysts aboard", "Working With Researchers", "The research teams recovered"],
        ["official website", "how you know", "Share on", "service of an invented", "Press"],
    ),
    "og-only.html": (
        ["Forty volunteer divers", "Sailors from five commands", "Much of the debris",
         "The recovered material"],
        ["Quick links", "ADVERTISEMENT", "Home"],
    ),
    "figures-and-table.html": (
        ["Medical teams from three", "staff practised receiving", "What the Teams Practised",
         "Receiving patients", "Triage by colour", "red — immediate", "We found the weak",
         "That is what a drill", "Patients seen during", "Read the after-action"],
        ["Share", "Army Medicine Example footer"],
    ),
    "malformed.html": (
        ["Crews from the civil engineer", "The project replaced", "Flying squadrons had",
         "Phase one: milling", "Phase two: paving"],
        ["Share This Story"],
    ),
}


def _norm(text: str) -> str:
    return " ".join(text.split())


def _texts(blocks) -> list[str]:
    out: list[str] = []
    for b in blocks:
        if isinstance(b, Paragraph | Heading):
            out.append(plain_text(b.children))
        elif isinstance(b, BlockQuote):
            out += _texts(b.blocks)
        elif isinstance(b, ListBlock):
            for item in b.items:
                out += _texts(item.blocks)
        elif isinstance(b, Figure):
            out.append(plain_text(b.caption))
        elif isinstance(b, Table):
            out.append(plain_text(b.caption))
            out += [plain_text(c.children) for row in b.head + b.body for c in row]
    return out


def ours(html: str) -> str:
    return "\n".join(_texts(read_html(html).blocks))


def trafilatura_text(html: str) -> str:
    import trafilatura

    return trafilatura.extract(html, include_tables=True, include_comments=False) or ""


def readability_text(html: str) -> str:
    from lxml import html as lxml_html
    from readability import Document

    summary = Document(html).summary(html_partial=True)
    return lxml_html.fromstring(summary).text_content() if summary.strip() else ""


EXTRACTORS = {"own rules": ours, "trafilatura": trafilatura_text, "readability": readability_text}


def main() -> int:
    totals = {name: [0, 0, 0, 0] for name in EXTRACTORS}  # found, expected, leaked, chrome
    print(f"{'page':28} " + "  ".join(f"{n:>22}" for n in EXTRACTORS))
    for page, (paragraphs, chrome) in EXPECTED.items():
        html = (PAGES / page).read_text(encoding="utf-8")
        cells = []
        for name, extract in EXTRACTORS.items():
            try:
                text = _norm(extract(html))
            except Exception as exc:  # a library failing is a result too
                text = ""
                print(f"  {name} failed on {page}: {exc!r}", file=sys.stderr)
            found = sum(_norm(p) in text for p in paragraphs)
            leaked = [c for c in chrome if re.search(re.escape(c), text, re.I)]
            t = totals[name]
            t[0] += found
            t[1] += len(paragraphs)
            t[2] += len(leaked)
            t[3] += len(chrome)
            cells.append(f"{found:>2}/{len(paragraphs):<2} kept, {len(leaked):>2} leaked")
            if leaked:
                print(f"  {name} leaked on {page}: {leaked}", file=sys.stderr)
        print(f"{page:28} " + "  ".join(f"{c:>22}" for c in cells))
    print(
        f"{'total':28} "
        + "  ".join(
            f"{t[0]:>2}/{t[1]:<2} kept, {t[2]:>2}/{t[3]} lk" for t in totals.values()
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
