"""The PDF's XMP packet and Info dictionary, from the article's metadata.

WeasyPrint writes XMP from its ``DocumentMetadata``; we hand it a subclass
whose ``generate_rdf_metadata`` writes one complete ``rdf:RDF`` carrying every
field docs/standards.md lists (Dublin Core, xmp dates, pdfuaid part). The
``pdfuaid:part`` claim is made only when the caller's ``claim_pdfua()`` says the
file conforms; it is asked while WeasyPrint writes, after the tag tree is built.
"""

from __future__ import annotations

import datetime as _dt
import uuid
from collections.abc import Callable
from xml.etree.ElementTree import Element, SubElement, register_namespace, tostring

from weasyprint import __version__ as weasyprint_version
from weasyprint.pdf.metadata import DocumentMetadata

from .. import __version__
from ..model import Metadata

__all__ = ["ArticleXmp", "pdf_date"]

NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "xmpMM": "http://ns.adobe.com/xap/1.0/mm/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
}
GENERATOR = f"article-renderer {__version__}"


def _register_prefixes() -> None:
    # ElementTree keeps prefixes in a process-wide table; WeasyPrint fills it at
    # import with the same pairs, this makes our packet independent of that.
    for prefix, uri in NS.items():
        register_namespace(prefix, uri)


def _q(prefix: str, name: str) -> str:
    return f"{{{NS[prefix]}}}{name}"


def pdf_date(moment: _dt.datetime) -> str:
    """W3C date-time in UTC (WeasyPrint converts it for the Info dictionary)."""
    return moment.astimezone(_dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class ArticleXmp(DocumentMetadata):
    """DocumentMetadata that writes the project's full XMP packet."""

    def __init__(
        self, meta: Metadata, *, moment: _dt.datetime, claim_pdfua: Callable[[], bool]
    ) -> None:
        stamp = pdf_date(moment)
        super().__init__(
            title=meta.title,
            authors=list(meta.creators),
            description=meta.description,
            keywords=list(meta.keywords) or ([meta.section] if meta.section else []),
            generator=GENERATOR,
            created=stamp,
            modified=stamp,
            lang=meta.language,
        )
        self.article = meta
        self.claim_pdfua = claim_pdfua

    def generate_rdf_metadata(self, variant, version, conformance):
        _register_prefixes()
        meta = self.article
        rdf = Element(_q("rdf", "RDF"))
        desc = SubElement(rdf, _q("rdf", "Description"), {_q("rdf", "about"): ""})
        if self.claim_pdfua():
            SubElement(desc, _q("pdfuaid", "part")).text = "1"

        def alt(name: str, text: str) -> None:
            holder = SubElement(SubElement(desc, _q("dc", name)), _q("rdf", "Alt"))
            li = SubElement(holder, _q("rdf", "li"))
            li.set("xml:lang", "x-default")
            li.text = text

        def container(prefix: str, name: str, kind: str, items) -> None:
            holder = SubElement(SubElement(desc, _q(prefix, name)), _q("rdf", kind))
            for item in items:
                SubElement(holder, _q("rdf", "li")).text = item

        alt("title", meta.title)
        creators = self.authors
        if creators:
            container("dc", "creator", "Seq", creators)
        if meta.description:
            alt("description", meta.description)
        if meta.language:
            container("dc", "language", "Bag", [meta.language])
        if meta.date:
            container("dc", "date", "Seq", [meta.date.isoformat()])
        publisher = meta.publisher or meta.organization
        if publisher:
            container("dc", "publisher", "Bag", [publisher])
        if meta.source:
            SubElement(desc, _q("dc", "source")).text = meta.source
        if meta.identifier:
            SubElement(desc, _q("dc", "identifier")).text = meta.identifier
        subjects = list(meta.keywords) or ([meta.section] if meta.section else [])
        if subjects:
            container("dc", "subject", "Bag", subjects)
            SubElement(desc, _q("pdf", "Keywords")).text = ", ".join(subjects)
        SubElement(desc, _q("dc", "format")).text = "application/pdf"
        SubElement(desc, _q("pdf", "Producer")).text = f"WeasyPrint {weasyprint_version}"
        SubElement(desc, _q("xmp", "CreatorTool")).text = GENERATOR
        SubElement(desc, _q("xmp", "CreateDate")).text = self.created
        SubElement(desc, _q("xmp", "ModifyDate")).text = self.modified
        SubElement(desc, _q("xmp", "MetadataDate")).text = self.modified
        if meta.identifier:
            doc_id = uuid.UUID(meta.identifier.rsplit(":", 1)[-1])
            SubElement(desc, _q("xmpMM", "DocumentID")).text = f"uuid:{doc_id}"
            SubElement(desc, _q("xmpMM", "InstanceID")).text = f"uuid:{doc_id}"
        return tostring(rdf, encoding="utf-8")
