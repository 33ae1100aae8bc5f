"""`renderer check` on decompression bombs: a finding, never an allocation of gigabytes."""

from __future__ import annotations

import subprocess
import sys
import zlib
from pathlib import Path

import pikepdf
import pytest

from renderer.check import check
from renderer.check.tagtree import MAX_STREAM_BYTES

ROOT = Path(__file__).resolve().parents[2]


def _bomb(size: int) -> bytes:
    """``size`` spaces, deflated (about a thousandth of the size)."""
    squash = zlib.compressobj(9)
    chunk = b" " * (1 << 24)
    out = [squash.compress(chunk) for _ in range(size // len(chunk))]
    return b"".join(out) + squash.flush()


@pytest.fixture(scope="module")
def bombs(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("bombs")
    data = _bomb(4 * MAX_STREAM_BYTES)
    made = {}
    for where in ("content", "xmp"):
        pdf = pikepdf.new()
        pdf.add_blank_page()
        stream = pikepdf.Stream(pdf, data)
        stream.Filter = pikepdf.Name.FlateDecode
        if where == "content":
            pdf.pages[0].obj.Contents = pdf.make_indirect(stream)
        else:
            # qpdf always writes a catalog's /Metadata decoded: the stream goes in under a
            # name of the same length, renamed in the file's bytes (offsets unchanged)
            pdf.Root.Metadatb = pdf.make_indirect(stream)
        path = folder / f"{where}-bomb.pdf"
        pdf.save(path, compress_streams=False, fix_metadata_version=False,
                 object_stream_mode=pikepdf.ObjectStreamMode.disable,
                 stream_decode_level=pikepdf.StreamDecodeLevel.none)
        path.write_bytes(path.read_bytes().replace(b"/Metadatb", b"/Metadata"))
        made[where] = path
    return made


@pytest.mark.parametrize("where", ["content", "xmp"])
def test_a_stream_bomb_is_reported_not_inflated(bombs, where):
    path = bombs[where]
    assert path.stat().st_size < 2 * 1024 * 1024
    report = check(path)
    messages = [f.message for f in report.findings]
    assert any("inflates past" in m for m in messages), messages


def test_checking_a_bomb_stays_small():
    """The whole check of a content-stream bomb, in its own process: peak memory bounded."""
    code = (
        "import resource, sys, zlib, pikepdf\n"
        "from renderer.check import check\n"
        "from renderer.check.tagtree import MAX_STREAM_BYTES\n"
        "sq = zlib.compressobj(9); chunk = b' ' * (1 << 24)\n"
        "data = b''.join(sq.compress(chunk) for _ in range(4 * MAX_STREAM_BYTES // len(chunk)))"
        " + sq.flush()\n"
        "pdf = pikepdf.new(); pdf.add_blank_page()\n"
        "s = pikepdf.Stream(pdf, data); s.Filter = pikepdf.Name.FlateDecode\n"
        "pdf.pages[0].obj.Contents = pdf.make_indirect(s)\n"
        "pdf.save(sys.argv[1], compress_streams=False,"
        " stream_decode_level=pikepdf.StreamDecodeLevel.none)\n"
        "del data, pdf, s\n"
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "check(sys.argv[1])\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before)\n"
    )
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        out = subprocess.run([sys.executable, "-c", code, f"{tmp}/b.pdf"], cwd=ROOT,
                             capture_output=True, text=True, timeout=300, check=True)
    grown_kb = int(out.stdout.split()[-1])
    assert grown_kb < 128 * 1024, f"checking grew the process by {grown_kb // 1024} MB"



def test_a_tounicode_entry_over_512_bytes_is_reported(tmp_path, seed_editions):
    """ISO 32000-1 9.10.3: a ToUnicode destination string is at most 512 bytes."""
    from renderer.check.tagtree import CMap

    long = "0041" * 300  # 600 bytes of UTF-16BE
    cmap = CMap.parse(b"1 beginbfchar <01> <" + long.encode() + b"> endbfchar\n"
                      b"1 beginbfrange <02> <02> [<" + long.encode() + b">] endbfrange")
    assert cmap.long_values == 2 and cmap.map[1] == "A" * 300
    path = tmp_path / "long-tounicode.pdf"
    with pikepdf.open(seed_editions["pdf"]) as pdf:
        fonts = pdf.pages[0].obj.Resources.Font
        font = fonts[next(iter(fonts.keys()))]
        tounicode = font.get("/ToUnicode") or font.DescendantFonts[0].get("/ToUnicode")
        data = tounicode.read_bytes().replace(
            b"endbfchar", b"endbfchar\n1 beginbfchar <FFFF> <" + long.encode() + b"> endbfchar",
            1)
        tounicode.write(data)
        pdf.save(path)
    assert "PDF-FONT-005" in {f.code for f in check(path).findings}
