"""Writing what the user asked for, and nothing else.

- Only regular files are ever replaced (or new ones created): a folder, a device, a FIFO,
  a socket, or a link to one of them is refused with one line before anything is written
  — ``--output /dev/full`` as root must never swap the device node for a report.
- The editions of one build are committed together (:func:`write_together`): each is
  written completely to a temporary file beside its target and synced, and only then are
  they renamed into place; if any cannot be written, none appears.
- Temporary files are named ``.<target>.<pid>.<random>.part``. They are removed on every
  exit Python sees (errors, Ctrl-C, SIGTERM through the CLI); the one exit it cannot see,
  ``kill -9``, leaves them behind, so the next write into the folder removes the stale
  ones of that target — those whose process is gone — and says so.
"""

from __future__ import annotations

import os
import re
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

from .confine import file_kind, user_path
from .errors import OutputError

__all__ = ["check_output_folder", "check_target", "remove_in_progress", "write_atomic",
           "write_together"]

# Temporary files being written now, so that a signal handler can remove them on its way
# out (renderer.workers) without unwinding the stack.
_IN_PROGRESS: set[Path] = set()


def remove_in_progress() -> None:
    """Remove the temporary files of the writes under way (before an immediate exit)."""
    for path in list(_IN_PROGRESS):
        path.unlink(missing_ok=True)

def check_output_folder(folder: Path) -> None:
    """Fail before rendering when the output folder can never be written."""
    existing = user_path(folder, OutputError)
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        raise OutputError(f"{folder}: cannot create the output folder: {existing} is a file")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise OutputError(
            f"{folder}: the output folder is not writable", hint="choose another folder with -o"
        )


def check_target(target: Path) -> None:
    """Fail when ``target`` exists and may not be replaced: anything but a regular file
    (or a link to one), or a write-protected file."""
    user_path(target, OutputError)
    try:
        own = os.lstat(target)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise OutputError(f"{target}: cannot be written: {exc.strerror or exc}") from exc
    if stat.S_ISLNK(own.st_mode):
        try:
            linked = os.stat(target)
        except OSError:  # a dangling link: the rename replaces the link itself
            return
        kind = file_kind(linked.st_mode)
        if kind:
            raise OutputError(f"{target}: is a link to {kind}, not a file to replace",
                              hint="choose another output path")
        return
    kind = file_kind(own.st_mode)
    if kind == "a folder":
        raise OutputError(f"{target}: is a folder", hint="remove it or choose another folder")
    if kind:
        raise OutputError(f"{target}: is {kind}, not a file to replace",
                          hint="choose another output path")
    # Root passes os.access for any mode, so a file without write bits is refused by its
    # mode too: write protection means "do not replace", also for root. chattr +i (immutable)
    # makes os.access fail for root as well.
    if not os.access(target, os.W_OK) or not own.st_mode & 0o222:
        raise OutputError(
            f"{target}: the existing file is read-only",
            hint="remove it or choose another output folder",
        )


def _prepare_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(
            f"{folder}: cannot create the output folder: {exc.strerror or exc}"
        ) from exc


def _stale(target: Path) -> list[Path]:
    """Temporary files of ``target`` left by a process that no longer runs."""
    pattern = re.compile(rf"\.{re.escape(target.name)}\.(\d+)\.[^.]+\.part")
    found = []
    try:
        names = os.listdir(target.parent)
    except OSError:
        return []
    for name in names:
        match = pattern.fullmatch(name)
        if match and not _alive(int(match.group(1))):
            found.append(target.parent / name)
    return found


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's live process
        return True
    return True


def _temporary(target: Path) -> tuple[int, Path]:
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.", suffix=".part",
                                   dir=target.parent)
    except OSError as exc:
        raise OutputError(
            f"{target.parent}: cannot write here: {exc.strerror or exc}",
            hint="choose another output folder with -o",
        ) from exc
    return fd, Path(tmp)


def write_together(files: dict[Path, bytes], *, note: Callable[[str], None] | None = None,
                   ) -> None:
    """Write every ``{target: data}``, all or none: each to a synced temporary file first,
    then every rename. ``note`` hears about stale temporary files that were removed."""
    for target in files:
        user_path(target, OutputError)
        _prepare_folder(target.parent)
        check_target(target)
    stale = [p for target in files for p in _stale(target)]
    for path in stale:
        path.unlink(missing_ok=True)
    if stale and note:
        note(f"removed {len(stale)} temporary file(s) an interrupted build left in "
             f"{stale[0].parent}")
    written: dict[Path, Path] = {}
    try:
        for target, data in files.items():
            fd, tmp = _temporary(target)
            written[target] = tmp
            _IN_PROGRESS.add(tmp)
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(data)
                    handle.flush()
                    os.fsync(handle.fileno())
                os.chmod(tmp, 0o644)
            except OSError as exc:
                raise OutputError(f"{target}: cannot be written: {exc.strerror or exc}") from exc
        for target, tmp in written.items():
            try:
                os.replace(tmp, target)
            except OSError as exc:
                raise OutputError(f"{target}: cannot be written: {exc.strerror or exc}") from exc
    finally:
        for tmp in written.values():
            tmp.unlink(missing_ok=True)  # after a rename the name is gone: nothing happens
            _IN_PROGRESS.discard(tmp)


def write_atomic(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` through a temporary file and a rename."""
    write_together({target: data})
