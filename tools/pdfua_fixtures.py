"""Write this project's own minimal tagged PDFs: rule fixtures and the check benchmark's inputs.

The veraPDF PDF/UA-1 corpus (``shared/corpora/verapdf-pdfua1``) never shows some of the rules
our PDF inspector claims *failing* (an ``LI`` outside an ``L``, a ``TOC`` whose ``Caption`` is
not its first child, a standard type role-mapped to itself, a ``Span`` among a ``TBody``'s
rows, …) and never shows some *passing* ways PDF/UA allows (a language given on ``dc:title``
by ``xml:lang`` and no catalog ``/Lang``). These files fill the gap, as
``tools/ace_fixtures.py`` does for Ace: each one differs from a clean minimal document by
exactly the point its rule is about. They are ours, not veraPDF's: the calibration tables say
so (``tools/calibrate.py``), and ``tests/check/test_pdf_rules.py`` asserts the codes on each.

The same builder makes the benchmark's large files (``bench/run.py``: ``renderer check`` on
100 and 1,000 pages and on a table of 10,000 columns); nothing it writes is committed.

    python tools/pdfua_fixtures.py DIR     # write every rule fixture under DIR
"""

from __future__ import annotations

import itertools
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name, String

__all__ = ["FIXTURES", "Fixture", "TaggedPdf", "many_pages", "wide_table", "write_all"]

ROOT = Path(__file__).resolve().parent.parent
FONT_FILE = ROOT / "fonts" / "dejavu-sans" / "DejaVuSans.ttf"

