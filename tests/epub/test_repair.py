"""One test (at least) per repair of an ebooklib 0.20 defect (renderer/epub/repair.py)."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import subprocess
import sys
import zipfile

import pytest
from lxml import etree

import renderer.epub as epub_module
from renderer.epub.repair import repair, repair_ncx, repair_package, write_zip, zip_timestamp
from renderer.errors import RenderError

from .articles import ROOT, seed_article
from .conftest import NS, build

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

OPF_SAMPLE = b"""<?xml version='1.0' encoding='utf-8'?>
<package xmlns="http://www.idpf.org/2007/opf" unique-identifier="id" version="3.0" lang="de">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/"/>
  <manifest/><spine/>
  <guide><reference type="notes" title="Notes" href="n.xhtml"/></guide>
</package>"""


# --- package language ------------------------------------------------------------


def test_package_gets_xml_lang_and_loses_conflicting_lang():
    root = etree.fromstring(repair_package(OPF_SAMPLE, lang="fr"))
    assert root.get(XML_LANG) == "fr"
    assert root.get("lang") is None


def test_ebooklib_still_writes_no_package_language():
    """Canary: when this fails, ebooklib fixed the defect and the repair may go."""
    from ebooklib import epub

    book = epub.EpubBook()
    book.set_language("fr")
    out = io.BytesIO()
    epub.EpubWriter(out, book, {}).write()
    with zipfile.ZipFile(out) as zf:
        package = etree.fromstring(zf.read("EPUB/content.opf"))
    assert package.get(XML_LANG) is None


# --- EPUB 2 guide / landmarks ---------------------------------------------------


def test_guide_removed():
    root = etree.fromstring(repair_package(OPF_SAMPLE, lang="en"))
    assert root.find("opf:guide", NS) is None


# --- head and body kept ------------------------------------------------------------


def test_chapter_keeps_head_and_body_attributes(seed_book):
    doc = seed_book.xml("EPUB/article.xhtml")
    body = doc.find("h:body", NS)
    assert body.get("{http://www.idpf.org/2007/ops}type") == "bodymatter"
    head = doc.find("h:head", NS)
    assert head.find("h:meta[@charset='utf-8']", NS) is not None
    assert head.findtext("h:title", namespaces=NS) == seed_book.dc("title")[0]
    (link,) = head.findall("h:link", NS)
    assert link.get("rel") == "stylesheet" and link.get("href") == "style.css"
    assert "EPUB/style.css" in seed_book.members
    assert doc.get("lang") == doc.get(XML_LANG) == "en"
    assert doc.find(".//h:h1[@id='title']", NS) is not None


def test_ebooklib_still_drops_body_attributes():
    """Canary for the defect the verbatim documents repair."""
    from ebooklib import epub

    book = epub.EpubBook()
    item = epub.EpubHtml(file_name="a.xhtml", title="T", lang="en")
    item.content = (
        '<html><head><title>T</title></head><body epub:type="bodymatter"><p>x</p></body></html>'
    )
    item.book = book
    assert b"bodymatter" not in item.get_content()


# --- parse errors are never an empty chapter ---------------------------------------


def test_malformed_composed_xhtml_is_a_render_error(monkeypatch):
    broken = '<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body><p>a</b></body></html>'
    monkeypatch.setattr(epub_module, "compose", lambda *a, **k: broken)
    with pytest.raises(RenderError, match="not well-formed"):
        build(seed_article())


def test_repair_refuses_an_empty_content_document(seed_book):
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w") as zf:
        for name, data in seed_book.members.items():
            zf.writestr(name, data)
    empty = b'<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><head/><body/></html>'
    with pytest.raises(RenderError, match="empty body"):
        repair(raw.getvalue(), lang="en", documents={"EPUB/article.xhtml": empty},
               moment=dt.datetime(2020, 1, 1))
    with pytest.raises(RenderError, match="empty"):
        repair(raw.getvalue(), lang="en", documents={"EPUB/article.xhtml": b""},
               moment=dt.datetime(2020, 1, 1))


# --- NCX --------------------------------------------------------------------------


def test_ncx_gets_language_and_depth():
    ncx = b"""<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1">
      <head><meta content="u" name="dtb:uid"/><meta content="0" name="dtb:depth"/></head>
      <docTitle><text>T</text></docTitle>
      <navMap><navPoint id="a"><navLabel><text>T</text></navLabel><content src="a.xhtml"/>
        <navPoint id="b"><navLabel><text>S</text></navLabel><content src="a.xhtml#s"/></navPoint>
      </navPoint></navMap></ncx>"""
    root = etree.fromstring(repair_ncx(ncx, lang="es"))
    assert root.get(XML_LANG) == "es"
    assert root.find("ncx:head/ncx:meta[@name='dtb:depth']", NS).get("content") == "2"


# --- the zip ---------------------------------------------------------------------


def test_mimetype_first_and_stored(seed_book, rich_book):
    for book in (seed_book, rich_book):
        first = book.infos[0]
        assert first.filename == "mimetype"
        assert first.compress_type == zipfile.ZIP_STORED
        assert book.members["mimetype"] == b"application/epub+zip"
        assert first.extra == b""
        assert book.edition.data[30:38] == b"mimetype"  # name right after the local header


def test_fixed_timestamps_order_and_permissions(rich_book):
    names = [i.filename for i in rich_book.infos]
    assert names[:3] == ["mimetype", "META-INF/container.xml", "EPUB/content.opf"]
    assert names[3:] == sorted(names[3:])
    for info in rich_book.infos:
        assert info.date_time == (2015, 5, 6, 0, 0, 0)
        assert info.external_attr >> 16 == 0o100644
        assert info.create_system == 3


def test_zip_timestamp_is_utc_never_local():
    ny = dt.timezone(dt.timedelta(hours=-4))
    assert zip_timestamp(dt.datetime(2015, 5, 6, 22, 0, 1, tzinfo=ny)) == (2015, 5, 7, 2, 0, 0)
    assert zip_timestamp(dt.datetime(2015, 5, 6, 22, 0, 1)) == (2015, 5, 6, 22, 0, 0)  # naive = UTC
    assert zip_timestamp(dt.datetime(1970, 1, 1, tzinfo=dt.UTC)) == (1980, 1, 1, 0, 0, 0)


def test_write_zip_reorders_local_time_entries():
    members = {"EPUB/b.css": b"b", "mimetype": b"application/epub+zip", "EPUB/a.opf": b"a",
               "META-INF/container.xml": b"c"}
    data = write_zip(members, moment=dt.datetime(2021, 3, 4, 5, 6, 7), package_path="EPUB/a.opf")
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert zf.namelist() == ["mimetype", "META-INF/container.xml", "EPUB/a.opf", "EPUB/b.css"]
        assert {i.date_time for i in zf.infolist()} == {(2021, 3, 4, 5, 6, 6)}


def test_byte_identical_rebuild(tmp_path):
    from .articles import rich_article

    first = build(seed_article()).data
    assert build(seed_article()).data == first
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    # Same content in another folder: still the same bytes (no paths leak in).
    assert build(rich_article(tmp_path / "a")).data == build(rich_article(tmp_path / "b")).data


SCRIPT = """
import datetime as dt, hashlib, sys
sys.path.insert(0, sys.argv[1])
from tests.epub.articles import seed_article
from tests.epub.conftest import build
moment = dt.datetime(2015, 5, 6, 23, 30, tzinfo=dt.timezone.utc)
print(hashlib.sha256(build(seed_article(), moment=moment).data).hexdigest())
"""


def test_same_bytes_in_any_time_zone():
    digests = set()
    for tz in ("UTC", "America/New_York", "Asia/Tokyo"):
        env = dict(os.environ, TZ=tz, PYTHONPATH=str(ROOT))
        proc = subprocess.run([sys.executable, "-c", SCRIPT, str(ROOT)], env=env,
                              capture_output=True, text=True, check=True, timeout=120)
        digests.add(proc.stdout.strip())
    moment = dt.datetime(2015, 5, 6, 23, 30, tzinfo=dt.UTC)
    assert digests == {hashlib.sha256(build(seed_article(), moment=moment).data).hexdigest()}
