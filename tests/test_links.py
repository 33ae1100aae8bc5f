"""Every link in an edition resolves (renderer/normalize/links.py).

A saved page's own links — anchors of menus and comments, site-relative paths,
``javascript:`` — must not reach an EPUB as references EPUBCheck refuses (RSC-007,
RSC-012, RSC-026): a fragment not in the article and a relative link with no page
address become text, a relative link with one is made absolute, any scheme but http,
https, mailto and tel becomes text and is reported. The editions built here are checked
by the inspector, EPUBCheck and Ace as they are written (tests/conftest.py).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pikepdf
import pytest
from lxml import etree

import renderer.normalize
from renderer.build import build
from renderer.check.lint import lint
from renderer.cli import main
from renderer.errors import AccessibilityError
from renderer.model import Article, Heading, Link, Metadata, Paragraph, Text
from renderer.normalize import normalize
from renderer.normalize.links import Fate, link_base, resolve_href
from renderer.options import Options

XHTML = "{http://www.w3.org/1999/xhtml}"
BASE = "https://www.harbor.example.org/news/2024/05/tide-gauges.html"

# A saved page of a small news site, written for this test: canonical URL, site-relative
# links, a link to a heading of the article, anchors of the page's own chrome.
PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Tide gauges on the seawall | Port Aldous Harbor Office</title>
<link rel="canonical" href="https://www.harbor.example.org/news/2024/05/tide-gauges.html">
<meta property="og:title" content="Tide gauges on the seawall">
<meta property="og:site_name" content="Port Aldous Harbor Office">
<meta name="author" content="Lee Park">
<meta property="article:published_time" content="2024-05-06T09:00:00Z">
</head><body>
<a href="#main">Skip to content</a>
<article id="main">
<h1>Tide gauges on the seawall</h1>
<p>By Lee Park</p>
<p>Twelve sensors report the water level every six minutes, the
<a href="/about/harbor-office">harbor office</a> said on Monday. The readings feed the
<a href="../flood-map.html">flood map</a> and the
<a href="https://tides.example.gov/stations/8443970">national tide network</a>; questions go to
<a href="mailto:tides@harbor.example.org">the tide desk</a> or
<a href="tel:+1-555-010-2000">the harbor line</a>. See
<a href="#how-it-works">how the gauges work</a> and the
<a href="#comments">reader comments</a>.</p>
<h2 id="how-it-works">How the gauges work</h2>
<p>Each gauge times a radar pulse off the water surface below the seawall and sends the
level to the office by radio, where the staff compare it with the tide tables every
morning.</p>
<p>The office keeps a paper log as well, written by hand at the end of each shift, so a
radio failure never loses a reading.</p>
</article>
</body></html>
"""


def _article(blocks, source: str | None = BASE) -> Article:
    meta = Metadata(title="Tide gauges", language="en", source=source)
    return Article(meta, tuple(blocks))


def _links(article: Article) -> list[tuple[str, str]]:
    found = []
    for block in article.blocks:
        for node in getattr(block, "children", ()):
            if isinstance(node, Link):
                found.append((node.href, node.children[0].text))
    return found


# ---- the rule ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("href", "fate", "target"),
    [
        ("#how", Fate.KEPT, "#how"),
        ("#comments", Fate.MISSING_FRAGMENT, None),
        ("/about", Fate.ABSOLUTE, "https://www.harbor.example.org/about"),
        ("../map.html", Fate.ABSOLUTE, "https://www.harbor.example.org/news/2024/map.html"),
        ("//cdn.example.net/a", Fate.ABSOLUTE, "https://cdn.example.net/a"),
        ("gauge list.html", Fate.ABSOLUTE,
         "https://www.harbor.example.org/news/2024/05/gauge%20list.html"),
        (" https://tides.example.gov/x ", Fate.KEPT, "https://tides.example.gov/x"),
        ("mailto:desk@example.org", Fate.KEPT, "mailto:desk@example.org"),
        ("tel:+1-555-010-2000", Fate.KEPT, "tel:+1-555-010-2000"),
        ("javascript:void(0)", Fate.SCHEME, None),
        ("JavaScript\t:alert(1)", Fate.SCHEME, None),
        ("vbscript:msgbox", Fate.SCHEME, None),
        ("data:text/html,hi", Fate.SCHEME, None),
        ("file:///etc/passwd", Fate.SCHEME, None),
        ("C:/Users/x/page.html", Fate.SCHEME, None),
        ("whatsapp://send?text=hi", Fate.SCHEME, None),
        ("http://", Fate.INVALID, None),
        ("https://example.org:port/", Fate.INVALID, None),
    ],
)
def test_resolve_href(href: str, fate: Fate, target: str | None) -> None:
    resolved = resolve_href(href, base=BASE, ids={"how"})
    assert (resolved.fate, resolved.href) == (fate, target)


