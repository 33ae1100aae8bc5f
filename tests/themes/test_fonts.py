"""Bundled fonts: manifest, licences, coverage, and that a PDF takes glyphs from them only."""

from __future__ import annotations

import dataclasses
import hashlib
import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest

from renderer.cli import main
from renderer.fonts import family_coverage, font_stacks, missing_glyphs
from renderer.resources import bundled_fonts, data_dir, font_manifest, load_theme

from .conftest import SEED, THEMES, font_origin_problems, notdef_characters, pdf_fonts

ROOT = Path(__file__).resolve().parents[2]

SCRIPT_SAMPLES = {
    "Latin": "The quick brown fox",
    "Latin Extended": "ŁódźŽluťoučkýőŐĳŋ",
    "Greek": "Ελληνικά ἀρχή",
    "Cyrillic": "Москва Україна Ђурђевдан",
}


def test_manifest_files_licences_and_size():
    root = data_dir("fonts")
    total = 0
    for family in font_manifest()["family"]:
        folder = root / family["folder"]
        assert (folder / family["licence_file"]).read_text("utf-8").strip(), family["name"]
        assert family["licence"] in ("OFL-1.1", "Bitstream-Vera")
        assert family["origin"]
        for face in family["files"]:
            data = (folder / face["file"]).read_bytes()
            assert hashlib.sha256(data).hexdigest() == face["sha256"], face["file"]
            total += len(data)
    assert total < 25_000_000
    assert [f.family for f in bundled_fonts() if f.fallback] == ["DejaVu Sans"] * 2


@pytest.mark.parametrize("family", ["Noto Serif", "Noto Sans", "DejaVu Sans"])
def test_european_scripts_covered(family):
    covered = family_coverage(family)
    for script, text in SCRIPT_SAMPLES.items():
        missing = [c for c in text if c != " " and ord(c) not in covered]
        assert not missing, (family, script, missing)


def test_every_theme_covers_european_scripts():
    text = "".join(SCRIPT_SAMPLES.values())
    for name in THEMES:
        assert not missing_glyphs(text, load_theme(name)), name


def test_unicode_range_limits_a_subset_file():
    """Atkinson's latin subset lends the family only its declared range."""
    covered = family_coverage("Atkinson Hyperlegible")
    assert ord("é") in covered and ord("ł") in covered
    assert ord("Ж") not in covered  # Cyrillic comes from Noto Sans in that theme


def test_missing_glyphs_reported():
    missing = missing_glyphs("Talks in 北京 and 北京 — 👍\u200d ok", load_theme("briefing"))
    assert [c for c, _ in missing.counts] == ["北", "京", "👍"]  # ZWJ is never drawn
    assert "U+5317 CJK UNIFIED IDEOGRAPH-5317 ×2" in missing.describe()


@pytest.mark.defective_edition  # the PDF draws CJK from outside the bundle, on purpose
def test_build_warns_and_strict_fails_on_text_no_bundled_font_shows(tmp_path, capsys):
    article = tmp_path / "cjk.md"
    article.write_text("---\ntitle: Talks\nlang: en\nauthor: A. Writer\ndate: 2024-01-02\n---\n\n"
                       "Delegates met in 北京 on Tuesday.\n", "utf-8")
    assert main(["build", str(article), "-o", str(tmp_path / "out"), "--format", "pdf"]) == 0
    err = capsys.readouterr().err
    assert "cannot show" in err and "U+5317" in err
    assert main(["build", str(article), "-o", str(tmp_path / "strict"), "--format", "pdf",
                 "--strict"]) == 4
    assert "cannot show" in capsys.readouterr().err


@pytest.mark.parametrize("name", THEMES)
def test_theme_css_names_only_bundled_families(name):
    """Generic families (serif, sans-serif) would let fontconfig pick a system font."""
    bundled = {f.family for f in bundled_fonts()}
    css = load_theme(name).pdf_css
    for stack in re.findall(r"font(?:-family)?\s*:\s*([^;}]+)", css):
        families = [f.strip().strip("'\"") for f in stack.split(",")]
        # the `font` shorthand starts with size/line-height before the first family
        families[0] = re.sub(r"^.*\d\S*\s+", "", families[0]).strip("'\"")
        assert set(families) <= bundled, (name, stack)


