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
    Paragraph,
    PhotoCaption,
    Text,
    plain_text,
)

from .scrape_expectations import EXPECTED

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


def test_every_readable_scrape_has_a_complete_expectation():
    refused = {"byline-first.txt", "dateline-first.txt"}  # see test_refuses_to_guess_the_title
    assert sorted(p.name for p in SCRAPES.glob("*.txt")) == sorted([*EXPECTED, *refused])


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


def test_menu_lines_above_the_headline_are_not_it():
    """Of three lines above the byline, the one shaped like a headline is the headline:
    "News" and "Releases" are menu words, never a title; they are noted as dropped."""
    article = read_text(NAV_WITHOUT_HOME, name="nav.txt")
    m = article.metadata
    assert (m.title, m.authors, m.dateline) == (
        "ISIL losing ground, officials say", ("John Redfield",), "WASHINGTON"
    )
    assert article.notes[-1] == "not the title, dropped as site chrome: 'News', 'Releases'"


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

    source = tmp_path / "lost.txt"
    source.write_text((SCRAPES / "byline-first.txt").read_text("utf-8"), "utf-8")
    assert main(["build", str(source), "-o", str(tmp_path / "out")]) == 3
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"renderer: error: {source}: cannot find the title:")
    assert "\n" not in err and "--meta title=" in err
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())
    article = ingest(source, meta=("title=The lost headline",))
    m = article.metadata
    assert (m.title, m.authors) == ("The lost headline", ("Jane Doe",))
    source.with_name("lost.meta.yaml").write_text("title: The lost headline\n")
    assert ingest(source).metadata.organization == "Army News Service"


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


def test_a_menu_word_right_after_home_is_never_the_title():
    """"News" above a byline is a menu word, not a headline: the reader asks for the title."""
    with pytest.raises(InputError, match="cannot find the title") as info:
        read_text("Home\nNews\nBy Jane Doe\n\nWASHINGTON -- Text here.\n", name="n.txt")
    assert "--meta title=" in (info.value.hint or "")


def test_a_byline_at_the_end_of_the_story_is_no_header():
    text = "Title of the story\nOne short paragraph.\nAnother one.\nBy Jane Doe\n"
    article = read_text(text)
    assert article.metadata.title == "Title of the story"
    assert [t for _, t in texts(article)][:2] == ["One short paragraph.", "Another one."]


# ------------------------------------------- the model of the page (any site's scrape)

from renderer.ingest import _page_model, _scrape_header  # noqa: E402


@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("04.12.2024", dt.date(2024, 4, 12)),  # DVIDS: month first on a U.S. page
        ("April 5, 2018 | 6:00 PM", dt.date(2018, 4, 5)),
        ("Oct 18, 2019 · 8 min read", dt.date(2019, 10, 18)),
        ("Nov. 19, 2019 8:03 am ET", dt.date(2019, 11, 19)),
        ("20 Nov, 2019 05:47", dt.date(2019, 11, 20)),
        ("PUBLISHED: November 19, 2019 at 8:59 pm | UPDATED: November 19, 2019 at 10:16 pm",
         dt.date(2019, 11, 19)),
        ("Posted: Fri 6:45 PM, Feb 16, 2018  |", dt.date(2018, 2, 16)),
        ("2016.12.01", dt.date(2016, 12, 1)),
        ("27/09/2018", dt.date(2018, 9, 27)),
    ],
)  # fmt: skip
def test_date_lines_in_the_shapes_sites_print_them(line, day):
    found = _scrape_header.is_date_line(line, "en")
    assert found is not None and found.date == day


def test_a_date_line_says_when_it_is_an_update():
    found = _scrape_header.dates_in("Posted Nov 18, 2019 | Updated Nov 19, 2019")
    assert [(d.date.day, d.updated) for d in found] == [(18, False), (19, True)]


@pytest.mark.parametrize(
    ("line", "authors", "org", "day"),
    [
        ("By HELEN MARSH JAN. 13, 2017", ("HELEN MARSH",), None, dt.date(2017, 1, 13)),
        ("Monday November 18, 2019 7:45 am PST by Joe Rossignol", ("Joe Rossignol",), None,
         dt.date(2019, 11, 18)),
        ("By Joseph Tsidulko November 19, 2019, 07:47 PM EST", ("Joseph Tsidulko",), None,
         dt.date(2019, 11, 19)),
        ("Story by Sgt. Anna Kowalski", ("Sgt. Anna Kowalski",), None, None),
        ("By Lance Cpl. Evan Brooks | 2nd Marine Division | April 12, 2024",
         ("Lance Cpl. Evan Brooks",), "2nd Marine Division", dt.date(2024, 4, 12)),
        ("By Staff Sgt. Lena Ortiz, 86th Airlift Wing Public Affairs / Published April 12, 2024",
         ("Staff Sgt. Lena Ortiz",), "86th Airlift Wing Public Affairs", dt.date(2024, 4, 12)),
        ("From Mass Communication Specialist 2nd Class Jordan Ellis, USS Mason Public Affairs",
         ("Mass Communication Specialist 2nd Class Jordan Ellis",), "USS Mason Public Affairs",
         None),
        ("By Meg JamesStaff Writer", ("Meg James",), "Staff Writer", None),
    ],
)  # fmt: skip
def test_bylines_wherever_a_site_prints_them(line, authors, org, day):
    found = _scrape_header.byline_in(line, "en")
    assert found is not None
    assert (found.authors, found.organization, found.date) == (authors, org, day)


