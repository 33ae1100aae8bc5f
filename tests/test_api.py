"""The public API: what ``import renderer`` exposes, and docs/api.md's examples, run as written."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import renderer

from .conftest import ROOT

DOC = ROOT / "docs" / "api.md"
EXAMPLES = re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)


def test_all_is_the_contract():
    for name in renderer.__all__:
        assert getattr(renderer, name) is not None, name
    assert renderer.render.__module__ == "renderer.api"
    with pytest.raises(AttributeError):
        renderer.no_such_name  # noqa: B018


def test_import_is_cheap():
    """Importing the package and touching the API names loads no PDF or EPUB machinery."""
    code = ("import sys, renderer; renderer.render; renderer.Options; renderer.InputError; "
            "print(sorted(m for m in ('weasyprint', 'ebooklib', 'pikepdf') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=ROOT).stdout
    assert out.strip() == "[]"


def test_there_are_examples():
    assert len(EXAMPLES) >= 6


@pytest.mark.parametrize("n", range(len(EXAMPLES)))
def test_doc_example_runs(n, tmp_path, monkeypatch):
    shutil.copytree(ROOT / "samples", tmp_path / "samples")
    monkeypatch.chdir(tmp_path)
    exec(compile(EXAMPLES[n], f"docs/api.md example {n + 1}", "exec"), {})


def test_render_writes_what_the_result_says(tmp_path):
    result = renderer.render(ROOT / "samples" / "isil-losing-ground.txt", tmp_path,
                             formats=("epub",))
    assert result.outputs == {"epub": tmp_path / "isil-losing-ground.epub"}
    assert result.epub.is_file() and result.pdf is None and result.conforms
    checked = renderer.check_editions([result.epub])
    assert checked.passed("warning") and checked.codes == set()


def test_options_are_one_object_or_keywords(tmp_path):
    with pytest.raises(renderer.UsageError):
        renderer.render("x.txt", tmp_path, no_such_option=1)
    with pytest.raises(renderer.UsageError):
        renderer.render("x.txt", tmp_path, renderer.Options(), strict=True)
    with pytest.raises(renderer.UsageError):
        renderer.render_packet([], tmp_path, title="Empty")


def test_errors_carry_exit_codes(tmp_path):
    with pytest.raises(renderer.InputError) as caught:
        renderer.render(tmp_path / "missing.txt", tmp_path)
    assert caught.value.exit_code == 3
    assert not any(Path(tmp_path).iterdir())
