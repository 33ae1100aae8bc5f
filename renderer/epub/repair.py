"""Turn the zip ebooklib 0.20 wrote into a valid, reproducible EPUB.

Every repair of an ebooklib defect lives here, in one pass over the written
zip, so that the writer itself stays plain ebooklib usage and each fix can be
tested on its own (tests/epub/test_repair.py). The defects (docs/standards.md,
"What ebooklib 0.20 gets wrong") and what we do about each:

=====================================================  =======================================
ebooklib 0.20 writes …                                 repair
=====================================================  =======================================
``<package>`` without ``xml:lang`` (Ace ``epub-lang``)  :func:`repair_package` sets ``xml:lang``
                                                       and drops any conflicting ``lang``
an EPUB 2 ``<guide>`` turned into visible landmarks     :func:`repair_package` drops ``<guide>``;
with deprecated types (``rearnotes``)                  the nav (with hidden landmarks) is ours
content documents re-built through an HTML parser:      documents we authored are put back
``<body>`` attributes and ``<head>`` content dropped    verbatim (``documents=``)
an XHTML parse error becomes an empty chapter          every XHTML member is parsed once:
                                                       ours by the writer before ebooklib sees
                                                       them, the rest here; empty/unparseable
                                                       → RenderError
NCX with ``dtb:depth`` 0 and no language               :func:`repair_ncx`
``mimetype`` stamped with the current time; all        :func:`write_zip`: ``mimetype`` first and
entries in the local time zone, in write order         STORED, one UTC timestamp from ``moment``,
                                                       fixed order, permissions and compression
=====================================================  =======================================
"""

from __future__ import annotations

import datetime as _dt
import io
import zipfile
from collections.abc import Mapping

from lxml import etree

from ..errors import RenderError

__all__ = [
    "check_body",
    "check_document",
    "repair",
    "repair_ncx",
    "repair_package",
    "write_zip",
    "zip_timestamp",
]

OPF = "http://www.idpf.org/2007/opf"
NCX = "http://www.daisy.org/z3986/2005/ncx/"
CONTAINER = "urn:oasis:names:tc:opendocument:xmlns:container"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
MIMETYPE = b"application/epub+zip"

# Parsing our own and ebooklib's XML: no DTD loading, no entities, no network; and none
# of libxml2's limits against hostile documents (10 MB per text node), which would turn a
# paragraph the user allowed (--max-paragraph-size) into a "not well-formed" error.
_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True
)


def parse_xml(data: bytes, name: str) -> etree._Element:
    if not data.strip():
        raise RenderError(f"EPUB member {name} is empty")
    try:
        return etree.fromstring(data, parser=_PARSER)
    except etree.XMLSyntaxError as exc:
        raise RenderError(f"EPUB member {name} is not well-formed XML: {exc}") from exc


def check_body(root: etree._Element, name: str) -> None:
    """A content document without a ``<body>`` or with an empty one is a RenderError."""
    body = root.find("{http://www.w3.org/1999/xhtml}body")
    if body is None or (len(body) == 0 and not (body.text or "").strip()):
        raise RenderError(f"EPUB content document {name} has an empty body")


def check_document(data: bytes, name: str) -> etree._Element:
    """Parse one XHTML content document; unparseable or an empty body is a RenderError."""
    root = parse_xml(data, name)
    check_body(root, name)
    return root


def _serialize(root: etree._Element) -> bytes:
    return etree.tostring(root, encoding="utf-8", xml_declaration=True, pretty_print=True)


def repair_package(data: bytes, *, lang: str) -> bytes:
    """``xml:lang`` on ``<package>`` (no conflicting ``lang``) and no EPUB 2 guide."""
    root = parse_xml(data, "package document")
    root.set(XML_LANG, lang)
    root.attrib.pop("lang", None)
    for guide in root.findall(f"{{{OPF}}}guide"):
        root.remove(guide)
    return _serialize(root)


