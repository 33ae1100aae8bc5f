"""The plain-text scrape reader: the founding sample, invented variants, and refusals."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from renderer.errors import InputError
from renderer.ingest._text_rules import (
    is_chrome_line,
    parse_byline,
    parse_date,
    parse_kicker,
    split_dateline,
)
from renderer.ingest.text import read_text
from renderer.model import Article, Heading, Paragraph, Text, plain_text

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "samples" / "isil-losing-ground.txt"
SCRAPES = Path(__file__).resolve().parent / "scrapes"

MIL_BANNER = [
    "An official website of the United States government",
    "Here's how you know",
    "Here’s how you know",
    "A .mil website belongs to an official U.S. Department of Defense organization",
    "A lock (lock ) or https:// means you’ve safely connected to the .mil website.",
    "A lock ( ) or https://",
    "Share sensitive information only on official, secure websites.",
    "safely connected",
]
GOV_BANNER = [
    "Official websites use .gov",
    "A .gov website belongs to an official government organization",
    "Secure .gov websites use HTTPS",
    "means you’ve safely connected to the .gov website",
]
# Chrome that is a whole short line: must never be a block, title or metadata value.
SHORT_CHROME = ["Share", "Print", "Skip to main content", "Facebook Twitter LinkedIn Email"]


def read(name: str) -> Article:
    path = SCRAPES / name
    return read_text(path.read_text(encoding="utf-8"), name=path.name)


def strings(article: Article) -> list[str]:
    """Every piece of text the article carries."""
    out: list[str] = []
    for f in dataclasses.fields(article.metadata):
        value = getattr(article.metadata, f.name)
        if isinstance(value, str):
            out.append(value)
        elif isinstance(value, tuple):
            out.extend(v for v in value if isinstance(v, str))
    out.extend(plain_text(block.children) for block in article.blocks)
    out.extend(article.notes)
    return out


def assert_no_chrome(article: Article, *extra: str) -> None:
    blob = "\n".join(strings(article))
    for chrome in [*MIL_BANNER, *GOV_BANNER, *extra]:
        assert chrome not in blob, chrome
    values = set(strings(article))
    for chrome in SHORT_CHROME:
        assert chrome not in values, chrome
    for text in strings(article):
        assert not text.startswith(("Home >", "Home /")), text


def texts(article: Article) -> list[tuple[str, str]]:
    out = []
    for block in article.blocks:
        kind = f"h{block.level}" if isinstance(block, Heading) else "p"
        assert isinstance(block, Heading | Paragraph)
        assert len(block.children) == 1 and isinstance(block.children[0], Text)
        out.append((kind, block.children[0].text))
    return out


# ---------------------------------------------------------------------------- seed


def seed_paragraphs() -> list[str]:
    """The seed's body paragraphs, cut out of the file independently of the reader."""
    raw = SEED.read_text(encoding="utf-8")
    chunks = [c.strip() for c in raw.split("\n\n")]
    start = next(i for i, c in enumerate(chunks) if c.startswith("MACDILL"))
    body = chunks[start:]
    prefix = "MACDILL AIR FORCE BASE, Fla., May 6, 2015 - "
    assert body[0].startswith(prefix)
    body[0] = body[0].removeprefix(prefix)
    return body


def test_seed_metadata():
    article = read_text(SEED.read_text(encoding="utf-8"), name=SEED.name)
    m = article.metadata
    assert m.title == ("ISIL losing ground, forced into defensive position, CJTF-OIR official says")
    assert m.subtitle is None
    assert m.section == "News"
    assert m.date == dt.date(2015, 5, 6)
    assert m.authors == ("John Redfield",)
    assert m.organization == "U.S. Central Command Public Affairs"
    assert m.dateline == "MACDILL AIR FORCE BASE, Fla., May 6, 2015"
    assert m.publisher == "U.S. Department of Defense"
    assert m.language is None
    assert (m.source, m.identifier, m.description, m.keywords) == (None, None, None, ())
    assert article.base_dir is None
    assert article.notes == ()


def test_seed_body():
    article = read_text(SEED.read_text(encoding="utf-8"), name=SEED.name)
    expected = seed_paragraphs()
    assert len(expected) == 8
    assert texts(article) == [("p", p) for p in expected]
    first = texts(article)[0][1]
    assert first.startswith("The Islamic State of Iraq and the Levant is losing ground")
    # The separator inside the sentence is not a second dateline.
    assert "Combined Joint Task Force - Operation Inherent Resolve chief of staff." in first


