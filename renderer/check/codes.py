"""The catalogue of every diagnostic code the inspectors can emit — the one place they are defined.

A code never changes meaning once published; retired codes stay in the table, marked retired in
their title. ``reference`` names the Matterhorn Protocol 1.1 failure condition where there is one
(``MH 01-005``), else the clause of ISO 14289-1 (``UA1 7.21.7``) or ``project`` for checks this
project adds on top of PDF/UA (reading order, split elements, metadata policy).
Severity lives here, not at the call site, so a policy change is a one-line edit.
"""

from __future__ import annotations

from dataclasses import dataclass

from .findings import Finding, Severity

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO  # noqa: E741


@dataclass(frozen=True)
class CodeInfo:
    severity: Severity
    title: str
    reference: str
    hint: str


CODES: dict[str, CodeInfo] = {
    # ---- any file -------------------------------------------------------------------------
    "FILE-001": CodeInfo(E, "Unsupported file type", "project",
                         "Pass a PDF (starts with %PDF-) or an EPUB."),
    "FILE-002": CodeInfo(E, "File cannot be read", "project",
                         "Check that the path exists and is readable."),
    # ---- PDF: opening -------------------------------------------------------------------------
    "PDF-FILE-001": CodeInfo(E, "Not a readable PDF", "UA1 5",
                             "The file is corrupt or not a PDF; regenerate it."),
    "PDF-FILE-002": CodeInfo(E, "PDF is encrypted and cannot be opened", "UA1 7.16 / MH 26",
                             "Do not password-protect accessible editions."),
    "PDF-FILE-003": CodeInfo(E, "Inspection incomplete", "project",
                             "A check could not run on this file; the message names it. "
                             "Report it with the file attached."),
    "PDF-FILE-004": CodeInfo(W, "PDF is damaged (the reader had to repair it)", "UA1 5",
                             "Regenerate the file; repaired structure may not survive in "
                             "assistive technology."),
    "PDF-FILE-005": CodeInfo(E, "Encryption forbids access for assistive technology",
                             "UA1 7.16 / MH 26-001",
                             "Set permission bit 10 (extract for accessibility) or do not "
                             "encrypt."),
    # ---- PDF: structure tree and marked content ----------------------------------------
    "PDF-STRUCT-001": CodeInfo(E, "No structure tree (StructTreeRoot missing)", "UA1 7.1-11",
                               "Write a tagged PDF (WeasyPrint: pdf_variant='pdf/ua-1')."),
    "PDF-STRUCT-002": CodeInfo(E, "MarkInfo /Marked is not true", "UA1 7.1-11 / MH 01",
                               "Set /MarkInfo << /Marked true >> in the catalog."),
    "PDF-STRUCT-003": CodeInfo(E, "MarkInfo /Suspects is true", "MH 01-007",
                               "Remove /Suspects or set it to false once tags are verified."),
    "PDF-STRUCT-004": CodeInfo(E, "No ParentTree in the structure tree root", "UA1 7.1 / "
                               "ISO 32000-1 14.7.4.4",
                               "Every page with marked content needs a ParentTree entry."),
    "PDF-STRUCT-005": CodeInfo(E, "Marked content neither in the structure tree nor an Artifact",
                               "MH 01-005",
                               "Page furniture (running heads, page numbers) must be "
                               "/Artifact <</Type /Pagination>>; real content must be "
                               "referenced from a structure element."),
    "PDF-STRUCT-006": CodeInfo(E, "ParentTree does not map marked content to its structure "
                               "element", "ISO 32000-1 14.7.4.4 / MH 01",
                               "ParentTree[StructParents][MCID] must be the element whose /K "
                               "holds that MCID."),
    "PDF-STRUCT-007": CodeInfo(E, "Structure tree references marked content that does not "
                               "exist", "ISO 32000-1 14.7.4 / MH 01",
                               "Remove the dangling MCID reference or restore the content."),
    "PDF-STRUCT-008": CodeInfo(W, "ParentTreeNextKey missing or not above the largest key",
                               "ISO 32000-1 14.7.4.4",
                               "Set /ParentTreeNextKey to max(ParentTree key) + 1."),
    "PDF-STRUCT-009": CodeInfo(E, "Content outside any tag and outside any Artifact",
                               "MH 01-005",
                               "Wrap the text/image in a tagged marked-content sequence or "
                               "in /Artifact."),
    "PDF-STRUCT-010": CodeInfo(E, "Artifact inside tagged content", "MH 01-003",
                               "Close the tagged sequence before starting the Artifact."),
    "PDF-STRUCT-011": CodeInfo(E, "Tagged content inside an Artifact", "MH 01-004",
                               "Real content may not be nested inside /Artifact."),
    "PDF-STRUCT-012": CodeInfo(E, "Marked content referenced by more than one structure element",
                               "UA1 7.20-2 / ISO 32000-1 14.7.4",
                               "Each MCID belongs to exactly one element."),
    "PDF-STRUCT-013": CodeInfo(W, "Malformed structure element", "ISO 32000-1 14.7.2",
                               "Every structure element needs a /S name."),
    # ---- PDF: role map ------------------------------------------------------------------------
    "PDF-ROLE-001": CodeInfo(E, "Non-standard structure type not role-mapped to a standard "
                             "type", "MH 02-001 / UA1 7.1-3",
                             "Add a /RoleMap entry ending at a standard type, or use the "
                             "standard type."),
    "PDF-ROLE-002": CodeInfo(E, "Circular role mapping", "MH 02-003 / UA1 7.1-3",
                             "Role mappings must end at a standard type."),
    "PDF-ROLE-003": CodeInfo(E, "Standard structure type is remapped", "MH 02-004 / UA1 7.1-4",
                             "Remove the /RoleMap entry for the standard type."),
    # ---- PDF: identity and metadata ---------------------------------------------------------
    "PDF-META-001": CodeInfo(E, "No XMP metadata stream", "MH 06-001 / UA1 7.1-8",
                             "Add an XMP /Metadata stream to the catalog."),
    "PDF-META-002": CodeInfo(E, "XMP lacks the PDF/UA identifier pdfuaid:part = 1",
                             "MH 06-002 / UA1 5",
                             "Add pdfuaid:part 1 (namespace http://www.aiim.org/pdfua/ns/id/)."),
    "PDF-META-003": CodeInfo(E, "XMP dc:title missing or empty", "MH 06-003 / UA1 7.1-8",
                             "Put the article headline in dc:title."),
    "PDF-META-004": CodeInfo(E, "ViewerPreferences /DisplayDocTitle is not true",
                             "MH 07-001 / MH 07-002 / UA1 7.1-9",
                             "Set /ViewerPreferences << /DisplayDocTitle true >>."),
    "PDF-META-005": CodeInfo(E, "Document language (catalog /Lang) missing or empty",
                             "MH 11-006 / UA1 7.2",
                             "Set /Lang from the article language, e.g. (en-GB)."),
    "PDF-META-006": CodeInfo(W, "Recommended XMP property missing", "project (STANDARDS.md)",
                             "Fill dc:creator, dc:language, dc:description and dc:date or "
                             "xmp:CreateDate from the article metadata."),
    "PDF-META-007": CodeInfo(E, "XMP metadata cannot be parsed", "MH 06-001 / UA1 7.1-8",
                             "Write well-formed RDF/XML in the metadata stream."),
    # ---- PDF: headings and outline ------------------------------------------------------------
    "PDF-HEAD-001": CodeInfo(E, "No heading in the structure tree", "UA1 7.4 / project",
                             "Every article has a headline; tag it H1."),
    "PDF-HEAD-002": CodeInfo(E, "First heading is not H1", "MH 14-002 / UA1 7.4.2-1",
                             "Start the heading hierarchy at H1."),
    "PDF-HEAD-003": CodeInfo(W, "More than one H1", "project",
                             "Keep exactly one H1 per article; demote the others."),
    "PDF-HEAD-004": CodeInfo(E, "Heading level skipped", "MH 14-003 / UA1 7.4.2-1",
                             "Do not jump levels (H1 → H3); use the next level down."),
    "PDF-HEAD-005": CodeInfo(W, "Headings present but no outline (bookmarks)", "UA1 7.4 / "
                             "project", "Generate bookmarks from the headings."),
    "PDF-HEAD-006": CodeInfo(W, "Outline does not mirror the headings", "project",
                             "Bookmarks should list the heading texts of the top levels "
                             "(all, or down to some level), in document order."),
    # ---- PDF: figures -------------------------------------------------------------------------
    "PDF-FIG-001": CodeInfo(E, "Figure without alternative text", "MH 13-004 / UA1 7.3-3",
                            "Give the image alt text, or mark a decorative image as an "
                            "Artifact; never invent an alt."),
    "PDF-FIG-002": CodeInfo(W, "Figure without BBox attribute", "ISO 32000-1 14.8.5.4.3",
                            "Add a Layout attribute /BBox to the Figure."),
    # ---- PDF: tables --------------------------------------------------------------------------
    "PDF-TABLE-001": CodeInfo(E, "TR outside Table/THead/TBody/TFoot", "MH 09-004",
                              "Nest rows in Table, THead, TBody or TFoot."),
    "PDF-TABLE-002": CodeInfo(E, "TH/TD outside TR", "MH 09-004",
                              "Table cells belong in a TR."),
    "PDF-TABLE-003": CodeInfo(E, "TH without /Scope (and the table uses no /Headers)",
                              "MH 15-003 / UA1 7.5-1",
                              "Set /Scope /Column or /Row on each TH, or give TDs /Headers."),
    "PDF-TABLE-004": CodeInfo(E, "More than one THead in a Table", "MH 09-004 / project",
                              "A table split across pages got its header repeated as tagged "
                              "content; repeated header rows must be Artifacts."),
    "PDF-TABLE-005": CodeInfo(E, "Unexpected child of Table", "MH 09-004",
                              "Table children are Caption, THead, TBody, TFoot or TR."),
    "PDF-TABLE-006": CodeInfo(W, "TH without /Scope (table relies on /Headers only)",
                              "project (STANDARDS.md)",
                              "PDF/UA accepts /Headers → /ID alone; this project also wants "
                              "/Scope /Column or /Row on every TH."),
    "PDF-TABLE-007": CodeInfo(W, "TD /Headers names an ID that no cell of the table has",
                              "UA1 7.5-1 / ISO 32000-1 14.8.5.7",
                              "Point /Headers at the /ID of a TH in the same table."),
    # ---- PDF: lists ---------------------------------------------------------------------------
    "PDF-LIST-001": CodeInfo(E, "Unexpected child of L", "MH 09-005",
                             "L children are LI (and optionally one Caption)."),
    "PDF-LIST-002": CodeInfo(E, "Unexpected child of LI", "MH 09-005",
                             "LI children are Lbl and LBody."),
    "PDF-LIST-003": CodeInfo(E, "List nested directly inside a list", "MH 09-005",
                             "Put the nested L inside the parent item's LBody."),
    "PDF-LIST-004": CodeInfo(W, "List without ListNumbering attribute",
                             "ISO 32000-1 14.8.5.5",
                             "Add /A << /O /List /ListNumbering /Disc >> (or /Decimal …)."),
    # ---- PDF: links and annotations -------------------------------------------------------
    "PDF-LINK-001": CodeInfo(E, "Link annotation not inside a Link structure element",
                             "MH 28-011 / UA1 7.18.5-1",
                             "Reference the annotation by an OBJR from the Link element, "
                             "and point its /StructParent at that element."),
    "PDF-LINK-002": CodeInfo(E, "Link annotation without /Contents", "MH 28-012 / "
                             "UA1 7.18.5-2", "Set /Contents to a description of the target."),
    "PDF-LINK-003": CodeInfo(W, "Link /Contents is not a human description", "MH 28-012 / "
                             "project", "Use the link text, not the URL or #fragment."),
    "PDF-LINK-004": CodeInfo(E, "Link nested inside Link", "MH 01-006 / project",
                             "Generated content (a::after) must not create a second Link."),
    "PDF-LINK-005": CodeInfo(E, "Link annotation's /StructParent missing or not mapped by the "
                             "ParentTree", "UA1 7.18.1 / ISO 32000-1 14.7.4.4",
                             "Give the annotation /StructParent k with ParentTree[k] = its "
                             "Link element."),
    "PDF-ANNOT-001": CodeInfo(E, "Page with annotations lacks /Tabs /S", "MH 28-008 / "
                              "MH 28-009 / UA1 7.18.3-1", "Set /Tabs /S on the page."),
    # ---- PDF: language ------------------------------------------------------------------------
    "PDF-LANG-001": CodeInfo(E, "/Lang is not a valid BCP 47 language tag", "MH 11 / UA1 7.2",
                             "Use tags like en, en-GB, fr, zh-Hant."),
    # ---- PDF: fonts ---------------------------------------------------------------------------
    "PDF-FONT-001": CodeInfo(E, "Font not embedded", "MH 31 / UA1 7.21.4.1-1",
                             "Embed every font (WeasyPrint embeds subsets of @font-face "
                             "fonts)."),
    "PDF-FONT-002": CodeInfo(E, "Font has no ToUnicode map", "MH 31 / UA1 7.21.7-1",
                             "Without ToUnicode, text cannot be extracted or read aloud."),
    "PDF-FONT-003": CodeInfo(W, ".notdef glyph used in shown text", "MH 31 / UA1 7.21.8",
                             "A character is missing from the font; pick a font that covers "
                             "it."),
    # ---- PDF: tag usage -----------------------------------------------------------------------
    "PDF-TAG-001": CodeInfo(W, "NonStruct element (semantics lost)", "project",
                            "Map figure/header/nav/time/q/abbr to meaningful types."),
    # ---- PDF: reading order (project) ----------------------------------------------------
    "PDF-ORDER-001": CodeInfo(E, "Reading order goes back to an earlier page", "project",
                              "The tree must visit pages in order for single-flow articles."),
    "PDF-ORDER-002": CodeInfo(E, "Reading order differs from content order on a page",
                              "project",
                              "Single-column articles read in the order they are drawn."),
    "PDF-ORDER-003": CodeInfo(E, "Tagged text differs from the expected text", "project",
                              "Text is missing, duplicated or out of order in the tree."),
    # ---- PDF: elements split at page breaks (project) ---------------------------------------
    "PDF-SPLIT-001": CodeInfo(E, "Paragraph split at page break", "project (STANDARDS.md)",
                              "One source paragraph must be one P across pages."),
    "PDF-SPLIT-002": CodeInfo(E, "Table split at page break (header repeated)",
                              "project (STANDARDS.md)",
                              "One table is one Table; repeated header rows are Artifacts."),
    "PDF-SPLIT-003": CodeInfo(E, "List split at page break", "project (STANDARDS.md)",
                              "One source list must be one L across pages."),
    "PDF-SPLIT-004": CodeInfo(E, "Grouping element rebuilt per page", "project (STANDARDS.md)",
                              "One <main>/<article>/<section> must be one Part/Art/Sect, "
                              "not one per page."),
    # ---- input lint: the article before rendering (renderer lint / build) ------------------
    "IN-ALT-001": CodeInfo(E, "Informative image without alt text", "WCAG 1.1.1",
                           "Describe the image in alt text, or mark it decorative (alt=\"\")."),
    "IN-HEAD-001": CodeInfo(W, "Heading level skipped", "WCAG 1.3.1",
                            "The editions renumber it; fix the source so the outline is right."),
    "IN-HEAD-002": CodeInfo(E, "Empty heading", "WCAG 2.4.6",
                            "Give the heading text, or remove it."),
    "IN-HEAD-003": CodeInfo(W, "Level-1 heading in the body", "project",
                            "The title is the only H1; body headings start at level 2."),
    "IN-LINK-001": CodeInfo(W, "Link text does not say where it goes", "WCAG 2.4.4",
                            "Replace \"click here\"/\"read more\" with the target's name."),
    "IN-LINK-002": CodeInfo(W, "Link text is a bare URL", "WCAG 2.4.4",
                            "Use the name of the page as the link text."),
    "IN-LINK-003": CodeInfo(W, "Link with an unsafe target (removed)", "project",
                            "Only http, https, mailto and in-page links are kept."),
    "IN-TABLE-001": CodeInfo(E, "Table without header cells", "WCAG 1.3.1",
                             "Mark the header row or column as header cells (th)."),
    "IN-META-001": CodeInfo(E, "No title", "WCAG 2.4.2",
                            "Give the title in the source or with --meta title=..."),
    "IN-META-002": CodeInfo(W, "No language declared", "WCAG 3.1.1",
                            "Say it with --lang or --meta lang=... (the editions use the "
                            "detected or default language)."),
    "IN-META-003": CodeInfo(W, "No publication date", "project",
                            "Give it with --meta date=YYYY-MM-DD."),
    "IN-META-004": CodeInfo(W, "No author", "project",
                            "Give it with --meta authors=... if the article has one."),
    "IN-CHROME-001": CodeInfo(W, "Suspected leftover site chrome in the body", "project",
                              "Remove the line from the source, or report the site's "
                              "banner variant."),
    "IN-NOTE-001": CodeInfo(I, "Reader note", "project",
                            "Something the reader noticed and could not fix; see the message."),
    "IN-SAFE-001": CodeInfo(W, "Active content removed from the input", "project",
                            "Scripts, embeds, event handlers and unsafe URLs are never carried "
                            "into an edition; nothing to do unless text is missing."),
}


def make(code: str, message: str, location: str = "", hint: str | None = None) -> Finding:
    """Build a finding for a catalogued code; unknown codes are a programming error."""
    info = CODES[code]
    return Finding(code, info.severity, message, location, info.hint if hint is None else hint)


def catalogue_markdown() -> str:
    """The catalogue as Markdown; CODES.md beside this file is this output (a test checks)."""
    rows = ["# Inspector diagnostic codes", "",
            "Generated from `renderer/check/codes.py` by "
            "`python -c 'from renderer.check.codes import catalogue_markdown as c; "
            "print(c())' > renderer/check/CODES.md`. Do not edit by hand.", "",
            "| code | severity | title | reference | hint |", "|---|---|---|---|---|"]
    for code, info in CODES.items():
        rows.append(
            f"| {code} | {info.severity.value} | {info.title} | {info.reference} | {info.hint} |"
        )
    return "\n".join(rows)
