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


@pytest.mark.parametrize("name", BUNDLED)
def test_picture_is_current(name, tool):
    from PIL import Image, ImageChops, ImageStat

    committed = ROOT / "docs" / "images" / f"{name}.png"
    assert committed.stat().st_size < 200_000
    with Image.open(committed) as old, Image.open(io.BytesIO(tool.render(name))) as new:
        assert old.size == new.size, "run: python tools/render-previews.py"
        diff = ImageChops.difference(old.convert("L"), new.convert("L"))
        # Palette quantization may shift a shade; a changed theme moves whole lines.
        assert max(ImageStat.Stat(diff).mean) < 1.0, "run: python tools/render-previews.py"