def test_relative_links_without_a_page_address_become_text() -> None:
    assert link_base(None) is None
    assert link_base("/news/2024/05/tide-gauges.html") is None  # not absolute
    assert link_base("ftp://files.example.org/x") is None
    assert resolve_href("/about", base=None, ids=set()).fate is Fate.NO_BASE


def test_normalize_resolves_every_link_and_lint_reports_the_drops() -> None:
    raw = _article(
        [
            Paragraph(
                (
                    Link("/about", (Text("the office"),)),
                    Text(" "),
                    Link("#how", (Text("how"),)),
                    Text(" "),
                    Link("#nowhere", (Text("comments"),)),
                    Text(" "),
                    Link("ftp://files.example.org/log", (Text("the log"),)),
                    Text(" "),
                    Link("http://", (Text("broken"),)),
                )
            ),
            Heading(2, (Text("How it works"),), id="how"),
        ]
    )
    done = normalize(raw)
    assert _links(done) == [("https://www.harbor.example.org/about", "the office"),
                            ("#how", "how")]
    assert [type(n).__name__ for n in done.blocks[0].children] == [
        "Link", "Text", "Link", "Text", "Text", "Text", "Text", "Text", "Text"]
    codes = [f.code for f in lint(raw) if f.code.startswith("IN-LINK")]
    assert codes == ["IN-LINK-004", "IN-LINK-003", "IN-LINK-006"]
    no_base = lint(_article([Paragraph((Link("/about", (Text("the office"),)),))], None))
    assert [f.code for f in no_base if f.code.startswith("IN-LINK")] == ["IN-LINK-005"]
    assert _links(normalize(_article([Paragraph((Link("/a", (Text("a"),)),))], None))) == []


def test_a_link_with_no_text_goes_and_its_children_stay() -> None:
    raw = _article([Paragraph((Text("See"), Link("https://example.org/a", (Text(" "),)),
                               Text("the map.")))])
    assert normalize(raw).blocks[0].children == (Text("See"), Text(" "), Text("the map."))


def test_a_link_to_a_slugged_heading_is_kept() -> None:
    """Lint reads the article before normalize: it sees the ids normalize will give."""
    raw = _article([Paragraph((Link("#s-the-log", (Text("the log"),)),)),
                    Heading(2, (Text("The log"),))])
    assert _links(normalize(raw)) == [("#s-the-log", "the log")]
    assert not [f for f in lint(raw) if f.code.startswith("IN-LINK")]


def test_nested_ids_are_unique_and_headings_without_one_get_none(tmp_path: Path) -> None:
    source = tmp_path / "lists.html"
    source.write_text(
        PAGE.replace(
            '<h2 id="how-it-works">',
            "<ul><li><h4>North gauge</h4><p>On the pier.</p></li>"
            "<li><h4>South gauge</h4><p>On the jetty.</p></li></ul>\n<h2 id=\"how-it-works\">",
        ),
        "utf-8",
    )
    result = build(source, tmp_path / "out", Options(formats=("epub",)))
    with zipfile.ZipFile(result.outputs["epub"]) as book:
        chapter = book.read("EPUB/article.xhtml")
    assert b'id="None"' not in chapter
    assert b"<h4>North gauge</h4>" in chapter or b">North gauge</h" in chapter
    ids = etree.fromstring(chapter).xpath("//@id")
    assert len(ids) == len(set(ids))


