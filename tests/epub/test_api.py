"""The EPUB writer's public API is small and pinned."""

from __future__ import annotations

import dataclasses
import inspect

import renderer.epub as epub


def test_public_names():
    assert epub.__all__ == ["EpubEdition", "PrintPages", "write_epub", "write_packet_epub"]


def test_signature():
    params = inspect.signature(epub.write_epub).parameters
    assert list(params) == ["article", "theme", "moment", "strict", "certified_by",
                            "known_defects", "allowed_paths", "print_pages", "max_image_pixels"]
    assert params["allowed_paths"].default == ()
    assert params["max_image_pixels"].default == 50_000_000
    assert all(p.kind is p.KEYWORD_ONLY for name, p in params.items() if name != "article")
    assert [f.name for f in dataclasses.fields(epub.EpubEdition)] == ["data", "defects", "warnings"]


def test_only_this_package_imports_ebooklib():
    import re
    from pathlib import Path

    root = Path(epub.__file__).resolve().parents[1]
    pattern = re.compile(r"^\s*(?:import|from)\s+ebooklib\b", re.MULTILINE)
    importers = sorted(
        str(p.relative_to(root)) for p in root.rglob("*.py") if pattern.search(p.read_text("utf-8"))
    )
    assert importers == ["epub/__init__.py"]


def test_a_paragraph_over_libxml2s_text_limit_is_written():
    """Our own composed XHTML is parsed without libxml2's 10 MB text-node limit, so raising
    --max-paragraph-size past it works instead of failing as "not well-formed"."""
    import datetime as dt
    import zipfile
    from io import BytesIO

    from renderer.model import Article, Metadata, Paragraph, Text
    from renderer.resources import load_theme

    words = "word " * 2_100_000
    article = Article(Metadata(title="Long", language="en", identifier="urn:uuid:0"),
                      (Paragraph((Text(words),)),), base_dir=None)
    edition = epub.write_epub(article, theme=load_theme("ereader"), strict=False,
                              moment=dt.datetime(2015, 5, 6, tzinfo=dt.UTC), certified_by=None,
                              known_defects=[])
    with zipfile.ZipFile(BytesIO(edition.data)) as book:
        assert words.strip() in book.read("EPUB/article.xhtml").decode()
