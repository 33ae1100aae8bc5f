"""Shared fixtures: editions of the samples are built once per test session."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from renderer.cli import main

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
    return subprocess.run(["pdftotext", *args, str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def seed_paragraphs() -> list[str]:
    """The seed's eight body paragraphs as the scrape has them (dateline removed)."""
    blocks = [b.strip() for b in SEED.read_text("utf-8").split("\n\n") if b.strip()]
    body = blocks[blocks.index(next(b for b in blocks if b.startswith("MACDILL"))):]
    body[0] = body[0].split(" - ", 1)[1]
    return [" ".join(b.split()) for b in body]
