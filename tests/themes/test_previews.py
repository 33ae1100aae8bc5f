"""The README's theme pictures and table are real renders of the current code."""

from __future__ import annotations

import importlib.util
import io
from pathlib import Path

import pytest

from .conftest import BUNDLED

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def tool():
    spec = importlib.util.spec_from_file_location("render_previews",
                                                  ROOT / "tools" / "render-previews.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_readme_table_is_current(tool):
    readme = (ROOT / "README.md").read_text("utf-8")
    assert tool.table() in readme, "run: python tools/render-previews.py"


def _difference(committed: bytes, png: bytes):
    """Where the new render differs from the committed picture (``None``: pixel for pixel
    the same). Rendering and palette quantization are deterministic, so any difference is
    a changed theme, however small: a recoloured kicker or a dropped footer is a few
    hundred pixels, far below what a mean-difference threshold notices."""
    from PIL import Image, ImageChops

    with Image.open(io.BytesIO(committed)) as old, Image.open(io.BytesIO(png)) as new:
        if old.size != new.size:
            return (0, 0, *new.size)
        return ImageChops.difference(old.convert("RGB"), new.convert("RGB")).getbbox()


@pytest.mark.parametrize("name", BUNDLED)
def test_picture_is_current(name, tool):
    committed = ROOT / "docs" / "images" / f"{name}.png"
    assert committed.stat().st_size < 200_000
    assert _difference(committed.read_bytes(), tool.render(name)) is None, (
        "run: python tools/render-previews.py")


def test_a_small_change_is_noticed(tmp_path, tool):
    """The test above fails for a change the old mean-difference threshold (1.0) missed."""
    from PIL import Image, ImageChops, ImageStat

    from renderer.options import Options
    from renderer.preview import preview_png

    theme = tmp_path / "briefing-altered"
    theme.mkdir()
    (theme / "theme.toml").write_text('inherits = "briefing"\n', "utf-8")
    (theme / "pdf.css").write_text(".kicker { color: #7a1f1f; }\n", "utf-8")
    altered = preview_png(ROOT / "samples" / "isil-losing-ground.txt",
                          Options(theme="briefing-altered", theme_dir=str(tmp_path)), dpi=100)
    current = tool.render("briefing")
    assert _difference(current, tool.render("briefing")) is None  # deterministic
    assert _difference(current, altered) is not None
    with Image.open(io.BytesIO(current)) as old, Image.open(io.BytesIO(altered)) as new:
        mean = ImageStat.Stat(ImageChops.difference(old.convert("L"), new.convert("L"))).mean
    assert max(mean) < 1.0  # what the old test allowed
