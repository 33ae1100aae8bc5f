"""The plain-text scrape reader: the founding sample, invented variants, and refusals."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from renderer.errors import InputError
from renderer.ingest._text_rules import (
    dateline_alone,
    is_chrome_line,
    parse_byline,
    parse_date,
    parse_kicker,
    split_dateline,
    split_photo_caption,
)
from renderer.ingest.text import read_text
from renderer.model import (
    Article,
    Heading,
    Metadata,
    Paragraph,
    PhotoCaption,
    Text,
    plain_text,
)

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
        # author lists follow the one rule (split_authors)
        ("By John Smith, Jr., and Jane Roe", ("John Smith, Jr.", "Jane Roe"), None),
        (
            "By John Smith, Jr., and Jane Roe, Army News Service",
            ("John Smith, Jr.", "Jane Roe"),
            "Army News Service",
        ),
        ("By John Smith, Jr.", ("John Smith, Jr.",), None),
        ("By Jane Doe & John Roe, DoD News", ("Jane Doe", "John Roe"), "DoD News"),
        (
            "Par Jeanne Dupont et Paul Martin, Marine nationale",
            ("Jeanne Dupont", "Paul Martin"),
            "Marine nationale",
        ),
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


# ------------------------------------------------------------- the wider family


def items(article: Article) -> list[tuple[str, ...]]:
    """The body in order: ("p", text), ("h2", text) or ("caption", text, credit)."""
    out: list[tuple[str, ...]] = []
    for block in article.blocks:
        assert len(block.children) == 1 and isinstance(block.children[0], Text)
        text = block.children[0].text
        if isinstance(block, PhotoCaption):
            out.append(("caption", text, block.credit))
        else:
            assert isinstance(block, Heading | Paragraph)
            out.append((f"h{block.level}" if isinstance(block, Heading) else "p", text))
    return out


def test_archive_notices_and_press_release_kicker():
    article = read("archive-notice-press-release.txt")
    m = article.metadata
    assert m.title == "Depot finishes overhaul of its last steam crane"
    assert m.subtitle is None
    assert m.section == "Press Release"
    assert m.date == dt.date(2019, 1, 3)
    assert m.authors == ("Marcus Bell",)
    assert m.organization == "Defense Logistics Agency Public Affairs"
    assert m.dateline == "SUSQUEHANNA, Pa."
    assert m.language is None
    assert m.publisher == "U.S. Department of Defense"
    assert (m.source, m.identifier, m.description, m.keywords) == (None, None, None, ())
    assert article.notes == ()
    assert items(article) == [
        (
            "p",
            "Workers at the distribution depot this week lowered the boom of the "
            "installation's last steam-powered crane onto a flatbed bound for a railroad museum.",
        ),
        (
            "p",
            "The crane lifted crates on the depot's north siding from 1943 until 1991, when "
            "diesel equipment replaced it.",
        ),
        (
            "p",
            "Volunteers from the museum spent three weekends removing asbestos lagging under "
            "the supervision of the depot's safety office.",
        ),
        (
            "p",
            '"It is the last thing on this base that remembers coal," said Ruth Adair, the '
            "depot's historian.",
        ),
    ]
    assert_no_chrome(
        article,
        "ARCHIVED CONTENT",
        "archived content",
        "out of date",
        "historical collection",
        "no longer updated",
        "Newsroom",
        "Press Release | Jan. 3, 2019",
    )


def test_nns_dateline_alone_on_its_line():
    article = read("nns-dateline-own-line.txt")
    m = article.metadata
    assert m.title == "Corpsmen teach bleeding control to middle school staff"
    assert m.subtitle is None
    assert m.section == "News Story"
    assert m.date == dt.date(2018, 2, 27)
    assert m.authors == ("Mass Communication Specialist 2nd Class Erin Castillo",)
    assert m.organization == "Naval Medical Center Portsmouth Public Affairs"  # second line
    assert m.dateline == "NORFOLK, Va. (NNS)"
    assert m.language is None
    assert m.publisher == "U.S. Department of Defense"
    assert (m.source, m.identifier, m.description, m.keywords) == (None, None, None, ())
    assert article.notes == ()
    assert items(article) == [
        (
            "p",
            "Hospital corpsmen from the medical center spent a teacher workday showing 60 "
            "school employees how to pack a wound and apply a tourniquet.",
        ),
        (
            "p",
            "Each teacher practiced on a foam limb until the instructors were satisfied with "
            "the pressure and placement.",
        ),
        ("h2", "Why Schools"),
        (
            "p",
            "Corpsmen said the idea came from a parent who works in the emergency department "
            "and wanted trained hands in every hallway.",
        ),
        ("p", "The school district plans to repeat the class for bus drivers in the fall."),
    ]
    assert_no_chrome(
        article,
        "(NNS) --",
        "Navy > News",
        "Photo Details",
        "Download Full Image",
        "Related Links",
        "Corpsmen join community health fair",
        "archived",
    )


def test_army_photo_captions_and_date_line_under_the_byline():
    article = read("army-photo-captions.txt")
    m = article.metadata
    assert m.title == "Reservists clear a backlog of cargo at a Gulf port"
    assert m.subtitle is None
    assert m.section is None
    assert m.date == dt.date(2018, 5, 4)  # the bare date line, not the caption's May 3
    assert m.authors == ("Spc. Jane Roe",)
    assert m.organization == "311th Expeditionary Sustainment Command"
    assert m.dateline == "GULFPORT, Miss."
    assert m.language is None
    assert m.publisher == "U.S. Department of Defense"
    assert (m.source, m.identifier, m.description, m.keywords) == (None, None, None, ())
    assert article.notes == ("no kicker line",)
    assert items(article) == [
        (
            "caption",
            "Soldiers unload supplies at the port, May 3, 2018.",
            "U.S. Army photo by Spc. Jane Roe",
        ),
        (
            "p",
            "Reserve Soldiers from three transportation companies moved 400 containers off "
            "the docks in five days, clearing a backlog left by a spring storm.",
        ),
        (
            "p",
            "The units train at the port each year, but this was the first time their work "
            "went straight to relief agencies.",
        ),
        (
            "caption",
            "A forklift operator guides a container onto a trailer during the night shift.",
            "U.S. Army photo by Staff Sgt. Luis Ortega",
        ),
        ("h2", "LONG NIGHTS"),
        (
            "p",
            "Crews worked 12-hour shifts, handing over at dawn and dusk so the cranes never "
            "stopped.",
        ),
        (
            "p",
            '"We counted every box twice, because a missing pallet of water is somebody\'s '
            'missing water," said 1st Lt. Priya Natarajan, a platoon leader.',
        ),
        (
            "caption",
            "Volunteers from a local church served dinner to the night shift on the last "
            "evening.",
            "Courtesy photo",
        ),
    ]
    paragraphs = [b for b in article.blocks if isinstance(b, Paragraph)]
    assert len(paragraphs) == 4
    assert not any("photo by" in plain_text(p.children) for p in paragraphs)
    assert_no_chrome(
        article,
        "GULFPORT, Miss. --",
        "Photo Details",
        "Download Full Image",
        "RELATED LINKS",
        "Army Reserve at 110 years",
        "May 4, 2018",
    )


def test_french_scrape():
    article = read("french-marine.txt")
    m = article.metadata
    assert m.title == "Un patrouilleur rentre à Brest après quatre mois en mer"
    assert m.subtitle is None
    assert m.section == "Actualités"
    assert m.date == dt.date(2015, 5, 6)  # "6 mai 2015"
    assert m.authors == ("Jeanne Dupont",)  # "Par", not "By"
    assert m.organization == "Service de presse de la Marine"
    assert m.dateline == "BREST, France"
    assert m.language is None  # normalize detects it (see test_non_english_languages)
    assert m.publisher is None
    assert (m.source, m.identifier, m.description, m.keywords) == (None, None, None, ())
    assert article.notes == ()
    assert items(article) == [
        (
            "p",
            "Le patrouilleur est rentré mercredi matin dans sa base de Brest, après une "
            "mission de quatre mois dans le golfe de Guinée, où il a participé à la lutte "
            "contre la pêche illégale.",
        ),
        (
            "p",
            "L’équipage de 45 marins a contrôlé une trentaine de navires de pêche et a porté "
            "assistance à un cargo en avarie au large des côtes.",
        ),
        (
            "caption",
            "Des familles attendent l’arrivée du bâtiment sur le quai, le 6 mai 2015.",
            "Photo Marine nationale / Paul Martin",
        ),
        ("h2", "UNE MISSION DE LONGUE DURÉE"),
        (
            "p",
            "Pour le commandant, le plus difficile a été la chaleur dans les compartiments "
            "des machines, où la température dépassait souvent les 50 degrés.",
        ),
        (
            "p",
            "« Les marins ont tenu le rythme du début à la fin, et je suis fier de ce qu’ils "
            "ont fait », a déclaré le capitaine de frégate Luc Morel, qui commande le bâtiment.",
        ),
        (
            "p",
            "Le patrouilleur doit reprendre la mer à la fin de l’été, après un arrêt "
            "technique au bassin.",
        ),
    ]
    assert_no_chrome(
        article,
        "Aller au contenu",
        "Accueil",
        "Partager",
        "Imprimer",
        "Voir aussi",
        "Une frégate en escale à Dakar",
        "Par Jeanne",
        "BREST, France —",
    )


def test_spanish_scrape():
    article = read("spanish-armada.txt")
    m = article.metadata
    assert m.title == "Un buque escuela zarpa con cadetes de diez países"
    assert m.subtitle is None
    assert m.section is None
    assert m.date == dt.date(2019, 3, 12)  # "Publicado el 12 de marzo de 2019"
    assert m.authors == ("Ana María Ruiz",)
    assert m.organization == "Oficina de Prensa de la Armada"
    assert m.dateline == "VALPARAÍSO, Chile"
    assert m.language is None
    assert m.publisher is None
    assert (m.source, m.identifier, m.description, m.keywords) == (None, None, None, ())
    assert article.notes == ("no kicker line",)
    assert items(article) == [
        (
            "p",
            "El buque escuela zarpó el martes desde el puerto de Valparaíso con 90 cadetes de "
            "diez países a bordo, para un crucero de instrucción de cinco meses por el "
            "océano Pacífico.",
        ),
        (
            "p",
            "Los cadetes aprenderán navegación astronómica, maniobras con velas y trabajo en "
            "equipo en condiciones de mar abierto.",
        ),
        (
            "caption",
            "Cadetes forman en la cubierta del buque antes de zarpar, el 12 de marzo de 2019.",
            "Foto: Armada / Jorge Soto",
        ),
        (
            "p",
            "La tripulación permanente, de 150 marinos, se encargará de la instrucción "
            "durante la travesía.",
        ),
        (
            "p",
            "El buque hará escala en seis puertos, donde los cadetes participarán en "
            "actividades con las marinas de cada país.",
        ),
    ]
    assert_no_chrome(
        article,
        "Ir al contenido",
        "Inicio /",
        "Compartir",
        "Imprimir",
        "Publicado el",
        "Noticias relacionadas",
        "La Armada celebra su aniversario",
    )


def test_german_single_newline_scrape_with_dateline_alone():
    article = read("german-marine-single-newline.txt")
    m = article.metadata
    assert m.title == "Minenjagdboot kehrt nach Kiel zurück"
    assert m.subtitle is None
    assert m.section == "Aktuelles"
    assert m.date == dt.date(2020, 10, 14)  # "14. Oktober 2020"
    assert m.authors == ("Jana Roth",)  # "Von"
    assert m.organization == "Presse- und Informationszentrum Marine"
    assert m.dateline == "KIEL"
    assert m.language is None
    assert m.publisher is None
    assert (m.source, m.identifier, m.description, m.keywords) == (None, None, None, ())
    assert article.notes == ()
    assert items(article) == [
        (
            "p",
            "Das Minenjagdboot ist am Mittwoch nach einem halben Jahr im Einsatzverband der "
            "NATO in der Ostsee wieder in den Heimathafen eingelaufen.",
        ),
        (
            "p",
            "Die Besatzung hat in dieser Zeit mehr als 40 Altlasten aus dem Zweiten Weltkrieg "
            "auf dem Meeresboden gefunden und für die Räumung markiert.",
        ),
        (
            "caption",
            "Angehörige warten am Tirpitzhafen auf die Besatzung, 14. Oktober 2020.",
            "Foto: Bundeswehr / Tom Weber",
        ),
        (
            "p",
            "„Die Zusammenarbeit mit den Partnern war hervorragend und sehr eng“, sagte der "
            "Kommandant, Korvettenkapitän Jens Albers.",
        ),
        (
            "p",
            "Das Boot geht nun für zwei Monate in die Werft, bevor die Ausbildung für den "
            "nächsten Einsatz beginnt.",
        ),
    ]
    assert_no_chrome(
        article,
        "Zum Inhalt springen",
        "Startseite",
        "Teilen",
        "Drucken",
        "Mehr zum Thema",
        "Marine übt mit Partnern in der Nordsee",
        "KIEL –",
    )


@pytest.mark.parametrize(
    ("name", "language", "visible_date"),
    [
        ("french-marine.txt", "fr", "6 mai 2015"),
        ("spanish-armada.txt", "es", "12 de marzo de 2019"),
        ("german-marine-single-newline.txt", "de", "14. Oktober 2020"),
        ("army-photo-captions.txt", "en", "May 4, 2018"),
    ],
)
def test_non_english_languages(name, language, visible_date):
    from renderer.compose import compose
    from renderer.normalize import normalize
    from renderer.options import Options

    final = normalize(read(name))
    assert final.metadata.language == language  # detected from the body
    xhtml = compose(final, target="epub")
    assert f'lang="{language}"' in xhtml
    assert visible_date in xhtml
    # --lang wins over detection
    assert normalize(read(name), Options(lang="en")).metadata.language == "en"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("6 mai 2015", dt.date(2015, 5, 6)),
        ("1er mai 2015", dt.date(2015, 5, 1)),
        ("mercredi 6 mai 2015", dt.date(2015, 5, 6)),
        ("6 févr. 2015", dt.date(2015, 2, 6)),
        ("15 août 2015", dt.date(2015, 8, 15)),
        ("3 décembre 2019", dt.date(2019, 12, 3)),
        ("6 de mayo de 2015", dt.date(2015, 5, 6)),
        ("miércoles, 6 de mayo de 2015", dt.date(2015, 5, 6)),
        ("1 de setiembre de 2020", dt.date(2020, 9, 1)),
        ("6. Mai 2015", dt.date(2015, 5, 6)),
        ("Mittwoch, 6. Mai 2015", dt.date(2015, 5, 6)),
        ("3. März 2019", dt.date(2019, 3, 3)),
        ("31 février 2015", None),
    ],
)
def test_parse_date_other_languages(text, expected):
    assert parse_date(text) == expected


def test_month_tables_are_unambiguous():
    from renderer.ingest._text_rules import _MONTH_TABLES, MONTHS

    for rows in _MONTH_TABLES.values():
        assert len(rows) == 12
        for number, row in enumerate(rows, start=1):
            for word in row.split():
                assert MONTHS[word] == number


@pytest.mark.parametrize(
    ("line", "authors", "org"),
    [
        ("Par Jeanne Dupont, Service de presse de la Marine", ("Jeanne Dupont",),
         "Service de presse de la Marine"),
        ("Por Ana María Ruiz, Oficina de Prensa de la Armada", ("Ana María Ruiz",),
         "Oficina de Prensa de la Armada"),
        ("Von Jana Roth, Presse- und Informationszentrum Marine", ("Jana Roth",),
         "Presse- und Informationszentrum Marine"),
        ("Di Giulia Rossi", ("Giulia Rossi",), None),
        ("Di Giulia Rossi, Ufficio stampa della Marina", ("Giulia Rossi",),
         "Ufficio stampa della Marina"),
        ("Por João Pereira, Gabinete de Imprensa da Marinha", ("João Pereira",),
         "Gabinete de Imprensa da Marinha"),
        ("Door Sanne de Vries en Tim Bakker, Ministerie van Defensie",
         ("Sanne de Vries", "Tim Bakker"), "Ministerie van Defensie"),
    ],
)  # fmt: skip
def test_parse_byline_other_languages(line, authors, org):
    byline = parse_byline(line)
    assert byline is not None
    assert (byline.authors, byline.organization) == (authors, org)


@pytest.mark.parametrize(
    "line",
    [
        "Par temps de pluie, les marins restent à quai.",
        "Por la mañana, el buque zarpó.",
        "Von Kiel nach Oslo in drei Tagen",
        "Di nuovo in mare per la flotta",
        "Door de storm bleef het schip in de haven",
        "Por causa do vento, o navio ficou no porto.",
    ],
)
def test_not_a_byline_other_languages(line):
    assert parse_byline(line) is None


@pytest.mark.parametrize(
    "line",
    [
        "This is archived content from the U.S. Department of Defense (DoD) website.",
        "This page is part of a historical collection and is no longer updated.",
        "This content is archived and is no longer updated.",
        "This information may be out of date.",
        "ARCHIVED CONTENT",
        "Archived",
        "Aller au contenu principal",
        "Partager",
        "Compartir",
        "Teilen Drucken",
        "Accueil > Actualités",
    ],
)
def test_more_chrome_lines(line):
    assert is_chrome_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "The archive holds 40,000 photographs from the war.",
        "This page of history is worth reading again.",
        "Archived records show the unit left in 1944.",
    ],
)
def test_archive_words_in_a_sentence_are_not_chrome(line):
    assert not is_chrome_line(line)


@pytest.mark.parametrize(
    ("line", "dateline"),
    [
        ("NORFOLK, Va. (NNS) --", "NORFOLK, Va. (NNS)"),
        ("WASHINGTON (AFNS)", "WASHINGTON (AFNS)"),
        ("JOINT BASE SAN ANTONIO-RANDOLPH, Texas (AFNS) --",
         "JOINT BASE SAN ANTONIO-RANDOLPH, Texas (AFNS)"),
        ("FORT BRAGG, N.C., Sept. 3, 2019 -", "FORT BRAGG, N.C., Sept. 3, 2019"),
        ("BREST, France —", "BREST, France"),
    ],
)  # fmt: skip
def test_dateline_alone(line, dateline):
    assert dateline_alone(line) == dateline


@pytest.mark.parametrize("line", ["SAFETY FIRST", "WASHINGTON", "Lessons From the Range", "NATO"])
def test_not_a_dateline_alone(line):
    assert dateline_alone(line) is None


def test_dateline_alone_over_a_hard_wrapped_first_paragraph():
    text = (
        "Title of the story\n\n"
        "WASHINGTON (AFNS) --\n"
        "This paragraph was wrapped at a fixed width by whatever tool\n"
        "saved the page, so its lines belong together as one paragraph.\n\n"
        "Second paragraph.\n"
    )
    article = read_text(text)
    assert article.metadata.dateline == "WASHINGTON (AFNS)"
    assert [t for _, t in texts(article)] == [
        "This paragraph was wrapped at a fixed width by whatever tool saved the page, so its "
        "lines belong together as one paragraph.",
        "Second paragraph.",
    ]


def test_a_dateline_alone_is_not_a_title():
    with pytest.raises(InputError, match="looks like a dateline"):
        read_text("NORFOLK, Va. (NNS) --\n\nSailors said so.\n", name="d.txt")


@pytest.mark.parametrize(
    ("line", "caption", "credit"),
    [
        (
            "Soldiers unload supplies at the port, May 3, 2018. (U.S. Army photo by Spc. Jane Roe)",
            "Soldiers unload supplies at the port, May 3, 2018.",
            "U.S. Army photo by Spc. Jane Roe",
        ),
        (
            "Sailors man the rails as the ship returns. (U.S. Navy photo by Mass Communication "
            "Specialist 2nd Class Ann Lee/Released)",
            "Sailors man the rails as the ship returns.",
            "U.S. Navy photo by Mass Communication Specialist 2nd Class Ann Lee/Released",
        ),
        ("A team poses after the race. (Courtesy photo)", "A team poses after the race.",
         "Courtesy photo"),
        ("Airmen load a pallet. (U.S. Air Force photo illustration)", "Airmen load a pallet.",
         "U.S. Air Force photo illustration"),
    ],
)  # fmt: skip
def test_split_photo_caption(line, caption, credit):
    assert split_photo_caption(line) == (caption, credit)


@pytest.mark.parametrize(
    "line",
    [
        "He said it was fine. (He laughed.)",
        "The crew (pictured) worked through the night.",
        "The unit posted the photo by the door (next to the flag).",
        "Done. (See the related story for the photo contest rules and the full list of "
        "winners, judges, prizes and the deadline for next year's entries in every category)",
    ],
)
def test_not_a_photo_caption(line):
    assert split_photo_caption(line) is None


def test_caption_between_title_and_byline_is_not_a_subtitle():
    text = (
        "Main headline\n"
        "Crews gather on the pier, June 1, 2020. (U.S. Navy photo by Ann Lee)\n"
        "By Jane Doe\n\nBody text here.\n"
    )
    article = read_text(text)
    assert (article.metadata.title, article.metadata.subtitle) == ("Main headline", None)
    assert article.metadata.authors == ("Jane Doe",)
    assert items(article) == [
        ("caption", "Crews gather on the pier, June 1, 2020.", "U.S. Navy photo by Ann Lee"),
        ("p", "Body text here."),
    ]


def test_captions_are_no_neighbours_for_subheads():
    text = (
        "Title\n\nFirst paragraph.\n\nA photo of the crew at work. (Courtesy photo)\n\n"
        "SUBHEAD HERE\n\nSecond paragraph.\n"
    )
    assert [k for k, *_ in items(read_text(text))] == ["p", "caption", "h2", "p"]


def test_scrape_count():
    scrapes = sorted(SCRAPES.glob("*.txt"))
    assert len(scrapes) >= 12, [p.name for p in scrapes]



# ------------------------------------------- Italian, Portuguese and Dutch scrapes

FAMILY_CHROME = ["Home >", "Início >", "Vai al contenuto", "Ir para o conteúdo",
                 "Naar de hoofdinhoud", "Condividi", "Stampa", "Partilhar", "Imprimir", "Delen",
                 "Afdrukken", "Leggi anche", "Notícias relacionadas", "Lees ook", "Publicado em",
                 "Di Giulia", "Door Sanne"]  # fmt: skip


@dataclasses.dataclass(frozen=True)
class Expected:
    """What reading one scrape must give: every field, the body in order, the notes."""

    metadata: Metadata
    items: list[tuple[str, ...]]
    notes: tuple[str, ...] = ()
    chrome: tuple[str, ...] = ()  # page text (besides the banners) found nowhere in the article


EXPECTED: dict[str, Expected] = {}


def expect(name: str, **fields) -> None:
    EXPECTED[name] = Expected(**fields)


expect(
    "italian-marina.txt",
    metadata=Metadata(
        title="La Marina prova un nuovo radar costiero",
        section="Notizie",
        date=dt.date(2020, 3, 3),  # "3 marzo 2020"
        authors=("Giulia Rossi",),  # "Di", not "By"
        dateline="LA SPEZIA",
    ),
    items=[
        ("p", "La Marina Militare ha provato lunedì un nuovo radar costiero nella base navale "
              "della città, secondo fonti ufficiali."),
        ("p", "Il sistema rileva piccole imbarcazioni a più di quaranta chilometri di distanza, "
              "anche con il maltempo e il mare grosso."),
        ("caption", "I tecnici controllano l’antenna sulla torre del porto, il 2 marzo 2020.",
         "Foto: Marina Militare / Luca Bianchi"),
        ("h2", "LE PROVE IN MARE"),
        ("p", "Le prove sono durate tre settimane e hanno incluso esercitazioni notturne con "
              "pattugliatori ed elicotteri della flotta."),
        ("p", "«Il radar ha visto tutto quello che doveva vedere», ha detto il capitano di "
              "fregata Marco Neri, che ha guidato le prove."),
    ],
    chrome=(*FAMILY_CHROME, "Una fregata in visita a Napoli", "LA SPEZIA --"),
)  # fmt: skip
expect(
    "portuguese-marinha.txt",
    metadata=Metadata(
        title="Navio-escola parte de Lisboa com cadetes de seis países",
        date=dt.date(2021, 9, 10),  # "Publicado em 10 de setembro de 2021"
        authors=("João Pereira",),
        organization="Gabinete de Imprensa da Marinha",
        dateline="LISBOA, Portugal",
    ),
    notes=("no kicker line",),
    items=[
        ("p", "O navio-escola largou na quarta-feira do porto de Lisboa com 70 cadetes de seis "
              "países a bordo, para uma viagem de instrução de quatro meses pelo oceano "
              "Atlântico."),
        ("p", "Os cadetes vão aprender navegação astronómica, manobra de velas e trabalho de "
              "equipa em mar aberto."),
        ("caption", "Cadetes formam no convés do navio antes da partida, em 10 de setembro de "
                    "2021.", "Foto: Marinha / Rui Costa"),
        ("p", "A guarnição permanente, de 120 militares, fica responsável pela instrução durante "
              "a travessia."),
        ("p", "O navio vai fazer escala em cinco portos, onde os cadetes participam em atividades "
              "com as marinhas de cada país."),
    ],
    chrome=(*FAMILY_CHROME, "A Marinha celebra", "LISBOA, Portugal —"),
)  # fmt: skip
expect(
    "dutch-marine.txt",
    metadata=Metadata(
        title="Mijnenjager keert terug in Den Helder",
        section="Nieuws",
        date=dt.date(2020, 10, 14),  # "14 oktober 2020"
        authors=("Sanne de Vries",),  # "Door"
        organization="Communicatie Koninklijke Marine",
        dateline="DEN HELDER",
    ),
    items=[
        ("p", "De mijnenjager is woensdag na een half jaar bij een eskader van de NAVO op de "
              "Noordzee teruggekeerd in de thuishaven."),
        ("p", "De bemanning vond in die tijd meer dan 30 explosieven uit de Tweede "
              "Wereldoorlog op de zeebodem en markeerde die voor ruiming."),
        ("caption", "Familieleden wachten op de kade op de bemanning, 14 oktober 2020.",
         "Foto: Defensie / Tim Bakker"),
        ("p", "„De samenwerking met de partners was uitstekend en heel nauw”, zei de commandant, "
              "kapitein-luitenant ter zee Joris Visser."),
        ("p", "Het schip gaat nu twee maanden naar de werf, voordat de opleiding voor de "
              "volgende inzet begint."),
    ],
    chrome=(*FAMILY_CHROME, "Marine oefent met partners", "DEN HELDER —"),
)  # fmt: skip


# ------------------------------------------- site name and breadcrumbs above the title

expect(
    "logo-line-above-kicker.txt",  # the site's name as a line of its own (audit 23, var/a)
    metadata=Metadata(
        title="ISIL losing ground, officials say",
        section="News",
        date=dt.date(2015, 5, 6),
        authors=("Army Staff Sgt. Jane Doe",),
        organization="3rd Infantry Division Public Affairs",
        dateline="WASHINGTON",
        publisher="U.S. Department of Defense",
    ),
    items=[
        ("p", "The coalition said “we are winning” -- and the ‘group’ is “on the defensive.”"),
        ("p", "Second paragraph here with more words to make it a paragraph of the story."),
    ],
)
expect(
    "nav-lines-above-kicker.txt",  # "Home", "News", "Releases" one per line (audit 23, var/c)
    metadata=Metadata(
        title="ISIL losing ground, officials say",
        section="News",
        date=dt.date(2015, 5, 6),
        authors=("John Redfield",),
        organization="U.S. Central Command Public Affairs",
        dateline="WASHINGTON",
    ),
    items=[
        ("p", "The coalition said “we are winning” and the group is on the defensive."),
        ("p", "Second paragraph here with more words to make it a paragraph of the story."),
    ],
)
expect(
    "army-breadcrumbs-one-per-line.txt",  # army.mil: crumbs, no kicker (audit 456, in/army)
    metadata=Metadata(
        title="Soldiers train for cold weather operations at Fort Drum",
        date=dt.date(2020, 3, 3),
        authors=("Sgt. 1st Class Maria Lopez",),
        dateline="FORT DRUM, N.Y.",
    ),
    notes=("no kicker line",),
    items=[
        ("caption", "Soldiers from the 10th Mountain Division ski across a frozen field at Fort "
                    "Drum, N.Y., Feb. 27, 2020.", "U.S. Army photo by Spc. Tom Jones"),
        ("p", "Soldiers of the 10th Mountain Division spent two weeks learning to live and fight "
              "in temperatures far below freezing this winter."),
        ("p", "The training included skiing, snowshoeing and building shelters from snow, "
              "instructors said."),
        ("h2", "Lessons From the Cold"),
        ("p", "\"You learn fast when your fingers stop working,\" said Pvt. Sam Ortiz, a rifleman "
              "with the division."),
        ("p", "Instructors said the course will run again next year with more units."),
    ],
    chrome=("10th Mountain Division\n", "Army Cold Weather Training", "RELATED LINKS"),
)  # fmt: skip


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_scrape_reads_exactly_as_expected(name):
    """Every metadata field, the body (outline, paragraph count and order), the notes, and
    no chrome: the acceptance of the scrape family, one complete expected value per input."""
    expected = EXPECTED[name]
    article = read(name)
    assert article.metadata == expected.metadata
    assert items(article) == expected.items
    assert article.notes == expected.notes
    assert article.base_dir is None
    assert_no_chrome(article, *expected.chrome)


@pytest.mark.parametrize(
    ("name", "language"),
    [("italian-marina.txt", "it"), ("portuguese-marinha.txt", "pt"), ("dutch-marine.txt", "nl")],
)
def test_italian_portuguese_dutch_languages_are_detected(name, language):
    from renderer.normalize import normalize

    assert normalize(read(name)).metadata.language == language


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3 marzo 2020", dt.date(2020, 3, 3)),
        ("martedì 3 marzo 2020", dt.date(2020, 3, 3)),
        ("1º maggio 2019", dt.date(2019, 5, 1)),
        ("25 dicembre 2018", dt.date(2018, 12, 25)),
        ("3 de março de 2020", dt.date(2020, 3, 3)),
        ("terça-feira, 3 de março de 2020", dt.date(2020, 3, 3)),
        ("10 de setembro de 2021", dt.date(2021, 9, 10)),
        ("3 maart 2020", dt.date(2020, 3, 3)),
        ("dinsdag 3 maart 2020", dt.date(2020, 3, 3)),
        ("14 oktober 2020", dt.date(2020, 10, 14)),
    ],
)
def test_parse_date_italian_portuguese_dutch(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("line", "chrome"),
    [
        ("Pubblicato il 3 marzo 2020", "date"), ("Aggiornato il 4 marzo 2020", "date"),
        ("Publicado em 10 de setembro de 2021", "date"), ("Atualizado em 11 de setembro de 2021",
                                                          "date"),
        ("Gepubliceerd op 14 oktober 2020", "date"), ("Bijgewerkt op 15 oktober 2020", "date"),
        ("Vai al contenuto principale", "chrome"), ("Ir para o conteúdo", "chrome"),
        ("Naar de hoofdinhoud", "chrome"), ("Condividi", "chrome"), ("Compartilhar", "chrome"),
        ("Afdrukken", "chrome"), ("Início > Notícias", "chrome"),
        ("Leggi anche", "trailer"), ("Articoli correlati", "trailer"), ("Veja também", "trailer"),
        ("Leia também", "trailer"), ("Lees ook", "trailer"), ("Gerelateerde artikelen", "trailer"),
    ],
)  # fmt: skip
def test_italian_portuguese_dutch_page_words(line, chrome):
    from renderer.ingest._text_rules import DATE_LINE, is_trailer_line

    matched = {
        "date": DATE_LINE.fullmatch(line) is not None,
        "chrome": is_chrome_line(line),
        "trailer": is_trailer_line(line),
    }
    assert [kind for kind, yes in matched.items() if yes] == [chrome]


# ------------------------------------------------- a title that is not the first line

NAV_WITHOUT_HOME = (
    "An official website of the United States government\nHere's how you know\n\n"
    "News\nReleases\nISIL losing ground, officials say\n"
    "By John Redfield, U.S. Central Command Public Affairs\n\n"
    "WASHINGTON -- The coalition said the group is on the defensive.\n\nA second paragraph.\n"
)


def test_lines_before_a_late_byline_are_refused_not_guessed():
    """Three lines could each be the headline: the reader says so instead of picking one."""
    with pytest.raises(InputError) as info:
        read_text(NAV_WITHOUT_HOME, name="nav.txt")
    message = str(info.value)
    assert message.startswith("nav.txt: cannot find the title: ")
    assert "'News', 'Releases', 'ISIL losing ground, officials say'" in message
    assert "--meta title=" in message and "\n" not in message


def test_a_given_title_settles_which_line_it_is():
    article = read_text(NAV_WITHOUT_HOME, name="nav.txt", title="ISIL losing ground, officials say")
    m = article.metadata
    assert (m.title, m.subtitle, m.authors, m.dateline) == (
        "ISIL losing ground, officials say", None, ("John Redfield",), "WASHINGTON"
    )
    assert items(article) == [
        ("p", "The coalition said the group is on the defensive."),
        ("p", "A second paragraph."),
    ]
    assert article.notes == (
        "no kicker line",
        "no date",
        "not the title, dropped as site chrome: 'News', 'Releases'",
    )


def test_a_given_title_that_is_no_line_drops_the_candidates_and_says_so():
    article = read_text(NAV_WITHOUT_HOME, name="nav.txt", title="A title written by hand")
    assert article.metadata.title == "A title written by hand"
    assert article.metadata.authors == ("John Redfield",)
    assert [t for _, t in texts(article)] == [
        "The coalition said the group is on the defensive.",
        "A second paragraph.",
    ]
    assert article.notes[-1] == (
        "not the title, dropped as site chrome: 'News', 'Releases', "
        "'ISIL losing ground, officials say'"
    )


@pytest.mark.parametrize("name", ["byline-first.txt", "dateline-first.txt"])
def test_a_given_title_reads_a_scrape_whose_headline_was_lost(name):
    path = SCRAPES / name
    article = read_text(path.read_text("utf-8"), name=name, title="The lost headline")
    assert article.metadata.title == "The lost headline"
    assert texts(article)[-1] == ("p", "A second paragraph follows.")
    assert article.metadata.dateline in ("WASHINGTON", "SAN DIEGO, Calif.")


def test_meta_title_reaches_the_reader_and_the_cli_refusal_says_how(tmp_path, capsys):
    from renderer.cli import main
    from renderer.ingest import ingest

    source = tmp_path / "nav.txt"
    source.write_text(NAV_WITHOUT_HOME, "utf-8")
    assert main(["build", str(source), "-o", str(tmp_path / "out")]) == 3
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"renderer: error: {source}: cannot find the title:")
    assert "\n" not in err and "--meta title=" in err
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())
    article = ingest(source, meta=("title=ISIL losing ground, officials say",))
    assert article.metadata.authors == ("John Redfield",)
    source.with_name("nav.meta.yaml").write_text("title: ISIL losing ground, officials say\n")
    assert ingest(source).metadata.organization == "U.S. Central Command Public Affairs"


def test_a_kicker_below_the_first_line_makes_that_line_chrome():
    text = (
        "An official website of the United States government\n\nU.S. Army\n\n"
        "News | May 6, 2015\n\nRangers climb the cliffs again\n\nBy Jane Doe\n\n"
        "FORT MOORE, Ga. -- Rangers climbed.\n\nMore text.\n"
    )
    article = read_text(text)
    m = article.metadata
    assert (m.title, m.section, m.authors) == (
        "Rangers climb the cliffs again", "News", ("Jane Doe",)
    )
    assert article.notes == ("not the title, dropped as site chrome: 'U.S. Army'",)
    assert [t for _, t in texts(article)] == ["Rangers climbed.", "More text."]


@pytest.mark.parametrize(
    "top",
    [
        "Home\nNews\nArticles\n",
        "Home\n>\nNews\n>\nArticles\n",
        "Accueil\nActualités\n",
        "U.S. Department of Defense\nHome\nNews\n",
    ],
)
def test_breadcrumbs_one_per_line_and_the_site_name_are_chrome(top):
    text = (
        "A .mil website belongs to an official U.S. Department of Defense organization in the "
        f"United States.\n{top}Army Birthday\nBy Jane Doe\n\nWASHINGTON -- Text here.\n"
    )
    article = read_text(text)
    assert (article.metadata.title, article.metadata.authors) == ("Army Birthday", ("Jane Doe",))
    assert texts(article) == [("p", "Text here.")]
    assert article.notes == ("no kicker line", "no date")


def test_a_short_title_right_after_home_is_still_the_title():
    article = read_text("Home\nNews\nBy Jane Doe\n\nWASHINGTON -- Text here.\n")
    assert article.metadata.title == "News"  # the last line before the byline is the title


def test_a_byline_at_the_end_of_the_story_is_no_header():
    text = "Title of the story\nOne short paragraph.\nAnother one.\nBy Jane Doe\n"
    article = read_text(text)
    assert article.metadata.title == "Title of the story"
    assert [t for _, t in texts(article)][:2] == ["One short paragraph.", "Another one."]
