"""Package metadata and accessibility metadata derived from content."""

from __future__ import annotations

import re

import pytest

from renderer import __version__
from renderer.epub.a11y import CONFORMS_TO, facts_of, relative_text_sizes
from renderer.errors import AccessibilityError

from .articles import SEED_TITLE, rich_article, seed_article
from .conftest import NS, build


def test_seed_package_metadata(seed_book):
    opf = seed_book.opf
    assert opf.get("unique-identifier") == "pub-id"
    ident = opf.find("opf:metadata/dc:identifier", NS)
    assert ident.get("id") == "pub-id"
    assert re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", ident.text)
    assert ident.text == seed_article().metadata.identifier
    assert seed_book.dc("title") == [SEED_TITLE]
    assert seed_book.dc("language") == ["en"]
    assert seed_book.dc("creator") == ["John Redfield"]
    creator = opf.find("opf:metadata/dc:creator", NS)
    roles = opf.findall(f"opf:metadata/opf:meta[@refines='#{creator.get('id')}']", NS)
    assert [(r.get("property"), r.get("scheme"), r.text) for r in roles] == [
        ("role", "marc:relators", "aut")
    ]
    # The organization is the issuing body: a contributor (isb), not a creator.
    assert seed_book.dc("contributor") == ["U.S. Central Command Public Affairs"]
    assert seed_book.meta("role") == ["aut", "isb"]
    assert seed_book.dc("publisher") == ["U.S. Department of Defense"]
    assert seed_book.dc("date") == ["2015-05-06"]
    assert seed_book.dc("subject") == ["News"]
    assert seed_book.dc("description")[0].startswith("The Islamic State of Iraq and the Levant")
    assert seed_book.dc("source") == []  # not known for the seed: not invented


def test_exactly_one_modified_from_moment(seed_book, rich_book):
    for book in (seed_book, rich_book):
        assert book.meta("dcterms:modified") == ["2015-05-06T00:00:00Z"]


def test_modified_is_utc(tmp_path):
    import datetime as dt

    moment = dt.datetime(2015, 5, 6, 20, 30, 5, tzinfo=dt.timezone(dt.timedelta(hours=-4)))
    edition = build(seed_article(), moment=moment)
    from .conftest import Book

    assert Book(edition, tmp_path / "b.epub").meta("dcterms:modified") == ["2015-05-07T00:30:05Z"]


def test_rich_package_metadata(rich_book):
    assert rich_book.dc("creator") == ["Jane Doe", "Ali Hassan"]
    assert rich_book.meta("role") == ["aut", "aut"]
    # No publisher given: the organization publishes.
    assert rich_book.dc("publisher") == ["Example Press Office"]
    assert rich_book.dc("contributor") == []
    assert rich_book.dc("source") == ["https://example.org/briefing"]
    assert rich_book.dc("subject") == ["coalition", "briefing"]


def test_package_language(seed_book, rich_book):
    for book in (seed_book, rich_book):
        opf = book.opf
        assert opf.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
        assert opf.get("lang") is None


def test_seed_a11y_metadata_has_no_visual(seed_book):
    assert seed_book.meta("schema:accessMode") == ["textual"]
    assert seed_book.meta("schema:accessModeSufficient") == ["textual"]
    features = seed_book.meta("schema:accessibilityFeature")
    assert "alternativeText" not in features
    assert {"structuralNavigation", "tableOfContents", "readingOrder"} <= set(features)
    assert "displayTransformability" in features
    assert seed_book.meta("schema:accessibilityHazard") == ["none"]
    summary = seed_book.meta("schema:accessibilitySummary")[0]
    assert "no informative images" in summary
    assert "table" not in summary.replace("table of contents", "")


def test_rich_a11y_metadata_matches_content(rich_book):
    assert rich_book.meta("schema:accessMode") == ["textual", "visual"]
    assert set(rich_book.meta("schema:accessModeSufficient")) == {"textual,visual", "textual"}
    assert "alternativeText" in rich_book.meta("schema:accessibilityFeature")
    summary = rich_book.meta("schema:accessibilitySummary")[0]
    for words in ("3 section headings", "text alternative", "decorative image",
                  "data table with header cells", "other languages", "abbreviations"):
        assert words in summary


def test_conformance_claim(seed_book, rich_book):
    for book in (seed_book, rich_book):
        assert book.meta("dcterms:conformsTo") == [CONFORMS_TO]
        assert CONFORMS_TO == "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"
    # the tool whose checks made the claim, not the publisher, which evaluated nothing
    assert seed_book.meta("a11y:certifiedBy") == [f"article-renderer {__version__}"]
    assert rich_book.meta("a11y:certifiedBy") == [f"article-renderer {__version__}"]
    assert seed_book.edition.defects == [] and seed_book.edition.warnings == []


