"""Turn the inputs PDFs were built from into the text each PDF's tags must read.

``renderer check FILE.pdf --source INPUT`` re-reads INPUT with the project's readers and
composes it exactly as ``renderer build`` does (:func:`renderer.build.pdf_html`); the body
text of that XHTML is the expected text of PDF-ORDER-003 (:func:`renderer.check.pdf.check_pdf`).
A PDF whose tree drops, repeats or reorders text then fails even where the page looks right.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..errors import UsageError
from ..options import Options

__all__ = ["expected_texts", "pair_sources"]


def pair_sources(files: Sequence[str], sources: Sequence[str]) -> dict[str, str]:
    """Which source each PDF was built from: the source of the same stem (``a.txt`` for
    ``out/a.pdf``), or, for one PDF and one source, that source whatever its name."""
    pdfs = [f for f in files if Path(f).suffix.lower() == ".pdf"]
    if len(pdfs) == 1 and len(sources) == 1:
        return {pdfs[0]: sources[0]}
    by_stem = {Path(p).stem: p for p in pdfs}
    paired: dict[str, str] = {}
    for source in sources:
        pdf = by_stem.get(Path(source).stem)
        if pdf is None:
            raise UsageError(f"--source {source}: no PDF named {Path(source).stem}.pdf among "
                             "the files to check")
        if pdf in paired:
            raise UsageError(f"--source {source}: {pdf} already has the source {paired[pdf]}")
        paired[pdf] = source
    return paired


def expected_texts(files: Sequence[str], sources: Sequence[str],
                   options: Options) -> dict[str, str]:
    """The expected text of each PDF that has a source; a source that cannot be read is an
    :class:`~renderer.errors.InputError` naming it (nothing has been checked or written)."""
    from ..build import pdf_html
    from .pdf import html_text

    return {pdf: html_text(pdf_html(source, options))
            for pdf, source in pair_sources(files, sources).items()}
