"""Import WeasyPrint without paying ~200 ms for looking up its C libraries.

WeasyPrint 70 loads GObject, Pango, HarfBuzz, Fontconfig and PangoFT2 through
``cffi``'s ``dlopen``, trying several names per library ("libgobject-2.0-0",
"gobject-2.0-0", "gobject-2.0", …). For a name that the dynamic loader cannot
open directly, cffi asks :func:`ctypes.util.find_library`, which on Linux runs
``ldconfig -p`` and then ``gcc``/``ld`` in subprocesses, once per name: about
20 subprocesses, half of WeasyPrint's import time and a quarter of a one-page
build.

:func:`quick_library_lookup` answers those questions from one reading of the
loader's cache for the duration of the import: a short name maps to the soname
``ldconfig`` lists for this interpreter's ABI, and a name it does not list gets
``None`` — cffi then moves on to WeasyPrint's next spelling, and the spellings
with a soname (``libpango-1.0.so.0``) are opened by the loader directly, exactly
as before. Where there is no ``ldconfig`` (macOS, Windows, musl), nothing is
changed. The original function is restored when the block ends.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["quick_library_lookup", "sonames"]

#: ``ldconfig -p`` tags libraries with the ABI they were built for; the same table
#: as :mod:`ctypes.util` uses, keyed by ``uname -m`` and pointer size.
_ABI = {
    "x86_64-64": "libc6,x86-64",
    "ppc64-64": "libc6,64bit",
    "sparc64-64": "libc6,64bit",
    "s390x-64": "libc6,64bit",
    "ia64-64": "libc6,IA-64",
}

_LINE = re.compile(r"^\s+lib(?P<name>\S+?)\.so(?:\.[^\s]*)?\s+\((?P<abi>[^)]*)\)\s+=>")


def sonames(listing: str, abi: str) -> dict[str, str]:
    """Short library name → soname, from the text of ``ldconfig -p``, for one ABI."""
    found: dict[str, str] = {}
    for line in listing.splitlines():
        match = _LINE.match(line)
        if match and match["abi"].startswith(abi):
            soname = line.split()[0]
            found.setdefault(match["name"], soname)
    return found


def _this_abi() -> str:
    machine = f"{os.uname().machine}-{8 * ctypes.sizeof(ctypes.c_void_p)}"
    return _ABI.get(machine, "libc6")


def _ldconfig_listing() -> str | None:
    if not sys.platform.startswith("linux"):
        return None
    for ldconfig in ("/sbin/ldconfig", "/usr/sbin/ldconfig"):
        try:
            done = subprocess.run(
                [ldconfig, "-p"],
                capture_output=True,
                text=True,
                timeout=5,
                env={"LC_ALL": "C", "LANG": "C"},
                check=False,
            )
        except (OSError, subprocess.SubprocessError):
            continue
        if done.returncode == 0 and done.stdout:
            return done.stdout
    return None


@contextmanager
def quick_library_lookup() -> Iterator[None]:
    """Answer ``find_library`` from one ``ldconfig -p`` while the block runs."""
    listing = _ldconfig_listing()
    table = sonames(listing, _this_abi()) if listing else {}
    if not table:
        yield
        return
    original = ctypes.util.find_library

    def find_library(name: str) -> str | None:
        return table.get(name[3:] if name.startswith("lib") else name)

    ctypes.util.find_library = find_library
    try:
        yield
    finally:
        ctypes.util.find_library = original
