"""Fixtures for the inspector tests: raw WeasyPrint 70 output and the veraPDF corpus."""

from __future__ import annotations

import base64
import struct
import zlib
from pathlib import Path

import pytest

from ..corpora import corpus, require

# The veraPDF PDF/UA-1 files: data outside the repository (tests/corpora.py).
CORPUS = corpus("verapdf-pdfua1")


def tiny_png() -> bytes:
    """A 1×1 red PNG, written by hand so the tests need no image library."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels)
            + chunk(b"IEND", b""))


# Lower-case words after the first, so a paragraph split at any word starts lower-case.
PARAGRAPH = " ".join(
    ["The council met on tuesday to discuss the budget and the new library"]
    + ["while residents waited outside the town hall for a decision on funding"] * 45
) + "."

RICH_HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Council budget</title>
<style>
@page {{ size: A5; @top-center {{ content: "Running head" }}
         @bottom-center {{ content: counter(page) }} }}
</style></head>
<body><main>
<h1>Council budget</h1>
<p>{para}</p>
<h2>Details</h2>
<ul><li>First item<ul><li>Nested one</li><li>Nested two</li></ul></li><li>Second item</li></ul>
<img src="{img}" alt="" width="20" height="20">
<p>See <a href="https://example.org/report">the full report</a> for more.</p>
<table><thead><tr><th>Name</th><th>Value</th></tr></thead>
<tbody>{rows}</tbody></table>
<p>{para}</p>
</main></body></html>
"""


def render(html: str, path: Path) -> Path:
    weasyprint = pytest.importorskip("weasyprint")
    weasyprint.HTML(string=html).write_pdf(path, pdf_variant="pdf/ua-1")
    return path


@pytest.fixture(scope="session")
def raw_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    img = "data:image/png;base64," + base64.b64encode(tiny_png()).decode()
    rows = "".join(f"<tr><td>Row {i}</td><td>{i * 3}</td></tr>" for i in range(60))
    html = RICH_HTML.format(para=PARAGRAPH, img=img, rows=rows)
    return render(html, tmp_path_factory.mktemp("raw") / "raw.pdf")


@pytest.fixture(scope="session")
def simple_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    html = ('<!DOCTYPE html><html lang="en"><head><title>Short</title></head><body>'
            "<h1>Short story</h1><p>Hello quiet world.</p><h2>Next</h2>"
            "<p>Second paragraph here.</p></body></html>")
    return render(html, tmp_path_factory.mktemp("simple") / "simple.pdf")


INLINE_HTML = """<!DOCTYPE html><html lang="en"><head><title>Inline</title>
<style>a::after { content: " (external)" }</style></head><body>
<h1>One</h1><h3>Skipped</h3><h1>Again</h1>
<figure><figcaption>Caption text</figcaption></figure>
<p>Read <a href="https://example.org/">this page</a>.
<abbr title="World Health Organization">WHO</abbr> at <time>noon</time>: <q>quoted</q></p>
</body></html>"""


@pytest.fixture(scope="session")
def inline_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return render(INLINE_HTML, tmp_path_factory.mktemp("inline") / "inline.pdf")


@pytest.fixture(scope="session")
def corpus_file():
    """Find a veraPDF corpus file by name. Without the corpus the test skips on a
    developer's machine and fails under CI=true, where the corpus must be there."""

    def find(name: str) -> Path:
        matches = sorted(CORPUS.rglob(name))
        return matches[0] if matches else require(CORPUS / name, "veraPDF corpus file")

    return find


@pytest.fixture(scope="session")
def editions(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The seed (plain text) and the rich sample (Markdown, images) built by the CLI."""
    from renderer.cli import main

    root = Path(__file__).resolve().parents[2] / "samples"
    out = tmp_path_factory.mktemp("editions")
    # Without page lists: the mutation tests add (broken) page lists of their own; books
    # with real page lists are checked in tests/test_packet.py and by the CI gate.
    assert main(["build", str(root / "isil-losing-ground.txt"),
                 str(root / "coastal-flood-exercise.md"), "--no-page-list",
                 "-o", str(out), "-q"]) == 0
    return {
        "seed.pdf": out / "isil-losing-ground.pdf",
        "seed.epub": out / "isil-losing-ground.epub",
        "rich.pdf": out / "coastal-flood-exercise.pdf",
        "rich.epub": out / "coastal-flood-exercise.epub",
    }
