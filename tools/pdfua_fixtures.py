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
   <dc:title><rdf:Alt><rdf:li xml:lang="{title_lang}">{title}</rdf:li></rdf:Alt></dc:title>
   <pdfuaid:part>1</pdfuaid:part>
  </rdf:Description>
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

    def __init__(self, *, lang: str | None = "en", title: str = "A minimal tagged PDF",
                 title_lang: str = "x-default", font: bool = True) -> None:
        self.pdf = pikepdf.new()
        root = self.pdf.Root
        if lang is not None:
            root.Lang = String(lang)
        root.MarkInfo = Dictionary(Marked=True)
        root.ViewerPreferences = Dictionary(DisplayDocTitle=True)
        xmp = XMP.format(title=title, title_lang=title_lang).encode("utf-8")
        root.Metadata = self.pdf.make_stream(xmp, Type=Name.Metadata, Subtype=Name.XML)
        self.struct_root = self.pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot,
                                                             K=Array()))
        root.StructTreeRoot = self.struct_root
        self.document = self.elem("Document", parent=self.struct_root)
        self.font = self._font() if font else None
        self.pages: list[pikepdf.Dictionary] = []
        self.content: list[list[bytes]] = []
        self.owners: list[list[pikepdf.Dictionary]] = []

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

    def save(self, path: Path) -> Path:
        nums = Array()
        for i, page in enumerate(self.pages):
            page.Contents = self.pdf.make_stream(b"".join(self.content[i]))
            page.StructParents = i
            nums.extend([i, self.pdf.make_indirect(Array(self.owners[i]))])
        self.struct_root.ParentTree = self.pdf.make_indirect(Dictionary(Nums=nums))
        self.struct_root.ParentTreeNextKey = len(self.pages)
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


def standard_mapped_to_itself(doc: TaggedPdf) -> None:
    _paragraph(doc)
    doc.role_map(P="P")


def nonstandard_cycle(doc: TaggedPdf) -> None:
    _paragraph(doc, "Para")
    doc.role_map(Para="Body", Body="Para")


def nonstandard_mapped(doc: TaggedPdf) -> None:
    _paragraph(doc, "Para")
    doc.role_map(Para="P")


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
    Fixture("p-mapped-to-p", "7.1-t06", True, standard_mapped_to_itself),
    Fixture("nonstandard-cycle", "7.1-t06", True, nonstandard_cycle),
    Fixture("nonstandard-mapped", "7.1-t06", False, nonstandard_mapped),
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
