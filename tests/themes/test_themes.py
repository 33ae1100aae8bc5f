"""Themes: listing, inheritance, user themes, each theme's promises, builds and previews."""

from __future__ import annotations

import io
import re
import zipfile

import pytest

from renderer.build import DEFAULT_THEME
from renderer.cli import main
from renderer.contrast import final_declarations
from renderer.errors import UsageError
from renderer.resources import load_theme

from ..conftest import check_edition, pdftotext
from .conftest import (
    BUNDLED,
    RICH,
    SEED,
    THEMES,
    font_origin_problems,
    notdef_characters,
    pdf_fonts,
)

ABSOLUTE = re.compile(r"(?<![\w#-])-?\d*\.?\d+(pt|px|cm|mm|in|pc|q)\b", re.I)
UA_ITALIC = ("em", "i", "cite", "dfn", "var", "address")


def _theme(root, name, toml, pdf_css="", epub_css=""):
    folder = root / name
    folder.mkdir(parents=True)
    (folder / "theme.toml").write_text(toml, "utf-8")
    if pdf_css:
        (folder / "pdf.css").write_text(pdf_css, "utf-8")
    if epub_css:
        (folder / "epub.css").write_text(epub_css, "utf-8")
    return str(root)


def test_themes_command_lists_every_theme_with_description(capsys):
    assert main(["themes"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == sorted(BUNDLED)
    assert all(len(line.split(None, 1)) == 2 for line in lines)


def test_themes_command_with_user_folder(tmp_path, capsys):
    root = _theme(tmp_path, "mine", 'description = "My own"\ninherits = "briefing"\n')
    assert main(["themes", "--theme-dir", root]) == 0
    assert re.search(r"^mine\s+My own$", capsys.readouterr().out, re.M)


def test_defaults():
    assert DEFAULT_THEME == {"pdf": "briefing", "epub": "ereader"}


def test_inheritance_appends_child_after_parent():
    parent, child = load_theme("briefing"), load_theme("large-print")
    assert child.lineage == ("large-print", "briefing")
    assert child.pdf_css.startswith(parent.pdf_css)
    assert child.pdf_css.index("font-size: 18pt") > len(parent.pdf_css)
    assert child.epub_css.startswith(parent.epub_css)


def test_user_theme_and_errors(tmp_path):
    root = _theme(tmp_path, "loop-a", 'inherits = "loop-b"\n')
    _theme(tmp_path, "loop-b", 'inherits = "loop-a"\n')
    _theme(tmp_path, "orphan", 'inherits = "no-such-theme"\n')
    _theme(tmp_path, "briefing", 'description = "my briefing"\ninherits = "briefing"\n',
           pdf_css="h1 { font-size: 22pt; }\n")
    _theme(tmp_path, "serif-free", 'fonts = ["Comic Sans MS"]\n')
    with pytest.raises(UsageError, match="inherits from itself"):
        load_theme("loop-a", root)
    with pytest.raises(UsageError, match="unknown theme 'no-such-theme'"):
        load_theme("orphan", root)
    with pytest.raises(UsageError, match="not bundled: 'Comic Sans MS'"):
        load_theme("serif-free", root)
    mine = load_theme("briefing", root)  # a user's theme may extend the bundled one it shadows
    assert mine.description == "my briefing"
    assert mine.pdf_css.startswith(load_theme("briefing").pdf_css)
    assert mine.pdf_css.rstrip().endswith("h1 { font-size: 22pt; }")


@pytest.mark.parametrize("name", ["../themes/briefing", "/tmp/elsewhere", "Briefing", "a/b", "a_b"])
def test_theme_names_are_names_not_paths(name, tmp_path, capsys):
    """A theme comes from the bundled folder or --theme-dir, never from a path in its name."""
    code = main(["build", str(SEED), "--theme", name, "-o", str(tmp_path / "out")])
    assert code == 2
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1 and f"theme {name!r} is not a theme name" in lines[0]
    assert not (tmp_path / "out").exists()


def test_inherits_is_a_name_too(tmp_path):
    root = _theme(tmp_path, "climber", 'inherits = "../../themes/briefing"\n')
    with pytest.raises(UsageError, match=r"theme\.toml: inherits = '\.\./\.\./themes/briefing'"):
        load_theme("climber", root)


def test_themes_command_lists_only_usable_names(tmp_path, capsys):
    root = _theme(tmp_path, "mine", 'inherits = "briefing"\n')
    _theme(tmp_path, "Not_A_Name", 'inherits = "briefing"\n')
    assert main(["themes", "--theme-dir", root]) == 0
    names = [line.split()[0] for line in capsys.readouterr().out.splitlines()]
    assert "mine" in names and "Not_A_Name" not in names


def test_relative_theme_dir_is_resolved(tmp_path, monkeypatch, capsys):
    """--theme-dir th, as typed in a shell: relative to the current folder (was exit 5)."""
    _theme(tmp_path / "th", "plain", 'inherits = "briefing"\n', pdf_css="h1 { color: #000000; }\n")
    monkeypatch.chdir(tmp_path)
    assert main(["build", str(SEED), "-o", "out", "--theme", "plain", "--theme-dir", "th"]) == 0
    assert (tmp_path / "out" / "isil-losing-ground.pdf").is_file()
    assert main(["themes", "--theme-dir", "th"]) == 0
    assert "plain" in capsys.readouterr().out


def test_missing_theme_dir_is_a_usage_error(tmp_path, capsys):
    code = main(["build", str(SEED), "--theme-dir", str(tmp_path / "nope"), "-o", str(tmp_path)])
    assert code == 2
    assert "no such folder" in capsys.readouterr().err


def test_unknown_theme_lists_themes(capsys):
    assert main(["build", str(SEED), "--theme", "nope", "-o", "/tmp/unused-out"]) == 2
    err = capsys.readouterr().err
    assert "unknown theme 'nope'" in err and "large-print" in err


def test_user_theme_builds_and_page_size_is_checked(tmp_path, capsys):
    root = _theme(tmp_path / "t", "a4-only", 'inherits = "briefing"\npage_sizes = ["a4"]\n',
                  pdf_css="h1 { color: #000000; }\n")
    out = tmp_path / "out"
    assert main(["build", str(SEED), "-o", str(out), "--theme", "a4-only", "--theme-dir", root,
                 "--page-size", "a4", "--format", "pdf", "-q"]) == 0
    assert main(["build", str(SEED), "-o", str(out), "--theme", "a4-only", "--theme-dir", root,
                 "--format", "pdf", "-q"]) == 2
    assert "has no letter page size" in capsys.readouterr().err


@pytest.mark.parametrize("name", THEMES)
def test_theme_builds_seed_and_rich(name, editions):
    """Both editions of both samples; the autouse fixture runs the inspector, EPUBCheck, Ace.
    Every font in the PDFs is an embedded copy of a bundled file (none from the system)."""
    for sample in (SEED, RICH):
        paths = editions(name, sample)
        assert paths["epub"].stat().st_size
        assert pdf_fonts(paths["pdf"])
        assert font_origin_problems(paths["pdf"]) == [], (name, sample.name)
        assert notdef_characters(paths["pdf"]) == {}, (name, sample.name)
    # The tagged text is the source's: the kicker reads "News", as in the EPUB
    assert "News" in pdftotext(editions(name, SEED)["pdf"]).splitlines()


@pytest.mark.parametrize("name", THEMES)
def test_no_case_transforms(name):
    """text-transform changes what the PDF's text says ("NEWS", read letter by letter by
    some voices) and makes the editions differ; themes change case by no other means."""
    theme = load_theme(name)
    for css in (theme.pdf_css, theme.epub_css):
        for selector, props in final_declarations(css).items():
            assert props.get("text-transform", "none") == "none", (name, selector)


def test_large_print_sizes():
    final = final_declarations(load_theme("large-print").pdf_css)
    assert final["html"]["font-size"] == "18pt"
    assert float(final["html"]["line-height"]) >= 1.5
    assert final["html"]["text-align"] == "left" and final["html"]["hyphens"] == "none"
    for selector, props in final.items():
        size = props.get("font-size") or re.match(r"[\d.]+\w+|", props.get("font", "")).group()
        if size.endswith("pt"):
            assert float(size[:-2]) >= 18, (selector, size)
        elif size.endswith("em"):
            assert float(size[:-2]) >= 1, (selector, size)
        assert props.get("text-align") != "justify"
        assert props.get("font-style") != "italic", selector


def test_dyslexia_friendly_css():
    theme = load_theme("dyslexia-friendly")
    for css in (theme.pdf_css, theme.epub_css):
        final = final_declarations(css)
        assert final["html"]["font-family"].startswith('"Atkinson Hyperlegible"')
        assert float(final["html"]["letter-spacing"].removesuffix("em")) >= 0.03
        assert float(final["html"]["word-spacing"].removesuffix("em")) >= 0.1
        assert float(final["html"]["line-height"]) >= 1.5
        for selector, props in final.items():
            assert props.get("font-style") != "italic", selector
            assert props.get("text-align") != "justify", selector
        for element in UA_ITALIC:  # WeasyPrint's and readers' UA stylesheets italicize these
            assert final[element]["font-style"] == "normal", element


def _epub(theme: str, sample=SEED) -> io.BytesIO:
    """An EPUB written directly, through the suite's checks (its bytes are not the CLI's)."""
    import datetime as dt

    from renderer.epub import write_epub
    from renderer.ingest import ingest
    from renderer.normalize import normalize
    from renderer.options import Options

    article = normalize(ingest(sample), Options())
    edition = write_epub(article, theme=load_theme(theme), moment=dt.datetime(2024, 1, 2),
                         strict=False, certified_by=None, known_defects=[])
    check_edition(edition.data, ".epub")
    return io.BytesIO(edition.data)


def test_dyslexia_friendly_editions(editions):
    paths = editions("dyslexia-friendly", RICH)
    names = {f["base_font"] for f in pdf_fonts(paths["pdf"])}
    assert "Atkinson-Hyperlegible" in names
    assert not [n for n in names if "Italic" in n or "Oblique" in n]
    with zipfile.ZipFile(paths["epub"]) as epub:
        fonts = [n for n in epub.namelist() if n.startswith("EPUB/fonts/")]
        css = epub.read("EPUB/style.css").decode()
        opf = epub.read("EPUB/content.opf").decode()
    assert len(fonts) == 4 and all(n.endswith(".woff2") for n in fonts)
    assert css.count("@font-face") == 4 and "url('fonts/atkinson-hyperlegible" in css
    assert opf.count('media-type="font/woff2"') == 4


@pytest.mark.parametrize("name", [n for n in BUNDLED if n != "dyslexia-friendly"])
def test_other_themes_embed_no_fonts(name):
    with zipfile.ZipFile(_epub(name)) as epub:
        assert not [n for n in epub.namelist() if "/fonts/" in n]


def test_ereader_epub_css_leaves_reader_in_charge():
    css = load_theme("ereader").epub_css
    assert not ABSOLUTE.search(css), ABSOLUTE.search(css)
    for selector, props in final_declarations(css).items():
        for prop in ("color", "background", "background-color", "font-family"):
            assert prop not in props, (selector, prop)


@pytest.mark.parametrize("zoom,width", [(1, 320), (2, 320), (2, 640)])
def test_ereader_reflows(zoom, width):
    """The EPUB chapter with the ereader CSS, laid out at 320 CSS px (and 200 % text):
    nothing sticks out sideways, so no horizontal scrolling (WCAG 1.4.10)."""
    import weasyprint

    from renderer.compose import compose
    from renderer.ingest import ingest
    from renderer.normalize import normalize
    from renderer.options import Options

    article = normalize(ingest(RICH), Options())
    xhtml = compose(article, target="epub", stylesheet_href="style.css",
                    image_href=lambda src: src)
    css = load_theme("ereader").epub_css + (
        f"@page {{ size: {width}px 2000px; margin: 0; }} html {{ font-size: {zoom * 100}%; }}"
    )
    document = weasyprint.HTML(string=xhtml, base_url=str(RICH.parent) + "/").render(
        stylesheets=[weasyprint.CSS(string=css)])
    wide = []

    def walk(box):
        right = box.position_x + box.margin_width()
        if right > width + 0.5:
            wide.append((type(box).__name__, getattr(box, "element_tag", None), round(right)))
        for child in getattr(box, "children", ()):
            walk(child)

    for page in document.pages:
        walk(page._page_box)
    assert not wide, wide[:5]


def test_preview_png(tmp_path, capsys):
    from PIL import Image

    target = tmp_path / "page.png"
    assert main(["preview", str(SEED), "--theme", "high-contrast", "-o", str(target)]) == 0
    assert capsys.readouterr().out.strip() == str(target)
    with Image.open(target) as image:
        assert image.format == "PNG"
        assert image.size == (850 + 24, 1100 + 24)  # Letter at 100 dpi, 12 px around
    two = tmp_path / "two.png"
    assert main(["preview", str(SEED), "--theme", "large-print", "-o", str(two), "--pages", "2",
                 "--page-size", "a4", "--dpi", "50"]) == 0
    with Image.open(two) as image:
        assert image.size == (2 * 414 + 36, 585 + 24)  # two A4 pages at 50 dpi (rounded up)


FOOTERS = {"en": "Page 1 of 1", "fr": "Page 1 sur 1", "es": "Página 1 de 1", "de": "Seite 1 von 1"}


@pytest.mark.parametrize("lang", FOOTERS)
def test_page_footer_speaks_the_articles_language(lang, tmp_path):
    article = tmp_path / "a.md"
    article.write_text(f"---\ntitle: Probe\nlang: {lang}\nauthor: Jane Roe\ndate: 2015-05-06\n"
                       "publisher: Coalition Press Office\n"
                       "---\n\nUne phrase. Ein Satz. Una frase.\n", "utf-8")
    out = tmp_path / "out"
    assert main(["build", str(article), "-o", str(out), "-q"]) == 0
    assert FOOTERS[lang] in pdftotext(out / "a.pdf").splitlines()
    with zipfile.ZipFile(out / "a.epub") as epub:  # the EPUB has no page furniture
        assert not any(b"data-folio" in epub.read(n) for n in epub.namelist())


def test_packet_footer_speaks_the_packets_language(tmp_path):
    folder = tmp_path / "packet"
    folder.mkdir()
    (folder / "a.txt").write_text(SEED.read_text("utf-8"), "utf-8")
    (folder / "p.toml").write_text('title = "Dossier"\nlanguage = "fr"\n'
                                   '[[article]]\npath = "a.txt"\n', "utf-8")
    out = tmp_path / "out"
    assert main(["build", str(folder / "p.toml"), "-o", str(out), "--format", "pdf", "-q"]) == 0
    footers = [line for line in pdftotext(out / "p.pdf").splitlines() if " sur " in line]
    assert footers == [f"Page {n} sur 4" for n in range(1, 5)]
