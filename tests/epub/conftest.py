"""EPUB fixtures: each test book is built once per session and validated once."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from renderer.epub import EpubEdition, write_epub
from renderer.resources import load_theme

from ..conftest import check_edition
from .articles import MOMENT, rich_article, seed_article

NS = {
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "h": "http://www.w3.org/1999/xhtml",
    "epub": "http://www.idpf.org/2007/ops",
    "ncx": "http://www.daisy.org/z3986/2005/ncx/",
}


def build(article, **overrides) -> EpubEdition:
    options = dict(
        theme=load_theme("briefing"), moment=MOMENT, strict=False, certified_by=None,
        known_defects=[],
    )
    options.update(overrides)
    edition = write_epub(article, **options)
    check_edition(edition.data, ".epub")  # our checks, EPUBCheck and Ace, as for the CLI's
    return edition


class Book:
    """A built EPUB with its members parsed on demand."""

    def __init__(self, edition: EpubEdition, path: Path) -> None:
        self.edition = edition
        self.path = path
        path.write_bytes(edition.data)
        with zipfile.ZipFile(io.BytesIO(edition.data)) as zf:
            self.infos = zf.infolist()
            self.members = {i.filename: zf.read(i) for i in self.infos}

    def xml(self, name: str) -> etree._Element:
        return etree.fromstring(self.members[name])

    @property
    def opf(self) -> etree._Element:
        return self.xml("EPUB/content.opf")

    def meta(self, prop: str) -> list[str]:
        return [m.text for m in self.opf.iterfind(f"opf:metadata/opf:meta[@property='{prop}']", NS)]

    def dc(self, name: str) -> list[str]:
        return [e.text for e in self.opf.iterfind(f"opf:metadata/dc:{name}", NS)]


@pytest.fixture(scope="session")
def seed_book(tmp_path_factory) -> Book:
    out = tmp_path_factory.mktemp("seed-epub")
    return Book(build(seed_article()), out / "seed.epub")


@pytest.fixture(scope="session")
def rich_book(tmp_path_factory) -> Book:
    folder = tmp_path_factory.mktemp("rich-article")
    return Book(build(rich_article(folder)), folder / "rich.epub")