XMP = """<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
{title}{part}  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""


class TaggedPdf:
    """A small tagged PDF written from scratch: catalog, XMP, structure tree, ParentTree.

    ``elem`` adds a structure element under a parent (the ``Document`` element by default);
    ``text`` draws a line of text on a page as a marked-content sequence owned by an
    element; ``save`` writes the page contents, the ParentTree and the file. Everything a
    PDF/UA-1 checker asks of a clean document is there unless a keyword turns it off, so
    a fixture differs from a clean file by the one thing it is about.
    """

    def __init__(self, *, lang: str | None = "en", title: str | None = "A minimal tagged PDF",
                 title_lang: str = "x-default", font: bool = True,
                 part: str | None = "1") -> None:
        self.pdf = pikepdf.new()
        root = self.pdf.Root
        if lang is not None:
            root.Lang = String(lang)
        root.MarkInfo = Dictionary(Marked=True)
        root.ViewerPreferences = Dictionary(DisplayDocTitle=True)
        xmp = XMP.format(
            title=f'   <dc:title><rdf:Alt><rdf:li xml:lang="{title_lang}">{title}</rdf:li>'
            '</rdf:Alt></dc:title>\n' if title is not None else "",
            part=f"   <pdfuaid:part>{part}</pdfuaid:part>\n" if part is not None else "",
        ).encode("utf-8")

        root.Metadata = self.pdf.make_stream(xmp, Type=Name.Metadata, Subtype=Name.XML)
        self.struct_root = self.pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot,
                                                             K=Array()))
        root.StructTreeRoot = self.struct_root
        self.document = self.elem("Document", parent=self.struct_root)
        self.font = self._font() if font else None
        self.pages: list[pikepdf.Dictionary] = []
        self.content: list[list[bytes]] = []
        self.owners: list[list[pikepdf.Dictionary]] = []
        self.annotation_owners: list[pikepdf.Dictionary] = []
        self.form_owners: list[pikepdf.Dictionary] = []

    def _font(self) -> pikepdf.Dictionary:
        data = FONT_FILE.read_bytes()
        descriptor = Dictionary(Type=Name.FontDescriptor, FontName=Name("/DejaVuSans"),
                                Flags=32, FontBBox=Array([-1021, -463, 1793, 1232]),
                                ItalicAngle=0, Ascent=928, Descent=-236, CapHeight=729,
                                StemV=80, FontFile2=self.pdf.make_stream(data,
                                                                          Length1=len(data)))
        return self.pdf.make_indirect(Dictionary(
            Type=Name.Font, Subtype=Name.TrueType, BaseFont=Name("/DejaVuSans"),
            Encoding=Name.WinAnsiEncoding, FirstChar=32, LastChar=126,
            Widths=Array([600] * 95), FontDescriptor=self.pdf.make_indirect(descriptor)))

    def page(self) -> int:
        """Add a page; its index."""
        resources = Dictionary(Font=Dictionary(F1=self.font)) if self.font else Dictionary()
        page = pikepdf.Page(Dictionary(Type=Name.Page, MediaBox=Array([0, 0, 612, 792]),
                                       Resources=resources))
        self.pdf.pages.append(page)
        self.pages.append(self.pdf.pages[-1].obj)
        self.content.append([])
        self.owners.append([])
        return len(self.pages) - 1

    def elem(self, role: str, parent: pikepdf.Dictionary | None = None,
             **entries: object) -> pikepdf.Dictionary:
        """A structure element of type ``role`` appended to ``parent``'s kids."""
        parent = self.document if parent is None else parent
        e = self.pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name("/" + role),
                                              P=parent, K=Array(), **entries))
        parent.K.append(e)
        return e

    def text(self, owner: pikepdf.Dictionary, page: int, words: str, *,
             tag: str = "P", props: str = "") -> int:
        """Draw ``words`` on ``page`` as a marked-content sequence owned by ``owner``."""
        mcid = len(self.owners[page])
        self.owners[page].append(owner)
        y = 760 - 14 * (mcid % 52)
        safe = words.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        show = f"BT /F1 10 Tf 40 {y} Td ({safe}) Tj ET" if self.font else \
            f"40 {y} 100 8 re f"
        self.content[page].append(
            f"/{tag} <</MCID {mcid}{props}>> BDC {show} EMC\n".encode("latin-1"))
        owner.K.append(Dictionary(Type=Name.MCR, Pg=self.pages[page], MCID=mcid))
        return mcid

    def role_map(self, **pairs: str) -> None:
        self.struct_root.RoleMap = Dictionary({f"/{k}": Name("/" + v)
                                               for k, v in pairs.items()})

    def link(self, parent: pikepdf.Dictionary | None, page: int, words: str, *,
             contents: str | None = "A description of the target", tabs: bool = True,
             props: str = "", **entries: object) -> pikepdf.Dictionary:
        """A Link element: its text, and the OBJR of a URI link annotation over it."""
        link = self.elem("Link", parent, **entries)
        self.text(link, page, words, tag="Link", props=props)
        annot = self.pdf.make_indirect(Dictionary(
            Type=Name.Annot, Subtype=Name.Link, Rect=Array([40, 700, 200, 712]),
            Border=Array([0, 0, 0]), A=Dictionary(S=Name.URI, URI=String("https://example.org/")),
            StructParent=len(self.pages) + len(self.annotation_owners)))
        if contents is not None:
            annot.Contents = String(contents)
        self.annotation_owners.append(link)
        link.K.append(Dictionary(Type=Name.OBJR, Pg=self.pages[page], Obj=annot))
        page_obj = self.pages[page]
        page_obj.Annots = Array([*page_obj.get("/Annots", Array()), annot])
        if tabs:
            page_obj.Tabs = Name.S
        return link

    FORM_KEYS = 10000  # ParentTree keys of Form XObjects start here (after pages, annots)

    def form(self, owner: pikepdf.Dictionary, page: int, words: str, *,
             paints: int = 1) -> pikepdf.Stream:
        """A Form XObject drawing ``words`` as MCID 0, owned by ``owner`` (through the
        form's own /StructParents), painted ``paints`` times on ``page``."""
        number = len(self.form_owners)
        resources = Dictionary(Font=Dictionary(F1=self.font)) if self.font else Dictionary()
        xobj = self.pdf.make_stream(
            f"/P <</MCID 0>> BDC BT /F1 10 Tf 40 400 Td ({words}) Tj ET EMC\n".encode(),
            Type=Name.XObject, Subtype=Name.Form, BBox=Array([0, 0, 612, 792]),
            Resources=resources, StructParents=self.FORM_KEYS + number)
        self.form_owners.append(owner)
        owner.K.append(Dictionary(Type=Name.MCR, Pg=self.pages[page], Stm=xobj, MCID=0))
        page_obj = self.pages[page]
        page_obj.Resources.XObject = Dictionary({**page_obj.Resources.get("/XObject", {}),
                                                 f"/Fm{number}": xobj})
        self.content[page].append(f"q /Fm{number} Do Q\n".encode() * paints)
        return xobj

    def outline(self, *titles: str) -> None:
        """Bookmarks to the first page, one per title."""
        outlines = self.pdf.make_indirect(Dictionary(Type=Name.Outlines, Count=len(titles)))
        items = [self.pdf.make_indirect(Dictionary(
            Title=String(t), Parent=outlines, Dest=Array([self.pages[0], Name.Fit])))
            for t in titles]
        for a, b in itertools.pairwise(items):
            a.Next, b.Prev = b, a
        outlines.First, outlines.Last = items[0], items[-1]
        self.pdf.Root.Outlines = outlines

    def save(self, path: Path) -> Path:
        nums = Array()
        for i, page in enumerate(self.pages):
            page.Contents = self.pdf.make_stream(b"".join(self.content[i]))
            page.StructParents = i
            nums.extend([i, self.pdf.make_indirect(Array(self.owners[i]))])
        for k, owner in enumerate(self.annotation_owners):
            nums.extend([len(self.pages) + k, owner])
        for k, owner in enumerate(self.form_owners):
            nums.extend([self.FORM_KEYS + k, self.pdf.make_indirect(Array([owner]))])
        self.struct_root.ParentTree = self.pdf.make_indirect(Dictionary(Nums=nums))
        self.struct_root.ParentTreeNextKey = (self.FORM_KEYS + len(self.form_owners)
                                              if self.form_owners else
                                              len(self.pages) + len(self.annotation_owners))
        self.pdf.save(path)
        return path


