"""Settings files: [tool.renderer] in pyproject.toml or renderer.toml, flags win."""

from __future__ import annotations

import zipfile

import pytest

from renderer.cli import main

from .conftest import SEED


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A folder with a settings file, the working folder of the test."""
    monkeypatch.delenv("RENDERER_CONFIG", raising=False)
    (tmp_path / ".git").mkdir()  # the top of a checkout: the search stops here
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _config(capsys, *flags) -> dict[str, tuple[str, str]]:
    assert main(["build", "--print-config", *flags]) == 0
    out = {}
    for line in capsys.readouterr().out.splitlines():
        if " = " in line and not line.startswith("#"):
            key, rest = line.split(" = ", 1)
            value, origin = rest.split("  # ", 1)
            out[key] = (value, origin)
    return out


def test_pyproject_table_sets_defaults_and_flags_win(project, capsys):
    (project / "pyproject.toml").write_text(
        '[project]\nname = "x"\n[tool.renderer]\nformat = "epub"\ntheme = "large-print"\n'
        'allow-path = ["images"]\nstrict = true\n')
    config = _config(capsys, "--theme", "briefing")
    origin = f"{project / 'pyproject.toml'} [tool.renderer]"
    assert config["format"] == ('"epub"', origin)
    assert config["strict"] == ("true", origin)
    assert config["theme"] == ('"briefing"', "command line")
    assert config["allow-path"] == (f'["{project / "images"}"]', origin)  # from the file's folder
    assert config["page-size"] == ('"letter"', "default")


def test_renderer_toml_is_found_from_a_subfolder_and_used_by_build(project, tmp_path):
    (project / "renderer.toml").write_text('format = "epub"\nmeta = ["publisher=Desk"]\n')
    work = project / "stories"
    work.mkdir()
    (work / "seed.txt").write_bytes(SEED.read_bytes())
    import os

    os.chdir(work)
    assert main(["build", "seed.txt", "-o", "out", "-q"]) == 0
    assert sorted(p.name for p in (work / "out").iterdir()) == ["seed.epub"]
    with zipfile.ZipFile(work / "out" / "seed.epub") as book:
        assert b"<dc:publisher" in book.read("EPUB/content.opf")
        assert b">Desk<" in book.read("EPUB/content.opf")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('themes = "x"\n', "'themes' is not a setting of renderer build"),
        ("strict = 1\n", "strict must be true or false"),
        ('page-size = "A5"\n', "'a5' is not one of letter, a4"),
        ("timeout = [1]\n", "timeout must be a single value"),
        ("[check]\nfail-on = \"never\"\n", "'never' is not one of error, warning"),
        ("format = \n", "not valid TOML"),
    ],
)
def test_mistakes_in_the_file_are_one_line_exit_2(project, capsys, text, message):
    (project / "renderer.toml").write_text(text)
    assert main(["build", "x.txt"]) == 2
    err = capsys.readouterr().err
    assert message in err and "renderer.toml" in err and err.count("\n") == 1, err


def test_other_commands_do_not_read_the_file(project, capsys):
    (project / "renderer.toml").write_text("nonsense = true\n")
    assert main(["themes"]) == 0


def test_renderer_config_names_the_file_or_none(project, capsys, monkeypatch):
    (project / "renderer.toml").write_text('theme = "large-print"\n')
    other = project / "ci.toml"
    other.write_text('theme = "briefing"\n')
    monkeypatch.setenv("RENDERER_CONFIG", str(other))
    assert _config(capsys)["theme"] == ('"briefing"', str(other))
    monkeypatch.setenv("RENDERER_CONFIG", "none")
    assert "theme" not in _config(capsys)  # unset: printed as a comment


def test_check_section(project, capsys, seed_editions):
    (project / "renderer.toml").write_text('[check]\nfail-on = "warning"\nformat = "json"\n')
    code = main(["check", str(seed_editions["pdf"])])
    assert code == 0
    assert capsys.readouterr().out.lstrip().startswith(("{", "["))
