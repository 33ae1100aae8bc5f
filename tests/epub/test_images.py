"""Images: embedded only from allowed folders, never fetched; media types by content."""

from __future__ import annotations

import datetime as dt

from renderer.epub.images import media_type_of, plan_images
from renderer.model import Article, Figure, Image, Metadata, Paragraph, Text, plain_text
from renderer.normalize import normalize

from .articles import png
from .conftest import NS, Book, build


def _article(folder, *figures) -> Article:
    # Complete metadata: the editions go through the suite's checks (EPUB-PKG-004 otherwise).
    meta = Metadata(title="Pictures", language="en", authors=("A. Writer",),
                    date=dt.date(2024, 1, 2), publisher="Test Desk",
                    description="What becomes of the images of an article.")
    return normalize(Article(meta, (Paragraph((Text("Intro."),)), *figures), base_dir=str(folder)))


def test_local_image_embedded_with_media_type(rich_book):
    opf = rich_book.opf
    images = opf.xpath("//opf:item[starts-with(@href, 'images/')]", namespaces=NS)
    assert {i.get("media-type") for i in images} == {"image/png"}
    assert len(images) == 2  # the chart and the decorative rule
    doc = rich_book.xml("EPUB/article.xhtml")
    (img,) = doc.xpath("//h:figure/h:img", namespaces=NS)
    assert img.get("src").startswith("images/") and "EPUB/" + img.get("src") in rich_book.members
    assert img.get("alt").startswith("Bar chart")
    assert doc.xpath("//h:figure/h:figcaption/text()", namespaces=NS) == ["Sorties, March–April"]
    (deco,) = doc.xpath("//h:img[@role='presentation']", namespaces=NS)
    assert deco.get("alt") == ""


def test_remote_image_not_fetched_text_kept(tmp_path):
    fig = Figure(Image("https://example.org/map.png", "Map of the region"), caption=(Text("Map"),))
    edition = build(_article(tmp_path, fig))
    book = Book(edition, tmp_path / "b.epub")
    assert any("not fetched" in w for w in edition.warnings)
    assert not any(n.startswith("EPUB/images/") for n in book.members)
    text = "".join(book.xml("EPUB/article.xhtml").itertext())
    assert "Map of the region — Map" in text
    assert "example.org/map.png" not in book.members["EPUB/article.xhtml"].decode()
    # No image is left, so none is claimed.
    assert book.meta("schema:accessMode") == ["textual"]


def test_image_outside_base_dir_is_never_read(tmp_path):
    inside = tmp_path / "article"
    inside.mkdir()
    (tmp_path / "secret.png").write_bytes(png())
    fig = Figure(Image("../secret.png", "A secret"))
    plan = plan_images(_article(inside, fig))
    assert plan.images == () and plan.hrefs == {}
    assert "outside the allowed folders" in plan.warnings[0]
    assert "A secret" in plain_text(plan.article.blocks[-1].children)


def test_allowed_paths_extend_confinement(tmp_path):
    inside = tmp_path / "article"
    shared = tmp_path / "shared"
    inside.mkdir()
    shared.mkdir()
    (shared / "logo.png").write_bytes(png())
    fig = Figure(Image(str(shared / "logo.png"), "Logo"))
    assert plan_images(_article(inside, fig)).images == ()
    plan = plan_images(_article(inside, fig), allowed_paths=(str(shared),))
    assert [i.media_type for i in plan.images] == ["image/png"]


def test_same_image_twice_is_one_file(tmp_path):
    (tmp_path / "a.png").write_bytes(png())
    (tmp_path / "b.png").write_bytes(png())
    plan = plan_images(_article(tmp_path, Figure(Image("a.png", "A")), Figure(Image("b.png", "B"))))
    assert len(plan.images) == 1 and plan.hrefs["a.png"] == plan.hrefs["b.png"]


def test_not_an_image_is_text(tmp_path):
    (tmp_path / "fake.png").write_bytes(b"#!/bin/sh\necho no\n")
    plan = plan_images(_article(tmp_path, Figure(Image("fake.png", "Fake"))))
    assert plan.images == () and "not PNG" in plan.warnings[0]


def test_media_types_by_content():
    assert media_type_of(png()) == ("image/png", "png")
    assert media_type_of(b"\xff\xd8\xff\xe0rest") == ("image/jpeg", "jpg")
    assert media_type_of(b"GIF89a...") == ("image/gif", "gif")
    assert media_type_of(b"RIFF\0\0\0\0WEBPVP8 ") == ("image/webp", "webp")
    assert media_type_of(b'<svg xmlns="http://www.w3.org/2000/svg"/>') == ("image/svg+xml", "svg")
    assert media_type_of(b"hello") is None
