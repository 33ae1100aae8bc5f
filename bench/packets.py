#!/usr/bin/env python3
"""Do packet builds grow linearly? Wall time and peak memory of whole `renderer build` runs.

Each size N builds one packet (PDF + EPUB) of N articles drawn in turn from the samples
(plain text, Markdown with images, HTML), in a fresh process, and records the wall time
and the process's peak resident memory. The packet is laid out as one WeasyPrint
document — memory grows with the number of pages, never with N copies of a document.

    python bench/packets.py 10 50 100 [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
POOL = [
    "isil-losing-ground.txt",
    "coastal-flood-exercise.md",
    "more/gov-banner-em-dash.txt",
    "more/afns-double-dash.txt",
    "more/rank-byline-subheads.txt",
    "more/jsonld-graph.html",
    "more/og-only.html",
    "more/authors-mappings.md",
]


def manifest(n: int) -> str:
    lines = ['title = "Benchmark packet"', "date = 2024-10-18", 'language = "en"', ""]
    for i in range(n):
        lines += ["[[article]]", f'path = "{POOL[i % len(POOL)]}"', ""]
    return "\n".join(lines)


def run(n: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        packet = SAMPLES / f".bench-packet-{n}.toml"
        packet.write_text(manifest(n), "utf-8")
        try:
            command = [
                sys.executable,
                "-c",
                "import resource, sys; from renderer.cli import main; code = main(sys.argv[1:]); "
                "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr); "
                "sys.exit(code)",
                "build",
                str(packet),
                "-o",
                tmp,
                "-q",
            ]
            env = {**os.environ, "PYTHONPATH": str(ROOT), "SOURCE_DATE_EPOCH": "1729252800"}
            start = time.perf_counter()
            done = subprocess.run(command, capture_output=True, text=True, env=env, check=True)
            seconds = time.perf_counter() - start
            peak_kb = int(done.stderr.strip().splitlines()[-1])
            pdf = Path(tmp) / f"{packet.stem}.pdf"
            pages = int(
                next(
                    line.split()[-1]
                    for line in subprocess.run(
                        ["pdfinfo", str(pdf)], capture_output=True, text=True, check=True
                    ).stdout.splitlines()
                    if line.startswith("Pages:")
                )
            )
        finally:
            packet.unlink(missing_ok=True)
    return {
        "articles": n,
        "pages": pages,
        "seconds": round(seconds, 2),
        "peak_mb": round(peak_kb / 1024, 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[10, 50, 100])
    parser.add_argument("--json", metavar="FILE")
    args = parser.parse_args()
    rows = [run(n) for n in args.sizes]
    base = rows[0]
    for row in rows:
        scale = row["articles"] / base["articles"]
        print(
            f"{row['articles']:4} articles  {row['pages']:5} pages  {row['seconds']:7.2f} s  "
            f"{row['peak_mb']:7.1f} MB peak   time ×{row['seconds'] / base['seconds']:.2f} "
            f"for ×{scale:.0f} articles"
        )
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=2) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
