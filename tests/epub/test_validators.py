"""EPUBCheck and Ace on both test books (each validator runs once per book)."""

from __future__ import annotations

import pytest

from tests.validators import run_ace, run_epubcheck

pytestmark = pytest.mark.validators

BOOKS = ["seed_book", "rich_book"]


@pytest.fixture(scope="session")
def epubcheck_reports(seed_book, rich_book) -> dict:
    return {"seed_book": run_epubcheck(seed_book.path), "rich_book": run_epubcheck(rich_book.path)}


@pytest.fixture(scope="session")
def ace_reports(seed_book, rich_book) -> dict:
    return {"seed_book": run_ace(seed_book.path), "rich_book": run_ace(rich_book.path)}


@pytest.mark.parametrize("book", BOOKS)
def test_epubcheck_clean(book, epubcheck_reports):
    report = epubcheck_reports[book]
    assert (report["fatal"], report["error"], report["warning"]) == (0, 0, 0), report["messages"]


@pytest.mark.parametrize("book", BOOKS)
def test_ace_no_violations(book, ace_reports):
    report = ace_reports[book]
    assert report["violations"] == 0, report["rules"]
    present = set(report["metadata"].get("present", []))
    assert {"schema:accessMode", "schema:accessibilityFeature", "schema:accessibilityHazard",
            "schema:accessibilitySummary", "schema:accessModeSufficient",
            "dcterms:conformsTo", "a11y:certifiedBy"} <= present
