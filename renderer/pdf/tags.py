"""Turn WeasyPrint's laid-out boxes into a PDF/UA structure tree keyed by source element.

Why this module exists
----------------------
WeasyPrint 70 builds the structure tree in one function, ``add_tags(pdf, document,
pdf_version, page_streams)`` (``weasyprint/pdf/tags.py``), walking each page's box tree
on its own.  That gives one ``P``/``Part``/``Table`` per *page* instead of per element,
leaves margin-box text (running headers, page numbers) marked but orphaned, tags
``alt=""`` images as ``Figure`` without ``/Alt``, ignores inner ``lang`` and ``abbr``,
nests lists and links wrongly and writes ``NonStruct`` for most HTML5 elements (see
``docs/standards.md``).

:func:`build_structure_tree` has the same inputs as ``add_tags`` and replaces it.  It walks
every page's box tree in order and keeps one structure element per *source element*
(``box.element``, the parsed element every box keeps, also anonymous boxes and
pseudo-element boxes), so the pieces of one element on several pages join into one
structure element; marked content on other pages is referenced with MCR dictionaries.
While walking it rewrites the marked-content operators that WeasyPrint already put in
the page content streams (``Stream.stream``, a list of pydyf operands and operators):
page furniture, repeated table headers and decorative images become ``/Artifact``,
and the remaining MCIDs are renumbered ``0..n-1`` per content stream in reading order.

How it is installed
-------------------
WeasyPrint has no hook for tagging.  ``generate_pdf`` looks ``add_tags`` up in the
``weasyprint.pdf`` module namespace at call time, so :func:`own_tagging` swaps that one
name for the duration of a ``with`` block and restores it afterwards.  The swap is

* scoped: nothing happens at import time; outside the block WeasyPrint is untouched;
* serialized: a module lock lets one ``own_tagging`` block run at a time (the patched
  name is process-wide);
* thread-guarded: a ``write_pdf`` running in *another* thread while the block is open
  gets WeasyPrint's own ``add_tags``;
* version-checked: WeasyPrint is pinned to 70.x (``pyproject.toml``); any other version
  raises :class:`~renderer.errors.RenderError` instead of patching blindly.

Usage::

    with own_tagging() as result:
        html.write_pdf(target, pdf_variant="pdf/ua-1")
    for defect in result.defects: ...

With ``strict=True`` a defect raises :class:`~renderer.errors.AccessibilityError` from
inside ``write_pdf``, before anything is written.  The tree is only built when
WeasyPrint tags (``pdf_variant="pdf/ua-1"`` or ``pdf_tags=True``).

The tree written is correct even when defects are found: a ``Figure`` never claims an
``/Alt`` it does not have; the defect is recorded instead.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import pydyf

from renderer.errors import AccessibilityError, RenderError

__all__ = [
    "HTML_TO_PDF_ROLE",
    "Continuation",
    "Defect",
    "TaggingResult",
    "build_structure_tree",
    "own_tagging",
]

LOGGER = logging.getLogger("renderer.pdf.tags")

# Decisions that are not a PDF structure type.
FLATTEN = "flatten"  # no element of its own: content and children go to the parent
ARTIFACT = "artifact"  # the element's marked content becomes /Artifact
CONTEXT = "context"  # decided from the surrounding structure (see _Builder._role)

#: HTML element (local name) → PDF 1.7 standard structure type, or a decision above.
#: One table, read top to bottom.  Elements not listed are ``Div`` when they make a
#: block-level box and are flattened when inline.  Phrase elements that carry a
#: ``lang`` different from their parent's become ``Span`` with ``/Lang`` whatever this
#: table says.
HTML_TO_PDF_ROLE: dict[str, str] = {
    # Not emitted: the Document element stands for them.
    "html": FLATTEN,
    "body": FLATTEN,
    # Sectioning.  header/footer of an article are part of its content (headline block,
    # author note), not page furniture, so they are a plain grouping Div.
    "main": "Part",
    "article": "Art",
    "section": "Sect",
    "header": "Div",
    "footer": "Div",
    "div": "Div",
    "address": "Div",
    "nav": CONTEXT,  # TOC when it holds the contents list (nav > ul/ol), else Div
    "aside": CONTEXT,  # Note (with /ID) for notes (role=note, doc-*note), else Div
    "details": "Div",
    "summary": "P",
    # Blocks.
    "p": "P",
    "pre": "P",
    "h1": "H1",
    "h2": "H2",
    "h3": "H3",
    "h4": "H4",
    "h5": "H5",
    "h6": "H6",
    "blockquote": "BlockQuote",
    "hr": ARTIFACT,
    # Figures.  A figure holding exactly one informative image is one Figure (Alt from
    # the img, the img's content inside it, the caption as its Caption); otherwise Div.
    "figure": CONTEXT,
    "figcaption": "Caption",
    "img": CONTEXT,  # Figure with /Alt; Artifact when decorative
    "svg": CONTEXT,
    "object": CONTEXT,
    "embed": CONTEXT,
    "video": CONTEXT,
    "canvas": CONTEXT,
    # Lists.  dl: dt → Lbl and dd → LBody, grouped into LI.
    "ul": CONTEXT,  # L, or TOC inside a contents nav
    "ol": CONTEXT,
    "menu": CONTEXT,
    "li": CONTEXT,  # LI (Lbl from ::marker, LBody for the rest), TOCI in a TOC
    "dl": CONTEXT,  # L with ListNumbering /None
    "dt": CONTEXT,
    "dd": CONTEXT,
    # Tables.
    "table": "Table",
    "caption": "Caption",
    "thead": "THead",
    "tbody": "TBody",
    "tfoot": "TFoot",
    "tr": "TR",
    "th": "TH",
    "td": "TD",
    # Inline elements with semantics.
    "a": CONTEXT,  # Link when it has href and is not inside another Link
    "q": "Quote",
    "abbr": CONTEXT,  # Span with /E when it has a title
    "acronym": CONTEXT,
    "time": "Span",
    "code": "Code",
    "ruby": "Ruby",
    "rb": "RB",
    "rt": "RT",
    "rp": "RP",
    # Inline elements without semantics in PDF: their text joins the parent.
    "span": FLATTEN,
    "em": FLATTEN,
    "strong": FLATTEN,
    "b": FLATTEN,
    "i": FLATTEN,
    "u": FLATTEN,
    "s": FLATTEN,
    "small": FLATTEN,
    "mark": FLATTEN,
    "sub": FLATTEN,
    "sup": FLATTEN,
    "cite": FLATTEN,
    "dfn": FLATTEN,
    "kbd": FLATTEN,
    "samp": FLATTEN,
    "var": FLATTEN,
    "bdi": FLATTEN,
    "bdo": FLATTEN,
    "ins": FLATTEN,
    "del": FLATTEN,
    "br": FLATTEN,
    "wbr": FLATTEN,
    "label": FLATTEN,
}

#: list-style-type → /ListNumbering (PDF 1.7 Table 347).  Others map to /None.
LIST_NUMBERING: dict[str, str] = {
    "decimal": "Decimal",
    "decimal-leading-zero": "Decimal",
    "disc": "Disc",
    "circle": "Circle",
    "square": "Square",
    "lower-roman": "LowerRoman",
    "upper-roman": "UpperRoman",
    "lower-alpha": "LowerAlpha",
    "lower-latin": "LowerAlpha",
    "upper-alpha": "UpperAlpha",
    "upper-latin": "UpperAlpha",
}

_SCOPES = {"col": "Column", "colgroup": "Column", "row": "Row", "rowgroup": "Row"}
_NOTE_ROLES = {"note", "doc-note", "doc-footnote", "doc-endnote", "doc-rearnote"}
_IMAGE_TAGS = {"img", "svg", "object", "embed", "video", "canvas"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_KEEP_EMPTY = {"TR", "TH", "TD"}  # an empty cell still holds its place in the grid
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_SVG_TITLE = "{http://www.w3.org/2000/svg}title"

_LOCK = threading.Lock()


@dataclass(frozen=True)
class Defect:
    """An accessibility problem in the source that the tree cannot repair."""

    code: str  # missing-alt, multiple-h1, first-heading-not-h1, skipped-heading-level,
    # missing-lang
    message: str
    element_desc: str


@dataclass(frozen=True)
class Continuation:
    """Where an earlier part of the same document left off (a packet laid out in slices).

    The heading checks go on from the earlier part's last heading, and structure
    IDs (``TH``, ``Note``) get ``id_prefix`` so that they stay unique when the
    parts are joined into one tree (:mod:`renderer.pdf.join`).
    """

    headings_seen: int = 0
    h1_seen: bool = False
    last_level: int = 0
    id_prefix: str = ""


@dataclass
class TaggingResult:
    """What one write produced: defects and a few counts, filled during ``write_pdf``."""

    defects: list[Defect] = field(default_factory=list)
    structure_elements: int = 0
    artifacts: int = 0
    pages: int = 0
    built: bool = False  # False when WeasyPrint did not tag (no pdf/ua variant)
    #: The heading state after the last page, for a following part of the same document.
    ends: Continuation = field(default_factory=Continuation)


@contextmanager
def own_tagging(
    *, strict: bool = False, continues: Continuation | None = None
) -> Iterator[TaggingResult]:
    """Use :func:`build_structure_tree` instead of WeasyPrint's ``add_tags`` in this block.

    ``continues`` says that the document is a later part of a larger one.
    """
    import weasyprint
    import weasyprint.pdf as weasy_pdf

    if not weasyprint.__version__.startswith("70."):
        raise RenderError(
            f"the PDF structure-tree builder needs WeasyPrint 70, found {weasyprint.__version__}",
            hint="install the version pinned in pyproject.toml",
        )
    original = weasy_pdf.add_tags
    if getattr(original, "_renderer_builder", False):
        raise RuntimeError("own_tagging() blocks cannot be nested")
    result = TaggingResult()
    owner = threading.get_ident()

    def add_tags(pdf: Any, document: Any, pdf_version: Any, page_streams: Any) -> None:
        if threading.get_ident() != owner:
            original(pdf, document, pdf_version, page_streams)
            return
        build_structure_tree(
            pdf, document, pdf_version, page_streams, result=result, continues=continues
        )
        if strict and result.defects:
            first = result.defects[0]
            raise AccessibilityError(
                f"{len(result.defects)} accessibility defect(s), first: {first.message}"
                f" ({first.element_desc})",
                hint="fix the source or render without --strict",
            )

    add_tags._renderer_builder = True  # type: ignore[attr-defined]
    with _LOCK:
        weasy_pdf.add_tags = add_tags
        try:
            yield result
        finally:
            weasy_pdf.add_tags = original


def build_structure_tree(
    pdf: Any,
    document: Any,
    pdf_version: Any,
    page_streams: Any,
    *,
    result: TaggingResult | None = None,
    continues: Continuation | None = None,
) -> TaggingResult:
    """Same inputs as WeasyPrint's ``add_tags``; writes the tree into ``pdf``."""
    result = result if result is not None else TaggingResult()
    _Builder(pdf, document, pdf_version, page_streams, result, continues).build()
    return result


