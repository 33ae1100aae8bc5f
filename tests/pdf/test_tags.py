"""The structure-tree builder, checked on the PDFs it writes (pikepdf, poppler)."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import threading
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pikepdf
import pytest
import weasyprint
import weasyprint.pdf

from renderer.errors import AccessibilityError
from renderer.model import Metadata
from renderer.pdf.metadata import ArticleXmp
from renderer.pdf.structure_dump import dump_structure
from renderer.pdf.tags import HTML_TO_PDF_ROLE, Defect, own_tagging

from ..conftest import check_edition
from .article_fixture import ROOT, article_html, png_data_uri

GOLDEN = Path(__file__).parent / "golden"
MOMENT = dt.datetime(2015, 5, 6, 12, tzinfo=dt.UTC)
XMP_META = Metadata(title="Coalition gains ground", language="en", authors=("A. Reporter",),
                    description="A test article for the structure-tree builder.",
                    date=MOMENT.date())


def render(html: str, path: Path, *, own: bool = True, strict: bool = False):
    """Write ``html`` with WeasyPrint's tagging (``own=False``) or ours. Ours gets the XMP
    write_pdf gives (ArticleXmp) and goes through the suite's PDF checks."""
    document = weasyprint.HTML(string=html, base_url=str(ROOT) + "/")
    if not own:
        document.write_pdf(path, pdf_variant="pdf/ua-1")
        return None
    laid_out = document.render()
    lang = re.search(r'<html[^>]*\slang="([^"]*)"', html)  # as write_pdf: the article's
    meta = replace(XMP_META, language=lang.group(1) if lang else None)
    laid_out.metadata = ArticleXmp(meta, moment=MOMENT, claim_pdfua=lambda: True)
    with own_tagging(strict=strict) as result:
        laid_out.write_pdf(path, pdf_variant="pdf/ua-1")
    check_edition(path.read_bytes(), ".pdf")
    return result


@pytest.fixture(scope="module")
def article(tmp_path_factory):
    folder = tmp_path_factory.mktemp("article")
    html = article_html()
    own, raw = folder / "own.pdf", folder / "raw.pdf"
    result = render(html, own)
    render(html, raw, own=False)
    return {"html": html, "own": own, "raw": raw, "result": result}


@pytest.fixture(scope="module")
def pdf(article):
    with pikepdf.open(article["own"]) as document:
        yield document


# ----------------------------------------------------------------------------- helpers
def walk(element, parent=None):
    """Yield (struct elem, parent struct elem) in document order."""
    yield element, parent
    kids = element.get("/K")
    kids = kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []
    for kid in kids:
        if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") not in ("/MCR", "/OBJR"):
            yield from walk(kid, element)


def elements(pdf):
    root = pdf.Root.StructTreeRoot
    return list(walk(root.K[0] if isinstance(root.K, pikepdf.Array) else root.K))


def of_type(pdf, role):
    return [e for e, _ in elements(pdf) if pikepdf.Name("/" + role) == e.S]


def kids(element):
    value = element.get("/K")
    if value is None:
        return []
    return list(value) if isinstance(value, pikepdf.Array) else [value]


def content_pages(element):
    """Object numbers of the pages holding the element's own marked content."""
    pages = set()
    for kid in kids(element):
        if isinstance(kid, int):
            pages.add(element.Pg.objgen)
        elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
            pages.add(kid.get("/Pg", element.Pg).objgen)
    return pages


def attribute(element, name):
    attributes = element.get("/A")
    if attributes is None:
        return None
    for entry in attributes if isinstance(attributes, pikepdf.Array) else [attributes]:
        if name in entry:
            return entry[name]
    return None


def marked_contents(page):
    """(tag, properties) of every BDC/BMC on a page content stream, in order."""
    found = []
    for operands, operator in pikepdf.parse_content_stream(page):
        if str(operator) == "BDC":
            found.append((str(operands[0]), operands[1]))
        elif str(operator) == "BMC":
            found.append((str(operands[0]), None))
    return found


def source_count(html, tag):
    return len(re.findall(rf"<{tag}[\s>]", html))


