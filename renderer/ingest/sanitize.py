"""Cut a parsed web page down to an allow-list before the HTML reader looks at it.

The reader turns a page into the article model, so only semantics it knows survive
anyway; this pass makes the guarantee explicit and independent of the reader's rules,
and says what it took out of the article (``sanitizer: …`` notes, reported by
``lint``/``build`` as ``IN-SAFE-001``; removals from the site chrome around the
article are not reported):

* elements with active or embedded content — ``script``, ``style``, ``iframe``,
  ``object``, ``embed``, ``applet``, ``frame``, ``link``, ``base``, ``svg``, ``math``,
  ``template``, media, form controls … — are removed **with** their content;
* any other element not in :data:`ALLOWED_TAGS` (custom elements, ``font`` …) becomes a
  ``span`` with the allowed attributes kept, so its text stays and the reader treats it
  as it treats any unknown container;
* attributes are kept only when allowed for every element (:data:`GLOBAL_ATTRIBUTES`) or
  for that element (:data:`TAG_ATTRIBUTES`): event handlers (``on…``) go;
* URL attributes keep only safe schemes: links ``http``/``https``/``mailto`` and relative
  ones (``javascript:``, ``data:``, ``vbscript:``, ``file:`` links go); image sources
  also ``data:image/…`` and ``file:`` (the writers confine and screen those);
* ``style`` attributes are reduced to ``display:none`` when they hide the element (the
  reader skips hidden elements), else dropped: no CSS (``url()``, ``@import``) survives.

It works on the BeautifulSoup tree the reader already has, walking it iteratively, so a
hundred thousand nested elements cost one linear pass. (nh3/ammonia was measured: its
html5ever tree builder takes 75 s on 100 000 nested ``<div>``, which the corpus holds.)
The page's declared metadata (JSON-LD, ``<meta>``, ``<title>``) is read before this pass,
as data only; none of that markup reaches the editions.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..model import LINK_SCHEMES
from . import _html_rules as rules

if TYPE_CHECKING:  # the Markdown reader uses the marks without BeautifulSoup
    from bs4 import BeautifulSoup, Tag

__all__ = [
    "ALLOWED_TAGS",
    "GLOBAL_ATTRIBUTES",
    "TAG_ATTRIBUTES",
    "URL_ATTRIBUTES",
    "attribute_mark",
    "report",
    "sanitize",
    "summarize",
]

MARK = "data-sanitized"

#: Removed together with their content (active, embedded or never article text).
REMOVED_WITH_CONTENT = (rules.DROP_TAGS | {"head", "title", "param", "portal"}) - {"form"}
#: Removals worth a report: content that could run, load or embed something.
ACTIVE = frozenset(
    [
        "script",
        "style",
        "iframe",
        "object",
        "embed",
        "applet",
        "frame",
        "frameset",
        "link",
        "base",
        "svg",
        "math",
        "template",
        "noscript",
        "canvas",
        "video",
        "audio",
        "portal",
    ]
)
ALLOWED_TAGS = frozenset(
    (rules.BLOCK_TAGS - {"dialog"})
    | set(rules.HEADINGS)
    | rules.EMPHASIS_TAGS
    | rules.STRONG_TAGS
    | rules.CODE_TAGS
    | rules.ABBR_TAGS
    | set(
        [
            "a",
            "span",
            "q",
            "cite",
            "dfn",
            "mark",
            "small",
            "sub",
            "sup",
            "s",
            "strike",
            "del",
            "ins",
            "u",
            "br",
            "wbr",
            "time",
            "data",
            "bdi",
            "bdo",
            "caption",
            "col",
            "colgroup",
            "legend",
            "picture",
            "figcaption",
        ]
    )
)
GLOBAL_ATTRIBUTES = frozenset(
    [
        "class",
        "id",
        "role",
        "lang",
        "xml:lang",
        "title",
        "hidden",
        "dir",
        "itemprop",
        "itemscope",
        "itemtype",
        "aria-hidden",
        "aria-label",
    ]
)
TAG_ATTRIBUTES = {
    "a": frozenset({"href", "rel", "name"}),
    "img": frozenset({"src", "alt", "width", "height", "srcset", "data-src"}),
    "td": frozenset({"colspan", "rowspan", "headers"}),
    "th": frozenset({"colspan", "rowspan", "headers", "scope", "abbr"}),
    "time": frozenset({"datetime", "pubdate"}),
    "ol": frozenset({"start", "reversed", "type"}),
    "li": frozenset({"value"}),
    "blockquote": frozenset({"cite"}),
    "q": frozenset({"cite"}),
    "col": frozenset({"span"}),
    "colgroup": frozenset({"span"}),
}
#: Attributes holding a URL, whose scheme must be allowed where they stand.
URL_ATTRIBUTES = frozenset({"href", "src", "data-src", "srcset", "cite"})
_LINK_SCHEMES = LINK_SCHEMES
_IMAGE_SCHEMES = ("http", "https", "file")
_SCHEME = re.compile(r"\s*([A-Za-z][A-Za-z0-9+.\-]*):")


def sanitize(soup: BeautifulSoup) -> None:
    """Sanitize ``soup`` in place, marking each removal for :func:`report`.

    A removed element leaves an empty ``<span data-sanitized="el:NAME">``; a tag that
    lost attributes carries ``data-sanitized`` naming them. Only what was removed from
    the article is worth a report (every real page has scripts in its chrome), and
    where the article is is known only later, so :func:`report` counts the marks there.
    """
    for tag in list(soup.find_all(True)):
        # Inside something already removed? (Not ``tag.decomposed``: on a tag without the
        # flag, bs4 turns the attribute lookup into a search of the whole subtree.)
        if tag.__dict__.get("_decomposed") or tag.__dict__.get("parent") is None:
            continue
        name = (tag.name or "").lower()
        if name in REMOVED_WITH_CONTENT:
            inner = [d.name for d in tag.find_all(list(ACTIVE))]
            active = [n for n in [name, *inner] if n in ACTIVE]
            if active:
                mark = soup.new_tag("span")
                mark.attrs[MARK] = " ".join(f"el:{n}" for n in active)
                tag.replace_with(mark)
            tag.decompose()
            continue
        if name not in ALLOWED_TAGS and name not in ("html", "body", "[document]"):
            tag.name = "span"
        allowed = GLOBAL_ATTRIBUTES | TAG_ATTRIBUTES.get(tag.name, frozenset())
        marks: list[str] = []
        for attr in list(tag.attrs):
            key = attr.lower()
            value = tag.attrs[attr]
            text = " ".join(value) if isinstance(value, list) else str(value)
            mark = attribute_mark(key, text)
            if mark:
                marks.append(mark)
            if mark or key not in allowed:  # style is never allowed as it is
                del tag.attrs[attr]
            if key == "style" and rules.HIDDEN_STYLE.search(text):
                tag.attrs["style"] = "display:none"
        if marks:
            tag.attrs[MARK] = " ".join(marks)


def attribute_mark(name: str, value: str) -> str | None:
    """The removal mark of an attribute that goes whatever element carries it — an event
    handler (``on:onclick``), CSS that loads something (``css``), a URL whose scheme is not
    allowed there (``url:javascript``) — or None.

    The HTML sanitizer and the Markdown reader's raw HTML both ask here, and
    :func:`summarize` words the marks for both: a ``javascript:`` link or an ``onclick``
    is reported the same way, as IN-SAFE-001, whichever reader met it.
    """
    key = name.lower()
    if key.startswith("on"):
        return f"on:{key}"
    if key == "style":
        lowered = value.lower()
        return "css" if "url(" in lowered or "@import" in lowered else None
    if key in URL_ATTRIBUTES and (scheme := _unsafe_scheme(key, value)):
        return f"url:{scheme}"
    return None


def report(root: Tag) -> list[str]:
    """Notes saying what :func:`sanitize` removed inside ``root``; the marks are removed."""
    tokens: list[str] = []
    marked = root.find_all(attrs={MARK: True})
    if root.get(MARK) is not None:
        marked.insert(0, root)
    for tag in marked:
        tokens += str(tag.attrs.pop(MARK)).split()
        if tag.name == "span" and not tag.attrs and not tag.contents:
            tag.decompose()  # the placeholder of a removed element
    return summarize(tokens)


def summarize(marks: Iterable[str]) -> list[str]:
    """The ``sanitizer: …`` notes (IN-SAFE-001) for removal marks, counted and sorted."""
    removed: Counter[str] = Counter()
    handlers: set[str] = set()
    urls: Counter[str] = Counter()
    styles = 0
    for token in marks:
        kind, _, what = token.partition(":")
        if kind == "el":
            removed[what] += 1
        elif kind == "on":
            handlers.add(what)
        elif kind == "url":
            urls[what] += 1
        else:
            styles += 1
    notes = []
    if removed:
        parts = [f"<{n}>" + (f" ×{c}" if c > 1 else "") for n, c in sorted(removed.items())]
        notes.append("sanitizer: removed " + ", ".join(parts))
    if handlers:
        notes.append("sanitizer: removed event-handler attributes " + ", ".join(sorted(handlers)))
    for scheme, count in sorted(urls.items()):
        notes.append(
            f"sanitizer: removed {count} {scheme}: URL{'s' if count > 1 else ''} "
            "(only http, https, mailto, tel and relative links are kept)"
        )
    if styles:
        notes.append(f"sanitizer: removed {styles} style attribute(s) with url() or @import")
    return notes


def _unsafe_scheme(attr: str, value: str) -> str | None:
    """The scheme of a URL attribute when it is not allowed there, else None."""
    candidates = [value]
    if attr == "srcset":
        candidates = [part.strip().split(" ")[0] for part in value.split(",") if part.strip()]
    for url in candidates:
        # Browsers ignore ASCII whitespace and control characters inside a scheme.
        compact = re.sub(r"[\x00-\x20]+", "", url)
        match = _SCHEME.match(compact)
        if match is None:
            continue  # relative
        scheme = match.group(1).lower()
        if len(scheme) == 1:
            continue  # a Windows drive letter: a local path the writers confine
        if attr == "href" and scheme in _LINK_SCHEMES:
            continue
        if attr in ("src", "data-src", "srcset"):
            if scheme in _IMAGE_SCHEMES:
                continue
            if scheme == "data" and compact.lower().startswith("data:image/"):
                continue
        if attr == "cite" and scheme in ("http", "https"):
            continue
        return scheme
    return None