# --------------------------------------------------------------------------- internals


class _Space:
    """One content stream with its own MCID numbering: a page or a form XObject."""

    __slots__ = ("form", "key", "owners", "page", "stream", "taggable")

    def __init__(self, stream: Any, page: int, *, form: bool, taggable: bool = True) -> None:
        self.stream = stream
        self.page = page
        self.form = form
        self.taggable = taggable
        self.owners: list[_Node] = []  # new MCID → owning structure element
        self.key: int | None = page if not form else None


class _MC:
    __slots__ = ("mcid", "space")

    def __init__(self, space: _Space, mcid: int) -> None:
        self.space = space
        self.mcid = mcid


class _Objr:
    __slots__ = ("annotation", "key", "page")

    def __init__(self, annotation: Any, page: int) -> None:
        self.annotation = annotation
        self.page = page
        self.key = -1


class _Node:
    __slots__ = (
        "alt", "attrs", "bbox", "body", "current_li", "element", "expansion", "ident",
        "in_link", "kids", "lang", "obj", "page", "parent", "role", "toc_nav",
    )

    def __init__(self, role: str, parent: _Node | None, page: int, element: Any = None) -> None:
        self.role = role
        self.parent = parent
        self.page = page
        self.element = element
        self.kids: list[Any] = []
        self.attrs: dict[str, Any] = {}
        self.alt: str | None = None
        self.lang: str | None = None
        self.expansion: str | None = None
        self.ident: str | None = None
        self.bbox: tuple[float, float, float, float] | None = None
        self.body: _Node | None = None
        self.current_li: _Node | None = None
        self.in_link = role == "Link" or (parent is not None and parent.in_link)
        self.toc_nav = False
        self.obj: Any = None

    def target(self) -> _Node:
        """The element that receives content: LBody for a list item, else itself."""
        if self.role != "LI":
            return self
        if self.body is None:
            self.body = _Node("LBody", self, self.page, self.element)
            self.kids.append(self.body)
        return self.body


