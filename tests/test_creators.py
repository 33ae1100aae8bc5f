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


def test_a_person_is_named_without_rank_in_the_metadata(tmp_path):
    """The byline shows "Staff Sgt. Jane Doe"; dc:creator names the person, "Jane Doe"."""
    from renderer.build import build
    from renderer.options import Options

    story = tmp_path / "story.md"
    story.write_text("---\ntitle: Bridge drill\nauthors: [Staff Sgt. Jane Doe, Lt. Col. Ray Lin]\n"
                     "publisher: Press Desk\ndate: 2024-05-01\nlang: en\n---\n\n"
                     + "Engineers built a bridge across the river in the morning. " * 8 + "\n")
    result = build(story, tmp_path / "out", Options())
    assert _xmp_creators(result.outputs["pdf"]) == ["Jane Doe", "Ray Lin"]
    assert _opf_creators(result.outputs["epub"]) == ["Jane Doe", "Ray Lin"]
    with zipfile.ZipFile(result.outputs["epub"]) as z:
        assert "Staff Sgt. Jane Doe" in z.read("EPUB/article.xhtml").decode()  # byline as written


def test_one_person_with_and_without_rank_is_one_contributor_of_a_packet(tmp_path):
    from renderer.build import build_packet
    from renderer.options import Options
    from renderer.packet import PacketSpec

    for name, author in (("a", "Jane Doe"), ("b", "Staff Sgt. Jane Doe")):
        (tmp_path / f"{name}.md").write_text(
            f"---\ntitle: Story {name}\nauthor: {author}\npublisher: Desk\ndate: 2024-05-01\n"
            "lang: en\n---\n\n" + "Crews worked through the night to clear the road. " * 8)
    spec = PacketSpec(name="p", title="Packet", inputs=(
        (str(tmp_path / "a.md"), {}), (str(tmp_path / "b.md"), {})))
    result = build_packet(spec, tmp_path / "out", Options(formats=("epub",)))
    with zipfile.ZipFile(result.outputs["epub"]) as z:
        opf = z.read("EPUB/content.opf").decode()
    named = re.findall(r"<dc:(?:creator|contributor)[^>]*>(.*?)</dc:", opf)
    assert named.count("Jane Doe") == 1 and "Staff Sgt. Jane Doe" not in named


def test_person_name():
    from renderer.model import person_name

    assert person_name("Petty Officer 2nd Class Ann Lee") == "Ann Lee"
    assert person_name("Sgt. Maj. of the Army Michael Weimer") == "Michael Weimer"
    assert person_name("Chief Warrant Officer 3 Kim Park") == "Kim Park"
    assert person_name("Major Smith") == "Major Smith"  # two words are always kept
    assert person_name("Jim Garamone") == "Jim Garamone"
