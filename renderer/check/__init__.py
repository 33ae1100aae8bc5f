"""Turn a finished edition (PDF or EPUB) into a report of findings with stable codes.

``check(path)`` picks the inspector from the file's first bytes; the catalogue of codes is in
:mod:`renderer.check.codes`.
"""

from __future__ import annotations

import os

from ..confine import file_kind
from .codes import CODES, make
from .epub import check_epub
from .findings import Finding, Report, Severity

__all__ = ["CODES", "Finding", "Report", "Severity", "check", "check_epub", "check_pdf"]


def __getattr__(name: str):
    # The PDF inspector needs pikepdf: imported on first use, so that `renderer lint`
    # and `renderer build` (which use only the findings) never load it.
    if name == "check_pdf":
        from .pdf import check_pdf

        return check_pdf
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def check(path: str | os.PathLike[str], *, expected_text: str | None = None) -> Report:
    """Inspect a file of any supported kind; unreadable or unknown files give a finding.

    ``expected_text``: for a PDF, the text its tagged content must read (PDF-ORDER-003),
    e.g. from :func:`renderer.check.source.expected_texts`; ignored for an EPUB.
    """
    p = os.fspath(path)
    if os.path.isdir(p):  # an unpacked EPUB (as EPUBCheck and Ace accept)
        if os.path.isfile(os.path.join(p, "META-INF", "container.xml")):
            return check_epub(p)
        return Report(p, "unknown", [make("FILE-001", "A folder that is not an unpacked EPUB "
                                          "(no META-INF/container.xml).")])
    try:
        kind = file_kind(os.stat(p).st_mode)
        if kind:  # a FIFO would block the open forever, a device never end
            return Report(p, "unknown", [make("FILE-002", f"Not a regular file: it is {kind}.")])
        with open(p, "rb") as fh:
            head = fh.read(1024)
    except OSError as exc:
        return Report(p, "unknown", [make("FILE-002", f"Cannot read the file: {exc}")])
    if b"%PDF-" in head:
        from .pdf import check_pdf

        return check_pdf(p, expected_text=expected_text)
    if head.startswith(b"PK") and (b"mimetypeapplication/epub+zip" in head
                                   or p.lower().endswith(".epub")):
        return check_epub(p)
    kind = "zip" if head.startswith(b"PK") else "unknown"
    return Report(p, kind, [make("FILE-001", f"No inspector for this file type ({kind}).")])
