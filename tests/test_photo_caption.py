"""PhotoCaption end to end: a scraped photo's caption without its image.

The scrape's editions are built through the CLI, so tests/conftest.py validates both (our
PDF inspector, our EPUB checks, EPUBCheck and Ace); these tests look inside them.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pikepdf
import pytest

from renderer.check.lint import lint
from renderer.cli import main
from renderer.compose import compose, positions
from renderer.epub.a11y import facts_of
from renderer.ingest import ingest
from renderer.model import PageMarker, Paragraph, PhotoCaption, Text
from renderer.normalize import normalize
from renderer.pages import PageStart, place_page_breaks
from renderer.show import describe

SCRAPES = Path(__file__).parent / "ingest" / "scrapes"
ARMY = SCRAPES / "army-photo-captions.txt"
FRENCH = SCRAPES / "french-marine.txt"
CREDITS = [
    "U.S. Army photo by Spc. Jane Roe",
    "U.S. Army photo by Staff Sgt. Luis Ortega",
    "Courtesy photo",
]


def _build(source: Path, out: Path) -> tuple[Path, Path]:
    assert main(["build", str(source), "-o", str(out), "-q"]) == 0
    return out / f"{source.stem}.pdf", out / f"{source.stem}.epub"


@pytest.fixture(scope="module")
def army(tmp_path_factory) -> tuple[Path, Path]:
    return _build(ARMY, tmp_path_factory.mktemp("army"))


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


def _xhtml(epub: Path) -> str:
    with zipfile.ZipFile(epub) as z:
        return z.read("EPUB/article.xhtml").decode()


def test_pdf_tags_captions_without_a_figure(army):
    pdf_path, _ = army
    with pikepdf.open(pdf_path) as pdf:
        assert _elements(pdf, "/Figure") == []  # no image, so nothing claims to be one
        captions = _elements(pdf, "/Caption")
        assert len(captions) == 3
        assert all(c.P.get("/S") == "/Div" for c in captions)
        body = [p for p in _elements(pdf, "/P") if p.P.get("/S") in ("/Art", "/Sect")]
        assert len(body) == 4  # the captions are not body paragraphs


def test_epub_renders_figcaption_with_credit_and_claims_no_visual(army):
    _, epub = army
    xhtml = _xhtml(epub)
    figures = re.findall(r'<figure class="photo-caption">(.*?)</figure>', xhtml, re.S)
    assert len(figures) == 3
    for figure, credit in zip(figures, CREDITS, strict=True):
        assert figure.startswith("<figcaption>") and figure.endswith("</figcaption>")
        assert f'<span class="credit">({credit})</span>' in figure
    assert "<img" not in xhtml
    assert xhtml.index("Soldiers unload supplies") < xhtml.index("Reserve Soldiers")
    with zipfile.ZipFile(epub) as z:
        opf = z.read("EPUB/content.opf").decode()
    assert 'property="schema:accessMode">textual<' in opf
    assert "visual" not in opf
    assert "alternativeText" not in opf
    assert "no informative images" in opf


def test_model_facts_lint_and_show():
    article = ingest(ARMY)
    captions = [b for b in article.blocks if isinstance(b, PhotoCaption)]
    assert [c.credit for c in captions] == CREDITS
    facts = facts_of(normalize(article))
    assert (facts.informative_images, facts.decorative_images, facts.images_with_caption) == (
        0,
        0,
        0,
    )
    codes = {f.code for f in lint(article)}
    assert not {c for c in codes if c.startswith(("IN-ALT", "IN-CHROME"))}
    shown = describe(article, str(ARMY))
    assert "1 photo caption" in shown and "2 photo captions" in shown


def test_every_block_has_a_path_and_the_pdf_carries_it():
    article = normalize(ingest(ARMY))
    paths = positions(article.blocks)
    caption = article.blocks[0]
    assert isinstance(caption, PhotoCaption)
    assert paths[id(caption)] == "0"
    assert '<figure class="photo-caption" data-pos="0">' in compose(article, target="pdf")
    assert 'data-pos="0"' not in compose(article, target="epub")


@pytest.mark.parametrize("word", [0, 4])
def test_a_page_beginning_at_or_inside_a_caption_gets_a_marker_before_it(word):
    article = normalize(ingest(ARMY))
    index = next(
        i
        for i, b in enumerate(article.blocks)
        if isinstance(b, PhotoCaption) and b.credit == "Courtesy photo"
    )
    placed = place_page_breaks(article, [PageStart(2, str(index), word)]).article
    assert placed.blocks[index] == PageMarker(2)
    assert placed.blocks[index + 1] == article.blocks[index]  # the caption is untouched


def test_many_captions_across_pages(tmp_path):
    """A long scrape where captions alternate with paragraphs: page markers never land
    inside a caption, and the EPUB lists every print page."""
    body = []
    for n in range(1, 31):
        body.append(
            f"Paragraph {n} of the story tells how the crews moved the cargo from the pier to "
            "the warehouses, one truck at a time, through a long week of rain and wind."
        )
        body.append(f"Crew {n} at work on the pier, May 3, 2018. (U.S. Army photo by Jane Roe)")
    text = (
        "News | May 4, 2018\n\nA long story with many photos\n\n"
        "By Spc. Jane Roe, 311th Expeditionary Sustainment Command\n\n"
        "GULFPORT, Miss. -- " + "\n\n".join(body) + "\n"
    )
    source = tmp_path / "many-captions.txt"
    source.write_text(text, encoding="utf-8")
    pdf_path, epub = _build(source, tmp_path / "out")
    article = ingest(source)
    assert sum(isinstance(b, PhotoCaption) for b in article.blocks) == 30
    assert sum(isinstance(b, Paragraph) for b in article.blocks) == 30
    xhtml = _xhtml(epub)
    with pikepdf.open(pdf_path) as pdf:
        pages = len(pdf.pages)
    assert pages >= 3
    numbers = [int(n) for n in re.findall(r'id="page-(\d+)"', xhtml)]
    assert numbers == list(range(1, pages + 1))
    for figcaption in re.findall(r"<figcaption>.*?</figcaption>", xhtml, re.S):
        assert "pagebreak" not in figcaption


def test_french_build_shows_the_date_in_french(tmp_path):
    _, epub = _build(FRENCH, tmp_path)
    xhtml = _xhtml(epub)
    assert 'lang="fr"' in xhtml
    assert '<time datetime="2015-05-06">6 mai 2015</time>' in xhtml
    assert "<dt>Par</dt>" in xhtml
    assert '<span class="credit">(Photo Marine nationale / Paul Martin)</span>' in xhtml


def test_photo_caption_text_is_plain_text_aware():
    from renderer.model import plain_text

    caption = PhotoCaption((Text("Crew at work."),), "Courtesy photo")
    assert plain_text(caption.children) == "Crew at work."
