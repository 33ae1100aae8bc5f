"""Inspect a PDF for PDF/UA-1 machine-checkable failures and this project's stricter rules.

``check_pdf`` opens the file with pikepdf, builds the content view and the logical view
(:mod:`renderer.check.tagtree`), runs each check group and collects findings. A check group
that raises is reported as ``PDF-FILE-003`` and the others still run: the inspector never lets
an exception escape for any input file.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pikepdf

from .codes import make
from .findings import Finding, Report
from .tagtree import (
    MAX_DEPTH,
    Elem,
    MarkedContent,
    MCRef,
    ObjRef,
    PageContent,
    StreamKey,
    Tree,
    as_int,
    as_list,
    bounded_bytes,
    build_tree,
    get,
    is_dict,
    name,
    number_tree,
    objkey,
    page_map,
    read_cmap,
    scan_pages,
    text,
)

__all__ = ["check_pdf", "html_text"]

HEADING = re.compile(r"^H([1-6])$")
# What PDF/UA-1 asks of a /Lang (ISO 32000-1 14.9.2: a Language-Tag of RFC 3066): a primary
# subtag of 1–8 letters, then subtags of 1–8 letters or digits.
LANGUAGE_TAG = re.compile(r"^[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*$")
# The project's stricter rule (PDF-LANG-003): an RFC 5646 tag whose primary subtag is a
# 2–3-letter ISO 639 code, or private use. 4–8-letter primary subtags are well-formed in BCP 47
# but none is registered, and in practice they are words ("english"); grandfathered tags
# (i-klingon) are refused too.
BCP47 = re.compile(
    r"^(?:(?:[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3})"
    r"(?:-[A-Za-z]{4})?(?:-(?:[A-Za-z]{2}|\d{3}))?"
    r"(?:-(?:[A-Za-z\d]{5,8}|\d[A-Za-z\d]{3}))*"
    r"(?:-[0-9A-WY-Za-wy-z](?:-[A-Za-z\d]{2,8})+)*"
    r"(?:-[xX](?:-[A-Za-z\d]{1,8})+)?|[xX](?:-[A-Za-z\d]{1,8})+)$"
)
URLISH = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|www\.|#)\S*$", re.I)
SENTENCE_END = tuple(".!?…:;\"'”’»)]")

NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
}


def normalize(s: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", s).replace("\u00ad", "").split())


@dataclass
class Doc:
    """Everything the checks share for one open PDF."""

    pdf: pikepdf.Pdf
    pages: list[PageContent]
    fonts: dict
    tree: Tree
    parent_tree: dict[int, object]
    findings: list[Finding] = field(default_factory=list)
    _text: dict[int, str] = field(default_factory=dict)

    def add(self, code: str, message: str, location: str = "") -> None:
        self.findings.append(make(code, message, location))

    def content(self, ref: MCRef) -> MarkedContent | None:
        if ref.page is None or not 0 <= ref.page < len(self.pages):
            return None
        return self.pages[ref.page].marked.get((ref.stream, ref.mcid))

    def text_of(self, e: Elem) -> str:
        key = id(e)
        if key not in self._text:
            parts = [mc.text for r in e.mcrefs() if (mc := self.content(r)) is not None]
            self._text[key] = normalize(_join_pieces(parts))
        return self._text[key]


def _join_pieces(parts: list[str]) -> str:
    """Marked-content pieces as one text: a space between pieces, except after a hyphen
    that ends a line ("cold-" + "weather" is "cold-weather", as the source has it)."""
    text = ""
    for part in parts:
        if text and not (text.rstrip().endswith(("-", "\u2010")) and part[:1].isalnum()):
            text += " "
        elif text:
            text = text.rstrip()
        text += part
    return text


def loc(e: Elem) -> str:
    page = f" (page {e.page + 1})" if e.page is not None else ""
    return f"{e.path}{page}"


def short(s: str, n: int = 60) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"


# ---------------------------------------------------------------------------------------------
# structure and marked content
# ---------------------------------------------------------------------------------------------


def check_catalog_structure(d: Doc) -> None:
    root = d.pdf.Root
    st = get(root, "/StructTreeRoot")
    if not is_dict(st):
        d.add("PDF-STRUCT-001", "The catalog has no /StructTreeRoot: the PDF is not tagged.")
    mark = get(root, "/MarkInfo")
    if get(mark, "/Marked") is not True:
        d.add("PDF-STRUCT-002", "/MarkInfo /Marked is missing or not true.")
    if get(mark, "/Suspects") is True:
        d.add("PDF-STRUCT-003", "/MarkInfo /Suspects is true: the tags are declared unreliable.")
    if is_dict(st):
        pt = get(st, "/ParentTree")
        if not is_dict(pt):
            d.add("PDF-STRUCT-004", "The structure tree root has no /ParentTree.")
        nk = as_int(get(st, "/ParentTreeNextKey"))
        top = max(d.parent_tree, default=-1)
        if nk is None:
            d.add("PDF-STRUCT-008", "/ParentTreeNextKey is missing.")
        elif nk <= top:
            d.add("PDF-STRUCT-008", f"/ParentTreeNextKey is {nk} but the ParentTree already "
                  f"uses key {top}.")
    for issue in d.tree.role_issues:
        if issue.code == "PDF-ROLE-001":
            msg = f"Structure type /{issue.type} does not map to a standard type ({issue.detail})."
        elif issue.code == "PDF-ROLE-002":
            msg = f"Role map for /{issue.type} is circular ({issue.detail})."
        else:
            msg = f"Standard type /{issue.type} is remapped ({issue.detail})."
        d.add(issue.code, msg, "RoleMap")
    for path in d.tree.malformed:
        d.add("PDF-STRUCT-013", "Structure element without a /S type.", path)
    for rep in d.tree.repeats:
        what = (f"is its own ancestor (a cycle: {rep.first} contains itself)" if rep.cycle
                else f"has a second parent (it is already {rep.first})")
        d.add("PDF-STRUCT-014", f"This structure element was met before: it {what}; it is read "
              "once, where it was met first.", rep.path)
    if d.tree.too_deep:
        d.add("PDF-FILE-003", f"The structure tree is nested more than {MAX_DEPTH} levels deep; "
              f"elements below {short(d.tree.too_deep[0], 80)} were not inspected.")


def check_marked_content(d: Doc) -> None:
    owners: dict[tuple[int | None, object, int], list[Elem]] = {}
    for ref, e in d.tree.mcrefs():
        owners.setdefault((ref.page, ref.stream, ref.mcid), []).append(e)
    for (page, stream, mcid), elems in owners.items():
        where = f"page {page + 1}" if page is not None else "unknown page"
        if len(elems) > 1:
            d.add("PDF-STRUCT-012", f"MCID {mcid} on {where} is referenced by "
                  f"{len(elems)} elements ({', '.join(e.path for e in elems[:3])}).", where)
        mc = d.content(MCRef(page, stream, mcid))  # type: ignore[arg-type]
        if mc is None:
            pc = d.pages[page] if page is not None and 0 <= page < len(d.pages) else None
            drawn = "only as an Artifact" if pc and (stream, mcid) in pc.artifact_mcids \
                else "in no content stream"
            d.add("PDF-STRUCT-007", f"{elems[0].type} references MCID {mcid} on {where}, "
                  f"which is drawn {drawn}.", loc(elems[0]))

    marked_forms = {key for pc in d.pages for key in pc.forms_with_mcids}
    paints: dict[tuple[int, int], list[int]] = {}
    for pc in d.pages:
        for key, n in pc.form_paints.items():
            if key in marked_forms:
                paints.setdefault(key, []).extend([pc.index + 1] * n)
    for (num, _), pages in paints.items():
        if len(pages) > 1:
            where = ", ".join(str(p) for p in dict.fromkeys(pages))
            d.add("PDF-STRUCT-015", f"Form XObject {num} holds marked content (MCIDs) and is "
                  f"painted {len(pages)} times (page {where}): one MCID cannot belong to "
                  "several places in the structure tree.", f"page {pages[0]}")
    for pc in d.pages:
        where = f"page {pc.index + 1}"
        for err in pc.errors:
            d.add("PDF-FILE-003", f"Content could not be fully read: {err}", where)
        if pc.untagged:
            d.add("PDF-STRUCT-009", f"{len(pc.untagged)} content item(s) drawn outside any "
                  f"tag and outside any Artifact, e.g. {', '.join(pc.untagged[:3])}.", where)
        if pc.artifact_in_tagged:
            d.add("PDF-STRUCT-010", f"{pc.artifact_in_tagged} Artifact sequence(s) nested "
                  "inside tagged content.", where)
        if pc.tagged_in_artifact:
            d.add("PDF-STRUCT-011", f"{pc.tagged_in_artifact} tagged sequence(s) nested inside "
                  "an Artifact.", where)
        orphans: list[MarkedContent] = []
        unmapped: list[str] = []
        # Each ParentTree array (the page's, a Form XObject's) is read into a list once per
        # page: indexing the pikepdf array per MCID made a page of n sequences cost n².
        arrays: dict[StreamKey, list[object]] = {}
        for (stream, mcid), mc in sorted(pc.marked.items(), key=lambda kv: kv[1].order):
            if mc.in_artifact:
                continue
            elems = owners.get((pc.index, stream, mcid))
            if not elems:
                orphans.append(mc)
                continue
            if stream is None and pc.struct_parents is None:
                unmapped.append(f"MCID {mcid}: page has no /StructParents")
                continue
            if stream not in arrays:
                key = pc.struct_parents if stream is None else \
                    pc.form_struct_parents.get(stream, -1)
                arr = d.parent_tree.get(key)  # type: ignore[arg-type]
                arrays[stream] = as_list(arr) if isinstance(arr, pikepdf.Array) else []
            entries = arrays[stream]
            target = entries[mcid] if 0 <= mcid < len(entries) else None
            if objkey(target) is None or objkey(target) != objkey(elems[0].obj):
                unmapped.append(f"MCID {mcid}")
        if orphans:
            sample = "; ".join(f"MCID {m.mcid} {short(normalize(m.text), 30)!r}"
                               for m in orphans[:4])
            d.add("PDF-STRUCT-005", f"{len(orphans)} marked-content sequence(s) are neither "
                  f"referenced by the structure tree nor Artifacts: {sample}.", where)
        if unmapped:
            d.add("PDF-STRUCT-006", f"{len(unmapped)} tagged MCID(s) not mapped back to their "
                  f"element by the ParentTree: {', '.join(unmapped[:5])}.", where)


# ---------------------------------------------------------------------------------------------
# identity and metadata
# ---------------------------------------------------------------------------------------------


def _xmp_values(root: ET.Element, ns: str, prop: str) -> list[str]:
    tag = f"{{{NS[ns]}}}{prop}"
    values: list[str] = []
    for el in root.iter():
        if el.tag == tag:
            values.append(" ".join("".join(el.itertext()).split()))
        if tag in el.attrib:
            values.append(el.attrib[tag].strip())
    return values


def _catalog_lang(d: Doc) -> bool:
    return bool((text(get(d.pdf.Root, "/Lang")) or "").strip())


def _title_languages(xml: ET.Element) -> list[str]:
    """The languages dc:title's entries declare by xml:lang (x-default says none)."""
    key = "{http://www.w3.org/XML/1998/namespace}lang"
    out = []
    for title in xml.iter(f"{{{NS['dc']}}}title"):
        for el in title.iter():
            value = el.attrib.get(key, "").strip()
            if value and value.lower() != "x-default":
                out.append(value)
    return out


