"""Turn one input into its editions on disk: the unit of work of the CLI.

``build`` is a function of (input, output folder, options) to (files written,
report), with no other state, so a batch can run it in worker processes.
Both editions are rendered in memory first and only then written, each
atomically (temporary file beside the target, then rename): a failed build
leaves no partial or zero-byte file behind, and never replaces a good file
with a bad one.
"""

from __future__ import annotations

import datetime as _dt
import logging
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .check.findings import Severity
from .check.lint import lint
from .compose import compose, compose_packet
from .errors import AccessibilityError, OutputError, UsageError
from .ingest import ingest
from .model import Article
from .normalize import edition_identifier, normalize
from .options import Options
from .packet import PacketSpec, assemble, is_manifest, load_manifest
from .resources import Theme, load_theme

__all__ = [
    "BuildResult",
    "build",
    "build_moment",
    "build_packet",
    "check_output_folder",
    "write_atomic",
]

log = logging.getLogger("renderer")

#: Used when neither SOURCE_DATE_EPOCH nor the article gives a date (zip's own epoch).
FALLBACK_MOMENT = _dt.datetime(1980, 1, 1, tzinfo=_dt.UTC)

DEFAULT_THEME = {"pdf": "briefing", "epub": "ereader"}


@dataclass(slots=True)
class BuildResult:
    source: str
    outputs: dict[str, Path] = field(default_factory=dict)  # format → path
    warnings: list[str] = field(default_factory=list)
    defects: list[str] = field(default_factory=list)
    article: Article | None = None


def build_moment(date: _dt.date | None, options: Options) -> _dt.datetime:
    """The build time written into the editions: reproducible by construction."""
    epoch = options.source_date_epoch
    if epoch is None:
        epoch = Options.epoch_from_environment()
    if epoch is not None:
        return _dt.datetime.fromtimestamp(epoch, _dt.UTC)
    if date:
        return _dt.datetime(date.year, date.month, date.day, 12, 0, tzinfo=_dt.UTC)
    return FALLBACK_MOMENT


def build(source: str | Path, out_dir: str | Path, options: Options) -> BuildResult:
    """Build one article, or a packet when ``source`` is a ``packet.toml`` manifest."""
    if is_manifest(source):
        return build_packet(load_manifest(source), out_dir, options, source=str(source))
    result = BuildResult(source=str(source))
    check_output_folder(Path(out_dir))
    raw = ingest(source, max_bytes=options.max_input_bytes, meta=options.meta)
    known = _lint(raw, str(source), options, result)
    article = normalize(raw, options)
    result.article = article
    moment = _moment(article.metadata, options, result)

    rendered: dict[str, bytes] = {}
    pdf = None
    if "pdf" in options.formats:
        from .pdf import write_pdf  # WeasyPrint is imported only when a PDF is wanted

        theme = _pdf_theme(options.theme, options)
        xhtml = compose(article, target="pdf")
        pdf = write_pdf(
            article.metadata,
            xhtml,
            base_dirs=(article.base_dir,),
            theme=theme,
            page_size=options.page_size,
            moment=moment,
            strict=options.strict,
            known_defects=known + _glyph_coverage(xhtml, theme, options, result),
        )
        _take(result, "pdf", pdf, rendered)
    if "epub" in options.formats:
        from .epub import write_epub

        epub = write_epub(
            article,
            theme=load_theme(options.theme or DEFAULT_THEME["epub"], options.theme_dir),
            moment=moment,
            strict=options.strict,
            certified_by=options.certified_by,
            known_defects=known,
            print_pages=_print_pages(pdf, article.metadata, options),
        )
        _take(result, "epub", epub, rendered)

    stem = "stdin" if str(source) == "-" else Path(source).stem
    _write_all(rendered, Path(out_dir), stem, result)
    return result


def build_packet(
    spec: PacketSpec, out_dir: str | Path, options: Options, *, source: str | None = None
) -> BuildResult:
    """Build a briefing packet: one PDF (cover, contents, every article) and one EPUB."""
    result = BuildResult(source=source or spec.name)
    check_output_folder(Path(out_dir))
    known: list[str] = []

    def read(path: str) -> Article:
        raw = ingest(path, max_bytes=options.max_input_bytes)
        known.extend(_lint(raw, path, options, result))
        return raw

    packet, _ = assemble(spec, options, read=read)
    known = sorted(set(known))
    moment = _moment(packet.metadata, options, result)
    theme_name = options.theme or spec.theme
    rendered: dict[str, bytes] = {}
    pdf = None
    if "pdf" in options.formats:
        from .pdf import write_pdf

        theme = _pdf_theme(theme_name, options)
        xhtml = compose_packet(packet, image_href=_absolute_image)
        pdf = write_pdf(
            packet.metadata,
            xhtml,
            base_dirs=tuple(dict.fromkeys(a.base_dir for a in packet.articles)),
            theme=theme,
            page_size=options.page_size,
            moment=moment,
            strict=options.strict,
            known_defects=known + _glyph_coverage(xhtml, theme, options, result),
        )
        _take(result, "pdf", pdf, rendered)
    if "epub" in options.formats:
        from .epub import write_packet_epub

        epub = write_packet_epub(
            packet,
            theme=load_theme(theme_name or DEFAULT_THEME["epub"], options.theme_dir),
            moment=moment,
            strict=options.strict,
            certified_by=options.certified_by,
            known_defects=known,
            print_pages=_print_pages(pdf, packet.metadata, options),
        )
        _take(result, "epub", epub, rendered)
    _write_all(rendered, Path(out_dir), spec.name, result)
    return result