# ---------------------------------------------------------------------------------------------
# rule fixtures: a clean document and one defect (or one allowed variant) each
# ---------------------------------------------------------------------------------------------


def _list(doc: TaggedPdf, parent: pikepdf.Dictionary | None = None) -> pikepdf.Dictionary:
    page = doc.page() if not doc.pages else 0
    lst = doc.elem("L", parent, A=Dictionary(O=Name.List, ListNumbering=Name.Disc))
    for word in ("first", "second"):
        item = doc.elem("LI", lst)
        doc.text(doc.elem("Lbl", item), page, "-")
        doc.text(doc.elem("LBody", item), page, f"The {word} item.")
    return lst


def li_outside_l(doc: TaggedPdf) -> None:
    _list(doc)
    item = doc.elem("LI", doc.elem("Sect"))
    doc.text(doc.elem("LBody", item), 0, "A stray list item.")


def _toc(doc: TaggedPdf, caption_at: int | None) -> None:
    page = doc.page()
    toc = doc.elem("TOC")
    kids: list[Callable[[], None]] = []
    for word in ("One", "Two"):
        def item(word: str = word) -> None:
            doc.text(doc.elem("Reference", doc.elem("TOCI", toc)), page, f"Chapter {word}")
        kids.append(item)
    if caption_at is not None:
        kids.insert(caption_at, lambda: doc.text(doc.elem("Caption", toc), page, "Contents"))
    for add in kids:
        add()


def toc_caption_last(doc: TaggedPdf) -> None:
    _toc(doc, caption_at=2)


def toc_caption_first(doc: TaggedPdf) -> None:
    _toc(doc, caption_at=0)


def _paragraph(doc: TaggedPdf, role: str = "P") -> pikepdf.Dictionary:
    page = doc.page() if not doc.pages else 0
    p = doc.elem(role)
    doc.text(p, page, "A paragraph of text.")
    return p


