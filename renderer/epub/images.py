"""Turn the article's image references into files inside the EPUB.

Only local files under the article's folder or an allowed folder are read
(``renderer.confine``); nothing is fetched from the network. An image that
cannot be embedded (remote, outside the allowed folders, missing, or not an
EPUB core image type) is replaced in the article by a paragraph carrying its
alt text and caption, with a warning, so the reader loses no information and
the EPUB needs no ``remote-resources``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..confine import Confinement, NotRegularFile, read_regular
from ..model import (
    Article,
    Block,
    BlockQuote,
    Figure,
    ListBlock,
    Paragraph,
    Text,
    replace,
)
from ..safeimage import MAX_IMAGE_BYTES, MAX_IMAGE_PIXELS, screen_image, sniff

__all__ = ["EmbeddedImage", "ImagePlan", "plan_images"]


@dataclass(frozen=True, slots=True)
class EmbeddedImage:
    href: str  # path inside the EPUB, relative to the package document
    media_type: str
    data: bytes


@dataclass(frozen=True, slots=True)
class ImagePlan:
    article: Article  # with unembeddable figures turned into text
    images: tuple[EmbeddedImage, ...]
    hrefs: dict[str, str]  # model src -> href in the EPUB
    warnings: tuple[str, ...]


def media_type_of(data: bytes) -> tuple[str, str] | None:
    return sniff(data)


def _data_url(src: str) -> bytes | None:
    """The bytes of a ``data:image/…`` URL, or None."""
    import base64
    from urllib.parse import unquote_to_bytes

    head, _, payload = src.partition(",")
    if not head.lower().startswith("data:image/"):
        return None
    try:
        if head.lower().endswith(";base64"):
            return base64.b64decode(payload, validate=False)
        return unquote_to_bytes(payload)
    except ValueError:
        return None


def _shown(src: str) -> str:
    """How a warning names an image: a data: URL by its type, not its whole payload."""
    if src[:5].lower() == "data:":
        return repr(src.split(",", 1)[0] + ",…")
    return repr(src)


def _local_path(src: str, base_dir: str | None) -> Path | None:
    parts = urlsplit(src)
    scheme = parts.scheme.lower()
    if scheme == "file":
        if parts.netloc not in ("", "localhost"):
            return None
        return Path(unquote(parts.path))
    if scheme and len(scheme) > 1:  # http:, data:, … (a one-letter scheme is a drive)
        return None
    path = Path(unquote(parts.path))
    if path.is_absolute():
        return path
    return Path(base_dir) / path if base_dir else None


def plan_images(
    article: Article,
    allowed_paths: tuple[str, ...] = (),
    *,
    max_pixels: int = MAX_IMAGE_PIXELS,
    keep_remote: bool = False,
    keep_data: bool = False,
) -> ImagePlan:
    """Embed what may be embedded; turn every other figure into its text.

    The build runs this once for both editions with ``keep_data`` (the PDF shows
    screened ``data:image`` URLs inline) and ``keep_remote`` when ``--allow-remote``
    lets the PDF fetch; the EPUB runs it again on the result, keeping neither: its
    ``data:image`` URLs become image files of the book.
    """
    confinement = Confinement.for_input(article.base_dir, *allowed_paths)
    images: dict[str, EmbeddedImage] = {}  # by content hash: one file per image
    hrefs: dict[str, str] = {}
    refused: dict[str, str] = {}

    def consider(src: str) -> None:
        if src in hrefs or src in refused:
            return
        scheme = urlsplit(src).scheme.lower()
        if keep_remote and scheme in ("http", "https"):
            hrefs[src] = src  # fetched (and screened) by the PDF's URL fetcher
            return
        name = _shown(src)
        if scheme == "data":
            data = _data_url(src)
            if data is None:
                refused[src] = f"image {name} is not a data:image URL; kept its text"
                return
        else:
            path = _local_path(src, article.base_dir)
            if path is None:
                refused[src] = f"image {name} is not a local file and is not fetched; kept its text"
                return
            if not confinement.roots or not confinement.allows(path):
                refused[src] = f"image {name} is outside the allowed folders; kept its text"
                return
            try:
                data = read_regular(path, MAX_IMAGE_BYTES)
            except NotRegularFile as exc:
                refused[src] = f"image {name} {exc}; kept its text"
                return
            except OSError as exc:
                refused[src] = f"image {name} cannot be read ({exc.strerror}); kept its text"
                return
        if len(data) > MAX_IMAGE_BYTES:
            refused[src] = f"image {name} is over {MAX_IMAGE_BYTES} bytes; kept its text"
            return
        if keep_data and scheme == "data":  # the PDF shows it inline, once screened
            problem = screen_image(data, max_pixels=max_pixels)
            if problem:
                refused[src] = f"image {name} {problem}; kept its text"
            else:
                hrefs[src] = src
            return
        kind = media_type_of(data)
        if kind is None:
            refused[src] = f"image {name} is not PNG, JPEG, GIF, WebP or SVG; kept its text"
            return
        problem = screen_image(data, max_pixels=max_pixels)
        if problem:
            refused[src] = f"image {name} {problem}; kept its text"
            return
        # A data: URL becomes a file of the book like any other image (EPUB readers
        # and EPUBCheck expect images as manifest items; one file per distinct image).
        digest = hashlib.sha256(data).hexdigest()[:16]
        href = f"images/img-{digest}.{kind[1]}"
        images.setdefault(digest, EmbeddedImage(href, kind[0], data))
        hrefs[src] = href

    def rewrite(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
        out: list[Block] = []
        for block in blocks:
            match block:
                case Figure(image, caption, credit):
                    consider(image.src)
                    if image.src in hrefs:
                        out.append(block)
                    elif not image.decorative:
                        text = [Text(image.alt)] if image.alt else []
                        if caption:
                            text += [Text(" — ")] if text else []
                            text += list(caption)
                        if credit:
                            text.append(Text(f" ({credit})"))
                        if text:
                            out.append(Paragraph(tuple(text)))
                case BlockQuote(inner, _):
                    out.append(replace(block, blocks=rewrite(inner)))
                case ListBlock(items, _, _):
                    out.append(
                        replace(
                            block, items=tuple(replace(i, blocks=rewrite(i.blocks)) for i in items)
                        )
                    )
                case _:
                    out.append(block)
        return tuple(out)

    new_blocks = rewrite(article.blocks)
    return ImagePlan(
        article=replace(article, blocks=new_blocks),
        images=tuple(sorted(images.values(), key=lambda i: i.href)),
        hrefs=hrefs,
        warnings=tuple(refused.values()),
    )
