"""The PDF/UA inspector: known WeasyPrint 70 defects, the veraPDF corpus, hostile files."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pikepdf
import pytest

from renderer.check import CODES, Report, Severity, check, check_pdf
from renderer.check.codes import catalogue_markdown, make
from renderer.check.tagtree import CMap

PACKAGE = Path(__file__).resolve().parents[2] / "renderer" / "check"


def codes(report: Report) -> set[str]:
    return {f.code for f in report.findings}


def assert_no_crash(report: Report) -> None:
    assert "PDF-FILE-003" not in codes(report), report.to_text()


# ---- (a) raw WeasyPrint 70 output ------------------------------------------------------------


@pytest.fixture(scope="module")
def raw_report(raw_pdf: Path) -> Report:
    return check_pdf(raw_pdf)


KNOWN_DEFECTS = {
    "PDF-STRUCT-005": "margin boxes (running head, page number) orphaned: not tagged, not Artifact",
    "PDF-SPLIT-001": "one paragraph becomes one P per page",
    "PDF-SPLIT-002": "one table becomes one Table per page with the THead repeated",
    "PDF-SPLIT-004": "<main> becomes one Part per page",
    "PDF-FIG-001": 'alt="" gives a Figure without /Alt',
    "PDF-LIST-003": "nested ul sits directly in the parent L",
    "PDF-LIST-004": "no ListNumbering",
    "PDF-LINK-003": "link /Contents is the URL",
    "PDF-TABLE-006": "TH without /Scope",
}


@pytest.mark.parametrize("code", sorted(KNOWN_DEFECTS))
def test_raw_weasyprint_known_defect_is_reported(raw_report: Report, code: str) -> None:
    assert code in codes(raw_report), f"{KNOWN_DEFECTS[code]}\n{raw_report.to_text()}"


def test_raw_weasyprint_orphans_are_the_margin_boxes(raw_report: Report) -> None:
    orphans = raw_report.by_code("PDF-STRUCT-005")
    pages = {f.location for f in orphans}
    assert len(pages) >= 3  # every page has its running head and number orphaned
    assert all("Running head" in f.message for f in orphans)


def test_raw_weasyprint_things_it_gets_right_are_not_flagged(raw_report: Report) -> None:
    assert_no_crash(raw_report)
    wrong = codes(raw_report) & {
        "PDF-STRUCT-001", "PDF-STRUCT-002", "PDF-STRUCT-006", "PDF-STRUCT-007",
        "PDF-STRUCT-009", "PDF-META-001", "PDF-META-002", "PDF-META-003", "PDF-META-004",
        "PDF-META-005", "PDF-HEAD-001", "PDF-HEAD-002", "PDF-HEAD-004", "PDF-HEAD-006",
        "PDF-FONT-001", "PDF-FONT-002", "PDF-LINK-001", "PDF-LINK-002", "PDF-ANNOT-001",
        "PDF-TABLE-003", "PDF-ORDER-001", "PDF-ORDER-002",
    }
    assert not wrong, raw_report.to_text()
    assert not raw_report.ok


def test_split_paragraph_is_reported_at_the_page_break(raw_report: Report) -> None:
    split = raw_report.by_code("PDF-SPLIT-001")[0]
    assert re.search(r"on page \d+ continues as a new P", split.message)


def _edit(src: Path, dst: Path, fn) -> Path:
    with pikepdf.open(src) as pdf:
        fn(pdf)
        pdf.save(dst)
    return dst


def _elems(pdf: pikepdf.Pdf, role: str):
    stack = list(pdf.Root.StructTreeRoot.K)
    while stack:
        e = stack.pop()
        if isinstance(e, pikepdf.Dictionary) and "/S" in e:
            if str(e.S) == "/" + role:
                yield e
            k = e.get("/K")
            if isinstance(k, pikepdf.Array):
                stack.extend(k)
            elif isinstance(k, pikepdf.Dictionary):
                stack.append(k)


def _set_alt(pdf: pikepdf.Pdf) -> None:
    for e in _elems(pdf, "Figure"):
        e.Alt = pikepdf.String("A red dot")


def _set_numbering(pdf: pikepdf.Pdf) -> None:
    for e in _elems(pdf, "L"):
        e.A = pikepdf.Dictionary(O=pikepdf.Name.List, ListNumbering=pikepdf.Name.Disc)


def _describe_links(pdf: pikepdf.Pdf) -> None:
    for page in pdf.pages:
        for a in page.obj.get("/Annots", []):
            a.Contents = pikepdf.String("The full council report")


@pytest.mark.parametrize(("code", "fix"), [
    ("PDF-FIG-001", _set_alt),
    ("PDF-LIST-004", _set_numbering),
    ("PDF-LINK-003", _describe_links),
])
def test_repairing_the_defect_clears_the_finding(raw_pdf: Path, tmp_path: Path, code: str,
                                                fix) -> None:
    fixed = check_pdf(_edit(raw_pdf, tmp_path / "fixed.pdf", fix))
    assert code not in codes(fixed), fixed.to_text()


def test_reading_order_backwards_across_pages(raw_pdf: Path, tmp_path: Path) -> None:
    def reverse_parts(pdf: pikepdf.Pdf) -> None:
        doc = pdf.Root.StructTreeRoot.K[0]
        doc.K = pikepdf.Array(list(reversed(list(doc.K))))

    report = check_pdf(_edit(raw_pdf, tmp_path / "rev.pdf", reverse_parts))
    assert "PDF-ORDER-001" in codes(report)


def test_reading_order_within_a_page(simple_pdf: Path, tmp_path: Path) -> None:
    def swap_first_two(pdf: pikepdf.Pdf) -> None:
        parent = next(_elems(pdf, "H1")).P
        kids = list(parent.K)
        kids[0], kids[1] = kids[1], kids[0]
        parent.K = pikepdf.Array(kids)

    assert "PDF-ORDER-002" not in codes(check_pdf(simple_pdf))
    report = check_pdf(_edit(simple_pdf, tmp_path / "swap.pdf", swap_first_two))
    assert "PDF-ORDER-002" in codes(report), report.to_text()


def test_expected_text(simple_pdf: Path) -> None:
    same = check_pdf(simple_pdf, expected_text="Short story\nHello quiet  world. Next "
                     "Second paragraph here.")
    assert "PDF-ORDER-003" not in codes(same), same.to_text()
    other = check_pdf(simple_pdf, expected_text="Short story Hello loud world. Next Second "
                      "paragraph here.")
    [finding] = other.by_code("PDF-ORDER-003")
    assert "loud" in finding.message and "quiet" in finding.message
    shorter = check_pdf(simple_pdf, expected_text="Short story Hello quiet world.")
    assert "PDF-ORDER-003" in codes(shorter)


def test_multiple_thead_in_one_table(raw_pdf: Path, tmp_path: Path) -> None:
    def merge_tables(pdf: pikepdf.Pdf) -> None:
        tables = list(_elems(pdf, "Table"))
        first = min(tables, key=lambda t: pdf.pages.index(pikepdf.Page(t.Pg)))
        for other in tables:
            if other.objgen != first.objgen:
                first.K = pikepdf.Array([*first.K, *other.K])

    report = check_pdf(_edit(raw_pdf, tmp_path / "merged.pdf", merge_tables))
    assert "PDF-TABLE-004" in codes(report)


@pytest.mark.parametrize(("code", "where"), [
    ("PDF-LINK-004", "Link[1]/Link[1]"),  # a::after content becomes a Link inside the Link
    ("PDF-TAG-001", "NonStruct"),  # figure/abbr/time/q become NonStruct
    ("PDF-HEAD-003", "H1[2]"),
    ("PDF-HEAD-004", "H3[1]"),
])
def test_raw_weasyprint_inline_semantics(inline_pdf: Path, code: str, where: str) -> None:
    report = check_pdf(inline_pdf)
    assert any(where in f.location for f in report.by_code(code)), report.to_text()


def test_simple_document_is_nearly_clean(simple_pdf: Path) -> None:
    report = check_pdf(simple_pdf)
    assert report.ok, report.to_text()
    assert codes(report) <= {"PDF-META-006", "PDF-STRUCT-008"}


@pytest.mark.parametrize(("lang", "code"), [
    ("fr", None), ("en-GB", None), ("zh-Hant-TW", None), ("x-private", None),
    # well-formed for PDF/UA-1 (ISO 32000-1 14.9.2), refused by the project's stricter rule
    ("english", "PDF-LANG-003"), ("p", "PDF-LANG-003"),
    ("en_GB", "PDF-LANG-001"), ("", "PDF-LANG-001"), ("fr-", "PDF-LANG-001"),
    ("portugues", "PDF-LANG-001"), ("pt-1234abcde", "PDF-LANG-001"),
])
def test_element_lang_shape(simple_pdf: Path, tmp_path: Path, lang: str,
                            code: str | None) -> None:
    def set_lang(pdf: pikepdf.Pdf) -> None:
        next(_elems(pdf, "P")).Lang = pikepdf.String(lang)

    report = check_pdf(_edit(simple_pdf, tmp_path / "lang.pdf", set_lang))
    found = codes(report) & {"PDF-LANG-001", "PDF-LANG-003"}
    assert found == ({code} if code else set()), report.to_text()


def test_outline_must_mirror_headings(simple_pdf: Path, tmp_path: Path) -> None:
    def rename(pdf: pikepdf.Pdf) -> None:
        pdf.Root.Outlines.First.Title = pikepdf.String("Something else")

    def drop(pdf: pikepdf.Pdf) -> None:
        del pdf.Root["/Outlines"]

    assert not codes(check_pdf(simple_pdf)) & {"PDF-HEAD-005", "PDF-HEAD-006"}
    renamed = check_pdf(_edit(simple_pdf, tmp_path / "renamed.pdf", rename))
    assert "PDF-HEAD-006" in codes(renamed)
    dropped = check_pdf(_edit(simple_pdf, tmp_path / "dropped.pdf", drop))
    assert "PDF-HEAD-005" in codes(dropped)


def test_metadata_and_catalog_problems(simple_pdf: Path, tmp_path: Path) -> None:
    def strip(pdf: pikepdf.Pdf) -> None:
        del pdf.Root["/Lang"]
        del pdf.Root["/Metadata"]
        pdf.Root.MarkInfo.Suspects = True

    report = check_pdf(_edit(simple_pdf, tmp_path / "stripped.pdf", strip))
    assert {"PDF-META-005", "PDF-META-001", "PDF-STRUCT-003"} <= codes(report)


def test_orphaned_and_dangling_mcids(simple_pdf: Path, tmp_path: Path) -> None:
    def detach_paragraph(pdf: pikepdf.Pdf) -> None:
        p = next(_elems(pdf, "P"))
        parent = p.P
        parent.K = pikepdf.Array([k for k in parent.K if k.objgen != p.objgen])

    def add_dangling(pdf: pikepdf.Pdf) -> None:
        h1 = next(_elems(pdf, "H1"))
        h1.K = pikepdf.Array([*h1.K, 999])

    orphaned = check_pdf(_edit(simple_pdf, tmp_path / "orphan.pdf", detach_paragraph))
    assert "PDF-STRUCT-005" in codes(orphaned)
    dangling = check_pdf(_edit(simple_pdf, tmp_path / "dangling.pdf", add_dangling))
    assert "PDF-STRUCT-007" in codes(dangling)


# ---- (b) the veraPDF PDF/UA-1 corpus -----------------------------------------------------------

CORPUS_CASES = [
    # code, failing file (must be flagged), passing counterpart (must not be flagged)
    ("PDF-META-002", "5-t01-fail-a.pdf", "5-t01-pass-a.pdf"),
    ("PDF-META-002", "5-t02-fail-a.pdf", "5-t02-pass-a.pdf"),
    ("PDF-META-001", "7.1-t08-fail-a.pdf", "7.1-t09-pass-a.pdf"),
    ("PDF-META-003", "7.1-t09-fail-a.pdf", "7.1-t09-pass-a.pdf"),
    ("PDF-META-004", "7.1-t10-fail-b.pdf", "7.1-t09-pass-a.pdf"),
    ("PDF-STRUCT-001", "7.1-t11-fail-a.pdf", "7.1-t06-pass-a.pdf"),
    ("PDF-STRUCT-003", "7.1-t04-fail-a.pdf", "7.1-t04-pass-a.pdf"),
    ("PDF-STRUCT-009", "7.1-t03-fail-a.pdf", "7.1-t03-pass-b.pdf"),
    ("PDF-STRUCT-009", "7.1-t03-fail-b.pdf", "7.1-t03-pass-b.pdf"),
    ("PDF-STRUCT-010", "7.1-t01-fail-a.pdf", "7.1-t01-pass-a.pdf"),
    ("PDF-STRUCT-011", "7.1-t02-fail-a.pdf", "7.1-t02-pass-a.pdf"),
    ("PDF-ROLE-001", "7.1-t05-fail-a.pdf", "7.1-t06-pass-a.pdf"),
    ("PDF-ROLE-001", "7.1-t05-fail-c.pdf", "7.1-t06-pass-a.pdf"),
    ("PDF-ROLE-002", "7.1-t05-fail-d.pdf", "7.1-t06-pass-a.pdf"),
    ("PDF-ROLE-003", "7.1-t07-fail-a.pdf", "7.1-t07-pass-a.pdf"),
    ("PDF-FIG-001", "7.3-t01-fail-a.pdf", "7.3-t01-pass-a.pdf"),
    ("PDF-FIG-001", "7.3-t01-fail-a.pdf", "7.3-t01-pass-c.pdf"),
    ("PDF-HEAD-002", "7.4.2-t01-fail-a.pdf", "7.4.2-t01-pass-a.pdf"),
    ("PDF-HEAD-004", "7.4.2-t01-fail-b.pdf", "7.4.2-t01-pass-c.pdf"),
    ("PDF-TABLE-003", "7.5-t01-fail-b.pdf", "7.5-t01-pass-a.pdf"),
    ("PDF-LINK-001", "7.18.5-t01-fail-a.pdf", "7.18.5-t01-pass-a.pdf"),
    ("PDF-LINK-001", "7.18.5-t01-fail-a.pdf", "7.18.5-t01-pass-b.pdf"),
    ("PDF-LINK-002", "7.18.5-t02-fail-a.pdf", "7.18.5-t02-pass-a.pdf"),
    ("PDF-LINK-002", "7.18.5-t02-fail-b.pdf", "7.18.5-t02-pass-a.pdf"),
    ("PDF-ANNOT-001", "7.18.3-t01-fail-b.pdf", "7.18.5-t01-pass-a.pdf"),
    ("PDF-FILE-005", "7.16-t01-fail-a.pdf", "7.16-t01-pass-a.pdf"),
    ("PDF-FONT-001", "7.21.4.1-t01-fail-a.pdf", "7.21.4.1-t01-pass-a.pdf"),
    ("PDF-FONT-002", "7.21.7-t01-fail-a.pdf", "7.21.7-t01-pass-a.pdf"),
    ("PDF-FONT-002", "7.21.7-t01-fail-a.pdf", "7.21.7-t01-pass-b.pdf"),
    ("PDF-FONT-002", "7.21.7-t01-fail-a.pdf", "7.21.7-t01-pass-c.pdf"),
    ("PDF-FONT-003", "7.21.8-t01-fail-a.pdf", "7.21.4.1-t01-pass-a.pdf"),
    ("PDF-FONT-004", "7.21.7-t02-fail-b.pdf", "7.21.7-t02-pass-a.pdf"),
    ("PDF-FONT-004", "7.21.7-t02-fail-c.pdf", "7.21.7-t02-pass-a.pdf"),
    ("PDF-LANG-001", "7.2-t29-fail-h.pdf", "7.2-t29-pass-c.pdf"),  # in a property list
    ("PDF-LANG-001", "7.2-t29-fail-n.pdf", "7.2-t29-pass-b.pdf"),  # empty catalog /Lang
    ("PDF-LANG-002", "7.2-t33-fail-a.pdf", "7.2-t33-pass-a.pdf"),
    ("PDF-LANG-002", "7.2-t21-fail-a.pdf", "7.2-t21-pass-b.pdf"),
    ("PDF-LANG-002", "7.2-t25-fail-a.pdf", "7.2-t25-pass-b.pdf"),
    ("PDF-LANG-002", "7.2-t30-fail-a.pdf", "7.2-t30-pass-b.pdf"),
    ("PDF-LANG-002", "7.2-t32-fail-a.pdf", "7.2-t32-pass-a.pdf"),
    ("PDF-TOC-002", "7.2-t27-fail-b.pdf", "7.2-t26-pass-a.pdf"),
    ("PDF-LIST-005", "7.2-t18-fail-a.pdf", "7.2-t17-pass-a.pdf"),
]


@pytest.mark.parametrize(("code", "fail", "ok"), CORPUS_CASES,
                         ids=[f"{c}:{f}" for c, f, _ in CORPUS_CASES])
def test_verapdf_corpus(corpus_file, code: str, fail: str, ok: str) -> None:
    flagged = check_pdf(corpus_file(fail))
    assert code in codes(flagged), flagged.to_text()
    clean = check_pdf(corpus_file(ok))
    assert code not in codes(clean), clean.to_text()
    assert_no_crash(flagged)
    assert_no_crash(clean)


def test_whole_corpus_never_crashes(corpus_file) -> None:
    files = sorted(corpus_file("5-t01-pass-a.pdf").parents[1].rglob("*.pdf"))
    assert len(files) > 100
    for path in files:
        report = check(path)
        assert report.kind == "pdf"
        assert_no_crash(report)
        assert codes(report) <= set(CODES)


# ---- (c) hostile input -------------------------------------------------------------------------


@pytest.mark.parametrize(("content", "expected"), [
    (b"", "FILE-001"),
    (b"\x00\x01garbage\xff" * 100, "FILE-001"),
    (b"%PDF-1.7\n" + b"\x00\xffnonsense" * 50, "PDF-FILE-001"),
])
def test_garbage_is_a_finding(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "bad.pdf"
    path.write_bytes(content)
    report = check(path)
    assert expected in codes(report)
    assert not report.ok


def test_check_pdf_on_non_pdf_is_a_finding(tmp_path: Path) -> None:
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    report = check_pdf(path)
    assert codes(report) == {"PDF-FILE-001"}


def test_missing_file(tmp_path: Path) -> None:
    report = check(tmp_path / "nope.pdf")
    assert codes(report) == {"FILE-002"}
    assert codes(check_pdf(tmp_path / "nope.pdf")) == {"PDF-FILE-001"}


@pytest.mark.parametrize("fraction", [0.3, 0.6, 0.95])
def test_truncated_pdf(raw_pdf: Path, tmp_path: Path, fraction: float) -> None:
    data = raw_pdf.read_bytes()
    path = tmp_path / "truncated.pdf"
    path.write_bytes(data[: int(len(data) * fraction)])
    report = check(path)  # must not raise
    assert not report.ok
    assert codes(report) & {"PDF-FILE-001", "PDF-FILE-004"}


def test_encrypted_pdf(simple_pdf: Path, tmp_path: Path) -> None:
    path = tmp_path / "locked.pdf"
    with pikepdf.open(simple_pdf) as pdf:
        pdf.save(path, encryption=pikepdf.Encryption(user="secret", owner="owner"))
    report = check(path)
    assert codes(report) == {"PDF-FILE-002"}


def test_encrypted_without_accessibility_permission(simple_pdf: Path, tmp_path: Path) -> None:
    path = tmp_path / "restricted.pdf"
    with pikepdf.open(simple_pdf) as pdf:
        # qpdf always re-allows accessibility for R >= 4, so use the older R3 handler.
        pdf.save(path, encryption=pikepdf.Encryption(
            user="", owner="owner", R=3, aes=False, metadata=False,
            allow=pikepdf.Permissions(accessibility=False, extract=False)))
    report = check(path)
    assert "PDF-FILE-005" in codes(report)
    assert_no_crash(report)


def test_structure_tree_cycle_does_not_hang(simple_pdf: Path, tmp_path: Path) -> None:
    def cycle(pdf: pikepdf.Pdf) -> None:
        h1 = next(_elems(pdf, "H1"))
        h1.K = pikepdf.Array([*h1.K, pdf.Root.StructTreeRoot.K[0]])

    report = check(_edit(simple_pdf, tmp_path / "cycle.pdf", cycle))
    assert_no_crash(report)
    [finding] = report.by_code("PDF-STRUCT-014")
    assert "cycle" in finding.message and finding.location.startswith("Document[1]/H1[1]")


def test_element_that_contains_itself_is_a_cycle(simple_pdf: Path, tmp_path: Path) -> None:
    def self_kid(pdf: pikepdf.Pdf) -> None:
        doc = pdf.Root.StructTreeRoot.K[0]
        doc.K = pikepdf.Array([*doc.K, doc])

    assert "PDF-STRUCT-014" not in codes(check_pdf(simple_pdf))
    report = check_pdf(_edit(simple_pdf, tmp_path / "self.pdf", self_kid))
    [finding] = report.by_code("PDF-STRUCT-014")
    assert "Document" in finding.message and "cycle" in finding.message
    assert not report.ok


def test_element_with_two_parents_is_reported(simple_pdf: Path, tmp_path: Path) -> None:
    def share(pdf: pikepdf.Pdf) -> None:
        h1, p = next(_elems(pdf, "H1")), next(_elems(pdf, "P"))
        h1.K = pikepdf.Array([*h1.K, p])

    report = check_pdf(_edit(simple_pdf, tmp_path / "shared.pdf", share))
    [finding] = report.by_code("PDF-STRUCT-014")
    assert "second parent" in finding.message, finding.message


def test_structure_deeper_than_the_walk_is_an_incomplete_inspection(simple_pdf: Path,
                                                                   tmp_path: Path) -> None:
    def deepen(pdf: pikepdf.Pdf) -> None:
        p = next(_elems(pdf, "P"))
        kids = p.K
        for _ in range(5000):  # Python would overflow its stack walking this recursively
            kids = pikepdf.Array([pdf.make_indirect(pikepdf.Dictionary(
                Type=pikepdf.Name.StructElem, S=pikepdf.Name.Span, P=p, K=kids))])
        p.K = kids

    report = check_pdf(_edit(simple_pdf, tmp_path / "deep.pdf", deepen))
    incomplete = [f for f in report.by_code("PDF-FILE-003") if "levels" in f.message]
    assert incomplete, report.to_text()


def test_unsupported_file_type(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("hello")
    report = check(path)
    assert codes(report) == {"FILE-001"}
    assert report.kind == "unknown"


# ---- (d) the catalogue ----------------------------------------------------------------------


def test_every_code_in_the_source_is_catalogued() -> None:
    used: set[str] = set()
    for src in PACKAGE.glob("*.py"):
        used |= set(re.findall(r'"((?:PDF-)?[A-Z]+-\d{3})"', src.read_text()))
    assert used, "no codes found: the pattern is wrong"
    assert used <= set(CODES), used - set(CODES)


def test_every_emitted_code_is_catalogued(raw_report: Report) -> None:
    assert codes(raw_report) <= set(CODES)
    for f in raw_report.findings:
        assert f.severity is CODES[f.code].severity


def test_catalogue_entries_are_complete() -> None:
    for code, info in CODES.items():
        assert re.fullmatch(r"(PDF-|EPUB-|IN-)?[A-Z]+-\d{3}", code), code
        assert info.title and info.reference and info.hint, code
        assert isinstance(info.severity, Severity)
    table = [line for line in catalogue_markdown().splitlines() if line.startswith("| ")]
    assert len(table) == len(CODES) + 1


def test_catalogue_document_is_current() -> None:
    doc = (PACKAGE / "CODES.md").read_text(encoding="utf-8")
    assert doc.strip() == catalogue_markdown().strip(), "regenerate renderer/check/CODES.md"


def test_public_api_is_pinned() -> None:
    import renderer.check

    assert sorted(renderer.check.__all__) == [
        "CODES", "Finding", "Report", "Severity", "check", "check_epub", "check_pdf"]


def test_unknown_code_is_rejected() -> None:
    with pytest.raises(KeyError):
        make("PDF-NOPE-999", "x")


# ---- report and helpers ---------------------------------------------------------------------


def test_report_serialisation(raw_report: Report) -> None:
    data = json.loads(json.dumps(raw_report.to_dict()))
    assert data["ok"] is False
    assert data["errors"] == len(raw_report.errors) > 0
    assert data["warnings"] == len(raw_report.warnings) > 0
    assert {f["code"] for f in data["findings"]} == codes(raw_report)
    text = raw_report.to_text()
    assert text.splitlines()[0].endswith(f"{len(raw_report.warnings)} warning(s)")
    assert "PDF-STRUCT-005" in text


def test_tounicode_parser() -> None:
    cmap = CMap.parse(b"""/CIDInit /ProcSet findresource begin 12 dict begin begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