def role_mapped(role: str, **pairs: str) -> Callable[[TaggedPdf], None]:
    """A paragraph tagged ``role``, and the role map ``pairs``."""
    def build(doc: TaggedPdf) -> None:
        _paragraph(doc, role)
        if pairs:
            doc.role_map(**pairs)
    build.__name__ = f"{role}_mapped_{'_'.join(f'{k}_{v}' for k, v in pairs.items())}"
    return build


def _table(doc: TaggedPdf, group_extra: str | None = None) -> None:
    page = doc.page()
    table = doc.elem("Table")
    for group, cell in (("THead", "TH"), ("TBody", "TD"), ("TFoot", "TD")):
        g = doc.elem(group, table)
        row = doc.elem("TR", g)
        for col in range(2):
            attrs = {"A": Dictionary(O=Name.Table, Scope=Name.Column)} if cell == "TH" else {}
            doc.text(doc.elem(cell, row, **attrs), page, f"{group} {col}")
        if group == group_extra:
            doc.text(doc.elem("Span", g), page, "Not a row.")


def _table_group(group: str) -> Callable[[TaggedPdf], None]:
    def build(doc: TaggedPdf) -> None:
        _table(doc, group)
    build.__name__ = f"{group.lower()}_holds_a_span"
    return build


def clean_table(doc: TaggedPdf) -> None:
    _table(doc)


def tounicode_value(value: str) -> Callable[[TaggedPdf], None]:
    """A font whose ToUnicode CMap maps one code (``A``) to ``value`` (4 hex digits)."""
    def build(doc: TaggedPdf) -> None:
        _paragraph(doc)
        cmap = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
                b"/CMapName /Fixture def /CMapType 2 def\n"
                b"1 begincodespacerange <00> <FF> endcodespacerange\n"
                b"2 beginbfchar <41> <" + value.encode() + b"> <20> <0020> endbfchar\n"
                b"endcmap CMapName currentdict /CMap defineresource pop end end\n")
        doc.font.ToUnicode = doc.pdf.make_stream(cmap)  # type: ignore[union-attr]
    build.__name__ = f"tounicode_{value}"
    return build


def title_language_only(doc: TaggedPdf) -> None:
    """No catalog /Lang: the language of dc:title is its xml:lang; the text's, its P's /Lang."""
    page = doc.page()
    p = doc.elem("P", Lang=String("en"))
    doc.text(p, page, "A paragraph in English.")


def no_language_anywhere(doc: TaggedPdf) -> None:
    _paragraph(doc)


def lang_tag(value: str) -> Callable[[TaggedPdf], None]:
    def build(doc: TaggedPdf) -> None:
        page = doc.page()
        doc.text(doc.elem("P", Lang=String(value)), page, "Some text.")
    build.__name__ = f"lang_{value}"
    return build


def marked_content_lang(value: str) -> Callable[[TaggedPdf], None]:
    """The language given on the marked content's property list, not on the element."""
    def build(doc: TaggedPdf) -> None:
        page = doc.page()
        doc.text(doc.elem("P"), page, "Some text.", props=f" /Lang ({value})")
    build.__name__ = f"marked_content_lang_{value}"
    return build


# A structure tree as data: (type, text) draws the text in an element of that type;
# (type, [kids]) makes an element holding the kids. Table header cells get a /Scope.
Spec = tuple[str, "str | list[Spec]"]


def tree(*specs: Spec) -> Callable[[TaggedPdf], None]:
    def build(doc: TaggedPdf) -> None:
        page = doc.page()

        def add(spec: Spec, parent: pikepdf.Dictionary | None) -> None:
            role, body = spec
            attrs = {"A": Dictionary(O=Name.Table, Scope=Name.Column)} if role == "TH" else {}
            e = doc.elem(role, parent, **attrs)
            if isinstance(body, str):
                doc.text(e, page, body)
            else:
                for kid in body:
                    add(kid, e)

        for spec in specs:
            add(spec, None)
    return build


def row(cell: str = "TD", n: int = 2) -> Spec:
    return ("TR", [(cell, f"{cell} {i + 1}") for i in range(n)])


