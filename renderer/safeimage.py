"""Decide whether an image file may reach WeasyPrint or be embedded in the EPUB.

Two attacks hide in image files. An SVG is XML: it can declare entities (an external
entity reads a local file — XXE; nested internal entities expand to gigabytes — "billion
laughs"), and carry scripts, event handlers and references to other files, which the EPUB
would hand to a reading system. A raster image can be a decompression bomb: a PNG of
20 000 × 20 000 pixels of one colour is a few hundred kilobytes on disk and 1.6 GB decoded.

So an SVG is parsed here with entity expansion, DTD loading and network access off, and
refused if it declares a DTD at all, or holds a script, an event handler, ``foreignObject``,
a processing instruction (``<?xml-stylesheet?>`` would load a style sheet) or a reference
to anything but its own fragments and ``data:image`` URLs. References hide in many places:
``href``/``src`` attributes; ``url()`` in *any* attribute (``fill``, ``filter``, ``mask``
… are CSS too) and in ``<style>``, where ``@import`` and CSS escapes (``\75 rl(`` is
``url(``) count as well, so CSS is unescaped before it is searched; and the values an
animation (``<set>``, ``<animate>`` …) gives an ``href``. A raster image's
size is read from its header (Pillow decodes nothing in ``Image.open``) and refused above
the pixel limit. The PDF's URL fetcher and the EPUB's image embedding both ask here, so
the rule lives in one place. A refused image becomes its alt text and caption, with a
warning — never a failure of the whole build.
"""

from __future__ import annotations

import re
import warnings
from io import BytesIO

__all__ = ["MAX_IMAGE_BYTES", "MAX_IMAGE_PIXELS", "looks_like_xml", "screen_image", "sniff"]

#: Image files larger than this are not read.
MAX_IMAGE_BYTES = 20 * 1024 * 1024
#: Raster images with more pixels than this are refused (``--max-image-pixels``).
MAX_IMAGE_PIXELS = 50_000_000

_SVG_NS = "http://www.w3.org/2000/svg"
_REFUSED_SVG_ELEMENTS = {"script", "foreignObject", "iframe", "object", "embed", "handler"}
_ANIMATIONS = {"set", "animate", "animateMotion", "animateTransform", "animateColor"}
_ANIMATION_VALUES = {"to", "from", "by", "values"}
_SAFE_REFERENCE = re.compile(r"\s*(#|data:image/(png|jpeg|gif|webp);)", re.I)
# CSS that reaches outside: url() of anything but a fragment, @import, and the image
# functions that take a plain string as a URL.
_CSS_OUTSIDE = re.compile(
    r"url\((?!\s*[\"']?\s*#)|@import|(?:-webkit-)?image-set\(|\bimage\(|cross-fade\(|\bsrc\(",
    re.I,
)
# A CSS escape: backslash and 1-6 hex digits (and one optional white space), an escaped
# line break (a continuation), or any other escaped character.
_CSS_ESCAPE = re.compile(r"\\(?:([0-9a-fA-F]{1,6})[ \t\r\n\f]?|(\r\n|[\n\r\f])|(.))", re.S)

# Raster media types by content, not by name.
_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
    (b"\xff\xd8\xff", "image/jpeg", "jpg"),
    (b"GIF87a", "image/gif", "gif"),
    (b"GIF89a", "image/gif", "gif"),
)


def looks_like_xml(data: bytes) -> bool:
    head = data[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"<")


def sniff(data: bytes) -> tuple[str, str] | None:
    """(media type, file extension) of an EPUB core image type, from the bytes."""
    for signature, media_type, ext in _SIGNATURES:
        if data.startswith(signature):
            return media_type, ext
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp", "webp"
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<?xml", b"<svg", b"<!doctype", b"<!--")) and b"<svg" in data.lower():
        return "image/svg+xml", "svg"
    return None