def test_seed_quotes_survive():
    raw = SEED.read_text(encoding="utf-8")
    assert "you’ve" in raw  # the curly apostrophe is in the (dropped) banner
    article = read_text(raw, name=SEED.name)
    body = [t for _, t in texts(article)]
    assert body[1].endswith(
        '"ISIL represents a threat to the international community, but 60 '
        'countries have joined forces to defeat and ultimately degrade ISIL."'
    )
    assert "coalition's military actions" in body[4]
    assert not any(c in "\n".join(body) for c in "“”‘’")


def test_seed_has_no_chrome():
    article = read_text(SEED.read_text(encoding="utf-8"), name=SEED.name)
    assert_no_chrome(article, "By By", "News | May 6, 2015")


def test_seed_with_crlf_and_bom_reads_the_same():
    raw = SEED.read_text(encoding="utf-8")
    assert read_text("\ufeff" + raw.replace("\n", "\r\n")) == read_text(raw)


# ------------------------------------------------------------------------ variants


def test_gov_banner_em_dash_dateline_two_authors():
    article = read("gov-banner-em-dash.txt")
    m = article.metadata
    assert m.title == "Volunteers map flood routes for rural counties"
    assert m.section == "Press Release"
    assert m.date == dt.date(2019, 1, 3)
    assert m.authors == ("Jane Doe", "John Roe")
    assert m.organization == "Army News Service"
    assert m.dateline == "WASHINGTON"
    assert m.publisher is None  # "an official government organization" names nobody
    assert article.notes == ()
    assert texts(article) == [
        (
            "p",
            "Engineers from three districts spent the winter charting how water moves "
            "through the river valleys of the northern plains, the agency said Thursday.",
        ),
        (
            "p",
            "The maps, drawn with help from county road crews, show which bridges close "
            "first when the river rises and which farm roads stay dry.",
        ),
        (
            "p",
            "“We wanted a picture a dispatcher can read at two in the morning,” said Lena "
            "Ortiz, a hydrologist who led the survey.",
        ),
        (
            "p",
            "The counties will receive printed atlases in the spring, and the data will be "
            "posted for public use.",
        ),
    ]
    assert_no_chrome(article, "Home / News / Stories", "Here’s how you know")


def test_afns_double_dash_dateline():
    article = read("afns-double-dash.txt")
    m = article.metadata
    assert m.title == "Airmen rebuild a runway light system in 36 hours"
    assert m.section == "Feature"
    assert m.date == dt.date(2021, 9, 9)
    assert m.authors == ("Tech. Sgt. Marisol Vance",)
    assert m.organization == "Secretary of the Air Force Public Affairs"
    assert m.dateline == "WASHINGTON (AFNS)"
    assert m.publisher == "U.S. Department of Defense"
    assert article.notes == ()
    body = texts(article)
    assert [k for k, _ in body] == ["p", "p", "p"]
    assert body[0][1].startswith("A team of 14 electricians replaced")
    assert body[1][1].startswith("The crew worked in two shifts")
    assert body[2][1] == (
        '"Nobody slept much, but nobody had to be told what to do next," '
        "said Master Sgt. Owen Pruitt, the crew chief."
    )
    assert_no_chrome(article, "--", "AFNS) --")


def test_rank_byline_subheads_and_related_links():
    article = read("rank-byline-subheads.txt")
    m = article.metadata
    assert m.title == "Tankers train night gunnery on a frozen range"
    assert m.section == "News"
    assert m.date == dt.date(2018, 2, 27)  # the kicker wins over the dateline's date
    assert m.authors == ("Sgt. 1st Class Dana Whitfield",)
    assert m.organization == "1st Armored Division Public Affairs"
    assert m.dateline == "FORT BLISS, Texas, Feb. 26, 2018"
    assert article.notes == ()
    body = texts(article)
    assert [k for k, _ in body] == ["p", "p", "h2", "p", "p", "h2", "p", "p"]
    assert body[0][1].startswith("Crews from the division's second brigade")
    assert body[2] == ("h2", "SAFETY FIRST")
    assert body[5] == ("h2", "Lessons From the Range")
    assert body[-1] == ("p", "The brigade will run the same tables again in April.")
    assert_no_chrome(
        article,
        "RELATED LINKS",
        "Division completes winter exercise",
        "Brigade welcomes new commander",
        "Article View",
    )


