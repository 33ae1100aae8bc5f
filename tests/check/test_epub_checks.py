"""The EPUB inspector: our editions are clean, each deliberate defect gives its code, Ace's own
fixtures agree on the rules we claim, hostile files never crash it."""

from __future__ import annotations

import re
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from renderer.check import CODES, Report, check, check_epub
from renderer.check.epub import ACE_RULES, EPUB_TYPE_ROLES

from ..corpora import require

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))
from ace_fixtures import FIXTURES, write_all
from calibrate import DEFAULT_ACE as ACE
from calibrate import expectations

OPF = "EPUB/content.opf"
ARTICLE = "EPUB/article.xhtml"
NAV = "EPUB/nav.xhtml"


def codes(report: Report) -> set[str]:
    return {f.code for f in report.findings}


def mutate(src: Path, dst: Path, edits: dict[str, Callable[[str], str]]) -> Path:
    """Copy an EPUB, rewriting members as text (mimetype stays first and stored)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename in edits:
                text = data.decode("utf-8")
                new = edits[info.filename](text)
                assert new != text, f"edit of {info.filename} changed nothing"
                data = new.encode("utf-8")
            zout.writestr(info, data)
    return dst


def sub(pattern: str, repl: str, count: int = 1) -> Callable[[str], str]:
    return lambda s: re.sub(pattern, repl, s, count=count)


# ---- our editions ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["seed.epub", "rich.epub"])
def test_our_editions_have_no_findings(editions: dict[str, Path], name: str) -> None:
    report = check(editions[name])
    assert report.kind == "epub"
    assert report.findings == [], report.to_text()


@pytest.mark.parametrize("name", ["seed.pdf", "rich.pdf"])
def test_our_pdfs_have_no_findings(editions: dict[str, Path], name: str) -> None:
    report = check(editions[name])
    assert report.findings == [], report.to_text()


def test_unpacked_folder_is_checked_like_the_zip(editions: dict[str, Path], tmp_path) -> None:
    with zipfile.ZipFile(editions["rich.epub"]) as z:
        z.extractall(tmp_path / "book")
    report = check(tmp_path / "book")
    assert report.kind == "epub" and report.findings == [], report.to_text()


# ---- deliberate defects ---------------------------------------------------------------------

DEFECTS = [
    # (edition, {member: edit}, expected code, what)
    ("seed.epub", {OPF: sub(r' xml:lang="[^"]*"', "")}, "EPUB-PKG-001", "no xml:lang on package"),
    ("seed.epub", {OPF: sub(r"<dc:title>[^<]*</dc:title>", "")}, "EPUB-PKG-002", "no title"),
    ("seed.epub", {OPF: sub(r"<dc:language>[^<]*</dc:language>", "")}, "EPUB-PKG-003",
     "no dc:language"),
    ("seed.epub", {OPF: sub(r'(<meta property="schema:accessMode">textual</meta>)',
                            r'\1<meta property="schema:accessMode">visual</meta>')},
     "EPUB-META-004", "visual claimed by an image-less book"),
    ("rich.epub", {OPF: sub(r'<meta property="schema:accessMode">visual</meta>', "")},
     "EPUB-META-005", "informative images without visual"),
    ("rich.epub", {ARTICLE: sub(r'(<img src="images/img-8e[^"]*") alt="[^"]*"', r"\1")},
     "EPUB-META-006", "alternativeText claimed, an image lost its alt"),
    ("rich.epub", {ARTICLE: sub(r'(<img src="images/img-8e[^"]*") alt="[^"]*"', r"\1")},
     "EPUB-IMG-001", "img without alt"),
    ("rich.epub", {OPF: sub(r'<meta property="schema:accessibilityFeature">alternativeText'
                            r"</meta>", "")}, "EPUB-META-007", "true alternativeText not claimed"),
    ("seed.epub", {OPF: sub(r'(<meta property="schema:accessibilityHazard">)',
                            r'<meta property="schema:accessibilityFeature">printPageNumbers'
                            r'</meta>\1')}, "EPUB-META-008", "printPageNumbers without breaks"),
    ("seed.epub", {OPF: sub(r'(<meta property="schema:accessibilityHazard">)',
                            r'<meta property="schema:accessibilityFeature">pageNavigation'
                            r'</meta>\1')}, "EPUB-META-009", "pageNavigation without page-list"),
    ("seed.epub", {OPF: sub(r'<meta property="schema:accessibilityHazard">[^<]*</meta>', "")},
     "EPUB-META-001", "no accessibilityHazard"),
    ("seed.epub", {OPF: sub(r'<meta property="schema:accessibilitySummary">[^<]*</meta>', "")},
     "EPUB-META-002", "no summary"),
    ("seed.epub", {OPF: sub(r'<meta property="schema:accessibilityHazard">none</meta>',
                            '<meta property="schema:accessibilityHazard">None</meta>')},
     "EPUB-META-003", "hazard value not in the vocabulary"),
    ("seed.epub", {OPF: sub(r'<meta property="dcterms:conformsTo">[^<]*</meta>', "")},
     "EPUB-META-011", "no conformsTo"),
    ("seed.epub", {OPF: sub(r"WCAG 2.2 Level AA</meta>", "WCAG 2.2 Level Z</meta>")},
     "EPUB-META-012", "invalid conformsTo"),
    ("seed.epub", {OPF: sub(r"WCAG 2.2 Level AA</meta>", "WCAG 2.1 Level AA</meta>")},
     "EPUB-META-014", "conformsTo not the project's claim"),
    ("seed.epub", {OPF: sub(r'<meta property="a11y:certifiedBy">[^<]*</meta>', "")},
     "EPUB-META-013", "no certifier"),
    ("seed.epub", {NAV: sub(r'(?s)<nav id="landmarks"[^>]*>.*?</nav>', "")}, "EPUB-NAV-002",
     "no landmarks"),
    ("seed.epub", {NAV: sub(r' hidden=""', "")}, "EPUB-NAV-003", "landmarks shown"),
    ("seed.epub", {NAV: sub(r'<nav id="toc" role="doc-toc" epub:type="toc">',
                            '<nav id="toc" role="doc-toc">')}, "EPUB-NAV-001", "no toc nav"),
    ("rich.epub", {NAV: sub(r'href="article.xhtml#s-why-the-counties-rehearsed-a-surge"',
                            'href="article.xhtml#nowhere"')}, "EPUB-NAV-004", "broken toc link"),
    ("seed.epub", {ARTICLE: sub(r' lang="[^"]*" xml:lang="[^"]*"', "")}, "EPUB-LANG-001",
     "no lang on a content document"),
    ("seed.epub", {ARTICLE: sub(r' xml:lang="([^"]*)"', r' xml:lang="fr"')}, "EPUB-LANG-002",
     "lang and xml:lang differ"),
    ("seed.epub", {ARTICLE: sub(r' lang="[^"]*" xml:lang="[^"]*"',
                                ' lang="english" xml:lang="english"')}, "EPUB-LANG-003",
     "language is a word"),
    ("seed.epub", {ARTICLE: sub(r' lang="([^"]*)" xml:lang', r" xml:lang")}, "EPUB-LANG-004",
     "only xml:lang"),
    ("seed.epub", {NAV: sub(r' role="doc-toc"', "")}, "EPUB-TYPE-001", "epub:type toc, no role"),
    ("rich.epub", {ARTICLE: sub(r"<figure>", '<figure epub:type="chapter">')}, "EPUB-TYPE-001",
     "epub:type chapter on a figure"),
    ("rich.epub", {ARTICLE: sub(r'<h3 id="s-what-the-planners-measured">(.*?)</h3>',
                                r'<h4 id="s-what-the-planners-measured">\1</h4>')},
     "EPUB-HEAD-001", "skipped heading level"),
    ("rich.epub", {ARTICLE: sub(r"(<h2 [^>]*>)[^<]*(</h2>)", r"\1\2")}, "EPUB-HEAD-002",
     "empty heading"),
    ("seed.epub", {ARTICLE: sub(r"</p>", "</q>")}, "EPUB-FILE-002", "malformed XHTML"),
    ("seed.epub", {OPF: sub(r"<dc:language>en</dc:language>", "<dc:language>de</dc:language>")},
     "EPUB-LANG-005", "dc:language de on an English book"),
    ("seed.epub", {OPF: sub(r'(<package [^>]*)xml:lang="en"', r'\1xml:lang="fr"')},
     "EPUB-LANG-005", "package xml:lang is not the book's language"),
    ("seed.epub", {ARTICLE: sub(r' lang="en" xml:lang="en"', ' lang="es" xml:lang="es"')},
     "EPUB-LANG-005", "content document in a language the package does not declare"),
    ("seed.epub", {OPF: sub(r'<meta property="dcterms:modified">[^<]*</meta>', "")},
     "EPUB-PKG-005", "no dcterms:modified"),
    ("seed.epub", {OPF: sub(r'(<meta property="dcterms:modified">[^<]*</meta>)', r"\1\1")},
     "EPUB-PKG-005", "two dcterms:modified"),
    ("seed.epub", {OPF: sub(r'(<meta property="dcterms:modified">)[^<]*', r"\g<1>2015-05-06")},
     "EPUB-PKG-005", "dcterms:modified not CCYY-MM-DDThh:mm:ssZ"),
]


@pytest.mark.parametrize(("edition", "edits", "code", "what"), DEFECTS,
                         ids=[f"{c}:{w}" for _, _, c, w in DEFECTS])
def test_defect_gives_its_code(editions, tmp_path, edition, edits, code, what) -> None:
    broken = mutate(editions[edition], tmp_path / "broken.epub", edits)
    report = check(broken)
    assert code in codes(report), f"{what}\n{report.to_text()}"
    assert codes(report) <= set(CODES)
    assert "EPUB-FILE-003" not in codes(report), report.to_text()
    hit = report.by_code(code)[0]
    assert hit.location, "every EPUB finding says where"
    assert hit.hint == CODES[code].hint


def test_locations_give_file_and_line(editions, tmp_path) -> None:
    broken = mutate(editions["rich.epub"], tmp_path / "b.epub",
                    {ARTICLE: sub(r'<h3 id="s-what', r'<h4 id="s-what')})
    broken = mutate(broken, tmp_path / "c.epub", {ARTICLE: sub(r"</h3>", "</h4>")})
    f = check(broken).by_code("EPUB-HEAD-001")[0]
    member, line = f.location.rsplit(":", 1)
    assert member == ARTICLE and int(line) > 1


def _page_list_book(src: Path, dst: Path, *, listed: bool = True, source: bool = True) -> Path:
    """The rich edition with two page-break markers and (optionally) a page-list."""
    page_list = ('<nav epub:type="page-list" role="doc-pagelist" hidden=""><ol>'
                 '<li><a href="article.xhtml#page-1">1</a></li>'
                 + ('<li><a href="article.xhtml#page-2">2</a></li>' if listed else "")
                 + "</ol></nav></body>")
    opf = sub(r'(<meta property="schema:accessibilityHazard">)',
              r'<meta property="schema:accessibilityFeature">pageNavigation</meta>'
              r'<meta property="schema:accessibilityFeature">printPageNumbers</meta>'
              + (r'<meta property="pageBreakSource">urn:isbn:0</meta>' if source else "")
              + r"\1")
    edits = {
        ARTICLE: sub(r'(<main id="content">)',
                     r'\1<span id="page-1" role="doc-pagebreak" epub:type="pagebreak" '
                     r'aria-label="1"/>'),
        NAV: sub(r"</body>", page_list),
        OPF: opf,
    }
    tmp = mutate(src, dst.with_suffix(".tmp"), edits)
    return mutate(tmp, dst, {ARTICLE: sub(r'(<section class="level2">)',
                                          r'<span id="page-2" role="doc-pagebreak" '
                                          r'epub:type="pagebreak" aria-label="2"/>\1')})


def test_page_list_coherent(editions, tmp_path) -> None:
    report = check(_page_list_book(editions["rich.epub"], tmp_path / "p.epub"))
    assert not (codes(report) & {"EPUB-NAV-005", "EPUB-NAV-006", "EPUB-NAV-007",
                                 "EPUB-META-008", "EPUB-META-009", "EPUB-META-010"}), \
        report.to_text()


def test_page_break_missing_from_page_list(editions, tmp_path) -> None:
    report = check(_page_list_book(editions["rich.epub"], tmp_path / "p.epub", listed=False))
    assert "EPUB-NAV-006" in codes(report), report.to_text()


def test_page_list_without_source(editions, tmp_path) -> None:
    book = _page_list_book(editions["rich.epub"], tmp_path / "p.epub", source=False)
    book = mutate(book, tmp_path / "q.epub", {OPF: sub(r"<dc:source>[^<]*</dc:source>", "")})
    assert "EPUB-NAV-007" in codes(check(book))


def test_page_breaks_without_declared_features(editions, tmp_path) -> None:
    book = _page_list_book(editions["rich.epub"], tmp_path / "p.epub")
    book = mutate(book, tmp_path / "q.epub", {OPF: sub(
        r'<meta property="schema:accessibilityFeature">(pageNavigation|printPageNumbers)</meta>',
        "", count=2)})
    assert "EPUB-META-010" in codes(check(book))


# ---- Ace's own fixtures ---------------------------------------------------------------------


def _expectations() -> list[tuple[str, str, set[str]]]:
    if not (ACE / "EXPECTATIONS.md").is_file():
        # one case that reports the missing corpus (fails under CI), never an empty set
        return [("EXPECTATIONS.md", "missing", set())]
    return [(f, o, r) for f, o, r, _ in expectations(ACE)]


EXPECTED = _expectations()


@pytest.mark.parametrize(("fixture", "outcome", "rules"), EXPECTED,
                         ids=[f for f, _, _ in EXPECTED])
def test_agrees_with_ace_fixture(fixture: str, outcome: str, rules: set[str]) -> None:
    require(ACE / "EXPECTATIONS.md", "Ace's fixtures (ace-fixtures corpus)")
    path = require(ACE / "tests" / "data" / fixture, f"Ace fixture {fixture}")
    report = check(path)
    assert report.kind == "epub"
    assert "EPUB-FILE-003" not in codes(report), report.to_text()
    claimed = set(ACE_RULES.values())
    if outcome == "pass":
        assert not codes(report) & claimed, report.to_text()
    else:
        for rule in rules & set(ACE_RULES):
            assert ACE_RULES[rule] in codes(report), f"Ace {rule}\n{report.to_text()}"


@pytest.fixture(scope="module")
def our_ace_fixtures(tmp_path_factory) -> dict:
    return write_all(tmp_path_factory.mktemp("ace-fixtures"))


@pytest.mark.parametrize("name", [f.name for f in FIXTURES])
def test_our_ace_fixtures_give_the_rules_code(our_ace_fixtures, name: str) -> None:
    fixture, path = our_ace_fixtures[name]
    found = codes(check(path)) & set(ACE_RULES.values())
    assert found == ({ACE_RULES[fixture.rule]} if fixture.rule else set()), found


@pytest.mark.validators
@pytest.mark.parametrize("name", [f.name for f in FIXTURES])
def test_ace_flags_exactly_the_rule_of_our_fixture(our_ace_fixtures, name: str) -> None:
    """Our fixtures stand in for Ace's in the calibration only because Ace agrees with them."""
    from ..validators import run_ace

    fixture, path = our_ace_fixtures[name]
    rules = {key.split(":", 1)[1] for key in run_ace(path)["rules"]}
    assert rules == ({fixture.rule} if fixture.rule else set()), rules


