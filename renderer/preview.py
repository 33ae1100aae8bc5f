"""Turn an article and a theme into a PNG picture of the PDF's first page(s).

The PDF is made exactly as ``renderer build`` makes it (same function, in a
temporary folder), then rasterized with pypdfium2 (PDFium in a wheel, no
system dependency). Pages sit side by side, each with a thin grey frame, and
the picture is saved with a 256-colour palette: small enough to commit.
"""

from __future__ import annotations

import dataclasses
import io
import tempfile
from pathlib import Path

from .errors import RenderError
from .options import Options

__all__ = ["preview_png"]

GAP = 12  # pixels between pages and around them
FRAME = (160, 160, 160)


def preview_png(source: str | Path, options: Options, *, pages: int = 1, dpi: int = 100) -> bytes:
    """PNG bytes of the first ``pages`` pages of ``source``'s PDF edition."""
    import pypdfium2
    from PIL import Image, ImageDraw

    from .build import build

    options = dataclasses.replace(options, formats=("pdf",))
    with tempfile.TemporaryDirectory(prefix="renderer-preview-") as tmp:
        result = build(source, Path(tmp), options)
        try:
            document = pypdfium2.PdfDocument(result.outputs["pdf"].read_bytes())
        except pypdfium2.PdfiumError as exc:
            raise RenderError(f"{source}: the PDF could not be rasterized: {exc}") from exc
    try:
        count = min(pages, len(document))
        shots = [
            document[i].render(scale=dpi / 72, may_draw_forms=False).to_pil().convert("RGB")
            for i in range(count)
        ]
    finally:
        document.close()
    width = sum(s.width for s in shots) + GAP * (count + 1)
    height = max(s.height for s in shots) + 2 * GAP
    sheet = Image.new("RGB", (width, height), (236, 236, 236))
    draw = ImageDraw.Draw(sheet)
    x = GAP
    for shot in shots:
        sheet.paste(shot, (x, GAP))
        draw.rectangle((x - 1, GAP - 1, x + shot.width, GAP + shot.height), outline=FRAME)
        x += shot.width + GAP
    out = io.BytesIO()
    sheet.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(out, "PNG", optimize=True)
    return out.getvalue()