HEAD: Spec = ("THead", [row("TH")])
BODY: Spec = ("TBody", [row(), row()])
FOOT: Spec = ("TFoot", [row()])
CAPTION: Spec = ("Caption", "A caption")
ITEM: Spec = ("LI", [("Lbl", "1."), ("LBody", "An item.")])
TOCI: Spec = ("TOCI", [("Reference", "A chapter")])

TABLE_OK = tree(("Table", [CAPTION, HEAD, BODY, FOOT]))
LIST_OK = tree(("L", [CAPTION, ITEM, ITEM]))
TOC_OK = tree(("TOC", [CAPTION, TOCI, TOCI]))
BASE = tree(("H1", "A title"), ("P", "A paragraph."))

# corpus rule -> (what fails it, as a tree) for the nesting rules of ISO 32000-1 Table 333
# that PDF/UA-1 7.2 makes requirements
NESTING: dict[str, tuple[str, Callable[[TaggedPdf], None], Callable[[TaggedPdf], None]]] = {
    "7.2-t03": ("caption-in-the-middle",
                tree(("Table", [HEAD, CAPTION, BODY])), TABLE_OK),
    "7.2-t04": ("tr-in-sect", tree(("Sect", [row()])), TABLE_OK),
    "7.2-t05": ("thead-in-sect", tree(("Sect", [HEAD])), TABLE_OK),
    "7.2-t06": ("tbody-in-sect", tree(("Sect", [BODY])), TABLE_OK),
    "7.2-t07": ("tfoot-in-sect", tree(("Sect", [FOOT])), TABLE_OK),
    "7.2-t08": ("th-in-tbody", tree(("Table", [("TBody", [("TH", "A header")])])), TABLE_OK),
    "7.2-t09": ("td-in-table", tree(("Table", [("TD", "A cell")])), TABLE_OK),
    "7.2-t10": ("tr-holds-p", tree(("Table", [("TBody", [("TR", [("P", "Text")])])])),
                TABLE_OK),
    "7.2-t11": ("two-theads", tree(("Table", [HEAD, HEAD, BODY])), TABLE_OK),
    "7.2-t12": ("two-tfoots", tree(("Table", [BODY, FOOT, FOOT])), TABLE_OK),
    "7.2-t13": ("tfoot-without-tbody", tree(("Table", [row(), FOOT])), TABLE_OK),
    "7.2-t14": ("thead-without-tbody", tree(("Table", [HEAD, row()])), TABLE_OK),
    "7.2-t18": ("lbody-in-l", tree(("L", [("LBody", "Body")])), LIST_OK),
    "7.2-t19": ("caption-last-in-l", tree(("L", [ITEM, CAPTION])), LIST_OK),
    "7.2-t20": ("li-holds-p", tree(("L", [("LI", [("P", "Text")])])), LIST_OK),
    "7.2-t26": ("toci-in-sect", tree(("Sect", [TOCI])), TOC_OK),
}


def outline_language(doc: TaggedPdf) -> None:
    """Headings with a language of their own, and bookmarks that mirror them."""
    page = doc.page()
    sect = doc.elem("Sect", Lang=String("en"))
    doc.text(doc.elem("H1", sect), page, "A title")
    doc.text(doc.elem("P", sect), page, "A paragraph.")
    doc.outline("A title")


def described(key: str, *, lang: bool, marked_content: bool = False
              ) -> Callable[[TaggedPdf], None]:
    """A text with an /Alt, /ActualText or /E (on its element, or on its marked content's
    property list) in a document without a catalog /Lang; the rest of the text is in a
    Sect with a /Lang, so only the described text can lack one."""
    def build(doc: TaggedPdf) -> None:
        page = doc.page()
        sect = doc.elem("Sect", Lang=String("en"))
        doc.text(doc.elem("P", sect), page, "Some text in English.")
        extra = {"Lang": String("en")} if lang else {}
        if marked_content:
            props = f" /{key} (words)" + (" /Lang (en)" if lang else "")
            doc.text(doc.elem("Span"), page, "w.", props=props)
        else:
            doc.text(doc.elem("Span", **{f"{key}": String("words")}, **extra), page, "w.")
    build.__name__ = f"{key.lower()}_{'with' if lang else 'without'}_lang"
    return build


