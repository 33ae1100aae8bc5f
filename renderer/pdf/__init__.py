"""Turn composed XHTML into a tagged PDF/UA-1 file (the only module importing WeasyPrint).

Steps, in order:

1. parse the theme's CSS and the bundled ``@font-face`` rules once per process
   (one ``FontConfiguration``), so a batch never re-parses them;
2. lay out with a URL fetcher confined to ``data:`` and the input's folder;
3. write with ``pdf/ua-1``, our own structure-tree builder (``tags.py``) in
   place of WeasyPrint's, and our own XMP packet (``metadata.py``).

WeasyPrint's log records are collected: an error about a missing alt text,
title or language is an accessibility defect, not a warning. With defects the
PDF is still written (without ``--strict``) but it does **not** claim PDF/UA
(no ``pdfuaid:part``): we never ship a file that claims a conformance it fails.
"""

from __future__ import annotations

import datetime as _dt
import gc
import logging
import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import cache
from io import BytesIO
from pathlib import Path

from ._libraries import quick_library_lookup

with quick_library_lookup():  # ~200 ms less per process; see _libraries.py
    import weasyprint
from weasyprint.urls import URLFetcher, URLFetcherResponse

from ..confine import Confinement
from ..errors import AccessibilityError, RenderError
from ..model import Metadata
from ..normalize import edition_identifier
from ..resources import Theme, data_dir, font_faces_css
from ..safeimage import MAX_IMAGE_BYTES, MAX_IMAGE_PIXELS, looks_like_xml, screen_image, sniff
from .fontconfig import BundledFontsOnly
from .metadata import ArticleXmp
from .pages import PageStart, page_starts
from .tags import Continuation, TaggingResult, own_tagging

__all__ = ["PageStart", "Part", "PdfEdition", "Writer", "write_pdf"]

log = logging.getLogger("renderer.pdf")

#: WeasyPrint logs an empty box drawn for a character no font has as a mere warning.
_NOTDEF = re.compile(r"\.notdef glyph rendered")
# WeasyPrint log messages that mean the edition is not accessible.
_DEFECT_PATTERNS = (
    (re.compile(r"no required alt", re.I), "missing-alt"),
    (re.compile(r'"lang" attribute', re.I), "missing-lang"),
    (re.compile(r"no title|missing.*title", re.I), "missing-title"),
    (_NOTDEF, "missing-glyphs"),
)


def _is_defect(record: logging.LogRecord) -> bool:
    """An error, or the warning for an empty ``.notdef`` box drawn in the text."""
    return record.levelno >= logging.ERROR or bool(_NOTDEF.search(record.getMessage()))


@dataclass(slots=True)
class PdfEdition:
    data: bytes
    page_count: int
    defects: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    #: Where each page begins, in terms of the model (for the EPUB's page list).
    page_starts: list[PageStart] = field(default_factory=list)

    @property
    def claims_pdfua(self) -> bool:
        return not self.defects


class _ConfinedFetcher(URLFetcher):
    """Fetches ``data:`` URLs and files under the allowed folders; refuses the rest.

    ``http:``/``https:`` only with ``allow_remote`` (``--allow-remote``). Every body that
    looks like XML (an SVG, whatever its name) or like a raster image is screened by
    :func:`renderer.safeimage.screen_image` before WeasyPrint parses it.
    """

    def __init__(
        self,
        confinement: Confinement,
        refused: list[str],
        *,
        allow_remote: bool = False,
        max_pixels: int = MAX_IMAGE_PIXELS,
    ) -> None:
        protocols = ("data", "file", "http", "https") if allow_remote else ("data", "file")
        super().__init__(allowed_protocols=protocols, allow_redirects=False)
        self._confinement = confinement
        self._refused = refused
        self._allow_remote = allow_remote
        self._max_pixels = max_pixels

    def fetch(self, url, headers=None):
        scheme = url.split(":", 1)[0].lower()
        allowed = (
            scheme == "data"
            or (scheme == "file" and self._confinement.local_path(url) is not None)
            or (self._allow_remote and scheme in ("http", "https"))
        )
        if not allowed:
            self._refused.append(_short(url))
            raise ValueError(f"not fetched (outside the input's folder or remote): {url[:120]}")
        response = super().fetch(url, headers)
        try:
            data = response.read(MAX_IMAGE_BYTES + 1)
        finally:
            response.close()
        if looks_like_xml(data) or sniff(data) is not None:
            problem = screen_image(data, max_pixels=self._max_pixels)
            if problem:
                self._refused.append(f"{_short(url)} {problem}")
                raise ValueError(f"refused: {url[:120]} {problem}")
        elif len(data) > MAX_IMAGE_BYTES:
            self._refused.append(f"{_short(url)} is over the resource size limit")
            raise ValueError(f"refused: {url[:120]} is too large")
        return URLFetcherResponse(response.url, data, response.headers, response.status)