def test_from_byline_without_kicker():
    article = read("from-byline-no-kicker.txt")
    m = article.metadata
    assert m.title == "Mountain soldiers test new cold-weather boots"
    assert m.section is None
    assert m.date == dt.date(2020, 3, 4)  # from the dateline
    assert m.authors == ()
    assert m.organization == "10th Mountain Division Public Affairs"
    assert m.dateline == "FORT DRUM, N.Y., March 4, 2020"
    assert m.publisher == "U.S. Department of Defense"
    assert article.notes == ("no kicker line", "no author in the byline")
    body = texts(article)
    assert len(body) == 3 and all(k == "p" for k, _ in body)
    assert body[0][1].startswith("Soldiers of the division's light infantry companies")
    assert body[2][1].startswith("The results go to")
    assert_no_chrome(article, "Official websites use .mil", "Secure .mil websites use HTTPS")


def test_two_line_byline_with_published_line():
    article = read("two-line-byline.txt")
    m = article.metadata
    assert m.title == "Wing opens a repair shop for bicycles on base"
    assert m.section is None
    assert m.date == dt.date(2018, 2, 27)
    assert m.authors == ("Staff Sgt. Jane Doe",)
    assert m.organization == "55th Wing Public Affairs"
    assert m.dateline is None
    assert article.notes == ("no kicker line", "no dateline")
    body = texts(article)
    assert len(body) == 3 and all(k == "p" for k, _ in body)
    assert body[0][1].startswith("Airmen who ride to work")
    assert body[2][1] == (
        "“It started with one pump and a sign,” said Airman 1st Class "
        "Theo Marsh, who keeps the schedule."
    )
    assert_no_chrome(article, "Published")
    assert ("p", "55th Wing Public Affairs") not in body


def test_single_newline_scrape_with_doubled_by():
    article = read("single-newline-doubled-by.txt")
    m = article.metadata
    assert m.title == "Sailors restore a historic signal lamp for the museum"
    assert m.section == "News Release"
    assert m.date == dt.date(2019, 11, 8)
    assert m.authors == ("Karen Olmstead",)
    assert m.organization == "Naval Surface Force Atlantic Public Affairs"
    assert m.dateline == "NORFOLK, Va. (NNS)"
    assert article.notes == ()
    assert texts(article) == [
        (
            "p",
            "Two signalmen spent their off-duty evenings bringing a century-old signal "
            "lamp back to working order.",
        ),
        ("p", "The lamp had sat in a storeroom since the 1970s, its shutters rusted shut."),
        ("h2", "Finding Parts"),
        ("p", "Replacement lenses came from a retired machinist who still had the original molds."),
        ("p", "The museum will display the lamp beside a placard telling its story."),
    ]
    assert_no_chrome(article, "By By", "Related Stories", "Museum reopens after renovation")


# -------------------------------------------------------------------------- errors


@pytest.mark.parametrize(
    ("name", "what"),
    [
        ("byline-first.txt", "looks like a byline"),
        ("dateline-first.txt", "looks like a dateline paragraph"),
    ],
)
def test_refuses_to_guess_the_title(name, what):
    with pytest.raises(InputError) as info:
        read(name)
    message = str(info.value)
    assert message.startswith(f"{name}: cannot find the title:")
    assert what in message
    assert "\n" not in message


def test_refuses_a_body_paragraph_as_title():
    text = (
        "An official website of the United States government\n\n"
        "The exercise ended on Friday. Crews returned to their home stations.\n\n"
        "A second paragraph.\n"
    )
    with pytest.raises(InputError, match=r"^x\.txt: cannot find the title: .*body paragraph"):
        read_text(text, name="x.txt")


def test_refuses_an_overlong_title():
    with pytest.raises(InputError, match="body paragraph"):
        read_text("word " * 60 + "\n\nBody.\n", name="long.txt")


@pytest.mark.parametrize("text", ["", "   \n\t\n", "\ufeff"])
def test_empty_file(text):
    with pytest.raises(InputError, match=r"^empty\.txt: the file is empty$"):
        read_text(text, name="empty.txt")


def test_title_without_body():
    text = "News | May 6, 2015\n\nA headline and nothing else\n\nBy Jane Doe\n\nRELATED LINKS\nx\n"
    with pytest.raises(InputError, match=r"^t\.txt: no body paragraphs after the title"):
        read_text(text, name="t.txt")