def no_struct_tree(doc: TaggedPdf) -> None:
    BASE(doc)
    doc.pdf.Root.MarkInfo.Marked = True
    del doc.pdf.Root["/StructTreeRoot"]


def not_embedded(doc: TaggedPdf) -> None:
    BASE(doc)
    del doc.font.FontDescriptor["/FontFile2"]  # type: ignore[union-attr]


def notdef(doc: TaggedPdf) -> None:
    """A simple font whose /Differences name .notdef for the code of "A"."""
    BASE(doc)
    doc.font.Encoding = Dictionary(  # type: ignore[union-attr]
        Type=Name.Encoding, BaseEncoding=Name.WinAnsiEncoding,
        Differences=Array([65, Name("/.notdef")]))


def td_headers(resolving: bool) -> Callable[[TaggedPdf], None]:
    def build(doc: TaggedPdf) -> None:
        page = doc.page()
        table = doc.elem("Table")
        head = doc.elem("TR", doc.elem("THead", table))
        doc.text(doc.elem("TH", head, ID=String("h1"),
                          A=Dictionary(O=Name.Table, Scope=Name.Column)), page, "Header")
        body = doc.elem("TR", doc.elem("TBody", table))
        target = "h1" if resolving else "nowhere"
        doc.text(doc.elem("TD", body, A=Dictionary(O=Name.Table,
                                                   Headers=Array([String(target)]))),
                 page, "Cell")
    build.__name__ = f"td_headers_{'resolving' if resolving else 'dangling'}"
    return build


def link_tabs(tabs: bool) -> Callable[[TaggedPdf], None]:
    def build(doc: TaggedPdf) -> None:
        page = doc.page()
        doc.link(doc.elem("P"), page, "Read the report", tabs=tabs)
    build.__name__ = f"link_tabs_{tabs}"
    return build


def annotation_language(lang: bool) -> Callable[[TaggedPdf], None]:
    """No catalog /Lang; the link's text has a language on its marked content, the
    annotation's /Contents only through its Link element's /Lang (or not at all)."""
    def build(doc: TaggedPdf) -> None:
        page = doc.page()
        extra = {"Lang": String("en")} if lang else {}
        doc.link(None, page, "Read the report", props=" /Lang (en)", **extra)
    build.__name__ = f"annotation_language_{lang}"
    return build


def form_painted(times: int) -> Callable[[TaggedPdf], None]:
    def build(doc: TaggedPdf) -> None:
        page = doc.page()
        doc.text(doc.elem("H1"), page, "A title")
        doc.form(doc.elem("P"), page, "Text in a form.", paints=times)
        doc.outline("A title")
    build.__name__ = f"form_painted_{times}"
    return build


def no_metadata(doc: TaggedPdf) -> None:
    BASE(doc)
    del doc.pdf.Root["/Metadata"]


def no_display_title(doc: TaggedPdf) -> None:
    BASE(doc)
    doc.pdf.Root.ViewerPreferences.DisplayDocTitle = False


def suspects(doc: TaggedPdf) -> None:
    BASE(doc)
    doc.pdf.Root.MarkInfo.Suspects = True


@dataclass(frozen=True)
class Fixture:
    name: str
    rule: str  # the veraPDF corpus rule (clause-tNN) this file is a case of
    fails: bool  # True: the file fails that rule
    build: Callable[[TaggedPdf], None]
    options: tuple[tuple[str, object], ...] = ()  # TaggedPdf keywords (no catalog /Lang…)

    def write(self, folder: Path) -> Path:
        doc = TaggedPdf(**dict(self.options))
        self.build(doc)
        verdict = "fail" if self.fails else "pass"
        return doc.save(folder / f"{self.rule}-{verdict}-ours-{self.name}.pdf")


