"""Turn a pikepdf document into plain Python facts the checks can reason about.

Two views of one PDF are built here and compared by :mod:`renderer.check.pdf`:

* the *content* view — for every page, the marked-content sequences drawn (MCID, text decoded
  through the font's ToUnicode map, drawing order), plus content drawn outside any tag;
* the *logical* view — the structure tree as :class:`Elem` nodes with role-mapped types and
  the marked-content references (:class:`MCRef`) and object references (:class:`ObjRef`)
  they own, in reading order.

pikepdf has no text extraction, hence the small CMap parser below: ToUnicode (bfchar/bfrange)
for the text, embedded Encoding CMaps (cidchar/cidrange) for the glyphs a string selects.
Everything here must tolerate hostile input: cycles, wrong types, missing keys.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field

import pikepdf

MAX_DEPTH = 256
MAX_RANGE = 0x10000

# ISO 32000-1 standard structure types (PDF 1.7), the only ones PDF/UA-1 accepts after role mapping.
STANDARD_TYPES = frozenset({
    "Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI", "Index",
    "NonStruct", "Private", "P", "H", "H1", "H2", "H3", "H4", "H5", "H6", "L", "LI", "Lbl",
    "LBody", "Table", "TR", "TH", "TD", "THead", "TBody", "TFoot", "Span", "Quote", "Note",
    "Reference", "BibEntry", "Code", "Link", "Annot", "Ruby", "RB", "RT", "RP", "Warichu", "WT",
    "WP", "Figure", "Formula", "Form",
})


# ---------------------------------------------------------------------------------------------
# small pikepdf helpers
# ---------------------------------------------------------------------------------------------


def name(obj: object) -> str:
    """A PDF name as text without the slash; '' for anything else."""
    if isinstance(obj, pikepdf.Name):
        return str(obj)[1:]
    return ""


def text(obj: object) -> str | None:
    """A PDF string as text; None if it is not a string."""
    if isinstance(obj, pikepdf.String):
        try:
            return str(obj)
        except Exception:
            return bytes(obj).decode("latin-1")
    return None


def objkey(obj: object) -> tuple[int, int] | None:
    """Identity of an indirect object, None for direct ones."""
    try:
        og = obj.objgen  # type: ignore[attr-defined]
    except Exception:
        return None
    return og if og != (0, 0) else None


def is_dict(obj: object) -> bool:
    return isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream))


def get(obj: object, key: str, default: object = None) -> object:
    try:
        if is_dict(obj):
            return obj.get(key, default)  # type: ignore[union-attr]
    except Exception:
        return default
    return default


def as_int(obj: object) -> int | None:
    # pikepdf hands PDF integers over as Python ints; booleans are ints too, but not MCIDs.
    if isinstance(obj, int) and not isinstance(obj, bool):
        return obj
    return None


def as_list(obj: object) -> list[object]:
    if isinstance(obj, pikepdf.Array):
        return list(obj)
    return [] if obj is None else [obj]


def number_tree(root: object) -> dict[int, object]:
    """Flatten a number tree (/Nums, /Kids) into a dict; cycles and junk are skipped."""
    out: dict[int, object] = {}
    seen: set[tuple[int, int]] = set()
    stack = [(root, 0)]
    while stack:
        node, depth = stack.pop()
        key = objkey(node)
        if not is_dict(node) or depth > MAX_DEPTH or (key and key in seen):
            continue
        if key:
            seen.add(key)
        nums = as_list(get(node, "/Nums"))
        for i in range(0, len(nums) - 1, 2):
            k = as_int(nums[i])
            if k is not None:
                out[k] = nums[i + 1]
        stack.extend((kid, depth + 1) for kid in as_list(get(node, "/Kids")))
    return out


# ---------------------------------------------------------------------------------------------
# fonts and ToUnicode
# ---------------------------------------------------------------------------------------------

_CMAP_TOKEN = re.compile(rb"<[0-9A-Fa-f\s]*>|\[|\]|/[^\s/\[\]<>()]*|\((?:\\.|[^\\)])*\)|"
                         rb"[^\s\[\]<>/()]+|.", re.S)


def _hex(tok: bytes) -> bytes | None:
    if len(tok) >= 2 and tok[:1] == b"<" and tok[-1:] == b">":
        digits = re.sub(rb"\s", b"", tok[1:-1])
        if len(digits) % 2:
            digits += b"0"
        try:
            return bytes.fromhex(digits.decode("ascii"))
        except ValueError:
            return None
    return None


def _utf16(data: bytes) -> str:
    return data.decode("utf-16-be", errors="replace")


#: The longest destination string a ToUnicode entry may have (ISO 32000-1 9.10.3).
MAX_DESTINATION = 512


@dataclass
class CMap:
    """A parsed CMap stream: its codespace and what its codes map to.

    One parser serves both kinds of CMap a font carries: a ToUnicode CMap (``bfchar`` /
    ``bfrange``: code → text) and an embedded Encoding CMap (``cidchar`` / ``cidrange``:
    code → CID). The codespace says how many bytes each code of a string takes.
    """

    map: dict[int, str] = field(default_factory=dict)
    codespace: list[tuple[bytes, bytes]] = field(default_factory=list)
    cids: dict[int, int] = field(default_factory=dict)
    cid_ranges: list[tuple[int, int, int]] = field(default_factory=list)
    bad_values: set[str] = field(default_factory=set)
    #: Destination strings over ISO 32000-1's 512 bytes (9.10.3).
    long_values: int = 0

    @property
    def code_widths(self) -> set[int]:
        return {len(lo) for lo, _ in self.codespace}

    @classmethod
    def parse(cls, data: bytes) -> CMap:
        cmap = cls()
        toks = [t for t in _CMAP_TOKEN.findall(data) if not t.isspace()]
        i, n = 0, len(toks)
        while i < n:
            tok = toks[i]
            if tok == b"begincodespacerange":
                i += 1
                while i + 1 < n and toks[i] != b"endcodespacerange":
                    lo, hi = _hex(toks[i]), _hex(toks[i + 1])
                    if lo and hi and len(lo) == len(hi) and len(lo) <= 4:
                        cmap.codespace.append((lo, hi))
                    i += 2
            elif tok == b"beginbfchar":
                i += 1
                while i + 1 < n and toks[i] != b"endbfchar":
                    src, dst = _hex(toks[i]), _hex(toks[i + 1])
                    if src is not None and dst is not None:
                        cmap.long_values += len(dst) > MAX_DESTINATION
                        cmap._add(int.from_bytes(src, "big"), _utf16(dst))
                    i += 2
            elif tok == b"begincidchar":
                i += 1
                while i + 1 < n and toks[i] != b"endcidchar":
                    src, cid = _hex(toks[i]), _int(toks[i + 1])
                    if src is not None and cid is not None:
                        cmap.cids[int.from_bytes(src, "big")] = cid
                    i += 2
            elif tok == b"begincidrange":
                i += 1
                while i + 2 < n and toks[i] != b"endcidrange":
                    lo, hi, cid = _hex(toks[i]), _hex(toks[i + 1]), _int(toks[i + 2])
                    if lo is not None and hi is not None and cid is not None:
                        cmap.cid_ranges.append((int.from_bytes(lo, "big"),
                                                int.from_bytes(hi, "big"), cid))
                    i += 3
            elif tok == b"beginbfrange":
                i += 1
                while i + 2 < n and toks[i] != b"endbfrange":
                    lo, hi = _hex(toks[i]), _hex(toks[i + 1])
                    i += 2
                    if toks[i] == b"[":
                        dsts: list[bytes] = []
                        i += 1
                        while i < n and toks[i] != b"]":
                            d = _hex(toks[i])
                            if d is not None:
                                cmap.long_values += len(d) > MAX_DESTINATION
                                dsts.append(d)
                            i += 1
                        i += 1
                        if lo is not None:
                            start = int.from_bytes(lo, "big")
                            for off, d in enumerate(dsts):
                                cmap._add(start + off, _utf16(d))
                        continue
                    dst = _hex(toks[i])
                    i += 1
                    if lo is None or hi is None or dst is None:
                        continue
                    start, end = int.from_bytes(lo, "big"), int.from_bytes(hi, "big")
                    if end < start or end - start > MAX_RANGE:
                        continue
                    base = int.from_bytes(dst, "big")
                    width = max(len(dst), 2)
                    for off in range(end - start + 1):
                        value = (base + off).to_bytes(width + 1, "big")[-width:]
                        cmap._add(start + off, _utf16(value))
                continue
            i += 1
        return cmap

    def _add(self, code: int, value: str) -> None:
        if value in ("\x00", "\ufffe", "\ufeff") or value == "":
            self.bad_values.add(value)
        self.map[code] = value

    def split(self, data: bytes, default_width: int = 2) -> list[int]:
        """The codes of a string: at each byte, the shortest code the codespace accepts
        (ISO 32000-1 9.7.6.2); without a codespace, fixed ``default_width`` codes."""
        if not self.codespace:
            w = default_width
            return [int.from_bytes(data[i:i + w], "big") for i in range(0, len(data) - w + 1, w)]
        widths = sorted(self.code_widths)
        codes: list[int] = []
        i = 0
        while i < len(data):
            for w in widths:
                chunk = data[i:i + w]
                if len(chunk) == w and any(
                        len(lo) == w and all(a <= b <= c for a, b, c in zip(lo, chunk, hi,
                                                                            strict=True))
                        for lo, hi in self.codespace):
                    break
            else:  # no range matches: consume as many bytes as the shortest range takes
                w = widths[0]
                chunk = data[i:i + w]
            if len(chunk) < w:
                break
            codes.append(int.from_bytes(chunk, "big"))
            i += w
        return codes

    def cid(self, code: int) -> int:
        """The CID an Encoding CMap selects; a code it does not map selects CID 0."""
        if code in self.cids:
            return self.cids[code]
        for lo, hi, start in self.cid_ranges:
            if lo <= code <= hi:
                return start + code - lo
        return 0


def _int(tok: bytes) -> int | None:
    return int(tok) if tok.isdigit() else None


_STANDARD_ENCODINGS = {"WinAnsiEncoding": "cp1252", "MacRomanEncoding": "mac_roman",
                       "MacExpertEncoding": "latin-1", "StandardEncoding": "latin-1",
                       "PDFDocEncoding": "latin-1"}


#: The most the streams ``check`` decodes may inflate to (a page's content, a form, a
#: CMap, the XMP): a 1 MB file can hold a FlateDecode stream of gigabytes. A larger
#: stream is not inspected, and the report says so (PDF-FILE-003).
MAX_STREAM_BYTES = 64 * 1024 * 1024
# Deflate expands at most about 1032 to 1 (RFC 1951: 258 bytes from a code of 2 bits).
_DEFLATE_MAX_RATIO = 1032


def inflates_within(stream: object, limit: int = MAX_STREAM_BYTES) -> bool:
    """Whether ``stream`` decodes to at most ``limit`` bytes, found out without holding
    more than a megabyte of it: FlateDecode (the filter of bombs) is inflated piece by
    piece and counted. Other filters are trusted to qpdf."""
    if not isinstance(stream, pikepdf.Stream):
        return True
    filters = as_list(get(stream, "/Filter"))
    raw = stream.read_raw_bytes()
    if not filters:
        return len(raw) <= limit
    if name(filters[0]) not in ("FlateDecode", "Fl"):
        return True
    if len(raw) * _DEFLATE_MAX_RATIO <= limit:
        return True  # it cannot inflate past the limit: no need to inflate it twice
    inflater = zlib.decompressobj()
    total, data = 0, raw
    try:
        while data and not inflater.eof:
            total += len(inflater.decompress(data, 1 << 20))
            if total > limit:
                return False
            data = inflater.unconsumed_tail
    except zlib.error:
        return True  # damaged: qpdf reports it its own way
    return True


def bounded_bytes(stream: pikepdf.Stream, what: str) -> bytes:
    """``stream``'s decoded bytes, or ValueError naming ``what`` when it would inflate
    past :data:`MAX_STREAM_BYTES`."""
    if not inflates_within(stream):
        raise ValueError(f"{what} inflates past {MAX_STREAM_BYTES // 2**20} MB; not inspected")
    return stream.read_bytes()


def read_cmap(obj: object) -> CMap | None:
    if not isinstance(obj, pikepdf.Stream):
        return None
    try:
        return CMap.parse(bounded_bytes(obj, "a CMap"))
    except Exception:
        return CMap()


@dataclass
class FontInfo:
    """What the text decoder and the font checks need to know about one font dictionary.

    ``.notdef`` is found where the glyph is chosen, which depends on the font kind: a
    composite font's code goes through its Encoding (Identity-H/V: the code is the CID;
    an embedded CMap: ``cidchar``/``cidrange``, unmapped codes select CID 0), then, for
    a TrueType CIDFont, through ``CIDToGIDMap`` (a stream, or Identity); glyph 0 of a
    TrueType font and CID 0 of a CFF font are ``.notdef``. A simple font shows
    ``.notdef`` where its ``/Differences`` name that glyph. Predefined CMaps other than
    Identity are not resolved (no finding rather than a guess).
    """

    key: str
    base: str
    subtype: str
    cid: bool
    identity: bool
    width: int
    tounicode: CMap | None
    codec: str
    encoding: CMap | None = None
    gid_map: bytes | None = None  # CIDToGIDMap stream; None = Identity (or not TrueType)
    truetype_cids: bool = False
    notdef_codes: frozenset[int] = frozenset()

    @classmethod
    def from_dict(cls, font: object, key: str) -> FontInfo:
        subtype = name(get(font, "/Subtype"))
        enc = get(font, "/Encoding")
        enc_name = name(enc)
        if not enc_name and is_dict(enc):
            enc_name = name(get(enc, "/BaseEncoding"))
        tu = read_cmap(get(font, "/ToUnicode"))
        cid = subtype == "Type0"
        identity = enc_name in ("Identity-H", "Identity-V")
        encoding = read_cmap(enc) if cid else None
        width = 1
        gid_map: bytes | None = None
        truetype = False
        if cid:
            width = 2
            desc = as_list(get(font, "/DescendantFonts"))
            desc_font = desc[0] if desc else None
            truetype = name(get(desc_font, "/Subtype")) == "CIDFontType2"
            gmap = get(desc_font, "/CIDToGIDMap")
            if truetype and isinstance(gmap, pikepdf.Stream):
                try:
                    gid_map = bounded_bytes(gmap, "a CIDToGIDMap")
                except Exception:
                    gid_map = None
            widths = (encoding.code_widths if encoding and encoding.codespace
                      else tu.code_widths if tu else set())
            if not identity and len(widths) == 1:
                width = next(iter(widths))
        notdef_codes: frozenset[int] = frozenset()
        if not cid and is_dict(enc):
            notdef_codes = frozenset(_differences_to(get(enc, "/Differences"), ".notdef"))
        return cls(key=key, base=name(get(font, "/BaseFont")), subtype=subtype, cid=cid,
                   identity=identity, width=width, tounicode=tu,
                   codec=_STANDARD_ENCODINGS.get(enc_name, "latin-1"), encoding=encoding,
                   gid_map=gid_map, truetype_cids=truetype, notdef_codes=notdef_codes)

    def codes(self, data: bytes) -> list[int]:
        if self.cid and self.encoding is not None and self.encoding.codespace:
            return self.encoding.split(data, self.width)
        w = self.width
        return [int.from_bytes(data[i:i + w], "big") for i in range(0, len(data) - w + 1, w)]

    def notdef(self, data: bytes) -> int:
        """How many of the string's codes show the ``.notdef`` glyph."""
        if not self.cid:
            return sum(b in self.notdef_codes for b in data) if self.notdef_codes else 0
        if not self.identity and self.encoding is None:
            return 0  # a predefined CMap we do not resolve
        count = 0
        for code in self.codes(data):
            cid = code if self.identity else self.encoding.cid(code)  # type: ignore[union-attr]
            if cid == 0:
                count += 1
            elif self.gid_map is not None:
                gid = self.gid_map[2 * cid:2 * cid + 2]
                count += len(gid) == 2 and gid == b"\x00\x00"
        return count

    def decode(self, data: bytes) -> str:
        if self.tounicode and self.tounicode.map:
            m = self.tounicode.map
            return "".join(m.get(c, "\ufffd") for c in self.codes(data))
        if self.cid:
            return "\ufffd" * len(self.codes(data))
        return data.decode(self.codec, errors="replace")


