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
                               "Wrap the text, image, path or shading in a tagged "
                               "marked-content sequence or in /Artifact (backgrounds, "
                               "borders and rules are Artifacts)."),
    "PDF-STRUCT-010": CodeInfo(E, "Artifact inside tagged content", "MH 01-003",
                               "Close the tagged sequence before starting the Artifact."),
    "PDF-STRUCT-011": CodeInfo(E, "Tagged content inside an Artifact", "MH 01-004",
                               "Real content may not be nested inside /Artifact."),
    "PDF-STRUCT-012": CodeInfo(E, "Marked content referenced by more than one structure element",
                               "UA1 7.20-2 / ISO 32000-1 14.7.4",
                               "Each MCID belongs to exactly one element."),
    "PDF-STRUCT-013": CodeInfo(W, "Malformed structure element", "ISO 32000-1 14.7.2",
                               "Every structure element needs a /S name."),
    "PDF-STRUCT-014": CodeInfo(E, "Structure element reached twice (a cycle, or an element "
                               "with two parents)", "ISO 32000-1 14.7.2 / UA1 7.1",
                               "The structure tree must be a tree: each element appears in "
                               "the /K of exactly one parent (its /P) and never below itself."),
    "PDF-STRUCT-015": CodeInfo(E, "Form XObject with marked content painted more than once",
                               "UA1 7.20 / ISO 32000-1 14.7.2",
                               "Give each painting of the content its own Form XObject (or "
                               "mark the repeated one as an Artifact)."),
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
                             "project (PDF/UA-1 7.2 asks only that the language of each "
                             "text be determinable: PDF-LANG-002)",
                             "Set /Lang from the article language, e.g. (en-GB)."),
    "PDF-META-006": CodeInfo(W, "Recommended XMP property missing", "project (STANDARDS.md)",
                             "Fill dc:creator, dc:language, dc:description and dc:date or "
                             "xmp:CreateDate from the article metadata."),
    "PDF-META-007": CodeInfo(E, "XMP metadata cannot be parsed", "MH 06-001 / UA1 7.1-8",
                             "Write well-formed RDF/XML in the metadata stream."),
    # ---- PDF: headings and outline ------------------------------------------------------------
    "PDF-HEAD-001": CodeInfo(W, "No heading in the structure tree", "project (UA1 7.4 asks "
                             "headings to be tagged, not a document to have any)",
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
    "PDF-TABLE-008": CodeInfo(E, "THead, TBody or TFoot outside a Table", "MH 09-004 / "
                              "UA1 7.2-1", "Table row groups belong directly in a Table."),
    "PDF-TABLE-009": CodeInfo(E, "TR contains something other than TH or TD", "MH 09-004 / "
                              "UA1 7.2-1", "Rows contain only TH and TD cells."),
    "PDF-TABLE-010": CodeInfo(E, "Table with more than one Caption or TFoot, a Caption in the "
                              "middle, or THead/TFoot without TBody",
                              "MH 09-004 / UA1 7.2-1 / ISO 32000-1 14.8.4.3.4",
                              "One optional Caption (first or last) and TFoot; THead and "
                              "TFoot come with a TBody."),
    "PDF-TABLE-011": CodeInfo(E, "THead, TBody or TFoot contains something other than TR",
                              "MH 09-004 / UA1 7.2 / ISO 32000-1 14.8.4.3.4",
                              "Row groups hold rows (TR) only; cells go in the rows."),
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
    "PDF-LIST-005": CodeInfo(E, "LBody outside LI", "MH 09-005 / UA1 7.2-1",
                             "List item bodies belong in an LI."),
    "PDF-LIST-006": CodeInfo(E, "List Caption is not the first child, or there are several",
                             "MH 09-005 / UA1 7.2-1 / ISO 32000-1 14.8.4.3.3",
                             "An L has at most one Caption, as its first child."),
    "PDF-LIST-007": CodeInfo(E, "LI outside L", "MH 09-005 / UA1 7.2 / ISO 32000-1 14.8.4.3.3",
                             "List items belong directly in an L."),
    # ---- PDF: tables of contents ----------------------------------------------------------
    "PDF-TOC-001": CodeInfo(E, "TOCI outside TOC", "MH 09-007 / UA1 7.2-1",
                            "Contents items belong in a TOC."),
    "PDF-TOC-002": CodeInfo(E, "TOC contains something other than TOCI, TOC and one Caption "
                            "as its first child",
                            "MH 09-007 / UA1 7.2-1 / ISO 32000-1 14.8.4.2",
                            "A TOC holds TOCI items, nested TOCs and at most one Caption, "
                            "which comes first."),
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
    "PDF-LINK-006": CodeInfo(E, "Link element without its annotation or without content",
                             "UA1 7.18.5 / ISO 32000-1 14.8.4.4.2",
                             "A Link element holds the OBJR of its link annotation and the "
                             "marked content (text, or a Figure with /Alt) that is the link."),
    "PDF-ANNOT-001": CodeInfo(E, "Page with annotations lacks /Tabs /S", "MH 28-008 / "
                              "MH 28-009 / UA1 7.18.3-1", "Set /Tabs /S on the page."),
    # ---- PDF: language ------------------------------------------------------------------------
    "PDF-LANG-001": CodeInfo(E, "/Lang is not a language identifier (ISO 32000-1 14.9.2: "
                             "letters, then subtags of 1–8 letters or digits)",
                             "MH 11 / UA1 7.2 / ISO 32000-1 14.9.2",
                             "Use tags like en, en-GB, fr, zh-Hant."),
    "PDF-LANG-002": CodeInfo(E, "Natural language of text cannot be determined",
                             "MH 11-001…006 / UA1 7.2",
                             "Set the catalog /Lang, or /Lang on the structure element (or "
                             "an ancestor, or the marked content) of every text, alternate "
                             "text and expansion; xml:lang on dc:title for the metadata."),
    "PDF-LANG-003": CodeInfo(E, "/Lang is not a BCP 47 tag with a 2–3-letter primary "
                             "language subtag", "project (BCP 47 reserves 4-letter and "
                             "allows unregistered 5–8-letter primary subtags; none is in use)",
                             "Use an ISO 639 code: en, pt-BR, zh-Hant."),
    # ---- PDF: fonts ---------------------------------------------------------------------------
    "PDF-FONT-001": CodeInfo(E, "Font not embedded", "MH 31 / UA1 7.21.4.1-1",
                             "Embed every font (WeasyPrint embeds subsets of @font-face "
                             "fonts)."),
    "PDF-FONT-002": CodeInfo(E, "Font has no ToUnicode map", "MH 31 / UA1 7.21.7-1",
                             "Without ToUnicode, text cannot be extracted or read aloud."),
    "PDF-FONT-004": CodeInfo(E, "ToUnicode maps a code to U+0000, U+FEFF or U+FFFE",
                             "MH 31 / UA1 7.21.7-2",
                             "Map each code to the character it shows; these values are no "
                             "characters."),
    "PDF-FONT-005": CodeInfo(E, "ToUnicode maps a code to more than 512 bytes",
                             "ISO 32000-1 9.10.3",
                             "A ToUnicode destination string may be at most 512 bytes; a code "
                             "stands for a glyph, not a passage of text."),
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
    # ---- EPUB: opening and parsing ----------------------------------------------------------
    "EPUB-FILE-001": CodeInfo(E, "Not a readable EPUB", "EPUBCheck PKG-/RSC-001 / EPUB 3.3 4",
                              "The zip, META-INF/container.xml or the package document is "
                              "missing or broken; regenerate the file."),
    "EPUB-FILE-002": CodeInfo(E, "XML document is not well-formed", "EPUBCheck RSC-016",
                              "Fix the markup of the named document (an XHTML parse error "
                              "makes ebooklib write an empty chapter)."),
    "EPUB-FILE-003": CodeInfo(E, "Inspection incomplete", "project",
                              "A check could not run on this file; the message names it. "
                              "Report it with the file attached."),
    "EPUB-FILE-004": CodeInfo(E, "Document listed in the manifest is missing", "EPUBCheck RSC-001",
                              "Add the file to the container or remove the manifest item."),
    # ---- EPUB: package document -------------------------------------------------------------
    "EPUB-PKG-001": CodeInfo(E, "Package document has no xml:lang", "Ace epub-lang",
                             "Set xml:lang on <package> to the publication language "
                             "(ebooklib 0.20 omits it)."),
    "EPUB-PKG-002": CodeInfo(E, "No dc:title", "Ace epub-title / EPUBCheck RSC-005",
                             "Put the article headline in dc:title."),
    "EPUB-PKG-003": CodeInfo(E, "No dc:language (or not a BCP 47 tag)",
                             "EPUBCheck RSC-005 / OPF-092",
                             "Add dc:language with the article language, e.g. en."),
    "EPUB-PKG-004": CodeInfo(W, "Recommended Dublin Core metadata missing",
                             "project (STANDARDS.md)",
                             "Fill dc:creator, dc:date, dc:publisher and dc:description from "
                             "the article metadata."),
    "EPUB-PKG-005": CodeInfo(E, "dcterms:modified missing, repeated or malformed",
                             "EPUB 3.3 5.5.6 / EPUBCheck RSC-005",
                             "Write exactly one <meta property=\"dcterms:modified\"> "
                             "(CCYY-MM-DDThh:mm:ssZ, UTC), from SOURCE_DATE_EPOCH or the "
                             "article date."),
    # ---- EPUB: accessibility metadata -------------------------------------------------------
    "EPUB-META-001": CodeInfo(E, "Required accessibility metadata missing",
                              "Ace metadata-accessmode, metadata-accessibilityfeature, "
                              "metadata-accessibilityhazard / EPUB A11Y 1.1 5.1",
                              "Declare schema:accessMode, schema:accessibilityFeature and "
                              "schema:accessibilityHazard."),
    "EPUB-META-002": CodeInfo(W, "Recommended accessibility metadata missing",
                              "Ace metadata-accessibilitysummary, "
                              "metadata-accessmodesufficient",
                              "Declare schema:accessibilitySummary and "
                              "schema:accessModeSufficient."),
    "EPUB-META-003": CodeInfo(E, "Accessibility metadata value is not in the vocabulary",
                              "Ace metadata-accessmode-invalid, "
                              "metadata-accessmodesufficient-invalid, "
                              "metadata-accessibilityfeature-invalid, "
                              "metadata-accessibilityhazard-invalid",
                              "Use the schema.org accessibility vocabulary terms (case "
                              "matters; accessModeSufficient is comma-separated; none/unknown "
                              "stand alone)."),
    "EPUB-META-004": CodeInfo(E, "accessMode visual claimed but no informative image",
                              "project (STANDARDS.md) / EPUB A11Y Techniques META-001",
                              "Claim visual only when the book has informative images "
                              "(decorative ones do not count)."),
    "EPUB-META-005": CodeInfo(E, "Informative images but accessMode visual not declared",
                              "project (STANDARDS.md) / EPUB A11Y Techniques META-001",
                              "Add schema:accessMode visual."),
    "EPUB-META-006": CodeInfo(E, "alternativeText claimed but an informative image lacks alt",
                              "project (STANDARDS.md) / DESIGN.md 6",
                              "Give every informative image alt text, or drop the claim; never "
                              "hard-code alternativeText."),
    "EPUB-META-007": CodeInfo(W, "Every informative image has alt but alternativeText is not "
                              "declared", "project (STANDARDS.md)",
                              "Add schema:accessibilityFeature alternativeText."),
    "EPUB-META-008": CodeInfo(E, "printPageNumbers/pageBreakMarkers claimed but the content has "
                              "no page breaks",
                              "Ace metadata-accessibilityFeature-printPageNumbers-nopagebreaks",
                              "Claim page features only with epub:type=\"pagebreak\" markers."),
    "EPUB-META-009": CodeInfo(E, "pageNavigation claimed but the navigation has no page-list",
                              "Ace metadata-accessibilityFeature-printPageNumbers-nopagelist",
                              "Claim pageNavigation only with a nav epub:type=\"page-list\"."),
    "EPUB-META-010": CodeInfo(W, "Page list or page breaks present but the page features are not "
                              "declared", "project (STANDARDS.md)",
                              "Declare pageNavigation (page-list) and printPageNumbers / "
                              "pageBreakMarkers (page breaks)."),
    "EPUB-META-011": CodeInfo(E, "No conformance claim (dcterms:conformsTo)",
                              "EPUB A11Y 1.1 5.1 / project (STANDARDS.md)",
                              "Claim \"EPUB Accessibility 1.1 - WCAG 2.2 Level AA\" once the "
                              "checks pass (the renderer omits it when they do not)."),
    "EPUB-META-012": CodeInfo(E, "conformsTo is not a valid EPUB Accessibility 1.1 string",
                              "Ace metadata-conformsto-invalid",
                              "Use \"EPUB Accessibility 1.1 - WCAG 2.x Level A|AA|AAA\"."),
    "EPUB-META-013": CodeInfo(E, "Conformance claimed without a11y:certifiedBy",
                              "EPUB A11Y 1.1 5.2",
                              "Name who evaluated the book in a11y:certifiedBy "
                              "(--certified-by)."),
    "EPUB-META-014": CodeInfo(W, "conformsTo is not this project's claim",
                              "project (STANDARDS.md)",
                              "Claim exactly \"EPUB Accessibility 1.1 - WCAG 2.2 Level AA\"."),
    # ---- EPUB: navigation -------------------------------------------------------------------
    "EPUB-NAV-001": CodeInfo(E, "No navigation document with a toc nav",
                             "EPUBCheck RSC-005 / EPUB 3.3 7.4",
                             "Add a nav document (manifest properties=\"nav\") with "
                             "<nav epub:type=\"toc\">."),
    "EPUB-NAV-002": CodeInfo(W, "No landmarks nav", "project (STANDARDS.md) / EPUB 3.3 7.4.3",
                             "Add a hidden <nav epub:type=\"landmarks\"> with toc and "
                             "bodymatter."),
    "EPUB-NAV-003": CodeInfo(W, "Landmarks nav is not hidden", "project (STANDARDS.md)",
                             "Add the hidden attribute to the landmarks nav."),
    "EPUB-NAV-004": CodeInfo(E, "Table of contents entry points nowhere or out of reading order",
                             "Ace epub-toc-order",
                             "Each toc link must reach an existing id, in spine order."),
    "EPUB-NAV-005": CodeInfo(E, "Page-list entry points to a missing target or not to a page "
                             "break", "Ace epub-pagelist-broken",
                             "Point page-list links at epub:type=\"pagebreak\" elements."),
    "EPUB-NAV-006": CodeInfo(E, "Page break missing from the page-list",
                             "Ace epub-pagelist-missing-pagebreak",
                             "List every page-break marker in the page-list."),
    "EPUB-NAV-007": CodeInfo(E, "Page-list without a page source", "Ace epub-pagesource",
                             "Name the print/PDF edition in pageBreakSource (or dc:source)."),
    # ---- EPUB: content documents ------------------------------------------------------------
    "EPUB-LANG-001": CodeInfo(E, "Content document without lang and xml:lang on <html>",
                              "Ace/axe html-has-lang / WCAG 3.1.1",
                              "Put lang and xml:lang on the html element (ebooklib drops "
                              "attributes when it rebuilds a document)."),
    "EPUB-LANG-002": CodeInfo(E, "lang and xml:lang disagree", "Ace/axe html-xml-lang-mismatch",
                              "Give both attributes the same value."),
    "EPUB-LANG-003": CodeInfo(E, "Language attribute is not a BCP 47 tag",
                              "Ace/axe html-lang-valid, valid-lang",
                              "Use tags like en, en-GB, fr."),
    "EPUB-LANG-004": CodeInfo(W, "Only one of lang and xml:lang on <html>",
                              "project (STANDARDS.md)",
                              "XHTML content documents carry both lang and xml:lang."),
    "EPUB-LANG-005": CodeInfo(E, "Languages disagree: dc:language, the package's xml:lang "
                              "and the documents' lang", "EPUB 3.3 5.5.3.3 / WCAG 3.1.1",
                              "Give dc:language the book's language and the same language to "
                              "<package xml:lang> and each document's lang/xml:lang (a reading "
                              "system picks its voice and hyphenation from them)."),
    "EPUB-TYPE-001": CodeInfo(E, "epub:type without the matching DPUB-ARIA role",
                              "Ace epub-type-has-matching-role",
                              "Add the role from the EPUB type→ARIA table, e.g. "
                              "epub:type=\"toc\" role=\"doc-toc\"."),
    "EPUB-HEAD-001": CodeInfo(E, "Heading level skipped", "Ace/axe heading-order / WCAG 1.3.1",
                              "Do not jump levels (h1 → h3); use the next level down."),
    "EPUB-HEAD-002": CodeInfo(E, "Empty heading", "Ace/axe empty-heading / WCAG 2.4.6",
                              "Give the heading text, or remove it."),
    "EPUB-IMG-001": CodeInfo(E, "Image without alt attribute", "Ace/axe image-alt / WCAG 1.1.1",
                             "Describe the image in alt, or mark it decorative with alt=\"\"."),
    # ---- external validators ----------------------------------------------------------------
    "EXT-001": CodeInfo(E, "Requested validator is not available", "project",
                        "Install it (tools/install-validators.sh) or point EPUBCHECK_JAR / "
                        "ACE_HOME at it; java/node must be on PATH."),
    "EXT-002": CodeInfo(E, "Validator failed to run", "project",
                        "The message has the tool's last output; run the tool by hand."),
    "EPUB-CHECK-001": CodeInfo(E, "EPUBCheck error", "EPUBCheck (id in the message)",
                               "See the EPUBCheck message id in the EPUBCheck documentation."),
    "EPUB-CHECK-002": CodeInfo(W, "EPUBCheck warning", "EPUBCheck (id in the message)",
                               "See the EPUBCheck message id in the EPUBCheck documentation."),
    "EPUB-ACE-001": CodeInfo(E, "Ace violation (critical or serious)",
                             "Ace (rule id in the message)",
                             "See the rule in the Ace report / DAISY Knowledge Base."),
    "EPUB-ACE-002": CodeInfo(W, "Ace violation (moderate or minor)",
                             "Ace (rule id in the message)",
                             "See the rule in the Ace report / DAISY Knowledge Base."),
    # ---- cross-edition (a PDF and an EPUB of the same article) ------------------------------
    "CROSS-001": CodeInfo(E, "Editions differ in title", "project",
                          "Build both editions from the same source and metadata."),
    "CROSS-002": CodeInfo(E, "Editions differ in language", "project",
                          "Build both editions with the same --lang."),
    "CROSS-003": CodeInfo(W, "Editions differ in authors", "project",
                          "Build both editions from the same source and metadata."),
    "CROSS-004": CodeInfo(E, "Editions differ in headings (text or level)", "project",
                          "Both editions carry the same outline; rebuild them together."),
    "CROSS-005": CodeInfo(E, "Editions differ in image alternative texts", "project",
                          "Both editions carry the same alt texts; rebuild them together."),
    "CROSS-006": CodeInfo(W, "Page numbering differs between the editions", "project",
                          "The EPUB page-list must name the PDF's pages (same count and "
                          "labels)."),
    "CROSS-007": CodeInfo(I, "Cross-edition comparison incomplete", "project",
                          "One edition could not be read; its own report says why."),
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
                            "detected language)."),
    "IN-META-003": CodeInfo(W, "No publication date", "project",
                            "Give it with --meta date=YYYY-MM-DD."),
    "IN-META-004": CodeInfo(W, "No author", "project",
                            "Give it with --meta authors=... if the article has one."),
    "IN-META-005": CodeInfo(E, "Language neither declared nor detected", "WCAG 3.1.1",
                            "Pass --lang BCP47, or give lang in the front matter or with "
                            "--meta lang=...; until then the editions say 'und' "
                            "(undetermined) and claim no conformance."),
    "IN-CHROME-001": CodeInfo(W, "Suspected leftover site chrome in the body", "project",
                              "Remove the line from the source, or report the site's "
                              "banner variant."),
    "IN-CHROME-002": CodeInfo(W, "The title looks like site chrome", "WCAG 2.4.2",
                              "Give the real title with --meta title=..., or remove the "
                              "chrome above it from the source."),
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
