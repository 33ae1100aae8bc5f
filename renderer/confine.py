"""Where an edition may read local files from, and how a local file is read.

Nothing is read outside the input's folder (and the bundled fonts) unless the
user allows another folder. Both the PDF's URL fetcher and the EPUB's image
embedding ask here, so the rule lives in one place; and every local read of
something the user pointed at (the input, its sidecar, an image) goes through
:func:`read_regular`, so none of them can be a device or a pipe.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .errors import InputError, InputTooLarge, RendererError

__all__ = ["Confinement", "NotRegularFile", "file_kind", "read_input", "read_regular",
           "user_path"]

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISSOCK, "a socket"),
)


def file_kind(mode: int) -> str | None:
    """What a file that is not a regular file is ("a named pipe" …); None for a regular one."""
    if stat.S_ISREG(mode):
        return None
    return next((what for test, what in _KINDS if test(mode)), "not a regular file")


# A scheme and "//": what a user pastes from a browser's address bar (not a Windows drive).
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]+://")


def user_path(value: str | os.PathLike[str], error: type[RendererError], what: str = "") -> Path:
    """``value`` as a path, or ``error`` (one line) when no file system can hold it.

    A NUL byte is the one character no path may contain, and Python refuses it with a
    ``ValueError`` ("embedded null byte"), which no caller expects from ``stat`` or
    ``open``: without this check it ends as an internal error. ``what`` names where the
    path came from (``--allow-path``).
    """
    text = os.fspath(value)
    if "\0" in text:
        raise error(f"{what + ' ' if what else ''}{text!r}: a path cannot contain a NUL byte")
    if _URL.match(text):
        raise error(f"{text}: URLs are not read", hint="save the page and pass the file")
    return Path(text)


class NotRegularFile(OSError):
    """The path names a folder, a device, a pipe or a socket: nothing to read as a file."""

    def __init__(self, mode: int) -> None:
        kind = next((what for test, what in _KINDS if test(mode)), "not a file")
        super().__init__(f"is not a regular file (it is {kind})")
        self.strerror = str(self)


def read_regular(path: Path, limit: int) -> bytes:
    """At most ``limit + 1`` bytes of the regular file ``path`` names (after symbolic links).

    A size from ``stat`` protects nothing: it is 0 for ``/dev/zero``, which never ends,
    and for a named pipe, whose ``open`` blocks until someone writes. So the file's kind
    is checked before opening, the open does not block, the kind is checked again on the
    open descriptor (the path may have changed in between), and the read stops one byte
    past ``limit`` whatever the size said, so the caller can tell "too large".
    Raises :class:`NotRegularFile` or another ``OSError``.
    """
    mode = os.stat(path).st_mode
    if not stat.S_ISREG(mode):
        raise NotRegularFile(mode)
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    with os.fdopen(fd, "rb") as handle:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotRegularFile(mode)
        return handle.read(limit + 1)


def read_input(path: Path, limit: int, *, over: str, hint: str | None = None) -> bytes:
    """:func:`read_regular` for a file the user gave: every failure is one input error.

    ``over`` says what limit ``limit`` is ("the 20 MB input limit"), ``hint`` how to
    raise it.
    """
    try:
        data = read_regular(path, limit)
    except NotRegularFile as exc:
        raise InputError(f"{path}: {exc}") from exc
    except OSError as exc:
        raise InputError(f"{path}: cannot be read: {exc.strerror or exc}") from exc
    if len(data) > limit:
        raise InputTooLarge(f"{path}: over {over}", hint=hint)
    return data


@dataclass(frozen=True, slots=True)
class Confinement:
    roots: tuple[Path, ...]

    @classmethod
    def for_input(cls, base_dir: str | None, *extra: str | Path) -> Confinement:
        roots = [Path(p).resolve() for p in (base_dir, *extra) if p]
        return cls(tuple(roots))

    def allows(self, path: Path) -> bool:
        real = path.resolve()
        return any(real == root or root in real.parents for root in self.roots)

    def local_path(self, url: str) -> Path | None:
        """The file a ``file:`` URL names, if it lies under an allowed root."""
        parts = urlsplit(url)
        if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
            return None
        path = Path(unquote(parts.path))
        return path if self.allows(path) else None