# ---- the editions -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def editions(tmp_path_factory) -> tuple[dict[str, Path], list[str]]:
    folder = tmp_path_factory.mktemp("links")
    (folder / "tides.html").write_text(PAGE, "utf-8")
    result = build(folder / "tides.html", folder / "out", Options())
    return result.outputs, result.warnings


def _chapter(epub: Path) -> etree._Element:
    with zipfile.ZipFile(epub) as book:
        return etree.fromstring(book.read("EPUB/article.xhtml"))


def test_the_epub_links_resolve(editions) -> None:
    outputs, _ = editions
    chapter = _chapter(outputs["epub"])
    hrefs = {a.get("href"): "".join(a.itertext()) for a in chapter.iter(f"{XHTML}a")}
    assert hrefs["https://www.harbor.example.org/about/harbor-office"] == "harbor office"
    assert hrefs["https://www.harbor.example.org/news/2024/flood-map.html"] == "flood map"
    assert hrefs["https://tides.example.gov/stations/8443970"] == "national tide network"
    assert hrefs["mailto:tides@harbor.example.org"] == "the tide desk"
    assert hrefs["tel:+1-555-010-2000"] == "the harbor line"
    ids = set(chapter.xpath("//@id"))
    fragments = [h for h in hrefs if h.startswith("#")]
    assert all(h[1:] in ids for h in fragments)  # whether the reader kept the heading's id
    assert "#comments" not in hrefs and "#main" not in hrefs
    text = " ".join("".join(chapter.itertext()).split())
    assert "and the reader comments." in text  # the dropped link's text stays
    with zipfile.ZipFile(outputs["epub"]) as book:
        assert b"dcterms:conformsTo" in book.read("EPUB/content.opf")


def test_the_pdf_links_resolve(editions) -> None:
    outputs, _ = editions
    with pikepdf.open(outputs["pdf"]) as pdf:
        uris = {
            str(annot.A.URI)
            for page in pdf.pages
            for annot in page.get("/Annots", [])
            if annot.get("/A") is not None and "/URI" in annot.A
        }
        assert pdf.open_metadata()["pdfuaid:part"] == "1"
    assert uris >= {
        "https://www.harbor.example.org/about/harbor-office",
        "https://www.harbor.example.org/news/2024/flood-map.html",
        "https://tides.example.gov/stations/8443970",
        "mailto:tides@harbor.example.org",
        "tel:+1-555-010-2000",
    }
    assert not any("comments" in u or u.startswith("/") for u in uris)


def test_lint_names_the_dropped_anchor(tmp_path: Path, capsys) -> None:
    page = tmp_path / "tides.html"
    page.write_text(PAGE, "utf-8")
    main(["lint", str(page), "--format", "json"])
    out = capsys.readouterr().out
    assert '"IN-LINK-004"' in out


# ---- the last look: a link normalize let through withdraws the claims ------------------


@pytest.mark.defective_edition
def test_a_reference_epubcheck_would_refuse_withdraws_both_claims(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(renderer.normalize, "_resolve_links", lambda blocks, base: blocks)
    source = tmp_path / "tides.md"
    source.write_text(
        "---\ntitle: Tide gauges\nauthor: Lee Park\ndate: 2024-05-06\nlanguage: en\n"
        "publisher: Port Aldous Harbor Office\n---\n\n"
        "Twelve sensors report the water level every six minutes; see the "
        "[comments](#comments) and the [office](/about).\n",
        "utf-8",
    )
    result = build(source, tmp_path / "out", Options())
    assert "epub: EPUB-LINK-002" in result.defects
    assert "epub: EPUB-LINK-003" in result.defects
    assert "pdf: EPUB-LINK-002" in result.defects
    with zipfile.ZipFile(result.outputs["epub"]) as book:
        assert b"dcterms:conformsTo" not in book.read("EPUB/content.opf")
    with pikepdf.open(result.outputs["pdf"]) as pdf:
        assert "pdfuaid:part" not in pdf.open_metadata()
    with pytest.raises(AccessibilityError):
        build(source, tmp_path / "strict", Options(strict=True))
    assert not (tmp_path / "strict").exists()
