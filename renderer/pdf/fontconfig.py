"""Turn WeasyPrint's font configuration into one that knows the bundled fonts only.

WeasyPrint's ``FontConfiguration`` starts from ``FcInitLoadConfigAndFonts``:
the machine's fontconfig setup with every installed font. Whatever the theme's
stacks lack, fontconfig then quietly takes from a system font (a maths symbol
from "DejaVu Math TeX Gyre", a CJK character from whatever is installed), so
the PDF differs from machine to machine and our glyph check cannot predict it.

Here the configuration is empty (``FcConfigCreate``: no font folders, no
aliases, no system fonts); the ``@font-face`` rules of ``renderer.resources``
then add the bundled files, and nothing else. Text they cannot show is drawn
as ``.notdef``, which WeasyPrint logs and ``renderer.pdf`` counts as a defect.
"""

from __future__ import annotations

from weasyprint.text.ffi import ffi, fontconfig, pangoft2
from weasyprint.text.fonts import FontConfiguration

__all__ = ["BundledFontsOnly"]


def _empty_config():
    try:
        create = fontconfig.FcConfigCreate
    except AttributeError:  # WeasyPrint declares only the functions it calls itself
        ffi.cdef("FcConfig * FcConfigCreate (void);")
        create = fontconfig.FcConfigCreate
    return create()


class BundledFontsOnly(FontConfiguration):
    """A ``FontConfiguration`` whose fontconfig holds only the faces CSS adds.

    Built once per process (``renderer.pdf._font_config``): the system scan done by
    the parent's constructor is replaced before any face is added, so the cost is
    the same as WeasyPrint's own configuration.
    """

    def __init__(self) -> None:
        super().__init__()
        config = _empty_config()
        # The font map takes its own reference and drops the system configuration.
        pangoft2.pango_fc_font_map_set_config(ffi.cast("PangoFcFontMap *", self.font_map), config)
        fontconfig.FcConfigDestroy(config)
        self._config = config
