"""Turn a source file into an Article.

This module owns everything about the *file*: it exists, is not empty, is not
binary, is not too large, decodes as text; then it hands the text to the
reader for its kind (by file name ending: ``.md`` Markdown with front matter,
``.html`` a saved web page, anything else a plain-text news scrape). Readers are
pure functions of text, so they can be tested and fuzzed without files.
"""

from __future__ import annotations

import codecs
import re
import sys
from dataclasses import replace
from pathlib import Path

from ..confine import read_input, user_path
from ..errors import InputError, InputTooLarge
from ..model import Article
from .sidecar import apply_overrides, parse_meta_options, read_sidecar, sidecar_path

__all__ = ["DEFAULT_MAX_BYTES", "decode", "decode_page", "ingest"]

DEFAULT_MAX_BYTES = 20 * 1024 * 1024

# Magic numbers of formats people feed us by mistake.
_MAGIC = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (EPUB, DOCX, …)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "an executable"),
)

# Which reader reads which file name ending; anything else is read as a plain-text scrape.
_READERS = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
}


_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def ingest(
    source: str | Path,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    meta: tuple[str, ...] = (),
    allowed_paths: tuple[str, ...] = (),
) -> Article:
    """Read ``source`` (a path, or ``-`` for standard input) into an Article.

    Metadata corrections are applied last: ``<stem>.meta.yaml`` beside the file (read
    only from there or from ``allowed_paths``), then ``meta`` ("key=value" strings),
    which wins. A corrected title is also handed to the reader, so that a scrape whose
    headline it cannot find can be read at all.
    """
    if str(source) == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
        name, base_dir, suffix = "<stdin>", None, ".txt"
    else:
        path = user_path(source, InputError)
        name = str(path)
        if not path.exists():
            raise InputError(f"{name}: no such file", hint="check the path")
        if path.is_dir():
            raise InputError(f"{name}: is a folder, not a file")
        size = path.stat().st_size
        if size > max_bytes:
            raise InputTooLarge(
                f"{name}: {size / 2**20:.1f} MB is over the {max_bytes / 2**20:g} MB input limit",
                hint="raise it with --max-input-size",
            )
        data = read_input(
            path,
            max_bytes,
            over=f"the {max_bytes / 2**20:g} MB input limit",
            hint="raise it with --max-input-size",
        )
        base_dir, suffix = str(path.resolve().parent), path.suffix.lower()
    if len(data) > max_bytes:
        raise InputTooLarge(
            f"{name}: over the {max_bytes / 2**20:g} MB input limit",
            hint="raise it with --max-input-size",
        )

    reader = _reader_for(suffix, name)
    if _READERS.get(suffix) == "html":
        text, decoding_notes = decode_page(data, name)
    else:
        text, decoding_notes = decode(data, name), []
    sidecar = read_sidecar(Path(source), allowed_paths) if str(source) != "-" else {}
    options = parse_meta_options(meta)
    title = next((str(v) for v in (options.get("title"), sidecar.get("title")) if v), None)
    article = reader(text, name=name, title=title)
    article = replace(article, base_dir=base_dir, notes=(*decoding_notes, *article.notes))
    if sidecar:
        article = apply_overrides(article, sidecar, origin=str(sidecar_path(Path(source))))
    return apply_overrides(article, options, origin="--meta")


def _reader_for(suffix: str, name: str):
    """The reader function for a file name ending (imported only when needed)."""
    kind = _READERS.get(suffix, "text")
    if kind == "markdown":
        from .markdown import read_markdown

        return read_markdown
    if kind == "html":
        try:
            from .html import read_html
        except ImportError:  # pragma: no cover - until the HTML reader lands
            raise InputError(f"{name}: reading HTML is not supported yet",
                             hint="give a plain-text scrape (.txt) or Markdown (.md)") from None
        return read_html
    from .text import read_text

    return read_text


def _refuse_binary(data: bytes, name: str) -> None:
    if not data.strip():
        raise InputError(f"{name}: the file is empty")
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(f"{name}: is not a text file (it looks like {what})")


def _checked(text: str, name: str) -> str:
    control = sum(1 for ch in text[:4096] if ch < " " and ch not in "\t\n\r\f")
    if control > 8:
        raise InputError(f"{name}: is not a text file (it contains control characters)")
    # XML (hence XHTML, EPUB and our PDF pipeline) cannot carry C0 control characters
    # other than tab and line breaks: a form feed becomes a line break, the rest go.
    text = _XML_INVALID.sub("", text.replace("\f", "\n"))
    if not text.strip():
        raise InputError(f"{name}: the file is empty")
    return text


def decode_page(data: bytes, name: str) -> tuple[str, list[str]]:
    """A web page's bytes → text, as a browser reads them (:mod:`.encoding`): BOM, the
    page's declared charset, UTF-8, detection. Invalid bytes become U+FFFD and are
    reported in the returned notes, not refused; binary and empty files are refused."""
    from .encoding import decode_html

    _refuse_binary(data, name)
    if b"\x00" in data[:4096] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise InputError(f"{name}: is not a text file (it contains NUL bytes)")
    text, notes = decode_html(data)
    return _checked(text.lstrip("\ufeff"), name), notes


def decode(data: bytes, name: str) -> str:
    """Bytes → text: BOM-aware, UTF-8 otherwise; binary and empty files refused."""
    _refuse_binary(data, name)
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"{name}: is not valid {encoding.upper()} (byte {exc.start})"
                ) from exc
            break
    else:
        if b"\x00" in data[:4096]:
            raise InputError(f"{name}: is not a text file (it contains NUL bytes)")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(
                f"{name}: is not valid UTF-8 (byte {exc.start})",
                hint="convert it, e.g. iconv -f windows-1252 -t utf-8",
            ) from exc
    return _checked(text, name)
