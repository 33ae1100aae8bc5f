"""Compare a PDF and an EPUB built from the same article: what a reader of one edition is told
must match what a reader of the other is told.

Compared: title (XMP ``dc:title`` / ``dc:title``), language (catalog ``/Lang`` / package
``dc:language``), authors (XMP ``dc:creator`` / ``dc:creator``), headings in order with their
levels (H1–H6 of the structure tree / ``h1``–``h6`` of the spine), alternative texts of
informative images in order (Figure ``/Alt`` / ``img alt``) and page numbering (when the EPUB
has a ``page-list``: its labels against the PDF's page labels, or 1…N).

``renderer check`` compares automatically when it is given a ``.pdf`` and an ``.epub`` with the
same stem (``out/a.pdf out/a.epub``); ``--cross`` compares the first PDF with the first EPUB
whatever their names; ``--no-cross`` turns the automatic pairing off.
"""

from __future__ import annotations

import re
import unicodedata
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf

from .codes import make
from .epub import XHTML, _is_decorative, _text, _tokens, open_epub
from .findings import Finding, Report
from .tagtree import (
    bounded_bytes,
    build_tree,
    get,
    is_dict,
    number_tree,
    page_map,
    scan_pages,
    text,
)

__all__ = ["Facts", "compare", "epub_facts", "pairs", "pdf_facts"]

_HEADING = re.compile(r"^H([1-6])$")
_HTML_HEADING = re.compile(r"^h([1-6])$")
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
DCNS = "http://purl.org/dc/elements/1.1/"


def _norm(s: str | None) -> str:
    s = unicodedata.normalize("NFKC", s or "").replace("\u00ad", "")
    return " ".join(s.split())


@dataclass
class Facts:
    """What one edition tells its reader, normalized for comparison."""

    title: str = ""
    language: str = ""
    authors: list[str] = field(default_factory=list)
    headings: list[tuple[int, str]] = field(default_factory=list)
    alts: list[str] = field(default_factory=list)
    pages: list[str] | None = None  # page labels; None when the edition has no page list


# ---------------------------------------------------------------------------------------------
# the PDF
# ---------------------------------------------------------------------------------------------


def _xmp(pdf: pikepdf.Pdf, prop: str) -> list[str]:
    meta = get(pdf.Root, "/Metadata")
    if not isinstance(meta, pikepdf.Stream):
        return []
    try:
        root = ET.fromstring(bounded_bytes(meta, "the XMP metadata stream"))
    except Exception:
        return []
    tag = f"{{{DCNS}}}{prop}"
    values: list[str] = []
    for el in root.iter(tag):
        items = [_norm("".join(li.itertext())) for li in el.iter(f"{{{RDF}}}li")]
        values += [i for i in items if i] or [_norm("".join(el.itertext()))]
    return [v for v in values if v]


