"""What the Markdown reader accepts, as tables.

The reader (:mod:`renderer.ingest.markdown`) asks these tables which front-matter keys
mean which :class:`~renderer.model.Metadata` field, and which raw HTML it may keep. A new
key alias or an allowed tag is one row here, not another branch in the reader.
"""

from __future__ import annotations

import re

# ----------------------------------------------------------------- front matter

# Front-matter key (lower-cased) → the Metadata field it fills. Aliases share a field;
# list fields merge their aliases, single-valued fields refuse aliases that disagree.
FRONT_MATTER_KEYS: dict[str, str] = {
    "title": "title",
    "subtitle": "subtitle",
    "author": "authors",
    "authors": "authors",
    "organization": "organization",
    "organisation": "organization",
    "publisher": "publisher",
    "date": "date",
    "language": "language",
    "lang": "language",
    "keywords": "keywords",
    "tags": "keywords",
    "source": "source",
    "url": "source",
    "summary": "description",
    "description": "description",
    "section": "section",
    "kicker": "section",
    "identifier": "identifier",
    "dateline": "dateline",
}

LIST_FIELDS = frozenset({"authors", "keywords"})

# A BCP 47 tag by shape only ("en", "en-US", "zh-Hant-TW", "x-klingon"); whether the
# language exists is not this reader's business.
LANGUAGE_TAG = re.compile(r"(?:[A-Za-z]{2,3}|[xXiI])(?:-[A-Za-z0-9]{1,8})*")

# The opening and closing lines of a YAML front-matter block.
FRONT_MATTER_OPEN = re.compile(r"---[ \t]*")
FRONT_MATTER_CLOSE = re.compile(r"(?:---|\.\.\.)[ \t]*")

# ---------------------------------------------------------------------- raw HTML

# Inline tags kept, with the model node each becomes (``<img>`` and ``<br>`` are void).
SAFE_TAGS = frozenset({"abbr", "span", "q", "br", "img"})

# Tags whose *content* is dropped with the tag: it is code, not article text.
DROP_CONTENT_TAGS = frozenset(
    {
        "script", "style", "iframe", "object", "embed", "noscript", "template", "textarea",
        "svg", "math", "canvas", "audio", "video", "select", "frameset", "noembed", "head",
        "title",
    }
)  # fmt: skip

VOID_TAGS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
     "track", "wbr", "param", "keygen"}
)  # fmt: skip

# Image sources the pipeline will never fetch (nothing is fetched from the network).
REMOTE_SRC = re.compile(r"(?i:(?:https?|ftp):)?//")

# ------------------------------------------------------------------------ limits

# Lists and block quotes nested deeper than this are refused. markdown-it's own
# ``maxNesting`` counts token levels (a list is two: the list and its item), so it is
# set above twice this, with room for a table or a paragraph inside the deepest item.
MAX_DEPTH = 24
MARKDOWN_IT_MAX_NESTING = 2 * MAX_DEPTH + 8

# Inline markup (emphasis, strong, links, raw <q> and <span lang>) nested deeper than
# this is refused: the templates and the PDF's tag builder recurse once per level. The
# HTML reader flattens what is deeper than the same number (``MAX_INLINE_DEPTH`` there).
MAX_INLINE_DEPTH = 48

# Nested raw-HTML phrases (<q><q><q>…) deeper than this lose their inner tags (the
# text stays); past MAX_HTML_FRAMES open tags, refused ones are not even tracked.
MAX_HTML_DEPTH = 8
MAX_HTML_FRAMES = 64
