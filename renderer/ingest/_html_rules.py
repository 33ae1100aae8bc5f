"""What the parts of a news web page look like, as tables.

The HTML reader (:mod:`renderer.ingest.html`) asks these rules which elements are site
chrome, where the article is, which elements carry metadata and how HTML elements map onto
the article model. A new site variant should be one table row, not another ``if``.
Text-level chrome (the U.S. government banner, "Share", breadcrumbs) is recognised by the
plain-text reader's rules in :mod:`._text_rules`, which this module re-uses.
"""

from __future__ import annotations

import re


def _table(words: str) -> frozenset[str]:
    return frozenset(words.split())


# ------------------------------------------------------------------------ limits

# Lists, quotations, tables and figures nested inside each other deeper than this are refused
# (later stages walk the model recursively); plain containers (div, section, …) may nest to
# any depth because they are walked iteratively and leave nothing in the model.
MAX_BLOCK_DEPTH = 48
# Inline markup nested deeper than this (``<b><i><span>…``) is flattened to its text.
MAX_INLINE_DEPTH = 48

# ----------------------------------------------------------------- dropped outright

# Elements that never hold article text. ``form`` is not here: ASP.NET sites (defense.gov,
# army.mil) wrap the whole page in one ``<form>``; see below.
DROP_TAGS = _table(
    """
    script style noscript template iframe object embed frame frameset applet
    nav aside button input select textarea option optgroup label dialog menu
    svg math canvas video audio source track map area link meta base head title
    """
)
# HTML5 void elements lxml's HTML 4 parser does not know: it nests the following content
# inside them, so the reader moves it back out before anything else looks at the page.
LXML_UNKNOWN_VOID_TAGS = _table("source track wbr embed keygen")
# A form is dropped unless it holds the article (article, main, [role=main],
# [itemprop=articleBody] or h1): then it is only a page wrapper.

# Chrome recognised by its text (banner, "Share", breadcrumbs) is short.
MAX_CHROME_TEXT = 600
MAX_CHROME_NODES = 200

# ARIA landmark roles of page chrome.
CHROME_ROLES = _table(
    "navigation banner contentinfo complementary search dialog alertdialog menu menubar"
    " toolbar tablist"
)

# Class names or ids that mark an element as chrome; a word of a compound name
# (``share-bar``) counts too, except on an element holding at least STORY_WRAPPER_SHARE
# of the words of story text (html._is_chrome_class).
CHROME_CLASS_WORDS = _table(
    """
    cookie cookies consent gdpr banner newsletter subscribe signup share sharing sharebar
    social socials related promo promos promotion ad ads advert adverts advertisement
    advertising sponsor sponsored breadcrumb breadcrumbs skip skiplink skiplinks
    usa-banner usagov govbanner toolbar popup modal masthead sitenav menu navbar
    """
)
# Beginnings of class/id values that are chrome (weak evidence, as compound words are).
CHROME_CLASS_PREFIXES = ("ad-", "ads-", "advert", "addthis", "sharethis", "a2a")

# Classes of text meant only for screen readers on the web page ("opens in a new window").
SCREEN_READER_ONLY = _table(
    "sr-only visually-hidden visuallyhidden screen-reader-text element-invisible"
    " hidden-text show-for-sr a11y-hidden"
)

HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)

# Teaser cards (a linked heading and a blurb pointing to another story): which elements,
# and how much they hold at the most.
CARD_TAGS = _table("article li div section")
MAX_CARD_TEXT = 600
MAX_CARD_NODES = 60

# Tracking pixels: tiny or named for what they do ("racetrack.jpg" is not one).
TRACKER_SRC = re.compile(r"(?<![a-z])(?:pixel|beacon|track|tracking|tracker)(?![a-z])", re.I)
MAX_PIXEL_SIZE = 2

# ------------------------------------------------------------------ the article

