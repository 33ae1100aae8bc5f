"""Batch builds: worker processes give the same bytes, failures stay local, folders expand.

Speed is never asserted here (machines are noisy); ``make bench`` is the record.
"""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import pytest

from renderer.batch import JobResult, expand_inputs, render_one, run_batch
from renderer.cli import main
from renderer.options import Options

from .conftest import SAMPLES, SEED

GOOD = [
    SEED,
    SAMPLES / "more" / "afns-double-dash.txt",
    SAMPLES / "more" / "two-line-byline.txt",
]


def _run(argv, capsys):
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_jobs_2_writes_the_same_bytes_as_jobs_1(tmp_path, capsys):
    one, two = tmp_path / "one", tmp_path / "two"
    code, stdout, stderr = _run(
        ["build", *map(str, GOOD), "-o", str(one), "--jobs", "1", "-q"], capsys
    )
    assert code == 0, stderr
    code, stdout, stderr = _run(["build", *map(str, GOOD), "-o", str(two), "--jobs", "2"], capsys)
    assert code == 0, stderr
    assert len(_files(one)) == 2 * len(GOOD)
    assert _files(one) == _files(two)
    # every output path on stdout, a status line per file and a summary on stderr
    assert sorted(Path(p).name for p in stdout.split()) == sorted(_files(two))
    for source in GOOD:
        assert f"renderer: ok: {source}" in stderr
    assert "renderer: 3 built" in stderr and "0 failed of 3 inputs" in stderr


def test_one_failing_input_does_not_stop_the_others(tmp_path, capsys):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    out = tmp_path / "out"
    code, _, stderr = _run(
        [
            "build",
            str(GOOD[1]),
            str(bad),
            str(GOOD[2]),
            "-o",
            str(out),
            "--jobs",
            "2",
            "--format",
            "pdf",
        ],
        capsys,
    )
    assert code == 3
    assert sorted(p.name for p in out.iterdir()) == [
        "afns-double-dash.pdf",
        "two-line-byline.pdf",
    ]
    assert "empty.txt" in stderr and "the file is empty" in stderr
    assert "1 failed of 3 inputs" in stderr
    assert "Traceback" not in stderr


