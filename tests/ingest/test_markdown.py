"""The Markdown reader: invented articles, front-matter refusals, raw HTML, limits, fuzzing."""

from __future__ import annotations

import contextlib
import datetime as dt
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from renderer.errors import InputError, InputTooLarge
from renderer.ingest.markdown import read_markdown
from renderer.model import (
    Abbr,
    Article,
    Block,
    BlockQuote,
    Cell,
    Code,
    Emphasis,
    Figure,
    Heading,
    Image,
    LineBreak,
    Link,
    ListBlock,
    ListItem,
    Metadata,
    Paragraph,
    Quote,
    Span,
    Strong,
    Table,
    Text,
    ThematicBreak,
    plain_text,
)

ARTICLES = Path(__file__).resolve().parent / "markdown"


def read(name: str) -> Article:
    path = ARTICLES / name
    return read_markdown(path.read_text(encoding="utf-8"), name=path.name)


def outline(article: Article) -> list[tuple[int, str]]:
    return [(b.level, plain_text(b.children)) for b in article.blocks if isinstance(b, Heading)]


def kinds(blocks: tuple[Block, ...]) -> list[str]:
    return [type(b).__name__ for b in blocks]


def para(text: str) -> Paragraph:
    return Paragraph((Text(text),))


def body(markdown: str) -> tuple[Block, ...]:
    """The blocks of ``markdown`` under a throwaway title."""
    return read_markdown(f"# T\n\n{markdown}").blocks


# ------------------------------------------------------------- invented articles


def test_full_article_metadata_has_every_front_matter_key():
    assert read("full-front-matter.md").metadata == Metadata(
        title="Harbor Town Installs Tide Sensors Along Its Seawall",
        subtitle="A volunteer network now reports water levels every six minutes",
        section="Environment",
        date=dt.date(2021, 9, 14),
        authors=("Maren Ostby",),
        organization="Coastal Ledger News Service",
        dateline=None,
        language="en-US",
        publisher="The Coastal Ledger",
        source="https://example.org/news/tide-sensors",
        identifier="urn:uuid:6f1c2d1e-8a0b-4c33-9a55-0c1d2e3f4a5b",
        description="Volunteers and the harbor office put twelve tide sensors on the seawall.",
        keywords=("tides", "flooding", "citizen science"),
    )


def test_full_article_blocks_in_order():
    article = read("full-front-matter.md")
    assert kinds(article.blocks) == [
        "Paragraph",
        "Heading",
        "Paragraph",
        "Figure",
        "Heading",
        "Paragraph",
        "ListBlock",
        "BlockQuote",
        "Figure",
        "Table",
        "Figure",
        "Paragraph",
        "ThematicBreak",
        "Paragraph",
        "Heading",
        "ListBlock",
    ]
    assert outline(article) == [
        (2, "Why the harbor needed them"),
        (3, "Who built them"),
        (2, "Notes"),
    ]
    paragraphs = [plain_text(b.children) for b in article.blocks if isinstance(b, Paragraph)]
    assert paragraphs == [
        "Twelve small sensors now line the seawall of Port Aldous, reporting the water level"
        " every six minutes to a public dashboard.[1]",
        "The nearest official gauge sits 40 km up the coast. Local readings, says the HMO,"
        " differ by up to 30 cm during storms.",
        "Students from the technical school assembled the boxes:",
        "The dashboard went live in August; see the harbor page.[2]",
        "Readings are archived monthly.",
    ]
    assert article.notes == ()


def test_full_article_figures():
    figures = [b for b in read("full-front-matter.md").blocks if isinstance(b, Figure)]
    assert figures == [
        Figure(
            Image(
                "images/sensor.jpg",
                "A grey sensor box bolted to a concrete wall above the water",
            ),
            (Text("A sensor on the north pier."),),
        ),
        Figure(Image("images/wave-divider.png", "", decorative=True)),
        Figure(Image("images/dashboard.png", None)),
    ]
    # The raw <img> without alt is a defect, not decoration.
    assert figures[2].image.alt is None and not figures[2].image.decorative