def check_lang_tag(d: Doc, raw: object, where: str, location: str) -> None:
    """A /Lang value: a language identifier as PDF defines it (PDF/UA-1), and a BCP 47 tag
    with a 2–3-letter primary subtag (the project's stricter rule)."""
    value = raw if isinstance(raw, str) else text(raw)
    if value is None or not LANGUAGE_TAG.match(value):
        shown = value if value is not None else raw
        d.add("PDF-LANG-001", f"/Lang {shown!r} on {where} is not a language identifier.",
              location)
    elif not BCP47.match(value):
        d.add("PDF-LANG-003", f"/Lang {value!r} on {where} is well-formed for PDF but its "
              "primary subtag is not a 2–3-letter language code.", location)


def lang_of(e: Elem | None) -> str | None:
    """The /Lang in force on a structure element: its own or its nearest ancestor's."""
    while e is not None:
        value = (text(get(e.obj, "/Lang")) or "").strip()
        if value:
            return value
        e = e.parent
    return None


def check_language(d: Doc) -> None:
    """ISO 14289-1 7.2: the natural language of every text must be determinable — from the
    catalog /Lang, or a /Lang on the element (or an ancestor) or on the marked content.

    Without a catalog /Lang (itself a project rule, PDF-META-005) each text that has no
    language of its own is reported: the outline, structure elements' /Alt, /ActualText and
    /E, annotation /Contents and form field /TU (through the element that owns the
    annotation), and the page content and its property lists' /ActualText, /Alt and /E.
    """
    for pc in d.pages:
        for value in dict.fromkeys(pc.langs):  # each distinct value once per page
            check_lang_tag(d, value, "marked content", f"page {pc.index + 1}")
    if _catalog_lang(d):
        return
    titles = _outline_titles(d.pdf)
    if titles:
        d.add("PDF-LANG-002", f"The language of the outline's {len(titles)} entries cannot "
              "be determined: there is no catalog /Lang.", "Outlines")
    for key in ("/Alt", "/ActualText", "/E"):
        missing = [e for e in d.tree.elems if get(e.obj, key) is not None and not lang_of(e)]
        if missing:
            d.add("PDF-LANG-002", f"The language of the {key[1:]} of {len(missing)} "
                  f"element(s) cannot be determined, e.g. {missing[0].type}: no /Lang on "
                  "it, its ancestors or the catalog.", loc(missing[0]))
    owners: dict[tuple[int | None, object, int], Elem] = {}
    for ref, e in d.tree.mcrefs():
        owners.setdefault((ref.page, ref.stream, ref.mcid), e)
    for pc in d.pages:
        unknown = [mc for (stream, mcid), mc in pc.marked.items()
                   if not mc.in_artifact and mc.text_without_lang
                   and not lang_of(owners.get((pc.index, stream, mcid)))]
        if unknown:
            d.add("PDF-LANG-002", f"The language of {len(unknown)} tagged text(s) cannot be "
                  f"determined (e.g. {short(normalize(unknown[0].text), 30)!r}): no /Lang on "
                  "the marked content, its element, their ancestors or the catalog.",
                  f"page {pc.index + 1}")
        for keys, lang, mc in pc.described:
            owner = owners.get((pc.index, mc.stream, mc.mcid)) if mc is not None else None
            if not lang and not lang_of(owner):
                d.add("PDF-LANG-002", f"The language of a marked-content {keys} cannot be "
                      "determined: no /Lang on it, its element or the catalog.",
                      f"page {pc.index + 1}")
    objr_owner: dict[tuple[int, int], Elem] = {}
    for e in d.tree.elems:
        for k in e.kids:
            if isinstance(k, ObjRef) and objkey(k.obj):
                objr_owner[objkey(k.obj)] = e  # type: ignore[index]
    for i, page in enumerate(d.pdf.pages):
        for a in as_list(get(page.obj, "/Annots")):
            for key, what in (("/Contents", "Contents"), ("/TU", "field name (TU)")):
                if not (text(get(a, key)) or "").strip():
                    continue
                owner = objr_owner.get(objkey(a)) if objkey(a) else None
                if not (text(get(a, "/Lang")) or "").strip() and not lang_of(owner):
                    subtype = name(get(a, "/Subtype")) or "annotation"
                    d.add("PDF-LANG-002", f"The language of a {subtype} annotation's {what} "
                          "cannot be determined: no /Lang on its element or the catalog.",
                          f"page {i + 1}")


