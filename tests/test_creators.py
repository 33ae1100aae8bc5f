"""Who made the article: the same creators in the PDF's XMP and the EPUB's OPF."""

from __future__ import annotations

import re
import zipfile

import pikepdf

from renderer.check.cross import compare

from .conftest import SAMPLES


def _xmp_creators(pdf) -> list[str]:
    with pikepdf.open(pdf) as doc:
        xmp = bytes(doc.Root.Metadata.read_bytes()).decode()
    block = re.search(r"<dc:creator>(.*?)</dc:creator>", xmp, re.S)
    return re.findall(r"<rdf:li>(.*?)</rdf:li>", block.group(1)) if block else []


def _opf_creators(epub) -> list[str]:
    with zipfile.ZipFile(epub) as z:
        opf = z.read("EPUB/content.opf").decode()
    return re.findall(r"<dc:creator[^>]*>(.*?)</dc:creator>", opf)


def test_an_organization_byline_is_the_creator_of_both_editions(tmp_path):
    from renderer.build import build
    from renderer.options import Options

    result = build(SAMPLES / "more" / "from-byline-no-kicker.txt", tmp_path, Options())
    pdf, epub = result.outputs["pdf"], result.outputs["epub"]
    unit = "10th Mountain Division Public Affairs"
    assert _xmp_creators(pdf) == [unit]
    assert _opf_creators(epub) == [unit]
    report = compare(pdf, epub)
    assert [f.code for f in report.findings] == []


def test_named_authors_are_the_creators_and_the_unit_is_not(seed_editions):
    assert _xmp_creators(seed_editions["pdf"]) == ["John Redfield"]
    assert _opf_creators(seed_editions["epub"]) == ["John Redfield"]