# ----------------------------------------------------------------------------- tests
def test_patch_is_scoped():
    original = weasyprint.pdf.add_tags
    with own_tagging():
        assert weasyprint.pdf.add_tags is not original
    assert weasyprint.pdf.add_tags is original


def test_article_spans_many_pages(pdf):
    assert len(pdf.pages) >= 8


def test_one_p_per_source_paragraph(article, pdf):
    paragraphs = of_type(pdf, "P")
    assert len(paragraphs) == source_count(article["html"], "p")
    # The test is only meaningful if paragraphs do cross pages.
    assert sum(len(content_pages(p)) > 1 for p in paragraphs) >= 2


def test_pdfinfo_struct_text_agrees(article):
    def count(path):
        out = subprocess.run(
            ["pdfinfo", "-struct-text", str(path)], capture_output=True, text=True,
            check=True).stdout
        return Counter(line.split()[0] for line in out.splitlines() if line.strip())

    own, raw = count(article["own"]), count(article["raw"])
    expected = source_count(article["html"], "p")
    assert own["P"] == expected
    assert raw["P"] > expected  # WeasyPrint splits paragraphs per page
    assert own["Table"] == 1
    assert own["Part"] == 1
    assert raw["Part"] > 1
    assert own["NonStruct"] == 0


def test_one_table_one_thead_crossing_pages(pdf):
    tables = of_type(pdf, "Table")
    assert len(tables) == 1
    assert len(of_type(pdf, "THead")) == 1
    table = tables[0]
    children = [k.S for k in kids(table) if isinstance(k, pikepdf.Dictionary)]
    assert children[:3] == ["/Caption", "/THead", "/TBody"]
    rows = [e for e, _ in walk(table) if e.S == "/TR"]
    assert len(rows) == 31
    pages = set()
    for row in rows:
        for cell in kids(row):
            pages |= content_pages(cell)
    assert len(pages) >= 2, "the table should cross a page"


def test_repeated_table_header_is_pagination_artifact(pdf):
    pages_with_header = [
        page for page in pdf.pages
        if any(tag == "/Artifact" and props is not None and props.get("/Type") == "/Pagination"
               and "/Subtype" not in props for tag, props in marked_contents(page))
    ]
    assert pages_with_header, "repeated thead rows must be artifacts"


def test_margin_boxes_are_pagination_artifacts(pdf):
    for page in pdf.pages:
        kinds = {
            str(props.get("/Subtype"))
            for tag, props in marked_contents(page)
            if tag == "/Artifact" and props is not None and props.get("/Type") == "/Pagination"
        }
        assert {"/Header", "/Footer"} <= kinds


def test_page_numbers_not_in_tree(article):
    dump = dump_structure(article["own"])
    assert "Page 1 of" not in dump
    assert "Page 2 of" not in dump


def test_mcids_and_parent_tree_match(pdf):
    root = pdf.Root.StructTreeRoot
    nums = list(root.ParentTree.Nums)
    tree = dict(zip((int(k) for k in nums[::2]), nums[1::2], strict=True))
    for page in pdf.pages:
        mcids = [
            int(props.MCID) for tag, props in marked_contents(page)
            if props is not None and "/MCID" in props
        ]
        assert sorted(mcids) == list(range(len(mcids))), "MCIDs 0..n-1, no gaps, no repeats"
        entry = tree[int(page.StructParents)]
        assert len(entry) == len(mcids)
        for mcid, owner in enumerate(entry):
            holds = any(
                (isinstance(k, int) and k == mcid and owner.Pg.objgen == page.objgen)
                or (isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/MCR"
                    and int(k.MCID) == mcid and k.Pg.objgen == page.objgen)
                for k in kids(owner))
            assert holds, f"ParentTree entry {mcid} does not hold its MCID"
    # Every annotation maps to the Link that holds its OBJR.
    annotations = [a for page in pdf.pages for a in page.get("/Annots", [])]
    assert annotations
    for annotation in annotations:
        link = tree[int(annotation.StructParent)]
        assert link.S == "/Link"
        assert any(
            isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/OBJR"
            and k.Obj.objgen == annotation.objgen for k in kids(link))
    assert int(root.ParentTreeNextKey) == max(tree) + 1


