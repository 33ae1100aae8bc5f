"""Briefing packets, and print-page equivalence between the PDF and the EPUB.

Every edition built here is also checked as it is written (tests/conftest.py): the
project's inspector with zero findings, EPUBCheck 0/0/0 and Ace with zero violations —
including Ace's page-list rules (epub-pagelist-broken, epub-pagelist-missing-pagebreak,
epub-pagesource, epub-toc-order).
"""

from __future__ import annotations

import itertools
import re
import subprocess
import zipfile
from pathlib import Path

import pikepdf
import pytest
from lxml import etree

from renderer.cli import main

from .conftest import SAMPLES, SEED

MANIFEST = SAMPLES / "briefing-packet.toml"
RICH = SAMPLES / "coastal-flood-exercise.md"
XHTML = "{http://www.w3.org/1999/xhtml}"
EPUB_NS = "{http://www.idpf.org/2007/ops}"
OPF = {"opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/"}


@pytest.fixture(scope="module")
def packet(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("packet")
    assert main(["build", str(MANIFEST), "-o", str(out), "-q"]) == 0
    return {"pdf": out / "briefing-packet.pdf", "epub": out / "briefing-packet.epub"}


@pytest.fixture(scope="module")
def singles(tmp_path_factory) -> dict[str, dict[str, Path]]:
    out = tmp_path_factory.mktemp("singles")
    built = {}
    for source in (SEED, RICH):
        assert main(["build", str(source), "-o", str(out), "-q"]) == 0
        built[source.stem] = {
            "pdf": out / f"{source.stem}.pdf",
            "epub": out / f"{source.stem}.epub",
        }
    return built


# ----------------------------------------------------------------- helpers


def _elements(pdf: pikepdf.Pdf, pattern: str) -> list[pikepdf.Dictionary]:
    found, stack = [], [pdf.Root.StructTreeRoot.K]
    while stack:
        node = stack.pop()
        if isinstance(node, pikepdf.Array):
            stack.extend(reversed(list(node)))
        elif isinstance(node, pikepdf.Dictionary) and "/K" in node:
            if re.fullmatch(pattern, str(node.get("/S", ""))):
                found.append(node)
            stack.append(node.K)
    return found


def _first_page(element: pikepdf.Dictionary, pdf: pikepdf.Pdf) -> int:
    index = {page.objgen: n for n, page in enumerate(pdf.pages, 1)}
    stack = [element]
    while stack:
        node = stack.pop()
        if isinstance(node, pikepdf.Dictionary):
            if "/Pg" in node:
                return index[node.Pg.objgen]
            if "/K" in node:
                stack.append(node.K)
        elif isinstance(node, pikepdf.Array):
            stack.extend(reversed(list(node)))
    raise AssertionError("element without a page")


def _epub_text_after_markers(epub: Path) -> tuple[dict[int, str], list[str]]:
    """{page: the words that follow its marker} across the spine, and the page-list hrefs."""
    with zipfile.ZipFile(epub) as book:
        opf_name = next(n for n in book.namelist() if n.endswith(".opf"))
        opf = etree.fromstring(book.read(opf_name))
        folder = opf_name.rsplit("/", 1)[0]
        manifest = {i.get("id"): i.get("href") for i in opf.iterfind(".//opf:item", OPF)}
        spine = [
            manifest[r.get("idref")]
            for r in opf.iterfind(".//opf:itemref", OPF)
            if r.get("linear") != "no"
        ]
        nav_href = next(
            i.get("href")
            for i in opf.iterfind(".//opf:item", OPF)
            if "nav" in (i.get("properties") or "")
        )
        nav = etree.fromstring(book.read(f"{folder}/{nav_href}"))
        page_list = next(
            n for n in nav.iter(f"{XHTML}nav") if n.get(f"{EPUB_NS}type") == "page-list"
        )
        hrefs = [a.get("href") for a in page_list.iter(f"{XHTML}a")]
        words: list[str] = []
        marks: dict[int, int] = {}
        for href in spine:
            body = etree.fromstring(book.read(f"{folder}/{href}")).find(f"{XHTML}body")

            def walk(element, body=body):
                if element.get("role") == "doc-pagebreak":
                    marks[int(element.get("aria-label"))] = len(words)
                if element.text:
                    words.extend(element.text.split())
                for child in element:
                    walk(child)
                if element is not body and element.tail:
                    words.extend(element.tail.split())

            walk(body)
    return {n: " ".join(words[i : i + 4]) for n, i in marks.items()}, hrefs


def _pdf_page_top(pdf: Path, page: int) -> str:
    """The page's body text (running header and footer cropped away), lower-case."""
    text = subprocess.run(
        [
            "pdftotext",
            "-f",
            str(page),
            "-l",
            str(page),
            "-x",
            "0",
            "-y",
            "62",
            "-W",
            "612",
            "-H",
            "668",
            str(pdf),
            "-",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return " ".join(text.split()).lower()


def _assert_equivalent(pdf: Path, epub: Path) -> None:
    with pikepdf.open(pdf) as document:
        pages = len(document.pages)
    after, hrefs = _epub_text_after_markers(epub)
    assert len(hrefs) == pages, "the page list must have one entry per PDF page"
    assert sorted(after) == list(range(1, pages + 1))
    for number in range(1, pages + 1):
        top = _pdf_page_top(pdf, number)[:400]
        words = after[number].lower()
        assert words and words in top, (
            f"page {number}: EPUB {words!r} is not at the top of {top[:120]!r}"
        )


# ------------------------------------------------------------------- tests


def test_packet_pdf_structure(packet):
    with pikepdf.open(packet["pdf"]) as pdf:
        headings = [(str(h.S)[1:], h) for h in _elements(pdf, r"/H[1-6]")]
        levels = [int(kind[1]) for kind, _ in headings]
        assert levels[0] == 1 and levels.count(1) == 1
        assert all(b <= a + 1 for a, b in itertools.pairwise(levels))
        titles = [h for kind, h in headings if kind == "H2"]
        assert len(titles) == 13  # "Contents" and twelve article titles
        with pdf.open_metadata() as xmp:
            assert xmp["dc:title"] == "Weekly Public Affairs Briefing"
            assert xmp["dc:description"].startswith("Briefing packet of 12 articles")
        # bookmarks two levels deep
        depth, stack = 0, [(pdf.Root.Outlines.First, 1)]
        while stack:
            node, level = stack.pop()
            depth = max(depth, level)
            if "/First" in node:
                stack.append((node.First, level + 1))
            if "/Next" in node:
                stack.append((node.Next, level))
        assert depth == 2


def test_contents_page_numbers_match_article_start_pages(packet):
    with pikepdf.open(packet["pdf"]) as pdf:
        items = _elements(pdf, "/TOCI")
        assert len(items) == 12
        starts = [_first_page(h, pdf) for h in _elements(pdf, "/H2")[1:]]  # skip "Contents"
        page_of = {page.objgen: n for n, page in enumerate(pdf.pages, 1)}
        names = {}
        for key, value in zip(
            pdf.Root.Names.Dests.Names[::2], pdf.Root.Names.Dests.Names[1::2], strict=True
        ):
            names[str(key)] = page_of[value[0].objgen]
        printed, targets = [], []
        contents_text = _pdf_page_top(packet["pdf"], 2)
        for annot in pdf.pages[1].Annots:  # a link drawn in pieces has several annotations
            if not targets or targets[-1] != names[str(annot.Dest)]:
                targets.append(names[str(annot.Dest)])
        printed = [int(n) for n in re.findall(r"\.\s*(\d+)(?=\s|$)", contents_text)]
    assert targets == starts
    assert printed == starts


def test_packet_equivalence(packet):
    _assert_equivalent(packet["pdf"], packet["epub"])


@pytest.mark.parametrize("name", ["isil-losing-ground", "coastal-flood-exercise"])
def test_single_article_equivalence(singles, name):
    _assert_equivalent(singles[name]["pdf"], singles[name]["epub"])


def test_packet_epub_navigation_and_metadata(packet):
    with zipfile.ZipFile(packet["epub"]) as book:
        names = book.namelist()
        opf = etree.fromstring(book.read(next(n for n in names if n.endswith(".opf"))))
        nav = etree.fromstring(book.read("EPUB/nav.xhtml"))
        title_page = etree.fromstring(book.read("EPUB/titlepage.xhtml"))
    assert sum(n.startswith("EPUB/article-") for n in names) == 12
    toc = next(n for n in nav.iter(f"{XHTML}nav") if n.get(f"{EPUB_NS}type") == "toc")
    top = toc.find(f"{XHTML}ol")
    assert len(top.findall(f"{XHTML}li")) == 12
    assert not top.findall(f"{XHTML}li/{XHTML}ol/{XHTML}li/{XHTML}ol"), "two levels only"
    landmarks = next(n for n in nav.iter(f"{XHTML}nav") if n.get(f"{EPUB_NS}type") == "landmarks")
    kinds = [a.get(f"{EPUB_NS}type") for a in landmarks.iter(f"{XHTML}a")]
    assert kinds == ["titlepage", "toc", "bodymatter"]
    contributors = [c.text for c in opf.iterfind(".//dc:contributor", OPF)]
    assert "John Redfield" in contributors and "Dana Whitcomb" in contributors
    props = {}
    for meta in opf.iterfind(".//opf:meta[@property]", OPF):
        props.setdefault(meta.get("property"), []).append(meta.text)
    assert {"printPageNumbers", "pageNavigation"} <= set(props["schema:accessibilityFeature"])
    assert title_page.find(f".//{XHTML}h1").text == "Weekly Public Affairs Briefing"


def test_page_break_source_names_the_pdf_edition(packet):
    with pikepdf.open(packet["pdf"]) as pdf, pdf.open_metadata() as xmp:
        pdf_id = xmp["dc:identifier"]
    with zipfile.ZipFile(packet["epub"]) as book:
        opf = etree.fromstring(book.read(next(n for n in book.namelist() if n.endswith(".opf"))))
    source = opf.find(".//opf:meta[@property='pageBreakSource']", OPF).text
    epub_id = opf.findtext(".//dc:identifier", namespaces=OPF)
    assert source == pdf_id and source != epub_id


def test_packet_from_the_command_line(tmp_path, capsys):
    code = main(
        [
            "build",
            str(SEED),
            str(RICH),
            str(SAMPLES / "more" / "og-only.html"),
            "--packet",
            "Three stories",
            "--meta",
            "organization=Records Branch",
            "--meta",
            "date=2024-10-18",
            "-o",
            str(tmp_path),
        ]
    )
    assert code == 0, capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["three-stories.epub", "three-stories.pdf"]
    _assert_equivalent(tmp_path / "three-stories.pdf", tmp_path / "three-stories.epub")
    with pikepdf.open(tmp_path / "three-stories.pdf") as pdf, pdf.open_metadata() as xmp:
        assert xmp["dc:publisher"] == {"Records Branch"}
        assert xmp["dc:date"] == ["2024-10-18"]


def test_packet_meta_must_name_a_packet_field(tmp_path, capsys):
    code = main(["build", str(SEED), "--packet", "T", "--meta", "colour=red", "-o", str(tmp_path)])
    assert code == 2 and "with --packet, use one of" in capsys.readouterr().err


def test_no_page_list(tmp_path):
    assert main(["build", str(SEED), "--no-page-list", "-o", str(tmp_path), "-q"]) == 0
    with zipfile.ZipFile(tmp_path / "isil-losing-ground.epub") as book:
        text = b"".join(book.read(n) for n in book.namelist() if n.endswith((".xhtml", ".opf")))
    assert b"doc-pagebreak" not in text and b"page-list" not in text
    assert b"pageNavigation" not in text and b"pageBreakSource" not in text


@pytest.mark.parametrize(
    ("manifest", "message"),
    [
        ('title = "T"\n[[article]]\npath = "p.toml"\n', "cannot include a manifest"),
        ('title = "T"\n[[article]]\npath = "../outside.txt"\n', "outside the manifest's folder"),
        ('title = "T"\ncolour = "red"\n[[article]]\npath = "a.txt"\n', "unknown key 'colour'"),
        ('title = "T"\n', "no articles"),
        ('subtitle = "S"\n[[article]]\npath = "a.txt"\n', "needs a title"),
        (
            'title = "T"\n[[article]]\npath = "a.txt"\nmeta = { colour = "red" }\n',
            "unknown metadata field 'colour'",
        ),
        (
            'title = "T"\nstatement = "' + "x" * 1_100_000 + '"\n[[article]]\npath = "a.txt"\n',
            "holds 1.0 MB of text, over the 1 MB limit (raise it with --max-paragraph-size)",
        ),
        (
            'title = "T"\n[[article]]\npath = "a.txt"\nmeta = { title = "' + "x" * 1_100_000
            + '" }\n',
            "p.toml: a paragraph (or heading, cell, caption or metadata field) holds 1.0 MB",
        ),
    ],
    ids=["manifest", "outside", "unknown-key", "no-articles", "no-title", "unknown-meta",
         "long-statement", "long-article-title"],
)
def test_bad_manifests(tmp_path, capsys, manifest, message):
    folder = tmp_path / "packet"
    folder.mkdir()
    (folder / "a.txt").write_text(SEED.read_text("utf-8"), "utf-8")
    (folder / "p.toml").write_text(manifest, "utf-8")
    code = main(["build", str(folder / "p.toml"), "-o", str(tmp_path / "out")])
    assert code == 3
    assert message in capsys.readouterr().err
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())
