"""The command line: flags become one Options object; errors become one line and an exit code.

Heavy libraries (WeasyPrint, ebooklib, pikepdf) are imported only by the
subcommand that needs them, so ``renderer --help`` stays instant.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from dataclasses import replace
from pathlib import Path

from . import __version__
from .config import apply_config, find_config, load_config, print_config
from .errors import RendererError, UsageError
from .options import FORMATS, SLICE_ARTICLES, Options

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
  141 standard output was closed early (for example, piped into head)
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


class _Parser(argparse.ArgumentParser):
    """argparse with one-line usage errors: what is wrong, and where the help is."""

    def error(self, message: str):  # type: ignore[override]
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
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
    # nargs="*" so that --print-config needs no INPUT; _build asks for one otherwise
    build.add_argument("inputs", nargs="*", metavar="INPUT", help="article file(s), or - for stdin")
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
        "--theme",
        metavar="NAME",
        help="theme name (see `renderer themes`; default: briefing for the PDF, "
        "ereader for the EPUB)",
    )
    build.add_argument(
        "--theme-dir", metavar="DIR", help="folder with your own themes, searched first"
    )
    build.add_argument(
        "--page-size",
        type=str.lower,  # A4, Letter: as people write them
        choices=("letter", "a4"),
        default="letter",
        help="PDF page size (default: letter)",
    )
    build.add_argument(
        "--lang",
        metavar="BCP47",
        help="language of the article, e.g. en or fr (default: declared, else detected; "
        "an undetermined language is an error, see README)",
    )
    build.add_argument(
        "--strict",
        action="store_true",
        help="fail (exit 4) on any accessibility defect instead of warning",
    )
    build.add_argument(
        "--certified-by",
        metavar="NAME",
        help="who evaluated the EPUB's accessibility claim (default: article-renderer and "
        "its version, whose checks made the claim)",
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
        "(repeatable; wins over INPUT's <name>.meta.yaml sidecar); with --packet it describes "
        "the packet: organization, prepared_by, prepared_for, publisher, date, subtitle, …",
    )
    build.add_argument(
        "-j",
        "--jobs",
        type=int,
        metavar="N",
        help="build N inputs at a time in worker processes (default: the number of cores)",
    )
    build.add_argument(
        "--fail-fast",
        action="store_true",
        help="stop at the first input that fails (default: build all, exit with the "
        "highest error code of those that failed)",
    )
    build.add_argument(
        "--recursive",
        action="store_true",
        help="a folder INPUT also contributes the inputs in its subfolders",
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
        help="also read local files (images, sidecars, packet articles) under DIR (repeatable; "
        "default: only the input's own folder)",
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
    build.add_argument(
        "--slice-articles",
        type=int,
        default=SLICE_ARTICLES,
        metavar="N",
        help="lay out a packet PDF of more than N articles N at a time and join the parts, "
        f"so memory stays bounded (default: {SLICE_ARTICLES}; 0: all at once)",
    )
    build.add_argument(
        "--max-paragraph-size",
        type=float,
        default=1,
        metavar="MB",
        help="refuse an article with a paragraph (heading, table cell, caption or metadata "
        "field) of more text than this (default: 1 MB)",
    )
    build.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    build.add_argument(
        "--print-config",
        action="store_true",
        help="print every build setting, its value and where it came from (flag, settings "
        "file, default), then stop",
    )

    check = sub.add_parser(
        "check",
        help="check PDF and EPUB editions: the accessibility gate for CI",
        description="Inspect each FILE (a PDF, an EPUB, or an unpacked EPUB folder) and report "
        "findings with stable codes (renderer/check/CODES.md). A PDF and an EPUB with the same "
        "stem are also compared with each other (title, language, authors, headings, alt texts, "
        "page numbering). See docs/check.md.",
        epilog="""\