def _differences_to(diffs: object, glyph: str) -> Iterator[int]:
    """Codes a simple font's /Differences array assigns to ``glyph``."""
    code: int | None = None
    for item in as_list(diffs)[:4096]:
        number = as_int(item)
        if number is not None:
            code = number
        elif isinstance(item, pikepdf.Name) and code is not None:
            if name(item) == glyph and 0 <= code <= 255:
                yield code
            code += 1


# ---------------------------------------------------------------------------------------------
# content view
# ---------------------------------------------------------------------------------------------

StreamKey = tuple[int, int] | None  # None = the page's own content; else a Form XObject objgen


@dataclass
class MarkedContent:
    page: int
    stream: StreamKey
    mcid: int
    order: int
    tag: str
    in_artifact: bool = False
    parts: list[str] = field(default_factory=list)
    # some of its text is shown where no property list in force has a /Lang
    text_without_lang: bool = False

    @property
    def text(self) -> str:
        return "".join(self.parts)


@dataclass
class PageContent:
    index: int
    struct_parents: int | None
    marked: dict[tuple[StreamKey, int], MarkedContent] = field(default_factory=dict)
    untagged: list[str] = field(default_factory=list)
    artifact_in_tagged: int = 0
    tagged_in_artifact: int = 0
    notdef: dict[str, int] = field(default_factory=dict)
    artifact_mcids: set[tuple[StreamKey, int]] = field(default_factory=set)
    form_struct_parents: dict[tuple[int, int], int] = field(default_factory=dict)
    # Form XObjects painted on this page: how often, and which hold marked content (MCIDs)
    form_paints: dict[tuple[int, int], int] = field(default_factory=dict)
    forms_with_mcids: set[tuple[int, int]] = field(default_factory=set)
    errors: list[str] = field(default_factory=list)
    # /Lang values of property lists, as written (a non-string value as its repr)
    langs: list[str] = field(default_factory=list)
    # property lists with /ActualText, /Alt or /E: (keys, language in force, the tagged
    # sequence they belong to)
    described: list[tuple[str, str | None, MarkedContent | None]] = field(default_factory=list)