def test_every_ace_fixture_is_inspected_without_crash() -> None:
    data = require(ACE / "tests" / "data", "Ace's fixtures (ace-fixtures corpus)")
    targets = [p for p in data.iterdir() if (p / "META-INF").is_dir() or p.suffix == ".epub"]
    assert len(targets) > 30
    for p in targets:
        report = check(p)
        assert "EPUB-FILE-003" not in codes(report), report.to_text()
        assert codes(report) <= set(CODES)


def test_claimed_ace_rules_are_catalogued() -> None:
    for rule, code in ACE_RULES.items():
        assert code in CODES and rule in CODES[code].reference, (rule, code)


def test_role_table_is_aces() -> None:
    assert EPUB_TYPE_ROLES["toc"] == "doc-toc"
    assert EPUB_TYPE_ROLES["pagebreak"] == "doc-pagebreak"
    assert "bodymatter" not in EPUB_TYPE_ROLES  # no ARIA role: Ace does not require one


# ---- hostile input --------------------------------------------------------------------------


@pytest.mark.parametrize(("content", "expected"), [
    (b"PK\x03\x04garbage", "EPUB-FILE-001"),
    (b"", "FILE-001"),
])
def test_garbage_epub_is_a_finding(tmp_path, content: bytes, expected: str) -> None:
    p = tmp_path / "bad.epub"
    p.write_bytes(content)
    assert expected in codes(check(p))


def test_zip_without_container(tmp_path) -> None:
    p = tmp_path / "empty.epub"
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("mimetype", "application/epub+zip")
    assert codes(check(p)) == {"EPUB-FILE-001"}


def test_manifest_item_missing(editions, tmp_path) -> None:
    src = editions["seed.epub"]
    dst = tmp_path / "missing.epub"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for info in zin.infolist():
            if info.filename != NAV:
                zout.writestr(info, zin.read(info))
    report = check(dst)
    assert {"EPUB-FILE-004", "EPUB-NAV-001"} <= codes(report), report.to_text()


def test_entities_are_not_expanded(editions, tmp_path) -> None:
    bomb = ('<?xml version="1.0"?>\n<!DOCTYPE html [<!ENTITY a "aaaaaaaaaa">'
            '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
            '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">'
            '<!ENTITY x SYSTEM "file:///etc/passwd">]>')
    broken = mutate(editions["seed.epub"], tmp_path / "ent.epub", {
        ARTICLE: lambda s: s.replace('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>',
                                     bomb).replace("<p>", "<p>&c;&x;", 1)})
    report = check_epub(broken)
    assert "EPUB-FILE-003" not in codes(report), report.to_text()