def _short(url: str) -> str:
    return url if len(url) < 120 else url[:117] + "…"


@cache
def _font_config() -> BundledFontsOnly:
    """The bundled fonts and no system font: the PDF is the same on every machine."""
    return BundledFontsOnly()


@cache
def _stylesheets(theme: Theme, page_size: str) -> tuple[weasyprint.CSS, ...]:
    """Parsed once per (theme, page size) per process."""
    fonts = data_dir("fonts")
    confinement = Confinement.for_input(str(fonts), theme.folder)
    fetcher = _ConfinedFetcher(confinement, [])
    config = _font_config()
    size = {"letter": "letter", "a4": "A4"}[page_size]
    return (
        weasyprint.CSS(string=font_faces_css(), font_config=config, url_fetcher=fetcher),
        weasyprint.CSS(
            string=theme.pdf_css,
            base_url=theme.folder.as_uri() + "/",
            font_config=config,
            url_fetcher=fetcher,
        ),
        weasyprint.CSS(string=f"@page {{ size: {size}; }}", font_config=config),
    )


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def _weasyprint_log() -> Iterator[_Collect]:
    logger = logging.getLogger("weasyprint")
    handler = _Collect()
    logger.addHandler(handler)
    previous, logger.propagate = logger.propagate, False
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.propagate = previous


_WRITE_LOCK = threading.Lock()

#: Young-generation threshold of the garbage collector while a PDF is laid out and
#: written. Layout allocates millions of short-lived objects; with Python's default
#: (700) the collector runs thousands of times and its full collections walk the
#: whole, growing box tree, which makes long documents cost more than linear time.
#: Reference counting still frees almost everything at once; cycles are collected,
#: only less often. 0 leaves the collector alone (the bench's "before").
GC_THRESHOLD = 10_000


@contextmanager
def _fewer_collections() -> Iterator[None]:
    previous = gc.get_threshold()
    if GC_THRESHOLD and previous[0] and previous[0] < GC_THRESHOLD:
        gc.set_threshold(GC_THRESHOLD, *previous[1:])
    try:
        yield
    finally:
        gc.set_threshold(*previous)


def write_pdf(
    meta: Metadata,
    xhtml: str,
    *,
    base_dirs: tuple[str | None, ...],
    theme: Theme,
    page_size: str,
    moment: _dt.datetime,
    strict: bool,
    known_defects: list[str],
    allowed_paths: tuple[str, ...] = (),
    allow_remote: bool = False,
    max_image_pixels: int = MAX_IMAGE_PIXELS,
) -> PdfEdition:
    """Lay out and write one PDF (an article or a whole packet).

    ``base_dirs`` are the folders of the inputs: relative references resolve
    against the first, and local files are read only under any of them (or
    ``allowed_paths``). ``known_defects`` come from earlier stages.
    """
    writer = Writer(
        meta,
        base_dirs=base_dirs,
        theme=theme,
        page_size=page_size,
        moment=moment,
        strict=strict,
        known_defects=known_defects,
        allowed_paths=allowed_paths,
        allow_remote=allow_remote,
        max_image_pixels=max_image_pixels,
    )
    part = writer.part(xhtml)
    return writer.edition(part.data, part.page_count, part.starts)


@dataclass(slots=True)
class Part:
    """One laid-out and written WeasyPrint document: an article, a packet, or a slice of one."""

    data: bytes
    page_count: int
    starts: list[PageStart]
    #: Each page's page type name (``@page NAME``), "" for the default page.
    page_names: list[str]
    #: Requested anchors (element ids) → 0-based index of the page they are on.
    anchors: dict[str, int]
    tagging: TaggingResult


