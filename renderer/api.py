"""The Python API: what ``import renderer`` offers, and what the CLI is a shell around.

Four calls cover the work (``docs/api.md`` shows each one running):

- :func:`read` — a source file into the :class:`~renderer.model.Article` the editions are
  made from (what ``renderer show`` prints);
- :func:`render` — one article (or a ``packet.toml`` manifest) into its editions;
- :func:`render_packet` — several articles into one briefing packet;
- :func:`check_editions` — finished PDFs and EPUBs into reports with stable codes.

Options are the one :class:`~renderer.options.Options` object, given whole or as keyword
arguments (``render(src, out, formats=("epub",), strict=True)``); an unknown keyword is a
:class:`~renderer.errors.UsageError`. Errors the user can cause are
:class:`~renderer.errors.RendererError` subclasses with the CLI's exit code on the class.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .errors import UsageError
from .options import Options

__all__ = ["Checked", "Result", "check_editions", "read", "render", "render_packet"]

PathLike = str | os.PathLike[str]


@dataclass(frozen=True)
class Result:
    """What a render made: the files written, and what the build noticed.

    ``defects`` are accessibility defects the build found in an edition; an edition with
    a defect is written but claims no conformance (``conforms`` is False).
    """

    source: str
    outputs: dict[str, Path] = field(default_factory=dict)  # "pdf"/"epub" → file
    warnings: tuple[str, ...] = ()
    defects: tuple[str, ...] = ()

    @property
    def pdf(self) -> Path | None:
        return self.outputs.get("pdf")

    @property
    def epub(self) -> Path | None:
        return self.outputs.get("epub")

    @property
    def conforms(self) -> bool:
        """True when the editions claim conformance (no defect was found)."""
        return not self.defects


def _options(options: Options | None, fields: dict) -> Options:
    if options is not None and fields:
        raise UsageError("give either an Options object or keyword options, not both")
    if options is not None:
        return options
    return Options.from_mapping(fields)


def _result(built) -> Result:
    return Result(built.source, dict(built.outputs), tuple(built.warnings),
                  tuple(built.defects))


def read(source: PathLike, options: Options | None = None, **fields):
    """The article a source file holds, as the readers understand it (nothing is written).

    Corrections (``meta=("title=…",)`` or a ``<name>.meta.yaml`` beside the file) are
    applied, as for a build; the article is not yet normalized.
    """
    from .ingest import ingest

    opts = _options(options, fields)
    return ingest(source, max_bytes=opts.max_input_bytes, meta=opts.meta,
                  allowed_paths=opts.allowed_paths)


def render(source: PathLike, out_dir: PathLike, options: Options | None = None,
           **fields) -> Result:
    """Build the editions of one article (or of a ``packet.toml`` manifest) in ``out_dir``.

    Both editions are made before either is written; on an error nothing is written and
    the :class:`~renderer.errors.RendererError` says why in one line.
    """
    from .build import build

    return _result(build(source, out_dir, _options(options, fields)))


def render_packet(articles: Sequence[PathLike], out_dir: PathLike, *, title: str,
                  name: str | None = None, subtitle: str | None = None,
                  prepared_for: str | None = None, prepared_by: str | None = None,
                  organization: str | None = None, publisher: str | None = None,
                  statement: str | None = None,
                  options: Options | None = None, **fields) -> Result:
    """Build one briefing packet (cover, contents, every article) from article files.

    ``name`` is the output files' stem (default: made from the title). A ``packet.toml``
    manifest says the same and more (per-article corrections, date, theme): pass it to
    :func:`render`.
    """
    from .build import build_packet
    from .packet import PacketSpec

    if not articles:
        raise UsageError("a packet needs at least one article")
    stem = name or re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-") or "packet"
    spec = PacketSpec(name=stem, title=title, inputs=tuple((str(a), {}) for a in articles),
                      subtitle=subtitle, prepared_for=prepared_for, prepared_by=prepared_by,
                      organization=organization, publisher=publisher, statement=statement)
    return _result(build_packet(spec, out_dir, _options(options, fields)))


@dataclass(frozen=True)
class Checked:
    """The reports of :func:`check_editions`, one per file (and per PDF/EPUB pair)."""

    reports: tuple  # of renderer.check.Report

    @property
    def findings(self) -> list:
        return [f for r in self.reports for f in r.findings]

    @property
    def codes(self) -> set[str]:
        return {f.code for f in self.findings}

    def passed(self, fail_on: str = "error") -> bool:
        """No finding at or above ``fail_on`` ("error" or "warning")."""
        from .check.formats import failing

        return not any(failing(f, fail_on) for f in self.findings)

    def format(self, fmt: str = "text", fail_on: str = "error") -> str:
        """The report as ``renderer check`` writes it: text, json, junit or sarif."""
        from . import __version__
        from .check.formats import render as render_reports

        return render_reports(list(self.reports), fmt, fail_on, __version__)


def check_editions(paths: Iterable[PathLike], *, tools: Iterable[str] = (),
                   cross: bool | None = None, sources: Iterable[PathLike] = (),
                   options: Options | None = None) -> Checked:
    """Inspect finished editions, as ``renderer check`` does.

    ``tools``: external validators to run on EPUBs too ("epubcheck", "ace"). ``cross``:
    compare the PDF and EPUB of one article (None: pairs with the same stem; True: also
    the first PDF with the first EPUB; False: never). ``sources``: the inputs the PDFs
    were built from, so their tagged text is compared with the source's.
    """
    from .check import check
    from .check.cross import compare, pairs
    from .check.external import TOOLS, run_tools
    from .check.source import expected_texts
    from .confine import user_path
    from .errors import InputError

    files = [os.fspath(p) for p in paths]
    tools = [t.strip().lower() for t in tools if t.strip()]
    unknown = [t for t in tools if t not in TOOLS]
    if unknown:
        raise UsageError(f"--with: unknown tool {', '.join(unknown)} (known: {', '.join(TOOLS)})")
    expected = expected_texts(files, [os.fspath(s) for s in sources], options or Options())
    reports = []
    for f in files:
        report = check(user_path(f, InputError), expected_text=expected.get(f))
        if tools and report.kind == "epub":
            report.findings.extend(run_tools(f, tools))
        reports.append(report)
    if cross is not False:
        reports += [compare(p, e) for p, e in pairs(files, force=bool(cross))]
    return Checked(tuple(reports))