TEXT_OPS = {"Tj", "TJ", "'", '"'}
SHOW_OPS = TEXT_OPS | {"Do", "INLINE IMAGE"}
# Operators that paint vector graphics (ISO 32000-1 8.5.3, 8.7.4.2): content as much as text
# is (Matterhorn 01-005). ``n`` ends a path without painting it (clipping only): not content.
PAINT_OPS = {"f", "F", "f*", "B", "B*", "b", "b*", "S", "s", "sh"}


class _Scanner:
    """Walks one page's content (and the Form XObjects it paints) tracking marked content."""

    def __init__(self, page_index: int, fonts: dict[tuple[int, int] | int, FontInfo],
                 out: PageContent) -> None:
        self.page = page_index
        self.fonts = fonts
        self.out = out
        self.order = 0

    def font(self, resources: object, fname: object) -> FontInfo | None:
        fdict = get(get(resources, "/Font"), str(fname)) if isinstance(fname, pikepdf.Name) \
            else None
        if not is_dict(fdict):
            return None
        key = objkey(fdict) or id(fdict)
        if key not in self.fonts:
            self.fonts[key] = FontInfo.from_dict(fdict, str(fname))
        return self.fonts[key]

    def scan(self, stream: object, resources: object, skey: StreamKey,
             stack: list[tuple[str, MarkedContent | None, bool, str | None]],
             chain: tuple) -> None:
        parts = (as_list(get(stream.obj, "/Contents")) if isinstance(stream, pikepdf.Page)
                 else [stream])
        if not all(inflates_within(part) for part in parts):
            self.out.errors.append(f"page {self.page + 1}: a content stream inflates past "
                                   f"{MAX_STREAM_BYTES // 2**20} MB; not inspected")
            return
        try:
            ops = pikepdf.parse_content_stream(stream)
        except Exception as exc:
            self.out.errors.append(f"page {self.page + 1}: content stream unreadable ({exc})")
            return
        font: FontInfo | None = None
        font_stack: list[FontInfo | None] = []
        base_depth = len(stack)
        for operands, operator in ops:
            op = str(operator)
            if op == "BDC" or op == "BMC":
                tag = name(operands[0]) if operands else ""
                props = operands[1] if op == "BDC" and len(operands) > 1 else None
                if isinstance(props, pikepdf.Name):
                    props = get(get(resources, "/Properties"), str(props))
                mcid = as_int(get(props, "/MCID"))
                in_art = any(a for _, _, a, _ in stack)
                in_tagged = any(mc is not None for _, mc, _, _ in stack)
                raw_lang = get(props, "/Lang")
                own_lang = text(raw_lang) if raw_lang is not None else None
                if raw_lang is not None:
                    self.out.langs.append(own_lang if own_lang is not None else repr(raw_lang))
                lang = own_lang or next((x for *_, x in reversed(stack) if x), None)
                is_art = tag == "Artifact"
                if is_art and in_tagged and not in_art:
                    self.out.artifact_in_tagged += 1
                mc = None
                if mcid is not None and is_art:
                    self.out.artifact_mcids.add((skey, mcid))
                if mcid is not None and not is_art:
                    if in_art:
                        self.out.tagged_in_artifact += 1
                    mc = MarkedContent(self.page, skey, mcid, self.order, tag, in_art)
                    self.order += 1
                    self.out.marked.setdefault((skey, mcid), mc)
                keys = [k for k in ("/ActualText", "/Alt", "/E") if get(props, k) is not None]
                if keys and not is_art and not in_art:
                    self.out.described.append((", ".join(k[1:] for k in keys), lang,
                                               mc or self.current(stack)[0]))
                stack.append((tag, mc, is_art, lang))
            elif op == "EMC":
                if len(stack) > base_depth:
                    stack.pop()
            elif op == "q":
                font_stack.append(font)
            elif op == "Q":
                if font_stack:
                    font = font_stack.pop()
            elif op == "Tf" and operands:
                font = self.font(resources, operands[0])
            elif op in SHOW_OPS:
                self.show(op, operands, font, resources, skey, stack, chain)
            elif op in PAINT_OPS:
                mc, in_art = self.current(stack)
                if mc is None and not in_art:
                    self.out.untagged.append(f"{'shading' if op == 'sh' else 'path'} ({op})")

    def current(self, stack: list) -> tuple[MarkedContent | None, bool]:
        in_art = any(a for _, _, a, _ in stack)
        for _, mc, _, _ in reversed(stack):
            if mc is not None:
                return mc, in_art
        return None, in_art

    def show(self, op: str, operands: list, font: FontInfo | None, resources: object,
             skey: StreamKey, stack: list, chain: tuple) -> None:
        mc, in_art = self.current(stack)
        if op == "Do":
            xobj = get(get(resources, "/XObject"), str(operands[0])) if operands else None
            if not isinstance(xobj, pikepdf.Stream):
                return
            sub = name(get(xobj, "/Subtype"))
            if sub == "Form":
                key = objkey(xobj)
                if key in chain or len(chain) > 12:
                    return
                sp = as_int(get(xobj, "/StructParents"))
                child_key = skey
                if sp is not None and key is not None:
                    self.out.form_struct_parents[key] = sp
                    child_key = key
                if key is not None:
                    self.out.form_paints[key] = self.out.form_paints.get(key, 0) + 1
                before = self.order
                res = get(xobj, "/Resources")
                self.scan(xobj, res if is_dict(res) else resources, child_key, stack,
                          (*chain, key))
                if key is not None and self.order > before:
                    self.out.forms_with_mcids.add(key)
                return
            if mc is None and not in_art:
                self.out.untagged.append("image")
            return
        if op == "INLINE IMAGE":
            if mc is None and not in_art:
                self.out.untagged.append("inline image")
            return
        strings: list[bytes] = []
        for operand in operands:
            if isinstance(operand, pikepdf.String):
                strings.append(bytes(operand))
            elif isinstance(operand, pikepdf.Array):
                strings.extend(bytes(x) for x in operand if isinstance(x, pikepdf.String))
        decoded = "".join(font.decode(s) for s in strings) if font else ""
        if font is not None:
            zeros = sum(font.notdef(s) for s in strings)
            if zeros:
                self.out.notdef[font.base or font.key] = (
                    self.out.notdef.get(font.base or font.key, 0) + zeros)
        if mc is not None:
            mc.parts.append(decoded)
            if decoded.strip() and not any(x for *_, x in stack):
                mc.text_without_lang = True
        elif not in_art:
            sample = decoded.strip()[:40]
            self.out.untagged.append(f"text {sample!r}" if sample else "text")