def check_metadata(d: Doc) -> None:
    root = d.pdf.Root
    raw_lang = get(root, "/Lang")
    lang = text(raw_lang)
    if not lang or not lang.strip():
        d.add("PDF-META-005", "The catalog has no /Lang (or it is empty).")
    if raw_lang is not None:
        check_lang_tag(d, raw_lang, "the catalog", "Catalog")
    if get(get(root, "/ViewerPreferences"), "/DisplayDocTitle") is not True:
        d.add("PDF-META-004", "/ViewerPreferences /DisplayDocTitle is missing or false: "
              "viewers show the file name instead of the title.")
    meta = get(root, "/Metadata")
    if not isinstance(meta, pikepdf.Stream):
        d.add("PDF-META-001", "The catalog has no XMP /Metadata stream.")
        return
    try:
        xml = ET.fromstring(bounded_bytes(meta, "the XMP metadata stream"))
    except Exception as exc:
        d.add("PDF-META-007", f"XMP metadata is not well-formed XML ({exc}).")
        return
    parts = [v for v in _xmp_values(xml, "pdfuaid", "part") if v]
    if not parts:
        d.add("PDF-META-002", "XMP has no pdfuaid:part: the file does not claim PDF/UA.")
    elif "1" not in parts:
        d.add("PDF-META-002", f"XMP pdfuaid:part is {', '.join(parts)}, not 1.")
    if not any(_xmp_values(xml, "dc", "title")):
        d.add("PDF-META-003", "XMP dc:title is missing or empty.")
    elif not _catalog_lang(d) and not _title_languages(xml):
        d.add("PDF-LANG-002", "The language of the XMP dc:title cannot be determined: no "
              "catalog /Lang and no xml:lang (other than x-default) on its entries.",
              "Metadata")
    wanted = [("dc", "creator"), ("dc", "language"), ("dc", "description")]
    missing = [f"{ns}:{p}" for ns, p in wanted if not any(_xmp_values(xml, ns, p))]
    if not any(_xmp_values(xml, "dc", "date")) and not any(_xmp_values(xml, "xmp",
                                                                          "CreateDate")):
        missing.append("dc:date or xmp:CreateDate")
    for prop in missing:
        d.add("PDF-META-006", f"XMP has no {prop}.")


