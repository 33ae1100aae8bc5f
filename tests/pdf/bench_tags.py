"""Time WeasyPrint render+write with its own add_tags vs with renderer.pdf.tags.

Not a test (pytest does not collect it).  Run from the checkout::

    python tests/pdf/bench_tags.py [paragraphs] [rows]
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parents[2]), str(Path(__file__).parent)]

import weasyprint  # noqa: E402
import weasyprint.pdf as weasy_pdf  # noqa: E402
from article_fixture import ROOT, article_html  # noqa: E402

from renderer.pdf.tags import own_tagging  # noqa: E402


def main() -> None:
    paragraphs = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    rows = int(sys.argv[2]) if len(sys.argv) > 2 else 60
    html = article_html(paragraphs=paragraphs, rows=rows)
    step: dict[str, list[float]] = {"weasyprint": [], "own": []}
    total: dict[str, list[float]] = {"weasyprint": [], "own": []}
    original = weasy_pdf.add_tags

    def timed(function, key):
        def wrapper(*args):
            start = time.perf_counter()
            function(*args)
            step[key].append(time.perf_counter() - start)
        return wrapper

    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "out.pdf"
        for _ in range(3):
            for key in ("weasyprint", "own"):
                start = time.perf_counter()
                document = weasyprint.HTML(string=html, base_url=str(ROOT) + "/")
                if key == "own":
                    with own_tagging():
                        weasy_pdf.add_tags = timed(weasy_pdf.add_tags, key)
                        document.write_pdf(target, pdf_variant="pdf/ua-1")
                else:
                    weasy_pdf.add_tags = timed(original, key)
                    try:
                        document.write_pdf(target, pdf_variant="pdf/ua-1")
                    finally:
                        weasy_pdf.add_tags = original
                total[key].append(time.perf_counter() - start)
        pages = subprocess.run(["pdfinfo", str(target)], capture_output=True, text=True)
        count = next(line.split()[-1] for line in pages.stdout.splitlines()
                     if line.startswith("Pages:"))
    print(f"{count} pages, {len(html)} bytes of HTML, median of 3")
    for key in ("weasyprint", "own"):
        print(f"{key:>10}: render+write {statistics.median(total[key]):.3f} s, "
              f"tagging step {statistics.median(step[key]) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