def test_certified_by_option(tmp_path):
    from .conftest import Book

    book = Book(build(seed_article(), certified_by="Accessible Books Inc."), tmp_path / "b.epub")
    assert book.meta("a11y:certifiedBy") == ["Accessible Books Inc."]


@pytest.mark.defective_edition  # an image without alt, on purpose
def test_missing_alt_removes_claim_and_alternative_text(tmp_path):
    from .conftest import Book

    edition = build(rich_article(tmp_path, chart_alt=None))
    book = Book(edition, tmp_path / "b.epub")
    assert edition.defects == ["missing-alt"]
    assert any("not claimed" in w and "missing-alt" in w for w in edition.warnings)
    assert book.meta("dcterms:conformsTo") == []
    assert book.meta("a11y:certifiedBy") == []
    assert "alternativeText" not in book.meta("schema:accessibilityFeature")
    assert book.meta("schema:accessModeSufficient") == ["textual,visual"]
    summary = book.meta("schema:accessibilitySummary")[0]
    assert "one image without a text alternative" in summary
    assert "does not claim conformance" in summary


@pytest.mark.defective_edition  # no conformance claim, on purpose (EPUB-META-011)
def test_known_defect_from_earlier_stage_removes_claim(tmp_path):
    from .conftest import Book

    edition = build(seed_article(), known_defects=["skipped-heading"])
    assert edition.defects == ["skipped-heading"]
    assert Book(edition, tmp_path / "b.epub").meta("dcterms:conformsTo") == []


def test_strict_raises_on_defect(tmp_path):
    with pytest.raises(AccessibilityError) as info:
        build(rich_article(tmp_path, chart_alt=None), strict=True)
    assert "missing-alt" in str(info.value)
    assert "\n" not in str(info.value)
    with pytest.raises(AccessibilityError):
        build(seed_article(), strict=True, known_defects=["missing-alt"])


def test_strict_passes_without_defect():
    assert build(seed_article(), strict=True).defects == []


def test_facts_count_content(tmp_path):
    facts = facts_of(rich_article(tmp_path))
    assert (facts.section_headings, facts.informative_images, facts.images_with_alt) == (3, 1, 1)
    assert (facts.decorative_images, facts.tables, facts.tables_with_headers) == (1, 1, 1)
    assert (facts.lists, facts.foreign_phrases, facts.abbreviations) == (1, 1, 1)


def test_display_transformability_needs_relative_font_sizes():
    assert relative_text_sizes("h1 { font-size: 1.6em; } td { border: 1px solid; }")
    assert not relative_text_sizes("p { font-size: 12pt; }")
    assert not relative_text_sizes("p { font: bold 14px serif; }")


def test_summary_counts_many_images():
    from renderer.epub.a11y import ContentFacts, _summary

    two = ContentFacts(informative_images=3, images_with_alt=1, images_with_caption=2)
    text = _summary(two, resizable=False, conforming=False)
    assert "3 images, of which 2 lack a text alternative (2 with a caption)" in text
    assert "relative" not in text
    ok = ContentFacts(informative_images=2, images_with_alt=2, section_headings=1)
    text = _summary(ok, resizable=True, conforming=True)
    assert "one section heading" in text and "2 images, each with a text alternative" in text
    assert text.endswith("This publication meets EPUB Accessibility 1.1 - WCAG 2.2 Level AA.")


def test_summary_of_a_packet_speaks_of_its_articles():
    from renderer.epub.a11y import ContentFacts, _summary

    text = _summary(ContentFacts(), resizable=True, conforming=True, articles=1)
    assert text.startswith(
        "The packet has a title heading and one article, under its own heading; the table"
        " of contents lists each article; it contains no informative images."
    )
    text = _summary(ContentFacts(section_headings=5), resizable=True, conforming=True, articles=3)
    assert text.startswith(
        "The packet has a title heading and 3 articles, each under its own heading, with 5"
        " section headings in all; the table of contents lists each article and its"
        " first-level sections;"
    )


@pytest.mark.defective_edition  # no author or publisher, on purpose (EPUB-PKG-004)
def test_certifier_defaults_to_the_tool(tmp_path):
    from renderer.model import Article, Metadata, Paragraph, Text
    from renderer.normalize import normalize

    from .conftest import Book

    article = normalize(Article(Metadata(title="Alone", language="en"), (Paragraph((Text("x"),)),)))
    book = Book(build(article), tmp_path / "b.epub")
    assert book.meta("a11y:certifiedBy") == [f"article-renderer {__version__}"]
    assert book.dc("creator") == book.dc("publisher") == book.dc("contributor") == []


def test_identifier_derived_when_missing(tmp_path):
    from renderer.model import replace

    from .conftest import Book

    article = seed_article()
    bare = replace(article, metadata=replace(article.metadata, identifier=None))
    book = Book(build(bare), tmp_path / "b.epub")
    assert book.dc("identifier") == [article.metadata.identifier]