# ---------------------------------------------------------------------------------------------
# headings and outline
# ---------------------------------------------------------------------------------------------


def _outline_titles(pdf: pikepdf.Pdf) -> list[str] | None:
    outlines = get(pdf.Root, "/Outlines")
    if not is_dict(outlines):
        return None
    titles: list[str] = []
    seen: set = set()

    def walk(node: object, depth: int) -> None:
        while is_dict(node) and depth < 64 and len(titles) < 10000:
            key = objkey(node)
            if key in seen:
                return
            seen.add(key)
            titles.append(normalize(text(get(node, "/Title")) or ""))
            walk(get(node, "/First"), depth + 1)
            node = get(node, "/Next")

    walk(get(outlines, "/First"), 0)
    return titles


def check_headings(d: Doc) -> None:
    heads = [(e, int(m.group(1))) for e in d.tree.elems if (m := HEADING.match(e.role))]
    if not heads:
        if not any(e.role == "H" for e in d.tree.elems):
            d.add("PDF-HEAD-001", "The structure tree has no heading (H1–H6).")
        return
    first, level = heads[0]
    if level != 1:
        d.add("PDF-HEAD-002", f"The first heading is H{level} "
              f"({short(d.text_of(first))!r}), not H1.", loc(first))
    h1s = [e for e, lv in heads if lv == 1]
    if len(h1s) > 1:
        d.add("PDF-HEAD-003", f"{len(h1s)} H1 headings; the second is "
              f"{short(d.text_of(h1s[1]))!r}.", loc(h1s[1]))
    for (_, prev), (e, lv) in itertools.pairwise(heads):
        if lv > prev + 1:
            d.add("PDF-HEAD-004", f"H{prev} is followed by H{lv} ({short(d.text_of(e))!r}).",
                  loc(e))
    titles = _outline_titles(d.pdf)
    if not titles:
        d.add("PDF-HEAD-005", f"{len(heads)} heading(s) but the document has no outline.")
        return
    # The outline mirrors the headings when it lists, in order, exactly the headings of
    # the top L levels for some L (all of them for an article; a packet's bookmarks stop
    # at the articles' sections).
    mirrored = [[d.text_of(e) for e, lv in heads if lv <= depth] for depth in range(1, 7)]
    # Compared without spaces: a word too long for its line is broken without a hyphen,
    # and the tagged text then reads a space where the line broke.
    if _unspaced(titles) in [_unspaced(m) for m in mirrored]:
        return
    texts = mirrored[-1]
    if titles != texts:
        for i, (a, b) in enumerate(zip(texts, titles, strict=False)):
            if "".join(a.split()) != "".join(b.split()):
                d.add("PDF-HEAD-006", f"Outline entry {i + 1} is {short(b)!r} but heading "
                      f"{i + 1} is {short(a)!r}.")
                break
        else:
            d.add("PDF-HEAD-006", f"The outline has {len(titles)} entries for {len(texts)} "
                  "headings.")


# ---------------------------------------------------------------------------------------------
# figures, tables, lists, tags, language
# ---------------------------------------------------------------------------------------------


def check_elements(d: Doc) -> None:
    for e in d.tree.elems:
        role = e.role
        parent_role = e.parent.role if e.parent else ""
        lang = get(e.obj, "/Lang")
        if lang is not None:
            check_lang_tag(d, lang, e.type, loc(e))
        if role == "Figure":
            alt = text(get(e.obj, "/Alt"))
            if not (alt and alt.strip()) and get(e.obj, "/ActualText") is None:
                d.add("PDF-FIG-001", "Figure has no /Alt (or /ActualText).", loc(e))
            if e.attr("/BBox") is None:
                d.add("PDF-FIG-002", "Figure has no /BBox attribute.", loc(e))
        elif role == "NonStruct":
            d.add("PDF-TAG-001", f"NonStruct element ({short(d.text_of(e), 40)!r}).", loc(e))
        elif role == "TR" and parent_role not in ("Table", "THead", "TBody", "TFoot"):
            d.add("PDF-TABLE-001", f"TR inside {e.parent.type if e.parent else 'nothing'}.",
                  loc(e))
        elif role in ("TH", "TD") and parent_role != "TR":
            d.add("PDF-TABLE-002", f"{role} inside {e.parent.type if e.parent else '?'}.",
                  loc(e))
        elif role == "Table":
            check_table(d, e)
        elif role == "L":
            check_list(d, e)
        elif role == "LI":
            if parent_role != "L":
                d.add("PDF-LIST-007", f"LI inside {e.parent.type if e.parent else 'nothing'}.",
                      loc(e))
            bad = [k.type for k in e.elems() if k.role not in ("Lbl", "LBody")]
            if bad:
                d.add("PDF-LIST-002", f"LI contains {', '.join(bad)}.", loc(e))
        elif role == "Link" and any(a.role == "Link" for a in e.ancestors()):
            d.add("PDF-LINK-004", f"Link inside Link ({short(d.text_of(e), 40)!r}).", loc(e))
        elif role in ("THead", "TBody", "TFoot"):
            if parent_role != "Table":
                d.add("PDF-TABLE-008", f"{role} inside "
                      f"{e.parent.type if e.parent else 'nothing'}.", loc(e))
            bad = [k.type for k in e.elems() if k.role != "TR"]
            if bad:
                d.add("PDF-TABLE-011", f"{role} contains {', '.join(bad)}.", loc(e))
        elif role == "LBody" and parent_role != "LI":
            d.add("PDF-LIST-005", f"{role} inside {e.parent.type if e.parent else 'nothing'}.",
                  loc(e))
        elif role == "TOCI" and parent_role != "TOC":
            d.add("PDF-TOC-001", f"TOCI inside {e.parent.type if e.parent else 'nothing'}.",
                  loc(e))
        elif role == "TOC":
            kids = e.elems()
            bad = [k.type for k in kids if k.role not in ("TOCI", "TOC", "Caption")]
            captions = [i for i, k in enumerate(kids) if k.role == "Caption"]
            problems = [f"contains {', '.join(bad)}"] if bad else []
            if len(captions) > 1:
                problems.append(f"has {len(captions)} Captions")
            elif captions and captions[0] != 0:
                problems.append(f"has its Caption as child {captions[0] + 1}, not first")
            if problems:
                d.add("PDF-TOC-002", f"TOC {' and '.join(problems)}.", loc(e))
        if role == "TR":
            bad = [k.type for k in e.elems() if k.role not in ("TH", "TD")]
            if bad:
                d.add("PDF-TABLE-009", f"TR contains {', '.join(bad)}.", loc(e))
        if role == "Link":
            check_link(d, e)


