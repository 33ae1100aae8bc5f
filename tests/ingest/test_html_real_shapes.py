"""The HTML reader on the shapes real news pages have (written here, not copied from any
site): the article beside teaser and comment ``<article>`` elements, a story split over
sibling blocks, text in ``<div>``/``<br>`` without ``<p>``, wrappers whose class names
mention ads or sharing, ``itemprop`` lists, declared titles with the site's name."""

from __future__ import annotations

import datetime as dt

import pytest

from renderer.ingest.html import read_html
from renderer.model import Figure, Heading, ListBlock, Metadata, Paragraph, plain_text

STORY = [
    "The county council voted on Tuesday to rebuild the Mill Street bridge, closed since a "
    "flood undermined its western pier in March.",
    "Engineers told the council that repairing the old stone arch would cost nearly as much "
    "as a new span and would leave the crossing too narrow for buses.",
    "The new bridge will carry two traffic lanes, a protected cycle lane and a wider "
    "footpath on its downstream side, according to the plans approved at the meeting.",
    "Work is expected to start in the spring and to take about fourteen months, during "
    "which a temporary footbridge will stay open beside the site.",
    "Residents who spoke at the meeting asked for the old parapet stones to be reused, and "
    "the council agreed to ask the contractor to keep them.",
]
HEADLINE = "Council votes to rebuild flood-damaged Mill Street bridge"

CHROME_TOP = (
    '<header class="site-header"><a href="/">Riverside Courier</a>'
    '<nav><ul><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li>'
    '<li><a href="/opinion">Opinion</a></li></ul></nav></header>'
)
CHROME_BOTTOM = (
    '<footer><p>© 2024 Riverside Courier. All rights reserved.</p>'
    '<a href="/privacy">Privacy</a></footer>'
)


def page(body: str, head: str = "", lang: str = "en") -> str:
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">{head}'
        f"<title>{HEADLINE} | Riverside Courier</title></head>"
        f"<body>{CHROME_TOP}{body}{CHROME_BOTTOM}</body></html>"
    )


def paragraphs(texts=STORY) -> str:
    return "".join(f"<p>{t}</p>" for t in texts)


def body_texts(article) -> list[str]:
    out = []
    for block in article.blocks:
        if isinstance(block, Paragraph | Heading):
            out.append(plain_text(block.children))
        elif isinstance(block, ListBlock):
            out.extend(plain_text(i.blocks[0].children) for i in block.items)
    return out


TEASERS = (
    '<section class="more-news"><h2>More news</h2>'
    '<article class="card"><h3><a href="/a">Library extends weekend opening hours</a></h3>'
    "<p>The central library will open on Sundays from next month, the council said, after "
    "a trial that drew more visitors than expected.</p></article>"
    '<article class="card"><h3><a href="/b">School run traffic plan goes to consultation</a>'
    "</h3><p>Parents have six weeks to comment on plans to close three streets outside "
    "primary schools at the start and end of the day.</p></article></section>"
)
COMMENTS = (
    '<section id="comments"><h2>Comments</h2>'
    '<article class="comment"><p class="who">Pat from Eastside</p><p>About time! I have been '
    "walking the long way round to the station for months now and it adds twenty minutes "
    "every single morning, which is ridiculous for a town this size.</p></article>"
    '<article class="comment"><p class="who">J. Morgan</p><p>Fourteen months seems very long '
    "for one bridge. Let us hope the contractor is quicker than the last one was on the "
    "ring road, which ran a whole year late and well over budget.</p></article></section>"
)


def test_the_story_is_found_beside_teaser_and_comment_articles():
    html = page(
        '<main><div class="layout">'
        f"<h1>{HEADLINE}</h1>"
        '<p class="byline">By Ana Ruiz</p>'
        f'<div class="story-body">{paragraphs()}</div>'
        f"</div>{TEASERS}{COMMENTS}</main>"
    )
    article = read_html(html, name="teasers.html")
    assert article.metadata.title == HEADLINE
    assert article.metadata.authors == ("Ana Ruiz",)
    assert body_texts(article) == STORY


def test_a_comment_article_longer_than_nothing_is_not_taken_for_the_story():
    # The only <article> on the page is a reader's comment; the story is in plain divs.
    html = page(
        f'<div id="content"><h1>{HEADLINE}</h1><div class="text">{paragraphs()}</div></div>'
        f"{COMMENTS}"
    )
    assert body_texts(read_html(html, name="comment-article.html")) == STORY


def test_a_story_split_over_sibling_blocks_is_read_whole(monkeypatch):
    _vote_sees_only(monkeypatch, STORY[:2])
    # Sites put an ad slot or a video between two halves of the story.
    html = page(
        f'<div class="article"><h1>{HEADLINE}</h1>'
        f'<div class="article-body">{paragraphs(STORY[:2])}</div>'
        '<div class="ad-slot"><span>Advertisement</span></div>'
        f'<div class="article-body">{paragraphs(STORY[2:])}</div>'
        f"</div>{TEASERS}"
    )
    assert body_texts(read_html(html, name="split.html")) == STORY