def _local(tag: Any) -> str:
    if not isinstance(tag, str):
        return ""
    return tag.rpartition("}")[2].lower()


def _text(element: Any) -> str:
    return " ".join("".join(element.itertext()).split())


def _describe(element: Any) -> str:
    if element is None:
        return "(anonymous)"
    tag = _local(element.tag)
    parts = [tag]
    for name in ("id", "src", "href"):
        if value := element.get(name):
            parts.append(f'{name}="{value[:60]}"')
    if text := _text(element)[:40]:
        parts.append(repr(text))
    return " ".join(parts)


def _is_note(element: Any) -> bool:
    """A note by its ARIA role or its EPUB type (``epub:type="endnote"`` → doc-endnote)."""
    roles = set(element.get("role", "").split())
    roles |= {f"doc-{t}" for t in element.get("epub:type", "").split()}
    return bool(roles & _NOTE_ROLES)


def _image_alt(element: Any) -> tuple[str | None, bool]:
    """(alt text or None, decorative?) for an image-like element."""
    if element.get("role", "").strip().lower() in ("presentation", "none"):
        return None, True
    if element.get("aria-hidden", "").strip().lower() == "true":
        return None, True
    alt = element.get("alt")
    if alt is not None:
        alt = " ".join(alt.split())
        return (alt, False) if alt else (None, True)
    if _local(element.tag) == "svg":
        title = element.find(_SVG_TITLE)
        if title is not None and (text := _text(title)):
            return text, False
    if label := " ".join(element.get("aria-label", "").split()):
        return label, False
    return None, False


_LOOKS_LIKE_ADDRESS = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|www\.|#)\S*$", re.I)


def _span(element: Any, name: str) -> int:
    try:
        return max(1, min(int(element.get(name, "1")), 1000))
    except ValueError:
        return 1