def check_link(d: Doc, link: Elem) -> None:
    """A Link is its annotation (OBJR, what activates it) and its content (what is read)."""
    missing = []
    if not any(isinstance(k, ObjRef) for k in link.kids):
        missing.append("no link annotation (OBJR): it leads nowhere")
    described = any((text(get(e.obj, "/Alt")) or text(get(e.obj, "/ActualText")) or "").strip()
                    for e in link.walk())
    if not d.text_of(link) and not described:
        missing.append("no content (no text, no /Alt): it is announced as a bare link")
    if missing:
        d.add("PDF-LINK-006", f"Link has {' and '.join(missing)}.", loc(link))


def _table_cells(table: Elem) -> Iterator[Elem]:
    for e in table.walk():
        if e is not table and e.role == "Table":
            continue  # a nested table is checked on its own
        if e.role in ("TH", "TD") and next(
                (a for a in e.ancestors() if a.role == "Table"), None) is table:
            yield e


def check_table(d: Doc, t: Elem) -> None:
    kids = t.elems()
    bad = [k.type for k in kids if k.role not in ("Caption", "THead", "TBody", "TFoot", "TR")]
    if bad:
        d.add("PDF-TABLE-005", f"Table contains {', '.join(bad)}.", loc(t))
    heads = [k for k in kids if k.role == "THead"]
    if len(heads) > 1:
        d.add("PDF-TABLE-004", f"Table has {len(heads)} THead elements (header row repeated "
              "on each page as real content).", loc(t))
    count = {r: sum(k.role == r for k in kids) for r in ("Caption", "TFoot", "TBody", "THead")}
    problems = [f"{count[r]} {r} elements" for r in ("Caption", "TFoot") if count[r] > 1]
    problems += [f"a {r} but no TBody" for r in ("THead", "TFoot")
                 if count[r] and not count["TBody"]]
    caps = [i for i, k in enumerate(kids) if k.role == "Caption"]
    if len(caps) == 1 and caps[0] not in (0, len(kids) - 1):
        problems.append("a Caption that is neither the first nor the last child")
    if problems:
        d.add("PDF-TABLE-010", f"Table has {' and '.join(problems)}.", loc(t))
    cells = list(_table_cells(t))
    no_scope = [c for c in cells if c.role == "TH" and c.attr("/Scope") is None]
    uses_headers = any(c.role == "TD" and c.attr("/Headers") is not None for c in cells)
    if no_scope:
        code = "PDF-TABLE-006" if uses_headers else "PDF-TABLE-003"
        d.add(code, f"{len(no_scope)} TH cell(s) without /Scope, e.g. "
              f"{short(d.text_of(no_scope[0]), 30)!r}.", loc(no_scope[0]))
    ids = {text(get(c.obj, "/ID")) or bytes(get(c.obj, "/ID") or b"").decode("latin-1")
           for c in cells if get(c.obj, "/ID") is not None}
    for c in cells:
        if c.role != "TD":  # PDF/UA 7.5: a data cell must reach its headers
            continue
        refs = [text(h) for h in as_list(c.attr("/Headers"))]
        missing = [h for h in refs if h is not None and h not in ids]
        if missing:
            d.add("PDF-TABLE-007", f"{c.type} /Headers names {', '.join(map(repr, missing))}, "
                  "which no cell of this table has as /ID.", loc(c))
            break


def check_list(d: Doc, lst: Elem) -> None:
    kids = lst.elems()
    captions = [i for i, k in enumerate(kids) if k.role == "Caption"]
    if len(captions) > 1 or (captions and captions[0] != 0):
        d.add("PDF-LIST-006", f"L has {len(captions)} Caption(s); the Caption must be the "
              "first and only one.", loc(lst))
    for k in kids:
        if k.role == "L":
            d.add("PDF-LIST-003", "L directly inside L (it belongs in the parent LI's LBody).",
                  loc(k))
        elif k.role not in ("LI", "Caption"):
            d.add("PDF-LIST-001", f"L contains {k.type}.", loc(k))
    if lst.attr("/ListNumbering") is None:
        d.add("PDF-LIST-004", "L has no /ListNumbering attribute.", loc(lst))


# ---------------------------------------------------------------------------------------------
# links and annotations
# ---------------------------------------------------------------------------------------------


