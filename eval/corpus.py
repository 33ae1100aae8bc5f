"""Where the public corpora are, and how a page of the extraction benchmark is read.

The corpora are data, never part of this repository. One setting finds them: the
``--corpora`` argument of ``eval/run.py``, else the ``RENDERER_CORPORA`` environment
variable, else ``../shared/corpora`` beside the checkout. ``docs/eval.md`` says where each
corpus comes from so anyone can clone it there.
"""

from __future__ import annotations

import gzip
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCHMARK = "article-extraction-benchmark"


def corpora_dir(given: str | os.PathLike | None = None) -> Path:
    if given:
        return Path(given)
    env = os.environ.get("RENDERER_CORPORA")
    if env:
        return Path(env)
    return ROOT.parent / "shared" / "corpora"


@dataclass(frozen=True)
class Page:
    key: str  # the page's sha256, the benchmark's name for it
    url: str
    html: bytes  # the saved page, as the site sent it
    body: str  # the ground-truth article body

    @property
    def site(self) -> str:
        host = self.url.split("/")[2].lower()
        return host.removeprefix("www.")


def benchmark_pages(corpora: Path, name: str = BENCHMARK) -> Iterator[Page]:
    """The pages of a corpus laid out as the benchmark is: ``html/<sha256>.html.gz`` and
    ``ground-truth.json`` ({sha256: {"articleBody", "url"}})."""
    base = corpora / name
    truth_file = base / "ground-truth.json"
    if not truth_file.is_file():
        raise SystemExit(
            f"eval: {truth_file} not found; clone the benchmark there (see docs/eval.md) "
            "or name the corpora folder with --corpora / RENDERER_CORPORA"
        )
    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    for key in sorted(truth):
        with gzip.open(base / "html" / f"{key}.html.gz", "rb") as fh:
            html = fh.read()
        yield Page(key, truth[key].get("url", ""), html, truth[key].get("articleBody", ""))