1 begincodespacerange <0000> <FFFF> endcodespacerange
2 beginbfchar <0003> <0020> <0010> <D835DC00> endbfchar
2 beginbfrange <0020> <0022> <0041> <0030> <0031> [<0066 0069> <00660066>] endbfrange
endcmap""")
    assert cmap.code_widths == {2}
    assert cmap.map[3] == " "
    assert cmap.map[0x10] == "\U0001d400"
    assert [cmap.map[c] for c in (0x20, 0x21, 0x22)] == ["A", "B", "C"]
    assert cmap.map[0x30] == "fi" and cmap.map[0x31] == "ff"


def test_inline_child_in_the_middle_of_a_paragraph_is_in_reading_order(tmp_path) -> None:
    """A Span between a P's own text runs is read between them (regression)."""
    import weasyprint

    from renderer.pdf.tags import own_tagging

    html = ('<html lang="en"><head><title>t</title></head><body><p>Before the phrase '
            '<span lang="fr">au milieu</span> and after it, with <abbr title="Long form">LF'
            '</abbr> too.</p></body></html>')
    path = tmp_path / "inline.pdf"
    with own_tagging():
        weasyprint.HTML(string=html).write_pdf(path, pdf_variant="pdf/ua-1")
    report = check_pdf(path, expected_text="Before the phrase au milieu and after it, with LF too.")
    assert not {"PDF-ORDER-002", "PDF-ORDER-003"} & set(report.codes), report.to_text()


