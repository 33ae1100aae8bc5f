"""Lint an article *before* it is rendered: what would make an edition inaccessible or wrong.

Runs on the article as the reader produced it (before ``normalize`` repairs heading
levels), so a skipped level in the source is still visible. Every finding uses an
``IN-…`` code from :mod:`renderer.check.codes`. ``renderer lint`` prints them;
``renderer build`` prints them as warnings, and with ``--strict`` fails on errors.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..ingest._text_rules import chrome_kind
from ..model import (
    Article,
    Block,
    BlockQuote,
    Figure,
    Heading,
    Inline,
    Link,
    ListBlock,
    Paragraph,
    PhotoCaption,
    Table,
    plain_text,
)
from ..normalize import element_ids
from ..normalize.language import body_language, is_undetermined
from ..normalize.links import Fate, link_base, resolve_href
from .codes import make
from .findings import Finding, Report

__all__ = ["lint", "lint_report"]

# Link texts that do not say where the link goes (compared lower-case, punctuation stripped).
VAGUE_LINK_TEXTS = frozenset(
    {
        "click here", "here", "read more", "more", "learn more", "link", "this link",
        "this", "click", "go", "details", "more info", "continue", "continue reading",
    }
)  # fmt: skip
_URL = re.compile(r"^(?:https?://|www\.)\S+$", re.I)


#: Warnings that ``--strict`` treats as errors: the editions repair them (a skipped
#: level or a body H1 is renumbered), but the source's outline is wrong, and strict
#: means "fail on any accessibility defect the project can detect" (issue: --strict).
STRICT_ERRORS = frozenset({"IN-HEAD-001", "IN-HEAD-003"})


def lint_report(article: Article, path: str, *, lang: str | None = None) -> Report:
    return Report(path, "input", lint(article, lang=lang))


_ACTIVE_RAW_HTML = re.compile(
    r"raw HTML dropped: </?(script|style|iframe|object|embed|applet|frame|frameset|link|base"
    r"|svg|math|template|noscript|form|input|meta)\b",
    re.I,
)


def lint(article: Article, *, lang: str | None = None) -> list[Finding]:
    """Findings for ``article``; ``lang`` is the language the user gave (``--lang``)."""
    findings: list[Finding] = []
    meta = article.metadata
    site_names = (meta.publisher, meta.organization)
    if not meta.title.strip():
        findings.append(make("IN-META-001", "the article has no title"))
    elif kind := chrome_kind(meta.title, site_names):
        findings.append(make("IN-CHROME-002", f"the title {meta.title[:80]!r} looks like {kind}"))
    declared = lang or meta.language
    guess = body_language(article.blocks) if declared is None else None
    if is_undetermined(declared or guess):
        findings.append(
            make(
                "IN-META-005",
                "the language is neither declared nor detected, so the editions say 'und'"
                " (undetermined): pass --lang, or give lang in the front matter or with"
                " --meta lang=...",
            )
        )
    elif declared is None:
        said = f"the source does not declare a language (detected {guess!r})"
        findings.append(make("IN-META-002", said))
    if not meta.date:
        findings.append(make("IN-META-003", "no publication date was found"))
    if not meta.authors:
        who = f"only the organization {meta.organization!r}" if meta.organization else "no byline"
        findings.append(make("IN-META-004", f"no author was found ({who})"))
    for note in article.notes:
        if note.startswith("sanitizer: "):
            findings.append(make("IN-SAFE-001", note.removeprefix("sanitizer: ")))
        elif _ACTIVE_RAW_HTML.match(note):  # the Markdown reader's drops of active content
            findings.append(make("IN-SAFE-001", note))
        else:
            findings.append(make("IN-NOTE-001", note))

    previous = 1
    # What normalize will make of each link (the ids are those the normalized article has).
    base, ids = link_base(meta.source), element_ids(article.blocks)
    for where, block in _walk(article.blocks):
        match block:
            case Heading(level=level, children=children):
                text = plain_text(children).strip()
                if not text:
                    findings.append(make("IN-HEAD-002", "a heading has no text", where))
                if level == 1:
                    findings.append(make("IN-HEAD-003", f"H1 {text!r} in the body", where))
                elif level > previous + 1:
                    findings.append(
                        make("IN-HEAD-001", f"H{level} {text!r} follows H{previous}", where)
                    )
                previous = max(level, 2) if level > 1 else 1
            case Figure(image=image):
                if image.alt is None and not image.decorative:
                    findings.append(
                        make("IN-ALT-001", f"image {image.src[:80]!r} has no alt text", where)
                    )
            case Table(head=head, body=body):
                if not any(cell.header for row in head + body for cell in row):
                    findings.append(make("IN-TABLE-001", "a table has no header cells", where))
        if isinstance(block, Paragraph | Heading):  # a header line the reader left in the body
            text = " ".join(plain_text(block.children).split())
            if kind := chrome_kind(text, site_names):
                findings.append(make("IN-CHROME-001", f"{text[:80]!r} looks like {kind}", where))
        findings.extend(_link_findings(block, where, base, ids))
    return findings


def _walk(blocks: tuple[Block, ...], prefix: str = "") -> Iterator[tuple[str, Block]]:
    counts: dict[str, int] = {}
    for block in blocks:
        kind = type(block).__name__.lower().replace("block", "") or "block"
        counts[kind] = counts.get(kind, 0) + 1
        where = f"{prefix}{kind} {counts[kind]}"
        yield where, block
        if isinstance(block, BlockQuote):
            yield from _walk(block.blocks, f"{where} > ")
        elif isinstance(block, ListBlock):
            for number, item in enumerate(block.items, 1):
                yield from _walk(item.blocks, f"{where} > item {number} > ")


def _inlines_of(block: Block) -> Iterator[tuple[Inline, ...]]:
    match block:
        case Paragraph(children=c) | Heading(children=c) | PhotoCaption(children=c):
            yield c
        case Figure(caption=c):
            yield c
        case Table(head=head, body=body, caption=caption):
            yield caption
            for row in head + body:
                for cell in row:
                    yield cell.children


def _links(nodes: tuple[Inline, ...]) -> Iterator[Link]:
    for node in nodes:
        if isinstance(node, Link):
            yield node
        children = getattr(node, "children", None)
        if children:
            yield from _links(children)


#: The code that reports a link normalize turns into its text, by why it does.
_DROPPED = {
    Fate.SCHEME: "IN-LINK-003",
    Fate.MISSING_FRAGMENT: "IN-LINK-004",
    Fate.NO_BASE: "IN-LINK-005",
    Fate.INVALID: "IN-LINK-006",
}


def _link_findings(
    block: Block, where: str, base: str | None, ids: frozenset[str]
) -> Iterator[Finding]:
    for inlines in _inlines_of(block):
        for link in _links(inlines):
            text = " ".join(plain_text(link.children).split())
            bare = re.sub(r"[^\w\s]", "", text.lower()).strip()
            target = resolve_href(link.href, base=base, ids=ids)
            if target.href is None:
                yield make(_DROPPED[target.fate], f"link {text[:60]!r} → {link.href[:60]!r}", where)
            elif bare in VAGUE_LINK_TEXTS or not bare:
                yield make("IN-LINK-001", f"link text {text!r} (→ {link.href[:60]})", where)
            elif _URL.match(text):
                yield make("IN-LINK-002", f"link text {text[:60]!r}", where)
