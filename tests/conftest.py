"""Shared fixtures: editions of the samples are built once per test session."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from renderer.cli import main

# No settings file of the machine running the tests (a renderer.toml above the checkout)
# changes what the tests build; tests/test_config.py sets its own.
os.environ["RENDERER_CONFIG"] = "none"

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SEED = SAMPLES / "isil-losing-ground.txt"


@pytest.fixture(scope="session")
def seed_editions(tmp_path_factory) -> dict[str, Path]:
    """The seed built by the CLI, in-process, with default options."""
    out = tmp_path_factory.mktemp("seed")
    assert main(["build", str(SEED), "-o", str(out), "-q"]) == 0
    return {"pdf": out / "isil-losing-ground.pdf", "epub": out / "isil-losing-ground.epub"}


def pdftotext(path: Path, *args: str) -> str:
    if not shutil.which("pdftotext"):
        pytest.fail("poppler-utils is not installed (make test installs it)")
    return subprocess.run(
        ["pdftotext", *args, str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def seed_paragraphs() -> list[str]:
    """The seed's eight body paragraphs as the scrape has them (dateline removed)."""
    blocks = [b.strip() for b in SEED.read_text("utf-8").split("\n\n") if b.strip()]
    body = blocks[blocks.index(next(b for b in blocks if b.startswith("MACDILL"))) :]
    body[0] = body[0].split(" - ", 1)[1]
    return [" ".join(b.split()) for b in body]


# ------------------------------------------------------------------ every edition is checked
#
# Every PDF and EPUB that a test writes through renderer.build (the CLI's path) is checked
# as it is written: PDFs by the project's inspector (zero errors, zero warnings; with the
# text composed from the build's source as expected text, PDF-ORDER-003), EPUBs by
# the project's EPUB checks, EPUBCheck (0/0/0) and Ace (0 violations). Results are cached
# by content hash, so a rebuild of the same bytes is not validated twice. Editions made
# without renderer.build (write_epub, WeasyPrint with own_tagging) go through the same
# checks by check_edition(). A test that writes a deliberately defective edition opts out
# with @pytest.mark.defective_edition.

_VERDICTS: dict[str, list[str]] = {}

def _problems(path: Path, data: bytes, expected_text: str | None = None) -> list[str]:
    import hashlib

    key = hashlib.sha256(data + (expected_text or "").encode()).hexdigest()
    if key in _VERDICTS:
        return _VERDICTS[key]
    problems: list[str] = []
    if path.suffix == ".pdf":
        from renderer.check import check

        report = check(path, expected_text=expected_text)
        problems = [f"{path.name}: {f.to_text()}" for f in report.findings
                    if f.severity != "info"]
    elif path.suffix == ".epub":
        from renderer.check import check

        from .validators import run_ace, run_epubcheck

        own = check(path)
        problems = [f"{path.name}: {f.to_text()}" for f in own.findings if f.severity != "info"]

        try:
            result = run_epubcheck(path)
        except pytest.skip.Exception:
            return problems  # no validators on this developer machine (CI=true: a failure)
        if (result["fatal"], result["error"], result["warning"]) != (0, 0, 0):
            problems.append(f"{path.name}: EPUBCheck {result['messages']}")
        ace = run_ace(path)
        if ace["violations"]:
            problems.append(f"{path.name}: Ace {ace['rules']}")
    _VERDICTS[key] = problems
    return problems


# The problem list of the test running now (None: it is marked defective_edition).
_RUNNING: list[list[str] | None] = []


def check_edition(data: bytes, suffix: str) -> None:
    """Check an edition a test made without renderer.build (write_epub, own_tagging …).

    The same checks as for the CLI's editions. In a test, problems fail it at its end
    (unless it is marked defective_edition); in a fixture set up before any test (session
    or module scope), they fail it at once.
    """
    import tempfile

    if _RUNNING and _RUNNING[-1] is None:
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"edition{suffix}"
        path.write_bytes(data)
        problems = _problems(path, data)
    if _RUNNING:
        _RUNNING[-1].extend(problems)  # type: ignore[union-attr]
    elif problems:
        raise AssertionError("an edition built by this fixture is not accessible:\n"
                             + "\n".join(problems))


@pytest.fixture(autouse=True)
def _check_every_edition(request, monkeypatch):
    import renderer.build

    if request.node.get_closest_marker("defective_edition"):
        _RUNNING.append(None)
        yield
        _RUNNING.pop()
        return
    problems: list[str] = []
    _RUNNING.append(problems)
    original = renderer.build.write_together
    building: list[tuple[object, object]] = []  # (source or packet spec, options), innermost last

    def tracking(fn):
        def wrapper(what, out_dir, options, *args, **kwargs):
            building.append((what, options))
            try:
                return fn(what, out_dir, options, *args, **kwargs)
            finally:
                building.pop()

        return wrapper

    def checked(files: dict, **kwargs) -> None:
        original(files, **kwargs)
        for target, data in files.items():
            expected = None
            if Path(target).suffix == ".pdf" and building and str(building[-1][0]) != "-":
                # the source is known: the tree must read its text (PDF-ORDER-003)
                from renderer.check.pdf import html_text

                expected = html_text(renderer.build.pdf_html(*building[-1]))
            problems.extend(_problems(Path(target), data, expected))

    monkeypatch.setattr(renderer.build, "write_together", checked)
    monkeypatch.setattr(renderer.build, "build", tracking(renderer.build.build))
    monkeypatch.setattr(renderer.build, "build_packet", tracking(renderer.build.build_packet))
    try:
        yield
    finally:
        _RUNNING.pop()
    assert not problems, "an edition built by this test is not accessible:\n" + "\n".join(problems)
