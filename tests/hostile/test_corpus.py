"""Every hostile input ends in a correct edition or one line and a documented exit code.

For each case of :data:`tests.hostile.corpus.CASES` the CLI runs in-process and the test
asserts the exit code, the one-line message (naming the file and the cause, never a
traceback), that a failure leaves no file (not even a ``.part``), that a success
leaves complete editions (checked by the suite's validators, see ``tests/conftest.py``)
and reports what was removed; and, for the cases that point outside, that the loopback
HTTP server received no request and the secret's text and image appear in no edition.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import subprocess
import threading
import uuid
import zipfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pikepdf
import pytest

from renderer.cli import main

from ..conftest import ROOT, pdftotext
from .corpus import CASES, MARKDOWN, TITLE, Case, small_png, write_corpus


class _Recorder(BaseHTTPRequestHandler):
    requests: list[str]

    def _answer(self) -> None:
        self.requests.append(f"{self.command} {self.path}")
        body = small_png() if self.path.endswith(".png") else b"p { color: red }"
        self.send_response(200)
        self.send_header("Content-Type", "image/png" if self.path.endswith(".png") else "text/css")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_HEAD = do_POST = _answer

    def log_message(self, *args) -> None:  # quiet
        pass


@pytest.fixture(scope="module")
def loopback():
    """A loopback HTTP server on a free port that records every request it gets."""
    requests: list[str] = []
    handler = type("Handler", (_Recorder,), {"requests": requests})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1], requests
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, loopback):
    port, _ = loopback
    secret = f"SECRET-{uuid.uuid4().hex}"
    root = tmp_path_factory.mktemp("hostile")
    return write_corpus(root, port, secret), secret


def _chattr(flag: str, path: Path) -> bool:
    """chattr +i/-i: needs root, CAP_LINUX_IMMUTABLE and a file system that has the flag."""
    if not shutil.which("chattr"):
        return False
    done = subprocess.run(["chattr", flag, str(path)], capture_output=True)
    return done.returncode == 0


@contextlib.contextmanager
def _prepared_output(case: Case, tmp: Path, stem: str):
    """The output folder for a case; read-only situations that hold for root as well."""
    out = tmp / "out"
    locked: list[Path] = []
    try:
        if case.output == "readonly-dir":
            parent = tmp / "readonly"
            parent.mkdir()
            if os.geteuid() != 0:
                parent.chmod(0o555)
            elif _chattr("+i", parent):
                locked.append(parent)
            else:  # root without the immutable flag: a folder no one can create files in
                parent = Path("/proc/self")
            out = parent / "out"
        elif case.output in ("readonly-file", "immutable-file"):
            out.mkdir()
            (out / f"{stem}.pdf").unlink(missing_ok=True)
            target = out / f"{stem}.epub"  # the second file: the PDF must not be written
            target.write_bytes(b"OLD EDITION")
            target.chmod(0o444)
            if case.output == "immutable-file":
                target.chmod(0o644)  # writable by mode: only the flag protects it
                if _chattr("+i", target):
                    locked.append(target)
                else:  # no immutable flag here (not root, or tmpfs): mode bits instead
                    target.chmod(0o444)
        elif case.output == "proc":
            out = Path("/proc") / f"renderer-test-{uuid.uuid4().hex}"
        elif case.output == "folder":
            (out / f"{stem}.pdf").mkdir(parents=True)
        yield out
    finally:
        for path in locked:
            _chattr("-i", path)


def _files(folder: Path) -> set[str]:
    if not folder.is_dir():
        return set()
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


def _everything(path: Path) -> bytes:
    """The bytes a reader could get out of an edition: text, decoded streams, members."""
    if path.suffix == ".epub":
        with zipfile.ZipFile(path) as book:
            return b"\n".join(book.read(name) for name in book.namelist())
    parts = [path.read_bytes(), pdftotext(path).encode()]
    with pikepdf.open(path) as pdf:
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Stream):
                with contextlib.suppress(pikepdf.PdfError):
                    parts.append(obj.read_bytes())
    return b"\n".join(parts)


def _pdf_images(path: Path) -> int:
    with pikepdf.open(path) as pdf:
        return sum(len(page.get_images()) for page in pdf.pages)


def _build(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_input(case: Case, corpus, loopback, tmp_path):
    folder, secret = corpus
    _, requests = loopback
    before = list(requests)
    source = folder / case.name
    stem = source.stem
    with _prepared_output(case, tmp_path, stem) as out:
        existing = _files(out)
        old = {p: (out / p).read_bytes() for p in existing if (out / p).is_file()}
        code, stdout, stderr = _build(["build", str(source), "-o", str(out), *case.args])
        after = _files(out)
        now = {p: (out / p).read_bytes() for p in old}

    assert "Traceback" not in stderr
    assert code == case.exit_code, stderr
    if case.exit_code:
        lines = stderr.strip().splitlines()
        assert len(lines) == 1, stderr
        assert lines[0].startswith("renderer: error: ")
        for part in case.message:
            assert part in lines[0], lines[0]
        if case.output:
            assert str(out) in lines[0], lines[0]  # names the folder or file
        assert after == existing, "a failed build left files behind"
        assert now == old, "a failed build changed an existing file"
        assert stdout == ""
    else:
        editions = [out / f"{stem}.pdf", out / f"{stem}.epub"]
        assert stdout.split() == [str(p) for p in editions]
        for edition in editions:
            assert edition.stat().st_size > 0
        assert not [p for p in after if p.endswith(".part")]
        for part in case.message:
            assert part in stderr, stderr
    assert requests == before, f"the loopback server was contacted: {requests[len(before):]}"
    if case.reaches_out and code == 0:
        hidden = folder.parent / "secret"
        for edition in editions:
            data = _everything(edition)
            assert secret.encode() not in data, f"{edition.name} holds the secret"
            assert (hidden / "secret.png").read_bytes() not in data
        assert _pdf_images(editions[0]) == 0


def test_preview_refuses_what_build_refuses(corpus, tmp_path):
    """``renderer preview`` builds through the same path: one line, exit 3, no picture."""
    folder, _ = corpus
    target = tmp_path / "page.png"
    code, stdout, stderr = _build(["preview", str(folder / "deep-emphasis.md"), "-o", str(target)])
    assert code == 3, stderr
    assert stderr.count("\n") == 1 and "Traceback" not in stderr
    assert "deep-emphasis.md" in stderr and "nested deeper than 48 levels" in stderr
    assert stdout == "" and not _files(tmp_path)


def test_inline_markup_at_the_depth_limit_builds(tmp_path):
    """48 levels (46 Strong, a link, a quotation) is what the limit lets through: both
    editions are built and pass the validators, so the limit protects what it claims to."""
    source = tmp_path / "deep.md"
    deep = "*" * 92 + "[x <q>quoted</q>](https://example.com/)" + "*" * 92
    source.write_text(MARKDOWN.format(title=TITLE, body=deep), "utf-8")
    code, _, stderr = _build(["build", str(source), "-o", str(tmp_path / "out")])
    assert code == 0, stderr
    assert "quoted" in pdftotext(tmp_path / "out" / "deep.pdf")


def test_corpus_is_big_enough():
    assert len(CASES) >= 30
    assert len({c.name for c in CASES}) == len(CASES)


def _docs_rows() -> list[list[str]]:
    """The rows of docs/hardening.md's table of cases, as lists of cells."""
    text = (ROOT / "docs" / "hardening.md").read_text("utf-8")
    section = text.split("\n## The cases\n", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if re.match(r"\| \d+ \|", line)]
    return [[cell.strip() for cell in row.strip().strip("|").split(" | ")] for row in rows]