def test_only_chrome():
    text = "An official website of the United States government\nHere’s how you know\nShare\n"
    with pytest.raises(InputError, match=r"^c\.txt: .*only site chrome"):
        read_text(text, name="c.txt")


# ----------------------------------------------------------------- smaller pieces


def test_minimal_article_notes_everything_missing():
    article = read_text("A headline\n\nOne paragraph of text.\n")
    assert article.metadata.title == "A headline"
    assert texts(article) == [("p", "One paragraph of text.")]
    assert article.notes == ("no kicker line", "no byline", "no dateline", "no date")
    assert article.metadata.publisher is None


def test_whitespace_runs_collapse_but_nothing_else_changes():
    article = read_text("Title here\n\n  Two  spaces,\ttab and “quotes” — dash.  \n")
    assert texts(article) == [("p", "Two spaces, tab and “quotes” — dash.")]


def test_subtitle_between_title_and_byline():
    text = "Main headline\nA deck under the headline\nBy Jane Doe\n\nBody text here.\n"
    m = read_text(text).metadata
    assert (m.title, m.subtitle, m.authors) == (
        "Main headline",
        "A deck under the headline",
        ("Jane Doe",),
    )


def test_hard_wrapped_paragraphs_are_joined():
    text = (
        "Title of the story\n\n"
        "This paragraph was wrapped at a fixed width by whatever tool\n"
        "saved the page, so its lines belong together as one paragraph.\n\n"
        "Second paragraph.\n"
    )
    assert [t for _, t in texts(read_text(text))] == [
        "This paragraph was wrapped at a fixed width by whatever tool saved the page, so its "
        "lines belong together as one paragraph.",
        "Second paragraph.",
    ]


def test_heading_candidates_at_the_edges_stay_paragraphs():
    text = "Title\n\nIntro Line Here\n\nA paragraph.\n\nClosing Words\n"
    assert [k for k, _ in texts(read_text(text))] == ["p", "p", "p"]


def test_kicker_date_used_before_published_line():
    text = "News | May 6, 2015\nTitle\nPublished May 7, 2015\nBody paragraph.\n"
    assert read_text(text).metadata.date == dt.date(2015, 5, 6)


def test_updated_line_is_metadata_not_body():
    article = read_text("Title\nUpdated: March 4, 2020 at 10:30 a.m. EST\nBody paragraph.\n")
    assert article.metadata.date == dt.date(2020, 3, 4)
    assert texts(article) == [("p", "Body paragraph.")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("May 6, 2015", dt.date(2015, 5, 6)),
        ("Feb. 27, 2018", dt.date(2018, 2, 27)),
        ("Sept. 3, 2019", dt.date(2019, 9, 3)),
        ("Sept 3, 2019", dt.date(2019, 9, 3)),
        ("September 3, 2019", dt.date(2019, 9, 3)),
        ("Jan. 3, 2019", dt.date(2019, 1, 3)),
        ("2015-05-06", dt.date(2015, 5, 6)),
        ("6 May 2015", dt.date(2015, 5, 6)),
        ("Tuesday, May 5, 2015", dt.date(2015, 5, 5)),
        ("Feb. 30, 2018", None),
        ("Mayday 6, 2015", None),
        ("soon", None),
    ],
)
def test_parse_date(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("line", "section", "date"),
    [
        ("News | May 6, 2015", "News", dt.date(2015, 5, 6)),
        ("Press Release | Jan. 3, 2019", "Press Release", dt.date(2019, 1, 3)),
        ("News Release | Sept 9, 2021", "News Release", dt.date(2021, 9, 9)),
        ("Feature | 2015-05-06", "Feature", dt.date(2015, 5, 6)),
    ],
)
def test_parse_kicker(line, section, date):
    kicker = parse_kicker(line)
    assert kicker is not None
    assert (kicker.section, kicker.date) == (section, date)


@pytest.mark.parametrize("line", ["News", "Apples | oranges", "the news | May 6, 2015"])
def test_not_a_kicker(line):
    assert parse_kicker(line) is None


