"""A packet laid out in slices is the same document as one laid out at once.

``--slice-articles N`` lays a packet of more than N articles out N at a time and joins the
parts (renderer/pdf/slices.py, renderer/pdf/join.py). The joined PDF must be the packet
laid out at once in everything a reader meets: the text of every page, the structure tree
(one Document, one Part for <main>), the bookmarks, where each link goes, the page
furniture, the EPUB's page list. Every edition here is also checked as it is written
(tests/conftest.py: the inspector, EPUBCheck, Ace).
"""

from __future__ import annotations

import re
from pathlib import Path

import pikepdf
import pytest

from renderer.cli import main
from renderer.pdf.slices import layers
from renderer.pdf.structure_dump import dump_structure
from renderer.resources import list_themes, load_theme

from .conftest import SAMPLES, pdftotext

MANIFEST = SAMPLES / "briefing-packet.toml"


def _build(out: Path, *flags: str) -> dict[str, Path]:
    assert main(["build", str(MANIFEST), "-o", str(out), "-q", *flags]) == 0
    return {"pdf": out / "briefing-packet.pdf", "epub": out / "briefing-packet.epub"}


@pytest.fixture(scope="module")
def both(tmp_path_factory) -> dict[str, dict[str, Path]]:
    """The sample packet (12 articles) at once, and in slices of 5, 5 and 2 articles."""
    return {
        "once": _build(tmp_path_factory.mktemp("once"), "--slice-articles", "0"),
        "sliced": _build(tmp_path_factory.mktemp("sliced"), "--slice-articles", "5"),
    }


def _navigation(path: Path) -> tuple[list, list]:
    """Bookmarks (depth, title, page, top) and link destinations (page, name → page, top)."""
    with pikepdf.open(path) as pdf:
        pages = {p.objgen: i for i, p in enumerate(pdf.pages)}
        bookmarks: list = []

        def walk(items, depth):
            for item in items:
                dest = item.destination
                bookmarks.append(
                    (depth, str(item.title), pages[dest[0].objgen], round(float(dest[3])))
                )
                walk(item.children, depth + 1)

        with pdf.open_outline() as outline:
            walk(outline.root, 0)
        names = {
            name: (pages[dest[0].objgen], round(float(dest[3])))
            for name, dest in pikepdf.NameTree(pdf.Root.Names.Dests).items()
        }
        links = [
            (number, str(a.Dest), names[str(a.Dest)])
            for number, page in enumerate(pdf.pages)
            for a in page.obj.get("/Annots", ())
            if "/Dest" in a
        ]
    return bookmarks, links


def test_slices_are_really_used(both):
    """Only a joined packet draws its furniture layer over every page."""

    def furnished(path: Path) -> list[bool]:
        with pikepdf.open(path) as pdf:
            return [
                "/RendererFurniture" in page.obj.Resources.get("/XObject", {})
                for page in pdf.pages
            ]

    assert furnished(both["sliced"]["pdf"]) == [True] * 19
    assert furnished(both["once"]["pdf"]) == [False] * 19


def test_every_page_reads_the_same(both):
    once, sliced = (pdftotext(b["pdf"], "-layout") for b in (both["once"], both["sliced"]))
    assert once.count("\f") == sliced.count("\f") == 19
    assert sliced == once
    # The furniture layer: the footer of every page, numbered across the whole packet.
    assert [f"Page {n} of 19" in page for n, page in enumerate(sliced.split("\f")[:19], 1)] == [
        True
    ] * 19


def test_one_structure_tree(both):
    once = dump_structure(both["once"]["pdf"])
    sliced = re.sub(r"\bs\d+-", "", dump_structure(both["sliced"]["pdf"]))
    assert sliced == once
    with pikepdf.open(both["sliced"]["pdf"]) as pdf:
        (document,) = pdf.Root.StructTreeRoot.K
        parts = [k for k in document.K if k.get("/S") == pikepdf.Name.Part]
        assert len(parts) == 1  # <main>, once, although three slices laid it out
        tree = pdf.Root.StructTreeRoot
        keys = [int(k) for k in list(tree.ParentTree.Nums)[0::2]]
        assert keys == sorted(set(keys)) and int(tree.ParentTreeNextKey) == keys[-1] + 1


def test_bookmarks_and_links_go_to_the_same_places(both):
    assert _navigation(both["sliced"]["pdf"]) == _navigation(both["once"]["pdf"])


def test_the_epub_and_its_page_list_are_the_same_bytes(both):
    assert both["sliced"]["epub"].read_bytes() == both["once"]["epub"].read_bytes()


def test_sliced_build_is_reproducible(both, tmp_path):
    again = _build(tmp_path, "--slice-articles", "5")
    assert again["pdf"].read_bytes() == both["sliced"]["pdf"].read_bytes()


def _pictures(path: Path) -> list[bytes]:
    """Every page rendered (PDFium, 40 dpi, grey): what a reader of the printout sees."""
    import pypdfium2

    document = pypdfium2.PdfDocument(str(path))
    try:
        return [
            page.render(scale=40 / 72, grayscale=True).to_pil().tobytes() for page in document
        ]
    finally:
        document.close()


@pytest.mark.parametrize("theme", [name for name, _ in list_themes(None)])
def test_every_theme_can_be_sliced_and_looks_the_same(theme, tmp_path):
    assert layers(load_theme(theme).pdf_css) is not None
    once = _build(tmp_path / "once", "--theme", theme, "--slice-articles", "0")
    sliced = _build(tmp_path / "sliced", "--theme", theme, "--slice-articles", "4")
    pictures = _pictures(once["pdf"])
    assert len(pictures) > 12
    assert _pictures(sliced["pdf"]) == pictures


def test_which_margin_boxes_go_to_the_furniture_layer():
    split = layers(
        "@page { @top-left { content: string(doc-title) }"
        " @bottom-center { content: 'Page ' counter(page) ' of ' counter(pages) } }"
    )
    assert split is not None and split.sides == ("bottom",)
    assert "@bottom-left" in split.content_css and "@top-left" not in split.content_css
    assert "@top-left { content: none !important; }" in split.furniture_css
    assert "@bottom-center" not in split.furniture_css
    # A page number and a running string on the same side cannot be split.
    mixed = "@page { @top-left { content: string(t) } @top-right { content: counter(page) } }"
    assert layers(mixed) is None
    assert layers(mixed + " h2 { string-set: t content() }") is None
    # …unless the string is set on the root element, as each part's root sets it again.
    assert layers(mixed + " html { string-set: t attr(data-t) }").sides == ("top",)
    assert layers("@page { @bottom-center { content: 'x' } }").sides == ()


def test_slice_size_is_an_option_with_a_usable_error(capsys):
    assert main(["build", str(MANIFEST), "--slice-articles", "-1", "-o", "/nonexistent"]) == 2
    assert "--slice-articles" in capsys.readouterr().err
