"""An image given as a data: URL is in both editions (the EPUB as a file of the book)."""

from __future__ import annotations

import base64
import zipfile

from renderer.build import build
from renderer.check.cross import compare
from renderer.options import Options

from .epub.articles import png


def test_data_url_image_is_embedded_in_both_editions(tmp_path):
    picture = base64.b64encode(png()).decode()
    page = tmp_path / "page.html"
    page.write_text(
        "<!DOCTYPE html><html lang='en'><head><title>Radar</title>"
        "<meta name='author' content='Dana Cole'>"
        "<meta property='article:published_time' content='2024-05-02'>"
        "<meta name='description' content='A new radar antenna.'>"
        "<meta property='og:site_name' content='Station News'></head><body><article>"
        "<h1>Radar upgrade</h1><p>The station received a new antenna this week.</p>"
        f"<figure><img src='data:image/png;base64,{picture}' alt='The new radar antenna'>"
        "<figcaption>The antenna on its mast.</figcaption></figure>"
        "<p>It will be calibrated over the coming month.</p></article></body></html>",
        "utf-8",
    )
    result = build(page, tmp_path / "out", Options())
    assert not [w for w in result.warnings if "image" in w], result.warnings
    with zipfile.ZipFile(result.outputs["epub"]) as book:
        names = [n for n in book.namelist() if n.startswith("EPUB/images/")]
        chapter = book.read("EPUB/article.xhtml").decode()
        opf = book.read("EPUB/content.opf").decode()
    assert len(names) == 1 and book_bytes(result.outputs["epub"], names[0]) == png()
    assert "data:" not in chapter and 'alt="The new radar antenna"' in chapter
    assert "visual" in opf and "alternativeText" in opf
    assert [f.code for f in compare(result.outputs["pdf"], result.outputs["epub"]).findings] == []


def test_a_refused_data_url_is_named_briefly(tmp_path):
    page = tmp_path / "page.html"
    junk = "A" * 5000
    page.write_text(
        "<!DOCTYPE html><html lang='en'><head><title>Radar</title>"
        "<meta name='author' content='Dana Cole'>"
        "<meta property='article:published_time' content='2024-05-02'>"
        "<meta name='description' content='A new radar antenna.'>"
        "<meta property='og:site_name' content='Station News'></head><body><article>"
        "<h1>Radar upgrade</h1><p>The station received a new antenna.</p>"
        f"<figure><img src='data:image/png;base64,{junk}' alt='The new radar antenna'>"
        "</figure></article></body></html>",
        "utf-8",
    )
    result = build(page, tmp_path / "out", Options())
    warnings = [w for w in result.warnings if "data:image/png" in w]
    assert warnings and all(junk not in w and len(w) < 200 for w in warnings), warnings


def book_bytes(epub, name) -> bytes:
    with zipfile.ZipFile(epub) as book:
        return book.read(name)