def test_full_article_inline_html_and_links():
    blocks = read("full-front-matter.md").blocks
    assert blocks[2].children[1] == Abbr("HMO", "Harbor Management Office")
    quote = blocks[7]
    assert isinstance(quote, BlockQuote)
    assert quote.blocks == (
        para("We wanted numbers we could check ourselves."),
        Paragraph(
            (
                Text("— a volunteer, who said "),
                Span("fr", (Text("c'est la vie"),)),
                Text(" about the rain"),
            )
        ),
    )
    assert blocks[11].children == (
        Text("The dashboard went live in "),
        Strong((Text("August"),)),
        Text("; see the "),
        Link("https://example.org/harbor", (Text("harbor page"),)),
        Text("."),
        Link("#fn-2", (Text("[2]"),)),
    )


def test_full_article_nested_list():
    lists = [b for b in read("full-front-matter.md").blocks if isinstance(b, ListBlock)]
    assert lists[0] == ListBlock(
        (
            ListItem((para("soldering the boards"),)),
            ListItem(
                (
                    para("sealing the housings"),
                    ListBlock(
                        (
                            ListItem((para("with marine epoxy"),)),
                            ListItem((para("with rubber gaskets"),)),
                        )
                    ),
                )
            ),
            ListItem((para("writing the firmware"),)),
        )
    )


def test_full_article_table_cells_and_scopes():
    (table,) = [b for b in read("full-front-matter.md").blocks if isinstance(b, Table)]
    assert table.head == (
        (
            Cell((Text("Station"),), header=True, scope="col"),
            Cell((Text("Height (cm)"),), header=True, scope="col"),
            Cell((Text("Status"),), header=True, scope="col"),
        ),
    )
    assert [[plain_text(c.children) for c in row] for row in table.body] == [
        ["North pier", "212", "online"],
        ["Ferry ramp", "198", "offline"],
    ]
    assert all(not c.header and c.scope is None for row in table.body for c in row)


def test_full_article_footnotes_become_a_notes_list():
    blocks = read("full-front-matter.md").blocks
    assert blocks[0].children[-1] == Link("#fn-1", (Text("[1]"),))
    assert blocks[-2] == Heading(2, (Text("Notes"),))
    assert blocks[-1] == ListBlock(
        (
            ListItem((para("Six minutes matches the national tide network."),), id="fn-1"),
            ListItem((para("The page is updated by the harbor office."),), id="fn-2"),
        ),
        ordered=True,
    )


def test_title_from_first_heading_without_front_matter():
    article = read("heading-title.md")
    assert article.metadata == Metadata(title="Library Extends Weekend Hours")
    assert outline(article) == [(2, "What changes"), (1, "A Second Top-Level Heading")]
    assert kinds(article.blocks) == [
        "Paragraph",
        "Paragraph",
        "Heading",
        "ListBlock",
        "Heading",
        "Paragraph",
    ]
    assert article.blocks[0] == Paragraph(
        (Emphasis((Text("Reading room open until 9 p.m. on Saturdays"),)),)
    )
    # A soft line break is a space.
    assert plain_text(article.blocks[1].children) == (
        "The county library will stay open three hours longer on Saturdays starting next"
        " month, the board decided on Tuesday."
    )
    assert article.blocks[3].ordered and len(article.blocks[3].items) == 2
    assert article.notes == ()


def test_authors_as_mappings_and_a_news_style_date():
    article = read("authors-mappings.md")
    assert article.metadata == Metadata(
        title="Regional Bus Line Adds Night Service",
        section="Transport",
        date=dt.date(2018, 2, 27),
        authors=("Idris Okafor", "Lena Vogt"),
        language="de",
        source="https://example.org/bus",
        keywords=("transit", "night bus"),
    )
    assert article.blocks == (
        para("The regional line 47 will run until 1 a.m. from March."),
        para("Riders asked for the change in a survey last autumn."),
    )


def test_python_object_tag_is_refused_not_constructed(tmp_path, monkeypatch):
    import os

    calls: list[str] = []
    monkeypatch.setattr(os, "system", lambda cmd: calls.append(cmd) or 0)
    with pytest.raises(InputError, match=r"^hostile-front-matter\.md: front matter: .*python/"):
        read("hostile-front-matter.md")
    assert calls == []
    assert not Path("/tmp/pwned-md-reader").exists()