def check_annotations(d: Doc) -> None:
    link_objrs: dict[tuple[int, int], Elem] = {}
    for e in d.tree.elems:
        for k in e.kids:
            if isinstance(k, ObjRef) and e.role == "Link" and objkey(k.obj):
                link_objrs[objkey(k.obj)] = e  # type: ignore[index]
    for i, page in enumerate(d.pdf.pages):
        annots = [a for a in as_list(get(page.obj, "/Annots")) if is_dict(a)]
        where = f"page {i + 1}"
        if annots and name(get(page.obj, "/Tabs")) != "S":
            tabs = name(get(page.obj, "/Tabs")) or "absent"
            d.add("PDF-ANNOT-001", f"Page has {len(annots)} annotation(s) but /Tabs is {tabs}.",
                  where)
        for a in annots:
            if name(get(a, "/Subtype")) != "Link":
                continue
            key = objkey(a)
            uri = text(get(get(a, "/A"), "/URI")) or ""
            label = f"link to {short(uri, 50)}" if uri else "link"
            owner = link_objrs.get(key) if key else None
            if owner is None:
                d.add("PDF-LINK-001", f"The {label} is not referenced by an OBJR of a Link "
                      "element.", where)
            sp = as_int(get(a, "/StructParent"))
            target = d.parent_tree.get(sp) if sp is not None else None
            if owner is not None and (sp is None or objkey(target) != objkey(owner.obj)):
                d.add("PDF-LINK-005", f"The {label}: /StructParent "
                      f"{'missing' if sp is None else sp} does not lead to its Link element.",
                      where)
            contents = text(get(a, "/Contents"))
            if contents is None or not contents.strip():
                d.add("PDF-LINK-002", f"The {label} has no /Contents description.", where)
            elif URLISH.match(contents.strip()) or (uri and contents.strip() == uri):
                d.add("PDF-LINK-003", f"The {label} is described by {short(contents, 50)!r}, "
                      "an address rather than a description.", where)


# ---------------------------------------------------------------------------------------------
# fonts
# ---------------------------------------------------------------------------------------------

_CJK_ORDERINGS = {"GB1", "CNS1", "Japan1", "Korea1"}
_SIMPLE_ENCODINGS = {"WinAnsiEncoding", "MacRomanEncoding", "MacExpertEncoding"}


def _font_dicts(pdf: pikepdf.Pdf) -> Iterator[tuple[str, object, int]]:
    seen: set = set()
    for i, page in enumerate(pdf.pages):
        stack = [(get(page.obj, "/Resources"), 0)]
        while stack:
            res, depth = stack.pop()
            if not is_dict(res) or depth > 12:
                continue
            fonts = get(res, "/Font")
            if is_dict(fonts):
                for fname, f in fonts.items():  # type: ignore[union-attr]
                    key = objkey(f) or id(f)
                    if key not in seen and is_dict(f):
                        seen.add(key)
                        yield fname, f, i
            xobjs = get(res, "/XObject")
            if is_dict(xobjs):
                for _, x in xobjs.items():  # type: ignore[union-attr]
                    key = objkey(x)
                    if name(get(x, "/Subtype")) == "Form" and key not in seen:
                        seen.add(key)
                        stack.append((get(x, "/Resources"), depth + 1))


def _embedded(desc: object) -> bool:
    return any(get(desc, k) is not None for k in ("/FontFile", "/FontFile2", "/FontFile3"))


def check_fonts(d: Doc) -> None:
    for fname, f, page in _font_dicts(d.pdf):
        sub = name(get(f, "/Subtype"))
        base = name(get(f, "/BaseFont")) or fname
        where = f"page {page + 1}, font {fname}"
        if sub == "Type3":
            continue
        desc_font = f
        if sub == "Type0":
            kids = as_list(get(f, "/DescendantFonts"))
            desc_font = kids[0] if kids else None
        desc = get(desc_font, "/FontDescriptor")
        if not _embedded(desc):
            d.add("PDF-FONT-001", f"Font {base} ({sub}) is not embedded.", where)
        if get(f, "/ToUnicode") is None and not _tounicode_exempt(f, sub, desc_font, desc):
            d.add("PDF-FONT-002", f"Font {base} ({sub}) has no /ToUnicode map.", where)
        info = d.fonts.get(objkey(f) or id(f))
        cmap = info.tounicode if info is not None else read_cmap(get(f, "/ToUnicode"))
        bad = sorted(f"U+{ord(v):04X}" for v in (cmap.bad_values if cmap else ()) if v)
        if bad:
            d.add("PDF-FONT-004", f"The ToUnicode map of {base} maps codes to "
                  f"{', '.join(bad)}, which are no characters.", where)
        if cmap and cmap.long_values:
            d.add("PDF-FONT-005", f"The ToUnicode map of {base} maps {cmap.long_values} "
                  "code(s) to more than 512 bytes.", where)
    for pc in d.pages:
        for font, count in pc.notdef.items():
            d.add("PDF-FONT-003", f"{count} glyph(s) of {font} shown as .notdef (CID 0, or "
                  "glyph 0 through CIDToGIDMap).",
                  f"page {pc.index + 1}")


def _unspaced(texts: list[str]) -> list[str]:
    return ["".join(t.split()) for t in texts]


def _tounicode_exempt(f: object, sub: str, desc_font: object, desc: object) -> bool:
    """ISO 14289-1 7.21.7: the cases where text is mappable without a ToUnicode CMap."""
    if sub == "Type0":
        info = get(desc_font, "/CIDSystemInfo")
        return text(get(info, "/Registry")) == "Adobe" and \
            text(get(info, "/Ordering")) in _CJK_ORDERINGS
    enc = get(f, "/Encoding")
    enc_name = name(enc) or name(get(enc, "/BaseEncoding"))
    if enc_name in _SIMPLE_ENCODINGS:
        return True
    flags = as_int(get(desc, "/Flags")) or 0
    symbolic = bool(flags & 4)
    return sub in ("Type1", "MMType1", "TrueType") and not symbolic and is_dict(desc)


