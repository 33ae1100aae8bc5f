"""The extractors compared on the same pages: our readers and the peers.

Each returns an :class:`Extraction`: the article body as plain text (blocks separated by
line breaks), the metadata it found, and whether it refused the page (a one-line error
with an exit code, which is allowed and counted) or crashed (a traceback, which is not).
Peers are imported only when asked for (the ``eval`` extra installs them).
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from .reference import _day


@dataclass
class Extraction:
    body: str = ""
    title: str | None = None
    authors: tuple[str, ...] = ()
    date: dt.date | None = None
    language: str | None = None
    refused: str | None = None  # the one-line error of a refusal
    crashed: str | None = None  # the exception of a crash
    notes: list[str] = field(default_factory=list)


def article_text(blocks) -> str:
    """The text of an article's blocks as the benchmark's ground truth holds it: headings,
    paragraphs, list items, quotes, table rows and captions, one block a line."""
    from renderer.model import block_text

    return block_text(blocks)


def ours(path: Path) -> Extraction:
    """Our reader for the file's kind, through the same entry as ``renderer build``."""
    from renderer.errors import RendererError
    from renderer.ingest import ingest

    try:
        article = ingest(path)
    except RendererError as error:
        message = str(error.args[0]) if error.args else ""
        # the one line names the file; the tables name the page instead
        message = message.removeprefix(f"{path}: ")
        return Extraction(refused=f"exit {error.exit_code}: {message}")
    except Exception as error:
        return Extraction(crashed=f"{type(error).__name__}: {error}")
    from renderer.normalize.language import body_language

    meta = article.metadata
    # the language the editions get: the reader's, else the body's (as normalize does)
    language = meta.language or body_language(article.blocks) or ""
    return Extraction(article_text(article.blocks), meta.title, tuple(meta.authors),
                      meta.date, language.split("-")[0].lower() or None,
                      notes=list(article.notes))


def trafilatura(html: bytes) -> Extraction:
    import trafilatura as t

    doc = t.bare_extraction(html, with_metadata=True)
    if doc is None:
        return Extraction()
    authors = tuple(a.strip() for a in re.split(r";|\band\b", doc.author or "") if a.strip())
    return Extraction(doc.text or "", doc.title, authors, _day(doc.date),
                      (doc.language or None))


_BLOCK_END = re.compile(r"(</(?:p|div|h[1-6]|li|tr|blockquote|pre|section|article|figure|"
                        r"figcaption|dd|dt|table)\s*>|<br\s*/?>)", re.I)


def readability(html: bytes) -> Extraction:
    from lxml import html as lxml_html
    from readability import Document

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        doc = Document(html)
        summary = doc.summary(html_partial=True)
    text = lxml_html.fromstring(_BLOCK_END.sub(r"\1\n", summary) or "<div/>").text_content()
    return Extraction(text, doc.short_title())


def naive_text(text: str) -> Extraction:
    """The heuristic a text reader has to beat: title = the first line over 20 characters,
    body = the lines over 80 characters."""
    lines = [line.strip() for line in text.splitlines()]
    title = next((line for line in lines if len(line) > 20), None)
    return Extraction("\n".join(line for line in lines if len(line) > 80), title)
