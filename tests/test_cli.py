"""The CLI: one-line errors with documented exit codes, and never a partial file."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from renderer.cli import main
from renderer.errors import RenderError

from .conftest import ROOT, SEED


def _run(argv, capsys):
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty"),
        (b"  \n\t\n  ", "the file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a text file (it looks like a PNG image)"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "not a text file (it looks like a PDF document)"),
        (b"PK\x03\x04\x14\x00\x00\x00", "not a text file (it looks like a ZIP archive"),
        (b"News | May 6, 2015\n\nTitle\n\ncaf\xe9 au lait\n", "is not valid UTF-8 (byte"),
    ],
)
def test_bad_input_is_one_line_exit_3_and_no_output(tmp_path, capsys, content, message):
    source = tmp_path / "bad.txt"
    source.write_bytes(content)
    out = tmp_path / "out"
    code, _, stderr = _run(["build", str(source), "-o", str(out)], capsys)
    assert code == 3
    assert message in stderr
    assert stderr.count("\n") == 1 and "Traceback" not in stderr
    assert not out.exists() or list(out.iterdir()) == []


def test_missing_file(tmp_path, capsys):
    code, _, stderr = _run(["build", str(tmp_path / "nope.txt"), "-o", str(tmp_path)], capsys)
    assert code == 3 and "no such file" in stderr


def test_utf16_with_bom_is_read(tmp_path, capsys):
    source = tmp_path / "utf16.txt"
    source.write_bytes(SEED.read_text("utf-8").encode("utf-16"))
    code, _, stderr = _run(
        ["build", str(source), "-o", str(tmp_path / "o"), "--format", "epub"], capsys
    )
    assert code == 0, stderr
    assert (tmp_path / "o" / "utf16.epub").is_file()


def test_too_large_input_names_the_option(tmp_path, capsys):
    source = tmp_path / "big.txt"
    source.write_text("x" * 2_000_000)
    code, _, stderr = _run(
        ["build", str(source), "--max-input-size", "1", "-o", str(tmp_path)], capsys
    )
    assert code == 3 and "--max-input-size" in stderr


def test_output_folder_that_cannot_be_created(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    code, _, stderr = _run(["build", str(SEED), "-o", str(blocker / "out")], capsys)
    assert code == 6 and "cannot create the output folder" in stderr


def test_failed_edition_leaves_no_file_at_all(tmp_path, capsys, monkeypatch):
    import renderer.epub

    def broken(*args, **kwargs):
        raise RenderError("simulated failure")

    monkeypatch.setattr(renderer.epub, "write_epub", broken)
    out = tmp_path / "out"
    code, _, stderr = _run(["build", str(SEED), "-o", str(out)], capsys)
    assert code == 5 and "simulated failure" in stderr
    assert not out.exists() or list(out.iterdir()) == []  # the PDF was not written either


@pytest.mark.parametrize("writer", ["renderer.epub.write_epub", "renderer.pdf.Writer.part"])
def test_a_writer_error_names_the_input(writer, tmp_path, capsys, monkeypatch):
    """WeasyPrint's and ebooklib's failures are reported by writers that never saw a file
    name: the build puts it in front, once."""

    def broken(*args, **kwargs):
        raise RenderError("composed article.xhtml is not well-formed XHTML: simulated")

    monkeypatch.setattr(writer, broken)
    code, _, stderr = _run(["build", str(SEED), "-o", str(tmp_path / "out")], capsys)
    assert code == 5
    assert stderr.strip() == f"renderer: error: {SEED}: composed article.xhtml is not " \
        "well-formed XHTML: simulated"


def test_unknown_theme_is_a_usage_error(tmp_path, capsys):
    code, _, stderr = _run(["build", str(SEED), "--theme", "nope", "-o", str(tmp_path)], capsys)
    assert code == 2 and "unknown theme 'nope'" in stderr and "briefing" in stderr


def test_format_pdf_only(tmp_path, capsys):
    code, stdout, _ = _run(["build", str(SEED), "--format", "pdf", "-o", str(tmp_path)], capsys)
    assert code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["isil-losing-ground.pdf"]
    assert stdout.strip().endswith("isil-losing-ground.pdf")


def test_python_m_renderer_help_lists_commands_and_exit_codes():
    done = subprocess.run(
        [sys.executable, "-m", "renderer", "--help"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    for word in ("build", "check", "themes", "exit codes", "accessibility error"):
        assert word in done.stdout


def test_help_does_not_import_weasyprint():
    code = (
        "import sys; from renderer.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "assert 'weasyprint' not in sys.modules and 'ebooklib' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, capture_output=True)


def test_themes_lists_briefing(capsys):
    code, stdout, _ = _run(["themes"], capsys)
    assert code == 0 and stdout.startswith("briefing")


def test_stray_control_characters_are_dropped_not_fatal(tmp_path, capsys):
    """Found by the property test: XML cannot carry C0 controls, so the reader drops them."""
    source = tmp_path / "controls.txt"
    text = SEED.read_text("utf-8").replace("losing ground, and", "losing\x01 ground,\x0c and", 1)
    source.write_text(text, "utf-8")
    code, _, stderr = _run(["build", str(source), "-o", str(tmp_path / "o"), "-q"], capsys)
    assert code == 0, stderr
    with zipfile.ZipFile(tmp_path / "o" / "controls.epub") as epub:
        chapter = epub.read("EPUB/article.xhtml")
    assert b"\x01" not in chapter and b"losing ground," in chapter


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["build", "x.txt", "--format", "docx"], "renderer build: error: argument --format"),
        (["bogus"], "renderer: error: argument COMMAND: invalid choice: 'bogus'"),
        (["build"], "renderer build: error: the following arguments are required: INPUT"),
    ],
)
def test_usage_errors_are_one_line_with_exit_2(capsys, argv, message):
    with pytest.raises(SystemExit) as stop:
        main(argv)
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith(message) and err.count("\n") == 1, err
    assert "--help)" in err


def test_closed_standard_output_stops_quietly():
    """`renderer show … | head`: exit 141 (as if killed by SIGPIPE), no traceback."""
    process = subprocess.Popen(
        [sys.executable, "-m", "renderer", "show", str(SEED)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    process.stdout.close()  # the reader is gone before anything is written
    err = process.stderr.read().decode()
    assert process.wait() == 141
    assert err == "", err


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ("Intro paragraph here.\n\n### Deep\n\nText.\n", "IN-HEAD-001"),
        ("Intro paragraph here.\n\n# Second title\n\nText.\n", "IN-HEAD-003"),
    ],
)
def test_strict_fails_on_a_wrong_outline_that_the_editions_would_renumber(
    tmp_path, capsys, body, code
):
    source = tmp_path / "outline.md"
    source.write_text(
        "---\ntitle: Outline\nlang: en\nauthor: Ann Lee\norganization: County Office\n"
        "summary: An outline test.\ndate: 2024-01-02\n---\n\n" + body,
        "utf-8",
    )
    out = tmp_path / "out"
    code_, _, stderr = _run(["build", str(source), "--strict", "-o", str(out)], capsys)
    assert code_ == 4
    assert f"outline.md: {code}:" in stderr and stderr.count("\n") == 1
    assert not out.exists() or list(out.iterdir()) == []
    # Without --strict the editions are written, the outline repaired, and it is reported.
    code_, _, stderr = _run(["build", str(source), "-o", str(out)], capsys)
    assert code_ == 0 and code in stderr


def test_an_empty_theme_name_is_a_usage_error(tmp_path, capsys):
    code, _, stderr = _run(["build", str(SEED), "--theme", "", "-o", str(tmp_path)], capsys)
    assert code == 2 and "the theme name is empty" in stderr
    assert list(tmp_path.iterdir()) == []


# ---- rough edges: each answers in one line with the documented exit code


def test_a_url_is_not_read(capsys, tmp_path):
    assert main(["build", "https://www.defense.gov/News/story.html", "-o", str(tmp_path)]) == 3
    err = capsys.readouterr().err
    assert err == ("renderer: error: https://www.defense.gov/News/story.html: URLs are not read "
                   "(save the page and pass the file)\n")
    assert not any(tmp_path.iterdir())


def test_a_file_named_twice_is_built_once(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "x.txt").write_bytes(SEED.read_bytes())
    assert main(["build", "x.txt", "x.txt", "./x.txt", "-o", "out", "--format", "epub"]) == 0
    assert capsys.readouterr().out.splitlines() == [str(Path("out") / "x.epub")]


def test_unknown_meta_field_is_a_usage_error(capsys, tmp_path):
    assert main(["build", str(SEED), "--meta", "nosuchkey=1", "-o", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "unknown metadata field 'nosuchkey'" in err and err.count("\n") == 1


def test_check_of_a_missing_file_says_so_on_stderr(capsys, tmp_path):
    assert main(["check", str(tmp_path / "missing.pdf")]) == 3
    captured = capsys.readouterr()
    assert "FILE-002" in captured.out
    assert captured.err.startswith("renderer: error: ") and captured.err.count("\n") == 1


def test_page_size_in_capitals(tmp_path):
    assert main(["build", str(SEED), "--page-size", "A4", "--format", "pdf", "-q",
                 "-o", str(tmp_path)]) == 0


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_check_of_a_special_file_answers_at_once(capsys, tmp_path, kind):
    """A FIFO named like a PDF would block an open() forever; a device never ends."""
    import os

    path = tmp_path / "f.pdf"
    if kind == "fifo":
        os.mkfifo(path)
    else:
        path = Path("/dev/zero")
    assert main(["check", str(path)]) == 3
    captured = capsys.readouterr()
    assert "FILE-002" in captured.out and "Not a regular file" in captured.err