def test_script_and_iframe_are_dropped_with_notes():
    article = read("hostile-html.md")
    assert article.blocks == (
        para("The draft budget is online. Comments close in May."),
        para("Residents may also write to the clerk or visit."),
        Figure(Image("https://cdn.example/chart.png", "Chart of spending")),
    )
    assert article.notes == (
        "raw HTML dropped: <script>",
        "raw HTML dropped: <iframe>",
        "raw HTML dropped: <b>",
        "raw HTML dropped: <span> without lang",
        "remote image not fetched: https://cdn.example/chart.png",
        "sanitizer: removed event-handler attributes onclick",  # IN-SAFE-001, as in HTML
    )
    assert "alert" not in repr(article) and "injected" not in repr(article)


def test_unsafe_urls_and_handlers_are_reported_in_the_sanitizers_words():
    """Raw HTML attributes and the links markdown-it refuses: the HTML reader's notes."""
    from renderer.ingest.sanitize import attribute_mark, summarize

    article = read_markdown(
        "# T\n\n<a href='vbscript:x' onmouseover='y()'>a</a> [b](javascript:z) "
        "![c](javascript:z) <span style='background:url(http://x/)'>d</span>\n"
    )
    expected = summarize(
        [m for m in (attribute_mark("href", "vbscript:x"), attribute_mark("onmouseover", "y()"),
                     attribute_mark("href", "javascript:z"),
                     attribute_mark("style", "background:url(http://x/)")) if m]
    )
    assert expected == [
        "sanitizer: removed event-handler attributes onmouseover",
        "sanitizer: removed 1 javascript: URL (only http, https, mailto, tel and relative links "
        "are kept)",
        "sanitizer: removed 1 vbscript: URL (only http, https, mailto, tel and relative links "
        "are kept)",
        "sanitizer: removed 1 style attribute(s) with url() or @import",
    ]
    assert [n for n in article.notes if n.startswith("sanitizer: ")] == expected


# ------------------------------------------------------------------ front matter


FM = "---\n{}\n---\n\nBody text.\n"


def test_front_matter_wrong_types_name_the_key():
    cases = {
        "title: [a, b]": "'title'",
        "date: 2018": "'date'",
        "date: soon": "'date'",
        "authors: {x: 1}": "'authors'",
        "authors: [[Jane]]": "'authors'",
        "keywords: 3": "'keywords'",
        "lang: english": "'lang'",
        "language: no": "'language'",  # YAML 1.1 reads `no` as false
        "summary: {a: b}": "'summary'",
    }
    for yaml_text, key in cases.items():
        with pytest.raises(InputError) as info:
            read_markdown(
                FM.format("title: T\n" + yaml_text if "title" not in yaml_text else yaml_text),
                name="x.md",
            )
        assert str(info.value).startswith("x.md: front matter: ") and key in str(info.value), (
            yaml_text,
            str(info.value),
        )


def test_front_matter_not_a_mapping():
    for yaml_text in ("- a\n- b", "just words", "42"):
        with pytest.raises(InputError, match=r"^x\.md: front matter: is not a mapping"):
            read_markdown(FM.format(yaml_text), name="x.md")


def test_front_matter_syntax_error_and_unclosed_block():
    with pytest.raises(InputError, match=r"^x\.md: front matter: .*line"):
        read_markdown(FM.format("title: [unclosed"), name="x.md")
    with pytest.raises(InputError, match=r"no closing '---'"):
        read_markdown("---\ntitle: T\n\nBody.\n", name="x.md")
    with pytest.raises(InputError, match=r"front matter: .*day is out of range"):
        read_markdown(FM.format("title: T\ndate: 2018-02-30"), name="x.md")


def test_front_matter_unknown_keys_are_notes():
    article = read_markdown(FM.format("title: T\nfoo: 1\nlayout: post"))
    assert article.notes == (
        "front matter: unknown key 'foo'",
        "front matter: unknown key 'layout'",
    )