def test_docs_table_is_the_corpus():
    """The documented table is the list of cases: same files in the same order, numbered,
    with each case's exit code and its ↗ mark exactly when it points outside."""
    rows = _docs_rows()
    assert [row[1].strip("`") for row in rows] == [c.name for c in CASES]
    assert [row[0] for row in rows] == [str(n) for n in range(1, len(CASES) + 1)]
    assert [row[4] for row in rows] == [str(c.exit_code) for c in CASES]
    assert [("↗" in row[2]) for row in rows] == [c.reaches_out for c in CASES]


def test_allow_remote_fetches_for_the_pdf_only(corpus, loopback, tmp_path):
    """The positive control: with --allow-remote the server is reached, so silence means no
    request, not a broken server."""
    folder, _ = corpus
    _, requests = loopback
    before = len(requests)
    code, _, stderr = _build(
        ["build", str(folder / "img-remote.html"), "-o", str(tmp_path), "--allow-remote"]
    )
    assert code == 0, stderr
    assert requests[before:] == ["GET /photo.png"]
    assert _pdf_images(tmp_path / "img-remote.pdf") == 1
    with zipfile.ZipFile(tmp_path / "img-remote.epub") as book:  # the EPUB never fetches
        assert not [n for n in book.namelist() if "/images/" in n]


def test_allow_path_reads_the_named_folder(corpus, tmp_path):
    folder, _ = corpus
    allowed = folder.parent / "secret"
    code, _, stderr = _build(
        ["build", str(folder / "img-relative-outside.html"), "-o", str(tmp_path),
         "--allow-path", str(allowed)]
    )  # fmt: skip
    assert code == 0, stderr
    assert _pdf_images(tmp_path / "img-relative-outside.pdf") == 1
    with zipfile.ZipFile(tmp_path / "img-relative-outside.epub") as book:
        assert [n for n in book.namelist() if n.startswith("EPUB/images/")]


