"""The evaluation's scoring and references (eval/): the numbers in docs/eval.md rest on them."""

import datetime as dt

import pytest

from eval.extractors import naive_text
from eval.reference import reference
from eval.scoring import body_score, match, same_authors, same_title


def test_shingle_match_counts_repeats_and_normalises_per_page():
    # 6 tokens → 3 shingles expected; predicted has the first 2 plus 1 of its own
    m = match("a b c d e f", "a b c d e X")
    assert (m.tp, m.fp, m.fn) == pytest.approx((2 / 4, 1 / 4, 1 / 4))
    assert m.precision == pytest.approx(2 / 3) and m.recall == pytest.approx(2 / 3)
    # a shingle expected twice and predicted once is one hit and one miss
    twice = match("w x y z w x y z", "w x y z")
    assert twice.tp > 0 and twice.fn > 0 and twice.fp == 0


def test_empty_prediction_and_empty_truth():
    assert match("a b c d", "").recall == 0.0
    nothing = match("", "")
    assert nothing.precision == nothing.recall == 1.0


def test_body_score_is_f1_of_the_means():
    pages = [match("a b c d e", "a b c d e"), match("a b c d e", "q r s t u")]
    score = body_score(pages)
    assert score.precision == pytest.approx(0.5) and score.recall == pytest.approx(0.5)
    assert score.f1 == pytest.approx(0.5) and score.pages == 2


def test_titles_and_authors_compare_as_a_reader_would():
    assert same_title("It’s  Here — Now", "it's here - now")
    assert not same_title("Storm hits coast", "Storm hits coast | Example News")
    assert same_authors(["Troy L. Smith, Cleveland.com"], ["Troy L. Smith"])
    assert same_authors(["A B", "C D"], ["C D", "A B"])
    assert not same_authors(["Jane Roe"], ["Roe"])
    assert not same_authors(["Jane Roe", "John Doe"], ["Jane Roe"])


PAGE = """<html lang="en-GB"><head>
<meta property="og:title" content="Bridge reopens after repairs | Example Times">
<meta name="author" content="https://example.com/staff/x">
<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
 {"@type": "WebSite", "name": "Example Times"},
 {"@type": "NewsArticle", "headline": "Bridge reopens after repairs",
  "datePublished": "2021-03-04T23:30:00-05:00",
  "author": [{"@type": "Person", "name": "Ana  Lima"},
             {"@type": "Organization", "name": "Example Times"}]}]}</script>
</head><body><nav>Home</nav><h1>Bridge reopens after repairs</h1><p>Text.</p></body></html>"""


def test_reference_reads_what_the_page_states():
    ref = reference(PAGE)
    assert ref.title == "Bridge reopens after repairs"
    assert ref.authors == ("Ana Lima",)  # the organization is no author; the URL no name
    assert ref.date == dt.date(2021, 3, 4)  # the day as written, no time-zone shift
    assert ref.language == "en"
    assert ref.family == "news"


def test_reference_without_statements_counts_nothing():
    ref = reference("<html><body><h1>Hi</h1><p>x</p></body></html>")
    assert (ref.title, ref.authors, ref.date, ref.language, ref.family) == (
        None, (), None, None, "other")


def test_naive_heuristic():
    got = naive_text("Menu\nA headline that is long enough\n" + "word " * 20 + "\nshort\n")
    assert got.title == "A headline that is long enough"
    assert got.body == ("word " * 20).strip()


def test_shows_date_finds_the_usual_ways_of_writing_a_day():
    from eval.reference import shows_date

    day = dt.date(2019, 11, 19)
    for text in ("Posted Nov. 19, 2019 8:03 am ET", "November 19, 2019", "19 November 2019",
                 "Updated 11/19/2019", "2019-11-19T08:00", "19.11.2019", "Nov 19th, 2019"):
        assert shows_date(text, day), text
    for text in ("Nov. 9, 2019", "11/19/2018", "2019-11-190", "no date here"):
        assert not shows_date(text, day), text
