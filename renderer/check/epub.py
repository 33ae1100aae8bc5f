"""Inspect an EPUB 3 for EPUB Accessibility 1.1 points and this project's stricter rules.

``check_epub`` reads a packed ``.epub`` or an unpacked folder (Ace's fixtures are folders),
finds the package document through ``META-INF/container.xml`` and checks:

* the package: ``xml:lang``, title, language, recommended Dublin Core;
* the accessibility metadata, both its vocabulary (Ace's rules) and whether it is *true of the
  content*: ``visual`` iff informative images, ``alternativeText`` iff every informative image
  has alt, page features iff page-list/page breaks, the exact conformance string and a
  certifier;
* the navigation document: toc, hidden landmarks, page-list and its targets;
* every content document: ``lang`` and ``xml:lang``, ``epub:type`` with the matching
  DPUB-ARIA role (Ace's table), heading levels, ``img`` alt attributes.

XML is parsed by lxml with entities unresolved and no network. A broken file or a failing check
becomes a finding; no exception escapes for any input.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from lxml import etree

from .codes import make
from .findings import Finding, Report

__all__ = [
    "ACE_RULES", "CONFORMS_TO", "EPUB_TYPE_ROLES", "Epub", "check_epub", "link_findings",
    "open_epub",
]

CONFORMS_TO = "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"

OPF = "http://www.idpf.org/2007/opf"
DC = "http://purl.org/dc/elements/1.1/"
XHTML = "http://www.w3.org/1999/xhtml"
OPS = "http://www.idpf.org/2007/ops"
CONTAINER = "urn:oasis:names:tc:opendocument:xmlns:container"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
EPUB_TYPE = f"{{{OPS}}}type"
NS = {"opf": OPF, "dc": DC, "h": XHTML, "epub": OPS, "c": CONTAINER}

MAX_MEMBER = 64 * 1024 * 1024  # refuse to inflate a single member beyond this (zip bombs)

# Ace 1.x, epub-type-has-matching-role (axe "matching-aria-role"): the first epub:type token
# found in this table must come with this role. DPUB-ARIA roles deprecated in 1.1
# (doc-biblioentry, doc-endnote) are not required, as in Ace.
EPUB_TYPE_ROLES: dict[str, str] = {
    "abstract": "doc-abstract", "acknowledgments": "doc-acknowledgments",
    "afterword": "doc-afterword", "appendix": "doc-appendix", "biblioentry": "doc-biblioentry",
    "bibliography": "doc-bibliography", "biblioref": "doc-biblioref", "chapter": "doc-chapter",
    "colophon": "doc-colophon", "conclusion": "doc-conclusion", "credit": "doc-credit",
    "credits": "doc-credits", "dedication": "doc-dedication", "endnote": "doc-endnote",
    "endnotes": "doc-endnotes", "epigraph": "doc-epigraph", "epilogue": "doc-epilogue",
    "errata": "doc-errata", "figure": "figure", "footnote": "doc-footnote",
    "foreword": "doc-foreword", "glossary": "doc-glossary", "glossdef": "definition",
    "glossref": "doc-glossref", "glossterm": "term", "help": "doc-tip", "index": "doc-index",
    "introduction": "doc-introduction", "list": "list", "list-item": "listitem",
    "noteref": "doc-noteref", "notice": "doc-notice", "page-list": "doc-pagelist",
    "pagebreak": "doc-pagebreak", "part": "doc-part", "preface": "doc-preface",
    "prologue": "doc-prologue", "pullquote": "doc-pullquote", "qna": "doc-qna",
    "referrer": "doc-backlink", "subtitle": "doc-subtitle", "table": "table",
    "table-cell": "cell", "table-row": "row", "tip": "doc-tip", "toc": "doc-toc",
}  # fmt: skip
_DEPRECATED_ROLES = {"doc-biblioentry", "doc-endnote"}
_IMPLICIT_ROLES = {"figure": "figure", "table": "table", "ol": "list", "ul": "list",
                   "li": "listitem", "td": "cell", "tr": "row", "dfn": "term", "dd": "definition",
                   "nav": "navigation", "aside": "complementary", "main": "main"}

# The schema.org accessibility vocabulary as Ace 1.4 accepts it (core/a11y-metadata.js).
ACCESS_MODES = {"auditory", "tactile", "textual", "visual", "chartOnVisual", "chemOnVisual",
                "colorDependent", "diagramOnVisual", "mathOnVisual", "musicOnVisual",
                "textOnVisual"}
SUFFICIENT_MODES = {"auditory", "tactile", "textual", "visual"}
FEATURES = {
    "annotations", "ARIA", "bookmarks", "index", "printPageNumbers", "pageBreakMarkers",
    "pageNavigation", "readingOrder", "structuralNavigation", "tableOfContents", "taggedPDF",
    "alternativeText", "audioDescription", "captions", "closedCaptions", "describedMath",
    "longDescription", "openCaptions", "signLanguage", "transcript", "displayTransformability",
    "displayTransformability/font-size", "displayTransformability/font-family",
    "displayTransformability/line-height", "displayTransformability/word-spacing",
    "displayTransformability/letter-spacing", "displayTransformability/color",
    "displayTransformability/background-color", "synchronizedAudioText", "timingControl",
    "unlocked", "ChemML", "latex", "latex-chemistry", "MathML", "MathML-chemistry", "ttsMarkup",
    "highContrastAudio", "highContrastAudio/noBackground", "highContrastAudio/reducedBackground",
    "highContrastAudio/switchableBackground", "highContrastDisplay", "largePrint", "braille",
    "tactileGraphic", "tactileObject", "fullRubyAnnotations", "horizontalWriting",
    "rubyAnnotations", "verticalWriting", "withAdditionalWordSegmentation",
    "withoutAdditionalWordSegmentation", "none", "unknown",
}
HAZARDS = {"flashing", "motionSimulation", "sound", "none", "noFlashingHazard",
           "noMotionSimulationHazard", "noSoundHazard", "unknown", "unknownFlashingHazard",
           "unknownMotionSimultationHazard", "unknownSoundHazard"}
_CONFORMS_PREFIX = "EPUB Accessibility 1.1"
_VALID_CONFORMS = {f"EPUB Accessibility 1.1 - WCAG {v} Level {lv}"
                   for v in ("2.0", "2.1", "2.2") for lv in ("A", "AA", "AAA")}

# Which Ace rule each code stands for, where one does: the rules this inspector claims to agree
# with Ace on (tests compare with Ace's own fixtures).
ACE_RULES: dict[str, str] = {
    "epub-lang": "EPUB-PKG-001",
    "epub-title": "EPUB-PKG-002",
    "metadata-accessmode": "EPUB-META-001",
    "metadata-accessibilityfeature": "EPUB-META-001",
    "metadata-accessibilityhazard": "EPUB-META-001",
    "metadata-accessibilitysummary": "EPUB-META-002",
    "metadata-accessmodesufficient": "EPUB-META-002",
    "metadata-accessmode-invalid": "EPUB-META-003",
    "metadata-accessmodesufficient-invalid": "EPUB-META-003",
    "metadata-accessibilityfeature-invalid": "EPUB-META-003",
    "metadata-accessibilityhazard-invalid": "EPUB-META-003",
    "metadata-conformsto-invalid": "EPUB-META-012",
    "metadata-accessibilityFeature-printPageNumbers-nopagebreaks": "EPUB-META-008",
    "metadata-accessibilityFeature-printPageNumbers-nopagelist": "EPUB-META-009",
    "epub-toc-order": "EPUB-NAV-004",
    "epub-pagelist-broken": "EPUB-NAV-005",
    "epub-pagelist-missing-pagebreak": "EPUB-NAV-006",
    "epub-pagesource": "EPUB-NAV-007",
    "epub-type-has-matching-role": "EPUB-TYPE-001",
}

BCP47 = re.compile(
    r"^(?:(?:[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3})"
    r"(?:-[A-Za-z]{4})?(?:-(?:[A-Za-z]{2}|\d{3}))?"
    r"(?:-(?:[A-Za-z\d]{5,8}|\d[A-Za-z\d]{3}))*"
    r"(?:-[0-9A-WY-Za-wy-z](?:-[A-Za-z\d]{2,8})+)*"
    r"(?:-[xX](?:-[A-Za-z\d]{1,8})+)?|[xX](?:-[A-Za-z\d]{1,8})+)$"
)
HEADING = re.compile(r"^h([1-6])$")
MODIFIED = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")  # EPUB 3.3 D.3.3


class EpubError(Exception):
    """The container cannot be read far enough to inspect it."""


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           huge_tree=False, recover=False)


# ---------------------------------------------------------------------------------------------
# reading the container
# ---------------------------------------------------------------------------------------------


class _Source:
    """Members of a packed or unpacked EPUB, by container path."""

    def __init__(self, path: Path | bytes) -> None:
        self.path = path
        self._zip: zipfile.ZipFile | None = None
        if isinstance(path, bytes):  # a packed EPUB in memory (the build checks its own)
            try:
                self._zip = zipfile.ZipFile(io.BytesIO(path))
            except (zipfile.BadZipFile, ValueError) as exc:
                raise EpubError(f"not a zip file ({exc})") from exc
            self._names = set(self._zip.namelist())
        elif path.is_dir():
            # only what is really inside the folder: a link out of it is never followed
            top = path.resolve()
            self._names = {p.relative_to(path).as_posix() for p in path.rglob("*")
                           if p.is_file() and p.resolve().is_relative_to(top)}
        else:
            try:
                self._zip = zipfile.ZipFile(path)
            except (zipfile.BadZipFile, OSError, ValueError) as exc:
                raise EpubError(f"not a zip file ({exc})") from exc
            self._names = set(self._zip.namelist())

    def names(self) -> set[str]:
        return self._names

    def read(self, name: str) -> bytes:
        if name not in self._names:
            raise KeyError(name)
        if self._zip is None:
            try:
                with open(self.path / name, "rb") as fh:  # a sparse file's size says nothing
                    data = fh.read(MAX_MEMBER + 1)
            except OSError as exc:
                raise EpubError(f"{name} cannot be read ({exc.strerror or exc})") from exc
        else:
            info = self._zip.getinfo(name)
            if info.file_size > MAX_MEMBER:
                raise EpubError(f"{name} inflates to {info.file_size} bytes")
            # the header's size is the entry's word, not a fact: read at most the limit
            try:
                with self._zip.open(info) as fh:
                    data = fh.read(MAX_MEMBER + 1)
            except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
                raise EpubError(f"{name} cannot be inflated ({exc})") from exc
        if len(data) > MAX_MEMBER:
            raise EpubError(f"{name} inflates past {MAX_MEMBER // 2**20} MB; not inspected")
        return data

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()


@dataclass
class Item:
    id: str
    href: str  # container path
    media_type: str
    properties: set[str]


@dataclass
class Doc:
    """One parsed XHTML content document."""

    href: str
    root: etree._Element
    in_spine: bool
    is_nav: bool

    def ids(self) -> set[str]:
        return {i for i in self.root.xpath("//@id")}

    def iter(self, local: str) -> Iterator[etree._Element]:
        yield from self.root.iter(f"{{{XHTML}}}{local}")


@dataclass
class Epub:
    """Everything the checks share for one open EPUB."""

    path: str
    opf_path: str
    opf: etree._Element
    items: dict[str, Item]
    spine: list[str]  # container paths in reading order
    docs: dict[str, Doc]
    meta: dict[str, list[str]]  # property / dc:name -> values, in document order
    findings: list[Finding] = field(default_factory=list)
    names: set[str] = field(default_factory=set)  # every member of the container

    def add(self, code: str, message: str, location: str = "") -> None:
        self.findings.append(make(code, message, location))

    @property
    def nav(self) -> Doc | None:
        return next((d for d in self.docs.values() if d.is_nav), None)

    def content_docs(self) -> list[Doc]:
        """Documents in the spine that are not the navigation document."""
        return [self.docs[h] for h in self.spine if h in self.docs and not self.docs[h].is_nav]


def _loc(href: str, el: etree._Element | None = None) -> str:
    line = getattr(el, "sourceline", None) if el is not None else None
    return f"{href}:{line}" if line else href


def _resolve(base: str, href: str) -> str:
    """A reference relative to ``base`` (a container path) as a container path."""
    path = unquote(href.split("#", 1)[0])
    if not path:
        return base
    return posixpath.normpath(posixpath.join(posixpath.dirname(base), path))


def _text(el: etree._Element) -> str:
    return " ".join("".join(el.itertext()).split())


def _parse(src: _Source, name: str, report: list[Finding]) -> etree._Element | None:
    try:
        data = src.read(name)
    except KeyError:
        report.append(make("EPUB-FILE-004", f"{name} is listed but not in the container.",
                           name))
        return None
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        line = exc.lineno or 0
        report.append(make("EPUB-FILE-002", f"{name} is not well-formed XML: {exc.msg}",
                           f"{name}:{line}" if line else name))
        return None
    info = root.getroottree().docinfo
    internal = info.internalDTD
    entities = [e for e in (internal.iterentities() if internal is not None else ())]
    if info.system_url or info.public_id or entities:
        what = f"names {info.system_url or info.public_id}" if (
            info.system_url or info.public_id) else f"declares {len(entities)} entit(ies)"
        report.append(make("EPUB-FILE-006", f"The DOCTYPE of {name} {what}.", name))
    return root


def open_epub(path: str | Path | bytes, findings: list[Finding], *,
              name: str = "") -> Epub | None:
    """Read container, package and XHTML documents; problems go to ``findings``.

    ``path`` is a file or folder, or the bytes of a packed EPUB (then called ``name``).
    """
    p = path if isinstance(path, bytes) else Path(path)
    try:
        src = _Source(p)
    except EpubError as exc:
        findings.append(make("EPUB-FILE-001", f"Cannot open the EPUB: {exc}"))
        return None
    try:
        return _open(src, name or str(p), findings)
    except EpubError as exc:
        findings.append(make("EPUB-FILE-001", f"Cannot read the EPUB: {exc}"))
        return None
    finally:
        src.close()


def _open(src: _Source, path: str, findings: list[Finding]) -> Epub | None:
    for entry in sorted(src.names()):
        parts = entry.replace("\\", "/").split("/")
        if entry.startswith(("/", "\\")) or ".." in parts or ":" in parts[0]:
            findings.append(make("EPUB-FILE-005", f"The entry {entry!r} is named outside the "
                                 "container; an unzip would write it elsewhere.", entry))
    if "META-INF/container.xml" not in src.names():
        findings.append(make("EPUB-FILE-001", "META-INF/container.xml is missing."))
        return None
    container = _parse(src, "META-INF/container.xml", findings)
    if container is None:
        return None
    rootfiles = container.xpath("//c:rootfile/@full-path", namespaces=NS)
    if not rootfiles:
        findings.append(make("EPUB-FILE-001", "container.xml names no package document.",
                             "META-INF/container.xml"))
        return None
    opf_path = unquote(str(rootfiles[0]))
    if opf_path not in src.names():
        findings.append(make("EPUB-FILE-001", f"The package document {opf_path} is missing."))
        return None
    opf = _parse(src, opf_path, findings)
    if opf is None:
        return None
    if opf.tag != f"{{{OPF}}}package":
        findings.append(make("EPUB-FILE-001", f"{opf_path} is not an OPF package document.",
                             opf_path))
        return None

    items: dict[str, Item] = {}
    for it in opf.xpath("opf:manifest/opf:item", namespaces=NS):
        iid, href = it.get("id"), it.get("href")
        if iid and href:
            items[iid] = Item(iid, _resolve(opf_path, href), it.get("media-type", ""),
                              set((it.get("properties") or "").split()))
    spine = [items[i].href for i in opf.xpath("opf:spine/opf:itemref/@idref", namespaces=NS)
             if i in items]

    meta: dict[str, list[str]] = {}
    md = opf.find(f"{{{OPF}}}metadata")
    if md is not None:
        for el in md:
            if not isinstance(el.tag, str):
                continue
            if el.tag.startswith(f"{{{DC}}}"):
                key = "dc:" + el.tag.split("}", 1)[1]
            elif el.tag == f"{{{OPF}}}meta" and el.get("property") and not el.get("refines"):
                key = el.get("property", "")
            else:  # EPUB 2 <meta name content> does not count for EPUB 3 (as in Ace)
                continue
            meta.setdefault(key, []).append(_text(el))

    docs: dict[str, Doc] = {}
    for it in items.values():
        if it.media_type != "application/xhtml+xml":
            continue
        root = _parse(src, it.href, findings)
        if root is not None:
            docs[it.href] = Doc(it.href, root, it.href in spine, "nav" in it.properties)
    return Epub(path, opf_path, opf, items, spine, docs, meta, findings, src.names())


# ---------------------------------------------------------------------------------------------
# package and metadata
# ---------------------------------------------------------------------------------------------


def check_package(e: Epub) -> None:
    lang = e.opf.get(XML_LANG)
    version = e.opf.get("version", "3.0")
    if not version.startswith("2") and not (lang and lang.strip()):
        e.add("EPUB-PKG-001", "The <package> element has no xml:lang.", _loc(e.opf_path, e.opf))
    elif lang and not BCP47.match(lang.strip()):
        e.add("EPUB-LANG-003", f"<package xml:lang={lang!r}> is not a BCP 47 tag.",
              _loc(e.opf_path, e.opf))
    if not any(e.meta.get("dc:title", [])):
        e.add("EPUB-PKG-002", "The package has no (or an empty) dc:title.", e.opf_path)
    langs = [v for v in e.meta.get("dc:language", []) if v]
    if not langs:
        e.add("EPUB-PKG-003", "The package has no dc:language.", e.opf_path)
    elif not all(BCP47.match(v) for v in langs):
        e.add("EPUB-PKG-003", f"dc:language {', '.join(langs)!r} is not a BCP 47 tag.",
              e.opf_path)
    missing = [k for k in ("dc:creator", "dc:date", "dc:publisher", "dc:description")
               if not any(e.meta.get(k, []))]
    if missing:
        e.add("EPUB-PKG-004", f"The package has no {', '.join(missing)}.", e.opf_path)
    if not version.startswith("2"):
        modified = e.meta.get("dcterms:modified", [])
        if len(modified) != 1:
            e.add("EPUB-PKG-005", f"The package has {len(modified)} dcterms:modified "
                  "elements; exactly one is required.", e.opf_path)
        elif not MODIFIED.match(modified[0]):
            e.add("EPUB-PKG-005", f"dcterms:modified is {modified[0]!r}, not "
                  "CCYY-MM-DDThh:mm:ssZ.", e.opf_path)
    _check_languages(e, langs, lang)


def _primary(tag: str) -> str:
    return tag.strip().split("-", 1)[0].lower()


def _check_languages(e: Epub, declared: list[str], package_lang: str | None) -> None:
    """The package's languages must be the book's: ``<package xml:lang>`` one of the
    dc:language values, and the first dc:language (the primary language, which reading
    systems pick their voice and hyphenation from) the language most of the content's text
    is in. Compared by primary subtag, so en-GB text in a book declared en is fine, and a
    packet with one German article among English ones may declare en alone; de declared on
    an English book is not fine."""
    if not declared:
        return  # EPUB-PKG-003 already says so
    shown = ", ".join(declared)
    if package_lang and package_lang.strip() and \
            _primary(package_lang) not in {_primary(v) for v in declared}:
        e.add("EPUB-LANG-005", f"<package xml:lang={package_lang!r}> but dc:language is "
              f"{shown}.", _loc(e.opf_path, e.opf))
    chars: dict[str, int] = {}
    for d in e.content_docs():
        lang = (d.root.get("lang") or d.root.get(XML_LANG) or "").strip()
        if lang:
            chars[_primary(lang)] = chars.get(_primary(lang), 0) + len(_text(d.root))
    if not chars:
        return
    main = max(sorted(chars), key=lambda k: chars[k])
    if chars.get(_primary(declared[0]), 0) < chars[main]:
        total = sum(chars.values())
        e.add("EPUB-LANG-005", f"The primary dc:language is {declared[0]!r} but most of the "
              f"text is in {main!r} ({chars[main]} of {total} characters of the content "
              "documents).", e.opf_path)


@dataclass
class Facts:
    """What the content says the metadata may claim."""

    informative: list[tuple[str, etree._Element]] = field(default_factory=list)
    without_alt: list[tuple[str, etree._Element]] = field(default_factory=list)
    pagebreaks: list[tuple[str, etree._Element]] = field(default_factory=list)
    has_page_list: bool = False


def _tokens(el: etree._Element, attr: str) -> list[str]:
    return (el.get(attr) or "").split()


def _is_decorative(img: etree._Element) -> bool:
    if img.get("alt") == "" or img.get("aria-hidden") == "true":
        return True
    return bool({"presentation", "none"} & set(_tokens(img, "role")))


def _has_text_alternative(img: etree._Element) -> bool:
    return bool((img.get("alt") or "").strip() or (img.get("aria-label") or "").strip()
                or (img.get("aria-labelledby") or "").strip())


def _is_pagebreak(el: etree._Element) -> bool:
    return "pagebreak" in _tokens(el, EPUB_TYPE) or "doc-pagebreak" in _tokens(el, "role")


def facts_of(e: Epub) -> Facts:
    f = Facts()
    for d in e.content_docs():
        for img in d.iter("img"):
            if _is_decorative(img):
                continue
            f.informative.append((d.href, img))
            if not _has_text_alternative(img):
                f.without_alt.append((d.href, img))
        f.pagebreaks += [(d.href, el) for el in d.root.iter() if isinstance(el.tag, str)
                         and _is_pagebreak(el)]
    nav = e.nav
    f.has_page_list = nav is not None and bool(_navs(nav, "page-list"))
    return f


def _values(e: Epub, prop: str) -> list[str]:
    return [v for v in e.meta.get(prop, []) if v]


def check_a11y_metadata(e: Epub) -> None:
    where = e.opf_path
    missing = [p for p in ("schema:accessMode", "schema:accessibilityFeature",
                           "schema:accessibilityHazard") if not _values(e, p)]
    if missing:
        e.add("EPUB-META-001", f"The package does not declare {', '.join(missing)}.", where)
    recommended = [p for p in ("schema:accessibilitySummary", "schema:accessModeSufficient")
                   if not _values(e, p)]
    if recommended:
        e.add("EPUB-META-002", f"The package does not declare {', '.join(recommended)}.", where)

    modes = _values(e, "schema:accessMode")
    features = _values(e, "schema:accessibilityFeature")
    hazards = _values(e, "schema:accessibilityHazard")
    bad: list[str] = []
    bad += [f"accessMode {v!r}" for v in modes if v not in ACCESS_MODES]
    for v in _values(e, "schema:accessModeSufficient"):
        parts = [x.strip() for x in v.strip().split(",") if x.strip()]
        bad += [f"accessModeSufficient item {x!r} (in {v!r})" for x in parts
                if x not in SUFFICIENT_MODES]
    bad += [f"accessibilityFeature {v!r}" for v in features if v not in FEATURES]
    bad += [f"accessibilityHazard {v!r}" for v in hazards if v not in HAZARDS]
    for name, values in (("accessibilityFeature", features), ("accessibilityHazard", hazards)):
        if len(values) > 1:
            bad += [f"{name} {v!r} together with other values" for v in ("none", "unknown")
                    if v in values]
    if len(hazards) > 1:
        for group in (("flashing", "noFlashingHazard", "unknownFlashingHazard"),
                      ("motionSimulation", "noMotionSimulationHazard",
                       "unknownMotionSimultationHazard"),
                      ("sound", "noSoundHazard", "unknownSoundHazard")):
            if sum(g in hazards for g in group) > 1:
                bad.append(f"accessibilityHazard contradicts itself ({'/'.join(group)})")
    for b in bad:
        e.add("EPUB-META-003", f"Invalid {b}.", where)

    # coherence with the content (only when the metadata is there at all)
    f = facts_of(e)
    if modes:
        if "visual" in modes and not f.informative:
            e.add("EPUB-META-004", "schema:accessMode visual is declared but the content has "
                  "no informative image.", where)
        if f.informative and "visual" not in modes:
            e.add("EPUB-META-005", f"{len(f.informative)} informative image(s) but "
                  "schema:accessMode visual is not declared.", where)
    if features:
        if "alternativeText" in features and (f.without_alt or not f.informative):
            why = (f"{len(f.without_alt)} informative image(s) have no alt, e.g. "
                   f"{_loc(*f.without_alt[0])}" if f.without_alt else "there is no informative "
                   "image")
            e.add("EPUB-META-006", f"alternativeText is declared but {why}.", where)
        if f.informative and not f.without_alt and "alternativeText" not in features:
            e.add("EPUB-META-007", f"All {len(f.informative)} informative image(s) have alt "
                  "text but alternativeText is not declared.", where)
        page_features = [x for x in ("printPageNumbers", "pageBreakMarkers") if x in features]
        if page_features and not f.pagebreaks:
            e.add("EPUB-META-008", f"{' and '.join(page_features)} declared but the content "
                  "has no page-break markers.", where)
        if "pageNavigation" in features and not f.has_page_list:
            e.add("EPUB-META-009", "pageNavigation is declared but the navigation document "
                  "has no page-list.", where)
        undeclared = []
        if f.has_page_list and "pageNavigation" not in features:
            undeclared.append("pageNavigation (there is a page-list)")
        if f.pagebreaks and not page_features:
            undeclared.append("printPageNumbers/pageBreakMarkers (there are "
                              f"{len(f.pagebreaks)} page breaks)")
        if undeclared:
            e.add("EPUB-META-010", f"Not declared: {'; '.join(undeclared)}.", where)

    conforms = [v for v in e.meta.get("dcterms:conformsTo", []) if v]
    certifier = [v for v in e.meta.get("a11y:certifiedBy", []) if v]
    if not conforms:
        e.add("EPUB-META-011", "The package makes no dcterms:conformsTo claim.", where)
    for v in conforms:
        if v.startswith(_CONFORMS_PREFIX) and v not in _VALID_CONFORMS:
            e.add("EPUB-META-012", f"dcterms:conformsTo {v!r} is not a valid EPUB "
                  "Accessibility 1.1 conformance string.", where)
        elif v != CONFORMS_TO:
            e.add("EPUB-META-014", f"dcterms:conformsTo is {v!r}, not {CONFORMS_TO!r}.", where)
    if conforms and not certifier:
        e.add("EPUB-META-013", "dcterms:conformsTo is claimed but a11y:certifiedBy is missing.",
              where)


# ---------------------------------------------------------------------------------------------
# navigation
# ---------------------------------------------------------------------------------------------


def _navs(nav: Doc, kind: str) -> list[etree._Element]:
    return [n for n in nav.iter("nav") if kind in _tokens(n, EPUB_TYPE)]


def _targets(e: Epub) -> tuple[list[str], dict[str, etree._Element]]:
    """Reading order of every document and id (``doc`` / ``doc#id``) and the id's element."""
    order: list[str] = []
    elements: dict[str, etree._Element] = {}
    for d in e.content_docs():
        order.append(d.href)
        for el in d.root.iter():
            if isinstance(el.tag, str) and el.get("id"):
                key = f"{d.href}#{el.get('id')}"
                order.append(key)
                elements[key] = el
    return order, elements


def check_navigation(e: Epub) -> None:
    nav = e.nav
    if nav is None:
        e.add("EPUB-NAV-001", "The manifest has no navigation document (properties=\"nav\").",
              e.opf_path)
        return
    tocs = _navs(nav, "toc")
    if not tocs:
        e.add("EPUB-NAV-001", "The navigation document has no <nav epub:type=\"toc\">.",
              nav.href)
    landmarks = _navs(nav, "landmarks")
    if not landmarks:
        e.add("EPUB-NAV-002", "The navigation document has no landmarks nav.", nav.href)
    for lm in landmarks:
        if lm.get("hidden") is None:
            e.add("EPUB-NAV-003", "The landmarks nav is shown in the reading order.",
                  _loc(nav.href, lm))
    fxl = "pre-paginated" in e.meta.get("rendition:layout", [])
    order, elements = _targets(e)
    position = {k: i for i, k in enumerate(order)}

    last = -1
    for toc in tocs:
        for a in toc.iter(f"{{{XHTML}}}a"):
            href = a.get("href")
            if not href or href.startswith(("http:", "https:", "mailto:")):
                continue
            key = _resolve(nav.href, href) + (f"#{href.split('#', 1)[1]}" if "#" in href else "")
            pos = position.get(key)
            if pos is None:
                e.add("EPUB-NAV-004", f"Contents entry {href!r} points to no element in the "
                      "reading order.", _loc(nav.href, a))
                break
            if pos < last:
                e.add("EPUB-NAV-004", f"Contents entry {href!r} comes before the previous "
                      "entry in the reading order.", _loc(nav.href, a))
                break
            last = pos

    page_lists = _navs(nav, "page-list")
    listed: set[str] = set()
    for pl in page_lists:
        for a in pl.iter(f"{{{XHTML}}}a"):
            href = a.get("href") or ""
            key = _resolve(nav.href, href) + (f"#{href.split('#', 1)[1]}" if "#" in href else "")
            listed.add(key)
            if key not in position:
                e.add("EPUB-NAV-005", f"Page-list entry {href!r} points to no element in the "
                      "reading order.", _loc(nav.href, a))
            elif "#" in href and not fxl and not _is_pagebreak(elements[key]):
                e.add("EPUB-NAV-005", f"Page-list entry {href!r} points to an element that is "
                      "not a page break.", _loc(nav.href, a))
    if not fxl:
        for key, el in elements.items():
            if _is_pagebreak(el) and key not in listed:
                href = key.split("#", 1)[0]
                e.add("EPUB-NAV-006", f"Page break #{el.get('id')} is not in the page-list.",
                      _loc(href, el))
    if page_lists and not fxl and not any(e.meta.get("pageBreakSource", [])) \
            and not any(e.meta.get("dc:source", [])):
        e.add("EPUB-NAV-007", "The navigation has a page-list but the package names no "
              "pageBreakSource (or dc:source).", e.opf_path)


# ---------------------------------------------------------------------------------------------
# content documents
# ---------------------------------------------------------------------------------------------


def _role_of(el: etree._Element) -> str | None:
    explicit = _tokens(el, "role")
    if explicit:
        return explicit[0]
    local = etree.QName(el).localname if isinstance(el.tag, str) else ""
    return _IMPLICIT_ROLES.get(local)


def _in_landmarks(el: etree._Element) -> bool:
    return any(etree.QName(a).localname == "nav" and "landmarks" in _tokens(a, EPUB_TYPE)
               for a in el.iterancestors() if isinstance(a.tag, str))


def check_documents(e: Epub) -> None:
    for d in e.docs.values():
        html = d.root
        lang, xml_lang = html.get("lang"), html.get(XML_LANG)
        if not (lang or "").strip() and not (xml_lang or "").strip():
            e.add("EPUB-LANG-001", "The html element has neither lang nor xml:lang.",
                  _loc(d.href, html))
        elif lang and xml_lang and lang.strip().lower() != xml_lang.strip().lower():
            e.add("EPUB-LANG-002", f"lang={lang!r} but xml:lang={xml_lang!r}.",
                  _loc(d.href, html))
        elif not (lang and xml_lang):
            e.add("EPUB-LANG-004", f"The html element has only "
                  f"{'lang' if lang else 'xml:lang'}; both are expected.", _loc(d.href, html))
        bad_langs: list[tuple[str, etree._Element]] = []
        for el in html.iter():
            if not isinstance(el.tag, str):
                continue
            for attr in ("lang", XML_LANG):
                v = el.get(attr)
                if v is not None and v.strip() and not BCP47.match(v.strip()):
                    bad_langs.append((v, el))
            if EPUB_TYPE in el.attrib:
                _check_epub_type(e, d, el)
        for v, el in bad_langs[:5]:
            e.add("EPUB-LANG-003", f"Language {v!r} is not a BCP 47 tag.", _loc(d.href, el))
        _check_headings(e, d)
        for img in d.iter("img"):
            if img.get("alt") is None and not _is_decorative(img) \
                    and not _has_text_alternative(img):
                e.add("EPUB-IMG-001", f"<img src={img.get('src', '')!r}> has no alt attribute.",
                      _loc(d.href, img))


def _check_epub_type(e: Epub, d: Doc, el: etree._Element) -> None:
    if _in_landmarks(el):
        return
    for token in _tokens(el, EPUB_TYPE):
        wanted = EPUB_TYPE_ROLES.get(token)
        if wanted is None:
            continue
        if wanted in _DEPRECATED_ROLES:
            return
        role = _role_of(el)
        if role != wanted:
            have = f"role={role!r}" if el.get("role") else "no role"
            e.add("EPUB-TYPE-001", f"<{etree.QName(el).localname} epub:type="
                  f"{el.get(EPUB_TYPE)!r}> has {have}; expected role={wanted!r}.",
                  _loc(d.href, el))
        return


def _check_headings(e: Epub, d: Doc) -> None:
    prev = 0
    for el in d.root.iter():
        if not isinstance(el.tag, str):
            continue
        m = HEADING.match(etree.QName(el).localname) if el.tag.startswith(f"{{{XHTML}}}") \
            else None
        if not m:
            continue
        level = int(m.group(1))
        if not _text(el) and not any(
                (i.get("alt") or "").strip() for i in el.iter(f"{{{XHTML}}}img")):
            e.add("EPUB-HEAD-002", f"<h{level}> has no text.", _loc(d.href, el))
        if prev and level > prev + 1:
            e.add("EPUB-HEAD-001", f"h{prev} is followed by h{level} ({_text(el)[:50]!r}).",
                  _loc(d.href, el))
        prev = level


# ---------------------------------------------------------------------------------------------
# link targets (what EPUBCheck refuses)
# ---------------------------------------------------------------------------------------------

# Elements and attributes that reference another resource: (local name, attribute, hyperlink).
# A hyperlink may go to the web; a resource (an image, a stylesheet) must be in the container.
_REFERENCES = (("a", "href", True), ("area", "href", True), ("img", "src", False),
               ("link", "href", False), ("source", "src", False), ("audio", "src", False),
               ("video", "src", False), ("track", "src", False), ("iframe", "src", False),
               ("embed", "src", False), ("object", "data", False), ("script", "src", False))
_URL_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
# What a URL may not hold as it is (WHATWG URL: a validation error that EPUBCheck refuses).
_NOT_IN_URL = re.compile(r"[\x00-\x20\x7f\\<>\"`{}|^]")


def _references(d: Doc) -> Iterator[tuple[etree._Element, str, bool]]:
    for local, attr, hyperlink in _REFERENCES:
        for el in d.iter(local):
            value = el.get(attr)
            if value is not None:
                yield el, value, hyperlink


def check_links(e: Epub) -> None:
    """Every reference of every XHTML document resolves as EPUBCheck requires: inside the
    container (RSC-026, RSC-030), to a file it holds (RSC-007), a hyperlink to a document in
    the spine (RSC-011) and to an id that document defines (RSC-012), a valid URL (RSC-020),
    no query on a relative URL (RSC-033); and every link has a name (Ace link-name)."""
    spine = set(e.spine)
    ids: dict[str, set[str]] = {}
    for d in e.docs.values():
        for el, value, hyperlink in _references(d):
            _check_reference(e, d, el, value.strip(), hyperlink, spine, ids)
        for a in d.iter("a"):
            if a.get("href") is not None and not _link_name(a):
                e.add("EPUB-LINK-008", f"<a href={a.get('href', '')[:60]!r}> has no text.",
                      _loc(d.href, a))


def _link_name(a: etree._Element) -> str:
    """What a screen reader announces for a link (axe link-name): text, aria-label, alt."""
    if (a.get("aria-label") or "").strip() or (a.get("aria-labelledby") or "").strip():
        return "label"
    alts = [img.get("alt") or "" for img in a.iter(f"{{{XHTML}}}img")]
    return " ".join([_text(a), *alts]).strip()


def _check_reference(e: Epub, d: Doc, el: etree._Element, url: str, hyperlink: bool,
                     spine: set[str], ids: dict[str, set[str]]) -> None:
    where = _loc(d.href, el)
    tag = etree.QName(el).localname
    shown = url if len(url) <= 80 else url[:77] + "..."
    if _NOT_IN_URL.search(url):
        e.add("EPUB-LINK-005", f"<{tag}> {shown!r} is not a valid URL (it holds a space or a "
              "character that must be percent-encoded).", where)
        return
    scheme = _URL_SCHEME.match(url)
    if scheme:
        if scheme.group(1).lower() == "file":
            e.add("EPUB-LINK-006", f"<{tag}> points to the file URL {shown!r}.", where)
        return  # remote resources, mailto: … are EPUBCheck's other rules
    if url.startswith("//"):
        return  # scheme-relative: a remote URL
    path, _, fragment = url.partition("#")
    if "?" in path:
        e.add("EPUB-LINK-007", f"<{tag}> {shown!r}: a relative URL with a query.", where)
        path = path.split("?", 1)[0]
    target = _resolve(d.href, path) if path else d.href
    if path.startswith("/") or target == ".." or target.startswith("../"):
        e.add("EPUB-LINK-003", f"<{tag}> {shown!r} leaks outside the container.", where)
        return
    if target not in e.names:
        e.add("EPUB-LINK-001", f"<{tag}> {shown!r}: {target} is not in the container.", where)
        return
    if not hyperlink:
        return
    if target in e.docs and target not in spine:
        e.add("EPUB-LINK-004", f"<{tag}> {shown!r}: {target} is not in the spine.", where)
    doc = e.docs.get(target)
    if fragment and doc is not None and unquote(fragment) not in ids.setdefault(target,
                                                                              doc.ids()):
        e.add("EPUB-LINK-002", f"<{tag}> {shown!r}: {target} has no id {unquote(fragment)!r}.",
              where)


# ---------------------------------------------------------------------------------------------
# entry point
# ---------------------------------------------------------------------------------------------

CHECKS: list[tuple[str, Callable[[Epub], None]]] = [
    ("package", check_package),
    ("accessibility metadata", check_a11y_metadata),
    ("navigation", check_navigation),
    ("content documents", check_documents),
    ("links", check_links),
]


def link_findings(data: bytes, name: str = "edition.epub") -> list[Finding]:
    """What :func:`check_links` (and opening the container) finds in a packed EPUB's bytes:
    the build's last look at its own edition before it claims conformance."""
    findings: list[Finding] = []
    epub = open_epub(data, findings, name=name)
    if epub is not None:
        check_links(epub)
    return findings


def check_epub(path: str | Path) -> Report:
    """Inspect one EPUB (packed or an unpacked folder); problems become findings."""
    report = Report(str(path), "epub", [])
    try:
        epub = open_epub(path, report.findings)
    except Exception as exc:  # a reader bug must not hide as a crash of the gate
        report.findings.append(make("EPUB-FILE-003", f"Could not read the EPUB: "
                                    f"{type(exc).__name__}: {exc}"))
        return report
    if epub is None:
        return report
    for label, fn in CHECKS:
        try:
            fn(epub)
        except Exception as exc:  # one broken check must not hide the others
            epub.add("EPUB-FILE-003", f"The {label} check failed: {type(exc).__name__}: {exc}")
    return report
