"""Local reads: only regular files, and never more than the limit (plus the byte that says so)."""

from __future__ import annotations

import os

import pytest

from renderer.confine import NotRegularFile, read_regular


def test_read_stops_one_byte_past_the_limit(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 1000)
    assert read_regular(path, 10) == b"x" * 11
    assert read_regular(path, 5000) == b"x" * 1000


@pytest.mark.parametrize(
    ("make", "kind"),
    [
        (lambda p: p.symlink_to("/dev/zero"), "a character device"),
        (os.mkfifo, "a named pipe"),
        (lambda p: p.mkdir(), "a folder"),
    ],
    ids=["device", "fifo", "folder"],
)
def test_anything_but_a_regular_file_is_refused_without_reading(tmp_path, make, kind):
    path = tmp_path / "input.txt"
    make(path)
    with pytest.raises(NotRegularFile, match=rf"^is not a regular file \(it is {kind}\)$"):
        read_regular(path, 10)
