"""The link checks (EPUB-LINK-…): each reference EPUBCheck refuses gives its code, and
EPUBCheck agrees on the same book; references it accepts give none."""

from __future__ import annotations

import pytest

from renderer.check import CODES, check
from renderer.check.epub import link_findings

from ..validators import run_ace, run_epubcheck
from .test_epub_checks import ARTICLE, OPF, codes, mutate, sub

_LINKS = "EPUB-LINK-"


def _with_link(href: str, tag: str = '<a href="{}">the office</a>'):
    """The seed's first paragraph with one more reference at its end."""
    return {ARTICLE: sub(r"</p>", tag.format(href) + "</p>")}


# (edits, our code, EPUBCheck's id, what)
BROKEN = [
    (_with_link("harbor-office.xhtml"), "EPUB-LINK-001", "RSC-007", "a page not in the book"),
    (_with_link("style.css", '<img src="gauge.png" alt="A tide gauge"/>'), "EPUB-LINK-001",
     "RSC-007", "an image not in the book"),
    (_with_link("#comments"), "EPUB-LINK-002", "RSC-012", "an anchor not in the document"),
    (_with_link("nav.xhtml#reader-comments"), "EPUB-LINK-002", "RSC-012",
     "an anchor not in another document"),
    (_with_link("../../about/harbor-office"), "EPUB-LINK-003", "RSC-026",
     "a path above the container"),
    (_with_link("/about/harbor-office"), "EPUB-LINK-003", "RSC-026", "a site-absolute path"),
    ({OPF: sub(r'<itemref idref="nav" linear="no"/>', "")}, "EPUB-LINK-004", "RSC-011",
     "a link to the nav when it is not in the spine"),
    (_with_link("flood map.html"), "EPUB-LINK-005", "RSC-020", "a space in a URL"),
    (_with_link("file:///home/editor/flood-map.html"), "EPUB-LINK-006", "RSC-030",
     "a file URL"),
    (_with_link("article.xhtml?page=2"), "EPUB-LINK-007", "RSC-033",
     "a relative URL with a query"),
]

# (edits, our code, Ace's rule, what): what Ace refuses, not EPUBCheck
UNNAMED = [
    (_with_link("https://www.harbor.example.org/", '<a href="{}"> </a>'), "EPUB-LINK-008",
     "link-name", "a link with only a space"),
    (_with_link("https://www.harbor.example.org/", '<a href="{}"><img src="x.png" alt=""/></a>'),
     "EPUB-LINK-008", "link-name", "a link around a decorative image"),
]


@pytest.mark.parametrize(("edits", "code", "rsc", "what"), BROKEN,
                         ids=[f"{c}:{w}" for _, c, _, w in BROKEN])
def test_a_refused_reference_gives_its_code(editions, tmp_path, edits, code, rsc, what) -> None:
    broken = mutate(editions["seed.epub"], tmp_path / "broken.epub", edits)
    report = check(broken)
    assert code in codes(report), f"{what}\n{report.to_text()}"
    assert {c for c in codes(report) if c.startswith(_LINKS)} == {code}
    hit = report.by_code(code)[0]
    assert hit.location.startswith("EPUB/") and hit.hint == CODES[code].hint
    assert code in {f.code for f in link_findings(broken.read_bytes())}
    ids = {m.split()[1] for m in run_epubcheck(broken)["messages"]}
    assert rsc in ids, f"EPUBCheck: {ids}"


ACCEPTED = [
    ("https://www.harbor.example.org/about", "a web page"),
    ("mailto:tides@harbor.example.org", "mail"),
    ("tel:+1-555-010-2000", "a telephone number"),
    ("#title", "an anchor of the document"),
    ("nav.xhtml#toc", "an anchor of another document in the spine"),
    ("article.xhtml", "a document of the book"),
]


@pytest.mark.parametrize(("href", "what"), ACCEPTED, ids=[w for _, w in ACCEPTED])
def test_an_accepted_reference_gives_no_code(editions, tmp_path, href, what) -> None:
    book = mutate(editions["seed.epub"], tmp_path / "fine.epub", _with_link(href))
    assert not [c for c in codes(check(book)) if c.startswith(_LINKS)], what
    assert link_findings(book.read_bytes()) == []
    result = run_epubcheck(book)
    assert (result["fatal"], result["error"]) == (0, 0), result["messages"]


@pytest.mark.parametrize(("edits", "code", "rule", "what"), UNNAMED,
                         ids=[f"{c}:{w}" for _, c, _, w in UNNAMED])
def test_a_link_without_a_name_gives_its_code(editions, tmp_path, edits, code, rule, what) -> None:
    broken = mutate(editions["seed.epub"], tmp_path / "unnamed.epub", edits)
    assert code in {f.code for f in link_findings(broken.read_bytes())}, what
    assert any(r.split(":")[-1] == rule for r in run_ace(broken)["rules"])


def test_a_link_named_by_its_image_gives_no_code(editions, tmp_path) -> None:
    tag = '<a href="{}"><img src="x.png" alt="The harbor office"/></a>'
    book = mutate(editions["seed.epub"], tmp_path / "named.epub",
                  _with_link("https://www.harbor.example.org/", tag))
    assert "EPUB-LINK-008" not in {f.code for f in link_findings(book.read_bytes())}
