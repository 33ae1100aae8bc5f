"""Deterministic HTML articles for the structure-tree tests and the timing script."""

from __future__ import annotations

import base64
import struct
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FONTS = ROOT / "fonts"

_TEXT = (
    "coalition forces advanced along the river valley while engineers repaired bridges "
    "that had been destroyed during the winter offensive officials said the supply lines "
    "remain fragile and local councils asked for more water trucks medical teams and "
    "teachers before families can return to the villages on the plain"
)
_WORDS = _TEXT.split()


def png_data_uri(width: int = 8, height: int = 6) -> str:
    """A small opaque RGB PNG as a data: URI (no files, no network)."""
    rows = b"".join(
        b"\x00" + b"".join(bytes((x * 30 % 256, y * 40 % 256, 120)) for x in range(width))
        for y in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))
    png = (b"\x89PNG\r\n\x1a\n"
           + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
           + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))
    return "data:image/png;base64," + base64.b64encode(png).decode()


def sentence(seed: int, length: int = 18) -> str:
    words = [_WORDS[(seed * 7 + i * 3) % len(_WORDS)] for i in range(length)]
    return " ".join(words).capitalize() + "."


def paragraph(seed: int, sentences: int) -> str:
    return " ".join(sentence(seed + i) for i in range(sentences))


STYLE = f"""
@font-face {{ font-family: "Noto Serif";
  src: url("{(FONTS / 'noto-serif' / 'NotoSerif-Regular.ttf').as_uri()}"); }}
@font-face {{ font-family: "Noto Serif"; font-weight: bold;
  src: url("{(FONTS / 'noto-serif' / 'NotoSerif-Bold.ttf').as_uri()}"); }}
@font-face {{ font-family: "Noto Serif"; font-style: italic;
  src: url("{(FONTS / 'noto-serif' / 'NotoSerif-Italic.ttf').as_uri()}"); }}
@page {{
  size: A6; margin: 22mm 12mm 18mm;
  @top-center {{ content: string(headline); font-size: 8pt; }}
  @bottom-center {{ content: "Page " counter(page) " of " counter(pages); font-size: 8pt; }}
}}
html {{ font-family: "Noto Serif"; font-size: 10pt; line-height: 1.35; }}
h1 {{ string-set: headline content(); font-size: 14pt; }}
a.more::after {{ content: " (opens site)"; }}
table {{ border-collapse: collapse; }}
th, td {{ border: 0.5pt solid #444; padding: 1pt 3pt; }}
img {{ width: 40px; height: 30px; }}
"""


def article_html(*, paragraphs: int = 9, rows: int = 30, sections: int = 3) -> str:
    """A multi-page article exercising every rule of the builder."""
    img = png_data_uri()
    parts = [
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>Coalition gains ground</title><style>{STYLE}</style></head><body><main>"
        "<article><header><h1>Coalition gains ground along the river</h1>"
        '<p class="byline">By A. Reporter, <time datetime="2015-05-06">May 6, 2015</time></p>'
        "</header>",
        '<nav aria-label="Contents"><ol>'
        + "".join(
            f'<li><a href="#sec-{n}">Section {n} heading</a></li>' for n in range(1, sections + 1))
        + "</ol></nav>",
        '<p id="lead">The <abbr title="Combined Joint Task Force">CJTF</abbr> said the '
        'group was, <span lang="fr">comme on dit, sur la défensive</span>, and published '
        '<a class="more" href="https://example.org/report">the full <em>report</em></a>. '
        f'<img alt="" src="{img}"> {paragraph(1, 3)}</p>',
    ]
    seed = 10
    for n in range(1, sections + 1):
        parts.append(f'<section><h2 id="sec-{n}">Section {n} heading</h2>')
        for _ in range(paragraphs // sections):
            parts.append(f"<p>{paragraph(seed, 9)}</p>")
            seed += 5
        if n == 1:
            parts.append(
                "<ul><li>First point about supply</li>"
                "<li>Second point with sub-points<ol><li>roads</li><li>bridges</li></ol></li>"
                '<li>Third point, see <a href="#sec-2">the next section</a></li></ul>'
                '<ol style="list-style-type: lower-roman"><li>one</li><li>two</li></ol>')
            parts.append(
                f'<figure><img src="{img}" alt="Map of the river valley with the front line">'
                "<figcaption>The front line in May 2015.</figcaption></figure>")
        if n == 2:
            body = "".join(
                f"<tr><th>Town {r}</th><td>{r * 120}</td><td>{r % 7} bridges</td></tr>"
                for r in range(1, rows + 1))
            parts.append(
                "<table><caption>Returns by town</caption><thead><tr>"
                '<th>Town</th><th scope="col">Families</th><th>Bridges</th></tr></thead>'
                f"<tbody>{body}</tbody></table>")
        parts.append("</section>")
    parts.append("</article></main></body></html>")
    return "".join(parts)