examples:
  renderer check out/*.pdf out/*.epub
  renderer check out/*.pdf out/*.epub --with epubcheck,ace --fail-on warning \\
      --format junit --output out/check.xml
  renderer check a.pdf b.epub --cross --format sarif --output check.sarif
  renderer check out/story.pdf --source story.txt   # does the tree read the input's text?

exit codes (check):
  0   no finding at or above --fail-on
  1   findings at or above --fail-on
  2   usage error (bad option, unknown --with tool)
  3   an input cannot be inspected (missing, unreadable, not a PDF or EPUB)
  6   --output cannot be written
  7   a validator asked for with --with is missing or failed to run
  70  internal error (a bug: please report it with the traceback)
The first that applies wins, in the order 2, 6, 3, 7, 1.
""",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    check.add_argument("files", nargs="+", metavar="FILE")
    check.add_argument(
        "--format",
        choices=("text", "json", "junit", "sarif"),
        default="text",
        help="report format (default: text)",
    )
    check.add_argument(
        "--output", "-o", metavar="FILE", help="write the report to FILE instead of stdout"
    )
    check.add_argument(
        "--fail-on",
        choices=("error", "warning"),
        default="error",
        help="lowest severity that makes the exit code 1 (default: error)",
    )
    check.add_argument(
        "--with",
        dest="tools",
        default="",
        metavar="TOOLS",
        help="also run external validators on each EPUB, comma-separated: epubcheck, ace "
        "(found through EPUBCHECK_JAR / ACE_HOME, else .validators/)",
    )
    check.add_argument(
        "--source",
        action="append",
        default=[],
        metavar="INPUT",
        help="the input a PDF was built from (article or packet.toml; repeat for several): "
        "it is read and composed as the build does, and the PDF's tagged text must read as "
        "its text (PDF-ORDER-003). Paired with the PDF of the same stem, or with the only PDF",
    )
    check.add_argument(
        "--lang", metavar="BCP47", help="with --source: the --lang the PDF was built with"
    )
    check.add_argument(
        "--meta",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="with --source: a --meta correction the PDF was built with",
    )
    cross = check.add_mutually_exclusive_group()
    cross.add_argument(
        "--cross",
        action="store_true",
        help="compare the first PDF with the first EPUB even if their names differ",
    )
    cross.add_argument(
        "--no-cross",
        action="store_true",
        help="do not compare PDF/EPUB pairs with the same stem",
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

    preview = sub.add_parser(
        "preview",
        help="render the first page(s) of an article's PDF to a PNG picture",
        description="Build INPUT's PDF edition in a temporary folder and rasterize its first "
        "page(s), side by side, into one PNG (to see a theme without opening a PDF).",
        epilog=EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    preview.add_argument("input", metavar="INPUT")
    preview.add_argument("-o", "--output", required=True, metavar="FILE.png",
                         help="PNG to write (- for standard output)")
    preview.add_argument("--theme", metavar="NAME", help="theme name (default: briefing)")
    preview.add_argument("--theme-dir", metavar="DIR", help="folder with your own themes")
    preview.add_argument(
        "--page-size", type=str.lower, choices=("letter", "a4"), default="letter",
        help="default: letter"
    )
    preview.add_argument("--pages", type=int, default=1, metavar="N", help="pages (default: 1)")
    preview.add_argument("--dpi", type=int, default=100, help="resolution (default: 100)")
    preview.add_argument(
        "--meta", action="append", default=[], metavar="KEY=VALUE", help="as for build"
    )
    parser.commands = {"build": build, "check": check}  # what a settings file can set
    return parser


def _terminated(signum, frame):
    # SIGTERM as an exception, so that every `finally` runs: no temporary file stays
    raise SystemExit(128 + signum)


def main(argv: list[str] | None = None) -> int:
    import signal
    import threading

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _terminated)
    parser = _parser()
    config, config_error = None, None
    try:
        config = load_config(find_config())
        apply_config(parser.commands, config)
    except UsageError as error:  # only build and check read the file
        config_error = error
    args = parser.parse_args(argv)
    if config_error is not None and args.command in parser.commands:
        print(f"renderer: error: {config_error}", file=sys.stderr)
        return config_error.exit_code
    args.config, args.argv = config, argv
    args.parser_for_config = parser.commands["build"]
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    if args.command is None:
        parser.print_help()
        return 2
    try:
        code = _dispatch(args)
        sys.stdout.flush()  # a closed pipe shows here, inside the handlers below
        return code
    except RendererError as error:
        print(f"renderer: error: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("renderer: interrupted", file=sys.stderr)
        return 130
    except SystemExit as stop:
        if stop.code == 128 + 15:  # SIGTERM (see _terminated): say so, in one line
            print("renderer: terminated", file=sys.stderr)
        raise
    except BrokenPipeError:
        # The reader of standard output went away (`renderer show … | head`): stop quietly,
        # and keep Python from complaining again when it flushes stdout at exit.
        import os

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141
    except Exception:  # a bug: show everything needed to report it
        import traceback

        traceback.print_exc()
        print(
            "renderer: internal error (this is a bug; please report the traceback above)",
            file=sys.stderr,
        )
        return 70


def _dispatch(args: argparse.Namespace) -> int:
    if args.command == "build":
        return _build(args)
    if args.command == "check":
        return _check(args)
    if args.command == "lint":
        return _lint(args)
    if args.command == "show":
        return _show(args)
    if args.command == "preview":
        return _preview(args)
    if args.command == "themes":
        from .resources import list_themes

        for name, description in list_themes(args.theme_dir):
            print(f"{name:20} {description}")
        return 0
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
        slice_articles=args.slice_articles,
        max_paragraph_bytes=int(args.max_paragraph_size * 1024 * 1024),
    )


def _build(args: argparse.Namespace) -> int:
    if args.print_config:
        print_config(args, args.config, sys.argv[1:] if args.argv is None else args.argv)
        return 0
    if not args.inputs:  # as argparse says it (INPUT is optional only for --print-config)
        args.parser_for_config.error("the following arguments are required: INPUT")
    if args.max_input_size <= 0:
        raise UsageError("--max-input-size must be positive")
    options = _options(args)
    if args.packet is not None:
        from .build import build_packet
        from .packet import spec_from_inputs

        if not args.packet.strip():
            raise UsageError("--packet needs a title")
        spec = spec_from_inputs(args.inputs, args.packet, tuple(args.meta))
        options = replace(options, meta=())  # --meta described the packet, not each article
        try:
            result = build_packet(spec, Path(args.output), options)
        except RendererError as error:
            print(f"renderer: error: {error}", file=sys.stderr)
            return error.exit_code
        if not args.quiet:
            for warning in result.warnings + result.defects:
                print(f"renderer: warning: packet: {warning}", file=sys.stderr)
            for path in result.outputs.values():
                print(path)
        return 0
    from .batch import expand_inputs, run_batch

    sources = expand_inputs(args.inputs, recursive=args.recursive)
    code, _ = run_batch(
        sources,
        Path(args.output),
        options,
        jobs=args.jobs,
        fail_fast=args.fail_fast,
        quiet=args.quiet,
    )
    return code


def _check(args: argparse.Namespace) -> int:
    from .api import check_editions
    from .check.formats import render
    from .output import check_target, write_atomic

    if args.output and args.output != "-":
        check_target(Path(args.output))  # before the checks: a device is never replaced
    checked = check_editions(
        args.files, tools=args.tools.split(","), sources=args.source,
        cross=False if args.no_cross else (True if args.cross else None),
        options=Options(lang=args.lang, meta=tuple(args.meta)),
    )
    reports = list(checked.reports)
    out = render(reports, args.format, args.fail_on, __version__)
    if args.output and args.output != "-":
        write_atomic(Path(args.output), out.encode("utf-8"))  # OutputError: exit 6
        if args.format != "text":
            summary = render(reports, "text", args.fail_on)
            print(summary, end="")
    else:
        sys.stdout.write(out)
    unreadable = {"FILE-001", "FILE-002", "PDF-FILE-001", "PDF-FILE-002", "EPUB-FILE-001"}
    if checked.codes & unreadable:
        for report in reports:  # the one line a script's log shows, besides the report
            for finding in (f for f in report.findings if f.code in unreadable):
                print(f"renderer: error: {report.path}: {finding.message}", file=sys.stderr)
        return 3
    if checked.codes & {"EXT-001", "EXT-002"}:
        return 7
    return 0 if checked.passed(args.fail_on) else 1


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
    findings = lint(article, lang=args.lang)
    if findings:
        print("\nLint")
        for finding in findings:
            print(f"  {finding.to_text()}")
    return 0


def _preview(args: argparse.Namespace) -> int:
    from .output import check_target, write_atomic
    from .preview import preview_png

    if args.pages < 1 or not 10 <= args.dpi <= 600:
        raise UsageError("--pages must be at least 1 and --dpi between 10 and 600")
    options = Options(
        formats=("pdf",),
        theme=args.theme,
        theme_dir=args.theme_dir,
        page_size=args.page_size,
        meta=tuple(args.meta),
    )
    if args.output == "-":  # the PNG to standard output
        sys.stdout.buffer.write(preview_png(args.input, options, pages=args.pages, dpi=args.dpi))
        return 0
    target = Path(args.output)
    check_target(target)  # before the work: a device or a folder is refused at once
    write_atomic(target, preview_png(args.input, options, pages=args.pages, dpi=args.dpi))
    print(target)
    return 0
