from __future__ import annotations

import datetime
import re

from lxml import etree

from renderer.compose import compose, format_date, outline
from renderer.model import (
    Abbr,
    Article,
    Cell,
    Figure,
    Heading,
    Image,
    Link,
    ListBlock,
    ListItem,
    Metadata,
    Paragraph,
    Span,
    Table,
    Text,
)
from renderer.normalize import normalize

XHTML = "{http://www.w3.org/1999/xhtml}"


def _doc(*blocks, target="epub"):
    meta = Metadata(
        title="Tom & Jerry <3",
        section="News",
        date=datetime.date(2015, 5, 6),
        authors=("Ann One", "Bob Two"),
        organization="Org PA",
        dateline="PLACE, Va.",
        language="en",  # "x" is too short to detect; undetermined would be "und"
    )
    article = normalize(Article(meta, tuple(blocks)))
    return etree.fromstring(compose(article, target=target, stylesheet_href="style.css").encode())


def test_document_is_well_formed_with_language_and_one_h1():
    root = _doc(Heading(2, (Text("Part"),)), Paragraph((Text("x"),)))
    assert (
        root.get("lang") == "en" and root.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    )
    assert root.findtext(f".//{XHTML}title") == "Tom & Jerry <3"
    assert len(root.findall(f".//{XHTML}h1")) == 1
    assert root.find(f".//{XHTML}section/{XHTML}h2").text == "Part"


def test_visible_metadata_block():
    root = _doc(Paragraph((Text("x"),)))
    header = root.find(f".//{XHTML}header")
    text = " ".join("".join(header.itertext()).split())
    assert "News" in text and "By Ann One and Bob Two, Org PA" in text
    assert header.find(f".//{XHTML}time").get("datetime") == "2015-05-06"
    assert "PLACE, Va." in text


def test_unsafe_links_keep_text_but_lose_href():
    root = _doc(
        Paragraph(
            (
                Link("javascript:alert(1)", (Text("bad"),)),
                Text(" "),
                Link("https://example.org/", (Text("good"),)),
            )
        )
    )
    links = root.findall(f".//{XHTML}p/{XHTML}a")
    assert [a.get("href") for a in links] == ["https://example.org/"]
    body = root.findall(f".//{XHTML}article/{XHTML}p")[0]
    assert "".join(body.itertext()) == "bad good"


def test_images_alt_policy():
    root = _doc(
        Figure(Image("a.png", alt="A map"), caption=(Text("The map"),), credit="DoD photo"),
        Figure(Image("b.png", alt="", decorative=True)),
        Figure(Image("c.png", alt=None), caption=(Text("No alt"),)),
    )
    imgs = root.findall(f".//{XHTML}img")
    assert imgs[0].get("alt") == "A map"
    assert (imgs[1].get("alt"), imgs[1].get("role")) == ("", "presentation")
    assert "alt" not in imgs[2].attrib  # never invented
    assert "(DoD photo)" in "".join(root.find(f".//{XHTML}figcaption").itertext())


def test_phrases_tables_and_lists():
    table = Table(
        head=((Cell((Text("Nation"),), header=True), Cell((Text("Strikes"),), header=True)),),
        body=((Cell((Text("Canada"),), header=True), Cell((Text("12"),))),),
        caption=(Text("Strikes"),),
    )
    root = _doc(
        Paragraph((Span("fr", (Text("coup d’état"),)), Text(" "), Abbr("ISIL", "Islamic State"))),
        table,
        ListBlock((ListItem((Paragraph((Text("one"),)),)),), ordered=True, start=3),
    )
    span = root.find(f".//{XHTML}span[@lang='fr']")
    assert span.get("{http://www.w3.org/XML/1998/namespace}lang") == "fr"
    assert root.find(f".//{XHTML}abbr").get("title") == "Islamic State"
    scopes = [th.get("scope") for th in root.iter(f"{XHTML}th")]
    assert scopes == ["col", "col", "row"]
    assert root.find(f".//{XHTML}caption").text == "Strikes"
    assert root.find(f".//{XHTML}ol").get("start") == "3"


def test_outline_nests_sections():
    blocks = (
        Paragraph((Text("lead"),)),
        Heading(2, (Text("A"),)),
        Heading(3, (Text("A1"),)),
        Paragraph((Text("a1"),)),
        Heading(2, (Text("B"),)),
    )
    root = outline(blocks)
    assert len(root.blocks) == 1 and len(root.sections) == 2
    assert root.sections[0].sections[0].blocks[0].children[0].text == "a1"


def test_dates_in_the_article_language():
    d = datetime.date(2018, 2, 27)
    assert format_date(d, "en") == "February 27, 2018"
    assert format_date(d, "fr") == "27 février 2018"
    assert format_date(d, "de") == "27. Februar 2018"


def test_byline_and_date_in_the_articles_language():
    from renderer.model import Article, Metadata, Paragraph, Text
    from renderer.normalize import normalize

    for lang, joined, date in (
        ("fr", "Anne Roy et Paul Roy", "5 mars 2024"),
        ("it", "Anne Roy e Paul Roy", "5 marzo 2024"),
        ("pt", "Anne Roy e Paul Roy", "5 de março de 2024"),
        ("nl", "Anne Roy en Paul Roy", "5 maart 2024"),
        ("en", "Anne Roy and Paul Roy", "March 5, 2024"),
    ):
        meta = Metadata(
            title="T", language=lang, authors=("Anne Roy", "Paul Roy"),
            date=datetime.date(2024, 3, 5),
        )
        html = compose(normalize(Article(meta, (Paragraph((Text("x"),)),))), target="epub")
        text = " ".join(html.replace("</span>", "").split())
        assert joined in re.sub(r"<[^>]+>", "", text), lang
        assert date in html, lang
