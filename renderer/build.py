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
import signal
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from dataclasses import replace as dc_replace
from pathlib import Path

from .check.findings import Severity
from .check.lint import STRICT_ERRORS, lint
from .compose import compose, compose_packet
from .errors import (
    AccessibilityError,
    InputError,
    InputTooLarge,
    RendererError,
    TimeLimitExceeded,
    UsageError,
)
from .ingest import ingest
from .model import Article, Packet, Table, plain_text
from .normalize import edition_identifier, normalize
from .options import Options
from .output import check_output_folder, write_together
from .packet import PacketSpec, assemble, is_manifest, load_manifest
from .resources import Theme, load_theme

__all__ = [
    "BuildResult",
    "build",
    "build_moment",
    "build_packet",
    "check_limits",
    "check_output_folder",
    "pdf_html",
    "time_limit",
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
        spec = load_manifest(source, options.allowed_paths, max_bytes=options.max_input_bytes)
        return build_packet(spec, out_dir, options, source=str(source))
    result = BuildResult(source=str(source))
    check_output_folder(Path(out_dir))
    with time_limit(options.timeout, str(source)), _naming(str(source)):
        rendered = _render_article(source, options, result)
    stem = "stdin" if str(source) == "-" else Path(source).stem
    _write_all(rendered, Path(out_dir), stem, result)
    return result


def _prepare_article(
    source: str | Path, options: Options, result: BuildResult
) -> tuple[Article, list[str]]:
    """Read, lint, normalize and screen one article: what both editions are made from."""
    raw = ingest(
        source,
        max_bytes=options.max_input_bytes,
        meta=options.meta,
        allowed_paths=options.allowed_paths,
    )
    check_limits(raw, str(source), options)
    known = _lint(raw, str(source), options, result)
    article = normalize(raw, options)
    result.article = article
    return _screen_images(article, options, result), known


def pdf_html(source: str | Path | PacketSpec, options: Options) -> str:
    """The XHTML that :func:`build` lays the PDF of ``source`` out from.

    ``source`` is an article, a packet manifest or a packet spec. Made by the same steps as
    the build (nothing is rendered), so ``renderer check --source`` and the test suite can
    compare a PDF's tagged text with what it was built from.
    """
    result = BuildResult(source=str(getattr(source, "name", source)))
    if isinstance(source, PacketSpec) or is_manifest(source):
        spec = source if isinstance(source, PacketSpec) else load_manifest(
            source, options.allowed_paths, max_bytes=options.max_input_bytes)
        packet, _ = _prepare_packet(spec, options, result)
        return compose_packet(packet, image_href=_absolute_image)
    article, _ = _prepare_article(source, options, result)
    return compose(article, target="pdf")


def _render_article(source: str | Path, options: Options, result: BuildResult) -> dict[str, bytes]:
    article, known = _prepare_article(source, options, result)
    moment = _moment(article.metadata, options, result)

    def pdf_of(known: list[str]):
        return _render_pdf(
            article.metadata,
            compose(article, target="pdf"),
            base_dirs=(article.base_dir,),
            theme=_pdf_theme(options.theme, options),
            options=options,
            moment=moment,
            known=known,
            result=result,
        )

    def epub_of(known: list[str], print_pages):
        from .epub import write_epub

        arguments = _epub_arguments(options, options.theme, moment, known)
        return write_epub(article, **arguments, print_pages=print_pages)

    return _checked_editions(pdf_of, epub_of, article.metadata, known, options, result)


def _epub_arguments(options: Options, theme_name: str | None, moment, known: list[str]) -> dict:
    """What the EPUB writers of an article and of a packet are given alike."""
    return {
        "theme": load_theme(theme_name or DEFAULT_THEME["epub"], options.theme_dir),
        "moment": moment,
        "strict": options.strict,
        "certified_by": options.certified_by,
        "known_defects": known,
        "allowed_paths": options.allowed_paths,
        "max_image_pixels": options.max_image_pixels,
    }


def _checked_editions(pdf_of, epub_of, meta, known: list[str], options: Options,
                      result: BuildResult) -> dict[str, bytes]:
    """Render the editions ``options`` asks for, then look at the EPUB as EPUBCheck will.

    ``pdf_of(known)`` renders the PDF, ``epub_of(known, print_pages)`` the EPUB (after the
    PDF, whose pages it follows). A reference EPUBCheck refuses
    (:func:`renderer.check.epub.link_findings`: a missing file or fragment, a URL leaving
    the container, a link with no text …) is a defect of the content both editions are
    made from: they are rendered again with it among the known defects, so neither claims
    conformance (``--strict`` fails instead).
    """

    def render(known: list[str]) -> dict[str, object]:
        pdf = pdf_of(known) if "pdf" in options.formats else None
        editions: dict[str, object] = {} if pdf is None else {"pdf": pdf}
        if "epub" in options.formats:
            editions["epub"] = epub_of(known, _print_pages(pdf, meta, options))
        return editions

    mark = len(result.warnings)
    editions = render(known)
    epub = editions.get("epub")
    extra = _container_defects(epub.data) if epub is not None else []
    if extra:
        if options.strict:
            raise AccessibilityError(
                f"{result.source}: the EPUB would not be valid: {', '.join(extra)}",
                hint="check it with renderer check --with epubcheck, or build without --strict",
            )
        del result.warnings[mark:]  # the second rendering says them again
        editions = render(sorted({*known, *extra}))
    rendered: dict[str, bytes] = {}
    for fmt, edition in editions.items():
        _take(result, fmt, edition, rendered)
    return rendered


def _container_defects(data: bytes) -> list[str]:
    """The codes of what EPUBCheck would refuse among the EPUB's references."""
    from .check.epub import link_findings

    found = link_findings(data)
    return sorted({f.code for f in found if f.severity == Severity.ERROR})


def build_packet(
    spec: PacketSpec, out_dir: str | Path, options: Options, *, source: str | None = None
) -> BuildResult:
    """Build a briefing packet: one PDF (cover, contents, every article) and one EPUB."""
    result = BuildResult(source=source or spec.name)
    check_output_folder(Path(out_dir))
    with time_limit(options.timeout, result.source), _naming(result.source):
        rendered = _render_packet(spec, options, result)
    _write_all(rendered, Path(out_dir), spec.name, result)
    return result


def _prepare_packet(
    spec: PacketSpec, options: Options, result: BuildResult
) -> tuple[Packet, list[str]]:
    """Read, lint and assemble a packet's articles: what both editions are made from."""
    known: list[str] = []

    def read(path: str, meta: tuple[str, ...] = ()) -> Article:
        raw = ingest(
            path,
            max_bytes=options.max_input_bytes,
            meta=meta,
            allowed_paths=options.allowed_paths,
        )
        check_limits(raw, path, options)
        known.extend(_lint(raw, path, options, result))
        return raw

    packet, _ = assemble(spec, options, read=read)
    # The manifest's own texts, and each article's metadata with the manifest's corrections.
    texts = [*_texts_of(packet), *_texts_of(packet.metadata)]
    texts += [text for article in packet.articles for text in _texts_of(article.metadata)]
    _check_text_sizes(texts, result.source, options)
    packet = dc_replace(
        packet, articles=tuple(_screen_images(a, options, result) for a in packet.articles)
    )
    return packet, sorted(set(known))


def _render_packet(spec: PacketSpec, options: Options, result: BuildResult) -> dict[str, bytes]:
    packet, known = _prepare_packet(spec, options, result)
    moment = _moment(packet.metadata, options, result)
    theme_name = options.theme or spec.theme

    def pdf_of(known: list[str]):
        return _render_packet_pdf(packet, theme_name, options, moment, known, result)

    def epub_of(known: list[str], print_pages):
        from .epub import write_packet_epub

        arguments = _epub_arguments(options, theme_name, moment, known)
        return write_packet_epub(packet, **arguments, print_pages=print_pages)

    return _checked_editions(pdf_of, epub_of, packet.metadata, known, options, result)


def _screen_images(article: Article, options: Options, result: BuildResult) -> Article:
    """Figures whose image may not be read or is unsafe become their text, in both editions.

    Done once before either edition is composed, so the PDF and the EPUB hold the same
    blocks (the EPUB's page list relies on it) and WeasyPrint never meets a refused image.
    """
    from .epub.images import plan_images

    plan = plan_images(
        article,
        options.allowed_paths,
        max_pixels=options.max_image_pixels,
        keep_remote=options.allow_remote,
        keep_data=True,
    )
    result.warnings += [w for w in plan.warnings if w not in result.warnings]
    return plan.article


def check_limits(article: Article, source: str, options: Options) -> None:
    """Refuse what no edition can present: a table wider than ``--max-table-columns``, a
    paragraph longer than ``--max-paragraph-size``.

    (Depth is limited by the readers, size by ``ingest``, time by :func:`time_limit`.)
    A 10 000-column table takes WeasyPrint minutes and reads as nothing in either edition;
    so does a 10 MB paragraph, which also passes libxml2's limit for one text node, the
    limit of the XML parsers of reading systems (and of ``renderer check``).
    """
    check_year(article.metadata.date, source)
    for label, value in (("title", article.metadata.title),
                         ("subtitle", article.metadata.subtitle)):
        if value and len(value) > MAX_TITLE_CHARS:
            raise InputTooLarge(
                f"{source}: the {label} is {len(value)} characters long, over the limit of "
                f"{MAX_TITLE_CHARS} (a {label} is a line, not a passage)",
                hint=f"correct it with --meta {label}=…")
    runs: list[str] = [*_texts_of(article.metadata)]
    stack = list(article.blocks)
    while stack:
        block = stack.pop()
        if isinstance(block, Table):
            rows = block.head + block.body
            widest = max((sum(c.colspan for c in row) for row in rows), default=0)
            if widest > options.max_table_columns:
                raise InputTooLarge(
                    f"{source}: a table of {widest} columns is over the limit of "
                    f"{options.max_table_columns}",
                    hint="raise it with --max-table-columns",
                )
            runs += [plain_text(cell.children) for row in rows for cell in row]
        for inlines in (getattr(block, "children", ()), getattr(block, "caption", ())):
            runs.append(plain_text(inlines))
        stack.extend(getattr(block, "blocks", ()))
        for item in getattr(block, "items", ()):
            stack.extend(item.blocks)
    _check_text_sizes(runs, source, options)


#: The longest title or subtitle an edition prints (on the page, in the outline, in the
#: metadata of both files): a headline is a line, even a long one.
MAX_TITLE_CHARS = 2_000


def check_year(date: _dt.date | None, source: str) -> None:
    """Refuse a date outside the years 1000–9999: the editions write four-digit years
    (XMP, ``dcterms:modified``), and no news article is older or newer."""
    if date is not None and not 1000 <= date.year <= 9999:
        raise InputError(f"{source}: the date {date.isoformat()} is outside the years 1000-9999",
                         hint="correct it with --meta date=YYYY-MM-DD")


def _check_text_sizes(texts: Iterable[str], source: str, options: Options) -> None:
    """Refuse any one text (a paragraph, a title …) over ``--max-paragraph-size``."""
    limit = options.max_paragraph_bytes
    longest = max((len(t.encode("utf-8", "surrogatepass")) for t in texts), default=0)
    if longest > limit:
        raise InputTooLarge(
            f"{source}: a paragraph (or heading, cell, caption or metadata field) holds "
            f"{longest / 2**20:.1f} MB of text, over the {limit / 2**20:g} MB limit",
            hint="raise it with --max-paragraph-size",
        )


def _texts_of(record) -> Iterator[str]:
    """The text fields of a dataclass (``Metadata``, ``Packet``), list fields included."""
    for value in (getattr(record, f.name) for f in fields(record)):
        if isinstance(value, str):
            yield value
        elif isinstance(value, tuple):
            yield from (v for v in value if isinstance(v, str))


@contextmanager
def time_limit(seconds: float | None, source: str) -> Iterator[None]:
    """Stop the build after ``seconds`` (``--timeout``): nothing has been written by then.

    SIGALRM in the main thread; a build in another thread, or on a platform without
    ``setitimer``, runs without a limit. The alarm raises a BaseException so that no
    library's ``except Exception`` can swallow it; it becomes :class:`TimeLimitExceeded`
    here. Python delivers the signal between bytecodes, so one long call into C code
    (a regular expression, libxml2) finishes before the build stops.
    """
    usable = (
        seconds
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return

    def on_alarm(signum, frame):
        raise _Deadline

    previous = signal.signal(signal.SIGALRM, on_alarm)
    try:
        try:
            signal.setitimer(signal.ITIMER_REAL, seconds)
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    except _Deadline:
        raise TimeLimitExceeded(
            f"{source}: stopped after the {seconds:g} s time limit; nothing was written",
            hint="raise it with --timeout SECONDS, or 0 for no limit",
        ) from None
    finally:
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def _naming(source: str) -> Iterator[None]:
    """Every error of a build names its input, once.

    The readers name the file themselves; the writers (WeasyPrint's and ebooklib's
    failures, a composed document that does not parse, a theme without the page size)
    never see it, so their errors get it in front here.
    """
    name = "<stdin>" if source == "-" else source
    try:
        yield
    except RendererError as error:
        message = str(error.args[0]) if error.args else ""
        if message.startswith(name):
            raise
        raise type(error)(f"{name}: {message}", hint=error.hint) from error


class _Deadline(BaseException):
    """The time limit passed (a BaseException: WeasyPrint catches Exception in places)."""


def _lint(raw: Article, source: str, options: Options, result: BuildResult) -> list[str]:
    """Lint the input; warnings are reported, errors fail --strict and block any claim."""
    findings = lint(raw, lang=options.lang)
    errors = [f for f in findings if f.severity == Severity.ERROR]
    if options.strict:
        failing = [f for f in findings if f in errors or f.code in STRICT_ERRORS]
        if failing:
            where = f" [{failing[0].location}]" if failing[0].location else ""
            raise AccessibilityError(
                f"{source}: {failing[0].code}: {failing[0].message}{where}",
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


def _render_pdf(
    meta,
    xhtml: str,
    *,
    base_dirs,
    theme: Theme,
    options: Options,
    moment,
    known: list[str],
    result: BuildResult,
):
    """Write the PDF of an article or a packet laid out at once."""
    writer = _pdf_writer(meta, base_dirs, theme, options, moment, known)
    writer.defects += _glyph_coverage(xhtml, theme, options, result)
    part = writer.part(xhtml)
    return writer.edition(part.data, part.page_count, part.starts)


def _pdf_writer(meta, base_dirs, theme: Theme, options: Options, moment, known: list[str]):
    """The PDF writer of one edition (WeasyPrint is imported only here)."""
    from .pdf import Writer

    return Writer(
        meta,
        base_dirs=base_dirs,
        theme=theme,
        page_size=options.page_size,
        moment=moment,
        strict=options.strict,
        known_defects=known,
        allowed_paths=options.allowed_paths,
        allow_remote=options.allow_remote,
        max_image_pixels=options.max_image_pixels,
    )


def _render_packet_pdf(packet, theme_name, options: Options, moment, known, result):
    """The packet's PDF: laid out at once, or in slices of ``options.slice_articles``."""
    theme = _pdf_theme(theme_name, options)
    base_dirs = tuple(dict.fromkeys(a.base_dir for a in packet.articles))
    size = options.slice_articles
    count = len(packet.articles)
    split = None
    if size and count > size:
        from .pdf.slices import layers

        split = layers(theme.pdf_css)
        if split is None:
            result.warnings.append(
                f"theme {theme.name!r} shows page numbers and running strings in the same "
                "margin: the packet is laid out at once (this needs more memory)"
            )
    if split is None:
        return _render_pdf(
            packet.metadata,
            compose_packet(packet, image_href=_absolute_image),
            base_dirs=base_dirs,
            theme=theme,
            options=options,
            moment=moment,
            known=known,
            result=result,
        )
    from .compose import compose_packet_front, compose_packet_furniture, compose_packet_slice
    from .pdf.slices import Slice, write_sliced_pdf

    numbers = [
        tuple(range(first, min(first + size, count + 1))) for first in range(1, count + 1, size)
    ]
    writer = _pdf_writer(packet.metadata, base_dirs, theme, options, moment, known)

    def screened(xhtml: str) -> str:
        """Each part's text is looked up in the theme's fonts as the whole packet's is."""
        writer.defects += _glyph_coverage(xhtml, theme, options, result)
        return xhtml

    return write_sliced_pdf(
        writer,
        split=split,
        front=lambda pages: screened(compose_packet_front(packet, pages)),
        slices=[
            Slice(
                n, lambda n=n: screened(compose_packet_slice(packet, n, image_href=_absolute_image))
            )
            for n in numbers
        ],
        furniture=lambda names: compose_packet_furniture(packet, names),
    )


def _pdf_theme(name: str | None, options: Options) -> Theme:
    theme = load_theme(name or DEFAULT_THEME["pdf"], options.theme_dir)
    if options.page_size not in theme.page_sizes:
        raise UsageError(
            f"theme {theme.name!r} has no {options.page_size} page size",
            hint=f"use --page-size {' or '.join(theme.page_sizes)}",
        )
    return theme


def _glyph_coverage(xhtml: str, theme: Theme, options: Options, result: BuildResult) -> list[str]:
    """Report text no bundled font can show: WeasyPrint would draw it as .notdef boxes."""
    from lxml import etree

    from .fonts import missing_glyphs

    # Our own document, so libxml2's limits against hostile XML (10 MB per text node) are
    # off: the paragraph size limit is ours (--max-paragraph-size).
    root = etree.fromstring(xhtml.encode("utf-8"), etree.XMLParser(huge_tree=True))
    missing = missing_glyphs("".join(root.itertext()), theme)
    if not missing:
        return []
    message = (
        f"text the bundled fonts of theme {theme.name!r} cannot show "
        f"(it would be drawn as empty .notdef boxes): {missing.describe()}"
    )
    if options.strict:
        raise AccessibilityError(
            f"{result.source}: {message}",
            hint="build without --strict, or use a theme that covers it",
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
    """Commit the editions of one build together: both appear, or neither does."""
    targets = {out / f"{stem}.{fmt}": data for fmt, data in rendered.items()}
    write_together(targets, note=result.warnings.append)
    for fmt in rendered:
        result.outputs[fmt] = out / f"{stem}.{fmt}"