# ---- .notdef through embedded Encoding CMaps -------------------------------------------------

CJK_SCRAPE = """News | May 6, 2015

Title with glyphs

By Jo Bee

WASHINGTON -- The word 東京 and emoji 🚀 appear here in the text of the story.

Second paragraph.
"""


@pytest.mark.defective_edition  # no bundled font has these characters: .notdef on purpose
def test_weasyprint_notdef_through_an_encoding_cmap_is_found(tmp_path: Path) -> None:
    """WeasyPrint writes characters no font has as codes its own Encoding CMap maps to CID 0."""
    from renderer.cli import main

    source = tmp_path / "cjk.txt"
    source.write_text(CJK_SCRAPE, "utf-8")
    assert main(["build", str(source), "-o", str(tmp_path), "--format", "pdf", "-q"]) == 0
    with pikepdf.open(tmp_path / "cjk.pdf") as pdf:
        encodings = [f.get("/Encoding") for page in pdf.pages
                     for f in page.Resources.Font.values()]
    assert any(isinstance(e, pikepdf.Stream) for e in encodings), "no custom Encoding CMap"
    report = check_pdf(tmp_path / "cjk.pdf")
    [finding] = report.by_code("PDF-FONT-003")
    # 東, 京 and 🚀: three characters, each drawn as .notdef
    assert finding.message.startswith("3 glyph(s)"), finding.message


