"""Bundled fonts: manifest, licences, coverage, and that a PDF takes glyphs from them only."""

from __future__ import annotations

import hashlib
import re

import pytest

from renderer.cli import main
from renderer.fonts import family_coverage, missing_glyphs
from renderer.resources import bundled_fonts, data_dir, font_manifest, load_theme

from .conftest import SEED, THEMES, font_origin_problems

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


def test_system_font_in_theme_is_caught(tmp_path):
    """A user theme asking for DejaVu Serif (installed here, not bundled) is detected twice:
    load_theme refuses it in theme.toml, and the PDF font check flags it when only the CSS
    names it."""
    import shutil

    if not shutil.which("fc-list") or "DejaVu Serif" not in __import__("subprocess").run(
        ["fc-list", ":", "family"], capture_output=True, text=True).stdout:
        pytest.skip("DejaVu Serif is not installed on this machine")
    themes = tmp_path / "themes"
    (themes / "sneaky").mkdir(parents=True)
    (themes / "sneaky" / "theme.toml").write_text('inherits = "briefing"\n', "utf-8")
    (themes / "sneaky" / "pdf.css").write_text('html { font-family: "DejaVu Serif"; }\n', "utf-8")
    (themes / "declared").mkdir()
    (themes / "declared" / "theme.toml").write_text('fonts = ["DejaVu Serif"]\n', "utf-8")
    assert main(["build", str(SEED), "-o", str(tmp_path / "d"), "--theme", "declared",
                 "--theme-dir", str(themes), "-q"]) == 2
    out = tmp_path / "out"
    assert main(["build", str(SEED), "-o", str(out), "--theme", "sneaky", "--theme-dir",
                 str(themes), "--format", "pdf", "-q"]) == 0
    problems = font_origin_problems(out / "isil-losing-ground.pdf")
    assert any(p.startswith("DejaVu-Serif") for p in problems), problems