def test_text_in_divs_and_line_breaks_without_p_is_kept():
    html = page(
        f'<div class="post"><h1>{HEADLINE}</h1><div class="post-content">'
        + "".join(f"<div>{t}</div>" for t in STORY[:3])
        + f"{STORY[3]}<br><br>{STORY[4]}<br></div></div>"
    )
    texts = " ".join(body_texts(read_html(html, name="divs.html")))
    for sentence in STORY:
        assert sentence in texts


@pytest.mark.parametrize(
    "wrapper", ["TestReport__Section--Ads", "share-zone", "hidden-contents-menu"]
)
def test_a_wrapper_named_after_ads_or_sharing_is_not_dropped_with_the_story(wrapper):
    # The headline is outside the wrapper, so nothing but the story text says it is one.
    html = page(
        f'<div class="head"><h1>{HEADLINE}</h1></div><div class="{wrapper}">'
        f'<div class="text">{paragraphs()}</div>'
        '<div class="social-share"><a href="#">Share on Facebook</a></div>'
        '<div class="ad-slot"><p>Advertisement</p></div></div>'
    )
    article = read_html(html, name="ads-wrapper.html")
    assert article.metadata.title == HEADLINE
    assert body_texts(article) == STORY


def test_itemprop_lists_are_read_token_by_token():
    html = page(
        f'<div itemscope itemtype="https://schema.org/NewsArticle"><h1 itemprop="headline">'
        f"{HEADLINE}</h1>"
        '<span itemprop="author creator" itemscope itemtype="https://schema.org/Person">'
        '<span itemprop="name">Ana Ruiz</span></span>'
        '<time itemprop="datePublished dateCreated" datetime="2024-03-19T18:05:00Z">'
        "19 March 2024</time>"
        f'<div itemprop="description articleBody">{paragraphs()}</div></div>{TEASERS}'
    )
    article = read_html(html, name="itemprop.html")
    assert article.metadata.authors == ("Ana Ruiz",)
    assert article.metadata.date == dt.date(2024, 3, 19)
    assert body_texts(article) == STORY


def test_declared_titles_lose_the_site_name_and_the_confirmed_h1_wins():
    head = (
        f'<meta property="og:title" content="{HEADLINE} | Riverside Courier">'
        '<meta property="og:site_name" content="Riverside Courier">'
        '<meta property="og:url" content="https://www.riversidecourier.example/news/bridge">'
    )
    # The site's logo is the first <h1>; the story's headline is the one og:title states.
    html = page(
        f'<h1 class="logo">Riverside Courier</h1><div class="story"><h1>{HEADLINE}</h1>'
        f"{paragraphs()}</div>",
        head,
    )
    assert read_html(html, name="og.html").metadata.title == HEADLINE
    # No headline on the page at all: og:title without the site's name.
    html = page(f'<div class="story">{paragraphs()}</div>', head)
    assert read_html(html, name="og-only.html").metadata.title == HEADLINE
    # The site's name as its domain, after a dash.
    head = (
        f'<meta property="og:title" content="{HEADLINE} - RiversideCourier">'
        '<link rel="canonical" href="https://riversidecourier.example/news/bridge">'
    )
    html = page(f'<div class="story">{paragraphs()}</div>', head)
    assert read_html(html, name="dash.html").metadata.title == HEADLINE


def test_entities_escaped_twice_in_declared_titles_are_decoded():
    head = (
        '<script type="application/ld+json">{"@type": "NewsArticle", '
        '"headline": "Council&#8217;s bridge vote", "datePublished": "2024-03-19"}</script>'
    )
    html = page(f'<div class="story">{paragraphs()}</div>', head)
    assert read_html(html, name="entities.html").metadata.title == "Council’s bridge vote"


def test_the_date_of_the_page_is_read_when_the_article_object_has_none():
    head = (
        '<script type="application/ld+json">{"@graph": ['
        '{"@type": "WebPage", "datePublished": "2024-03-19T18:05:00+00:00"},'
        f'{{"@type": "Article", "headline": "{HEADLINE}"}}]}}</script>'
    )
    html = page(f'<div class="story"><h1>{HEADLINE}</h1>{paragraphs()}</div>', head)
    assert read_html(html, name="webpage-date.html").metadata.date == dt.date(2024, 3, 19)
    # A <time itemprop=datePublished> in the page header, outside the story.
    html = page(
        '<div class="meta"><time itemprop="datePublished" datetime="2024-03-18">Monday'
        f'</time></div><div class="story"><h1>{HEADLINE}</h1>{paragraphs()}</div>'
    )
    assert read_html(html, name="time-date.html").metadata.date == dt.date(2024, 3, 18)


