"""Which character encoding a saved web page is in, as a browser decides it.

Web pages are not always UTF-8: many still declare ISO-8859-1 or windows-125x in a
``<meta charset>``. A browser reads the bytes in this order, and so does this module:

1. a byte-order mark (UTF-8, UTF-16 LE/BE);
2. the encoding the page declares in its first bytes: ``<meta charset=…>``,
   ``<meta http-equiv="Content-Type" content="…; charset=…">`` or an XML declaration;
   labels are mapped as the WHATWG Encoding standard maps them (``iso-8859-1``, ``latin1``
   and ``ascii`` mean windows-1252; a ``<meta>`` saying UTF-16 means UTF-8);
3. UTF-8, when the bytes are valid UTF-8;
4. detection (charset-normalizer), else windows-1252.

A stray byte that is not valid in the chosen encoding becomes U+FFFD and is reported as
a reader note; it never stops the build. Plain text and Markdown keep their strict
UTF-8 rule (:func:`renderer.ingest.decode`): they have no place to declare an encoding.
"""

from __future__ import annotations

import codecs
import re

__all__ = ["declared_encoding", "decode_html", "html_encoding"]

# How far into the file a declaration is looked for (the HTML standard says 1024 bytes;
# pages with long <head> comments or scripts before <meta> are common, so a little more).
PRESCAN_BYTES = 8192

_META = re.compile(rb"<meta\b[^>]*>", re.IGNORECASE)
_CHARSET_ATTR = re.compile(rb"""\bcharset\s*=\s*["']?\s*([A-Za-z0-9._:()-]+)""", re.IGNORECASE)
_HTTP_EQUIV = re.compile(rb"""\bhttp-equiv\s*=\s*["']?\s*content-type""", re.IGNORECASE)
_CONTENT = re.compile(rb"""\bcontent\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")

# WHATWG Encoding standard: labels browsers read as another encoding.
_WHATWG = {
    "iso-8859-1": "cp1252",
    "latin-1": "cp1252",
    "latin1": "cp1252",
    "iso8859-1": "cp1252",
    "l1": "cp1252",
    "ascii": "cp1252",
    "us-ascii": "cp1252",
    "iso-8859-9": "cp1254",
    "latin5": "cp1254",
    "iso-8859-11": "cp874",
    "tis-620": "cp874",
    "utf-16": "utf-8",  # a page that can say "utf-16" in ASCII bytes is not UTF-16
    "utf-16le": "utf-8",
    "utf-16be": "utf-8",
    "x-user-defined": "cp1252",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "ks_c_5601-1987": "cp949",
    "euc-kr": "cp949",
    "shift_jis": "cp932",
    "sjis": "cp932",
    "x-sjis": "cp932",
    "windows-31j": "cp932",
    "big5": "big5hkscs",
}


_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def _codec(label: bytes | str) -> str | None:
    """The Python codec for an encoding label, or None when it names none."""
    if isinstance(label, bytes):
        label = label.decode("ascii", "replace")
    label = label.strip().lower()
    label = _WHATWG.get(label, label)
    try:
        info = codecs.lookup(label)
    except LookupError:
        return None
    if not getattr(info, "_is_text_encoding", True):
        return None  # rot13, base64 and friends are not character encodings
    return info.name


def declared_encoding(data: bytes) -> str | None:
    """The encoding the page declares near its start, as a Python codec name."""
    head = data[:PRESCAN_BYTES]
    if (m := _XML_DECL.match(head)) is not None and (codec := _codec(m[1])) is not None:
        return codec
    for meta in _META.finditer(head):
        tag = meta.group(0)
        if _HTTP_EQUIV.search(tag):
            content = _CONTENT.search(tag)
            value = next((g for g in content.groups() if g), b"") if content else b""
            found = _CHARSET_ATTR.search(value)
        else:
            found = _CHARSET_ATTR.search(tag)
        if found is not None and (codec := _codec(found[1])) is not None:
            return codec
    return None


def html_encoding(data: bytes) -> tuple[str, str]:
    """(codec, how it was chosen) for the bytes of a page without a byte-order mark."""
    declared = declared_encoding(data)
    if declared is not None:
        return declared, "declared"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return "utf-8", "utf-8"
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - a dependency of ours
        return "cp1252", "fallback"
    best = from_bytes(data[: 512 * 1024]).best()
    if best is not None and (codec := _codec(best.encoding)) is not None:
        return codec, "detected"
    return "cp1252", "fallback"


def decode_html(data: bytes) -> tuple[str, list[str]]:
    """The text of a page's bytes and the notes to report: an encoding that was guessed
    rather than declared, and how many byte sequences were invalid in it."""
    notes: list[str] = []
    marked = next(((bom, codec) for bom, codec in _BOMS if data.startswith(bom)), None)
    if marked is not None:
        data, codec, how = data[len(marked[0]):], marked[1], "bom"
    else:
        codec, how = html_encoding(data)
    text = data.decode(codec, errors="replace")
    if how in ("detected", "fallback"):
        notes.append(
            f"the page declares no character encoding and is not UTF-8: read as {codec}"
            + (" (detected)" if how == "detected" else "")
        )
    bad = text.count("\ufffd") - _count_replacement_chars(data, codec)
    if bad > 0:
        notes.append(
            f"{bad} byte sequence{'s' if bad != 1 else ''} not valid {codec} replaced with U+FFFD"
        )
    return text, notes


def _count_replacement_chars(data: bytes, codec: str) -> int:
    """U+FFFD written in the page itself (not produced by decoding errors)."""
    try:
        encoded = "\ufffd".encode(codec)
    except UnicodeEncodeError:
        return 0
    return data.count(encoded)
