#!/usr/bin/env python3
"""Render the seed in every bundled theme to docs/images/<theme>.png and rewrite the
README's theme table (between the ``themes:start``/``themes:end`` markers).

The pictures are made by ``renderer preview`` code, so they show the current
themes; tests/themes/test_previews.py fails when they are out of date.

    python tools/render-previews.py            # regenerate
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from renderer.contrast import colour_pairs  # noqa: E402
from renderer.options import Options  # noqa: E402
from renderer.preview import preview_png  # noqa: E402
from renderer.resources import list_themes, load_theme  # noqa: E402

SEED = ROOT / "samples" / "isil-losing-ground.txt"
IMAGES = ROOT / "docs" / "images"
README = ROOT / "README.md"
DPI = 100


def render(name: str) -> bytes:
    return preview_png(SEED, Options(formats=("pdf",), theme=name), pages=1, dpi=DPI)


def table() -> str:
    rows = [
        "| theme | what it is for | lowest contrast (PDF) | fonts | seed, first page |",
        "|---|---|---|---|---|",
    ]
    for name, description in list_themes():
        theme = load_theme(name)
        lowest = min(p.ratio for p in colour_pairs(theme.pdf_css))
        fonts = ", ".join(theme.fonts)
        if theme.epub_fonts:
            embedded = ", ".join(dict.fromkeys(f.family for f in theme.epub_fonts))
            fonts += f"; the EPUB embeds {embedded}"
        image = f"[<img src=\"docs/images/{name}.png\" width=\"220\" alt=\"First page of the " \
                f"seed article in the {name} theme\">](docs/images/{name}.png)"
        rows.append(f"| `{name}` | {description} | {lowest:.2f}:1 (needs "
                    f"{theme.min_contrast:g}:1) | {fonts} | {image} |")
    return "\n".join(rows)


def main() -> int:
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1430913600")
    IMAGES.mkdir(parents=True, exist_ok=True)
    for name, _ in list_themes():
        (IMAGES / f"{name}.png").write_bytes(render(name))
        print(IMAGES / f"{name}.png")
    text = README.read_text("utf-8")
    new = re.sub(r"(<!-- themes:start -->\n).*?(<!-- themes:end -->)",
                 lambda m: m.group(1) + table() + "\n" + m.group(2), text, flags=re.S)
    if new == text and "<!-- themes:start -->" not in text:
        print("README has no <!-- themes:start --> marker", file=sys.stderr)
        return 1
    README.write_text(new, "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
