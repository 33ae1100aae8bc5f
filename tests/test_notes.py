"""Footnotes are notes in both editions, not a list that happens to follow a heading.

EPUB: a ``doc-endnotes`` section, each note an ``epub:type="endnote"`` list item (no
``role="doc-endnote"``: DPUB-ARIA 1.1 deprecates it, EPUBCheck warns RSC-017 and Ace
reports aria-deprecated-role), references ``noteref``/``doc-noteref`` with ids of their
own, and a ``doc-backlink`` from each note to its first reference. PDF: each note a
``Note`` with a unique ``/ID`` (LI > LBody > Note), references described as "Note N".
The editions are checked by the inspector, EPUBCheck and Ace as they are written
(tests/conftest.py).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pikepdf
import pytest
from lxml import etree

from renderer.cli import main

from .test_packet import _elements

XHTML = "{http://www.w3.org/1999/xhtml}"
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"

STORY = """\
---
title: Tide gauges on the seawall
author: Lee Park
date: 2024-05-06
language: en
publisher: Port Aldous Harbor Office
---

Twelve sensors report the water level every six minutes.[^six] The harbor office
checks them each morning.[^office]

A second look at the interval.[^six]

[^six]: Six minutes matches the national tide network.
[^office]: The page is updated by the harbor office.

    It keeps a paper log, too.
"""


@pytest.fixture(scope="module")
def editions(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("notes")
    (folder / "tides.md").write_text(STORY, "utf-8")
    assert main(["build", str(folder / "tides.md"), "-o", str(folder / "out"), "-q"]) == 0
    return {"pdf": folder / "out" / "tides.pdf", "epub": folder / "out" / "tides.epub"}


def _chapter(epub: Path) -> etree._Element:
    with zipfile.ZipFile(epub) as book:
        return etree.fromstring(book.read("EPUB/article.xhtml"))


def test_epub_notes_are_endnotes_with_references_and_backlinks(editions):
    root = _chapter(editions["epub"])
    sections = [s for s in root.iter(f"{XHTML}section") if s.get(EPUB_TYPE) == "endnotes"]
    assert len(sections) == 1 and sections[0].get("role") == "doc-endnotes"
    notes = list(sections[0].iter(f"{XHTML}li"))
    assert [(n.get("id"), n.get(EPUB_TYPE), n.get("role")) for n in notes] == [
        ("fn-1", "endnote", None),
        ("fn-2", "endnote", None),
    ]
    refs = [a for a in root.iter(f"{XHTML}a") if a.get(EPUB_TYPE) == "noteref"]
    assert [(a.get("href"), a.get("id"), a.get("role"), a.text) for a in refs] == [
        ("#fn-1", "fnref-1", "doc-noteref", "[1]"),
        ("#fn-2", "fnref-2", "doc-noteref", "[2]"),
        ("#fn-1", "fnref-1-2", "doc-noteref", "[1]"),
    ]
    assert [a.get("aria-label") for a in refs] == ["Note 1", "Note 2", "Note 1"]
    ids = {e.get("id") for e in root.iter() if e.get("id")}
    for note, ref in zip(notes, ("#fnref-1", "#fnref-2"), strict=True):
        (back,) = [a for a in note.iter(f"{XHTML}a") if a.get("role") == "doc-backlink"]
        assert back.get("href") == ref and ref[1:] in ids
        assert back.get("aria-label") == "Back to the text"
    assert "It keeps a paper log, too." in "".join(notes[1].itertext())


def test_pdf_notes_are_note_elements_with_ids(editions):
    with pikepdf.open(editions["pdf"]) as pdf:
        notes = _elements(pdf, "/Note")
        assert len(notes) == 2
        assert len({str(n.ID) for n in notes}) == 2
        assert all(str(n.P.S) == "/LBody" and str(n.P.P.S) == "/LI" for n in notes)
        id_tree = pdf.Root.StructTreeRoot.IDTree.Names
        named = {str(id_tree[i]): id_tree[i + 1].objgen for i in range(0, len(id_tree), 2)}
        assert all(named[str(n.ID)] == n.objgen for n in notes)
        descriptions = [str(a.Contents) for page in pdf.pages for a in page.get("/Annots", [])]
    assert [d for d in descriptions if d.startswith("Note")] == ["Note 1", "Note 2", "Note 1"]
    assert descriptions.count("Back to the text") == 2