def test_every_struct_mcid_is_in_parent_tree(pdf):
    nums = list(pdf.Root.StructTreeRoot.ParentTree.Nums)
    tree = dict(zip((int(k) for k in nums[::2]), nums[1::2], strict=True))
    by_page = {page.objgen: int(page.StructParents) for page in pdf.pages}
    for element, _ in elements(pdf):
        for kid in kids(element):
            if isinstance(kid, int):
                page = element.Pg.objgen
            elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
                page, kid = kid.Pg.objgen, int(kid.MCID)
            else:
                continue
            assert tree[by_page[page]][kid].objgen == element.objgen


def test_pages_keep_tab_order(pdf):
    assert all(page.Tabs == "/S" for page in pdf.pages if "/Annots" in page)


def test_figures(pdf, article):
    figures = of_type(pdf, "Figure")
    assert len(figures) == 1, "decorative image must not be a Figure"
    figure = figures[0]
    assert str(figure.Alt) == "Map of the river valley with the front line"
    assert [k.S for k in kids(figure) if isinstance(k, pikepdf.Dictionary)] == ["/Caption"]
    assert any(isinstance(k, int) for k in kids(figure)), "the image content is in the Figure"
    assert attribute(figure, "/BBox") is not None
    # The decorative image is drawn inside an Artifact.
    decorative = 0
    for page in pdf.pages:
        depth_artifact = []
        for operands, operator in pikepdf.parse_content_stream(page):
            op = str(operator)
            if op in ("BDC", "BMC"):
                depth_artifact.append(str(operands[0]) == "/Artifact")
            elif op == "EMC":
                depth_artifact.pop()
            elif op == "Do" and str(operands[0]).startswith("/i"):
                decorative += bool(depth_artifact and depth_artifact[-1])
    assert decorative == 1


def test_lang_abbr_and_time(pdf):
    spans = of_type(pdf, "Span")
    assert [str(s.Lang) for s in spans if "/Lang" in s] == ["fr"]
    assert [str(s.E) for s in spans if "/E" in s] == ["Combined Joint Task Force"]
    assert str(pdf.Root.Lang) == "en"


def test_table_scope_ids_headers(pdf):
    headers = of_type(pdf, "TH")
    ids = [str(h.ID) for h in headers]
    assert len(ids) == len(set(ids)) == 33
    scopes = Counter(str(attribute(h, "/Scope")) for h in headers)
    assert scopes == {"/Column": 3, "/Row": 30}
    cells = of_type(pdf, "TD")
    assert len(cells) == 60
    first = [str(h) for h in attribute(cells[0], "/Headers")]
    assert first == [ids[1], ids[3]]  # "Families" column + "Town 1" row
    id_tree = pdf.Root.StructTreeRoot.IDTree.Names
    assert sorted(str(n) for n in id_tree[::2]) == sorted(ids)


def test_lists(pdf):
    lists = of_type(pdf, "L")
    numbering = [str(attribute(element, "/ListNumbering")) for element in lists]
    assert numbering == ["/Disc", "/Decimal", "/LowerRoman"]
    for element, parent in elements(pdf):
        if element.S == "/L":
            assert parent.S != "/L", "nested lists go inside the item's LBody"
        if element.S == "/LI":
            assert [k.S for k in kids(element)] == ["/Lbl", "/LBody"]
    nested = lists[1]
    assert nested.P.S == "/LBody"


def test_toc(pdf):
    tocs = of_type(pdf, "TOC")
    assert len(tocs) == 1
    items = kids(tocs[0])
    assert [i.S for i in items] == ["/TOCI"] * 3
    for item in items:
        assert "/Link" in [k.S for k in kids(item)]