def _lint(raw: Article, source: str, options: Options, result: BuildResult) -> list[str]:
    """Lint the input; warnings are reported, errors fail --strict and block any claim."""
    findings = lint(raw)
    errors = [f for f in findings if f.severity == Severity.ERROR]
    if errors and options.strict:
        raise AccessibilityError(
            f"{source}: {errors[0].code}: {errors[0].message}",
            hint="fix the input, or build without --strict",
        )
    prefix = "" if source == result.source else f"{Path(source).name}: "
    result.warnings += [
        prefix + f"{f.code}: {f.message}" + (f" [{f.location}]" if f.location else "")
        for f in findings
        if f.severity != Severity.INFO
    ]
    return [f.code for f in errors]


def _moment(meta, options: Options, result: BuildResult) -> _dt.datetime:
    moment = build_moment(meta.date, options)
    if moment == FALLBACK_MOMENT and not meta.date:
        result.warnings.append(
            "no date in the article: dates in the files are 1980-01-01 "
            "(set SOURCE_DATE_EPOCH or give the date)"
        )
    return moment


def _pdf_theme(name: str | None, options: Options) -> Theme:
    theme = load_theme(name or DEFAULT_THEME["pdf"], options.theme_dir)
    if options.page_size not in theme.page_sizes:
        raise UsageError(
            f"theme {theme.name!r} has no {options.page_size} page size",
            hint=f"use --page-size {' or '.join(theme.page_sizes)}",
        )
    return theme


def _glyph_coverage(xhtml: str, theme: Theme, options: Options, result: BuildResult) -> list[str]:
    """Report text no bundled font can show: it would come from a system font or be .notdef."""
    from lxml import etree

    from .fonts import missing_glyphs

    root = etree.fromstring(xhtml.encode("utf-8"))
    missing = missing_glyphs("".join(root.itertext()), theme)
    if not missing:
        return []
    message = (
        f"text the bundled fonts of theme {theme.name!r} cannot show "
        f"(it would be drawn from a system font or as a missing glyph): {missing.describe()}"
    )
    if options.strict:
        raise AccessibilityError(
            message, hint="build without --strict, or use a theme that covers it"
        )
    result.warnings.append(message)
    return ["missing-glyphs"]


def _print_pages(pdf, meta, options: Options):
    """The PDF's pages for the EPUB's page list, unless there is no PDF or it is opted out."""
    if pdf is None or not options.page_list or not meta.identifier:
        return None
    from .epub import PrintPages

    return PrintPages(tuple(pdf.page_starts), edition_identifier(meta.identifier, "pdf"))


def _absolute_image(article: Article, src: str) -> str:
    """A packet is one HTML document: resolve each article's relative images itself."""
    if article.base_dir and src and ":" not in src.split("/", 1)[0] and not src.startswith("/"):
        return (Path(article.base_dir) / src).resolve().as_uri()
    return src


def _take(result: BuildResult, fmt: str, edition, rendered: dict[str, bytes]) -> None:
    rendered[fmt] = edition.data
    result.warnings += edition.warnings
    result.defects += [f"{fmt}: {d}" for d in edition.defects]


def _write_all(rendered: dict[str, bytes], out: Path, stem: str, result: BuildResult) -> None:
    for fmt, data in rendered.items():
        target = out / f"{stem}.{fmt}"
        write_atomic(target, data)
        result.outputs[fmt] = target


def check_output_folder(folder: Path) -> None:
    """Fail before rendering when the output folder can never be written."""
    existing = folder
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        raise OutputError(f"{folder}: cannot create the output folder: {existing} is a file")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise OutputError(
            f"{folder}: the output folder is not writable", hint="choose another folder with -o"
        )


def write_atomic(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` through a temporary file and a rename."""
    folder = target.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(
            f"{folder}: cannot create the output folder: {exc.strerror or exc}"
        ) from exc
    if target.exists() and not os.access(target, os.W_OK):
        raise OutputError(
            f"{target}: the existing file is read-only",
            hint="remove it or choose another output folder",
        )
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise OutputError(
            f"{folder}: cannot write here: {exc.strerror or exc}",
            hint="choose another output folder with -o",
        ) from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"{target}: cannot be written: {exc.strerror or exc}") from exc
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