def _encoding_cmap(cidchars: str, cidranges: str = "") -> bytes:
    return (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
            b"/CMapName /Test-0 def /CMapType 1 def\n"
            b"1 begincodespacerange <00> <ff> endcodespacerange\n"
            + cidchars.encode() + b"\n" + cidranges.encode() +
            b"\nendcmap CMapName currentdict /CMap defineresource pop end end")


def test_encoding_cmap_cid_zero_and_cidtogidmap_zero_are_notdef(tmp_path: Path) -> None:
    from renderer.check.tagtree import FontInfo

    cmap = CMap.parse(_encoding_cmap("2 begincidchar <41> 5 <42> 0 endcidchar",
                                     "1 begincidrange <50> <52> 10 endcidrange"))
    assert cmap.cid(0x41) == 5 and cmap.cid(0x42) == 0
    assert [cmap.cid(c) for c in (0x50, 0x51, 0x52)] == [10, 11, 12]
    assert cmap.cid(0x60) == 0  # a code the CMap does not map selects CID 0
    assert cmap.split(b"\x41\x50") == [0x41, 0x50]

    def font(gid_map: object = pikepdf.Name.Identity, sub: str = "/CIDFontType2") -> FontInfo:
        with pikepdf.new() as pdf:
            enc = pdf.make_stream(_encoding_cmap("2 begincidchar <41> 5 <42> 0 endcidchar",
                                                 "1 begincidrange <50> <52> 10 endcidrange"))
            desc = pikepdf.Dictionary(Subtype=pikepdf.Name(sub), CIDToGIDMap=gid_map
                                      if not isinstance(gid_map, bytes)
                                      else pdf.make_stream(gid_map))
            return FontInfo.from_dict(pikepdf.Dictionary(
                Subtype=pikepdf.Name.Type0, Encoding=enc, DescendantFonts=[desc]), "/F1")

    assert font().notdef(b"AAPQR") == 0
    assert font().notdef(b"ABA\x60") == 2  # <42> → CID 0, <60> unmapped → CID 0
    # CID 11 (<51>) → GID 0 through a CIDToGIDMap stream: .notdef although the CID is not 0
    gid_map = b"".join((0 if cid == 11 else cid + 1).to_bytes(2, "big") for cid in range(13))
    assert font(gid_map).notdef(b"APQR") == 1
    # a CFF CIDFont has no CIDToGIDMap: only CID 0 is .notdef
    assert font(sub="/CIDFontType0").notdef(b"APQRB") == 1
    # two-byte Identity-H codes are CIDs
    ident = FontInfo.from_dict(pikepdf.Dictionary(
        Subtype=pikepdf.Name.Type0, Encoding=pikepdf.Name("/Identity-H"),
        DescendantFonts=[pikepdf.Dictionary(Subtype=pikepdf.Name("/CIDFontType2"))]), "/F2")
    assert ident.notdef(b"\x00\x05\x00\x00\x00\x07") == 1