# ---------------------------------------------------------------------------------------------
# reading order and split elements (project rules)
# ---------------------------------------------------------------------------------------------


def check_order(d: Doc, expected_text: str | None) -> None:
    refs = [(r, e) for r, e in d.tree.mcrefs() if d.content(r) is not None]
    max_page = -1
    backwards = 0
    first_back: tuple[MCRef, Elem, int] | None = None
    per_page: dict[int, list[tuple[int, Elem]]] = {}
    for r, e in refs:
        mc = d.content(r)
        assert mc is not None and r.page is not None
        if r.page < max_page:
            backwards += 1
            if first_back is None:
                first_back = (r, e, max_page)
        max_page = max(max_page, r.page)
        # Within a page only text counts: list labels and images are often painted in a
        # separate pass, which says nothing about the order a reader meets them.
        if normalize(mc.text) and not any(a.role == "Lbl" for a in (e, *e.ancestors())):
            per_page.setdefault(r.page, []).append((mc.order, e))
    if first_back:
        r, e, seen = first_back
        d.add("PDF-ORDER-001", f"After content on page {seen + 1} the tree returns to page "
              f"{r.page + 1} ({short(d.text_of(e), 40)!r}); {backwards} reference(s) go "
              "back.", loc(e))
    for _page, seq in sorted(per_page.items()):
        for (o1, _), (o2, e2) in itertools.pairwise(seq):
            if o2 < o1:
                d.add("PDF-ORDER-002", f"{e2.type} {short(d.text_of(e2), 40)!r} is read "
                      "before content drawn earlier on the page.", loc(e2))
                break
    if expected_text is not None:
        got = " ".join(mc.text for r, e in refs if (mc := d.content(r)) is not None
                       and not _generated_label(e))
        _compare_text(d, normalize(got), normalize(expected_text))


def _generated_label(e: Elem) -> bool:
    """Text of a list's numbering or bullet: made by the layout, not in the source.

    The list's /ListNumbering says so (Decimal, Disc…); a Lbl of a list numbered /None
    (a definition list's term, "By") is source text.
    """
    for a in (e, *e.ancestors()):
        if a.role == "Lbl":
            lst = next((x for x in a.ancestors() if x.role == "L"), None)
            numbering = name(lst.attr("/ListNumbering")) if lst is not None else ""
            return numbering not in ("", "None")
    return False


def html_text(xhtml: str) -> str:
    """The text of a composed XHTML document's body: what the PDF's tags should read."""
    root = ET.fromstring(xhtml.encode("utf-8"))
    body = root.find("{http://www.w3.org/1999/xhtml}body")
    return " ".join((body if body is not None else root).itertext())


MAX_NUMBERING = 12  # longest run of layout numbering skipped at one place ("(12)", "171")


def _compare_text(d: Doc, got: str, want: str) -> None:
    """Report the first place where the tagged text stops reading as the expected text.

    Line breaks decide where a PDF has spaces, and CSS ``text-transform`` its letter case
    (an upper-case kicker): both are ignored. The layout also adds numbering the source does
    not have (``target-counter`` page references in a contents list): a short run without
    letters in the tagged text is skipped where the expected text does not have it. Any
    other difference, missing, extra or reordered words, is reported with context.
    """
    got, want = got.casefold(), want.casefold()
    g = [(i, c) for i, c in enumerate(got) if not c.isspace()]
    w = [(i, c) for i, c in enumerate(want) if not c.isspace()]
    i = j = 0
    while i < len(w) and j < len(g):
        if g[j][1] == w[i][1]:
            i, j = i + 1, j + 1
            continue
        skip = _numbering_run(g, j, w[i][1])
        if skip:
            j += skip
            continue
        gi, wi = g[j][0], w[i][0]
        d.add("PDF-ORDER-003", f"Tagged text diverges at character {i}: expected "
              f"…{want[max(0, wi - 20):wi + 20]!r}, found …{got[max(0, gi - 20):gi + 20]!r}.")
        return
    if j < len(g) and _numbering_run(g, j, None) == len(g) - j:
        j = len(g)  # a page number after the last word
    if i < len(w) or j < len(g):
        longer, which, at = ((got, "the tree has extra", g[j][0]) if j < len(g) else
                             (want, "the tree is missing", w[i][0]))
        d.add("PDF-ORDER-003", f"Tagged text ends differently: {which} "
              f"{short(longer[at:], 60)!r}.")


def _numbering_run(g: list[tuple[int, str]], j: int, then: str | None) -> int:
    """Length of the shortest run of non-letters at ``g[j:]`` followed by ``then`` (None:
    by the end), at most MAX_NUMBERING long; 0 if there is none."""
    for k in range(1, min(MAX_NUMBERING, len(g) - j) + 1):
        if g[j + k - 1][1].isalpha():
            return 0
        nxt = g[j + k][1] if j + k < len(g) else None
        if nxt == then:
            return k
    return 0


@dataclass
class Span:
    first: int
    last: int
    first_page: int
    last_page: int


def _spans(d: Doc) -> dict[int, Span]:
    """Position of each element's content in the tree's reading sequence."""
    index: dict[tuple[int | None, object, int], int] = {}
    pages: list[int] = []
    for r, _ in d.tree.mcrefs():
        if d.content(r) is not None and (r.page, r.stream, r.mcid) not in index:
            index[(r.page, r.stream, r.mcid)] = len(pages)
            pages.append(r.page)  # type: ignore[arg-type]
    spans: dict[int, Span] = {}
    for e in d.tree.elems:
        pos = [index[k] for r in e.mcrefs() if (k := (r.page, r.stream, r.mcid)) in index]
        if pos:
            lo, hi = min(pos), max(pos)
            spans[id(e)] = Span(lo, hi, pages[lo], pages[hi])
    return spans


