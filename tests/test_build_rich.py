"""End to end on the rich sample: one structure element per source element, across pages.

The sample (samples/coastal-flood-exercise.md) has long paragraphs, a 30-row table that
crosses a page, nested lists, captioned figures, a decorative image, a French phrase,
an abbreviation, internal and external links. Its editions are checked by the inspector,
EPUBCheck and Ace as they are written (tests/conftest.py); these tests look inside.
"""

from __future__ import annotations

import os
import subprocess
from io import BytesIO
from pathlib import Path

import pikepdf
import pytest

from renderer.cli import main
from renderer.compose import compose
from renderer.ingest import ingest
from renderer.model import Paragraph
from renderer.normalize import normalize
from renderer.pdf.structure_dump import dump_structure

from .conftest import SAMPLES, SEED, pdftotext

RICH = SAMPLES / "coastal-flood-exercise.md"
GOLDEN = Path(__file__).parent / "pdf" / "golden"


@pytest.fixture(scope="module")
def rich_pdf(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("rich")
    assert main(["build", str(RICH), "-o", str(out), "-q"]) == 0
    return out / "coastal-flood-exercise.pdf"


def _elements(pdf: pikepdf.Pdf, kind: str) -> list[pikepdf.Dictionary]:
    found, stack = [], [pdf.Root.StructTreeRoot]
    while stack:
        node = stack.pop()
        if isinstance(node, pikepdf.Array):
            stack.extend(reversed(list(node)))
        elif isinstance(node, pikepdf.Dictionary) and "/K" in node:
            if node.get("/S") == kind:
                found.append(node)
            stack.append(node.K)
    return found


def _pages(element: pikepdf.Dictionary, pdf: pikepdf.Pdf) -> set[int]:
    pages, stack = set(), [element]
    index = {page.objgen: n for n, page in enumerate(pdf.pages)}
    while stack:
        node = stack.pop()
        if isinstance(node, pikepdf.Array):
            stack.extend(node)
        elif isinstance(node, pikepdf.Dictionary):
            if "/Pg" in node:
                pages.add(index[node.Pg.objgen])
            if "/K" in node:
                stack.append(node.K)
    return pages


def test_one_p_per_source_paragraph_even_across_pages(rich_pdf):
    article = normalize(ingest(RICH))
    body_paragraphs = sum(isinstance(b, Paragraph) for b in article.blocks)
    with pikepdf.open(rich_pdf) as pdf:
        assert len(pdf.pages) >= 3
        # Body paragraphs sit in the article or its sections (the header's P are in a Div).
        body = [p for p in _elements(pdf, "/P") if p.P.get("/S") in ("/Art", "/Sect")]
        assert len(body) == body_paragraphs
        tables = _elements(pdf, "/Table")
        assert len(tables) == 1 and len(_pages(tables[0], pdf)) > 1, "the table must cross a page"
        assert len(_elements(pdf, "/THead")) == 1


def test_a_paragraph_crossing_pages_is_one_p(tmp_path):
    """In large print, paragraphs do cross page breaks: still one P each, on two pages."""
    assert main(["build", str(RICH), "--theme", "large-print", "--format", "pdf",
                 "-o", str(tmp_path), "-q"]) == 0
    article = normalize(ingest(RICH))
    body_paragraphs = sum(isinstance(b, Paragraph) for b in article.blocks)
    with pikepdf.open(tmp_path / "coastal-flood-exercise.pdf") as pdf:
        body = [p for p in _elements(pdf, "/P") if p.P.get("/S") in ("/Art", "/Sect")]
        assert len(body) == body_paragraphs
        crossing = [p for p in body if len(_pages(p, pdf)) > 1]
        assert crossing, "the test needs a paragraph that crosses a page break"


def test_semantics_survive(rich_pdf):
    with pikepdf.open(rich_pdf) as pdf:
        figures = _elements(pdf, "/Figure")
        assert [str(f.Alt)[:19] for f in figures] == ["Bar chart of water ", "Schematic map of th"]
        assert all(
            any(k.get("/S") == "/Caption" for k in f.K if isinstance(k, pikepdf.Dictionary))
            for f in figures
        )
        spans = _elements(pdf, "/Span")
        assert any(str(s.get("/Lang", "")) == "fr" for s in spans)
        assert any(str(s.get("/E", "")) == "Tri-County Emergency Management Agency" for s in spans)
        assert any(str(q.get("/S")) == "/Quote" for q in _elements(pdf, "/Quote"))
        lists = _elements(pdf, "/L")
        nested = [lst for lst in lists if lst.P.get("/S") == "/LBody"]
        assert nested, "nested lists belong inside the parent item's LBody"
        descriptions = {str(a.Contents) for page in pdf.pages for a in page.get("/Annots", [])}
        assert "Section: Timeline of the exercise" in descriptions
        assert "the Tri-County preparedness page" in descriptions
        assert not any(d.startswith(("http", "#")) for d in descriptions)


def test_decorative_image_is_an_artifact(rich_pdf):
    with pikepdf.open(rich_pdf) as pdf:
        figures = _elements(pdf, "/Figure")
        assert len(figures) == 2  # the wave rule is not a Figure
        drawn = sum(
            1
            for page in pdf.pages
            for op in pikepdf.parse_content_stream(page)
            if str(op.operator) == "Do"
        )
        assert drawn == 3  # …but it is drawn


def test_visible_text_is_what_raw_weasyprint_shows(rich_pdf, tmp_path):
    import weasyprint

    from renderer.pdf import _font_config, _stylesheets
    from renderer.resources import load_theme

    article = normalize(ingest(RICH))
    html = weasyprint.HTML(
        string=compose(article, target="pdf"), base_url=RICH.parent.as_uri() + "/"
    )
    document = html.render(
        font_config=_font_config(), stylesheets=list(_stylesheets(load_theme("briefing"), "letter"))
    )
    raw = tmp_path / "raw.pdf"
    buffer = BytesIO()
    document.write_pdf(buffer, pdf_variant="pdf/ua-1")
    raw.write_bytes(buffer.getvalue())
    assert pdftotext(rich_pdf) == pdftotext(raw)


def test_struct_text_has_each_body_paragraph_once(rich_pdf):
    tree = subprocess.run(
        ["pdfinfo", "-struct-text", str(rich_pdf)], capture_output=True, text=True, check=True
    ).stdout
    assert tree.count("Three counties along the bay spent two days") == 1
    assert tree.count("Table (block)") == 1


@pytest.mark.parametrize("source", [SEED, RICH], ids=lambda p: p.stem)
def test_golden_tag_tree(source, tmp_path, monkeypatch):
    """A readable dump of the whole tag tree; RENDERER_REGEN_GOLDEN=1 rewrites it for review."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert main(["build", str(source), "--format", "pdf", "-o", str(tmp_path), "-q"]) == 0
    dump = dump_structure(tmp_path / f"{source.stem}.pdf")
    golden = GOLDEN / f"pipeline-{source.stem}.txt"
    if os.environ.get("RENDERER_REGEN_GOLDEN") == "1":
        golden.write_text(dump, encoding="utf-8")
    assert dump == golden.read_text(encoding="utf-8")