@pytest.mark.parametrize(
    "line",
    [
        "Photo By Sgt. Jane Roe | Soldiers train at the range.",
        "The report was written by Jane Doe today.",
        "By the way, nobody asked.",
    ],
)
def test_not_bylines(line):
    assert _scrape_header.byline_in(line, "en") is None


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("Natasha Turak", ("Natasha Turak",)),
        ("Tom Krisher, AP Auto Writer", ("Tom Krisher",)),
        ("Chris Davies - Nov 19, 2019, 8:15 pm CST", ("Chris Davies",)),
        ("The Impeachment Clock", None),
        ("Share This Article", None),
        ("Take C.A.R.E. - comwrap auf der DMEXCO 2018", None),
    ],
)
def test_lines_of_names(line, names):
    assert _scrape_header.name_line(line) == names


@pytest.mark.parametrize(
    "line", ["Today 12:01 AM", "1 hour ago", "5 min read", "Updated Nov 19, 9:41 AM"]
)
def test_lines_that_only_say_when(line):
    assert _scrape_header.is_time_line(line)


def test_story_lines_are_scored_by_shape_and_function_words():
    story = (
        "The meadow behind the county fairground has been mown twice a year since the 1950s,"
        " and every spring it fills with orchids."
    )
    assert _page_model.classify(story, "en")[0] == "good"
    assert _page_model.classify("Privacy Policy", "en")[0] == "bad"
    assert _page_model.classify("Related: How a mowing schedule saved a prairie", "en")[0] == "bad"
    menu = "Home World U.S. Politics Economy Business Tech Markets Opinion Life Arts Real Estate"
    assert _page_model.classify(menu * 2, "en")[0] == "bad"  # long, but no prose


STORY = [
    "The crews worked through the night to clear the road, and by morning the first buses were"
    " running again on the usual timetable.",
    "Residents said the new drainage held up well, although two basements on the lower street"
    " took in water during the worst of the storm.",
    "The county will inspect the culverts again in the spring, when the snow melt is at its"
    " highest and the river runs fastest.",
]


def _page(*middle: str) -> str:
    menu = "\n".join(["Home", "Sections", "Premium", "Search", "Sign In", "World", "Local"] * 3)
    return "\n".join([menu, *middle]) + "\nMost Popular\nStorm closes highway\nPrivacy Policy\n"


def test_a_related_line_does_not_cut_the_story():
    text = _page(
        "Road reopens after the storm", "By Jane Doe", "May 6, 2021",
        STORY[0], STORY[1], "Related: Storm season starts early", STORY[2],
    )  # fmt: skip
    article = read_text(text)
    assert article.metadata.title == "Road reopens after the storm"
    assert article.metadata.authors == ("Jane Doe",)
    assert article.metadata.date == dt.date(2021, 5, 6)
    assert [t for _, t in texts(article)] == STORY


def test_the_headline_is_found_by_its_byline_not_by_being_first():
    text = _page(
        "Storm closes coastal highway for a second day", "Bakery owner wins pie contest again",
        "Road reopens after the storm", "A deck that says a little more about the story here.",
        "By Jane Doe", *STORY,
    )  # fmt: skip
    m = read_text(text).metadata
    assert (m.title, m.subtitle) == (
        "Road reopens after the storm",
        "A deck that says a little more about the story here.",
    )


@pytest.mark.parametrize("junk", ["Sections", "Premium", "1", "\ufffc", "X", "Share", "Menu"])
def test_a_junk_line_is_never_the_title(junk):
    text = _page(junk, *STORY)
    try:
        title = read_text(text, name="j.txt").metadata.title
    except InputError as error:
        assert "--meta title=" in str(error) or "--meta title=" in (error.hint or "")
    else:
        assert title != junk and len(title) > 3


def test_a_given_title_that_is_no_line_leaves_the_byline_to_the_byline():
    """The line where the headline was is dropped (and noted), not taken for an author."""
    text = (
        "News | May 6, 2015\n\nOld Headline\n\nBy Jane Roe, Coalition Press Office\n\n"
        "TAMPA, Fla. -- The coalition reported steady progress on Tuesday, officials said, and "
        "the exercise continued as planned.\n\nThe exercise ends on Friday, when the teams "
        "return to their home stations.\n"
    )
    article = read_text(text, title="A New Headline")
    m = article.metadata
    assert (m.title, m.authors, m.organization) == (
        "A New Headline", ("Jane Roe",), "Coalition Press Office"
    )
    assert article.notes[-1] == "not the title, dropped as site chrome: 'Old Headline'"


def test_a_comment_thread_after_the_story_is_not_the_story():
    comment = (
        "I drove that road every day for ten years and the drainage was always the problem, so"
        " it is good to finally see the county fixing it properly this time."
    )
    text = _page(
        "Road reopens after the storm", "By Jane Doe", "May 6, 2021", *STORY,
        "12 Comments", "roadwatcher77 says:", comment,
        "Mary Jones on May 7, 2021 at 9:14 am said:", comment.replace("ten", "twelve"),
    )  # fmt: skip
    article = read_text(text)
    assert [t for _, t in texts(article)] == STORY


@pytest.mark.parametrize(
    ("line", "comment"),
    [
        ("v2787 says:", True),
        ("Mary Jones on May 7, 2021 at 9:14 am said:", True),
        ("The ministry said:", False),  # a statement quoted in the story follows
        ("Trump said:", False),
        ("CJTF-OIR official says", False),  # a headline
    ],
)
def test_comment_headers(line, comment):
    from renderer.ingest._text_page import _is_comment_head

    assert _is_comment_head(line, "en") is comment