class Writer:
    """What one edition's writes share: the confined fetcher, the defects, the warnings.

    :func:`write_pdf` writes one part; :mod:`renderer.pdf.slices` writes a packet as
    several parts with the same writer and joins them.
    """

    def __init__(
        self,
        meta: Metadata,
        *,
        base_dirs: tuple[str | None, ...],
        theme: Theme,
        page_size: str,
        moment: _dt.datetime,
        strict: bool,
        known_defects: list[str],
        allowed_paths: tuple[str, ...] = (),
        allow_remote: bool = False,
        max_image_pixels: int = MAX_IMAGE_PIXELS,
    ) -> None:
        self.refused: list[str] = []
        folders = tuple(d for d in base_dirs if d)
        confinement = Confinement.for_input(*(folders or (None,)), *allowed_paths)
        self.fetcher = _ConfinedFetcher(
            confinement, self.refused, allow_remote=allow_remote, max_pixels=max_image_pixels
        )
        self.defects = list(known_defects)
        self.warnings: list[str] = []
        self.base_url = (
            (Path(folders[0]).resolve().as_uri() + "/")
            if folders
            else (data_dir("fonts").as_uri() + "/")
        )
        self.identity = (
            replace(meta, identifier=edition_identifier(meta.identifier, "pdf"))
            if meta.identifier
            else meta
        )
        self.theme = theme
        self.page_size = page_size
        self.moment = moment
        self.strict = strict

    def conforming(self, *extra: TaggingResult) -> bool:
        """True while nothing this writer saw (and no ``extra`` tagging) is a defect."""
        return not (self.defects or any(t.defects for t in extra))

    def part(
        self,
        xhtml: str,
        *,
        css: str = "",
        continues: Continuation | None = None,
        anchors: tuple[str, ...] = (),
        claim: Callable[[], bool] | None = None,
    ) -> Part:
        """Lay out and write one document; its defects and warnings join the writer's.

        ``css`` is appended to the theme's stylesheets; ``claim`` decides the PDF/UA
        claim of this part's XMP (default: this part and everything before it conform).
        """
        stylesheets = list(_stylesheets(self.theme, self.page_size))
        if css:
            stylesheets.append(weasyprint.CSS(string=css, font_config=_font_config()))
        with _WRITE_LOCK, _fewer_collections(), _weasyprint_log() as logged:
            try:
                html = weasyprint.HTML(
                    string=xhtml, base_url=self.base_url, url_fetcher=self.fetcher
                )
                document = html.render(font_config=_font_config(), stylesheets=stylesheets)
            except Exception as exc:  # WeasyPrint has no exception base of its own
                raise RenderError(f"layout failed: {type(exc).__name__}: {exc}") from exc

            output = BytesIO()
            with own_tagging(strict=self.strict, continues=continues) as tagging:

                def conforming() -> bool:
                    # Asked while WeasyPrint writes the XMP, after the tag tree is built.
                    errors = any(_is_defect(r) for r in logged.records)
                    return not errors and self.conforming(tagging)

                document.metadata = ArticleXmp(
                    self.identity, moment=self.moment, claim_pdfua=claim or conforming
                )
                try:
                    document.write_pdf(output, pdf_variant="pdf/ua-1")
                except Exception as exc:
                    raise RenderError(
                        f"PDF writing failed: {type(exc).__name__}: {exc}"
                    ) from exc
            self.defects += _classify(logged.records, self.warnings)
            self.defects += [f"{d.code}: {d.message}" for d in tagging.defects]
        if self.strict:
            self._raise_defects()
        wanted = set(anchors)
        found = {
            name: index
            for index, page in enumerate(document.pages)
            for name in page.anchors
            if name in wanted
        }
        return Part(
            output.getvalue(),
            len(document.pages),
            page_starts(document),
            [page._page_box.page_type.name or "" for page in document.pages],
            found,
            tagging,
        )

    def _raise_defects(self) -> None:
        unique = list(dict.fromkeys(self.defects))
        if unique:
            raise AccessibilityError(
                f"the PDF would not be accessible: {', '.join(unique)}",
                hint="fix the input, or build without --strict",
            )

    def edition(self, data: bytes, page_count: int, starts: list[PageStart]) -> PdfEdition:
        for url in dict.fromkeys(self.refused):
            self.warnings.append(f"resource not fetched: {url}")
        # A part laid out twice (a packet's front) reports the same things twice.
        return PdfEdition(
            data,
            page_count,
            list(dict.fromkeys(self.defects)),
            list(dict.fromkeys(self.warnings)),
            starts,
        )


def _classify(records: list[logging.LogRecord], warnings: list[str]) -> list[str]:
    defects = []
    notdef: dict[str, None] = {}  # one warning names them all, not one per glyph drawn
    for record in records:
        message = record.getMessage()
        if _is_defect(record):
            code = next((c for p, c in _DEFECT_PATTERNS if p.search(message)), None)
            defects.append(code or f"weasyprint-error: {message[:160]}")
        if _NOTDEF.search(message):
            notdef[message.rpartition(": ")[2]] = None
        elif record.levelno < logging.ERROR:
            warnings.append(f"WeasyPrint: {message[:200]}")
    if notdef:
        warnings.append(f"drawn as .notdef (no bundled font has them): {', '.join(notdef)}")
    records.clear()
    return defects