def scan_pages(pdf: pikepdf.Pdf) -> tuple[list[PageContent], dict]:
    """The content view of every page; also returns the fonts met while decoding."""
    fonts: dict = {}
    pages: list[PageContent] = []
    for i, page in enumerate(pdf.pages):
        obj = page.obj
        out = PageContent(i, as_int(get(obj, "/StructParents")))
        scanner = _Scanner(i, fonts, out)
        res = get(obj, "/Resources")
        try:
            scanner.scan(page, res, None, [], ())
        except Exception as exc:  # a broken page must not hide the rest of the document
            out.errors.append(f"page {i + 1}: {type(exc).__name__}: {exc}")
        pages.append(out)
    return pages, fonts


# ---------------------------------------------------------------------------------------------
# logical view
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MCRef:
    page: int | None
    stream: StreamKey
    mcid: int


@dataclass
class ObjRef:
    page: int | None
    obj: object


@dataclass(eq=False)  # identity: comparing two elements field by field walks their subtrees
class Elem:
    obj: object
    type: str
    role: str
    page: int | None
    parent: Elem | None
    path: str
    kids: list[Elem | MCRef | ObjRef] = field(default_factory=list)

    def elems(self) -> list[Elem]:
        return [k for k in self.kids if isinstance(k, Elem)]

    def walk(self) -> Iterator[Elem]:
        """This element and its descendants, depth first, in reading order."""
        stack: list[Elem] = [self]
        while stack:
            e = stack.pop()
            yield e
            stack.extend(reversed(e.elems()))

    def mcrefs(self) -> Iterator[MCRef]:
        stack: list[Elem | MCRef | ObjRef] = [self]
        while stack:
            e = stack.pop()
            if isinstance(e, MCRef):
                yield e
            elif isinstance(e, Elem):
                stack.extend(reversed(e.kids))

    def ancestors(self) -> Iterator[Elem]:
        p = self.parent
        while p is not None:
            yield p
            p = p.parent

    def attr(self, key: str) -> object:
        """An attribute from /A (dict or array of dicts with revision numbers)."""
        for a in as_list(get(self.obj, "/A")):
            if is_dict(a):
                v = get(a, key)
                if v is not None:
                    return v
        return None


