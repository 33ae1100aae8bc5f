#!/usr/bin/env python3
"""Lay out a second, held-out set of real pages in the benchmark's format.

The readers are tuned on the article-extraction benchmark; this set checks that what was
learnt there holds on pages nobody tuned on. newspaper4k (MIT) ships real saved news
pages in its source distribution (``tests/data/html``), each with the article text its
own extractor is expected to give (``tests/data/txt``). That text is a *silver*
reference — one extractor's output, checked by its maintainers, not a human's ground
truth — so the set is a sanity check beside the benchmark, not a second leaderboard.

    python tools/make-heldout-corpus.py --out .eval-cache/corpora

fetches the sdist from PyPI with pip (``newspaper4k==0.9.6``), and writes
``<out>/newspaper4k-tests/html/<sha256>.html.gz`` and ``ground-truth.json``
({sha256: {"articleBody", "url"}}), as the benchmark has them. Nothing is committed.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NAME, VERSION = "newspaper4k", "0.9.6"
CORPUS = "newspaper4k-tests"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(ROOT / ".eval-cache" / "corpora"))
    args = ap.parse_args(argv)
    target = Path(args.out) / CORPUS
    if (target / "ground-truth.json").is_file():
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                        "--no-binary", ":all:", f"{NAME}=={VERSION}", "-d", tmp], check=True)
        sdist = next(Path(tmp).glob("*.tar.gz"))
        html: dict[str, bytes] = {}
        text: dict[str, str] = {}
        meta: dict[str, dict] = {}
        with tarfile.open(sdist) as tar:
            for member in tar.getmembers():
                parts = Path(member.name).parts
                if len(parts) != 5 or parts[1:3] != ("tests", "data") or not member.isfile():
                    continue
                kind, stem = parts[3], Path(parts[4]).stem
                data = tar.extractfile(member).read()
                if kind == "html" and parts[4].endswith(".html"):
                    html[stem] = data
                elif kind == "txt":
                    text[stem] = data.decode("utf-8")
                elif kind == "metadata":
                    meta[stem] = json.loads(data)
    (target / "html").mkdir(parents=True, exist_ok=True)
    truth = {}
    for stem in sorted(html.keys() & text.keys()):
        key = hashlib.sha256(html[stem]).hexdigest()
        (target / "html" / f"{key}.html.gz").write_bytes(gzip.compress(html[stem], mtime=0))
        truth[key] = {"articleBody": text[stem], "url": meta.get(stem, {}).get("url") or
                      f"https://{stem}.example/", "name": stem}
    (target / "ground-truth.json").write_text(json.dumps(truth, indent=1, ensure_ascii=False),
                                             encoding="utf-8")
    (target / "SOURCE_COMMIT.txt").write_text(f"{NAME} {VERSION} (PyPI sdist)\n")
    print(f"make-heldout-corpus: {len(truth)} pages in {target}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