def test_front_matter_dates_and_aliases():
    def meta(yaml_text: str) -> Metadata:
        return read_markdown(FM.format("title: T\n" + yaml_text)).metadata

    assert meta("date: 2018-02-27T10:30:00Z").date == dt.date(2018, 2, 27)
    assert meta("date: '2018-02-27T10:30:00+02:00'").date == dt.date(2018, 2, 27)
    assert meta("date: 27 February 2018").date == dt.date(2018, 2, 27)
    assert meta("date: Sept. 3, 2019").date == dt.date(2019, 9, 3)
    assert meta("author: Jane Roe\nauthors: [John Doe, Jane Roe]").authors == (
        "Jane Roe",
        "John Doe",
    )
    assert meta("keywords: a, b\ntags: [b, c]").keywords == ("a", "b", "c")
    assert meta("description: d\nsummary: d").description == "d"
    assert meta("title: 1984").title == "1984"
    with pytest.raises(InputError, match=r"'url' disagree|'source' and 'url' disagree"):
        meta("source: a\nurl: b")


def test_front_matter_title_wins_and_repeated_heading_is_dropped():
    article = read_markdown("---\ntitle: Same Title\n---\n# Same title\n\nText.\n\n# Later\n")
    assert article.metadata.title == "Same Title"
    assert kinds(article.blocks) == ["Paragraph", "Heading"]
    assert "first heading repeats the front-matter title; dropped" in article.notes
    other = read_markdown("---\ntitle: Own Title\n---\n# Different\n\nText.\n")
    assert other.blocks[0] == Heading(1, (Text("Different"),))


def test_empty_front_matter_and_bom():
    article = read_markdown("\ufeff---\n---\n# Title\r\n\r\nBody.\r\n")
    assert article.metadata.title == "Title"
    assert article.blocks == (para("Body."),)


# ---------------------------------------------------------------------- refusals


@pytest.mark.parametrize("text", ["", "   \n\t\n", "\ufeff\n"])
def test_empty_document(text):
    with pytest.raises(InputError, match=r"^a\.md: the file is empty$"):
        read_markdown(text, name="a.md")


def test_no_title_names_the_file():
    with pytest.raises(InputError, match=r"^a\.md: no title"):
        read_markdown("## Only a subhead\n\nText.", name="a.md")
    with pytest.raises(InputError, match=r"^a\.md: no title"):
        read_markdown("- # heading in a list\n\nText.", name="a.md")


def test_title_without_body():
    with pytest.raises(InputError, match=r"^a\.md: no body text after the title 'T'"):
        read_markdown("# T\n", name="a.md")


# ----------------------------------------------------------------------- images


def test_inline_image_splits_the_paragraph_in_order():
    assert body('Before *em ![a chart](c.png "Cap") after* end.') == (
        Paragraph((Text("Before "), Emphasis((Text("em"),)))),
        Figure(Image("c.png", "a chart"), (Text("Cap"),)),
        Paragraph((Emphasis((Text("after"),)), Text(" end."))),
    )


def test_image_without_title_has_no_caption_and_blank_alt_is_decorative():
    assert body("![Alt](a.png)\n\n![](b.png)\n\n![  ](c.png)") == (
        Figure(Image("a.png", "Alt")),
        Figure(Image("b.png", "", decorative=True)),
        Figure(Image("c.png", "", decorative=True)),
    )


def test_raw_img_forms():
    blocks = body(
        '<img src="a.png" alt="A map" width="640" height="480px" title="Route">\n\n'
        '<img src="b.png" alt="">\n\n'
        "<img src=c.png>\n\n"
        "<img alt=orphan>"
    )
    assert blocks == (
        Figure(Image("a.png", "A map", width=640, height=480), (Text("Route"),)),
        Figure(Image("b.png", "", decorative=True)),
        Figure(Image("c.png", None)),
    )


def test_raw_img_inside_text_and_remote_note():
    article = read_markdown('# T\n\nSee <img src="//cdn.example/x.png"> here.')
    assert article.blocks == (
        para("See"),
        Figure(Image("//cdn.example/x.png", None)),
        para("here."),
    )
    assert article.notes == ("remote image not fetched: //cdn.example/x.png",)


def test_image_in_heading_and_cell_keeps_alt_text():
    article = read_markdown("# T\n\n## A ![logo](l.png) B\n\n| x ![y](y.png) |\n|---|\n| z |\n")
    assert article.blocks[0] == Heading(2, (Text("A logo B"),))
    assert article.blocks[1].head[0][0].children == (Text("x y"),)
    assert "image in a heading kept as its alt text: l.png" in article.notes


