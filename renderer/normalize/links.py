"""Every link an edition carries resolves: what each reader's link targets become.

One rule for every reader, applied by :func:`renderer.normalize.normalize` and read by
lint (which reports what it drops):

* ``http:``, ``https:``, ``mailto:`` and ``tel:`` links stay (whitespace around them
  trimmed, spaces inside percent-encoded);
* a fragment (``#x``) stays when the article has an element with that id (a heading, a
  note), else the link becomes its text: the page's own anchors (comments, menus, a
  "back to top") are not in the extracted article;
* a relative link (``/news/x``, ``../x``, ``//host/x``) is made absolute from the page's
  canonical URL (``Metadata.source``, when it is an absolute http(s) URL), else it
  becomes its text: inside an EPUB it would point into the container, or out of it;
* any other scheme (``javascript:``, ``vbscript:``, ``data:``, ``file:``, ``ftp:``,
  ``about:``, an app's own scheme) becomes the link's text, and is reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from urllib.parse import quote, unquote, urljoin, urlsplit

from ..model import LINK_SCHEMES

__all__ = ["Fate", "Target", "link_base", "resolve_href"]


# A scheme as RFC 3986 spells it; browsers ignore ASCII whitespace and controls inside one.
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
_CONTROLS = re.compile(r"[\x00-\x20\x7f]+")
# What may stand in a URL as it is: RFC 3986's unreserved, reserved and "%" (an escape).
# Anything else (spaces, quotes, angle brackets, non-ASCII) is percent-encoded.
_SAFE = "!#$%&'()*+,-./:;=?@[]~_"


class Fate(Enum):
    """What happens to one link."""

    KEPT = "kept"  # the target as the edition writes it
    ABSOLUTE = "absolute"  # a relative link, made absolute from the page's URL
    MISSING_FRAGMENT = "missing-fragment"  # #x with no element x in the article: text
    NO_BASE = "no-base"  # relative, and no page URL to resolve it from: text
    SCHEME = "scheme"  # a scheme no edition may carry: text, reported
    INVALID = "invalid"  # not a URL at all (an empty host, a broken port): text


@dataclass(frozen=True, slots=True)
class Target:
    href: str | None  # None: the link becomes its text
    fate: Fate
    scheme: str = ""


def link_base(source: str | None) -> str | None:
    """The URL relative links are resolved from: the page's own, when it is absolute."""
    if not source:
        return None
    value = _CONTROLS.sub("", source)
    try:
        parts = urlsplit(value)
    except ValueError:
        return None
    if parts.scheme.lower() in ("http", "https") and parts.hostname:
        return value
    return None


def resolve_href(href: str, *, base: str | None, ids: frozenset[str] | set[str]) -> Target:
    """What ``href`` becomes in the editions of an article with element ids ``ids``."""
    value = href.strip()
    compact = _CONTROLS.sub("", value)
    if not compact:
        return Target(None, Fate.INVALID)
    if compact.startswith("#"):
        fragment = value[1:]
        for ident in (fragment, unquote(fragment)):
            if ident in ids:
                return Target(f"#{ident}", Fate.KEPT)
        return Target(None, Fate.MISSING_FRAGMENT)
    match = _SCHEME.match(compact)
    if match:
        # One letter is a Windows drive: a local file, like file:.
        scheme = match.group(1).lower() if len(match.group(1)) > 1 else "file"
        if scheme not in LINK_SCHEMES:
            return Target(None, Fate.SCHEME, scheme)
        return _valid(_encoded(value), Fate.KEPT, scheme)
    if base is None:
        return Target(None, Fate.NO_BASE)
    try:
        absolute = urljoin(base, _encoded(value))
    except ValueError:
        return Target(None, Fate.INVALID)
    return _valid(absolute, Fate.ABSOLUTE, urlsplit(absolute).scheme.lower())


def _encoded(url: str) -> str:
    """``url`` with what may not stand in a URL percent-encoded (existing escapes kept)."""
    return quote(url, safe=_SAFE)


def _valid(url: str, fate: Fate, scheme: str) -> Target:
    """``url`` if it parses as a URL of its scheme, else the link becomes text."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a port that is not a number
    except ValueError:
        return Target(None, Fate.INVALID, scheme)
    if scheme in ("http", "https") and not parts.hostname:
        return Target(None, Fate.INVALID, scheme)
    if scheme in ("mailto", "tel") and not (parts.path or parts.query):
        return Target(None, Fate.INVALID, scheme)
    return Target(url, fate, scheme)
