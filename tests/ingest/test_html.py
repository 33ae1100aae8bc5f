"""The HTML page reader: invented full pages with realistic chrome, hostile markup, fuzzing."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from renderer.errors import InputError
from renderer.ingest.html import read_html
from renderer.model import (
    Abbr,
    Article,
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
    Metadata,
    Paragraph,
    Quote,
    Span,
    Strong,
    Table,
    Text,
    plain_text,
)

PAGES = Path(__file__).resolve().parent / "pages"
PNG = (
    "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAQAAAADCAIAAAA7ljmRAAAAEElEQVR4nGM4o6QERww4"
    "OQAAzgzBjfebfQAAAABJRU5ErkJggg=="
)


def read(name: str) -> Article:
    return read_html((PAGES / name).read_text(encoding="utf-8"), name=name)


def block_texts(blocks) -> list[str]:
    """Every text a block carries, nested blocks included."""
    out: list[str] = []
    for block in blocks:
        match block:
            case Paragraph(children) | Heading(_, children):
                out.append(plain_text(children))
            case BlockQuote(inner):
                out.extend(block_texts(inner))
            case ListBlock(items):
                for item in items:
                    out.extend(block_texts(item.blocks))
            case Figure(image, caption, credit):
                out.extend([image.alt or "", plain_text(caption), credit or ""])
            case Table(head, body, caption):
                out.append(plain_text(caption))
                out.extend(plain_text(c.children) for row in head + body for c in row)
    return out


def everything(article: Article) -> str:
    parts: list[str] = []
    for f in dataclasses.fields(article.metadata):
        value = getattr(article.metadata, f.name)
        if isinstance(value, str):
            parts.append(value)
        elif isinstance(value, tuple):
            parts.extend(str(v) for v in value)
    parts.extend(block_texts(article.blocks))
    return "\n".join(parts)


def outline(article: Article) -> list[tuple[str, str]]:
    out = []
    for block in article.blocks:
        if isinstance(block, Heading):
            out.append((f"h{block.level}", plain_text(block.children)))
        elif isinstance(block, Paragraph):
            out.append(("p", plain_text(block.children)))
        else:
            out.append((type(block).__name__, ""))
    return out


CHROME_EVERYWHERE = [
    "An official website of the United States government",
    "Here's how you know",
    "Here’s how you know",
    "Official websites use",
    "safely connected",
    "LOCK ICON",
    "Skip to main content",
    "cookie",
    "Home",
    "Article View",
    "Facebook",
    "Share",
    "Print",
    "Related Stories",
    "Divers Inspect Harbor Pilings",
    "newsletter",
    "Hosted by Defense Media Activity",
    "FOIA",
    "Privacy",
    "TRACKING SCRIPT TEXT",
    "STYLE TEXT",
    "HIDDEN SURVEY INVITATION",
    "Search",
    "Spotlights",
    "Tags:",
    "Quick links",
    "ADVERTISEMENT",
    "footer",
    "Newsroom",
    "Engineering Stories",
    "Example Defense app",
    "We value your privacy",
]


def assert_no_chrome(article: Article) -> None:
    blob = everything(article)
    for chrome in CHROME_EVERYWHERE:
        assert chrome not in blob, chrome


# --------------------------------------------------------------- .mil full page


def test_mil_page_metadata():
    article = read("mil-full-page.html")
    m = article.metadata
    assert m.title == "Engineers Raise Floating Bridge Across Frozen River in Record Time"
    assert m.subtitle is None
    assert m.section == "News"
    # article:published_time (meta) outranks the visible <time datetime="2023-02-13">.
    assert m.date == dt.date(2023, 2, 14)
    assert m.authors == ("Staff Sgt. Ilona Marsh",)
    assert m.organization == "7th Engineer Brigade Public Affairs"
    assert m.dateline == "FORT EXAMPLE, Alaska"
    assert m.language == "en-US"
    assert m.publisher == "U.S. Department of Defense"
    assert m.source == (
        "https://www.defense.example.mil/News/Article/3001234/engineers-raise-floating-bridge/"
    )
    assert m.description == (
        "Combat engineers assembled a 140-meter floating bridge in under four hours "
        "during a winter exercise."
    )
    assert m.keywords == ("Engineers", "Winter Training")
    assert m.identifier is None
    assert article.base_dir is None
    assert article.notes == ()


def test_mil_page_body_and_outline():
    article = read("mil-full-page.html")
    assert outline(article) == [
        (
            "p",
            "Combat engineers assembled a 140-meter floating bridge across the Tanana River in "
            "three hours and 52 minutes on Monday, beating the brigade's previous cold-weather "
            "record by more than an hour.",
        ),
        (
            "p",
            "The crossing, built from 24 interior bays and two ramp bays, carried a column of "
            "armored vehicles within minutes of the last pin being driven. Ice along both banks "
            "had to be cut back with chain saws before the first bay could be launched.",
        ),
        ("h2", "Cold Changes Every Step"),
        (
            "p",
            "“At minus 30, hydraulic lines stiffen and gloves make every pin a fight,” said 1st "
            "Lt. Dario Pell, a platoon leader in the bridge company. “We rehearsed in the motor "
            "pool for two weeks so that nobody had to think on the ice.”",
        ),
        (
            "p",
            "Crews rotated every 20 minutes to warming tents set up on the near bank, and medics "
            "checked each soldier's hands and face on the way in.",
        ),
        ("p", "The exercise is part of a winter series that will continue through March."),
    ]
    # The tracking pixel left no figure behind.
    assert not any(isinstance(b, Figure) for b in article.blocks)


def test_mil_page_has_no_chrome():
    article = read("mil-full-page.html")
    assert_no_chrome(article)
    assert "By Staff Sgt." not in everything(article)  # the byline is metadata only
    assert "FORT EXAMPLE" not in "\n".join(block_texts(article.blocks))


# ----------------------------------------------------------- JSON-LD (@graph) only


def test_jsonld_graph_metadata():
    article = read("jsonld-graph.html")
    assert article.metadata == Metadata(
        title="Cutter Northwind Returns From 90-Day Arctic Patrol",
        subtitle="Crew logged 11,000 nautical miles above the Arctic Circle",
        section="Press Releases",
        date=dt.date(2022, 10, 3),
        authors=("Petty Officer 2nd Class Wren Adair", "Lt. Cmdr. Ana Brandt"),
        dateline="SEATTLE",
        language="en",  # inLanguage; the page has no <html lang>
        publisher="Example Coast Guard News Service",  # @id resolved in @graph
        source="https://news.example.gov/press/northwind-returns",
        description="The cutter's crew charted ice edges and supported two research teams.",
        keywords=("Arctic", "Cutters", "Ice Operations"),
    )
    assert article.notes == ()


def test_jsonld_graph_body():
    article = read("jsonld-graph.html")
    assert [kind for kind, _ in outline(article)] == ["p", "p", "h3", "p", "h4", "p"]
    assert outline(article)[2:5:2] == [
        ("h3", "Charting the Ice Edge"),
        ("h4", "Working With Researchers"),
    ]
    texts = [t for _, t in outline(article)]
    assert texts[0].startswith("The crew of the Coast Guard Cutter Northwind returned")
    assert texts[-1] == (
        "The research teams recovered 14 moorings that had been collecting ocean temperature "
        "data since 2020."
    )
    blob = everything(article)
    for chrome in ("official website", "Here’s how you know", "Share on", "service of an invented"):
        assert chrome not in blob, chrome


# ------------------------------------------------------------------- og:* only


def test_og_only_metadata():
    article = read("og-only.html")
    assert article.metadata == Metadata(
        title="Volunteer Divers Clear 3 Tons of Debris From Harbor Floor",
        authors=("Mass Communication Specialist 3rd Class Tomas Reyes",),
        dateline="NORFOLK, Va. (NNS)",
        language="en",
        publisher="Naval Station Example",
        source="https://www.example.navy.mil/news/divers-clear-debris",
        description="A weekend cleanup brought sailors and residents together.",
        keywords=("Diving", "Community Relations", "Environment"),
    )
    assert article.notes == ("no date",)


def test_og_only_body_is_the_densest_container():
    article = read("og-only.html")
    texts = [t for _, t in outline(article)]
    assert len(texts) == 4
    assert texts[0].startswith("Forty volunteer divers removed more than three tons")
    assert texts[3] == (
        "The recovered material will be recycled where possible; the rest goes to a regional "
        "landfill."
    )
    assert_no_chrome(article)


# ------------------------------------------------------- figures, tables, inlines


def test_figures_page_metadata():
    article = read("figures-and-table.html")
    assert article.metadata == Metadata(
        title="Field Hospital Drill Tests New MASCAL Triage Tents",  # the <h1>, not <title>
        date=dt.date(2024, 4, 22),  # article:published_time
        authors=("Capt. Chidi Okafor", "Sgt. Maja Lindqvist"),  # two rel=author links
        language="en",
        publisher="Army Medicine Example",  # og:site_name
        source="https://medicine.example.army.mil/news/field-hospital-drill",  # canonical
    )
    assert article.base_dir is None
    assert article.notes == (
        "remote image not fetched: https://cdn.example.com/media/helicopter-landing.jpg",
    )
    assert_no_chrome(article)


def test_figures():
    article = read("figures-and-table.html")
    figures = [b for b in article.blocks if isinstance(b, Figure)]
    assert len(figures) == 5
    lead, tent, heli, divider, bare = figures
    # The lead picture sits in the article's <header>; it stays, and first.
    assert article.blocks[0] is lead
    assert lead.image.src == PNG
    assert lead.image.alt == "Medics carry a litter into a green tent"
    assert not lead.image.decorative
    assert (lead.image.width, lead.image.height) == (800, 600)
    assert lead.caption == (
        Text("Medics carry a simulated casualty into a triage tent during the drill."),
    )
    assert lead.credit == "U.S. Army photo by Spc. Lena Novak"
    assert tent.image.src == "images/tent-interior.jpg"
    assert tent.caption == (Text("The interior of a triage tent at night."),)
    assert tent.credit == "Photo by Sgt. Maja Lindqvist"  # from <span class="credit">
    assert heli.image.src == "https://cdn.example.com/media/helicopter-landing.jpg"
    assert heli.caption == (Text("A medical evacuation helicopter lands at the field hospital."),)
    assert heli.credit == "Photo by Capt. Chidi Okafor"
    assert (heli.image.width, heli.image.height) == (None, None)
    assert (divider.image.alt, divider.image.decorative, divider.caption) == ("", True, ())
    assert (bare.image.alt, bare.image.decorative, bare.caption) == (None, False, ())


def test_inlines_lang_abbr_quote_link():
    article = read("figures-and-table.html")
    paragraphs = [b for b in article.blocks if isinstance(b, Paragraph)]
    assert paragraphs[1].children == (
        Text("The "),
        Abbr("CSH", "Combat Support Hospital"),
        Text(
            " staff practised receiving casualties in waves. One visiting liaison officer, "
            "quoting her unit's motto, called it "
        ),
        Quote((Text("une répétition générale"),)),
        Text(", and added in French: "),
        Span("fr", (Text("« Tout le monde savait où aller. »"),)),
    )
    assert paragraphs[-1].children == (
        Text("Read the "),
        Link(
            "https://medicine.example.army.mil/after-action",
            (Text("after-action summary"),),
            "After-action summary",
        ),
        Text(" for details."),
        LineBreak(),
        Text("Questions go to the public affairs office."),
    )


def test_lists_blockquote_outline():
    article = read("figures-and-table.html")
    assert [k for k, _ in outline(article)] == [
        "Figure", "p", "p", "Figure", "Figure", "Figure", "Figure", "h2",
        "ListBlock", "BlockQuote", "Table", "p",
    ]  # fmt: skip
    paragraphs = [plain_text(b.children) for b in article.blocks if isinstance(b, Paragraph)]
    assert paragraphs == [
        "Medical teams from three hospitals set up a 40-bed field hospital in under six hours "
        "during a drill that tested new insulated triage tents and a colour-coded patient tag.",
        "The CSH staff practised receiving casualties in waves. One visiting liaison officer, "
        "quoting her unit's motto, called it une répétition générale, and added in French: « Tout "
        "le monde savait où aller. »",
        "Read the after-action summary for details.\nQuestions go to the public affairs office.",
    ]
    assert [plain_text(b.children) for b in article.blocks if isinstance(b, Heading)] == [
        "What the Teams Practised"
    ]
    (lst,) = [b for b in article.blocks if isinstance(b, ListBlock)]
    assert lst.ordered and lst.start == 3 and len(lst.items) == 3
    assert lst.items[0].blocks == (
        Paragraph(
            (Text("Receiving patients at the "), Strong((Text("casualty collection point"),)))
        ),
    )
    first, nested = lst.items[1].blocks
    assert first == Paragraph((Text("Triage by colour:"),))
    assert isinstance(nested, ListBlock) and not nested.ordered
    assert [plain_text(i.blocks[0].children) for i in nested.items] == [
        "red — immediate",
        "yellow — delayed",
    ]
    assert nested.items[1].blocks[0].children[1] == Emphasis((Text("delayed"),))
    assert lst.items[2].blocks[0].children[1] == Code("MEDEVAC-9")
    (quote,) = [b for b in article.blocks if isinstance(b, BlockQuote)]
    assert quote.cite == "https://medicine.example.army.mil/interviews/okafor"
    assert block_texts(quote.blocks) == [
        "We found the weak points we came here to find.",
        "That is what a drill is for.",
    ]


def test_table():
    article = read("figures-and-table.html")
    (table,) = [b for b in article.blocks if isinstance(b, Table)]
    assert table.caption == (Text("Patients seen during the drill"),)
    assert table.head == (
        tuple(Cell((Text(t),), header=True, scope="col") for t in ("Category", "Day 1", "Day 2")),
    )
    assert table.body == (
        (
            Cell((Text("Immediate"),), header=True, scope="row"),
            Cell((Text("12"),)),
            Cell((Text("9"),)),
        ),
        (
            Cell((Text("Delayed"),), header=True, scope="row"),
            Cell((Text("31 over both days"),), colspan=2),
        ),
    )


# -------------------------------------------------------------------- malformed


def test_malformed_page():
    article = read("malformed.html")
    assert article.metadata == Metadata(
        title="Runway Repair Crew Finishes Ahead of Schedule",  # an <h1> never closed
        date=dt.date(2019, 3, 7),  # "Published March 7, 2019" paragraph
        authors=("Airman 1st Class Noor Haddad",),
        organization="99th Air Base Wing Public Affairs",
        language="en",  # <html lang=en> without quotes
    )
    assert article.notes == ()
    assert outline(article) == [
        (
            "p",
            "Crews from the civil engineer squadron finished resurfacing the main runway four "
            "days early, reopening it to flying operations on Thursday.",
        ),
        (
            "p",
            "The project replaced more than 6,000 tons of asphalt and re-painted every marking "
            "on the 9,000-foot strip.",
        ),
        ("p", "Flying squadrons had been operating from the parallel taxiway since January."),
        ("ListBlock", ""),
    ]
    assert article.blocks[0].children[1] == Strong((Text("Thursday"),))
    assert "Share This Story" not in everything(article)


# ------------------------------------------------------------------ hostile input


def test_deep_nesting_parses_or_refuses_cleanly():
    depth = 50_000
    page = (
        "<html lang='en'><head><title>Deep</title></head><body>"
        + "<div>" * depth
        + "<p>The only paragraph, deep inside.</p>"
        + "</div>" * depth
        + "</body></html>"
    )
    try:
        article = read_html(page, name="deep.html")
    except InputError as exc:
        assert "nesting deeper than" in str(exc)
    else:
        assert article.metadata.title == "Deep"
        assert outline(article) == [("p", "The only paragraph, deep inside.")]


def test_deep_inline_nesting_is_flattened():
    page = "<title>T</title><p>" + "<b><i>" * 20_000 + "core" + "</i></b>" * 20_000 + " end</p>"
    article = read_html(page)
    assert plain_text(article.blocks[0].children) == "core end"


def test_deep_list_nesting_is_refused():
    page = "<title>T</title><p>x</p>" + "<ul><li>" * 5_000 + "deep" + "</li></ul>" * 5_000
    with pytest.raises(InputError, match="nesting deeper than"):
        read_html(page)


def test_many_attributes():
    attrs = " ".join(f'data-a{i}="{i}"' for i in range(50_000))
    article = read_html(f"<title>T</title><p {attrs}>Hello</p>")
    assert outline(article) == [("p", "Hello")]


def test_invalid_jsonld_is_a_note_not_a_crash():
    page = (
        '<title>T</title><script type="application/ld+json">' + "[" * 100_000
        + "</script><p>Body</p>"
    )
    article = read_html(page)
    assert "JSON-LD not understood (invalid JSON)" in article.notes


def test_no_title_names_the_file():
    with pytest.raises(InputError, match=r"nameless\.html: cannot find the title"):
        read_html("<p>Just a paragraph.</p>", name="nameless.html")


def test_empty_page():
    with pytest.raises(InputError, match="empty"):
        read_html("  \n", name="e.html")


# ----------------------------------------------------------------- smaller rules


def test_title_site_suffix_is_stripped():
    page = "<title>{}</title><p>Body text.</p>"
    cases = {
        "Bridge Opens | U.S. Department of Defense": "Bridge Opens",
        "Bridge Opens > U.S. Department of Defense > Story": "Bridge Opens",
        "Bridge Opens - Army.mil": "Bridge Opens",
        "Pilots train - and learn - in the cold": "Pilots train - and learn - in the cold",
    }
    for title, expected in cases.items():
        assert read_html(page.format(title)).metadata.title == expected


def test_whitespace_collapses_across_inlines_but_keeps_nbsp():
    article = read_html("<title>T</title><p>  Hello \n <b> big </b>  world\u00a0 !  </p>")
    assert article.blocks[0].children == (
        Text("Hello "),
        Strong((Text("big "),)),
        Text("world\u00a0 !"),
    )


def test_image_notes_and_alt_rules():
    page = (
        "<title>T</title><p>Body.</p>"
        '<img src="file:///etc/passwd" alt="a">'
        '<img src="/srv/www/x.png" alt="b">'
        '<img src="//cdn.example.com/c.png" alt="c">'
        '<img src="d.png" alt="d" role="presentation">'
        '<img src="e.png" alt="  ">'
        '<img src="beacon.gif" alt="">'
    )
    article = read_html(page)
    images = [b.image for b in article.blocks if isinstance(b, Figure)]
    assert [(i.src, i.alt, i.decorative) for i in images] == [
        ("file:///etc/passwd", "a", False),
        ("/srv/www/x.png", "b", False),
        ("//cdn.example.com/c.png", "c", False),
        ("d.png", "", True),
        ("e.png", "", True),
    ]
    assert article.notes == (
        "file URL image kept as written (the writers refuse it): file:///etc/passwd",
        "absolute image path kept as written (the writers refuse it): /srv/www/x.png",
        "remote image not fetched: //cdn.example.com/c.png",
        "no byline",
        "no date",
        "no page language (<html lang>)",
    )


def test_block_level_lang_becomes_a_span():
    article = read_html("<html lang='en'><title>T</title><p lang='de'>Guten Tag.</p></html>")
    assert article.blocks == (Paragraph((Span("de", (Text("Guten Tag."),)),)),)


def test_first_th_row_without_thead_is_the_head():
    page = (
        "<title>T</title><p>Body.</p><table><tr><th>A</th><th>B</th></tr>"
        "<tr><td>1</td><td>2</td></tr></table>"
    )
    (table,) = [b for b in read_html(page).blocks if isinstance(b, Table)]
    assert table.head == ((Cell((Text("A"),), True, "col"), Cell((Text("B"),), True, "col")),)
    assert table.body == ((Cell((Text("1"),)), Cell((Text("2"),))),)


def test_definition_list_with_nested_list_is_read_once():
    page = (
        "<title>T</title><p>Body.</p><dl><dt>Term</dt><dd>Outer"
        "<dl><div><dt>Inner</dt><dd>Deep</dd></div></dl></dd></dl>"
    )
    texts = [t for t in block_texts(read_html(page).blocks)]
    assert texts == ["Body.", "Term", "Outer", "Inner", "Deep"]


# ---------------------------------------------------------------------- fuzzing

_TAGS = [
    "div", "p", "span", "a", "b", "i", "em", "strong", "ul", "ol", "li", "table", "tr", "td",
    "th", "thead", "tbody", "caption", "figure", "figcaption", "img", "br", "h1", "h2", "h3",
    "blockquote", "q", "abbr", "code", "pre", "article", "main", "header", "footer", "nav",
    "aside", "form", "script", "style", "title", "html", "body", "head", "meta", "time", "hr",
    "dl", "dt", "dd", "hgroup", "section", "svg",
]  # fmt: skip
_ATTRS = [
    'class="byline"', 'class="dateline"', 'class="credit"', 'class="share"', "hidden",
    'lang="fr"', 'lang="x"', 'title="T"', 'href="h"', 'src="s"', 'alt=""', 'alt="a"',
    'width="1"', 'height="x"', 'colspan="0"', 'rowspan="99999999999"', 'start="-3"',
    'scope="row"', 'role="main"', 'role="presentation"', 'itemprop="articleBody"',
    'aria-hidden="true"', 'style="display:none"', 'type="application/ld+json"',
    'property="og:title" content="Og"', 'datetime="2020-02-30"', 'rel="author"',
]  # fmt: skip
_TEXT = st.text(alphabet=st.characters(codec="utf-8"), max_size=12) | st.sampled_from(
    ["By Jane Doe, Army News", "WASHINGTON — Body.", "(Photo by X)", "{", '{"@graph": [1]}',
     "Published May 6, 2015", " ", "&amp;", "&", "<", "<!-- c -->", "]]>"]
)  # fmt: skip


@st.composite
def fragments(draw) -> str:
    parts: list[str] = []
    for _ in range(draw(st.integers(0, 40))):
        kind = draw(st.integers(0, 3))
        if kind == 0:
            tag = draw(st.sampled_from(_TAGS))
            attrs = " ".join(draw(st.lists(st.sampled_from(_ATTRS), max_size=3)))
            parts.append(f"<{tag} {attrs}>")
        elif kind == 1:
            parts.append(f"</{draw(st.sampled_from(_TAGS))}>")
        else:
            parts.append(draw(_TEXT))
    return "".join(parts)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fragments())
def test_random_fragments_raise_only_input_errors(page: str):
    try:
        article = read_html(page, name="fuzz.html")
    except InputError:
        return
    assert article.metadata.title
    assert article.blocks


# ------------------------------------------------------------ responsive images


def test_picture_keeps_its_img_and_alt_and_drops_the_sources():
    """lxml's HTML4 parser nests what follows a void <source> inside it (see _parse)."""
    page = (
        "<html lang='en'><head><title>T</title></head><body><article><p>Before the picture.</p>"
        "<figure><picture>"
        '<source srcset="photos/pier-800.webp 800w, photos/pier-1600.webp 1600w"'
        ' type="image/webp">'
        '<source srcset="photos/pier-800.jpg 800w" media="(max-width: 600px)">'
        '<img src="photos/pier.jpg" alt="Sailors on the pier at dawn" width="800">'
        "</picture><figcaption>The crew returns.</figcaption></figure>"
        "<picture><source srcset='a.webp'><img src='b.jpg' alt='A second picture'></picture>"
        "<p>After the picture.</p></article></body></html>"
    )
    article = read_html(page)
    assert article.blocks == (
        Paragraph((Text("Before the picture."),)),
        Figure(
            Image("photos/pier.jpg", "Sailors on the pier at dawn", width=800),
            (Text("The crew returns."),),
        ),
        Figure(Image("b.jpg", "A second picture")),
        Paragraph((Text("After the picture."),)),
    )
    assert "pier-800" not in repr(article)


@pytest.mark.parametrize("void", ["source", "track", "wbr", "embed", "keygen"])
def test_text_after_a_void_element_lxml_does_not_know_stays(void):
    article = read_html(f"<title>T</title><p>One <{void}>two <b>three</b> four.</p><p>Five.</p>")
    texts = [plain_text(b.children) for b in article.blocks]
    assert texts == ["One two three four.", "Five."]


def test_a_given_title_reads_a_page_without_one():
    with pytest.raises(InputError, match=r'--meta title="\.\.\."'):
        read_html("<p>Just a paragraph.</p>", name="nameless.html")
    article = read_html("<p>Just a paragraph.</p>", name="nameless.html", title="Given")
    assert article.metadata.title == "Given"


def test_a_saved_xhtml_page_is_read_without_a_parser_warning(tmp_path):
    import warnings

    from renderer.ingest import ingest

    page = tmp_path / "x.html"
    page.write_text(
        '<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml" lang="en">'
        "<head><title>X</title></head><body><article><h1>Saved XHTML page</h1>"
        "<p>Body text of a saved page.</p></article></body></html>",
        "utf-8",
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        article = ingest(page)
    assert article.metadata.title == "Saved XHTML page"