@dataclass
class RoleIssue:
    code: str
    type: str
    detail: str


@dataclass
class Repeat:
    """A structure element the walk met a second time: the tree is not a tree there."""

    path: str  # where it was met again
    first: str  # where it was first placed
    cycle: bool  # True: it is its own ancestor; False: it has a second parent


@dataclass
class Tree:
    root: Elem | None
    elems: list[Elem]
    role_issues: list[RoleIssue]
    malformed: list[str]
    repeats: list[Repeat] = field(default_factory=list)
    too_deep: list[str] = field(default_factory=list)  # elements whose kids were not read

    def mcrefs(self) -> list[tuple[MCRef, Elem]]:
        """Every marked-content reference with its owner, in reading order.

        Reading order is a depth-first walk taking each element's /K in order, so an
        inline child (a Span in the middle of a P) is read between the P's own text
        before and after it.
        """
        out: list[tuple[MCRef, Elem]] = []
        roots = [self.root] if self.root is not None else []
        stack: list[tuple[Elem | MCRef | ObjRef, Elem | None]] = [(r, None) for r in roots]
        seen: set[int] = set()
        while stack:
            node, owner = stack.pop()
            if isinstance(node, MCRef):
                assert owner is not None
                out.append((node, owner))
            elif isinstance(node, Elem) and id(node) not in seen:
                seen.add(id(node))  # cycles are reported elsewhere; never loop here
                stack.extend((k, node) for k in reversed(node.kids))
        return out