def test_exit_code_is_the_highest_of_the_failures(tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")  # exit 3
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where a folder should be")
    results = []
    code, _ = run_batch([str(empty)], str(tmp_path / "o"), Options(formats=("pdf",)), jobs=1)
    results.append(code)
    code, _ = run_batch(
        [str(empty), str(GOOD[1])], str(blocker / "o"), Options(formats=("pdf",)), jobs=1
    )
    results.append(code)  # input error 3 and output error 6 → 6
    assert results == [3, 6]
    capsys.readouterr()


def test_fail_fast_stops_at_the_first_failure(tmp_path, capsys):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    out = tmp_path / "out"
    code, _, stderr = _run(
        [
            "build",
            str(bad),
            *map(str, GOOD[1:]),
            "-o",
            str(out),
            "--jobs",
            "1",
            "--fail-fast",
            "--format",
            "pdf",
        ],
        capsys,
    )
    assert code == 3
    assert not out.exists() or list(out.iterdir()) == []
    assert "2 not started (--fail-fast)" in stderr


def test_a_folder_contributes_its_inputs(tmp_path, capsys):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(GOOD[1], folder / "a.txt")
    shutil.copy(GOOD[2], folder / "sub" / "b.txt")
    (folder / "a.meta.yaml").write_text("lang: en\n")
    (folder / ".hidden.txt").write_text("not an input")
    (folder / "notes.pdf").write_bytes(b"%PDF-1.7\n")

    assert expand_inputs([str(folder)]) == [str(folder / "a.txt")]
    assert expand_inputs([str(folder)], recursive=True) == [
        str(folder / "a.txt"),
        str(folder / "sub" / "b.txt"),
    ]
    out = tmp_path / "out"
    code, _, stderr = _run(
        ["build", str(folder), "--recursive", "-o", str(out), "--format", "pdf", "-q"], capsys
    )
    assert code == 0, stderr
    assert sorted(p.name for p in out.iterdir()) == ["a.pdf", "b.pdf"]


def test_a_folder_without_inputs_is_an_input_error(tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    code, _, stderr = _run(["build", str(tmp_path / "empty"), "-o", str(tmp_path)], capsys)
    assert code == 3 and "no inputs in this folder" in stderr


def test_jobs_must_be_positive(tmp_path, capsys):
    code, _, stderr = _run(["build", str(SEED), "--jobs", "0", "-o", str(tmp_path)], capsys)
    assert code == 2 and "--jobs" in stderr


def test_two_inputs_writing_the_same_file_are_refused(tmp_path, capsys):
    (tmp_path / "x").mkdir()
    twin = tmp_path / "x" / SEED.name
    shutil.copy(SEED, twin)
    code, _, stderr = _run(["build", str(SEED), str(twin), "-o", str(tmp_path / "o")], capsys)
    assert code == 2 and "would both write" in stderr


def test_the_unit_of_work_is_picklable_and_pure(tmp_path):
    assert pickle.loads(pickle.dumps(render_one)) is render_one
    options = Options(formats=("pdf", "epub"))
    assert pickle.loads(pickle.dumps(options)) == options

    first = render_one(str(GOOD[1]), str(tmp_path / "a"), options)
    bytes_first = _files(tmp_path / "a")
    second = render_one(str(GOOD[1]), str(tmp_path / "a"), options)
    assert first.ok and first.error is None
    assert pickle.loads(pickle.dumps(first)) == first
    same = ("source", "outputs", "warnings", "defects", "error_code", "error")
    assert [getattr(first, f) for f in same] == [getattr(second, f) for f in same]
    assert _files(tmp_path / "a") == bytes_first

    failed = render_one(str(tmp_path / "missing.txt"), str(tmp_path / "b"), options)
    assert isinstance(failed, JobResult)
    assert failed.error_code == 3 and "no such file" in failed.error
    assert pickle.loads(pickle.dumps(failed)) == failed


def test_an_unexpected_exception_becomes_an_internal_error_result(tmp_path, monkeypatch):
    import renderer.build

    def boom(*args, **kwargs):
        raise ZeroDivisionError("bug")

    monkeypatch.setattr(renderer.build, "build", boom)
    result = render_one(str(SEED), str(tmp_path), Options())
    assert result.error_code == 70 and "ZeroDivisionError" in result.error
    assert "Traceback" in result.detail


@pytest.mark.parametrize("argv", [["--help"], ["lint", str(SEED)]])
def test_help_and_lint_do_not_import_weasyprint(argv):
    import subprocess
    import sys

    code = (
        "import sys; from renderer.cli import main\n"
        "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
        "assert 'weasyprint' not in sys.modules, 'weasyprint imported'\n"
        "assert 'ebooklib' not in sys.modules, 'ebooklib imported'\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, *argv],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    assert done.returncode == 0, done.stderr


def test_progress_bar_on_a_terminal_shows_only_warnings_errors_and_the_summary_last():
    """On a terminal the bar replaces the per-file "ok" lines, and is gone before the summary."""
    import io

    from renderer.batch import JobResult, Reporter

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    screen = Terminal()
    results = [JobResult("a.txt", outputs=(("pdf", "out/a.pdf"),)),
               JobResult("b" * 80 + ".txt", outputs=(("pdf", "out/b.pdf"),), warnings=("W1",)),
               JobResult("c.txt", error_code=3, error="c.txt: no such file")]
    reporter = Reporter(len(results), quiet=False, stream=screen)
    with reporter:
        for result in results:
            reporter.done(result)
        reporter.summary(results, 0, 1.0, 2)
    text = screen.getvalue()
    assert "renderer: ok:" not in text
    assert "renderer: warning: " + "b" * 80 + ".txt: W1" in text
    assert "renderer: error: c.txt: no such file" in text
    tail = text[text.index("renderer: 2 built"):]
    assert "building" not in tail  # nothing of the bar is drawn after the summary


def test_a_folder_input_never_follows_a_link_out_of_it(tmp_path, capsys):
    from renderer.cli import main

    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET LINE that must not be rendered\n")
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "story.txt").write_bytes(SEED.read_bytes())
    (folder / "leak.txt").symlink_to(secret)
    assert main(["build", str(folder), "-o", str(tmp_path / "out")]) == 3
    err = capsys.readouterr().err
    assert "leak.txt: is a link to a file outside" in err and err.count("\n") == 1
    assert not (tmp_path / "out").exists()
