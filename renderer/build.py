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
from .compose import compose
from .errors import AccessibilityError, OutputError, UsageError
from .ingest import ingest
from .model import Article
from .normalize import normalize
from .options import Options
from .resources import Theme, load_theme

__all__ = ["BuildResult", "build", "build_moment", "check_output_folder", "write_atomic"]

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


def build_moment(article: Article, options: Options) -> _dt.datetime:
    """The build time written into the editions: reproducible by construction."""
    epoch = options.source_date_epoch
    if epoch is None:
        epoch = Options.epoch_from_environment()
    if epoch is not None:
        return _dt.datetime.fromtimestamp(epoch, _dt.UTC)
    if article.metadata.date:
        d = article.metadata.date
        return _dt.datetime(d.year, d.month, d.day, 12, 0, tzinfo=_dt.UTC)
    return FALLBACK_MOMENT


def build(source: str | Path, out_dir: str | Path, options: Options) -> BuildResult:
    result = BuildResult(source=str(source))
    check_output_folder(Path(out_dir))
    raw = ingest(source, max_bytes=options.max_input_bytes, meta=options.meta)
    findings = lint(raw)
    errors = [f for f in findings if f.severity == Severity.ERROR]
    if errors and options.strict:
        raise AccessibilityError(
            f"{source}: {errors[0].code}: {errors[0].message}",
            hint="fix the input, or build without --strict",
        )
    result.warnings += [
        f"{f.code}: {f.message}" + (f" [{f.location}]" if f.location else "")
        for f in findings
        if f.severity != Severity.INFO
    ]
    article = normalize(raw, options)
    result.article = article
    # Input errors are accessibility defects of both editions: the writers then make no
    # conformance claim (and fail under --strict).
    known = [f.code for f in errors]
    moment = build_moment(article, options)
    if moment == FALLBACK_MOMENT and not article.metadata.date:
        result.warnings.append(
            "no date in the article: dates in the files are 1980-01-01 "
            "(set SOURCE_DATE_EPOCH or give the date)"
        )

    rendered: dict[str, bytes] = {}
    if "pdf" in options.formats:
        from .pdf import write_pdf  # WeasyPrint is imported only when a PDF is wanted

        theme = load_theme(options.theme or DEFAULT_THEME["pdf"], options.theme_dir)
        if options.page_size not in theme.page_sizes:
            raise UsageError(
                f"theme {theme.name!r} has no {options.page_size} page size",
                hint=f"use --page-size {' or '.join(theme.page_sizes)}",
            )
        xhtml = compose(article, target="pdf")
        pdf_known = known + _glyph_coverage(xhtml, theme, options, result)
        pdf = write_pdf(
            article,
            xhtml,
            theme=theme,
            page_size=options.page_size,
            moment=moment,
            strict=options.strict,
            known_defects=pdf_known,
        )
        rendered["pdf"] = pdf.data
        result.warnings += pdf.warnings
        result.defects += [f"pdf: {d}" for d in pdf.defects]
    if "epub" in options.formats:
        from .epub import write_epub

        theme = load_theme(options.theme or DEFAULT_THEME["epub"], options.theme_dir)
        epub = write_epub(
            article,
            theme=theme,
            moment=moment,
            strict=options.strict,
            certified_by=options.certified_by,
            known_defects=known,
        )
        rendered["epub"] = epub.data
        result.warnings += epub.warnings
        result.defects += [f"epub: {d}" for d in epub.defects]

    stem = "stdin" if str(source) == "-" else Path(source).stem
    out = Path(out_dir)
    for fmt, data in rendered.items():
        target = out / f"{stem}.{fmt}"
        write_atomic(target, data)
        result.outputs[fmt] = target
    return result


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