NO_LANG = (("lang", None),)
FIXTURES: tuple[Fixture, ...] = (
    Fixture("li-outside-l", "7.2-t17", True, li_outside_l),
    Fixture("lists", "7.2-t17", False, _list),
    Fixture("toc-caption-last", "7.2-t27", True, toc_caption_last),
    Fixture("toc-caption-first", "7.2-t27", False, toc_caption_first),
    Fixture("p-mapped-to-p", "7.1-t06", True, role_mapped("P", P="P")),
    Fixture("nonstandard-cycle", "7.1-t06", True, role_mapped("Para", Para="Body", Body="Para")),
    Fixture("nonstandard-mapped", "7.1-t06", False, role_mapped("Para", Para="P")),
    Fixture("thead-holds-span", "7.2-t36", True, _table_group("THead")),
    Fixture("tbody-holds-span", "7.2-t37", True, _table_group("TBody")),
    Fixture("tfoot-holds-span", "7.2-t38", True, _table_group("TFoot")),
    Fixture("table", "7.2-t36", False, clean_table),
    Fixture("table", "7.2-t37", False, clean_table),
    Fixture("table", "7.2-t38", False, clean_table),
    Fixture("tounicode-0000", "7.21.7-t02", True, tounicode_value("0000")),
    Fixture("tounicode-0041", "7.21.7-t02", False, tounicode_value("0041")),
    Fixture("title-xml-lang", "7.2-t33", False, title_language_only,
            (*NO_LANG, ("title_lang", "en"))),
    Fixture("no-language", "7.2-t34", True, no_language_anywhere, NO_LANG),
    Fixture("p-lang", "7.2-t34", False, title_language_only, (*NO_LANG, ("title_lang", "en"))),
    Fixture("lang-nine-letters", "7.2-t29", True, lang_tag("portugues-BR")),
    Fixture("lang-digit-primary", "7.2-t29", True, lang_tag("1en")),
    Fixture("lang-eight-letters", "7.2-t29", False, lang_tag("portugue")),
    Fixture("marked-content-lang-nine-letters", "7.2-t29", True,
            marked_content_lang("portugues")),
    Fixture("marked-content-lang", "7.2-t34", False, marked_content_lang("en"),
            (*NO_LANG, ("title_lang", "en"))),
    Fixture("no-metadata", "7.1-t08", True, no_metadata),
    Fixture("base", "7.1-t08", False, BASE),
    Fixture("display-doc-title-false", "7.1-t10", True, no_display_title),
    Fixture("base", "7.1-t10", False, BASE),
    Fixture("suspects", "7.1-t04", True, suspects),
    Fixture("base", "7.1-t04", False, BASE),
    Fixture("outline-without-language", "7.2-t02", True, outline_language,
            (*NO_LANG, ("title_lang", "en"))),
    Fixture("outline-with-catalog-lang", "7.2-t02", False, outline_language),
    Fixture("no-pdfuaid", "5-t01", True, BASE, (("part", None),)),
    Fixture("base", "5-t01", False, BASE),
    Fixture("part-2", "5-t02", True, BASE, (("part", "2"),)),
    Fixture("base", "5-t02", False, BASE),
    Fixture("document-as-book", "7.1-t07", True, role_mapped("P", Document="Book")),
    Fixture("base", "7.1-t07", False, BASE),
    Fixture("unmapped-type", "7.1-t05", True, role_mapped("Para")),
    Fixture("nonstandard-mapped", "7.1-t05", False, role_mapped("Para", Para="P")),
    Fixture("no-dc-title", "7.1-t09", True, BASE, (("title", None),)),
    Fixture("base", "7.1-t09", False, BASE),
    Fixture("no-struct-tree-root", "7.1-t11", True, no_struct_tree),
    Fixture("base", "7.1-t11", False, BASE),
    Fixture("font-not-embedded", "7.21.4.1-t01", True, not_embedded),
    Fixture("base", "7.21.4.1-t01", False, BASE),
    Fixture("differences-to-notdef", "7.21.8-t01", True, notdef),
    Fixture("base", "7.21.8-t01", False, BASE),
    Fixture("link-without-tabs", "7.18.3-t01", True, link_tabs(False)),
    Fixture("link-with-tabs", "7.18.3-t01", False, link_tabs(True)),
    Fixture("contents-without-language", "7.2-t24", True, annotation_language(False),
            (*NO_LANG, ("title_lang", "en"))),
    Fixture("contents-language-from-link", "7.2-t24", False, annotation_language(True),
            (*NO_LANG, ("title_lang", "en"))),
    Fixture("form-with-mcid-painted-twice", "7.20-t02", True, form_painted(2)),
    Fixture("form-with-mcid-painted-once", "7.20-t02", False, form_painted(1)),
    Fixture("td-headers-dangling", "7.5-t02", True, td_headers(False)),
    Fixture("td-headers-resolving", "7.5-t02", False, td_headers(True)),
    *(Fixture(f"{key.lower()}{where}-{'with' if lang else 'without'}-lang", rule, not lang,
              described(key, lang=lang, marked_content=mc), (*NO_LANG, ("title_lang", "en")))
      for rule, key, mc in (("7.2-t21", "ActualText", False), ("7.2-t22", "Alt", False),
                            ("7.2-t23", "E", False), ("7.2-t30", "ActualText", True),
                            ("7.2-t31", "Alt", True), ("7.2-t32", "E", True))
      for where in ["-on-marked-content" if mc else ""]
      for lang in (False, True)),
    Fixture("tr-in-div", "7.2-t04", True, tree(("Div", [row()]))),
    Fixture("tbody-in-div", "7.2-t06", True, tree(("Div", [BODY]))),
    Fixture("th-in-table", "7.2-t08", True, tree(("Table", [("TH", "A header")]))),
    Fixture("thead-holds-td", "7.2-t36", True,
            tree(("Table", [("THead", [("TD", "A cell")]), BODY]))),
    Fixture("tbody-holds-p", "7.2-t37", True, tree(("Table", [("TBody", [("P", "Text")])]))),
    Fixture("tfoot-holds-td", "7.2-t38", True,
            tree(("Table", [BODY, ("TFoot", [("TD", "A cell")])]))),
    *(f for rule, (name, bad, good) in NESTING.items()
      for f in (Fixture(name, rule, True, bad), Fixture("well-formed", rule, False, good))),
)


