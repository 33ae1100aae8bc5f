#!/usr/bin/env python3
"""How much does owning the structure tree cost? Warm, in-process, median of N runs.

For each input the composed HTML is laid out and written three ways with the same
stylesheets and fonts:

* ``raw``: WeasyPrint 70's own ``pdf/ua-1`` tagging (the floor we compare against);
* ``ours``: our structure-tree builder in place of WeasyPrint's;
* ``pipeline``: the whole ``write_pdf`` (ours + XMP + log capture + confined fetcher).

The overhead of the repair is ``ours / raw - 1``; the issue's target is ≤ 20 %.

    python bench/tagging.py samples/isil-losing-ground.txt --runs 15 [--json out.json]
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import statistics
import sys
import time
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import weasyprint  # noqa: E402

from renderer.compose import compose  # noqa: E402
from renderer.ingest import ingest  # noqa: E402
from renderer.normalize import normalize  # noqa: E402
from renderer.pdf import _font_config, _stylesheets, write_pdf  # noqa: E402
from renderer.pdf.tags import own_tagging  # noqa: E402
from renderer.resources import load_theme  # noqa: E402


def _render_write(xhtml: str, base: str, *, own: bool) -> None:
    theme = load_theme("briefing")
    html = weasyprint.HTML(string=xhtml, base_url=base)
    document = html.render(
        font_config=_font_config(), stylesheets=list(_stylesheets(theme, "letter"))
    )
    if own:
        with own_tagging():
            document.write_pdf(BytesIO(), pdf_variant="pdf/ua-1")
    else:
        document.write_pdf(BytesIO(), pdf_variant="pdf/ua-1")


def _median_ms(fn, runs: int) -> float:
    fn()  # warm-up: fonts, caches, imports
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def _measure(source: str, runs: int) -> tuple[float, float, float]:
    """Median ms of: WeasyPrint with its own tags, with ours, and the whole write_pdf."""
    article = normalize(ingest(source))
    xhtml = compose(article, target="pdf")
    base = Path(source).resolve().parent.as_uri() + "/"
    moment = _dt.datetime(2020, 1, 1, tzinfo=_dt.UTC)
    raw = _median_ms(lambda: _render_write(xhtml, base, own=False), runs)
    ours = _median_ms(lambda: _render_write(xhtml, base, own=True), runs)
    pipeline = _median_ms(
        lambda: write_pdf(
            article.metadata,
            xhtml,
            base_dirs=(article.base_dir,),
            theme=load_theme("briefing"),
            page_size="letter",
            moment=moment,
            strict=False,
            known_defects=[],
        ),
        runs,
    )
    return raw, ours, pipeline


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="+")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--json", metavar="FILE")
    args = parser.parse_args()

    results = []
    for source in args.inputs:
        raw, ours, pipeline = _measure(source, args.runs)
        row = {
            "input": Path(source).name,
            "raw_ms": round(raw, 1),
            "ours_ms": round(ours, 1),
            "pipeline_ms": round(pipeline, 1),
            "overhead": round(ours / raw - 1, 3),
        }
        results.append(row)
        print(
            f"{row['input']:40} raw {raw:7.1f} ms   ours {ours:7.1f} ms   "
            f"write_pdf {pipeline:7.1f} ms   tagging overhead {100 * (ours / raw - 1):+5.1f} %"
        )
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