class _Builder:
    def __init__(
        self, pdf: Any, document: Any, pdf_version: Any, page_streams: Any,
        result: TaggingResult, continues: Continuation | None = None,
    ) -> None:
        from weasyprint.formatting_structure import boxes
        from weasyprint.layout.absolute import AbsolutePlaceholder
        from weasyprint.pdf.stream import Stream

        self.boxes = boxes
        self.placeholder = AbsolutePlaceholder
        self.stream_class = Stream
        self.pdf = pdf
        self.document = document
        self.pdf_version = pdf_version
        self.page_streams = list(page_streams)
        self.result = result
        self.doc_lang = (document.metadata.lang or "").strip()
        self.root = _Node("Document", None, 0)
        self.nodes: dict[tuple[Any, str], _Node | str] = {}
        self.figure_images: dict[Any, _Node] = {}
        self.links: list[tuple[_Node, _Objr]] = []
        self.tables: list[_Node] = []
        self.ids: list[_Node] = []
        self.id_counter = 0
        start = continues or Continuation()
        self.id_prefix = start.id_prefix
        self.headings_seen = start.headings_seen
        self.h1_seen = start.h1_seen
        self.last_level = start.last_level
        self.id_map: dict[str, Any] | None = None
        self.root_element: Any = None
        self.scales: list[tuple[float, float]] = []
        self.images: list[tuple[_Space, int, _Node, _MC]] = []  # replaced boxes' content

    # ------------------------------------------------------------------ driver
    def build(self) -> None:
        pages = self.document.pages
        spaces_by_tags: dict[int, int] = {}
        self.page_spaces: list[_Space] = []
        self.locations: list[dict[int, tuple[_Space, int]]] = []
        self.form_spaces: list[_Space] = []
        for index, stream in enumerate(self.page_streams):
            space = _Space(stream, index, form=False)
            self.page_spaces.append(space)
            self.locations.append(self._scan(space, {}))
            if stream._tags is not None:
                spaces_by_tags[id(stream._tags)] = index
        # Form XObjects (opacity groups) and patterns share their page's tags dict.
        page_ids = {id(stream) for stream in self.page_streams}
        for obj in self.pdf.objects:
            if (
                isinstance(obj, self.stream_class)
                and id(obj) not in page_ids
                and obj._tags is not None
                and id(obj._tags) in spaces_by_tags
            ):
                page = spaces_by_tags[id(obj._tags)]
                form = obj.extra.get("Subtype") == "/Form"
                space = _Space(obj, page, form=True, taggable=form)
                self._scan(space, self.locations[page])
                if form:
                    self.form_spaces.append(space)

        for index, page in enumerate(pages):
            page_box = page._page_box
            height = page.height
            scale = self._scale(index, page)
            self.scales.append((scale, height * scale))
            self.page = index
            self.tags = self.page_streams[index]._tags or {}
            self._visit(page_box, self.root, self.doc_lang, pdf_page=True)
            for leftover in list(self.tags):
                # Not reachable from the box tree: keep it out of the tree, but never
                # leave an orphan MCID.
                LOGGER.warning("marked content outside the box tree on page %d", index + 1)
                self._make_artifact(leftover, None)
        self.result.pages = len(pages)
        self._finish_tables()
        self._image_text_as_artifacts()
        self._describe_links()
        if not self.doc_lang:
            self._defect("missing-lang", "the document has no language (html lang)", None)
        self._emit()
        self.result.built = True
        self.result.ends = Continuation(
            self.headings_seen, self.h1_seen, self.last_level, self.id_prefix
        )

    def _scale(self, index: int, page: Any) -> float:
        """CSS px → PDF pt, recovered from the MediaBox WeasyPrint wrote."""
        page_dict = self._page_dict(index)
        box = page_dict["MediaBox"]
        total = page.height + page.bleed["top"] + page.bleed["bottom"]
        return (box[3] - box[1]) / total if total else 0.75

    def _page_dict(self, index: int) -> Any:
        number = int(self.pdf.page_references[index].split()[0])
        return self.pdf.objects[number]

    def _scan(self, space: _Space, into: dict[int, tuple[_Space, int]]) -> dict:
        """Map WeasyPrint's MCIDs to (space, index of BDC) in one pass over the stream."""
        ops = space.stream.stream
        dictionary = pydyf.Dictionary
        for index, op in enumerate(ops):
            if op == b"BDC":
                props = ops[index - 1]
                if isinstance(props, dictionary) and "MCID" in props:
                    into[props["MCID"]] = (space, index)
        return into

    # ------------------------------------------------------------------ walk
    def _visit(self, box: Any, owner: _Node, lang: str, pdf_page: bool = False) -> None:
        boxes = self.boxes
        if isinstance(box, self.placeholder):
            box = box._box
        if isinstance(box, boxes.MarginBox):
            keyword = box.at_keyword or ""
            subtype = (
                "Header" if keyword.startswith("@top")
                else "Footer" if keyword.startswith("@bottom") else None
            )
            self._artifact_subtree(box, ("Pagination", subtype))
            return
        if getattr(box, "is_leader", False):
            # leader('.') dots in a contents list: layout, not content.
            self._artifact_subtree(box, ("Layout", None))
            return
        node = owner
        element = box.element
        if element is not None and not pdf_page and not isinstance(box, boxes.LineBox):
            element_lang = element.get("lang") or element.get(_XML_LANG)
            if element_lang is not None:
                element_lang = element_lang.strip()
            decision = self._decide(box, owner, lang, element_lang)
            if isinstance(decision, tuple):  # artifact with given properties
                self._artifact_subtree(box, decision)
                return
            node = decision
            if element_lang is not None and not box.element_tag.count("::"):
                lang = element_lang
        if box.link_annotation is not None:
            self._add_annotation(box, node)
        info = self.tags.pop(box, None)
        if info is not None:
            self._add_content(node, box, info["mcid"])
        children = getattr(box, "children", None)
        if children:
            for child in children:
                self._visit(child, node, lang)

    def _decide(self, box: Any, owner: _Node, lang: str, element_lang: str | None) -> Any:
        element = box.element
        pseudo = box.element_tag.partition("::")[2]
        key = (element, pseudo)
        known = self.nodes.get(key)
        if known is not None:
            if isinstance(known, _Node) and known.page != self.page and (
                (isinstance(box, self.boxes.TableRowGroupBox)
                 and (box.is_header or box.is_footer))
                or box.style["position"] == "fixed"
            ):
                # thead/tfoot repeated by WeasyPrint, fixed boxes drawn on every page.
                return ("Pagination", None)
            return owner if known == FLATTEN else known
        decision = self._role(box, owner, lang, element_lang, pseudo)
        if isinstance(decision, _Node):
            self.nodes[key] = decision
            return decision
        if decision == FLATTEN:
            self.nodes[key] = FLATTEN
            return owner
        self.nodes[key] = decision
        return decision

    def _new(self, role: str, parent: _Node, element: Any) -> _Node:
        node = _Node(role, parent, self.page, element)
        parent.kids.append(node)
        return node

    def _role(
        self, box: Any, owner: _Node, lang: str, element_lang: str | None, pseudo: str,
    ) -> Any:
        """Decide what a source element (or pseudo-element) becomes, once."""
        element = box.element
        tag = _local(element.tag)
        if pseudo == "marker":
            if owner.role in ("LI", "TOCI"):
                node = _Node("Lbl", owner, self.page, element)
                owner.kids.insert(0, node)  # the label comes first, even after an LBody
                return node
            return FLATTEN
        if pseudo:
            # ::before, ::after, ::footnote-call …: generated content of the element
            # (an a::after belongs to the same Link).  Generated images are decoration.
            if isinstance(box, self.boxes.ReplacedBox):
                return ("decorative", None)
            return FLATTEN
        parent = owner.target()
        role = HTML_TO_PDF_ROLE.get(tag)
        if tag in ("html", "body") and element_lang and element_lang.lower() != lang.lower():
            self.root.lang = self.root.lang or element_lang
        if box.style["float"] == "footnote":
            role = "Note"
        elif role is None:
            role = "Div" if isinstance(box, self.boxes.BlockLevelBox) else FLATTEN
        if isinstance(box, self.boxes.ReplacedBox) and tag not in _IMAGE_TAGS:
            role = "img"
        elif role == CONTEXT:
            role = tag
        differs = element_lang is not None and element_lang.lower() != lang.lower()

        if role in ("img", *_IMAGE_TAGS):
            if element in self.figure_images:
                return self.figure_images[element]
            alt, decorative = _image_alt(element)
            if decorative:
                return ("decorative", None)
            node = self._new("Figure", parent, element)
            if alt is None:
                self._defect("missing-alt", "informative image without alt text", element)
            node.alt = alt
            return self._with_lang(node, differs, element_lang)
        if role == "figure":
            images = [
                e for e in element.iter()
                if _local(e.tag) in _IMAGE_TAGS and not _image_alt(e)[1]
            ]
            if len(images) == 1:
                node = self._new("Figure", parent, element)
                image = images[0]
                node.alt = _image_alt(image)[0]
                if node.alt is None:
                    self._defect("missing-alt", "informative image without alt text", image)
                self.figure_images[image] = node
                return self._with_lang(node, differs, element_lang)
            role = "Div"
        elif role == "nav":
            has_list = any(_local(child.tag) in ("ul", "ol", "menu") for child in element)
            node = self._new("TOC" if has_list else "Div", parent, element)
            node.toc_nav = has_list
            return self._with_lang(node, differs, element_lang)
        elif role == "aside":
            role = "Note" if _is_note(element) else "Div"
        elif role in ("ul", "ol", "menu"):
            if parent.role == "TOC" and parent.toc_nav and not differs:
                return FLATTEN
            if parent.role in ("TOC", "TOCI"):
                role = "TOC"
            else:
                node = self._new("L", parent, element)
                style_type = box.style["list_style_type"]
                numbering = (
                    LIST_NUMBERING.get(style_type, "None")
                    if isinstance(style_type, str) else "None"
                )
                node.attrs["ListNumbering"] = numbering
                return self._with_lang(node, differs, element_lang)
        elif role == "dl":
            # A description list has no numbering; say so rather than leave it unspecified.
            node = self._new("L", parent, element)
            node.attrs["ListNumbering"] = "None"
            return self._with_lang(node, differs, element_lang)
        elif role == "li":
            role = "TOCI" if parent.role in ("TOC", "TOCI") else "LI" if parent.role == "L" \
                else "Div"
            if role == "LI" and _is_note(element):
                # A note in a list of notes: LI > LBody > Note, the Note holding the content.
                item = self._new("LI", parent, element)
                body = self._new("LBody", item, element)
                item.body = self._new("Note", body, element)
                self._assign_id(item.body)
                return self._with_lang(item, differs, element_lang)
        elif role in ("dt", "dd"):
            if parent.role != "L":
                role = "P" if role == "dt" else "Div"
            elif role == "dt":
                item = self._new("LI", parent, None)
                parent.current_li = item
                node = _Node("Lbl", item, self.page, element)
                item.kids.append(node)
                return self._with_lang(node, differs, element_lang)
            else:
                item = parent.current_li
                if item is None or item.body is not None:
                    item = self._new("LI", parent, None)
                parent.current_li = None
                node = _Node("LBody", item, self.page, element)
                item.body = node
                item.kids.append(node)
                return self._with_lang(node, differs, element_lang)
        elif role == "a":
            role = FLATTEN if element.get("href") is None or owner.in_link else "Link"
        elif role in ("abbr", "acronym"):
            title = " ".join(element.get("title", "").split())
            if title:
                node = self._new("Span", parent, element)
                node.expansion = title
                return self._with_lang(node, differs, element_lang)
            role = FLATTEN
        elif role == "div" and parent.role == "L":
            role = FLATTEN  # dl > div > dt + dd

        if role == ARTIFACT:
            return ("decorative", None)
        if role == FLATTEN:
            if not differs:
                return FLATTEN
            role = "Span"  # a phrase in another language needs its own element
        if role == "Link" and owner.in_link:
            return FLATTEN
        node = self._new(role, parent, element)
        if role in ("TH", "Note"):
            self._assign_id(node)
        if role == "Table":
            self.tables.append(node)
        elif role in ("H1", "H2", "H3", "H4", "H5", "H6") and tag in _HEADINGS:
            self._heading(int(role[1]), element)
        return self._with_lang(node, differs, element_lang)

    def _with_lang(self, node: _Node, differs: bool, element_lang: str | None) -> _Node:
        if differs:
            node.lang = element_lang
        return node

    def _assign_id(self, node: _Node) -> None:
        self.id_counter += 1
        node.ident = f"{self.id_prefix}{node.role.lower()}-{self.id_counter}"
        self.ids.append(node)

    def _heading(self, level: int, element: Any) -> None:
        if not self.headings_seen and level != 1:
            self._defect("first-heading-not-h1", f"the first heading is h{level}", element)
        if level == 1:
            if self.h1_seen:
                self._defect("multiple-h1", "more than one h1", element)
            self.h1_seen = True
        if self.last_level and level > self.last_level + 1:
            self._defect(
                "skipped-heading-level", f"h{level} follows h{self.last_level}", element)
        self.headings_seen += 1
        self.last_level = level

    def _defect(self, code: str, message: str, element: Any) -> None:
        self.result.defects.append(Defect(code, message, _describe(element)))

    # ------------------------------------------------------------------ content
    def _add_content(self, node: _Node, box: Any, old_mcid: int) -> None:
        location = self.locations[self.page].get(old_mcid)
        if location is None:
            return
        space, index = location
        if not space.taggable:
            self._rewrite_artifact(space, index, None)
            return
        target = node.target()
        ops = space.stream.stream
        mcid = len(space.owners)
        space.owners.append(target)
        ops[index - 1]["MCID"] = mcid
        ops[index - 2] = f"/{target.role}"
        marked = _MC(space, mcid)
        target.kids.append(marked)
        if isinstance(box, self.boxes.ReplacedBox):
            self.images.append((space, index, target, marked))
        if isinstance(box, self.boxes.ReplacedBox) and target.role == "Figure" \
                and target.bbox is None:
            scale, height = self.scales[self.page]
            x1, y1 = box.content_box_x(), box.content_box_y()
            x2, y2 = x1 + box.width, y1 + box.height
            target.bbox = (x1 * scale, height - y2 * scale, x2 * scale, height - y1 * scale)

    def _image_text_as_artifacts(self) -> None:
        """Text drawn inside an image (an SVG's <text>) becomes an Artifact.

        WeasyPrint paints a replaced box in its own stacking context, after the text
        around it, so letters inside the image's marked content would be read after the
        caption and the paragraphs that follow. They are part of the picture, which the
        element's /Alt states; each text object is cut out of the image's sequence as an
        Artifact and the rest of the drawing continues in a new sequence of the same
        element. Runs once after the walk, last operator first, so the operator indices
        recorded by _scan stay valid.
        """
        for space, index, node, marked in sorted(
                self.images, key=lambda item: (id(item[0]), item[1]), reverse=True):
            ops = space.stream.stream
            texts, depth, end = [], 0, len(ops)
            for position in range(index + 1, len(ops)):
                op = ops[position]
                if op in (b"BDC", b"BMC"):
                    depth += 1
                elif op == b"EMC":
                    if depth == 0:
                        end = position
                        break
                    depth -= 1
                elif op == b"BT" and depth == 0:
                    texts.append([position, None])
                elif op == b"ET" and depth == 0 and texts:
                    texts[-1][1] = position
            texts = [t for t in texts if t[1] is not None and t[1] < end]
            after = node.kids.index(marked) + 1
            for begin, finish in reversed(texts):
                mcid = len(space.owners)
                space.owners.append(node)
                node.kids.insert(after, _MC(space, mcid))
                resume = pydyf.Dictionary({"MCID": mcid})
                ops[finish + 1:finish + 1] = [b"EMC", f"/{node.role}", resume, b"BDC"]
                ops[begin:begin] = [b"EMC", "/Artifact", b"BMC"]
                self.result.artifacts += 1

    def _artifact_subtree(self, box: Any, kind: tuple[str, str | None] | None) -> None:
        """Every marked box below ``box`` becomes an Artifact; annotations stay tagged."""
        stack = [box]
        while stack:
            current = stack.pop()
            if isinstance(current, self.placeholder):
                current = current._box
            if current in self.tags:
                self._make_artifact(current, kind)
            if current.link_annotation is not None:
                # Still an annotation to tag: it belongs to its <a>'s one Link (the leader
                # dots of a contents entry), or, for a link only drawn in page furniture,
                # to a Link of its own.
                owner = self.nodes.get((current.element, ""))
                if not (isinstance(owner, _Node) and owner.in_link):
                    owner = self.nodes.get((current.element, "artifact-link"))
                    if not isinstance(owner, _Node):
                        owner = self._new("Link", self.root, current.element)
                        self.nodes[(current.element, "artifact-link")] = owner
                self._add_annotation(current, owner)
            children = getattr(current, "children", None)
            if children:
                stack.extend(reversed(children))

    def _make_artifact(self, box: Any, kind: tuple[str, str | None] | None) -> None:
        info = self.tags.pop(box)
        location = self.locations[self.page].get(info["mcid"])
        if location is not None:
            self._rewrite_artifact(*location, kind)

    def _rewrite_artifact(
        self, space: _Space, index: int, kind: tuple[str, str | None] | None,
    ) -> None:
        ops = space.stream.stream
        ops[index - 2] = "/Artifact"
        if kind is None or kind[0] == "decorative":
            ops[index - 1] = b""
            ops[index] = b"BMC"
        else:
            props = pydyf.Dictionary({"Type": f"/{kind[0]}"})
            if kind[1]:
                props["Subtype"] = f"/{kind[1]}"
            ops[index - 1] = props
        self.result.artifacts += 1

    def _add_annotation(self, box: Any, node: _Node) -> None:
        link = node
        while link is not None and link.role != "Link":
            link = link.parent
        if link is None:
            key = (box.element, "link")
            found = self.nodes.get(key)
            if isinstance(found, _Node):
                link = found
            else:
                link = self._new("Link", node.target(), box.element)
                self.nodes[key] = link
        objr = _Objr(box.link_annotation, self.page)
        link.kids.append(objr)
        self.links.append((link, objr))

    # ------------------------------------------------------------------ tables
    def _finish_tables(self) -> None:
        for table in self.tables:
            self._table_headers(table.element)

    def _table_headers(self, table: Any) -> None:
        rows: list[tuple[Any, str]] = []
        for child in table:
            tag = _local(child.tag)
            if tag in ("thead", "tbody", "tfoot"):
                rows.extend((row, tag) for row in child if _local(row.tag) == "tr")
            elif tag == "tr":
                rows.append((child, "tbody"))
        occupied: set[tuple[int, int]] = set()
        cells: list[tuple[int, int, int, int, Any]] = []
        column_headers: dict[int, list[str]] = {}
        row_headers: dict[int, list[str]] = {}
        for r, (row, group) in enumerate(rows):
            c = 0
            first = True
            for cell in row:
                tag = _local(cell.tag)
                if tag not in ("th", "td"):
                    continue
                while (r, c) in occupied:
                    c += 1
                colspan, rowspan = _span(cell, "colspan"), _span(cell, "rowspan")
                for dr in range(rowspan):
                    for dc in range(colspan):
                        occupied.add((r + dr, c + dc))
                node = self.nodes.get((cell, ""))
                if isinstance(node, _Node) and node.role in ("TH", "TD"):
                    node.attrs["O"] = "Table"
                    if colspan != 1:
                        node.attrs["ColSpan"] = colspan
                    if rowspan != 1:
                        node.attrs["RowSpan"] = rowspan
                    if node.role == "TH":
                        scope = _SCOPES.get(cell.get("scope", "").strip().lower())
                        if scope is None:
                            scope = "Row" if group == "tbody" and first else "Column"
                        node.attrs["Scope"] = scope
                        if node.ident is None:
                            self._assign_id(node)
                        spread = (
                            (column_headers, range(c, c + colspan)) if scope == "Column"
                            else (row_headers, range(r, r + rowspan)))
                        for position in spread[1]:
                            spread[0].setdefault(position, []).append(node.ident)
                    else:
                        cells.append((r, c, colspan, rowspan, node))
                first = False
                c += colspan
        for r, c, colspan, rowspan, node in cells:
            headers: list[str] = []
            for column in range(c, c + colspan):
                headers.extend(column_headers.get(column, ()))
            for row_index in range(r, r + rowspan):
                headers.extend(row_headers.get(row_index, ()))
            node.attrs["Headers"] = list(dict.fromkeys(headers))

    # ------------------------------------------------------------------ links
    def _describe_links(self) -> None:
        descriptions: dict[int, str] = {}
        for link, objr in self.links:
            annotation = objr.annotation
            key = id(link)
            if key not in descriptions:
                descriptions[key] = self._link_text(link, annotation)
            annotation["Contents"] = pydyf.String(descriptions[key])

    def _link_text(self, link: _Node, annotation: Any) -> str:
        element = link.element
        text = _text(element) if element is not None else ""
        if element is not None:
            # An explicit accessible name wins; a title describes a link whose visible
            # text is only an address ("https://…"), which is no description at all.
            if label := " ".join(element.get("aria-label", "").split()):
                return label
            title = " ".join(element.get("title", "").split())
            if title and (not text or _LOOKS_LIKE_ADDRESS.match(text)):
                return title
        if not text and element is not None:
            for image in element.iter():
                if _local(image.tag) in _IMAGE_TAGS and (alt := _image_alt(image)[0]):
                    text = alt
                    break
        if "Dest" in annotation:
            target = self._find_id(str(annotation["Dest"].string))
            heading = None
            if target is not None:
                if _local(target.tag) in _HEADINGS:
                    heading = target
                else:
                    heading = next(
                        (e for e in target.iter() if _local(e.tag) in _HEADINGS), None)
            if heading is not None and (heading_text := _text(heading)):
                return f"Section: {heading_text}"
            if target is not None and (stand_in := target.get("data-heading")):
                # A placeholder for a heading in another part of the same packet
                # (renderer/pdf/slices.py): described as the heading will be.
                return f"Section: {' '.join(stand_in.split())}"
        if text:
            return text
        uri = annotation.get("A", {}).get("URI") if "A" in annotation else None
        if uri is not None:
            return str(uri.string)
        return "Link"

    def _find_id(self, ident: str) -> Any:
        if self.id_map is None:
            self.id_map = {}
            root = self.document.pages[0]._page_box.children[0].element \
                if self.document.pages else None
            if root is not None:
                for element in root.iter():
                    if (value := element.get("id")) is not None:
                        self.id_map.setdefault(value, element)
        return self.id_map.get(ident)

    # ------------------------------------------------------------------ output
    def _prune(self, node: _Node) -> bool:
        kept = []
        for kid in node.kids:
            if isinstance(kid, _Node):
                if self._prune(kid):
                    kept.append(kid)
            else:
                kept.append(kid)
        node.kids = kept
        return bool(kept) or node.role in _KEEP_EMPTY

    def _emit(self) -> None:
        pdf = self.pdf
        references = pdf.page_references
        parent_tree = pydyf.Dictionary({"Nums": pydyf.Array()})
        pdf.add_object(parent_tree)
        tree_root = pydyf.Dictionary({
            "Type": "/StructTreeRoot",
            "ParentTree": parent_tree.reference,
        })
        pdf.add_object(tree_root)
        namespace = None
        if str(self.pdf_version) >= "2.0":
            namespace = pydyf.Dictionary({
                "Type": "/Namespace", "NS": pydyf.String("http://iso.org/pdf2/ssn")})
            pdf.add_object(namespace)
            tree_root["Namespaces"] = pydyf.Array([namespace.reference])

        self._prune(self.root)
        count = 0
        # Iterative pre-order so deep documents do not hit the recursion limit.
        stack: list[tuple[_Node, Any]] = [(self.root, tree_root.reference)]
        order: list[_Node] = []
        while stack:
            node, parent_reference = stack.pop()
            obj = pydyf.Dictionary({
                "Type": "/StructElem",
                "S": f"/{node.role}",
                "P": parent_reference,
                "Pg": references[node.page] if references else None,
            })
            if obj["Pg"] is None:
                del obj["Pg"]
            if namespace is not None:
                obj["NS"] = namespace.reference
            pdf.add_object(obj)
            node.obj = obj
            order.append(node)
            count += 1
            stack.extend(
                (kid, obj.reference) for kid in reversed(node.kids) if isinstance(kid, _Node))
        tree_root["K"] = pydyf.Array([self.root.obj.reference])

        annotations: list[_Objr] = [objr for _, objr in self.links]
        next_key = len(self.page_spaces)
        for space in self.form_spaces:
            if space.owners:
                space.key = next_key
                space.stream.extra["StructParents"] = next_key
                next_key += 1
        for objr in annotations:
            objr.key = next_key
            objr.annotation["StructParent"] = next_key
            next_key += 1

        for node in order:
            self._fill(node, references)

        nums = parent_tree["Nums"]
        for space in self.page_spaces:
            nums.append(space.page)
            nums.append(pydyf.Array([owner.obj.reference for owner in space.owners]))
        for space in self.form_spaces:
            if space.owners:
                nums.append(space.key)
                nums.append(pydyf.Array([owner.obj.reference for owner in space.owners]))
        for link, objr in self.links:
            nums.append(objr.key)
            nums.append(link.obj.reference)
        tree_root["ParentTreeNextKey"] = next_key

        with_ids = sorted((n for n in self.ids if n.obj is not None), key=lambda n: n.ident)
        if with_ids:
            names = pydyf.Array()
            for node in with_ids:
                names.append(pydyf.String(node.ident))
                names.append(node.obj.reference)
            tree_root["IDTree"] = pydyf.Dictionary({"Names": names})

        pdf.catalog["StructTreeRoot"] = tree_root.reference
        pdf.catalog["ViewerPreferences"] = pydyf.Dictionary({"DisplayDocTitle": "true"})
        pdf.catalog["MarkInfo"] = pydyf.Dictionary({"Marked": "true"})
        if "Lang" not in pdf.catalog:
            pdf.catalog["Lang"] = pydyf.String(self.doc_lang)
        self.result.structure_elements = count

    def _fill(self, node: _Node, references: list[Any]) -> None:
        obj = node.obj
        kids = pydyf.Array()
        for kid in node.kids:
            if isinstance(kid, _Node):
                if kid.obj is not None:
                    kids.append(kid.obj.reference)
            elif isinstance(kid, _MC):
                space = kid.space
                if not space.form and space.page == node.page:
                    kids.append(kid.mcid)
                else:
                    mcr = pydyf.Dictionary({
                        "Type": "/MCR", "Pg": references[space.page], "MCID": kid.mcid})
                    if space.form:
                        mcr["Stm"] = space.stream.reference
                    kids.append(mcr)
            else:
                kids.append(pydyf.Dictionary({
                    "Type": "/OBJR",
                    "Obj": kid.annotation.reference,
                    "Pg": references[kid.page],
                }))
        obj["K"] = kids
        if node.alt is not None:
            obj["Alt"] = pydyf.String(node.alt)
        if node.lang is not None:
            obj["Lang"] = pydyf.String(node.lang)
        if node.expansion is not None:
            obj["E"] = pydyf.String(node.expansion)
        if node.ident is not None:
            obj["ID"] = pydyf.String(node.ident)
        attributes = []
        if node.bbox is not None and node.role == "Figure":
            attributes.append(pydyf.Dictionary({
                "O": "/Layout", "BBox": pydyf.Array(round(v, 3) for v in node.bbox)}))
        if node.attrs:
            attrs = node.attrs
            if "ListNumbering" in attrs:
                attributes.append(pydyf.Dictionary({
                    "O": "/List", "ListNumbering": f"/{attrs['ListNumbering']}"}))
            if attrs.get("O") == "Table":
                table = pydyf.Dictionary({"O": "/Table"})
                if "Scope" in attrs:
                    table["Scope"] = f"/{attrs['Scope']}"
                if "Headers" in attrs:
                    table["Headers"] = pydyf.Array(pydyf.String(h) for h in attrs["Headers"])
                for name in ("ColSpan", "RowSpan"):
                    if name in attrs:
                        table[name] = attrs[name]
                attributes.append(table)
        if len(attributes) == 1:
            obj["A"] = attributes[0]
        elif attributes:
            obj["A"] = pydyf.Array(attributes)
