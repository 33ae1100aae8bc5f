"""Write this project's own Ace fixtures: minimal unpacked EPUB 3 books, one per Ace rule.

Ace's own test fixtures (``shared/corpora/ace-fixtures``) never show four of the rules our EPUB
inspector claims *failing* (epub-pagesource, epub-title, metadata-accessibilityhazard,
metadata-accessmode), so agreement on them could only be measured on books that pass. These
books fill the gap: ``ours-base`` passes every rule; each other one differs from it by exactly
the defect its rule is about. They are ours, not Ace's: the calibration table says so, and
``tests/check/test_epub_checks.py`` runs Ace on each to confirm that Ace flags exactly the
rule named here (and nothing on ``ours-base``).

    python tools/ace_fixtures.py DIR     # write every fixture under DIR (for Ace by hand)
"""

from __future__ import annotations

import sys
import uuid
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

__all__ = ["FIXTURES", "Fixture", "write_all"]

CONTAINER = """<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>
"""

# schema.org accessibility metadata of the passing book (true of its content: text only).
A11Y = {
    "schema:accessMode": "textual",
    "schema:accessModeSufficient": "textual",
    "schema:accessibilityFeature": "structuralNavigation",
    "schema:accessibilityHazard": "none",
    "schema:accessibilitySummary": "A short text-only book with headings.",
}


@dataclass(frozen=True)
class Fixture:
    name: str
    rule: str | None  # the Ace rule this book fails; None: it passes every rule
    title: str | None = "A small book"
    drop: tuple[str, ...] = ()  # accessibility metadata properties left out
    page_list: bool = False  # a page-list and page breaks, but no pageBreakSource/dc:source


FIXTURES: tuple[Fixture, ...] = (
    Fixture("ours-base", None),
    Fixture("ours-no-title", "epub-title", title=None),
    Fixture("ours-no-accessmode", "metadata-accessmode", drop=("schema:accessMode",)),
    Fixture("ours-no-accessibilityhazard", "metadata-accessibilityhazard",
            drop=("schema:accessibilityHazard",)),
    Fixture("ours-pagelist-no-source", "epub-pagesource", page_list=True),
)


def _package(f: Fixture) -> str:
    book_id = uuid.uuid5(uuid.NAMESPACE_URL, f"article-renderer/ace-fixtures/{f.name}")
    meta = [f'<dc:identifier id="uid">urn:uuid:{book_id}</dc:identifier>',
            "<dc:language>en</dc:language>",
            '<meta property="dcterms:modified">2024-01-02T12:00:00Z</meta>']
    if f.title is not None:
        meta.insert(1, f"<dc:title>{escape(f.title)}</dc:title>")
    features = dict(A11Y)
    if f.page_list:
        features["schema:accessibilityFeature"] = "pageNavigation"
    for prop, value in features.items():
        if prop not in f.drop:
            meta.append(f'<meta property="{prop}">{escape(value)}</meta>')
    if f.page_list:
        meta.append('<meta property="schema:accessibilityFeature">printPageNumbers</meta>')
    body = "\n    ".join(meta)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="uid"
         xml:lang="en">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    {body}
  </metadata>
  <manifest>
    <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
    <item id="c1" href="chapter.xhtml" media-type="application/xhtml+xml"/>
  </manifest>
  <spine>
    <itemref idref="c1"/>
  </spine>
</package>
"""


def _xhtml(title: str, body: str) -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"
      lang="en" xml:lang="en">
<head><title>{escape(title)}</title></head>
<body>
{body}
</body>
</html>
"""


def _nav(f: Fixture) -> str:
    pages = ""
    if f.page_list:
        pages = """<nav epub:type="page-list" role="doc-pagelist" aria-label="Pages" hidden="">
  <ol>
    <li><a href="chapter.xhtml#page-1">1</a></li>
    <li><a href="chapter.xhtml#page-2">2</a></li>
  </ol>
</nav>"""
    return _xhtml("Contents", f"""<nav epub:type="toc" role="doc-toc" aria-labelledby="toc-h">
  <h1 id="toc-h">Contents</h1>
  <ol><li><a href="chapter.xhtml#c1">The chapter</a></li></ol>
</nav>
{pages}""")


def _chapter(f: Fixture) -> str:
    first = second = ""
    if f.page_list:
        first = '<span epub:type="pagebreak" role="doc-pagebreak" id="page-1" aria-label="1"/>'
        second = '<span epub:type="pagebreak" role="doc-pagebreak" id="page-2" aria-label="2"/>'
    return _xhtml("The chapter", f"""<main>
  <section id="c1" aria-labelledby="c1-h">
    {first}<h1 id="c1-h">The chapter</h1>
    <p>The first paragraph of a very small book.</p>
    {second}<p>The second paragraph ends it.</p>
  </section>
</main>""")


def write(f: Fixture, folder: Path) -> Path:
    """Write one fixture as an unpacked EPUB in ``folder/NAME`` and return that path."""
    root = folder / f.name
    (root / "META-INF").mkdir(parents=True, exist_ok=True)
    (root / "EPUB").mkdir(exist_ok=True)
    (root / "mimetype").write_text("application/epub+zip", "ascii")
    (root / "META-INF" / "container.xml").write_text(CONTAINER, "utf-8")
    (root / "EPUB" / "package.opf").write_text(_package(f), "utf-8")
    (root / "EPUB" / "nav.xhtml").write_text(_nav(f), "utf-8")
    (root / "EPUB" / "chapter.xhtml").write_text(_chapter(f), "utf-8")
    return root


def write_all(folder: Path) -> dict[str, tuple[Fixture, Path]]:
    return {f.name: (f, write(f, folder)) for f in FIXTURES}


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__.rsplit("\n\n", 1)[-1])
    for name, (_, path) in write_all(Path(sys.argv[1])).items():
        print(f"{name}: {path}")
