"""Input lint: stable codes for what would make an edition inaccessible, before rendering."""

from __future__ import annotations

import datetime

import pytest

import renderer.build
from renderer.check.lint import lint
from renderer.cli import main
from renderer.model import (
    Article,
    Cell,
    Figure,
    Heading,
    Image,
    Link,
    Metadata,
    Paragraph,
    Table,
    Text,
)

from ..conftest import SEED


def _article(*blocks, **meta):
    defaults = dict(title="T", language="en", date=datetime.date(2020, 1, 1), authors=("A",))
    defaults.update(meta)
    return Article(Metadata(**defaults), tuple(blocks))


def _codes(article):
    return [f.code for f in lint(article)]


def test_clean_article_has_no_findings():
    assert _codes(_article(Paragraph((Text("Body."),)))) == []


def test_images():
    article = _article(
        Figure(Image("a.png", alt=None)),
        Figure(Image("b.png", "", decorative=True)),
        Figure(Image("c.png", alt="A map")),
    )
    findings = lint(article)
    assert [f.code for f in findings] == ["IN-ALT-001"]
    assert findings[0].severity == "error" and findings[0].location == "figure 1"


def test_headings():
    article = _article(
        Heading(2, (Text("A"),)),
        Heading(4, (Text("B"),)),
        Heading(1, (Text("C"),)),
        Heading(2, (Text(" "),)),
    )
    assert _codes(article) == ["IN-HEAD-001", "IN-HEAD-003", "IN-HEAD-002"]


@pytest.mark.parametrize(
    ("text", "href", "code"),
    [
        ("click here", "https://example.org/report", "IN-LINK-001"),
        ("Read more…", "https://example.org/report", "IN-LINK-001"),
        ("https://example.org/report", "https://example.org/report", "IN-LINK-002"),
        ("the report", "javascript:alert(1)", "IN-LINK-003"),
    ],
)
def test_links(text, href, code):
    assert _codes(_article(Paragraph((Link(href, (Text(text),)),)))) == [code]


def test_descriptive_link_is_fine():
    assert _codes(_article(Paragraph((Link("https://x.org", (Text("the 2015 report"),)),)))) == []


def test_table_without_header_cells():
    table = Table(head=(), body=((Cell((Text("1"),)), Cell((Text("2"),))),))
    assert _codes(_article(table)) == ["IN-TABLE-001"]


def test_missing_metadata_is_said():
    body = Paragraph((Text("Body text."),))  # too short to tell its language
    findings = lint(Article(Metadata(title="T", organization="Org PA"), (body,)))
    by_code = {f.code: f.message for f in findings}
    assert set(by_code) == {"IN-META-005", "IN-META-003", "IN-META-004"}
    assert "Org PA" in by_code["IN-META-004"]
    english = Paragraph((Text("The crew said that the ship was in the port for the winter. " * 3),))
    by_code = {f.code: f.message for f in lint(Article(Metadata(title="T"), (english,)))}
    assert by_code["IN-META-002"] == "the source does not declare a language (detected 'en')"


def test_leftover_chrome_is_suspected():
    article = _article(Paragraph((Text("An official website of the United States government"),)))
    assert _codes(article) == ["IN-CHROME-001"]


def test_lint_cli_exit_codes(tmp_path, capsys):
    assert main(["lint", str(SEED)]) == 0  # warnings only
    assert main(["lint", "--strict", str(SEED)]) == 1
    assert main(["lint", "--meta", "lang=en", "--strict", str(SEED)]) == 0
    assert main(["lint", str(tmp_path / "missing.txt")]) == 3
    out = capsys.readouterr().out
    assert "IN-META-002" in out


def test_show_lists_every_field_and_says_what_is_missing(capsys):
    assert main(["show", str(SEED)]) == 0
    out = capsys.readouterr().out
    assert "Source        (not found)" in out
    assert "Authors       John Redfield" in out
    assert "Language      en (detected)" in out
    assert "H1 ISIL losing ground" in out and "(8 paragraphs)" in out


def test_strict_build_fails_on_a_lint_error(tmp_path, monkeypatch, capsys):
    broken = _article(Paragraph((Text("x"),)), Figure(Image("a.png", alt=None)))
    monkeypatch.setattr(renderer.build, "ingest", lambda *a, **k: broken)
    code = main(["build", str(SEED), "--strict", "-o", str(tmp_path)])
    assert code == 4
    assert "IN-ALT-001" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "text",
    [
        "News | May 6, 2015",  # a kicker
        "By John Redfield, U.S. Central Command Public Affairs",  # a byline
        "Published Feb. 27, 2018",  # a date line
        "Home",  # the first crumb of a breadcrumb trail
        "Home > News > Releases",
        "Share",
        "U.S. Department of Defense",  # the site's own name (the publisher)
    ],
)
def test_leftover_header_lines_in_the_body_are_suspected_chrome(text):
    body = (Paragraph((Text("Body."),)), Paragraph((Text(text),)))
    article = _article(*body, publisher="U.S. Department of Defense")
    findings = lint(article)
    assert [(f.code, f.location) for f in findings] == [("IN-CHROME-001", "paragraph 2")]
    assert text in findings[0].message


@pytest.mark.parametrize(
    "title",
    ["Home", "News | May 6, 2015", "By Jane Doe", "Skip to main content",
     "U.S. Department of Defense", "An official website of the United States government"],
)  # fmt: skip
def test_a_title_that_is_site_chrome_is_said(title):
    body = Paragraph((Text("Body."),))
    article = _article(body, title=title, publisher="U.S. Department of Defense")
    findings = lint(article)
    assert [f.code for f in findings] == ["IN-CHROME-002"]
    assert title in findings[0].message and findings[0].severity.value == "warning"


def test_the_audit_shapes_read_before_the_fix_are_all_reported():
    """What the text reader used to make of nav lines above the kicker (audit 23, var/c)."""
    article = _article(
        Paragraph((Text("News"),)),
        Paragraph((Text("Releases"),)),
        Paragraph((Text("News | May 6, 2015"),)),
        Paragraph((Text("ISIL losing ground, officials say"),)),
        Heading(2, (Text("By John Redfield, U.S. Central Command Public Affairs"),)),
        Paragraph((Text("The coalition said the group is on the defensive."),)),
        title="Home",
    )
    assert [(f.code, f.location) for f in lint(article)] == [
        ("IN-CHROME-002", ""),
        ("IN-CHROME-001", "paragraph 3"),
        ("IN-CHROME-001", "heading 1"),
    ]


def test_story_text_is_not_suspected():
    for text in ("By the end of the week, crews had finished.", "News travels fast on base.",
                 "Home is where the fleet is.", "The Department of Defense said so."):  # fmt: skip
        assert _codes(_article(Paragraph((Text(text),)), publisher="Department of Defense")) == []
