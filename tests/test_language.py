"""An article whose language is neither declared nor detected: said, never guessed.

The editions then carry BCP 47 ``und`` (undetermined) and claim no conformance; --strict
fails with one line saying how to give the language.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pikepdf
import pytest
from lxml import etree

from renderer.check import check
from renderer.check.lint import lint
from renderer.cli import main
from renderer.ingest import ingest
from renderer.normalize import normalize
from renderer.normalize.language import DETECTED_LANGUAGES, body_language
from renderer.options import Options

from .validators import run_ace, run_epubcheck

SWEDISH = Path(__file__).parent / "ingest" / "markdown" / "swedish-no-lang.md"
OPF = {"opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/"}


def codes(findings) -> dict[str, str]:
    return {f.code: f.severity.value for f in findings}


def test_undetermined_language_is_und_and_a_lint_error():
    raw = ingest(SWEDISH)
    assert raw.metadata.language is None and body_language(raw.blocks) is None
    assert normalize(raw).metadata.language == "und"
    findings = lint(raw)
    assert codes(findings) == {"IN-META-005": "error"}
    (finding,) = findings
    assert "--lang" in finding.message and "--meta lang=" in finding.message


@pytest.mark.parametrize(
    ("given", "meta", "language"),
    [("sv", (), "sv"), (None, ("lang=sv",), "sv"), ("sv-SE", ("lang=fi",), "sv-SE")],
)
def test_a_given_language_settles_it(given, meta, language):
    raw = ingest(SWEDISH, meta=meta)
    assert normalize(raw, Options(lang=given)).metadata.language == language
    assert lint(raw, lang=given) == []


def test_und_given_explicitly_is_still_undetermined():
    assert codes(lint(ingest(SWEDISH, meta=("lang=und",)))) == {"IN-META-005": "error"}


def test_detected_language_is_a_warning_only():
    english = ingest(Path(__file__).parent.parent / "samples" / "isil-losing-ground.txt")
    assert codes(lint(english))["IN-META-002"] == "warning"
    assert "IN-META-005" not in codes(lint(english))
    assert lint(english, lang="en") == lint(english, lang="en-US") != lint(english)


def test_detection_covers_the_documented_languages():
    assert DETECTED_LANGUAGES == ("en", "fr", "de", "es", "it", "pt", "nl")
    readme = (Path(__file__).parent.parent / "README.md").read_text("utf-8")
    assert "English, French, German, Spanish, Italian, Portuguese and Dutch" in readme


@pytest.mark.defective_edition  # no conformance claim, on purpose: checked below
def test_build_writes_und_and_claims_no_conformance(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["build", str(SWEDISH), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "IN-META-005" in err
    pdf_path, epub_path = out / "swedish-no-lang.pdf", out / "swedish-no-lang.epub"

    with pikepdf.open(pdf_path) as pdf:
        assert str(pdf.Root.Lang) == "und"
        xmp = pdf.open_metadata()
        assert "pdfuaid:part" not in xmp
        assert xmp["dc:language"] == {"und"}
    with zipfile.ZipFile(epub_path) as z:
        opf = etree.fromstring(z.read("EPUB/content.opf"))
        article = z.read("EPUB/article.xhtml").decode()
    assert opf.get("{http://www.w3.org/XML/1998/namespace}lang") == "und"
    assert opf.findtext(".//dc:language", namespaces=OPF) == "und"
    assert 'lang="und" xml:lang="und"' in article
    assert "conformsTo" not in etree.tostring(opf).decode()

    # What is missing is the claim, and nothing else: our checks name only that, and the
    # external validators accept "und" with no finding at all.
    assert [f.code for f in check(pdf_path).findings if f.severity != "info"] == ["PDF-META-002"]
    assert [f.code for f in check(epub_path).findings if f.severity != "info"] == [
        "EPUB-META-011"
    ]
    result = run_epubcheck(epub_path)
    assert (result["fatal"], result["error"], result["warning"]) == (0, 0, 0), result
    assert run_ace(epub_path)["violations"] == 0


def test_strict_build_fails_in_one_line_and_writes_nothing(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["build", str(SWEDISH), "--strict", "-o", str(out)]) == 4
    err = capsys.readouterr().err.strip()
    assert "\n" not in err
    assert err.startswith(f"renderer: error: {SWEDISH}: IN-META-005:")
    assert "--lang" in err and "front matter" in err and "--meta lang=" in err
    assert not out.exists() or list(out.iterdir()) == []


def test_strict_build_with_the_language_given_claims_conformance(tmp_path):
    out = tmp_path / "out"
    assert main(["build", str(SWEDISH), "--strict", "--lang", "sv", "-o", str(out), "-q"]) == 0
    with pikepdf.open(out / "swedish-no-lang.pdf") as pdf:
        assert str(pdf.Root.Lang) == "sv"
        assert "pdfuaid:part" in pdf.open_metadata()


def test_lint_command_fails_on_it(capsys):
    assert main(["lint", str(SWEDISH)]) == 1
    assert "ERROR   IN-META-005" in capsys.readouterr().out
    assert main(["lint", "--meta", "lang=sv", "--strict", str(SWEDISH)]) == 0


def test_show_says_the_language_is_undetermined(capsys):
    assert main(["show", str(SWEDISH)]) == 0
    out = capsys.readouterr().out
    assert "Language      und (undetermined: not declared, not detected; give --lang" in out
    assert "ERROR   IN-META-005" in out
