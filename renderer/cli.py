"""The command line: flags become one Options object; errors become one line and an exit code.

Heavy libraries (WeasyPrint, ebooklib, pikepdf) are imported only by the
subcommand that needs them, so ``renderer --help`` stays instant.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from . import __version__
from .errors import RendererError, UsageError
from .options import FORMATS, Options

__all__ = ["main"]

EXIT_CODES = """\
exit codes:
  0   success
  1   renderer check: findings at or above --fail-on
  2   usage error (bad option or combination)
  3   input error (missing, empty, binary, undecodable, unreadable or too large input)
  4   accessibility error (--strict and the edition would not be accessible)
  5   rendering failed inside WeasyPrint or ebooklib
  6   output cannot be written
  70  internal error (a bug: please report it with the traceback)
"""

BUILD_EXAMPLES = """\
examples:
  renderer build samples/isil-losing-ground.txt -o out/
  renderer build article.txt --format pdf --theme briefing -o out/
  renderer build briefing/packet.toml -o out/                    # a briefing packet
  renderer build a.txt b.html c.md --packet "Weekly briefing" -o out/
  SOURCE_DATE_EPOCH=1430870400 renderer build article.txt -o out/   # fixed timestamps

Both editions are rendered in memory before either file is written; each file is
written atomically, so a failed build never leaves a partial file.
"""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="renderer",
        description="Turn news articles into accessible editions: a tagged PDF/UA-1 PDF "
        "and an EPUB 3 that meets EPUB Accessibility 1.1.",
        epilog=EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    build = sub.add_parser(
        "build",
        help="render articles into PDF and/or EPUB",
        description="Render each INPUT into OUT/<name>.pdf and OUT/<name>.epub. An INPUT is a "
        "plain-text news scrape (.txt, or - for standard input), a saved web page (.html), "
        "Markdown with front matter (.md), or a packet manifest (.toml) that binds many "
        "articles into one briefing packet.",
        epilog=BUILD_EXAMPLES + "\n" + EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    build.add_argument("inputs", nargs="+", metavar="INPUT", help="article file(s), or - for stdin")
    build.add_argument(
        "-o",
        "--output",
        default="out",
        metavar="DIR",
        help="output folder, created if missing (default: out)",
    )
    build.add_argument(
        "--format",
        choices=("pdf", "epub", "both"),
        default="both",
        help="which editions to write (default: both)",
    )
    build.add_argument(
        "--theme", metavar="NAME", help="theme name (see `renderer themes`; default: briefing)"
    )
    build.add_argument(
        "--theme-dir", metavar="DIR", help="folder with your own themes, searched first"
    )
    build.add_argument(
        "--page-size",
        choices=("letter", "a4"),
        default="letter",
        help="PDF page size (default: letter)",
    )
    build.add_argument(
        "--lang",
        metavar="BCP47",
        help="language of the article, e.g. en or fr (default: detected, else en)",
    )
    build.add_argument(
        "--strict",
        action="store_true",
        help="fail (exit 4) on any accessibility defect instead of warning",
    )
    build.add_argument(
        "--certified-by",
        metavar="NAME",
        help="who certifies the EPUB accessibility claim (default: the publisher)",
    )
    build.add_argument(
        "--max-input-size",
        type=float,
        default=20,
        metavar="MB",
        help="refuse inputs larger than this (default: 20 MB)",
    )
    build.add_argument(
        "--packet",
        metavar="TITLE",
        help="bind all INPUTs into one briefing packet with this title "
        "(or give a packet.toml manifest as the INPUT)",
    )
    build.add_argument(
        "--no-page-list",
        action="store_true",
        help="do not give the EPUB the PDF edition's page numbers (page-break markers and "
        "page list; on by default when both editions are built)",
    )
    build.add_argument(
        "--meta",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help='correct a metadata field, e.g. --meta lang=fr --meta "authors=A, B" '
        "(repeatable; wins over INPUT's <name>.meta.yaml sidecar)",
    )
    build.add_argument(
        "--allow-remote",
        action="store_true",
        help="let the PDF fetch http(s) images and stylesheets (default: nothing is fetched "
        "from the network; the EPUB never fetches)",
    )
    build.add_argument(
        "--allow-path",
        action="append",
        default=[],
        metavar="DIR",
        help="also read local files (images, packet articles) under DIR (repeatable; default: "
        "only the input's own folder)",
    )
    build.add_argument(
        "--timeout",
        type=float,
        default=300,
        metavar="SECONDS",
        help="stop a build that takes longer than this, writing nothing (default: 300; 0: none)",
    )
    build.add_argument(
        "--max-image-pixels",
        type=float,
        default=50,
        metavar="MEGAPIXELS",
        help="refuse images larger than this instead of decoding them (default: 50)",
    )
    build.add_argument(
        "--max-table-columns",
        type=int,
        default=1000,
        metavar="N",
        help="refuse tables wider than N columns (default: 1000, HTML's colspan limit)",
    )
    build.add_argument("-q", "--quiet", action="store_true", help="print errors only")

    check = sub.add_parser(
        "check",
        help="check PDF files for the PDF/UA-1 machine-checkable points",
        description="Inspect each FILE and report findings with stable codes.",
        epilog=EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    check.add_argument("files", nargs="+", metavar="FILE")
    check.add_argument(
        "--format", choices=("text", "json"), default="text", help="report format (default: text)"
    )
    check.add_argument(
        "--fail-on",
        choices=("error", "warning"),
        default="error",
        help="lowest severity that makes the exit code 1 (default: error)",
    )

    lint = sub.add_parser(
        "lint",
        help="check articles for accessibility problems before building",
        description="Read each INPUT and report what would make an edition inaccessible or "
        "wrong (missing alt text, skipped headings, vague link text, tables without headers, "
        "missing title/date/author/language, leftover site chrome). Exit 1 on errors "
        "(with --strict, also on warnings).",
        epilog=EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    lint.add_argument("inputs", nargs="+", metavar="INPUT")
    lint.add_argument("--strict", action="store_true", help="warnings fail too")
    lint.add_argument(
        "--format", choices=("text", "json"), default="text", help="report format (default: text)"
    )
    lint.add_argument(
        "--meta",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="correct a metadata field first (as for build)",
    )

    show = sub.add_parser(
        "show",
        help="print the metadata and outline extracted from an article",
        description="Print what was read from INPUT: every metadata field (saying which were "
        "not found) and the outline, so a scrape can be checked before building.",
        epilog=EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    show.add_argument("input", metavar="INPUT")
    show.add_argument("--lang", metavar="BCP47", help="language to assume")
    show.add_argument(
        "--meta",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="correct a metadata field first (as for build)",
    )

    sub.add_parser(
        "themes",
        help="list the available themes",
        description="List bundled themes (and those in --theme-dir).",
    ).add_argument("--theme-dir", metavar="DIR", help="folder with your own themes")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    if args.command is None:
        parser.print_help()
        return 2
    try:
        if args.command == "build":
            return _build(args)
        if args.command == "check":
            return _check(args)
        if args.command == "lint":
            return _lint(args)
        if args.command == "show":
            return _show(args)
        if args.command == "themes":
            from .resources import list_themes

            for name, description in list_themes(args.theme_dir):
                print(f"{name:20} {description}")
            return 0
    except RendererError as error:
        print(f"renderer: error: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("renderer: interrupted", file=sys.stderr)
        return 130
    except Exception:  # a bug: show everything needed to report it
        import traceback

        traceback.print_exc()
        print(
            "renderer: internal error (this is a bug; please report the traceback above)",
            file=sys.stderr,
        )
        return 70
    raise AssertionError(args.command)


def _options(args: argparse.Namespace) -> Options:
    formats = FORMATS if args.format == "both" else (args.format,)
    return Options(
        formats=formats,
        theme=args.theme,
        theme_dir=args.theme_dir,
        page_size=args.page_size,
        lang=args.lang,
        strict=args.strict,
        certified_by=args.certified_by,
        meta=tuple(args.meta),
        max_input_bytes=int(args.max_input_size * 1024 * 1024),
        page_list=not args.no_page_list,
        allow_remote=args.allow_remote,
        allowed_paths=tuple(args.allow_path),
        timeout=None if args.timeout == 0 else args.timeout,
        max_image_pixels=int(args.max_image_pixels * 1_000_000),
        max_table_columns=args.max_table_columns,
    )


def _build(args: argparse.Namespace) -> int:
    from .build import build, build_packet
    from .packet import spec_from_inputs

    if args.max_input_size <= 0:
        raise UsageError("--max-input-size must be positive")
    options = _options(args)
    if args.packet is not None:
        if not args.packet.strip():
            raise UsageError("--packet needs a title")
        if args.meta:
            raise UsageError(
                "--meta applies to one article; in a packet use a manifest's "
                "per-article meta tables"
            )
        jobs = [
            (
                "packet",
                lambda: build_packet(
                    spec_from_inputs(args.inputs, args.packet), Path(args.output), options
                ),
            )
        ]
    else:
        jobs = [(s, lambda s=s: build(s, Path(args.output), options)) for s in args.inputs]
    worst = 0
    for source, job in jobs:
        try:
            result = job()
        except RendererError as error:
            print(f"renderer: error: {error}", file=sys.stderr)
            worst = worst or error.exit_code
            continue
        if not args.quiet:
            for warning in result.warnings + result.defects:
                print(f"renderer: warning: {source}: {warning}", file=sys.stderr)
            for path in result.outputs.values():
                print(path)
    return worst


def _check(args: argparse.Namespace) -> int:
    from .check import check

    reports = [check(Path(f)) for f in args.files]
    if args.format == "json":
        print(json.dumps([r.to_dict() for r in reports], indent=2, ensure_ascii=False))
    else:
        for report in reports:
            print(report.to_text())
    failing = any(r.errors or (args.fail_on == "warning" and r.warnings) for r in reports)
    return 1 if failing else 0


def _lint(args: argparse.Namespace) -> int:
    from .check.lint import lint_report
    from .ingest import ingest

    reports, worst = [], 0
    for source in args.inputs:
        try:
            reports.append(lint_report(ingest(source, meta=tuple(args.meta)), source))
        except RendererError as error:
            print(f"renderer: error: {error}", file=sys.stderr)
            worst = worst or error.exit_code
    if args.format == "json":
        print(json.dumps([r.to_dict() for r in reports], indent=2, ensure_ascii=False))
    else:
        for report in reports:
            print(report.to_text())
    failing = any(r.errors or (args.strict and r.warnings) for r in reports)
    return worst or (1 if failing else 0)


def _show(args: argparse.Namespace) -> int:
    from .check.lint import lint
    from .ingest import ingest
    from .show import describe

    article = ingest(args.input, meta=tuple(args.meta))
    print(describe(article, args.input, Options(lang=args.lang)))
    findings = lint(article)
    if findings:
        print("\nLint")
        for finding in findings:
            print(f"  {finding.to_text()}")
    return 0