def test_linked_image_becomes_a_figure_with_a_note():
    article = read_markdown("# T\n\n[![Badge](b.svg)](https://example.org)")
    assert article.blocks == (Figure(Image("b.svg", "Badge")),)
    assert "link around an image not kept: b.svg" in article.notes


# ----------------------------------------------------------------------- inlines


def test_inline_markup():
    (block,) = body(
        'A *b* **c** `d` [e](f.html "T") <https://x.example/> <me@x.example>  \n'
        "next\\\nline ~~gone~~"
    )
    assert block == Paragraph(
        (
            Text("A "),
            Emphasis((Text("b"),)),
            Text(" "),
            Strong((Text("c"),)),
            Text(" "),
            Code("d"),
            Text(" "),
            Link("f.html", (Text("e"),), "T"),
            Text(" "),
            Link("https://x.example/", (Text("https://x.example/"),)),
            Text(" "),
            Link("mailto:me@x.example", (Text("me@x.example"),)),
            LineBreak(),
            Text("next"),
            LineBreak(),
            Text("line gone"),
        )
    )


def test_hrefs_stay_as_written_and_bad_schemes_are_not_links():
    (block,) = body("[a](café/ü.html) [b](javascript:alert(1)) [c](&#106;avascript:x)")
    assert block.children[0] == Link("café/ü.html", (Text("a"),))
    assert not any(isinstance(c, Link) and "script" in c.href.lower() for c in block.children)


def test_entities_and_whitespace():
    (block,) = body("  a &amp; b &copy;   c\n   d  ")
    assert block == para("a & b ©   c d")


def test_safe_html_subset():
    (block,) = body(
        '<q>Yes</q>, said <abbr title="North Atlantic Treaty Organization">NATO</abbr>'
        ' <span lang="de">ja</span><br>x'
    )
    assert block == Paragraph(
        (
            Quote((Text("Yes"),)),
            Text(", said "),
            Abbr("NATO", "North Atlantic Treaty Organization"),
            Text(" "),
            Span("de", (Text("ja"),)),
            LineBreak(),
            Text("x"),
        )
    )


def test_unclosed_and_misnested_html_does_not_lose_text():
    assert body("<q>open *em</q> tail* end") == (
        Paragraph((Quote((Text("open "), Emphasis((Text("em"),)))), Text(" tail end"))),
    )
    assert body("<q>never closed") == (Paragraph((Quote((Text("never closed"),)),)),)


def test_refused_inner_tag_does_not_close_the_outer_one():
    article = read_markdown('# T\n\n<span lang="fr">a <span>b</span> c</span> d')
    assert article.blocks == (Paragraph((Span("fr", (Text("a b c"),)), Text(" d"))),)
    assert article.notes == ("raw HTML dropped: <span> without lang",)


def test_deeply_nested_quotes_keep_text_and_stop_nesting():
    (block,) = body("<q>" * 10_000 + "x" + "</q>" * 10_000)
    depth, node = 0, block.children[0]
    while isinstance(node, Quote):
        depth, node = depth + 1, node.children[0]
    assert depth == 8 and node == Text("x")


def test_html_comment_is_dropped_silently():
    article = read_markdown("# T\n\nA <!-- editor: check --> b\n\n<!-- block comment -->\n")
    assert article.blocks == (para("A  b"),)
    assert article.notes == ()


def test_code_blocks_keep_lines():
    assert body("```python\nx = 1\n\n  y = 2\n```\n\n    indented\n") == (
        Paragraph((Code("x = 1"), LineBreak(), LineBreak(), Code("  y = 2"))),
        Paragraph((Code("indented"),)),
    )


def test_ordered_list_start_blockquote_and_break():
    assert body("7. a\n8. b\n\n***\n\n> q") == (
        ListBlock((ListItem((para("a"),)), ListItem((para("b"),))), ordered=True, start=7),
        ThematicBreak(),
        BlockQuote((para("q"),)),
    )


