"""WCAG contrast of every text/background pair each theme's CSS declares, and links."""

from __future__ import annotations

import pytest

from renderer.contrast import colour_pairs, contrast_ratio, link_problems, unevaluated
from renderer.resources import load_theme

from .conftest import BUNDLED, THEMES

KINDS = ("pdf", "epub")


def contrast_failures(name: str, theme_dir: str | None = None) -> list[str]:
    theme = load_theme(name, theme_dir)
    failures = []
    for kind in KINDS:
        css = theme.pdf_css if kind == "pdf" else theme.epub_css
        for pair in colour_pairs(css):
            need = pair.required(theme.min_contrast)
            if pair.ratio < need:
                failures.append(f"{name} {kind}: {pair.describe()} < {need}:1")
        failures += [f"{name} {kind}: link told by colour alone: {p}" for p in link_problems(css)]
        failures += [f"{name} {kind}: cannot be evaluated: {p}" for p in unevaluated(css)]
    return failures


def test_every_bundled_theme_is_listed():
    assert set(BUNDLED) <= set(THEMES)


@pytest.mark.parametrize("name", THEMES)
def test_contrast(name):
    assert contrast_failures(name) == []


def test_high_contrast_holds_every_pair_to_7():
    theme = load_theme("high-contrast")
    assert theme.min_contrast >= 7
    ratios = [p.ratio for p in colour_pairs(theme.pdf_css) + colour_pairs(theme.epub_css)]
    assert min(ratios) >= 7


def test_wcag_reference_values():
    assert contrast_ratio((0, 0, 0), (1, 1, 1)) == pytest.approx(21)
    grey = (0x76 / 255,) * 3  # #767676: the lightest grey that passes AA on white
    assert contrast_ratio(grey, (1, 1, 1)) == pytest.approx(4.54, abs=0.01)


def test_child_override_replaces_parent_colour():
    """high-contrast inherits briefing's greys but overrides each one."""
    pairs = colour_pairs(load_theme("high-contrast").pdf_css)
    assert {p.text for p in pairs} == {(0.0, 0.0, 0.0)}


def _theme(root, name, toml, pdf_css="", epub_css=""):
    folder = root / name
    folder.mkdir(parents=True)
    (folder / "theme.toml").write_text(toml, "utf-8")
    (folder / "pdf.css").write_text(pdf_css, "utf-8")
    (folder / "epub.css").write_text(epub_css, "utf-8")
    return str(root)


def test_broken_theme_fails(tmp_path):
    """The test above is not vacuous: grey text, a pale table header and bare links fail."""
    root = _theme(tmp_path, "washed-out", 'description = "broken"\ninherits = "briefing"\n',
                  pdf_css="p { color: #999999; }\n.kicker { color: rgb(200, 200, 200); }\n"
                          "a { text-decoration: none; }\n",
                  epub_css="html { color: #777; background-color: #888; }\n")
    failures = contrast_failures("washed-out", root)
    text = "\n".join(failures)
    assert "#999999 (p) on #ffffff (html)" in text
    assert "#c8c8c8 (.kicker)" in text
    assert "washed-out epub: #777777 (html) on #888888 (html)" in text
    assert "link told by colour alone: a { text-decoration: none }" in text


def test_broken_high_contrast_child_fails_at_7(tmp_path):
    """#595959 passes AA (7.0:1 is not reached) - a child of high-contrast inherits the 7:1 bar."""
    root = _theme(tmp_path, "grey-contrast", 'inherits = "high-contrast"\n',
                  pdf_css="figcaption { color: #666666; }\n")
    assert load_theme("grey-contrast", root).min_contrast == 7
    failures = contrast_failures("grey-contrast", root)
    assert any("#666666 (figcaption)" in f and "< 7.0:1" in f for f in failures), failures
    assert contrast_failures("briefing") == []


def test_large_text_may_have_3_to_1(tmp_path):
    root = _theme(tmp_path, "big-grey", 'inherits = "briefing"\n',
                  pdf_css="h1 { color: #808080; font-size: 24pt; }\n"
                          "h2 { color: #808080; font-size: 14pt; font-weight: bold; }\n"
                          "h3 { color: #808080; font-size: 12pt; }\n")
    failures = "\n".join(contrast_failures("big-grey", root))
    assert "(h1)" not in failures and "(h2)" not in failures
    assert "#808080 (h3) on #ffffff (html)" in failures


def test_modern_css_is_measured_or_fails(tmp_path):
    """Custom properties, CSS Color 4 syntax, alpha and opacity are measured; what cannot
    be (a gradient behind text, an unknown colour syntax) fails; so does an invisible
    underline. Each line of this theme is a separate failure."""
    root = _theme(
        tmp_path, "sneaky-grey", 'inherits = "briefing"\n',
        pdf_css=":root { --fg: #cccccc; --link-line: transparent; }\n"
                "p { color: var(--fg); }\n"
                "li { color: rgb(210 210 210); }\n"
                "blockquote { color: hsl(0deg 0% 85%); }\n"
                "dd { color: hwb(0 80% 0%); }\n"
                "figcaption { color: rgb(0 0 0 / 20%); }\n"
                "td { color: #ffffff; opacity: 0.15; }\n"
                "caption { opacity: 10%; }\n"
                "body { background-image: linear-gradient(#111111, #111111); }\n"
                "aside { background: url(data:image/png;base64,AAAA) #ffffff; }\n"
                "cite { color: lab(80% 0 0); }\n"
                "dt { color: color-mix(in srgb, #999999, white); }\n"
                "small { color: var(--undeclared); }\n"
                "a { text-decoration: underline transparent; }\n"
                "a:hover { text-decoration-color: var(--link-line); }\n",
        epub_css="a { text-decoration-line: none; color: currentColor; }\n")
    text = "\n".join(contrast_failures("sneaky-grey", root))
    for expected in (
        "#cccccc (p) on #ffffff (html)",
        "#d2d2d2 (li) on #ffffff (html)",
        "#d9d9d9 (blockquote) on #ffffff (html)",
        "#ffcccc (dd) on #ffffff (html)",
        "#cccccc (figcaption) on #ffffff (html)",  # 20 % black over white
        "#ffffff (td) on #ffffff (html)",  # white, faded to 15 %, over white
        "(caption) on #ffffff (html)",  # any text at 10 % opacity
        "body { background-image: linear-gradient(#111111, #111111) }: linear-gradient",
        # (a theme's url() may only be data:, see test_theme_screening.py)
        "aside { background: url(data:image/png;base64,AAAA) #ffffff }: "
        "url(data:image/png;base64,AAAA) is an image behind text",
        "cite { color: lab(80% 0 0) }: lab(80% 0 0) cannot be converted to sRGB",
        "dt { color: color-mix(in srgb, #999999, white) }: ",
        "small { color: var(--undeclared) }: var(--undeclared) has no value",
        "link told by colour alone: a { text-decoration: underline transparent }",
        "link told by colour alone: a:hover { text-decoration-color: var(--link-line) }",
        "sneaky-grey epub: link told by colour alone: a { text-decoration-line: none }",
    ):
        assert expected in text, expected
    assert "(h2)" not in text  # black on white passes


def test_custom_property_takes_every_declared_value():
    css = ":root { --fg: #000000; } .dark { --fg: #aaaaaa; } p { color: var(--fg, red); }"
    assert sorted(round(p.ratio, 2) for p in colour_pairs(css)) == [2.32, 21.0]
    assert [p.ratio for p in colour_pairs("p { color: var(--none, #767676); }")] == [
        pytest.approx(4.54, abs=0.01)]