def role_chain(t: str, rolemap: dict[str, str]) -> tuple[list[str], bool]:
    """The types ``t`` maps through, and whether the mapping comes back to one of them.

    A non-standard type stops at the first standard type; a standard type is followed
    through its own entry too, so that one mapped to itself (``/P /P``) or through other
    types back to itself is seen as the circular map it is (ISO 14289-1 7.1), not only as
    a remapped standard type.
    """
    chain = [t]
    cur = t
    while cur not in STANDARD_TYPES or cur == t:
        nxt = rolemap.get(cur)
        if not nxt:
            break
        if nxt in chain:
            return [*chain, nxt], True
        chain.append(nxt)
        cur = nxt
    return chain, False


def resolve_role(t: str, rolemap: dict[str, str], issues: dict[str, RoleIssue]) -> str:
    """The standard type a structure type stands for. A standard type stands for itself:
    its entry in the role map is followed only to find a circular map (PDF-ROLE-002); any
    other remapping is reported from the role map (PDF-ROLE-003)."""
    chain, circular = role_chain(t, rolemap)
    if circular:
        issues.setdefault(t, RoleIssue("PDF-ROLE-002", t, " → ".join(chain)))
        return t
    if t in STANDARD_TYPES:
        return t
    if chain[-1] not in STANDARD_TYPES:
        issues.setdefault(t, RoleIssue("PDF-ROLE-001", t, " → ".join(chain)))
        return t
    return chain[-1]