def test_footnote_refs_numbered_by_first_use_and_unused_noted():
    article = read_markdown(
        "# T\n\nB[^b] then A[^a] and B again[^b].\n\n[^a]: Alpha.\n[^b]: Beta.\n[^z]: Unused.\n"
    )
    first = article.blocks[0]
    links = [c for c in first.children if isinstance(c, Link)]
    assert [(link.href, plain_text(link.children)) for link in links] == [
        ("#fn-1", "[1]"),
        ("#fn-2", "[2]"),
        ("#fn-1", "[1]"),
    ]
    assert article.blocks[-1].items == (
        ListItem((para("Beta."),), id="fn-1"),
        ListItem((para("Alpha."),), id="fn-2"),
    )
    assert "footnote [^z] is never referenced; dropped" in article.notes


# ------------------------------------------------------------------------ limits

HANG = 60  # seconds: far beyond any machine's normal time, only catches runaway work


@pytest.mark.parametrize(
    "nested",
    ["- " * 10_000 + "x", ">" * 10_000 + " x", "> - " * 5_000 + "x", "1. " * 10_000 + "x"],
    ids=["lists", "quotes", "mixed", "ordered"],
)
def test_ten_thousand_levels_are_refused(nested):
    start = time.perf_counter()
    with pytest.raises(InputTooLarge, match=r"^deep\.md: nesting deeper than 24 levels"):
        read_markdown("# T\n\n" + nested, name="deep.md")
    # A hang guard, not a speed test (speed is measured in bench/): a quadratic regression
    # on this input once took minutes.
    assert time.perf_counter() - start < HANG


def test_nesting_within_the_limit_is_kept():
    blocks = body(">" * 20 + " deep")
    depth = 0
    while isinstance(blocks[0], BlockQuote):
        blocks, depth = blocks[0].blocks, depth + 1
    assert depth == 20 and blocks == (para("deep"),)


@pytest.mark.parametrize(
    "text",
    [
        "*" * 300 + "x" + "*" * 300,
        "*" * 2_000 + "x" + "*" * 2_000,
        "**a " * 1_000 + "x" + " a**" * 1_000,
        "_" * 120 + "[x](u)" + "_" * 120,
        "*" * 96 + "<q>x</q>" + "*" * 96,  # 48 levels of Strong, and the quotation in them
    ],
    ids=["audit", "stars", "words", "underscores", "with-html"],
)
def test_deep_inline_markup_is_refused(text):
    """Later stages (templates, the PDF's tags) recurse once per level: the reader stops first."""
    with pytest.raises(InputTooLarge, match=r"^deep\.md: inline markup .* nested deeper than 48"):
        read_markdown("# T\n\n" + text, name="deep.md")


def test_inline_nesting_within_the_limit_is_kept():
    (block,) = body("*" * 96 + "x" + "*" * 96)  # 48 levels of Strong: the most there may be
    depth, node = 0, block
    while not isinstance(node, Text):
        depth, node = depth + 1, node.children[0]
    assert depth == 49 and node == Text("x")  # the paragraph and 48 Strong


def test_edges_are_trimmed_without_recursion():
    """The walk down a run's first and last text is a loop, however deep the model is."""
    from renderer.ingest.markdown import _trim

    node = Text("  x  ")
    for _ in range(5_000):
        node = Emphasis((node,))
    (trimmed,) = _trim([node])
    for _ in range(5_000):
        trimmed = trimmed.children[0]
    assert trimmed == Text("x")


@pytest.mark.parametrize(
    "text",
    [
        "# T\n\n" + "<q>" * 10_000 + "x",
        "# T\n\n" + "![" * 3_000 + "x" + "](a)" * 3_000,
        "# T\n\n" + "*_" * 5_000 + "x" + "_*" * 5_000,
        "# T\n\n" + "[" * 10_000 + "x" + "](y)" * 10_000,
        "---\n" + "[" * 10_000 + "\n---\n# T\n\nx",
        "---\n" + "a: " * 5_000 + "\n---\n# T\n\nx",
    ],
    ids=["q", "images", "emphasis", "links", "yaml-flow", "yaml-block"],
)
def test_other_deep_inputs_end_in_an_article_or_input_error(text):
    start = time.perf_counter()
    with contextlib.suppress(InputError):
        read_markdown(text)
    assert time.perf_counter() - start < HANG  # hang guard, see above


