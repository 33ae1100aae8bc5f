"""The one options object shared by the Python API and the CLI.

The CLI only translates flags into an :class:`Options`; the API takes the same
object. Unknown fields are errors (``Options.from_mapping``), and combinations
that would break conformance are refused with a message saying how to fix them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields

from .confine import user_path
from .errors import UsageError

__all__ = ["FORMATS", "SLICE_ARTICLES", "Options"]

FORMATS = ("pdf", "epub")

#: 9999-12-31T23:59:59Z: the editions' dates (XMP, OPF) have four-digit years.
LAST_EPOCH = 253_402_300_799

#: Articles of a packet PDF laid out at a time (see ``Options.slice_articles``).
SLICE_ARTICLES = 40


@dataclass(frozen=True, slots=True)
class Options:
    #: Editions to write, any of ``FORMATS``.
    formats: tuple[str, ...] = FORMATS
    #: Theme name (a folder of ``themes/``) or None for each edition's default.
    theme: str | None = None
    #: Extra folder to look for themes in before the bundled ones.
    theme_dir: str | None = None
    #: Page size for the PDF: ``letter`` or ``a4``.
    page_size: str = "letter"
    #: Language to use when the article does not say (BCP 47); overrides detection.
    lang: str | None = None
    #: Fail (exit 4) on any accessibility defect instead of warning.
    strict: bool = False
    #: Who evaluated the EPUB accessibility claim; default: this tool and its version.
    certified_by: str | None = None
    #: Build time as a Unix timestamp; default SOURCE_DATE_EPOCH, else the article's date.
    source_date_epoch: int | None = None
    #: Metadata corrections as "key=value" (``--meta``); win over a sidecar file.
    meta: tuple[str, ...] = ()
    #: Inputs larger than this are refused (``--max-input-size``).
    max_input_bytes: int = 20 * 1024 * 1024
    #: With a PDF edition, give the EPUB the PDF's page numbers (``--no-page-list`` turns off).
    page_list: bool = True
    #: Let the PDF fetch ``http:``/``https:`` resources (``--allow-remote``); off: no request.
    allow_remote: bool = False
    #: Folders besides the input's own that local files may be read from (``--allow-path``).
    allowed_paths: tuple[str, ...] = ()
    #: Seconds one build may take before it is stopped (``--timeout``); None: no limit.
    timeout: float | None = 300.0
    #: Images with more pixels than this are refused, not decoded (``--max-image-pixels``).
    max_image_pixels: int = 50_000_000
    #: Tables wider than this many columns are refused (``--max-table-columns``).
    max_table_columns: int = 1000
    #: A packet PDF of more articles than this is laid out this many articles at a time
    #: and joined (``--slice-articles``), so memory stays bounded; 0 lays it out at once.
    slice_articles: int = SLICE_ARTICLES
    #: A paragraph (heading, cell, caption, metadata field) with more UTF-8 bytes of text
    #: than this is refused (``--max-paragraph-size``).
    max_paragraph_bytes: int = 1024 * 1024

    def __post_init__(self) -> None:
        if not self.formats:
            raise UsageError("no output format chosen", hint="use --format pdf, epub or both")
        unknown = [f for f in self.formats if f not in FORMATS]
        if unknown:
            raise UsageError(
                f"unknown format {unknown[0]!r}", hint=f"choose from {', '.join(FORMATS)}"
            )
        if self.source_date_epoch is not None and not 0 <= self.source_date_epoch <= LAST_EPOCH:
            raise UsageError("the build time must be between 1970 and the end of 9999")
        if self.max_input_bytes <= 0:
            raise UsageError("the input size limit must be positive")
        if self.timeout is not None and self.timeout <= 0:
            raise UsageError("the time limit must be positive", hint="use --timeout 0 for none")
        if self.max_table_columns <= 0:
            raise UsageError("the table column limit must be positive")
        if self.max_image_pixels <= 0:
            raise UsageError("the image pixel limit must be positive")
        if self.slice_articles < 0:
            raise UsageError("--slice-articles must be 0 (no slices) or more")
        if self.max_paragraph_bytes <= 0:
            raise UsageError("the paragraph size limit must be positive")
        if self.theme is not None and not self.theme.strip():
            raise UsageError("the theme name is empty", hint="name a theme, or leave --theme out")
        if self.page_size not in ("letter", "a4"):
            raise UsageError(f"unknown page size {self.page_size!r}", hint="use letter or a4")
        for path in self.allowed_paths:
            user_path(path, UsageError, "--allow-path")
        if self.theme_dir:
            user_path(self.theme_dir, UsageError, "--theme-dir")

    @classmethod
    def from_mapping(cls, values: dict) -> Options:
        """Build options from a mapping, refusing names that are not options."""
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise UsageError(
                f"unknown option {unknown[0]!r}", hint=f"known: {', '.join(sorted(known))}"
            )
        return cls(**values)

    @staticmethod
    def epoch_from_environment() -> int | None:
        """``SOURCE_DATE_EPOCH`` as an int, or None; a bad value is a usage error."""
        raw = os.environ.get("SOURCE_DATE_EPOCH")
        if raw is None or raw.strip() == "":
            return None
        try:
            value = int(raw)
        except ValueError:
            raise UsageError(
                f"SOURCE_DATE_EPOCH={raw!r} is not an integer", hint="use seconds since 1970"
            ) from None
        if value < 0:
            raise UsageError("SOURCE_DATE_EPOCH is negative", hint="use seconds since 1970")
        if value > LAST_EPOCH:
            raise UsageError(f"SOURCE_DATE_EPOCH={value} is after the year 9999",
                             hint="the editions' dates have four-digit years")
        return value