def screen_image(data: bytes, *, max_pixels: int = MAX_IMAGE_PIXELS) -> str | None:
    """Why ``data`` may not be used as an image, or None when it is safe to use."""
    if len(data) > MAX_IMAGE_BYTES:
        return f"is over the {MAX_IMAGE_BYTES // (1024 * 1024)} MB image size limit"
    if looks_like_xml(data):
        return _screen_svg(data)
    return _screen_raster(data, max_pixels)


def _screen_svg(data: bytes) -> str | None:
    from lxml import etree

    parser = etree.XMLParser(
        resolve_entities=False,
        load_dtd=False,
        no_network=True,
        dtd_validation=False,
        huge_tree=False,
        remove_pis=False,  # they are refused, and would stay in the embedded file
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        return f"is not well-formed SVG ({str(exc)[:80]})"
    tree = root.getroottree()
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None or b"<!ENTITY" in data:
        return "is an SVG with a DTD (entities are refused: XXE and entity expansion)"
    if root.tag != f"{{{_SVG_NS}}}svg":
        return "is XML but not an SVG image"
    outside = [*root.itersiblings(preceding=True), *root.itersiblings()]
    for element in [*outside, *root.iter()]:
        if not isinstance(element.tag, str):
            if isinstance(element, etree._Entity):
                return "is an SVG with entity references (refused)"
            if isinstance(element, etree._ProcessingInstruction):
                return f"is an SVG with a processing instruction (<?{element.target} …?>) (refused)"
            continue
        local = etree.QName(element).localname
        if local in _REFUSED_SVG_ELEMENTS:
            return f"is an SVG with a <{local}> element (refused)"
        if local == "style" and _reaches_outside("".join(element.itertext())):
            return "is an SVG whose style sheet refers to other files (refused)"
        animated = element.get("attributeName", "").rpartition(":")[2].strip()
        for name, value in element.attrib.items():
            attr = etree.QName(name).localname
            if attr.lower().startswith("on"):
                return f"is an SVG with an event handler ({attr}) (refused)"
            references = [value] if attr in ("href", "src") else []
            if local in _ANIMATIONS and animated == "href" and attr in _ANIMATION_VALUES:
                references = value.split(";")  # what the animation sets href to
            unsafe = [r for r in references if not _SAFE_REFERENCE.match(r)]
            if unsafe or _reaches_outside(value):
                shown = (unsafe[0] if unsafe else value).strip()[:60]
                return f"is an SVG that refers to another file ({shown!r} in {attr}) (refused)"
    return None


def _reaches_outside(css: str) -> bool:
    """Whether CSS (a style sheet, a style attribute, a presentation attribute) names
    anything but a fragment of its own document, once its escapes are undone."""
    return bool(_CSS_OUTSIDE.search(_CSS_ESCAPE.sub(_unescape, css)))


def _unescape(match: re.Match[str]) -> str:
    hex_digits, line_break, other = match.groups()
    if hex_digits:
        code = int(hex_digits, 16)
        return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"
    return "" if line_break else other


def _screen_raster(data: bytes, max_pixels: int) -> str | None:
    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(BytesIO(data)) as image:  # reads the header only
                width, height = image.size
                kind = image.format
    except Image.DecompressionBombError:
        return (
            f"is a decompression bomb (its header claims more than twice Pillow's limit of "
            f"{Image.MAX_IMAGE_PIXELS / 1e6:.0f} megapixels)"
        )
    except Exception as exc:  # Pillow raises many types for broken files
        return f"cannot be read as an image ({type(exc).__name__})"
    if width * height > max_pixels:
        return (
            f"is {width} × {height} pixels, over the limit of {max_pixels / 1e6:g} megapixels "
            "(raise it with --max-image-pixels)"
        )
    if kind not in ("PNG", "JPEG", "GIF", "WEBP"):
        return f"is a {kind} image, not PNG, JPEG, GIF, WebP or SVG"
    return None