def _adjacent_pairs(d: Doc, spans: dict[int, Span], role: str) -> Iterator[tuple[Elem, Elem]]:
    elems = [e for e in d.tree.elems if e.role == role and id(e) in spans]
    for a, b in itertools.pairwise(elems):
        sa, sb = spans[id(a)], spans[id(b)]
        if sa.last + 1 == sb.first and sb.first_page == sa.last_page + 1 and \
                a not in b.ancestors() and b not in a.ancestors():
            yield a, b


def _head_text(d: Doc, table: Elem) -> str:
    return " | ".join(d.text_of(k) for k in table.elems() if k.role == "THead")


def check_splits(d: Doc) -> None:
    spans = _spans(d)
    for a, b in _adjacent_pairs(d, spans, "P"):
        ta, tb = d.text_of(a), d.text_of(b)
        if ta and tb and not ta.endswith(SENTENCE_END) and tb[0].islower():
            d.add("PDF-SPLIT-001", f"P ending {short(ta[-30:], 32)!r} on page "
                  f"{spans[id(a)].last_page + 1} continues as a new P {short(tb, 30)!r} on "
                  f"page {spans[id(b)].first_page + 1}.", loc(b))
    for a, b in _adjacent_pairs(d, spans, "Table"):
        ha, hb = _head_text(d, a), _head_text(d, b)
        if ha and ha == hb:
            d.add("PDF-SPLIT-002", f"Table continues on page {spans[id(b)].first_page + 1} as "
                  f"a new Table with the same header {short(ha, 40)!r}.", loc(b))
    for a, b in _adjacent_pairs(d, spans, "L"):
        d.add("PDF-SPLIT-003", f"L ends on page {spans[id(a)].last_page + 1} and the next L "
              "starts on the next page with nothing between them.", loc(b))
    parents = [d.tree.root, *d.tree.elems]
    for p in parents:
        if p is None:
            continue
        kids = p.elems()
        run: list[Elem] = []
        for k in [*kids, None]:
            s = spans.get(id(k)) if k is not None else None
            one_page = s is not None and s.first_page == s.last_page
            # A piece that opens with its own heading is a new section, not a continuation.
            if k is not None and one_page and k.role in ("Part", "Art", "Sect") and run and \
                    run[-1].role == k.role and not _opens_with_heading(k) and \
                    spans[id(run[-1])].last_page + 1 == s.first_page:  # type: ignore[union-attr]
                run.append(k)
                continue
            if len(run) > 1:
                first, last = spans[id(run[0])], spans[id(run[-1])]
                d.add("PDF-SPLIT-004", f"{len(run)} consecutive {run[0].type} elements, one "
                      f"per page (pages {first.first_page + 1}–{last.last_page + 1}): one "
                      "element rebuilt at every page break.", loc(run[0]))
            run = [k] if k is not None and one_page and k.role in ("Part", "Art", "Sect") \
                else []


def _opens_with_heading(element: Elem) -> bool:
    kids = element.elems()
    return bool(kids) and (kids[0].role == "H" or bool(HEADING.match(kids[0].role)))


# ---------------------------------------------------------------------------------------------
# entry point
# ---------------------------------------------------------------------------------------------

CHECKS: list[tuple[str, Callable[[Doc], None]]] = [
    ("structure", check_catalog_structure),
    ("marked content", check_marked_content),
    ("metadata", check_metadata),
    ("headings", check_headings),
    ("elements", check_elements),
    ("language", check_language),
    ("annotations", check_annotations),
    ("fonts", check_fonts),
    ("page splits", check_splits),
]


def _open(path: str, report: Report) -> pikepdf.Pdf | None:
    try:
        pdf = pikepdf.open(path)
    except pikepdf.PasswordError:
        report.findings.append(make("PDF-FILE-002", "The PDF needs a password to open."))
        return None
    except (pikepdf.PdfError, OSError, ValueError, RuntimeError) as exc:
        report.findings.append(make("PDF-FILE-001", f"pikepdf cannot open the file: "
                                    f"{short(str(exc), 200)}"))
        return None
    try:
        warnings = pdf.get_warnings()
    except Exception:
        warnings = []
    if warnings:
        report.findings.append(make("PDF-FILE-004", f"{len(warnings)} repair warning(s), e.g. "
                                    f"{short(str(warnings[0]), 160)}"))
    return pdf


def check_pdf(path: str, *, expected_text: str | None = None) -> Report:
    """Inspect one PDF file; problems in the file become findings, never exceptions."""
    report = Report(str(path), "pdf", [])
    pdf = _open(str(path), report)
    if pdf is None:
        return report
    with pdf:
        try:
            if pdf.is_encrypted and not pdf.allow.accessibility:
                report.findings.append(make("PDF-FILE-005", "The file is encrypted and its "
                                            "permissions forbid extraction for accessibility."))
            pages, fonts = scan_pages(pdf)
            pmap = page_map(pdf)
            tree = build_tree(pdf, pmap)
            st = get(pdf.Root, "/StructTreeRoot")
            ptree = number_tree(get(st, "/ParentTree")) if is_dict(st) else {}
        except Exception as exc:
            report.findings.append(make("PDF-FILE-003", f"Could not read the document "
                                        f"structure: {type(exc).__name__}: {short(str(exc))}"))
            return report
        doc = Doc(pdf, pages, fonts, tree, ptree, report.findings)
        checks = [*CHECKS, ("reading order", lambda d: check_order(d, expected_text))]
        for label, fn in checks:
            try:
                fn(doc)
            except Exception as exc:  # one broken check must not hide the others
                doc.add("PDF-FILE-003", f"The {label} check failed: {type(exc).__name__}: "
                        f"{short(str(exc))}")
    return report

