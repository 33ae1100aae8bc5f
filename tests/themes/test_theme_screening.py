"""A user's theme is screened like an input: it reaches nothing outside itself."""

from __future__ import annotations

import pytest

from renderer.cli import main
from renderer.resources import css_problem

from ..conftest import SEED


@pytest.mark.parametrize(
    ("css", "what"),
    [
        ("@import url(http://127.0.0.1:9/x.css);\n", "@import"),
        ('@import "local.css";\n', "@import"),
        ("@font-face { font-family: X; src: url(https://fonts.example/x.woff2) }\n",
         "@font-face"),
        ('body { background: url( "file:///etc/passwd" ) }\n', "url(file:///etc/passwd)"),
        ("div { background-image: URL(../../secret.png) }\n", "url(../../secret.png)"),
        ("@media print { h1 { background: url(http://x.example/a.png) } }\n", "url(http://"),
        ("@supports (display: grid) { @font-face { font-family: Y; src: local(Y) } }\n",
         "@font-face"),
    ],
)
@pytest.mark.parametrize("sheet", ["pdf.css", "epub.css"])
def test_a_theme_that_reaches_out_is_refused_in_one_line(tmp_path, capsys, css, what, sheet):
    themes = tmp_path / "themes"
    (themes / "mine").mkdir(parents=True)
    (themes / "mine" / "theme.toml").write_text('inherits = "briefing"\n', "utf-8")
    (themes / "mine" / sheet).write_text("p { color: #111 }\n" + css, "utf-8")
    out = tmp_path / "out"
    assert main(["build", str(SEED), "-o", str(out), "--theme", "mine",
                 "--theme-dir", str(themes)]) == 2
    err = capsys.readouterr().err
    assert what in err and f"mine/{sheet}: line 2:" in err and err.count("\n") == 1, err
    assert not out.exists()


def test_what_a_theme_may_hold():
    assert css_problem('p { content: "url(x)"; background: url(data:image/png;base64,AA) }') \
        is None
    assert css_problem("h1 { color: #123; font-family: 'Noto Serif' }") is None
