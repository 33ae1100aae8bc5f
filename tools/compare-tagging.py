#!/usr/bin/env python3
"""Raw WeasyPrint vs article-renderer on the *same* composed HTML, judged by our inspector.

For each input, the article is composed once; the HTML is written twice with the same
stylesheets and fonts: once with WeasyPrint 70's own tagging, once with ours. Both PDFs
go through ``renderer check``; the table lists every check code that fired on either.

    python tools/compare-tagging.py samples/*.txt samples/*.md --markdown > table.md
    python tools/compare-tagging.py a.md --theme briefing --theme large-print

Each input is composed once per ``--theme`` (default: briefing); a theme with larger
type, such as large-print, makes paragraphs and lists cross page breaks.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import sys
import tempfile
from collections import Counter
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import weasyprint  # noqa: E402

from renderer.check import check  # noqa: E402
from renderer.check.codes import CODES  # noqa: E402
from renderer.compose import compose  # noqa: E402
from renderer.ingest import ingest  # noqa: E402
from renderer.normalize import normalize  # noqa: E402
from renderer.pdf import _font_config, _stylesheets, write_pdf  # noqa: E402
from renderer.resources import load_theme  # noqa: E402


def raw_weasyprint(xhtml: str, base_url: str, page_size: str, theme_name: str) -> bytes:
    theme = load_theme(theme_name)
    output = BytesIO()
    html = weasyprint.HTML(string=xhtml, base_url=base_url)
    document = html.render(
        font_config=_font_config(), stylesheets=list(_stylesheets(theme, page_size))
    )
    document.write_pdf(output, pdf_variant="pdf/ua-1")
    return output.getvalue()


def ours(article, xhtml: str, page_size: str, theme_name: str) -> bytes:
    return write_pdf(
        article.metadata,
        xhtml,
        base_dirs=(article.base_dir,),
        theme=load_theme(theme_name),
        page_size=page_size,
        moment=_dt.datetime(2020, 1, 1, tzinfo=_dt.UTC),
        strict=False,
        known_defects=[],
    ).data


def findings(data: bytes) -> Counter:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(data)
        handle.flush()
        return Counter(f.code for f in check(Path(handle.name)).findings)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="+")
    parser.add_argument("--page-size", default="letter")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    parser.add_argument(
        "--theme", action="append", help="theme(s) to write each input in (default: briefing)"
    )
    args = parser.parse_args()
    themes = args.theme or ["briefing"]

    raw_total, our_total = Counter(), Counter()
    for source in args.inputs:
        article = normalize(ingest(source))
        xhtml = compose(article, target="pdf")
        base = Path(source).resolve().parent.as_uri() + "/"
        for theme in themes:
            raw_total += findings(raw_weasyprint(xhtml, base, args.page_size, theme))
            our_total += findings(ours(article, xhtml, args.page_size, theme))

    codes = sorted(set(raw_total) | set(our_total))
    if args.markdown:
        print(
            f"Inputs: {', '.join(Path(s).name for s in args.inputs)}; "
            f"themes: {', '.join(themes)}\n"
        )
        print("| check | what it means | raw WeasyPrint 70 | article-renderer |")
        print("|---|---|---|---|")
        for code in codes:
            info = CODES[code]
            print(
                f"| `{code}` ({info.severity.value}) | {info.title} | {raw_total[code]} "
                f"| {our_total[code] or 'pass'} |"
            )
        print(f"| **total** | | **{sum(raw_total.values())}** | **{sum(our_total.values())}** |")
    else:
        for code in codes:
            print(
                f"{code:16} raw={raw_total[code]:4} ours={our_total[code]:4}  {CODES[code].title}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