def test_whole_metadata_of_a_realistic_page():
    head = (
        '<meta property="og:title" content="Council votes to rebuild bridge">'
        '<meta property="og:site_name" content="Riverside Courier">'
        '<meta property="article:published_time" content="2024-03-19T18:05:00Z">'
        '<meta name="author" content="Ana Ruiz">'
    )
    html = page(
        '<main><article class="story">'
        f'<header><h1>{HEADLINE}</h1><p class="byline">By Ana Ruiz</p></header>'
        '<figure><img src="bridge.jpg" alt="The closed bridge behind barriers">'
        "<figcaption>The bridge has been closed since March. Photo: Lee Park</figcaption>"
        f"</figure>{paragraphs()}</article>{TEASERS}{COMMENTS}</main>",
        head,
    )
    article = read_html(html, name="whole.html")
    assert article.metadata == Metadata(
        title=HEADLINE,
        date=dt.date(2024, 3, 19),
        authors=("Ana Ruiz",),
        language="en",
        publisher="Riverside Courier",
    )
    assert isinstance(article.blocks[0], Figure)
    assert article.blocks[0].image.alt == "The closed bridge behind barriers"
    assert article.blocks[0].credit == "Photo: Lee Park"
    assert body_texts(article) == STORY


def _vote_sees_only(monkeypatch, texts):
    """The extractor's vote saw only ``texts`` (as trafilatura does on some real pages)."""
    from renderer.ingest import _content

    monkeypatch.setattr(_content, "vote", lambda page: _content.ContentVote.of("\n".join(texts)))


def test_story_chunks_in_sibling_grids_are_merged_but_comments_and_footers_are_not(
    monkeypatch,
):
    _vote_sees_only(monkeypatch, STORY[:2])
    # A story cut into chunks, each in its own grid cell, with a comment thread and a
    # footer block written as prose beside them.
    chunk = '<div class="grid"><div class="grid-item body">{}</div></div>'
    html = page(
        f'<div class="article"><h1>{HEADLINE}</h1><div class="chunks">'
        + chunk.format(paragraphs(STORY[:2]))
        + '<div class="grid"><div class="newsletter-box"><p>Get the Courier in your inbox '
        "every morning.</p></div></div>"
        + chunk.format(paragraphs(STORY[2:]))
        + '</div><div class="comments-area"><p>I walk over that bridge every day and the '
        "detour has been a real nuisance for everybody on our street since March.</p>"
        "<p>Fourteen months is far too long for a bridge this small, in my opinion.</p>"
        '</div><div class="footer"><p>The Riverside Courier is published by Riverside '
        "Media Group, a company registered in the county.</p></div></div>"
    )
    assert body_texts(read_html(html, name="chunks.html")) == STORY


def test_without_a_vote_text_in_divs_and_line_breaks_still_finds_the_story(monkeypatch):
    from renderer.ingest import _content

    monkeypatch.setattr(_content, "vote", lambda page: None)
    html = page(
        f'<div class="post"><h1>{HEADLINE}</h1><div class="post-content">'
        + "<br><br>".join(STORY)
        + '</div></div><div class="sidebar-box"><p>Sign up for our weekly newsletter.</p>'
        "<p>Follow us on social media.</p></div>"
    )
    texts = " ".join(body_texts(read_html(html, name="br.html")))
    for sentence in STORY:
        assert sentence in texts
    assert "newsletter" not in texts


def test_a_related_line_inside_the_story_does_not_cut_the_rest():
    html = page(
        f'<div class="entry-content"><h1>{HEADLINE}</h1>{paragraphs(STORY[:3])}'
        '<p>Related stories</p><h2><a href="/other">Library extends weekend opening hours</a></h2>'
        f"{paragraphs(STORY[3:])}</div>"
    )
    assert body_texts(read_html(html, name="read-also.html")) == STORY


@pytest.mark.parametrize(
    ("byline", "authors"),
    [
        ("By Ana Ruiz, Nov. 19, 2019 7:04 pm ET", ("Ana Ruiz",)),
        ("Ana Ruiz \u00a0| November 18, 2019 12:01 PM", ("Ana Ruiz",)),
        ("Ana Ruiz Riverside Courier Published 11:34 PM EST Nov 19, 2019",
         ("Ana Ruiz Riverside Courier",)),
        ("COURIER STAFF NOVEMBER 20", ("COURIER STAFF",)),
        ("Ana Ruiz and Lee Park Published 10:02 AM EST Nov 19, 2019", ("Ana Ruiz", "Lee Park")),
    ],
)
def test_dates_glued_to_a_byline_are_neither_authors_nor_an_organization(byline, authors):
    html = page(
        f'<div class="story"><h1>{HEADLINE}</h1><div class="byline">{byline}</div>'
        f"{paragraphs()}</div>"
    )
    metadata = read_html(html, name="byline-date.html").metadata
    assert metadata.authors == authors
    assert metadata.organization is None