def _bundle_tool():
    path = ROOT / "tools" / "bundle-fonts.py"
    spec = importlib.util.spec_from_file_location("bundle_fonts", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_unicode_ranges_are_the_files_cmaps(tmp_path, capsys):
    """fontconfig takes unicode-range as the face's character set: it must not claim more
    than the file has (fontsource's latin-ext range claimed 1 070 missing code points)."""
    from fontTools.ttLib import TTFont

    tool = _bundle_tool()
    assert tool.check() == 0, capsys.readouterr().out
    subsets = [f for f in bundled_fonts() if f.unicode_range]
    assert len(subsets) == 4
    for font in subsets:
        cmap = set(TTFont(font.path).getBestCmap())
        claimed = set()
        for span in font.unicode_range.split(","):
            low, _, high = span.removeprefix("U+").partition("-")
            claimed.update(range(int(low, 16), int(high or low, 16) + 1))
        assert claimed == cmap, font.path.name
    # --check notices a range wider than its file
    fonts = tmp_path / "fonts"
    shutil.copytree(data_dir("fonts"), fonts)
    manifest = (fonts / "manifest.toml").read_text("utf-8")
    (fonts / "manifest.toml").write_text(
        manifest.replace('unicode_range = "U+000D', 'unicode_range = "U+01B0,U+000D', 1), "utf-8")
    capsys.readouterr()
    assert tool.check(fonts) == 1
    assert "unicode_range is not the file's cmap" in capsys.readouterr().out


PROBES = {  # characters Atkinson's subsets lack and Noto Sans has
    "vi": "Thường xuyên, ở Hà Nội, Nguyễn Ánh. Người dân ở đây.",
    "zh-Latn-pinyin": "Pinyin: Běijīng, nǚ, lǜ, ǎ ǐ ǒ ǔ.",
    "az": "Azərbaycan: Əli.",
}


@pytest.mark.parametrize("lang", PROBES)
def test_dyslexia_friendly_falls_back_instead_of_drawing_boxes(lang, tmp_path):
    """Each character is drawn from a file that has it: Noto Sans, not an empty Atkinson box."""
    article = tmp_path / "probe.md"
    article.write_text(f"---\ntitle: Probe\nlang: {lang}\nauthor: Jane Roe\n"
                       f"date: 2015-05-06\n---\n\n{PROBES[lang]}\n", "utf-8")
    out = tmp_path / "out"
    assert main(["build", str(article), "-o", str(out), "--format", "pdf", "--strict", "-q",
                 "--theme", "dyslexia-friendly"]) == 0
    pdf = out / "probe.pdf"
    assert notdef_characters(pdf) == {}
    assert font_origin_problems(pdf) == []
    assert any(f["base_font"] == "Noto-Sans" for f in pdf_fonts(pdf))
    with pikepdf.open(pdf) as doc, doc.open_metadata() as xmp:
        assert xmp["pdfuaid:part"] == "1"


def test_missing_glyphs_follows_the_font_stack():
    """The first face in the stack that claims a character must have it; faces after it
    do not matter, and a face claiming what it lacks hides a later family's glyph."""
    theme = load_theme("dyslexia-friendly")
    assert ("Atkinson Hyperlegible", "Noto Sans", "DejaVu Sans") in font_stacks(theme.pdf_css)
    latin_ext = next(f for f in bundled_fonts() if f.family == "Atkinson Hyperlegible"
                     and "latin-ext-400" in f.path.name)
    assert not missing_glyphs("Thường", theme)
    lying_first = tuple(dataclasses.replace(f, unicode_range="U+0100-02FF") if f == latin_ext
                        else f for f in bundled_fonts())
    assert [c for c, _ in missing_glyphs("Thường", theme, lying_first).counts] == ["ư"]
    lying_last = (*bundled_fonts(),
                  dataclasses.replace(latin_ext, family="DejaVu Sans", unicode_range="U+01B0"))
    assert not missing_glyphs("Thường", theme, lying_last)  # Noto Sans comes first
    assert font_stacks('p { font: italic bold 12pt/1.2 "Noto Sans", DejaVu Sans; }') == (
        ("Noto Sans", "DejaVu Sans"),)


@pytest.mark.defective_edition  # the PDF shows empty boxes, on purpose
def test_notdef_drawn_by_weasyprint_blocks_the_claim(tmp_path, capsys, monkeypatch):
    """Even when the prediction misses a character, WeasyPrint's own .notdef record is a
    defect: no PDF/UA claim, and --strict fails."""
    import renderer.build

    monkeypatch.setattr(renderer.build, "_glyph_coverage", lambda *args: [])
    article = tmp_path / "cjk.md"
    article.write_text("---\ntitle: Talks\nlang: en\nauthor: A. Writer\ndate: 2024-01-02\n"
                       "---\n\nDelegates met in 北京 on Tuesday.\n", "utf-8")
    out = tmp_path / "out"
    assert main(["build", str(article), "-o", str(out), "--format", "pdf"]) == 0
    err = capsys.readouterr().err
    assert '"北" (U+5317)' in err and "missing-glyphs" in err
    with pikepdf.open(out / "cjk.pdf") as doc, doc.open_metadata() as xmp:
        assert "pdfuaid:part" not in xmp
    assert set().union(*notdef_characters(out / "cjk.pdf").values()) == {"北", "京"}
    assert main(["build", str(article), "-o", str(tmp_path / "strict"), "--format", "pdf",
                 "--strict"]) == 4
    assert "missing-glyphs" in capsys.readouterr().err
    assert not (tmp_path / "strict" / "cjk.pdf").exists()


def _system_font(folder: Path) -> None:
    """A font "Sneaky Serif" that has ⟂ (no bundled font does), installed for fontconfig."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    chars = {ord(c): f"uni{ord(c):04X}" for c in "Sneaky ⟂"}
    order = [".notdef", *chars.values()]
    glyphs = {}
    for name in order:
        pen = TTGlyphPen(None)
        if name != ".notdef":
            pen.moveTo((50, 0))
            pen.lineTo((50, 700))
            pen.lineTo((450, 700))
            pen.lineTo((450, 0))
            pen.closePath()
        glyphs[name] = pen.glyph()
    fb = FontBuilder(1000, isTTF=True)
    fb.setupGlyphOrder(order)
    fb.setupCharacterMap(chars)
    fb.setupGlyf(glyphs)
    fb.setupHorizontalMetrics({name: (500, 50) for name in order})
    fb.setupHorizontalHeader(ascent=800, descent=-200)
    fb.setupNameTable({"familyName": "Sneaky Serif", "styleName": "Regular",
                       "psName": "SneakySerif-Regular"})
    fb.setupOS2()
    fb.setupPost()
    (folder / "fonts").mkdir(parents=True)
    fb.save(str(folder / "fonts" / "SneakySerif-Regular.ttf"))
    (folder / "fonts.conf").write_text(
        f'<?xml version="1.0"?>\n<fontconfig><dir>{folder / "fonts"}</dir>'
        f'<cachedir>{folder / "cache"}</cachedir></fontconfig>\n', "utf-8")


def test_no_system_font_reaches_the_pdf(tmp_path):
    """With a machine font that has what the bundle lacks, stock WeasyPrint takes it (the
    control); the renderer draws from the bundled fonts only and reports the rest."""
    _system_font(tmp_path / "system")
    env = {**os.environ, "FONTCONFIG_FILE": str(tmp_path / "system" / "fonts.conf")}
    control = tmp_path / "control.pdf"
    subprocess.run([sys.executable, "-c", "import sys, weasyprint; weasyprint.HTML(string="
                    "'<p style=\"font-family: Sneaky Serif\">Sneaky ⟂</p>').write_pdf(sys.argv[1])",
                    str(control)], env=env, check=True, capture_output=True)
    assert "Sneaky-Serif" in {f["base_font"] for f in pdf_fonts(control)}

    themes = tmp_path / "themes"
    (themes / "sneaky").mkdir(parents=True)
    (themes / "sneaky" / "theme.toml").write_text('inherits = "briefing"\n', "utf-8")
    (themes / "sneaky" / "pdf.css").write_text('html { font-family: "Sneaky Serif"; }\n', "utf-8")
    article = tmp_path / "maths.md"
    article.write_text("---\ntitle: Maths\nlang: en\nauthor: A. Writer\ndate: 2024-01-02\n"
                       "---\n\nThe lines are ⟂ to each other.\n", "utf-8")
    out = tmp_path / "out"
    run = subprocess.run([sys.executable, "-m", "renderer", "build", str(article), "-o", str(out),
                          "--format", "pdf", "--theme", "sneaky", "--theme-dir", str(themes)],
                         env=env, capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    pdf = out / "maths.pdf"
    assert font_origin_problems(pdf) == []
    assert "U+27C2 PERPENDICULAR" in run.stderr and "missing-glyphs" in run.stderr
    with pikepdf.open(pdf) as doc, doc.open_metadata() as xmp:
        assert "pdfuaid:part" not in xmp
    strict = subprocess.run([sys.executable, "-m", "renderer", "build", str(article), "-o",
                             str(tmp_path / "strict"), "--format", "pdf", "--strict",
                             "--theme", "sneaky", "--theme-dir", str(themes)],
                            env=env, capture_output=True, text=True, cwd=ROOT)
    assert strict.returncode == 4, strict.stderr
    assert "maths.md" in strict.stderr and "U+27C2" in strict.stderr


def test_theme_may_not_declare_an_unbundled_family(tmp_path):
    themes = tmp_path / "themes"
    (themes / "declared").mkdir(parents=True)
    (themes / "declared" / "theme.toml").write_text('fonts = ["Sneaky Serif"]\n', "utf-8")
    assert main(["build", str(SEED), "-o", str(tmp_path / "d"), "--theme", "declared",
                 "--theme-dir", str(themes), "-q"]) == 2
