"""`renderer check` as the CI gate: exit codes, JUnit/SARIF/JSON output, external validators,
the cross-edition comparison and the calibration script."""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import jsonschema
import pytest
from lxml import etree

from renderer.check import check
from renderer.check.cross import compare, pairs
from renderer.check.external import run_tools
from renderer.check.formats import render
from renderer.cli import main

from ..corpora import require
from ..validators import ace_home, epubcheck_jar

ROOT = Path(__file__).resolve().parents[2]
SCHEMAS = Path(__file__).resolve().parent / "schemas"


def broken_epub(src: Path, dst: Path, *, warning_only: bool = False) -> Path:
    """A copy without xml:lang on the package (error) or with landmarks shown (warning)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if warning_only and info.filename == "EPUB/nav.xhtml":
                data = data.replace(b' hidden=""', b"")
            if not warning_only and info.filename == "EPUB/content.opf":
                data = data.replace(b' xml:lang="en"', b"", 1)
            zout.writestr(info, data)
    return dst


@pytest.fixture
def bad(editions, tmp_path) -> Path:
    return broken_epub(editions["seed.epub"], tmp_path / "bad.epub")


# ---- exit codes -----------------------------------------------------------------------------


def test_clean_editions_exit_0(editions, capsys) -> None:
    files = [str(p) for p in editions.values()]
    assert main(["check", *files, "--fail-on", "warning"]) == 0
    out = capsys.readouterr().out
    assert out.count("OK") == 6  # 4 files + 2 same-stem pairs compared


def test_findings_exit_1(bad) -> None:
    assert main(["check", str(bad)]) == 1


def test_fail_on_threshold(editions, tmp_path) -> None:
    warn = broken_epub(editions["seed.epub"], tmp_path / "warn.epub", warning_only=True)
    assert {f.severity.value for f in check(warn).findings} == {"warning"}
    assert main(["check", str(warn)]) == 0
    assert main(["check", str(warn), "--fail-on", "warning"]) == 1


def test_usage_error_exit_2(editions, capsys) -> None:
    assert main(["check", str(editions["seed.epub"]), "--with", "nope"]) == 2
    assert "unknown tool" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        main(["check", str(editions["seed.epub"]), "--format", "xml"])
    assert exc.value.code == 2


def test_unreadable_input_exit_3(tmp_path) -> None:
    assert main(["check", str(tmp_path / "missing.pdf")]) == 3
    (tmp_path / "x.txt").write_text("hello")
    assert main(["check", str(tmp_path / "x.txt")]) == 3


def test_unwritable_output_exit_6(editions, tmp_path) -> None:
    (tmp_path / "file").write_text("x")
    target = tmp_path / "file" / "report.xml"
    assert main(["check", str(editions["seed.pdf"]), "--format", "junit",
                 "--output", str(target)]) == 6


def test_missing_validator_is_a_finding_exit_7(editions, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("ACE_HOME", str(tmp_path / "no-ace"))
    monkeypatch.setenv("EPUBCHECK_JAR", str(tmp_path / "no.jar"))
    findings = run_tools(str(editions["seed.epub"]), ["epubcheck", "ace"])
    assert [(f.code, f.location) for f in findings] == [("EXT-001", "epubcheck"),
                                                       ("EXT-001", "ace")]
    out = tmp_path / "r.json"
    assert main(["check", str(editions["seed.epub"]), "--with", "ace", "--format", "json",
                 "--output", str(out)]) == 7
    data = json.loads(out.read_text())
    assert data["reports"][0]["findings"][0]["code"] == "EXT-001"


def test_help_documents_exit_codes_and_formats(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["check", "--help"])
    text = capsys.readouterr().out
    for word in ("junit", "sarif", "--with", "--cross", "exit codes (check)", " 7 "):
        assert word in text


# ---- external validators, for real ---------------------------------------------------------


@pytest.mark.validators
def test_validators_fold_into_the_report(editions, bad, monkeypatch) -> None:
    monkeypatch.setenv("EPUBCHECK_JAR", str(epubcheck_jar()))
    monkeypatch.setenv("ACE_HOME", str(ace_home()))
    assert run_tools(str(editions["rich.epub"]), ["epubcheck", "ace"]) == []
    found = run_tools(str(bad), ["ace"])
    assert any(f.code == "EPUB-ACE-001" and f.message.startswith("epub-lang") for f in found)
    assert main(["check", str(editions["seed.epub"]), str(editions["seed.pdf"]),
                 "--with", "epubcheck,ace", "--fail-on", "warning"]) == 0


@pytest.mark.validators
def test_epubcheck_messages_carry_their_id_and_place(editions, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("EPUBCHECK_JAR", str(epubcheck_jar()))
    src, dst = editions["seed.epub"], tmp_path / "e.epub"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "EPUB/content.opf":
                data = data.replace(b"<dc:language>", b"<dc:languagex>", 1).replace(
                    b"</dc:language>", b"</dc:languagex>", 1)
            zout.writestr(info, data)
    found = run_tools(str(dst), ["epubcheck"])
    errors = [f for f in found if f.code == "EPUB-CHECK-001"]
    assert errors and errors[0].message.split(":")[0].startswith(("RSC-", "OPF-"))
    assert errors[0].location.startswith("EPUB/content.opf")


# ---- output formats -------------------------------------------------------------------------


def _reports(editions, bad):
    return [check(editions["rich.pdf"]), check(bad), compare(editions["seed.pdf"],
                                                              editions["rich.epub"])]


def test_junit_validates_and_counts(editions, bad, tmp_path) -> None:
    out = tmp_path / "check.xml"
    assert main(["check", str(editions["rich.pdf"]), str(bad), "--format", "junit",
                 "--output", str(out)]) == 1
    schema = etree.XMLSchema(etree.parse(str(SCHEMAS / "junit.xsd")))
    doc = etree.parse(str(out))
    assert schema.validate(doc), schema.error_log
    root = ET.parse(out).getroot()
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [str(editions["rich.pdf"]), str(bad)]
    assert suites[0].find("testcase").get("name") == "no findings"
    failures = suites[1].findall("testcase/failure")
    assert failures and failures[0].get("message").startswith("EPUB-PKG-001")
    assert int(root.get("failures")) == sum(int(s.get("failures")) for s in suites)
    assert int(root.get("tests")) == sum(len(s.findall("testcase")) for s in suites)


def test_junit_below_threshold_passes(editions, tmp_path) -> None:
    warn = broken_epub(editions["seed.epub"], tmp_path / "warn.epub", warning_only=True)
    xml = render([check(warn)], "junit", "error")
    root = ET.fromstring(xml)
    assert root.get("failures") == "0" and root.find(".//system-out") is not None
    assert ET.fromstring(render([check(warn)], "junit", "warning")).get("failures") != "0"


def test_sarif_is_valid_2_1_0(editions, bad, tmp_path) -> None:
    schema = json.loads((SCHEMAS / "sarif-2.1.0-subset.schema.json").read_text())
    reports = _reports(editions, bad)
    with zipfile.ZipFile(editions["rich.epub"]) as z:
        z.extractall(tmp_path / "book")
    reports.append(check(tmp_path / "book"))
    reports[-1].findings.append(  # a finding with member:line in an unpacked book
        check(broken_epub(editions["seed.epub"], tmp_path / "w.epub", warning_only=True))
        .findings[0])
    log = json.loads(render(reports, "sarif", "error", "0.1.0"))
    jsonschema.Draft7Validator.check_schema(schema)
    _sarif_validator().validate(log)
    run = log["runs"][0]
    rules = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert len(rules) == len(set(rules))
    for result in run["results"]:
        assert rules[result["ruleIndex"]] == result["ruleId"]
    assert {"EPUB-PKG-001", "CROSS-001"} <= set(rules)
    regions = [loc["physicalLocation"].get("region") for r in run["results"]
               for loc in r["locations"]]
    assert any(regions), "a finding in an unpacked EPUB points at its line"


def _sarif_validator() -> jsonschema.Draft7Validator:
    """The subset schema with its ``format`` keywords enforced.

    jsonschema skips a format it has no checker for; ``uri`` and ``uri-reference`` need
    rfc3986-validator (a test dependency). Without it every URI would pass unseen.
    """
    checker = jsonschema.FormatChecker()
    assert {"uri", "uri-reference"} <= set(checker.checkers), "install rfc3986-validator"
    schema = json.loads((SCHEMAS / "sarif-2.1.0-subset.schema.json").read_text())
    return jsonschema.Draft7Validator(schema, format_checker=checker)


@pytest.mark.parametrize("name", ["sp ace/My File#1.pdf", "ünï cödé/a%b?c.pdf", "a:b.pdf"])
def test_sarif_artifact_uris_are_uri_references(tmp_path, name) -> None:
    from urllib.parse import unquote, urlsplit

    from renderer.check.codes import make
    from renderer.check.findings import Report

    absolute = tmp_path / name
    reports = [Report(path, "pdf", [make("PDF-META-002", "no part", "page 1")])
               for path in (name, str(absolute))]
    log = json.loads(render(reports, "sarif", "error", "0.1.0"))
    _sarif_validator().validate(log)
    uris = [a["location"]["uri"] for a in log["runs"][0]["artifacts"]]
    assert unquote(uris[0]) == name and urlsplit(uris[0]).scheme == ""
    assert uris[1].startswith("file:///") and unquote(urlsplit(uris[1]).path) == str(absolute)
    results = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
               for r in log["runs"][0]["results"]]
    assert results == uris
    # the check has teeth: the raw path is not a URI reference
    raw = json.loads(json.dumps(log))
    raw["runs"][0]["artifacts"][0]["location"]["uri"] = "sp ace/My File#1.pdf"
    with pytest.raises(jsonschema.ValidationError, match="uri-reference"):
        _sarif_validator().validate(raw)


def test_sarif_via_cli(editions, bad, tmp_path) -> None:
    out = tmp_path / "check.sarif"
    assert main(["check", str(bad), "--format", "sarif", "--output", str(out)]) == 1
    log = json.loads(out.read_text())
    assert log["version"] == "2.1.0"
    assert log["runs"][0]["results"][0]["level"] == "error"


def test_json_shape(editions, bad) -> None:
    data = json.loads(render(_reports(editions, bad), "json", "warning"))
    assert data["version"] == 1 and data["fail_on"] == "warning"
    kinds = [r["kind"] for r in data["reports"]]
    assert kinds == ["pdf", "epub", "cross"]
    for r in data["reports"]:
        for f in r["findings"]:
            assert set(f) == {"code", "severity", "message", "location", "hint"}


# ---- cross-edition --------------------------------------------------------------------------


@pytest.mark.parametrize("stem", ["seed", "rich"])
def test_same_source_editions_agree(editions, stem) -> None:
    report = compare(editions[f"{stem}.pdf"], editions[f"{stem}.epub"])
    assert report.kind == "cross" and report.findings == [], report.to_text()


def test_different_sources_are_reported(editions) -> None:
    report = compare(editions["seed.pdf"], editions["rich.epub"])
    got = {f.code for f in report.findings}
    assert {"CROSS-001", "CROSS-003", "CROSS-004", "CROSS-005"} <= got, report.to_text()
    assert "CROSS-002" not in got  # both are English


def test_page_numbering_compared_with_page_list(editions, tmp_path) -> None:
    src, dst = editions["rich.epub"], tmp_path / "paged.epub"
    page_list = (b'<nav epub:type="page-list" role="doc-pagelist" hidden=""><ol>'
                 b'<li><a href="article.xhtml#p1">1</a></li></ol></nav></body>')
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "EPUB/nav.xhtml":
                data = data.replace(b"</body>", page_list)
            zout.writestr(info, data)
    report = compare(editions["rich.pdf"], dst)
    assert [f.code for f in report.findings] == ["CROSS-006"], report.to_text()


def test_pairing_rules(tmp_path) -> None:
    assert pairs(["out/a.pdf", "out/b.epub", "out/a.epub"]) == [("out/a.pdf", "out/a.epub")]
    assert pairs(["x.pdf", "y.epub"]) == []
    assert pairs(["x.pdf", "y.epub"], force=True) == [("x.pdf", "y.epub")]


def test_cli_cross_flags(editions, capsys) -> None:
    pdf, epub = str(editions["seed.pdf"]), str(editions["rich.epub"])
    assert main(["check", pdf, epub]) == 0  # different stems: no comparison
    assert main(["check", pdf, epub, "--cross"]) == 1
    assert "CROSS-001" in capsys.readouterr().out
    same = [str(editions["seed.pdf"]), str(editions["seed.epub"])]
    capsys.readouterr()
    assert main(["check", *same, "--no-cross"]) == 0
    assert "(cross)" not in capsys.readouterr().out


def test_unreadable_edition_makes_comparison_incomplete(editions, tmp_path) -> None:
    bad = tmp_path / "bad.epub"
    bad.write_bytes(b"PK\x03\x04nope")
    report = compare(editions["seed.pdf"], bad)
    assert [f.code for f in report.findings] == ["CROSS-007"]


# ---- calibration ----------------------------------------------------------------------------


def test_calibration_table_is_current_and_meets_the_target() -> None:
    sys.path.insert(0, str(ROOT / "tools"))
    from calibrate import DEFAULT_ACE, DEFAULT_VERAPDF

    require(DEFAULT_VERAPDF, "the veraPDF corpus")
    require(DEFAULT_ACE, "Ace's fixtures")
    proc = subprocess.run([sys.executable, str(ROOT / "tools/calibrate.py"), "--check",
                           str(ROOT / "docs/check.md")], capture_output=True, text=True,
                          timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr


def test_raw_weasyprint_output_fails_the_gate(raw_pdf, capsys) -> None:
    assert main(["check", str(raw_pdf)]) == 1
    out = capsys.readouterr().out
    for code in ("PDF-STRUCT-005", "PDF-SPLIT-001", "PDF-FIG-001", "PDF-LIST-003"):
        assert code in out


# ---- --source: the tree reads the input's text ---------------------------------------------


def test_check_source_compares_the_tree_with_the_input(editions, tmp_path, capsys) -> None:
    seed = ROOT / "samples" / "isil-losing-ground.txt"
    pdf = str(editions["seed.pdf"])
    assert main(["check", pdf, "--source", str(seed)]) == 0
    assert "PDF-ORDER-003" not in capsys.readouterr().out
    paragraphs = seed.read_text("utf-8").split("\n\n")
    changed = tmp_path / "changed" / seed.name  # same stem: paired by name
    changed.parent.mkdir()
    changed.write_text("\n\n".join(paragraphs).replace("defensive", "offensive", 2), "utf-8")
    assert main(["check", pdf, str(editions["rich.pdf"]), "--source", str(changed)]) == 1
    out = capsys.readouterr().out
    assert "PDF-ORDER-003" in out and "offensive" in out
    swapped = tmp_path / "swapped.txt"  # the only PDF and the only source: paired anyway
    last, before = paragraphs[-2], paragraphs[-3]
    swapped.write_text("\n\n".join([*paragraphs[:-3], last, before, paragraphs[-1]]), "utf-8")
    assert main(["check", pdf, "--source", str(swapped), "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)["reports"][0]
    assert [f["code"] for f in report["findings"]] == ["PDF-ORDER-003"]


def test_check_source_errors_are_one_line(editions, tmp_path, capsys) -> None:
    pdf = str(editions["seed.pdf"])
    out = tmp_path / "report.json"
    assert main(["check", pdf, "--source", str(tmp_path / "missing.txt"), "--output",
                 str(out)]) == 3
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "missing.txt" in err and "Traceback" not in err
    assert not out.exists()
    assert main(["check", pdf, str(editions["rich.pdf"]), "--source",
                 str(tmp_path / "other.md")]) == 2
    assert "no PDF named other.pdf" in capsys.readouterr().err


def test_the_suite_checks_pdfs_against_their_source(tmp_path, monkeypatch) -> None:
    """tests/conftest.py gives every PDF built from a known source its expected text."""
    import renderer.check

    seen: list[str | None] = []
    real = renderer.check.check

    def spy(path, *, expected_text=None):
        seen.append(expected_text)
        return real(path, expected_text=expected_text)

    monkeypatch.setattr(renderer.check, "check", spy)
    source = tmp_path / "story.txt"  # new bytes: not a cached verdict
    source.write_text((ROOT / "samples" / "isil-losing-ground.txt").read_text("utf-8")
                      .replace("ISIL", "Daesh"), "utf-8")
    assert main(["build", str(source), "-o", str(tmp_path), "--format", "pdf", "-q"]) == 0
    [expected] = seen
    assert expected and "Daesh losing ground" in expected
