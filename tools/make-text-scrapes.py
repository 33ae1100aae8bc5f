#!/usr/bin/env python3
"""Make text scrapes of saved pages the way a user's browser makes them.

For each page of the article-extraction benchmark this opens the saved HTML in headless
Chromium with JavaScript off and every request but the page itself refused (no network),
and writes ``document.body.innerText``: what a person gets from "select all, copy" or a
browser's text export. The result is what ``renderer`` reads as a ``.txt`` input.

    python tools/make-text-scrapes.py [--corpora DIR] [--out DIR] [--chromium PATH]

Needs the ``eval`` extra (Playwright, used only as a driver: it launches the system's
Chromium, no browser is downloaded). Scrapes are derived from the corpus and are not
committed; ``make eval`` writes them under ``.eval-cache/`` and reuses them.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from eval.corpus import BENCHMARK, benchmark_pages, corpora_dir  # noqa: E402

CHROMIUM_CANDIDATES = ("/usr/lib/chromium/chromium", "/usr/bin/chromium", "chromium")
# As Ace is run here: no sandbox (root), and nothing that phones home.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync",
                 "--disable-background-networking", "--disable-component-update"]


def find_chromium(given: str | None) -> str:
    for candidate in ([given] if given else CHROMIUM_CANDIDATES):
        found = shutil.which(candidate) or (candidate if Path(candidate).is_file() else None)
        if found:
            return found
    raise SystemExit("make-text-scrapes: no Chromium found; install Debian's chromium "
                     "or name it with --chromium")


def _only(url: str):
    """A route handler that lets the page itself load and refuses every other request."""

    def handle(route) -> None:
        if route.request.url == url:
            route.continue_()
        else:
            route.abort()

    return handle


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpora", help="corpora folder (default: RENDERER_CORPORA or "
                    "../shared/corpora beside the checkout)")
    ap.add_argument("--corpus", default=BENCHMARK, help="the corpus folder's name")
    ap.add_argument("--out", default=str(ROOT / ".eval-cache" / "scrapes"))
    ap.add_argument("--chromium")
    ap.add_argument("--force", action="store_true", help="remake scrapes that exist")
    args = ap.parse_args(argv)

    from playwright.sync_api import sync_playwright

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    pages = [p for p in benchmark_pages(corpora_dir(args.corpora), args.corpus)
             if args.force or not (out / f"{p.key}.txt").exists()]
    if not pages:
        return 0
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=find_chromium(args.chromium),
                                     args=CHROMIUM_ARGS)
        context = browser.new_context(java_script_enabled=False, offline=True)
        for n, page in enumerate(pages, 1):
            saved = Path(tmp) / f"{page.key}.html"
            saved.write_bytes(page.html)
            url = saved.as_uri()
            tab = context.new_page()
            tab.route("**/*", _only(url))
            tab.goto(url, wait_until="load", timeout=60_000)
            text = tab.evaluate("document.body ? document.body.innerText : ''")
            tab.close()
            (out / f"{page.key}.txt").write_text(text, encoding="utf-8")
            if n % 20 == 0 or n == len(pages):
                print(f"make-text-scrapes: {n}/{len(pages)}", file=sys.stderr, flush=True)
        browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