def write_all(folder: Path) -> dict[str, tuple[Fixture, Path]]:
    """Write every fixture under ``folder``: file name → (fixture, path)."""
    folder.mkdir(parents=True, exist_ok=True)
    out = {}
    for f in FIXTURES:
        path = f.write(folder)
        out[path.name] = (f, path)
    return out


# ---------------------------------------------------------------------------------------------
# the check benchmark's inputs
# ---------------------------------------------------------------------------------------------


def many_pages(path: Path, pages: int, paragraphs: int = 20) -> Path:
    """``pages`` pages of ``paragraphs`` tagged paragraphs each, under one heading."""
    doc = TaggedPdf(title="Many pages")
    sect = doc.elem("Sect")
    doc.text(doc.elem("H1", sect), doc.page(), "Many pages")
    for i in range(pages):
        page = i if i == 0 else doc.page()
        for j in range(paragraphs):
            doc.text(doc.elem("P", sect), page, f"Paragraph {j + 1} of page {i + 1}.")
    return doc.save(path)


def wide_table(path: Path, columns: int, rows: int = 2) -> Path:
    """One page with a table of ``rows`` rows of ``columns`` cells (a header row first)."""
    doc = TaggedPdf(title="A wide table")
    page = doc.page()
    table = doc.elem("Table")
    for r in range(rows):
        group = doc.elem("THead" if r == 0 else "TBody", table)
        row = doc.elem("TR", group)
        for c in range(columns):
            attrs = {"A": Dictionary(O=Name.Table, Scope=Name.Column)} if r == 0 else {}
            doc.text(doc.elem("TH" if r == 0 else "TD", row, **attrs), page, f"{r}.{c}")
    return doc.save(path)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__.strip().splitlines()[-1].strip())
    for _fixture, path in write_all(Path(sys.argv[1])).values():
        print(path)
