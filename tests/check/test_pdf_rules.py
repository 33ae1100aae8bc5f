"""PDF/UA-1 rules on minimal PDFs written by code (``tools/pdfua_fixtures.py``).

Each fixture differs from a clean tagged document by the one point its rule is about; the
test asserts that the rule's code fires on the failing ones and not on the passing ones, and
that the project's stricter rules keep codes of their own.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pikepdf
import pytest

from renderer.check import check_pdf

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))

from calibrate import RULES  # corpus rule -> (what, codes that stand for it, …)
from pdfua_fixtures import (
    FIXTURES,
    Fixture,
    TaggedPdf,
    tounicode_value,
    wide_table,
)


def codes_of(path: Path) -> set[str]:
    return {f.code for f in check_pdf(path).findings}


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Fixture, set[str]]]:
    folder = tmp_path_factory.mktemp("pdfua-fixtures")
    out = {}
    for f in FIXTURES:
        out[f"{f.rule}-{f.name}"] = (f, codes_of(f.write(folder)))
    return out


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f"{f.rule}-{f.name}" for f in FIXTURES])
def test_rule_code_fires_exactly_on_failing_fixtures(written, fixture: Fixture) -> None:
    _, found = written[f"{fixture.rule}-{fixture.name}"]
    assert bool(found & RULES[fixture.rule][1]) == fixture.fails, sorted(found)
    assert "PDF-FILE-003" not in found


def test_every_fixture_rule_has_a_failing_and_a_passing_file() -> None:
    for rule in {f.rule for f in FIXTURES}:
        verdicts = {f.fails for f in FIXTURES if f.rule == rule}
        if rule not in ("7.2-t33",):  # the corpus has its failing file
            assert verdicts == {True, False}, rule


def test_a_standard_type_mapped_to_itself_is_circular_not_remapped(written) -> None:
    _, found = written["7.1-t06-p-mapped-to-p"]
    assert "PDF-ROLE-002" in found
    assert "PDF-ROLE-003" not in found


def test_a_remapped_standard_type_is_still_reported(tmp_path: Path) -> None:
    doc = TaggedPdf()
    doc.text(doc.elem("P"), doc.page(), "Text.")
    doc.role_map(Document="Book")
    found = codes_of(doc.save(tmp_path / "remapped.pdf"))
    assert "PDF-ROLE-003" in found
    assert "PDF-ROLE-002" not in found


def test_a_standard_type_mapped_back_to_itself_through_others_is_circular(tmp_path) -> None:
    doc = TaggedPdf()
    doc.text(doc.elem("P"), doc.page(), "Text.")
    doc.role_map(P="Para", Para="P")
    assert "PDF-ROLE-002" in codes_of(doc.save(tmp_path / "cycle.pdf"))


def test_title_language_replaces_the_catalog_lang_for_pdfua_not_for_the_project(written):
    _, found = written["7.2-t33-title-xml-lang"]
    assert "PDF-LANG-002" not in found  # PDF/UA-1: the language is determined
    assert "PDF-META-005" in found  # the project's rule: a catalog /Lang, always


def test_no_language_at_all_is_reported_for_text_and_title(tmp_path: Path) -> None:
    doc = TaggedPdf(lang=None)
    doc.text(doc.elem("P"), doc.page(), "Text without a language.")
    report = check_pdf(doc.save(tmp_path / "nolang.pdf"))
    where = {f.location for f in report.by_code("PDF-LANG-002")}
    assert {"Metadata", "page 1"} <= where, report.to_text()


@pytest.mark.parametrize("key", ["Alt", "ActualText", "E"])
def test_alternate_text_without_a_language(tmp_path: Path, key: str) -> None:
    def build(lang_on_element: bool) -> set[str]:
        doc = TaggedPdf(lang=None, title_lang="en")
        extra = {"Lang": pikepdf.String("en")} if lang_on_element else {}
        sect = doc.elem("Sect", **extra)
        doc.text(doc.elem("Span", sect, **{key: pikepdf.String("words")}), doc.page(), "w.")
        return codes_of(doc.save(tmp_path / f"{key}-{lang_on_element}.pdf"))

    assert "PDF-LANG-002" in build(False)
    assert "PDF-LANG-002" not in build(True)  # inherited from the ancestor


def test_eight_letter_primary_subtag_is_a_project_rule(written) -> None:
    _, found = written["7.2-t29-lang-eight-letters"]
    assert "PDF-LANG-001" not in found  # well-formed for PDF/UA-1
    assert "PDF-LANG-003" in found


def test_tounicode_values_that_are_no_characters(tmp_path: Path) -> None:
    for value in ("0000", "FEFF", "FFFE"):
        fixture = Fixture(f"tounicode-{value}", "7.21.7-t02", True,
                          tounicode_value(value))
        report = check_pdf(fixture.write(tmp_path))
        [finding] = report.by_code("PDF-FONT-004")
        assert f"U+{value}" in finding.message


def test_a_wide_table_is_checked_cell_by_cell(tmp_path: Path) -> None:
    """Hundreds of cells on one page: every MCID still maps back through the ParentTree."""
    path = wide_table(tmp_path / "wide.pdf", 300)
    assert not {c for c in codes_of(path) if c.startswith(("PDF-STRUCT", "PDF-TABLE"))}
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        arr = pdf.Root.StructTreeRoot.ParentTree.Nums[1]
        arr[250] = arr[10]  # the ParentTree sends MCID 250 to another cell
        pdf.save(path)
    report = check_pdf(path)
    [finding] = report.by_code("PDF-STRUCT-006")
    assert "MCID 250" in finding.message


def test_calibration_reads_odd_corpus_names_and_ours() -> None:
    from calibrate import _clause_key, parse_name

    assert parse_name("7-18.3-t01-pass-a.pdf") == ("7.18.3-t01", False)
    assert parse_name("7.2-t04-fail-a.pdf") == ("7.2-t04", True)
    assert parse_name("7.2-t17-fail-ours-li-outside-l.pdf") == ("7.2-t17", True)
    assert parse_name("README-corpus.md") is None
    rules = ["7.18.3-t01", "7.2-t10", "5-t01", "7.2-t04", "7.21.4.1-t01", "7.x-t01"]
    assert sorted(rules, key=_clause_key) == [
        "5-t01", "7.2-t04", "7.2-t10", "7.18.3-t01", "7.21.4.1-t01", "7.x-t01"]


def test_held_out_names_are_rule_files_and_ours_are_fixtures() -> None:
    from calibrate import SPLIT, parse_name, read_split

    held = read_split(SPLIT)
    assert held
    assert all(parse_name(n) is not None for n in held)
    ours = {f"{f.rule}-{'fail' if f.fails else 'pass'}-ours-{f.name}.pdf" for f in FIXTURES}
    assert {n for n in held if "-ours-" in n} <= ours