def test_links(pdf):
    links = of_type(pdf, "Link")
    for element, parent in elements(pdf):
        if element.S == "/Link":
            ancestor = parent
            while ancestor is not None and "/S" in ancestor:
                assert ancestor.S != "/Link", "no Link inside Link"
                ancestor = ancestor.get("/P")
    contents = {
        str(k.Obj.Contents) for link in links for k in kids(link)
        if isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/OBJR"}
    assert "the full report" in contents
    assert "Section: Section 2 heading" in contents
    assert not any(c.startswith(("#", "http", "sec-")) for c in contents)
    # The a::after generated text belongs to the same single Link.
    external = [
        link for link in links
        if any(isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/OBJR"
               and str(k.Obj.Contents) == "the full report" for k in kids(link))]
    assert len(external) == 1


def test_no_nonstruct_and_roles_are_standard(pdf):
    standard = {
        "Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI",
        "Index", "P", "H1", "H2", "H3", "H4", "H5", "H6", "L", "LI", "Lbl", "LBody", "Table",
        "TR", "TH", "TD", "THead", "TBody", "TFoot", "Span", "Quote", "Note", "Reference",
        "Code", "Link", "Annot", "Ruby", "RB", "RT", "RP", "Figure", "Formula", "Form"}
    used = {str(e.S)[1:] for e, _ in elements(pdf)}
    assert used <= standard


def test_text_unchanged_against_weasyprint(article):
    def text(path):
        return subprocess.run(
            ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
            check=True).stdout

    assert text(article["own"]) == text(article["raw"])


def test_no_defects_on_clean_article(article):
    assert article["result"].defects == []
    assert article["result"].built


def test_golden_dump(article):
    dump = dump_structure(article["own"])
    golden = GOLDEN / "article.txt"
    if os.environ.get("RENDERER_REGEN_GOLDEN") == "1":
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(dump, encoding="utf-8")
    assert dump == golden.read_text(encoding="utf-8")


# ----------------------------------------------------------------------------- defects
SMALL = """<!DOCTYPE html><html{lang}><head><title>t</title></head><body>{body}</body></html>"""


def small(tmp_path, body, *, lang=' lang="en"', strict=False):
    path = tmp_path / "small.pdf"
    result = render(SMALL.format(lang=lang, body=body), path, strict=strict)
    return result, path


@pytest.mark.defective_edition
def test_missing_alt_is_a_defect_and_never_invented(tmp_path):
    result, path = small(tmp_path, f'<h1>T</h1><p><img src="{png_data_uri()}"></p>')
    assert [d.code for d in result.defects] == ["missing-alt"]
    with pikepdf.open(path) as pdf:
        figures = of_type(pdf, "Figure")
        assert len(figures) == 1 and "/Alt" not in figures[0]


def test_strict_raises_before_writing(tmp_path):
    with pytest.raises(AccessibilityError, match="alt"):
        small(tmp_path, f'<h1>T</h1><img src="{png_data_uri()}">', strict=True)
    assert not (tmp_path / "small.pdf").exists() or (tmp_path / "small.pdf").stat().st_size == 0


@pytest.mark.defective_edition
def test_heading_defects(tmp_path):
    result, _ = small(tmp_path, "<h2>a</h2><h1>b</h1><h1>c</h1><h4>d</h4>")
    assert [d.code for d in result.defects] == [
        "first-heading-not-h1", "multiple-h1", "skipped-heading-level"]
    assert all(isinstance(d, Defect) and d.element_desc for d in result.defects)


@pytest.mark.defective_edition
def test_missing_document_lang(tmp_path):
    result, _ = small(tmp_path, "<h1>T</h1><p>x</p>", lang="")
    assert [d.code for d in result.defects] == ["missing-lang"]


def test_role_presentation_and_aria_hidden_are_artifacts(tmp_path):
    uri = png_data_uri()
    _, path = small(
        tmp_path, f'<h1>T</h1><p><img src="{uri}" role="presentation" alt="x">'
        f'<img src="{uri}" aria-hidden="true" alt="y"><hr></p>')
    with pikepdf.open(path) as pdf:
        assert of_type(pdf, "Figure") == []


def test_dl_blockquote_q_code(tmp_path):
    _, path = small(
        tmp_path, "<h1>T</h1><dl><dt>Term</dt><dd>Definition</dd></dl>"
        "<blockquote><p>Said <q>this</q> with <code>x = 1</code>.</p></blockquote>"
        '<aside role="note"><p>A note.</p></aside>')
    with pikepdf.open(path) as pdf:
        items = of_type(pdf, "LI")
        assert [k.S for k in kids(items[0])] == ["/Lbl", "/LBody"]
        assert len(of_type(pdf, "BlockQuote")) == 1
        assert len(of_type(pdf, "Quote")) == 1
        assert len(of_type(pdf, "Code")) == 1
        notes = of_type(pdf, "Note")
        assert len(notes) == 1 and "/ID" in notes[0]


def test_other_threads_keep_weasyprint_tagging(tmp_path):
    """A write in another thread during the block is not routed to our builder."""
    html = SMALL.format(lang=' lang="en"', body="<main><h1>T</h1><p>x</p></main>")
    seen = {}

    def other():
        weasyprint.HTML(string=html).write_pdf(tmp_path / "other.pdf", pdf_variant="pdf/ua-1")
        seen["done"] = True

    with own_tagging() as result:
        thread = threading.Thread(target=other)
        thread.start()
        thread.join()
    assert seen["done"] and not result.built
    with pikepdf.open(tmp_path / "other.pdf") as pdf:
        assert of_type(pdf, "Part")


def test_role_table_is_declarative():
    assert HTML_TO_PDF_ROLE["p"] == "P"
    assert HTML_TO_PDF_ROLE["main"] == "Part"
    assert "NonStruct" not in HTML_TO_PDF_ROLE.values()


def test_opacity_group_and_fixed_box(tmp_path):
    """Content drawn in a form XObject is referenced with MCR /Stm and its own ParentTree
    key; a position: fixed box repeated on every page is tagged once."""
    _, path = small(
        tmp_path, '<h1>T</h1><p style="opacity: .5">faded <em>text</em></p>'
        '<div style="position: fixed; top: 0">fixed</div>'
        '<p style="break-before: page">two</p>')
    with pikepdf.open(path) as pdf:
        root = pdf.Root.StructTreeRoot
        nums = list(root.ParentTree.Nums)
        tree = dict(zip((int(k) for k in nums[::2]), nums[1::2], strict=True))
        faded = of_type(pdf, "P")[0]
        mcrs = [k for k in kids(faded) if isinstance(k, pikepdf.Dictionary)]
        assert mcrs and all("/Stm" in k for k in mcrs)
        form = mcrs[0].Stm
        entry = tree[int(form.StructParents)]
        assert [e.objgen for e in entry] == [faded.objgen] * len(mcrs)
        assert int(root.ParentTreeNextKey) == max(tree) + 1
        assert len(of_type(pdf, "Div")) == 1
        assert dump_structure(path).count("'fixed'") == 1
        repeated = marked_contents(pdf.pages[1])
        assert any(tag == "/Artifact" and props is not None
                   and props.get("/Type") == "/Pagination" for tag, props in repeated)


def test_svg_text_is_part_of_its_figure_not_read_out_of_order(tmp_path):
    """An SVG figure with <text> is drawn after the page's text (its own stacking
    context); its letters are the image's, stated by /Alt, so they are an Artifact
    between the Figure's pieces, and the caption is read after the figure."""
    from renderer.check import check
    from renderer.cli import main

    (tmp_path / "chart.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100">'
        '<rect width="100" height="100" fill="#336699"/><text x="10" y="50">hi</text></svg>',
        "utf-8",
    )
    (tmp_path / "story.md").write_text(
        "---\ntitle: Chart story\nauthor: Lee Park\ndate: 2024-05-06\nlanguage: en\n---\n\n"
        "The harbor office published a chart.\n\n"
        '![Bar chart of tide levels](chart.svg "Tide levels in May")\n\nThe end.\n',
        "utf-8",
    )
    out = tmp_path / "out"
    assert main(["build", str(tmp_path / "story.md"), "--format", "pdf", "-o", str(out)]) == 0
    pdf_path = out / "story.pdf"
    assert [f.code for f in check(pdf_path).findings if f.severity != "info"] == []
    dump = dump_structure(pdf_path)
    assert "Figure Alt=\"Bar chart of tide levels\"\n" in dump
    assert "Caption 'Tide levels in May'" in dump
    assert "hi" not in dump
    with pikepdf.open(pdf_path) as pdf:
        figure = of_type(pdf, "Figure")[0]
        assert any(isinstance(k, int) for k in kids(figure)), "the drawing is in the Figure"