@pytest.mark.parametrize(
    ("line", "authors", "org"),
    [
        (
            "By By John Redfield, U.S. Central Command Public Affairs",
            ("John Redfield",),
            "U.S. Central Command Public Affairs",
        ),
        (
            "By Sgt. 1st Class Jane Doe, 1st Armored Division Public Affairs",
            ("Sgt. 1st Class Jane Doe",),
            "1st Armored Division Public Affairs",
        ),
        (
            "By Jim Garamone, DoD News, Defense Media Activity",
            ("Jim Garamone",),
            "DoD News, Defense Media Activity",
        ),
        (
            "By Jane Doe and John Roe, Army News Service",
            ("Jane Doe", "John Roe"),
            "Army News Service",
        ),
        (
            "By Jane Doe, John Roe, and Jim Poe, Army News Service",
            ("Jane Doe", "John Roe", "Jim Poe"),
            "Army News Service",
        ),
        (
            "By Robert Lane, Jr., Defense Logistics Agency",
            ("Robert Lane, Jr.",),
            "Defense Logistics Agency",
        ),
        ("By Jane Doe, Stars and Stripes", ("Jane Doe",), "Stars and Stripes"),
        ("From U.S. Army Public Affairs", (), "U.S. Army Public Affairs"),
        ("From 10th Mountain Division Public Affairs", (), "10th Mountain Division Public Affairs"),
        ("By Jane Doe", ("Jane Doe",), None),
    ],
)
def test_parse_byline(line, authors, org):
    byline = parse_byline(line)
    assert byline is not None
    assert (byline.authors, byline.organization) == (authors, org)


@pytest.mark.parametrize(
    "line",
    [
        "By the end of the week, crews had finished the runway.",
        "From Tanks to Drones: Army Modernizes",
        "From the start, the plan was simple.",
        "Byline missing here",
    ],
)
def test_not_a_byline(line):
    assert parse_byline(line) is None


@pytest.mark.parametrize(
    ("paragraph", "dateline", "rest"),
    [
        ("WASHINGTON — The Pentagon said.", "WASHINGTON", "The Pentagon said."),
        ("WASHINGTON – The Pentagon said.", "WASHINGTON", "The Pentagon said."),
        ("WASHINGTON (AFNS) -- Airmen said.", "WASHINGTON (AFNS)", "Airmen said."),
        ("NORFOLK, Va. (NNS) -- Sailors said.", "NORFOLK, Va. (NNS)", "Sailors said."),
        (
            "FORT BRAGG, N.C., Sept. 3, 2019 - Troops said.",
            "FORT BRAGG, N.C., Sept. 3, 2019",
            "Troops said.",
        ),
        (
            "CAMP HUMPHREYS, South Korea -- Soldiers said.",
            "CAMP HUMPHREYS, South Korea",
            "Soldiers said.",
        ),
        (
            "JOINT BASE SAN ANTONIO-LACKLAND, Texas — Trainees said.",
            "JOINT BASE SAN ANTONIO-LACKLAND, Texas",
            "Trainees said.",
        ),
    ],
)
def test_split_dateline(paragraph, dateline, rest):
    assert split_dateline(paragraph) == (dateline, rest)


@pytest.mark.parametrize(
    "paragraph",
    [
        "ISIL - a group that once held cities - now holds villages.",
        "NATO and partner nations met in Brussels - again.",
        "U.S. - Iraqi cooperation grew.",
        "Washington, D.C. -- Officials said.",
        "The Combined Joint Task Force - Operation Inherent Resolve said.",
    ],
)
def test_not_a_dateline(paragraph):
    assert split_dateline(paragraph) is None


def test_first_paragraph_that_is_not_a_dateline_stays_whole():
    text = "Title\n\nISIL - a group that once held cities - now holds villages.\n\nMore.\n"
    article = read_text(text)
    assert article.metadata.dateline is None
    assert texts(article)[0] == ("p", "ISIL - a group that once held cities - now holds villages.")


def test_glued_banner_and_breadcrumb_variants_are_chrome():
    text = (
        "An official website of the United States government Here’s how you know\n"
        "Official websites use .gov A .gov website belongs to an official government "
        "organization in the United States.\n"
        "Skip to main content (Press Enter).\n"
        "Home > News > Article View\n"
        "Share: Facebook | X | LinkedIn | Email | Print\n"
        "Title\n\nBody paragraph.\n\nRelated Links\nA link\n"
    )
    article = read_text(text)
    assert article.metadata.title == "Title"
    assert texts(article) == [("p", "Body paragraph.")]


