"""End to end: the seed article through the CLI into both editions, then opened and inspected."""

from __future__ import annotations

import re
import subprocess
import zipfile

import pikepdf
import pytest
from lxml import etree

from renderer.cli import main

from .conftest import SEED, pdftotext, seed_paragraphs

TITLE = "ISIL losing ground, forced into defensive position, CJTF-OIR official says"
CHROME = (
    "An official website",
    "Here's how you know",
    "Here’s how you know",
    "belongs to an official",
    "A lock",
    "Share sensitive information",
)


def _headings(pdf: pikepdf.Pdf) -> list[tuple[str, pikepdf.Object]]:
    found = []

    def walk(node):
        if isinstance(node, pikepdf.Array):
            for kid in node:
                walk(kid)
            return
        if not isinstance(node, pikepdf.Dictionary):
            return
        kind = str(node.get("/S", ""))
        if re.fullmatch(r"/H[1-6]", kind):
            found.append((kind[1:], node))
        if "/K" in node:
            walk(node.K)

    walk(pdf.Root.StructTreeRoot.K)
    return found


def test_pdf_structure_title_and_language(seed_editions):
    with pikepdf.open(seed_editions["pdf"]) as pdf:
        assert pdf.Root.MarkInfo.Marked is True
        assert str(pdf.Root.Lang) == "en"
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
        headings = _headings(pdf)
        assert headings, "no headings in the structure tree"
        assert headings[0][0] == "H1"
        assert [h for h, _ in headings].count("H1") == 1
        assert TITLE in pdftotext(seed_editions["pdf"]).replace("\n", " ")


def test_pdf_xmp_metadata(seed_editions):
    with pikepdf.open(seed_editions["pdf"]) as pdf, pdf.open_metadata() as xmp:
        assert xmp["pdfuaid:part"] == "1"
        assert xmp["dc:title"] == TITLE
        assert xmp["dc:creator"] == ["John Redfield"]
        assert xmp["dc:language"] == {"en"}
        assert xmp["dc:date"] == ["2015-05-06"]
        assert xmp["dc:publisher"] == {"U.S. Department of Defense"}
        assert xmp["dc:identifier"].startswith("urn:uuid:")
        assert xmp["dc:description"].startswith("The Islamic State of Iraq and the Levant")
        assert xmp["xmp:CreateDate"] == "2015-05-06T12:00:00Z"


def test_pdf_text_has_every_paragraph_in_order_and_no_chrome(seed_editions):
    text = " ".join(pdftotext(seed_editions["pdf"]).split())
    for chrome in CHROME:
        assert chrome not in text
    position = 0
    paragraphs = seed_paragraphs()
    assert len(paragraphs) == 8
    for paragraph in paragraphs:
        found = text.find(paragraph, position)
        assert found >= 0, f"paragraph missing or out of order: {paragraph[:60]}"
        position = found + len(paragraph)
    assert "MACDILL AIR FORCE BASE, Fla., May 6, 2015" in text  # visible dateline


def test_pdf_struct_text_has_one_p_per_paragraph(seed_editions):
    tree = subprocess.run(
        ["pdfinfo", "-struct-text", str(seed_editions["pdf"])],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    # The P elements right under the article, each with its lines of text: exactly the
    # eight paragraphs of the scrape, whole and in order (the header's P sits in a Div).
    body: list[list[str]] = []
    in_body_p = False
    for line in tree.splitlines():
        indent = len(line) - len(line.lstrip())
        if line.strip() == "P (block)" and indent == 6:
            body.append([])
            in_body_p = True
        elif in_body_p and indent > 6 and line.strip().startswith('"'):
            body[-1].append(line.strip()[1:-1])
        elif indent <= 6:
            in_body_p = False
    assert [" ".join(" ".join(lines).split()) for lines in body] == seed_paragraphs()


def test_pdf_uses_only_bundled_fonts(seed_editions):
    with pikepdf.open(seed_editions["pdf"]) as pdf:
        names = set()
        for page in pdf.pages:
            for font in page.Resources.get("/Font", {}).values():
                names.add(str(font.BaseFont).split("+", 1)[-1])
    assert names and all(n.startswith(("Noto-Serif", "Noto-Sans")) for n in names), names


def test_epub_package_metadata(seed_editions):
    with zipfile.ZipFile(seed_editions["epub"]) as epub:
        assert epub.namelist()[0] == "mimetype"
        assert epub.getinfo("mimetype").compress_type == zipfile.ZIP_STORED
        container = etree.fromstring(epub.read("META-INF/container.xml"))
        opf_path = container.find(".//{*}rootfile").get("full-path")
        opf = etree.fromstring(epub.read(opf_path))
    ns = {"opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/"}
    assert opf.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    assert opf.findtext(".//dc:title", namespaces=ns) == TITLE
    assert opf.findtext(".//dc:language", namespaces=ns) == "en"
    assert opf.findtext(".//dc:creator", namespaces=ns) == "John Redfield"
    modified = opf.findall(".//opf:meta[@property='dcterms:modified']", ns)
    assert len(modified) == 1
    props = {m.get("property"): m.text for m in opf.findall(".//opf:meta[@property]", ns)}
    assert props["dcterms:conformsTo"] == "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"
    modes = [m.text for m in opf.findall(".//opf:meta[@property='schema:accessMode']", ns)]
    assert modes == ["textual"]  # no images in the seed: no "visual" claim
    features = {
        m.text for m in opf.findall(".//opf:meta[@property='schema:accessibilityFeature']", ns)
    }
    assert "alternativeText" not in features
    assert "structuralNavigation" in features


@pytest.mark.validators
def test_epub_passes_epubcheck_and_ace(seed_editions):
    from .validators import run_ace, run_epubcheck

    result = run_epubcheck(seed_editions["epub"])
    assert (result["fatal"], result["error"], result["warning"]) == (0, 0, 0), result["messages"]
    ace = run_ace(seed_editions["epub"])
    assert ace["violations"] == 0, ace["rules"]


def test_pdf_passes_project_inspector(seed_editions):
    from renderer.check import check

    report = check(seed_editions["pdf"])
    assert report.errors == [], report.to_text()


def test_builds_are_byte_identical(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    for run in ("a", "b"):
        assert main(["build", str(SEED), "-o", str(tmp_path / run), "-q"]) == 0
    for ext in ("pdf", "epub"):
        a = (tmp_path / "a" / f"isil-losing-ground.{ext}").read_bytes()
        b = (tmp_path / "b" / f"isil-losing-ground.{ext}").read_bytes()
        assert a == b, ext


def test_source_date_epoch_sets_the_file_dates(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14T22:13:20Z
    assert main(["build", str(SEED), "-o", str(tmp_path), "-q"]) == 0
    with pikepdf.open(tmp_path / "isil-losing-ground.pdf") as pdf, pdf.open_metadata() as xmp:
        assert xmp["xmp:ModifyDate"] == "2023-11-14T22:13:20Z"
    with zipfile.ZipFile(tmp_path / "isil-losing-ground.epub") as epub:
        assert {info.date_time for info in epub.infolist()} == {(2023, 11, 14, 22, 13, 20)}