def repair_ncx(data: bytes, *, lang: str) -> bytes:
    """The NCX's language and its real ``dtb:depth`` (ebooklib writes 0)."""
    root = parse_xml(data, "NCX")
    root.set(XML_LANG, lang)

    def depth(el: etree._Element) -> int:
        points = el.findall(f"{{{NCX}}}navPoint")
        return max((1 + depth(p) for p in points), default=0)

    nav_map = root.find(f"{{{NCX}}}navMap")
    for meta in root.iterfind(f"{{{NCX}}}head/{{{NCX}}}meta"):
        if meta.get("name") == "dtb:depth" and nav_map is not None:
            meta.set("content", str(max(1, depth(nav_map))))
    title = root.find(f"{{{NCX}}}docTitle/{{{NCX}}}text")
    if title is None or not (title.text or "").strip():
        raise RenderError("ebooklib wrote an NCX without a title")
    return _serialize(root)


def zip_timestamp(moment: _dt.datetime) -> tuple[int, int, int, int, int, int]:
    """``moment`` in UTC (naive means UTC) as a zip date, clamped to what zip can hold."""
    utc = (moment if moment.tzinfo else moment.replace(tzinfo=_dt.UTC)).astimezone(_dt.UTC)
    low = _dt.datetime(1980, 1, 1, tzinfo=_dt.UTC)
    high = _dt.datetime(2107, 12, 31, 23, 59, 58, tzinfo=_dt.UTC)
    utc = min(max(utc, low), high)
    return (utc.year, utc.month, utc.day, utc.hour, utc.minute, utc.second - utc.second % 2)


def _member_order(name: str, package_path: str) -> tuple[int, str]:
    rank = {"mimetype": 0, "META-INF/container.xml": 1, package_path: 2}
    return (rank.get(name, 3), name)


def write_zip(members: Mapping[str, bytes], *, moment: _dt.datetime, package_path: str) -> bytes:
    """The OCF zip: same members and moment → same bytes, on any machine and time zone."""
    stamp = zip_timestamp(moment)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for name in sorted(members, key=lambda n: _member_order(n, package_path)):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.create_system = 3  # Unix, so the permissions below mean the same everywhere
            info.external_attr = 0o100644 << 16
            if name == "mimetype":
                info.compress_type = zipfile.ZIP_STORED
                zf.writestr(info, members[name])
            else:
                info.compress_type = zipfile.ZIP_DEFLATED
                zf.writestr(info, members[name], compresslevel=9)
    return out.getvalue()


def _package_path(container: bytes) -> str:
    root = parse_xml(container, "META-INF/container.xml")
    rootfile = root.find(f".//{{{CONTAINER}}}rootfile")
    if rootfile is None or not rootfile.get("full-path"):
        raise RenderError("ebooklib wrote a container.xml without a rootfile")
    return rootfile.get("full-path")


def repair(
    raw: bytes,
    *,
    lang: str,
    documents: Mapping[str, bytes],
    moment: _dt.datetime,
    checked: frozenset[str] = frozenset(),
) -> bytes:
    """Apply every repair to the EPUB ebooklib wrote into ``raw``.

    ``documents`` maps member names (``EPUB/article.xhtml``) to the XHTML we
    authored; they replace whatever ebooklib wrote for them. ``checked`` names
    the documents whose exact bytes the caller already passed through
    :func:`check_document`: they are not parsed a second time. Every other
    XHTML member is.
    """
    with zipfile.ZipFile(io.BytesIO(raw)) as zf:
        members = {info.filename: zf.read(info) for info in zf.infolist()}
    if members.get("mimetype") != MIMETYPE:
        raise RenderError("ebooklib wrote no mimetype member")
    package_path = _package_path(members["META-INF/container.xml"])
    missing = sorted(set(documents) - set(members))
    if missing:
        raise RenderError(f"ebooklib did not write {', '.join(missing)}")

    members.update(documents)
    members[package_path] = repair_package(members[package_path], lang=lang)
    for name in members:
        if name.endswith(".ncx"):
            members[name] = repair_ncx(members[name], lang=lang)
        elif name.endswith((".xhtml", ".html")) and name not in checked:
            check_document(members[name], name)
    return write_zip(members, moment=moment, package_path=package_path)