def test_simple_font_differences_to_notdef(tmp_path: Path) -> None:
    from renderer.check.tagtree import FontInfo

    f = FontInfo.from_dict(pikepdf.Dictionary(
        Subtype=pikepdf.Name.TrueType, Encoding=pikepdf.Dictionary(
            BaseEncoding=pikepdf.Name.WinAnsiEncoding,
            Differences=[65, pikepdf.Name("/.notdef"), pikepdf.Name.B])), "/F3")
    assert f.notdef(b"ABAC") == 2


# ---- content outside marked content ------------------------------------------------------------


def _append_content(src: Path, dst: Path, ops: bytes) -> Path:
    def add(pdf: pikepdf.Pdf) -> None:
        pdf.pages[0].contents_add(pdf.make_stream(ops), prepend=False)

    return _edit(src, dst, add)


@pytest.mark.parametrize(("ops", "what"), [
    (b"0 0 1 rg 10 10 300 300 re f", "path (f)"),
    (b"0 0 m 100 100 l S", "path (S)"),
    (b"10 10 20 20 re B*", "path (B*)"),
    (b"/Sh0 sh", "shading (sh)"),
    (b"q 10 0 0 10 0 0 cm BI /W 2 /H 2 /CS /G /BPC 8 ID \x00\xff\x00\xff EI Q", "inline image"),
])
def test_unmarked_vector_graphics_are_reported(simple_pdf: Path, tmp_path: Path, ops: bytes,
                                               what: str) -> None:
    """Matterhorn 01-005: paths, shadings and inline images count as content, not only text."""
    assert "PDF-STRUCT-009" not in codes(check_pdf(simple_pdf))
    report = check_pdf(_append_content(simple_pdf, tmp_path / "unmarked.pdf", ops))
    [finding] = report.by_code("PDF-STRUCT-009")
    assert what in finding.message, finding.message
    assert finding.location == "page 1"