def _page_labels(pdf: pikepdf.Pdf) -> list[str]:
    n = len(pdf.pages)
    labels_root = get(pdf.Root, "/PageLabels")
    if not is_dict(labels_root):
        return [str(i + 1) for i in range(n)]
    ranges = sorted(number_tree(labels_root).items())
    labels = []
    for i in range(n):
        start, spec = max(((k, v) for k, v in ranges if k <= i), default=(0, None))
        first = int(get(spec, "/St") or 1)
        prefix = text(get(spec, "/P")) or ""
        style = str(get(spec, "/S") or "")
        num = first + i - start
        if style == "/D":
            body = str(num)
        elif style in ("/r", "/R"):
            body = _roman(num)
            body = body.upper() if style == "/R" else body
        elif style in ("/a", "/A"):
            body = chr(ord("a") + (num - 1) % 26) * ((num - 1) // 26 + 1)
            body = body.upper() if style == "/A" else body
        else:
            body = ""
        labels.append(prefix + body)
    return labels


def _roman(n: int) -> str:
    out = ""
    for value, sym in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                       (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"),
                       (1, "i")):
        while n >= value:
            out += sym
            n -= value
    return out


def pdf_facts(path: str | Path) -> Facts:
    with pikepdf.open(path) as pdf:
        pages, _ = scan_pages(pdf)
        tree = build_tree(pdf, page_map(pdf))
        facts = Facts()
        titles = _xmp(pdf, "title")
        info_title = text(get(pdf.trailer.get("/Info"), "/Title")) if "/Info" in pdf.trailer \
            else None
        facts.title = titles[0] if titles else _norm(info_title)
        facts.language = _norm(text(get(pdf.Root, "/Lang")))
        facts.authors = _xmp(pdf, "creator")

        def content(e) -> str:
            parts = []
            for r in e.mcrefs():
                if r.page is not None and 0 <= r.page < len(pages):
                    mc = pages[r.page].marked.get((r.stream, r.mcid))
                    if mc is not None:
                        parts.append(mc.text)
            return _norm(" ".join(parts))

        for e in tree.elems:
            m = _HEADING.match(e.role)
            if m:
                facts.headings.append((int(m.group(1)), content(e)))
            elif e.role == "Figure":
                alt = _norm(text(get(e.obj, "/Alt")))
                if alt:
                    facts.alts.append(alt)
        facts.pages = _page_labels(pdf)
    return facts


# ---------------------------------------------------------------------------------------------
# the EPUB
# ---------------------------------------------------------------------------------------------


def epub_facts(path: str | Path) -> Facts | None:
    problems: list[Finding] = []
    e = open_epub(path, problems)
    if e is None:
        return None
    facts = Facts()
    facts.title = _norm((e.meta.get("dc:title") or [""])[0])
    facts.language = _norm((e.meta.get("dc:language") or [""])[0])
    facts.authors = [_norm(a) for a in e.meta.get("dc:creator", []) if _norm(a)]
    for d in e.content_docs():
        for el in d.root.iter():
            if not isinstance(el.tag, str) or not el.tag.startswith(f"{{{XHTML}}}"):
                continue
            local = el.tag.split("}", 1)[1]
            m = _HTML_HEADING.match(local)
            if m:
                facts.headings.append((int(m.group(1)), _norm(_text(el))))
            elif local == "img" and not _is_decorative(el):
                alt = _norm(el.get("alt"))
                if alt:
                    facts.alts.append(alt)
    nav = e.nav
    if nav is not None:
        for n in nav.iter("nav"):
            if "page-list" in _tokens(n, "{http://www.idpf.org/2007/ops}type"):
                facts.pages = [_norm(_text(a)) for a in n.iter(f"{{{XHTML}}}a")]
    return facts


# ---------------------------------------------------------------------------------------------
# comparison
# ---------------------------------------------------------------------------------------------


def _short(s: str, n: int = 60) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"


def _first_difference(a: list, b: list) -> int:
    for i, (x, y) in enumerate(zip(a, b, strict=False)):
        if x != y:
            return i
    return min(len(a), len(b))


def compare_facts(p: Facts, e: Facts) -> list[Finding]:
    out: list[Finding] = []
    if p.title != e.title:
        out.append(make("CROSS-001", f"PDF title {_short(p.title)!r}, EPUB title "
                        f"{_short(e.title)!r}.", "title"))
    if p.language.lower() != e.language.lower():
        out.append(make("CROSS-002", f"PDF /Lang {p.language or '(none)'!r}, EPUB dc:language "
                        f"{e.language or '(none)'!r}.", "language"))
    if p.authors != e.authors:
        out.append(make("CROSS-003", f"PDF dc:creator {p.authors}, EPUB dc:creator "
                        f"{e.authors}.", "authors"))
    if p.headings != e.headings:
        i = _first_difference(p.headings, e.headings)
        ph = f"H{p.headings[i][0]} {_short(p.headings[i][1], 40)!r}" if i < len(p.headings) \
            else "(none)"
        eh = f"h{e.headings[i][0]} {_short(e.headings[i][1], 40)!r}" if i < len(e.headings) \
            else "(none)"
        out.append(make("CROSS-004", f"Heading {i + 1} differs: PDF {ph}, EPUB {eh} "
                        f"({len(p.headings)} vs {len(e.headings)} headings).",
                        f"heading {i + 1}"))
    if p.alts != e.alts:
        i = _first_difference(p.alts, e.alts)
        pa = _short(p.alts[i], 40) if i < len(p.alts) else "(none)"
        ea = _short(e.alts[i], 40) if i < len(e.alts) else "(none)"
        out.append(make("CROSS-005", f"Image {i + 1} alt differs: PDF {pa!r}, EPUB {ea!r} "
                        f"({len(p.alts)} vs {len(e.alts)} alt texts).", f"image {i + 1}"))
    if e.pages is not None and p.pages is not None and e.pages != p.pages:
        out.append(make("CROSS-006", f"The EPUB page-list has {len(e.pages)} entries "
                        f"({', '.join(e.pages[:5])}…), the PDF {len(p.pages)} pages "
                        f"({', '.join(p.pages[:5])}…).", "page-list"))
    return out


def compare(pdf: str | Path, epub: str | Path) -> Report:
    """One report for the pair; an unreadable edition makes the comparison incomplete."""
    report = Report(f"{pdf} + {epub}", "cross", [])
    try:
        p = pdf_facts(pdf)
    except Exception as exc:
        report.findings.append(make("CROSS-007", f"The PDF could not be read for comparison "
                                    f"({type(exc).__name__}: {_short(str(exc), 100)})."))
        return report
    try:
        e = epub_facts(epub)
    except Exception as exc:
        e = None
        report.findings.append(make("CROSS-007", f"The EPUB could not be read for comparison "
                                    f"({type(exc).__name__}: {_short(str(exc), 100)})."))
        return report
    if e is None:
        report.findings.append(make("CROSS-007", "The EPUB could not be read for comparison."))
        return report
    report.findings += compare_facts(p, e)
    return report


def pairs(paths: list[str], force: bool = False) -> list[tuple[str, str]]:
    """PDF/EPUB pairs with the same stem; with ``force``, else the first PDF and first EPUB."""
    pdfs = [p for p in paths if p.lower().endswith(".pdf")]
    epubs = [p for p in paths if p.lower().endswith(".epub") or Path(p).is_dir()]
    by_stem: dict[str, str] = {}
    for e in epubs:
        by_stem.setdefault(str(Path(e).with_suffix("")), e)
    found = [(p, by_stem[str(Path(p).with_suffix(""))]) for p in pdfs
             if str(Path(p).with_suffix("")) in by_stem]
    if force and not found and pdfs and epubs:
        found = [(pdfs[0], epubs[0])]
    return found
