"""Navigation: our nav document (toc + hidden landmarks) and ebooklib's NCX."""

from __future__ import annotations

import posixpath

from .conftest import NS

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"


def _resolves(book, href: str, base: str = "EPUB/nav.xhtml") -> bool:
    path, _, fragment = href.partition("#")
    name = posixpath.normpath(posixpath.join(posixpath.dirname(base), path))
    if name not in book.members:
        return False
    return not fragment or bool(book.xml(name).xpath(f"//*[@id='{fragment}']"))


def test_nav_toc(rich_book):
    nav = rich_book.xml("EPUB/nav.xhtml")
    assert nav.get("lang") == nav.get(XML_LANG) == "en"
    assert nav.findtext("h:head/h:title", namespaces=NS) == (
        "Contents — Coalition briefing: what changed in April"
    )
    (toc,) = nav.xpath("//h:nav[@epub:type='toc']", namespaces=NS)
    assert toc.get("role") == "doc-toc" and toc.get("id") == "toc"
    assert toc.findtext("h:h2", namespaces=NS) == "Contents"
    top = toc.findall("h:ol/h:li", NS)
    assert [li.findtext("h:a", namespaces=NS) for li in top] == [
        "Coalition briefing: what changed in April"
    ]
    sections = top[0].findall("h:ol/h:li", NS)
    assert [li.findtext("h:a", namespaces=NS) for li in sections] == ["Background", "Pictures"]
    nested = sections[0].findall("h:ol/h:li/h:a", NS)
    assert [a.text for a in nested] == ["In numbers"]
    for a in toc.iterfind(".//h:a", NS):
        assert _resolves(rich_book, a.get("href")), a.get("href")


def test_landmarks_hidden_and_resolving(seed_book, rich_book):
    for book in (seed_book, rich_book):
        nav = book.xml("EPUB/nav.xhtml")
        (marks,) = nav.xpath("//h:nav[@epub:type='landmarks']", namespaces=NS)
        assert marks.get("hidden") == ""
        links = {a.get(EPUB_TYPE): a.get("href") for a in marks.iterfind(".//h:a", NS)}
        assert set(links) == {"toc", "bodymatter"}  # no title page in these books
        assert links["toc"] == "nav.xhtml#toc"
        for href in links.values():
            assert _resolves(book, href), href
        # Not ebooklib's EPUB 2 guide: neither a <guide> nor a second landmarks nav.
        assert book.opf.find("opf:guide", NS) is None
        assert len(nav.xpath("//h:nav", namespaces=NS)) == 2


def test_localized_contents_heading(tmp_path):
    from renderer.model import replace

    from .articles import seed_article
    from .conftest import Book, build

    article = seed_article()
    article = replace(article, metadata=replace(article.metadata, language="fr"))
    nav = Book(build(article), tmp_path / "fr.epub").xml("EPUB/nav.xhtml")
    assert nav.findtext(".//h:nav[@id='toc']/h:h2", namespaces=NS) == "Sommaire"
    assert nav.get("lang") == "fr"


def test_nav_in_manifest_and_spine(seed_book):
    opf = seed_book.opf
    (item,) = opf.xpath("//opf:item[@properties='nav']", namespaces=NS)
    assert item.get("href") == "nav.xhtml"
    refs = [(r.get("idref"), r.get("linear")) for r in opf.iterfind("opf:spine/opf:itemref", NS)]
    assert refs == [("article", None), (item.get("id"), "no")]


def test_ncx(seed_book, rich_book):
    for book in (seed_book, rich_book):
        opf = book.opf
        spine = opf.find("opf:spine", NS)
        (item,) = opf.xpath(f"//opf:item[@id='{spine.get('toc')}']", namespaces=NS)
        assert item.get("media-type") == "application/x-dtbncx+xml"
        ncx = book.xml("EPUB/" + item.get("href"))
        title = book.dc("title")[0]
        assert ncx.findtext("ncx:docTitle/ncx:text", namespaces=NS) == title
        metas = {m.get("name"): m.get("content") for m in ncx.iterfind("ncx:head/ncx:meta", NS)}
        assert metas["dtb:uid"] == book.dc("identifier")[0]
        first = ncx.find("ncx:navMap/ncx:navPoint", NS)
        assert first.findtext("ncx:navLabel/ncx:text", namespaces=NS) == title
        for content in ncx.iterfind(".//ncx:content", NS):
            assert _resolves(book, content.get("src"), "EPUB/toc.ncx")
    rich = rich_book.xml("EPUB/toc.ncx")
    depth = {m.get("name"): m.get("content") for m in rich.iterfind("ncx:head/ncx:meta", NS)}
    assert depth["dtb:depth"] == "3"


def test_titlepage_landmark_when_present():
    from lxml import etree

    from renderer.epub.nav import TocEntry, nav_document

    data = nav_document(title="T", lang="en", toc=TocEntry("T", "a.xhtml"), nav_href="nav.xhtml",
                        stylesheet_href=None, titlepage_href="title.xhtml")
    nav = etree.fromstring(data)
    types = [a.get(EPUB_TYPE) for a in nav.iterfind(".//h:nav[@id='landmarks']//h:a", NS)]
    assert types == ["titlepage", "toc", "bodymatter"]