def test_graphics_inside_an_artifact_or_only_clipping_are_not_content(simple_pdf: Path,
                                                                      tmp_path: Path) -> None:
    ops = (b"/Artifact BMC 0 0 1 rg 10 10 300 300 re f /Sh0 sh EMC "
           b"q 10 10 300 300 re W n Q")
    report = check_pdf(_append_content(simple_pdf, tmp_path / "artifact.pdf", ops))
    assert "PDF-STRUCT-009" not in codes(report), report.to_text()


# ---- Link elements -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def link_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A PDF with our own tree and one link (Link element: MCID + OBJR)."""
    import weasyprint

    from renderer.pdf.tags import own_tagging

    html = ('<html lang="en"><head><title>t</title></head><body><h1>Links</h1><p>Read '
            '<a href="https://example.org/report">the full report</a> today.</p></body></html>')
    path = tmp_path_factory.mktemp("link") / "link.pdf"
    with own_tagging():
        weasyprint.HTML(string=html).write_pdf(path, pdf_variant="pdf/ua-1")
    return path


def _link_kids(pdf: pikepdf.Pdf, keep) -> None:
    link = next(_elems(pdf, "Link"))
    link.K = pikepdf.Array([k for k in link.K if keep(k)])


def _is_objr(k) -> bool:
    return isinstance(k, pikepdf.Dictionary) and k.get("/Type") == pikepdf.Name.OBJR


