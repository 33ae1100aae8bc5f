"""`renderer check` on hostile EPUBs: bombs, traversal names, entity DOCTYPEs, links out."""

from __future__ import annotations

import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from renderer.check import check

ROOT = Path(__file__).resolve().parents[2]


def _codes(path) -> set[str]:
    return {f.code for f in check(path).findings}


def _rezip(source: Path, target: Path, change) -> Path:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            data = old.read(info)
            name, data = change(info.filename, data)
            new.writestr(name, data, zipfile.ZIP_STORED if name == "mimetype"
                         else zipfile.ZIP_DEFLATED)
    return target


def test_traversal_and_absolute_entry_names(tmp_path, seed_editions):
    path = _rezip(seed_editions["epub"], tmp_path / "t.epub", lambda n, d: (n, d))
    with zipfile.ZipFile(path, "a") as z:
        z.writestr("../evil.txt", b"x")
        z.writestr("/etc/evil.txt", b"x")
    findings = [f for f in check(path).findings if f.code == "EPUB-FILE-005"]
    assert sorted(f.location for f in findings) == ["../evil.txt", "/etc/evil.txt"]


def test_an_opf_with_an_external_entity_is_reported_and_not_expanded(tmp_path, seed_editions):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")

    def entity(name, data):
        if name.endswith(".opf"):
            data = data.replace(b"<package", b'<!DOCTYPE package [<!ENTITY s SYSTEM "'
                                + secret.as_uri().encode() + b'">]>\n<package', 1)
        return name, data

    path = _rezip(seed_editions["epub"], tmp_path / "e.epub", entity)
    report = check(path)
    assert "EPUB-FILE-006" in {f.code for f in report.findings}
    assert "TOP SECRET" not in report.to_text()


def _lying_zip(path: Path, size: int) -> None:
    """A member whose headers say 4 000 bytes and whose data inflates to ``size``."""
    name = b"META-INF/container.xml"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", b"application/epub+zip", zipfile.ZIP_STORED)
        z.writestr(name.decode(), b" " * size, zipfile.ZIP_DEFLATED)
    data = bytearray(path.read_bytes())
    # (signature, offset of the uncompressed size, of the name length, of the name)
    for signature, size_at, length_at, name_at in ((b"PK\x03\x04", 22, 26, 30),
                                                   (b"PK\x01\x02", 24, 28, 46)):
        at = data.find(signature)
        while at != -1:
            length = struct.unpack_from("<H", data, at + length_at)[0]
            if data[at + name_at:at + name_at + length] == name:
                struct.pack_into("<I", data, at + size_at, 4000)
            at = data.find(signature, at + 4)
    path.write_bytes(bytes(data))


def test_a_member_that_lies_about_its_size_is_read_only_to_the_limit(tmp_path):
    path = tmp_path / "bomb.epub"
    _lying_zip(path, 512 * 1024 * 1024)
    assert path.stat().st_size < 2 * 1024 * 1024
    code = ("import resource, sys\nfrom renderer.check import check\n"
            "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
            "r = check(sys.argv[1])\n"
            "print(sorted({f.code for f in r.findings}))\n"
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before)\n")
    out = subprocess.run([sys.executable, "-c", code, str(path)], cwd=ROOT, capture_output=True,
                         text=True, timeout=300, check=True).stdout.splitlines()
    assert "EPUB-FILE-001" in out[0] or "EPUB-FILE-002" in out[0]
    assert int(out[1]) < 256 * 1024, f"grew by {int(out[1]) // 1024} MB"


@pytest.fixture
def unpacked(tmp_path, seed_editions) -> Path:
    folder = tmp_path / "book"
    with zipfile.ZipFile(seed_editions["epub"]) as z:
        z.extractall(folder)
    return folder


def test_an_unpacked_epub_never_follows_a_link_out(unpacked, tmp_path):
    secret = tmp_path / "secret.xhtml"
    secret.write_text("<html xmlns='http://www.w3.org/1999/xhtml'><body>TOP SECRET</body></html>")
    (unpacked / "EPUB" / "leak.xhtml").symlink_to(secret)
    report = check(unpacked)
    assert "TOP SECRET" not in report.to_text()
    assert not any("leak.xhtml" in (f.location or "") for f in report.findings
                   if f.code not in ("EPUB-LINK-001",))


def test_an_unpacked_epub_with_a_huge_sparse_file_is_read_only_to_the_limit(unpacked):
    article = unpacked / "EPUB" / "article.xhtml"
    with open(article, "r+b") as fh:
        fh.truncate(4 * 1024**3)  # 4 GB, almost all of it a hole
    codes = _codes(unpacked)
    assert "EPUB-FILE-001" in codes or "EPUB-FILE-002" in codes or "EPUB-FILE-003" in codes
