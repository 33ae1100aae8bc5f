"""The quick library lookup used while WeasyPrint is imported (renderer/pdf/_libraries.py)."""

from __future__ import annotations

import ctypes.util
import subprocess
import sys

from renderer.pdf._libraries import quick_library_lookup, sonames

LISTING = """\
1234 libs found in cache `/etc/ld.so.cache'
\tlibpangoft2-1.0.so.0 (libc6,x86-64) => /lib/x86_64-linux-gnu/libpangoft2-1.0.so.0
\tlibpango-1.0.so.0 (libc6,x86-64) => /lib/x86_64-linux-gnu/libpango-1.0.so.0
\tlibpango-1.0.so.0 (libc6) => /lib/i386-linux-gnu/libpango-1.0.so.0
\tlibgobject-2.0.so.0 (libc6) => /lib/i386-linux-gnu/libgobject-2.0.so.0
\tlibharfbuzz.so.0 (libc6,x86-64) => /lib/x86_64-linux-gnu/libharfbuzz.so.0
\tlibharfbuzz.so (libc6,x86-64) => /lib/x86_64-linux-gnu/libharfbuzz.so
"""


def test_sonames_keeps_only_this_abi_and_the_first_soname():
    table = sonames(LISTING, "libc6,x86-64")
    assert table == {
        "pangoft2-1.0": "libpangoft2-1.0.so.0",
        "pango-1.0": "libpango-1.0.so.0",
        "harfbuzz": "libharfbuzz.so.0",
    }
    # A 32-bit-only library is not offered to a 64-bit interpreter.
    assert "gobject-2.0" not in table


def test_lookup_is_restored_after_the_block():
    original = ctypes.util.find_library
    with quick_library_lookup():
        inside = ctypes.util.find_library
    assert ctypes.util.find_library is original
    if sys.platform.startswith("linux"):
        assert inside is not original
        with quick_library_lookup():
            # WeasyPrint's spellings: the first is unknown to ldconfig, the third is found.
            assert ctypes.util.find_library("libgobject-2.0-0") is None
            assert ctypes.util.find_library("gobject-2.0") == "libgobject-2.0.so.0"


def test_weasyprint_finds_the_same_libraries_both_ways():
    """The libraries WeasyPrint opened are the same files with and without the shortcut."""
    probe = (
        "import sys\n"
        "if sys.argv[1] == 'quick':\n"
        "    import renderer.pdf\n"
        "else:\n"
        "    import weasyprint\n"
        "maps = open('/proc/self/maps').read().split()\n"
        "names = ('libpango-', 'libpangoft2-', 'libgobject-', 'libharfbuzz', 'libfontconfig')\n"
        "print(sorted({m for m in maps if m.startswith('/') and any(n in m for n in names)}))\n"
    )
    if not sys.platform.startswith("linux"):
        return
    seen = [
        subprocess.run(
            [sys.executable, "-c", probe, way], capture_output=True, text=True, check=True
        ).stdout
        for way in ("plain", "quick")
    ]
    assert seen[0] == seen[1]
    assert "libpango-1.0.so" in seen[1] and "libharfbuzz" in seen[1]