@pytest.mark.parametrize(("keep", "what"), [
    (_is_objr, "no content"),  # the annotation only: a screen reader hears "link", nothing else
    (lambda k: not _is_objr(k), "no link annotation"),  # text only: it leads nowhere
])
def test_link_element_without_content_or_annotation(link_pdf: Path, tmp_path: Path, keep,
                                                    what: str) -> None:
    assert "PDF-LINK-006" not in codes(check_pdf(link_pdf)), check_pdf(link_pdf).to_text()
    report = check_pdf(_edit(link_pdf, tmp_path / "empty-link.pdf",
                             lambda pdf: _link_kids(pdf, keep)))
    [finding] = report.by_code("PDF-LINK-006")
    assert what in finding.message, finding.message
    assert "Link[1]" in finding.location
    assert not report.ok


def test_link_whose_content_is_a_described_figure_is_not_empty(link_pdf: Path,
                                                               tmp_path: Path) -> None:
    def figure_link(pdf: pikepdf.Pdf) -> None:
        link = next(_elems(pdf, "Link"))
        mcids = [k for k in link.K if not _is_objr(k)]
        figure = pdf.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.StructElem, S=pikepdf.Name.Figure, P=link, Pg=link.Pg,
            Alt=pikepdf.String("Report cover"), K=pikepdf.Array(mcids)))
        link.K = pikepdf.Array([figure, *(k for k in link.K if _is_objr(k))])

    report = check_pdf(_edit(link_pdf, tmp_path / "figure-link.pdf", figure_link))
    assert "PDF-LINK-006" not in codes(report), report.to_text()


