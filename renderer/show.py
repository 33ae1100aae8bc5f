"""What a reader extracted, printed so a person can check a scrape before building.

Every metadata field is listed; a field that was not found says so instead of
being left out, and where normalize will fill it (language, identifier,
description) the value it will use is shown with where it came from.
"""

from __future__ import annotations

from .compose import outline
from .ingest._text_rules import join_authors
from .model import (
    Article,
    Block,
    BlockQuote,
    Code,
    Figure,
    Heading,
    LineBreak,
    ListBlock,
    PageMarker,
    Paragraph,
    PhotoCaption,
    Table,
    ThematicBreak,
    plain_text,
)
from .normalize import normalize
from .normalize.language import is_undetermined
from .options import Options

__all__ = ["block_kind", "describe"]

NOT_FOUND = "(not found)"


def describe(article: Article, source: str, options: Options | None = None) -> str:
    final = normalize(article, options or Options())
    raw, meta = article.metadata, final.metadata

    def derived(raw_value, final_value, how: str) -> str:
        if raw_value:
            return str(raw_value)
        return f"{final_value} ({how})" if final_value else NOT_FOUND

    rows = [
        ("File", source),
        ("Title", raw.title or NOT_FOUND),
        ("Subtitle", raw.subtitle or NOT_FOUND),
        ("Section", raw.section or NOT_FOUND),
        ("Date", raw.date.isoformat() if raw.date else NOT_FOUND),
        ("Authors", join_authors(raw.authors) or NOT_FOUND),  # as --meta authors= reads it
        ("Organization", raw.organization or NOT_FOUND),
        ("Dateline", raw.dateline or NOT_FOUND),
        ("Language", derived(raw.language, meta.language, _how_language(meta.language))),
        ("Publisher", raw.publisher or NOT_FOUND),
        ("Source", raw.source or NOT_FOUND),
        ("Identifier", derived(raw.identifier, meta.identifier, "from the content")),
        ("Description", derived(raw.description, meta.description, "first paragraph")),
        ("Keywords", ", ".join(raw.keywords) or NOT_FOUND),
    ]
    width = max(len(k) for k, _ in rows)
    lines = [f"{key:<{width}}  {value}" for key, value in rows]
    lines += ["", "Outline", f"  H1 {meta.title}"]
    lines += _outline_lines(final.blocks)
    return "\n".join(lines)


def _how_language(language: str | None) -> str:
    if is_undetermined(language):
        return "undetermined: not declared, not detected; give --lang or --meta lang="
    return "detected"


# What the outline calls each kind of block, in the order a section's counts are printed.
KIND_ORDER = (
    "paragraph", "quotation", "code block", "list", "table", "rule", "figure", "photo caption",
    "page marker",
)  # fmt: skip


def block_kind(block: Block) -> str:
    """The outline's name for a block: every block type of the model has one, so that
    nothing a reader produced is left out of what ``show`` prints."""
    match block:
        case Heading():
            return "heading"
        case Paragraph(children=(Code(), *rest)) if all(
            isinstance(node, Code | LineBreak) for node in rest
        ):
            return "code block"  # how the readers carry a code block (one Code per line)
        case Paragraph():
            return "paragraph"
        case BlockQuote():
            return "quotation"
        case ListBlock():
            return "list"
        case Table():
            return "table"
        case ThematicBreak():
            return "rule"
        case Figure():
            return "figure"
        case PhotoCaption():
            return "photo caption"
        case PageMarker():
            return "page marker"
    raise TypeError(f"no outline name for {type(block).__name__}")


def _summary(blocks: tuple[Block, ...]) -> str:
    kinds = [block_kind(b) for b in blocks]
    counts = {kind: kinds.count(kind) for kind in KIND_ORDER}
    parts = [f"{n} {kind}{'s' if n != 1 else ''}" for kind, n in counts.items() if n]
    return ", ".join(parts)


def _outline_lines(blocks: tuple[Block, ...]) -> list[str]:
    lines: list[str] = []

    def visit(section, depth: int) -> None:
        summary = _summary(section.blocks)
        if summary:
            lines.append("  " * (depth + 1) + f"({summary})")
        for sub in section.sections:
            heading: Heading = sub.heading
            lines.append("  " * depth + f"  H{heading.level} {plain_text(heading.children)}")
            visit(sub, depth + 1)

    visit(outline(blocks), 1)
    return lines