# Where the article is, best first. Within a tier the candidate with most paragraph text
# wins (pages list related stories as more <article> cards).
ROOT_SELECTORS = ("article", "[itemprop~=articleBody]", "main", "[role=main]")
# Without a vote, the story is in the element of these kinds whose own text (its <p>
# children's, or its own between <br>s) is longest.
TEXT_CONTAINERS = _table("div section article main body td blockquote center font form")
# With a story vote (:mod:`._content`), the root is the smallest element holding this share
# of the words of the page's blocks the vote agrees with.
STORY_ROOT_SHARE = 0.9
# An element holding this share of the story's words is a wrapper, whatever its class says.
STORY_WRAPPER_SHARE = 0.2
# A candidate with less paragraph text than this is a card, not the article.
MIN_ROOT_TEXT = 200
# The densest container grows to its parent when the parent holds story paragraphs of its
# own (malformed pages close the story's <div> early) at least this long.
MIN_SIBLING_PARAGRAPH = 50
# A sibling of the story whose text is more than this share link text is navigation.
MAX_SIBLING_LINK_SHARE = 0.25
# How many levels above the story root its siblings are looked at, and the share of a
# sibling container's text that must be prose paragraphs for it to be more of the story.
MERGE_LEVELS = 3
MIN_SIBLING_PROSE_SHARE = 0.6
# Class words of blocks that are never more of the story, however much prose they hold.
NOT_STORY_CLASS_WORDS = _table(
    """
    comment comments commentlist disqus respond reply replies discussion forum footer
    foot sidebar widget related promo sponsor tags contact newsletter outbrain taboola
    recommended more trending popular
    """
)

# ------------------------------------------------------------------ metadata markup

JSONLD_ARTICLE_TYPES = _table(
    "NewsArticle Article ReportageNewsArticle AnalysisNewsArticle BackgroundNewsArticle"
    " OpinionNewsArticle ReviewNewsArticle ScholarlyArticle TechArticle BlogPosting"
    " Report LiveBlogPosting SatiricalArticle"
)

# JSON-LD types of the page itself, whose datePublished is the article's when no article
# object states one.
JSONLD_PAGE_TYPES = _table("WebPage ItemPage")

BYLINE_SELECTORS = ".byline, [rel~=author], [itemprop~=author], .author, .article-author"
DATELINE_SELECTORS = ".dateline"
KICKER_SELECTORS = ".kicker, .eyebrow, .category, .section-label, .article-section"
SUBTITLE_SELECTORS = ".subtitle, .subhead, .sub-title, .subheadline, .dek, .deck, .standfirst"
# <time> elements that say when the article was published, best first.
PUBLISHED_TIME_SELECTORS = (
    "time[itemprop~=datePublished]",
    "[itemprop~=datePublished]",
    "time[pubdate]",
    "time.published, time.publish-date, .published time, .date time",
    "time",
)
# <meta> names (name= or property=) for each field, best first.
META_DATE_NAMES = (
    "article:published_time", "og:article:published_time", "og:published_time",
    "datepublished", "date", "pubdate", "publishdate", "publish-date", "article.published",
    "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.created", "sailthru.date",
    "parsely-pub-date",
)
META_AUTHOR_NAMES = ("author", "dc.creator")

# Class words of a photo credit inside a <figcaption>.
CREDIT_CLASS_WORDS = _table("credit credits photocredit copyright attribution")

# (Credits written into a caption's text are found by ``_text_rules.find_credit``.)

# ------------------------------------------------------------------- element kinds

HEADINGS = {"h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}

# Elements that start a block of their own; anything else in a container is inline text
# (unless it holds one of these).
BLOCK_TAGS = _table(
    """
    address article blockquote center details dialog dd div dl dt fieldset figcaption
    figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr li main ol p pre section summary
    table tbody td tfoot th thead tr ul img picture body html
    """
)

EMPHASIS_TAGS = _table("em i")
STRONG_TAGS = _table("strong b")
CODE_TAGS = _table("code kbd samp tt var")
ABBR_TAGS = _table("abbr acronym")

# Cell scopes the model knows (it has no group scopes).
SCOPES = {"col": "col", "row": "row", "colgroup": "col", "rowgroup": "row"}
MAX_COLSPAN = 1000  # the HTML limits
MAX_ROWSPAN = 65534

# A BCP 47 tag, loosely: what we pass on as a language.
LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")

# The site name after a headline in <title>: "Headline | U.S. Department of Defense".
TITLE_SEPARATORS = (" | ", " > ", " » ", " :: ", " - ", " – ", " — ")
# Separators no headline uses: what follows them is always the site's.
SITE_ONLY_SEPARATORS = (" | ", " > ", " » ", " :: ")
MAX_SITE_SUFFIX_WORDS = 8

# "—", "-", "--" left over after a dateline element is cut off a paragraph.
LEADING_DASH = re.compile(r"^\s*(?:--|—|–|-)\s*")