_PIECES = st.sampled_from(
    [
        "# ", "## ", "- ", "* ", "1. ", "> ", "    ", "\n", "\n\n", "---\n", "***", "`", "```\n",
        "*", "_", "**", "~~", "[", "]", "(", ")", "![", "](", "<", ">", "\"", "'", "|", "|---|",
        "[^1]", "[^1]: ", "^[", "&amp;", "&#0;", "\\", "<q>", "</q>", "<abbr title=x>",
        "</abbr>", "<span lang=fr>", "</span>", "<img src=a>", "<img alt=''>", "<br>",
        "<script>", "</script>", "<!--", "-->", "<div>", "title: ", ": ", "!!python/object ",
        "word", "Title", " ", "\t", "\r", "\u00a0", "é", "\ufeff", "\x00",
    ]
)  # fmt: skip


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(_PIECES, st.text(max_size=5)), max_size=60))
def test_only_input_errors_escape(pieces):
    text = "".join(pieces)
    try:
        article = read_markdown(text, name="fuzz.md")
    except InputError as exc:
        assert str(exc).startswith("fuzz.md")
        return
    assert article.metadata.title.strip()
    assert article.blocks


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_only_input_errors_escape_for_any_front_matter(yaml_text):
    try:
        read_markdown(f"---\n{yaml_text}\n---\n# T\n\nBody.\n", name="fm.md")
    except InputError as exc:
        assert str(exc).startswith("fm.md")


# ------------------------------------------------------------------ photo credits

CAPTIONS_WITH_CREDITS = [
    ("The ferry docks. (Photo by Jo Ray)", "The ferry docks.", "Photo by Jo Ray"),
    ("Medics carry a casualty. (U.S. Army photo by Spc. Lena Novak)",
     "Medics carry a casualty.", "U.S. Army photo by Spc. Lena Novak"),
    ("A helicopter lands. Photo by Capt. Chidi Okafor.", "A helicopter lands.",
     "Photo by Capt. Chidi Okafor"),
    ("The pier at dawn. Courtesy photo", "The pier at dawn.", "Courtesy photo"),
    ("La antena. Foto: Armada", "La antena.", "Foto: Armada"),
    ("Le quai. (Photo Marine nationale / Paul Martin)", "Le quai.",
     "Photo Marine nationale / Paul Martin"),
    ("Routes lead inland. (Map: Tri-County Agency)", "Routes lead inland. (Map: Tri-County Agency)",
     None),
    ("The photo by the door was taken in 1944.", "The photo by the door was taken in 1944.", None),
    ("Crew at work. The photo by Ann Lee won a prize.", "Crew at work. The photo by Ann Lee won a "
     "prize.", None),
]  # fmt: skip


@pytest.mark.parametrize(("title", "caption", "credit"), CAPTIONS_WITH_CREDITS)
def test_figure_caption_credit_is_split_as_the_html_reader_splits_it(title, caption, credit):
    """One rule for both readers: a Markdown image title and an HTML figcaption agree."""
    from renderer.ingest.html import read_html

    (md,) = read_markdown(f'---\ntitle: T\n---\n\n![Alt](a.png "{title}")\n').blocks
    page = f"<figure><img src='a.png' alt='Alt'><figcaption>{title}</figcaption></figure>"
    (html,) = read_html(f"<head><title>T</title></head><body>{page}</body>").blocks
    assert md == html == Figure(Image("a.png", "Alt"), (Text(caption),), credit)


def test_front_matter_author_text_follows_the_one_rule_for_author_lists():
    text = "---\ntitle: T\nauthor: John Smith, Jr., and Jane Roe\n---\n\nBody.\n"
    assert read_markdown(text).metadata.authors == ("John Smith, Jr.", "Jane Roe")
    text = "---\ntitle: T\nauthors: ['Smith, Jr., John', Jane Roe]\n---\n\nBody.\n"
    assert read_markdown(text).metadata.authors == ("Smith, Jr., John", "Jane Roe")


def test_a_given_title_reads_markdown_without_one():
    with pytest.raises(InputError, match="no title"):
        read_markdown("Just a paragraph.\n", name="n.md")
    assert read_markdown("Just a paragraph.\n", name="n.md", title="Given").metadata.title == (
        "Given"
    )
    # A "# heading" is still taken off the body when a title is given (it is the title).
    article = read_markdown("# Heading\n\nText.\n", title="Given")
    assert article.metadata.title == "Heading" and len(article.blocks) == 1