def test_packet_links_hold_content(tmp_path: Path) -> None:
    from renderer.cli import main

    samples = Path(__file__).resolve().parents[2] / "samples"
    assert main(["build", str(samples / "isil-losing-ground.txt"),
                 str(samples / "coastal-flood-exercise.md"), "--packet", "Two", "--format",
                 "pdf", "-o", str(tmp_path), "-q"]) == 0
    report = check_pdf(tmp_path / "two.pdf")
    assert "PDF-LINK-006" not in codes(report), report.to_text()


def test_a_document_without_headings_is_a_warning_not_a_failure(simple_pdf: Path,
                                                                tmp_path: Path) -> None:
    """PDF/UA-1 asks for headings to be tagged right, not for a document to have any."""
    def no_headings(pdf: pikepdf.Pdf) -> None:
        for role in ("H1", "H2"):
            for e in list(_elems(pdf, role)):
                e.S = pikepdf.Name.P
        del pdf.Root["/Outlines"]

    report = check_pdf(_edit(simple_pdf, tmp_path / "flat.pdf", no_headings))
    [finding] = report.by_code("PDF-HEAD-001")
    assert finding.severity is Severity.WARNING
    assert report.ok, report.to_text()


def test_verapdf_passing_files_without_headings_pass_the_gate(corpus_file) -> None:
    files = sorted(corpus_file("5-t01-pass-a.pdf").parents[1].rglob("*-pass-*.pdf"))
    flat = [f for f in files if "PDF-HEAD-001" in codes(check(f))]
    assert len(flat) > 40
    for f in flat:
        assert "PDF-HEAD-001" not in {x.code for x in check(f).errors}, f.name
