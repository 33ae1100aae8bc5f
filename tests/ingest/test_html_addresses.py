"""What a page says about itself that links and dates depend on."""

from __future__ import annotations

import datetime as dt

from renderer.ingest.html import read_html
from renderer.model import Heading, Link, Paragraph

STORY = " ".join(["The county opened the new bridge to traffic on Monday morning."] * 6)


def _page(head: str, body: str) -> str:
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>{head}</head>"
            f"<body><article><h1>Bridge opens</h1>{body}</article></body></html>")


def test_a_zero_date_is_no_date_and_the_next_source_is_asked():
    page = _page('<script type="application/ld+json">{"@type": "NewsArticle", '
                 '"headline": "Bridge opens", "datePublished": "0001-01-01T00:00:00Z"}</script>'
                 '<meta property="article:published_time" content="2019-11-19T08:00:00Z">',
                 f"<p>{STORY}</p><p>{STORY}</p>")
    assert read_html(page).metadata.date == dt.date(2019, 11, 19)


def test_a_relative_jsonld_url_is_resolved_against_og_url():
    page = _page('<script type="application/ld+json">{"@type": "NewsArticle", '
                 '"headline": "Bridge opens", "url": "/story/bridge-opens-123"}</script>'
                 '<meta property="og:url" content="https://news.example.com/story/bridge-opens-123">',
                 f"<p>{STORY}</p><p>{STORY}</p>")
    assert read_html(page).metadata.source == "https://news.example.com/story/bridge-opens-123"


def test_section_ids_of_the_page_are_kept_for_its_own_links():
    page = _page("", f'<p>{STORY} See <a href="#costs">the costs</a>.</p>'
                     f'<h2 id="costs">Costs</h2><p>{STORY}</p>'
                     f'<h2 id="bad id!">Next</h2><p>{STORY}</p>')
    blocks = read_html(page).blocks
    assert [b.id for b in blocks if isinstance(b, Heading)][-2:] == ["costs", None]
    links = [n for b in blocks if isinstance(b, Paragraph) for n in b.children
             if isinstance(n, Link)]
    assert links and links[0].href == "#costs"
