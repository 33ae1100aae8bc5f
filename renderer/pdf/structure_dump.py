"""Turn a tagged PDF's structure tree into an indented text dump for snapshot tests.

The dump shows what a screen reader gets, not bytes: one line per structure element
with its type, the attributes that carry meaning (Alt, Lang, E, ID, Scope, Headers,
ListNumbering, the Contents of link annotations) and the text of the element's *own*
marked content (MCIDs and MCRs directly in its /K), truncated to 60 characters.  Page
numbers, object numbers and MCIDs are left out so a reflow does not change the dump.

Text is decoded through each font's ToUnicode CMap (what WeasyPrint writes: Type0
fonts with two-byte codes), so no text extraction library is needed.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pikepdf

__all__ = ["dump_structure", "marked_text"]

_TRUNCATE = 60
_HEX = re.compile(rb"<([0-9A-Fa-f\s]+)>")


def dump_structure(pdf_path: str | Path) -> str:
    """Readable indented dump of the structure tree of ``pdf_path``."""
    with pikepdf.open(pdf_path) as pdf:
        texts = marked_text(pdf)
        root = pdf.Root.get("/StructTreeRoot")
        lines: list[str] = []
        if root is None:
            return "(no structure tree)\n"
        for kid in _as_list(root.get("/K")):
            _dump(kid, 0, lines, texts, None)
        return "\n".join(lines) + "\n"


_Key = tuple[int, int | None, int]


def marked_text(pdf: pikepdf.Pdf) -> dict[_Key, list[tuple[float, str]]]:
    """Text of every marked-content sequence, as (baseline y, text) pieces.

    Keyed by (page object number, form XObject object number or None, MCID).
    """
    result: dict[_Key, list[tuple[float, str]]] = {}
    for page in pdf.pages:
        page_key = page.obj.objgen[0]
        _collect(page.obj, page.obj.get("/Resources"), page_key, None, result)
    return result


def _collect(
    owner: Any, resources: Any, page_key: int, stream_key: int | None,
    result: dict[_Key, list[tuple[float, str]]],
) -> None:
    fonts = _fonts(resources)
    stack: list[int | None] = []
    font = None
    y = 0.0
    target = owner if stream_key is not None else pikepdf.Page(owner)
    for operands, operator in pikepdf.parse_content_stream(target):
        op = str(operator)
        if op == "BDC":
            props = operands[1]
            mcid = None
            if isinstance(props, pikepdf.Dictionary) and "/MCID" in props:
                mcid = int(props.MCID)
            stack.append(mcid)
        elif op == "BMC":
            stack.append(None)
        elif op == "EMC":
            if stack:
                stack.pop()
        elif op == "Tm":
            y = float(operands[5])
        elif op == "Td":
            y += float(operands[1])
        elif op == "Tf":
            font = fonts.get(str(operands[0]))
        elif op in ("Tj", "TJ", "'", '"'):
            mcid = next((m for m in reversed(stack) if m is not None), None)
            if mcid is None:
                continue
            strings = operands[-1] if op == "TJ" else [operands[-1]]
            text = "".join(
                _decode(bytes(s), font) for s in strings if isinstance(s, pikepdf.String))
            result.setdefault((page_key, stream_key, mcid), []).append((y, text))
        elif op == "Do" and resources is not None:
            xobject = resources.get("/XObject", {}).get(str(operands[0]))
            if xobject is not None and xobject.get("/Subtype") == "/Form":
                _collect(xobject, xobject.get("/Resources"), page_key, xobject.objgen[0],
                         result)


def _fonts(resources: Any) -> dict[str, dict[bytes, str]]:
    fonts: dict[str, dict[bytes, str]] = {}
    if resources is None or "/Font" not in resources:
        return fonts
    for name, font in resources.Font.items():
        cmap = font.get("/ToUnicode")
        fonts[name] = _parse_cmap(cmap.read_bytes()) if cmap is not None else {}
    return fonts


def _parse_cmap(data: bytes) -> dict[bytes, str]:
    mapping: dict[bytes, str] = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
        values = _HEX.findall(block)
        for source, target in zip(values[::2], values[1::2], strict=False):
            mapping[bytes.fromhex(source.decode())] = _utf16(target)
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.S):
        for line in re.findall(rb"<[^>]*>\s*<[^>]*>\s*(?:<[^>]*>|\[[^\]]*\])", block):
            parts = _HEX.findall(line)
            low, high = bytes.fromhex(parts[0].decode()), bytes.fromhex(parts[1].decode())
            width = len(low)
            start, end = int.from_bytes(low, "big"), int.from_bytes(high, "big")
            if b"[" in line:
                for offset, target in enumerate(parts[2:]):
                    mapping[(start + offset).to_bytes(width, "big")] = _utf16(target)
            else:
                first = _utf16(parts[2])
                for offset in range(end - start + 1):
                    mapping[(start + offset).to_bytes(width, "big")] = (
                        first[:-1] + chr(ord(first[-1]) + offset) if first else "")
    return mapping


def _utf16(hex_value: bytes) -> str:
    raw = bytes.fromhex(hex_value.decode())
    return raw.decode("utf-16-be", errors="replace")


def _decode(data: bytes, cmap: dict[bytes, str] | None) -> str:
    if not cmap:
        return data.decode("latin-1")
    width = len(next(iter(cmap)))
    return "".join(cmap.get(data[i:i + width], "") for i in range(0, len(data), width))


def _join(pieces: list[tuple[float, str]]) -> str:
    """Join text pieces, with a space where a new line starts (line ends lose theirs)."""
    out: list[str] = []
    last_y: float | None = None
    for y, text in pieces:
        if last_y is not None and y != last_y:
            out.append(" ")
        out.append(text)
        last_y = y
    return " ".join("".join(out).split())


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, pikepdf.Array):
        return list(value)
    return [value]


def _string(value: Any) -> str:
    return str(value)


def _dump(
    elem: Any, depth: int, lines: list[str],
    texts: dict[_Key, list[tuple[float, str]]], page: Any,
) -> None:
    if not isinstance(elem, pikepdf.Dictionary):
        return
    page = elem.get("/Pg", page)
    parts = [str(elem.get("/S", "?"))[1:]]
    for key in ("/Alt", "/Lang", "/E", "/ID"):
        if key in elem:
            parts.append(f'{key[1:]}="{_string(elem[key])}"')
    for attributes in _as_list(elem.get("/A")):
        if not isinstance(attributes, pikepdf.Dictionary):
            continue
        for key in ("/Scope", "/ListNumbering", "/ColSpan", "/RowSpan"):
            if key in attributes:
                parts.append(f"{key[1:]}={str(attributes[key]).lstrip('/')}")
        if "/Headers" in attributes:
            headers = ",".join(_string(h) for h in attributes.Headers)
            parts.append(f"Headers=[{headers}]")
    own: list[tuple[float, str]] = []
    annotations: list[str] = []
    children: list[Any] = []
    for kid in _as_list(elem.get("/K")):
        if isinstance(kid, int):
            own.extend(texts.get((page.objgen[0], None, kid), ()))
        elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
            kid_page = kid.get("/Pg", page)
            stream = kid.get("/Stm")
            own.extend(texts.get(
                (kid_page.objgen[0], stream.objgen[0] if stream is not None else None,
                 int(kid.MCID)), ()))
        elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR":
            contents = kid.Obj.get("/Contents")
            annotations.append(_string(contents) if contents is not None else "")
        else:
            children.append(kid)
    for contents in dict.fromkeys(annotations):
        count = annotations.count(contents)
        parts.append(f'Annot{"" if count == 1 else f"x{count}"}="{contents}"')
    text = _join(own)
    if text:
        if len(text) > _TRUNCATE:
            text = text[: _TRUNCATE - 1] + "…"
        parts.append(repr(text))
    lines.append("  " * depth + " ".join(parts))
    for child in children:
        _dump(child, depth + 1, lines, texts, page)