def test_glued_banner_story_by_and_dma_footer():
    article = read("glued-banner-footer.txt")
    m = article.metadata
    assert m.title == "What a field kitchen taught me about leadership"
    assert m.section == "Commentary"
    assert m.date == dt.date(2019, 10, 1)
    assert m.authors == ("Cpl. Ana Reyes",)
    assert m.organization == "Marine Corps Installations East"
    assert m.dateline == "CAMP LEJEUNE, N.C."
    assert m.publisher == "U.S. Department of Defense"
    assert article.notes == ()
    assert texts(article) == [
        (
            "p",
            "The first morning I ran the field kitchen, the burners failed and 200 Marines "
            "were waiting for breakfast.",
        ),
        ("p", "I had a plan for everything except the thing that actually happened."),
        ("h2", "WHAT WENT WRONG"),
        ("p", "The fuel line had frozen overnight. Nobody had checked it, including me."),
        ("h2", "WHAT I CHANGED"),
        (
            "p",
            "Now the first task of every morning belongs to the newest cook, and the second "
            "task is checking their work.",
        ),
    ]
    assert_no_chrome(
        article,
        "Skip to main content",
        "Article View",
        "Share:",
        "LockA locked padlock",
        "Hosted by Defense Media Activity",
        "Contact Us",
        "Privacy Policy",
    )


@pytest.mark.parametrize(
    ("line", "authors", "org", "date"),
    [
        (
            "By Lt. j.g. Jane Doe, Navy Public Affairs Support Element",
            ("Lt. j.g. Jane Doe",),
            "Navy Public Affairs Support Element",
            None,
        ),
        (
            "Story by Chief Mass Communication Specialist 1st Class John Q. Public, "
            "Naval Air Forces",
            ("Chief Mass Communication Specialist 1st Class John Q. Public",),
            "Naval Air Forces",
            None,
        ),
        (
            "By Jane Doe, Army News Service, May 6, 2015",
            ("Jane Doe",),
            "Army News Service",
            dt.date(2015, 5, 6),
        ),
        ("By Jane Doe | Army News Service", ("Jane Doe",), "Army News Service", None),
        ("By: Jane Doe", ("Jane Doe",), None, None),
    ],
)
def test_parse_byline_more_shapes(line, authors, org, date):
    byline = parse_byline(line)
    assert byline is not None
    assert (byline.authors, byline.organization, byline.date) == (authors, org, date)


def test_byline_date_is_used_when_there_is_no_kicker():
    text = "Title\nBy Jane Doe, Army News Service, May 6, 2015\nBody paragraph.\n"
    article = read_text(text)
    assert article.metadata.date == dt.date(2015, 5, 6)
    assert article.metadata.organization == "Army News Service"


@pytest.mark.parametrize(
    ("paragraph", "dateline"),
    [
        ("WASHINGTON, May 6, 2015 — Text.", "WASHINGTON, May 6, 2015"),
        ("FORT MEADE, Md. (AFPS) -- Text.", "FORT MEADE, Md. (AFPS)"),
        ("KABUL, Afghanistan, May 6, 2015 - Text.", "KABUL, Afghanistan, May 6, 2015"),
        ("WASHINGTON, May 6 -- Text.", "WASHINGTON, May 6"),
        ("SAN ANTONIO (AFNS) — Text.", "SAN ANTONIO (AFNS)"),
    ],
)
def test_split_dateline_more_shapes(paragraph, dateline):
    assert split_dateline(paragraph) == (dateline, "Text.")


def test_dateline_without_year_gives_no_date():
    article = read_text("Title\n\nWASHINGTON, May 6 -- Text of the story.\n")
    assert article.metadata.dateline == "WASHINGTON, May 6"
    assert article.metadata.date is None
    assert "no date" in article.notes


@pytest.mark.parametrize(
    "line",
    [
        "Share " * 40 + "and more",  # would take ages with ambiguous whitespace (backtracking)
        "Facebook | " * 40 + "and more",
    ],
)
def test_near_chrome_lines_are_rejected_quickly(line):
    assert not is_chrome_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "Share",
        "Print",
        "Facebook Twitter LinkedIn Email",
        "Share: Facebook | X | LinkedIn | Email | Print",
        "Home > News > Article View",
        "Home / News / Stories",
        "Skip to main content",
    ],
)
def test_chrome_lines(line):
    assert is_chrome_line(line)