def test_allow_path_reads_a_sidecar_in_the_named_folder(corpus, tmp_path):
    """The sidecar refused as outside is read once its folder is allowed."""
    folder, secret = corpus
    code, _, stderr = _build(
        ["build", str(folder / "sidecar-outside.txt"), "-o", str(tmp_path), "--format", "epub",
         "--allow-path", str(folder.parent / "secret")]
    )  # fmt: skip
    assert code == 0, stderr
    with zipfile.ZipFile(tmp_path / "sidecar-outside.epub") as book:
        assert secret in book.read("EPUB/content.opf").decode()


@pytest.mark.parametrize(
    ("argv", "code"),
    [
        (["build", "{seed}\0x", "-o", "{out}"], 3),
        (["build", "{seed}", "-o", "{out}\0x"], 6),
        (["build", "{seed}", "-o", "{out}", "--allow-path", "/tmp\0x"], 2),
        (["build", "{seed}", "-o", "{out}", "--theme-dir", "/tmp\0x"], 2),
        (["build", "{seed}", "{seed}\0x", "--packet", "P", "-o", "{out}"], 3),
        (["lint", "{seed}\0x"], 3),
        (["show", "{seed}\0x"], 3),
        (["themes", "--theme-dir", "/tmp\0x"], 2),
        (["preview", "{seed}", "-o", "{out}\0x.png"], 6),
        (["check", "{seed}\0x.pdf"], 3),
        (["check", "{seed}", "--output", "{out}\0x.json"], 6),
    ],
    ids=["input", "output", "allow-path", "theme-dir", "packet", "lint", "show", "themes",
         "preview", "check", "check-output"],
)
def test_a_nul_byte_in_any_path_is_one_line(argv, code, corpus, tmp_path):
    """No file system holds a NUL byte: Python raises ValueError for it, never an OSError."""
    folder, _ = corpus
    seed = str(folder / "slow.txt")
    args = [a.format(seed=seed, out=tmp_path / "out") for a in argv]
    exit_code, _, stderr = _build(args)
    assert exit_code == code, stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and "a path cannot contain a NUL byte" in lines[0], stderr
    assert not _files(tmp_path)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--timeout", "-1"], "time limit must be positive"),
        (["--max-image-pixels", "0"], "pixel limit must be positive"),
        (["--max-table-columns", "0"], "column limit must be positive"),
        (["--max-paragraph-size", "0"], "paragraph size limit must be positive"),
    ],
)
def test_limit_options_are_checked(argv, message, corpus, tmp_path):
    folder, _ = corpus
    code, _, stderr = _build(["build", str(folder / "slow.txt"), "-o", str(tmp_path), *argv])
    assert code == 2 and message in stderr and len(stderr.strip().splitlines()) == 1
    assert not _files(tmp_path)


class _PastTheLimits(BaseException):
    """Raised by a stage after the limit checks: the input got past them (no timing)."""


def _stop_after_limits(monkeypatch) -> None:
    import renderer.build
    import renderer.ingest

    def reached(*args, **kwargs):
        raise _PastTheLimits

    # the size limit is checked before the reader runs; the others before the lint
    real_reader_for = renderer.ingest._reader_for

    def reader_for(suffix, name):
        return reached if suffix == ".txt" else real_reader_for(suffix, name)

    monkeypatch.setattr(renderer.ingest, "_reader_for", reader_for)
    monkeypatch.setattr(renderer.build, "_lint", reached)


@pytest.mark.parametrize(
    ("name", "option", "value"),
    [("huge-50mb.txt", "--max-input-size", "60"),
     ("wide-table.md", "--max-table-columns", "20000"),
     ("long-paragraph.md", "--max-paragraph-size", "20")],
)
def test_limits_can_be_raised(name, option, value, corpus, tmp_path, monkeypatch):
    """Each refusal names its option (test_hostile_input), and the option lets the input
    past that limit: a stage after the checks is reached. Deterministic: nothing here
    depends on how fast the machine is."""
    folder, _ = corpus
    _stop_after_limits(monkeypatch)
    with pytest.raises(_PastTheLimits):
        main(["build", str(folder / name), "-o", str(tmp_path), option, value,
              "--timeout", "0"])
    assert not _files(tmp_path)


def test_time_limit_stops_a_slow_stage(corpus, tmp_path, monkeypatch):
    """--timeout stops a build wherever it is, with one line and nothing written: a stage
    that sleeps stands in for slow input, so the trigger does not depend on the machine."""
    import time

    import renderer.build

    monkeypatch.setattr(renderer.build, "_lint", lambda *a, **k: time.sleep(60))
    folder, _ = corpus
    started = time.monotonic()
    code, _, stderr = _build(["build", str(folder / "wide-table.md"), "-o", str(tmp_path),
                              "--max-table-columns", "20000", "--timeout", "0.5"])
    assert code == 3 and "time limit" in stderr and len(stderr.strip().splitlines()) == 1
    assert time.monotonic() - started < 60
    assert not _files(tmp_path)