def build_tree(pdf: pikepdf.Pdf, page_index: dict[tuple[int, int], int]) -> Tree:
    st = get(pdf.Root, "/StructTreeRoot")
    rolemap: dict[str, str] = {}
    issues: dict[str, RoleIssue] = {}
    raw_rm = get(st, "/RoleMap")
    if is_dict(raw_rm):
        for k, v in raw_rm.items():  # type: ignore[union-attr]
            rolemap[k[1:]] = name(v)
        for k, v in raw_rm.items():  # type: ignore[union-attr]
            t = k[1:]
            if t in STANDARD_TYPES:
                chain, circular = role_chain(t, rolemap)
                if circular:
                    issues.setdefault(t, RoleIssue("PDF-ROLE-002", t, " → ".join(chain)))
                else:
                    issues.setdefault(t, RoleIssue("PDF-ROLE-003", t,
                                                   f"{t} → {name(v) or repr(v)}"))
    root = Elem(st, "StructTreeRoot", "StructTreeRoot", None, None, "")
    elems: list[Elem] = []
    malformed: list[str] = []
    repeats: list[Repeat] = []
    too_deep: list[str] = []
    placed: dict[tuple[int, int], Elem] = {}
    sibling_counts: dict[int, dict[str, int]] = {}

    def page_of(d: object, inherited: int | None) -> int | None:
        pg = get(d, "/Pg")
        key = objkey(pg)
        if key is None:
            return inherited
        return page_index.get(key, inherited)

    # An explicit stack, not recursion: hostile trees are thousands of levels deep. Kids are
    # pushed in reverse so that siblings are met, and numbered, in /K order.
    stack: list[tuple[Elem, object, int]] = []
    if is_dict(st):
        stack = [(root, kid, 0) for kid in reversed(as_list(get(st, "/K")))]
    while stack:
        parent, k, depth = stack.pop()
        mcid = as_int(k)
        if mcid is not None:
            if parent.obj is not st:
                parent.kids.append(MCRef(parent.page, None, mcid))
            continue
        if not is_dict(k):
            continue
        typ = name(get(k, "/Type"))
        if typ == "MCR":
            m = as_int(get(k, "/MCID"))
            if m is not None:
                parent.kids.append(MCRef(page_of(k, parent.page), objkey(get(k, "/Stm")), m))
            continue
        if typ == "OBJR":
            parent.kids.append(ObjRef(page_of(k, parent.page), get(k, "/Obj")))
            continue
        s = name(get(k, "/S"))
        # Siblings of each type counted as they are placed (recounting the parent's kids
        # for every child made a row of n cells cost n²).
        counts = sibling_counts.setdefault(id(parent), {})
        label = f"{s or '?'}[{counts.get(s or '?', 0) + 1}]"
        path = f"{parent.path}/{label}" if parent.path else label
        key = objkey(k)
        if key is not None and key in placed:
            first = placed[key]
            cycle = first is parent or first in parent.ancestors()
            repeats.append(Repeat(path, first.path, cycle))
            continue
        counts[s or "?"] = counts.get(s or "?", 0) + 1
        if not s:
            malformed.append(path)
        elem = Elem(k, s or "?", resolve_role(s, rolemap, issues) if s else "?",
                    page_of(k, parent.page), parent, path)
        if key is not None:
            placed[key] = elem
        parent.kids.append(elem)
        elems.append(elem)
        if depth >= MAX_DEPTH:
            too_deep.append(path)
            continue
        stack.extend((elem, kid, depth + 1) for kid in reversed(as_list(get(k, "/K"))))
    return Tree(root, elems, list(issues.values()), malformed, repeats, too_deep)


def page_map(pdf: pikepdf.Pdf) -> dict[tuple[int, int], int]:
    out: dict[tuple[int, int], int] = {}
    for i, page in enumerate(pdf.pages):
        key = objkey(page.obj)
        if key:
            out[key] = i
    return out
