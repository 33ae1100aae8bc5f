"""How a saved web page's bytes become text: BOM, declared charset, UTF-8, detection."""

from __future__ import annotations

import codecs

import pytest

from renderer.errors import InputError
from renderer.ingest import decode, decode_page, ingest
from renderer.ingest.encoding import declared_encoding, html_encoding

STORY = (
    "<p>Le café de la place a rouvert ses portes lundi matin après trois mois de travaux, "
    "au grand plaisir des habitués du quartier.</p>"
    "<p>« Nous avons gardé le comptoir d’origine », explique la gérante.</p>"
)


def _page(head: str, title: str = "Réouverture du café") -> str:
    return (
        f"<!DOCTYPE html><html lang='fr'><head>{head}<title>{title}</title></head>"
        f"<body><article><h1>{title}</h1>{STORY}</article></body></html>"
    )


@pytest.mark.parametrize(
    ("head", "codec"),
    [
        ('<meta charset="windows-1252">', "cp1252"),
        ("<meta charset=iso-8859-1>", "cp1252"),  # browsers read Latin-1 as windows-1252
        ('<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-15">',
         "iso8859-15"),
        ("<meta content='text/html;charset=windows-1250' http-equiv='content-type'>", "cp1250"),
        ('<meta charset="utf-16">', "utf-8"),  # an ASCII-readable page is not UTF-16
        ('<meta charset="no-such-encoding">', None),
    ],
)
def test_the_declared_charset_is_read_as_browsers_read_it(head, codec):
    assert declared_encoding(_page(head).encode("ascii", "replace")) == codec


def test_a_windows_1252_page_with_meta_charset_is_read_not_refused(tmp_path):
    page = tmp_path / "cafe.html"
    page.write_bytes(_page('<meta charset="windows-1252">').encode("cp1252"))
    article = ingest(page)
    assert article.metadata.title == "Réouverture du café"
    assert "« Nous avons gardé le comptoir d’origine », explique la gérante." in [
        "".join(getattr(i, "text", "") for i in b.children) for b in article.blocks
    ]
    assert not any("U+FFFD" in n or "encoding" in n for n in article.notes)


def test_a_page_that_declares_nothing_and_is_not_utf8_is_detected_and_noted(tmp_path):
    page = tmp_path / "latin.html"
    page.write_bytes(_page("").encode("cp1252"))
    article = ingest(page)
    assert article.metadata.title == "Réouverture du café"
    assert any("declares no character encoding" in n for n in article.notes)


def test_stray_invalid_bytes_are_replaced_and_reported_not_fatal(tmp_path):
    data = _page('<meta charset="utf-8">').encode("utf-8").replace(b"lundi", b"lun\xffdi")
    text, notes = decode_page(data, "x.html")
    assert "lun\ufffddi" in text
    assert notes == ["1 byte sequence not valid utf-8 replaced with U+FFFD"]


def test_a_byte_order_mark_wins_over_the_declaration():
    data = codecs.BOM_UTF8 + _page('<meta charset="windows-1252">').encode("utf-8")
    text, notes = decode_page(data, "x.html")
    assert "Réouverture du café" in text and not text.startswith("\ufeff")
    assert notes == []
    utf16 = codecs.BOM_UTF16_LE + _page("").encode("utf-16-le")
    assert "Réouverture du café" in decode_page(utf16, "y.html")[0]


def test_valid_utf8_without_a_declaration_is_utf8():
    assert html_encoding(_page("").encode("utf-8")) == ("utf-8", "utf-8")


def test_binary_and_empty_pages_are_still_refused():
    with pytest.raises(InputError, match="ZIP archive"):
        decode_page(b"PK\x03\x04" + bytes(range(256)), "z.html")
    with pytest.raises(InputError, match="the file is empty"):
        decode_page(codecs.BOM_UTF8 + b"  \n ", "w.html")
    with pytest.raises(InputError, match="NUL bytes"):
        decode_page(b"<p>a\x00b</p>", "n.html")


def test_plain_text_stays_strict_utf8():
    with pytest.raises(InputError, match="not valid UTF-8"):
        decode(b"Title\n\ncaf\xe9 au lait\n", "x.txt")
