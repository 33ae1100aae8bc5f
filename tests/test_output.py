"""Outputs: only regular files are replaced, the editions of a build appear together, and
no temporary file outlives the build that made it."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from renderer.cli import main
from renderer.errors import OutputError
from renderer.output import check_target, write_together

from .conftest import ROOT, SEED


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


@pytest.mark.parametrize("make", ["fifo", "folder", "link-to-device", "device"])
def test_only_regular_files_are_replaced(tmp_path, make):
    target = tmp_path / "report.json"
    if make == "fifo":
        os.mkfifo(target)
    elif make == "folder":
        target.mkdir()
    elif make == "link-to-device":
        target.symlink_to("/dev/null")
    else:
        target = Path("/dev/full")
    with pytest.raises(OutputError):
        check_target(target)
    with pytest.raises(OutputError):
        write_together({target: b"x"})
    assert Path("/dev/full").is_char_device()


def test_check_output_to_a_device_is_refused_before_the_checks(tmp_path, capsys, seed_editions):
    assert main(["check", str(seed_editions["pdf"]), "--output", "/dev/full"]) == 6
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "character device" in err
    assert Path("/dev/full").is_char_device()


def test_editions_appear_together_or_not_at_all(tmp_path, monkeypatch):
    """The second file cannot be written (a full disk): the first does not appear either."""
    import renderer.output

    real = os.fsync
    calls = []

    def full_disk(fd):
        calls.append(fd)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return real(fd)

    monkeypatch.setattr(renderer.output.os, "fsync", full_disk)
    a, b = tmp_path / "story.pdf", tmp_path / "story.epub"
    with pytest.raises(OutputError, match="No space left"):
        write_together({a: b"%PDF-1.7", b: b"PK"})
    assert not a.exists() and not b.exists() and _leftovers(tmp_path) == []


def test_stale_temporary_files_of_a_killed_build_are_removed_and_reported(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    # what `kill -9` during a write leaves: a temporary file of a process that is gone
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    stale = out / f".isil-losing-ground.epub.{dead}.k2j4.part"
    stale.write_bytes(b"x" * 1000)
    foreign = out / ".other.epub.1.zz.part"  # another target's: not ours to remove
    foreign.write_bytes(b"y")
    from renderer.build import build
    from renderer.options import Options

    result = build(SEED, out, Options(formats=("epub",)))
    assert not stale.exists() and foreign.exists()
    assert any("removed 1 temporary file" in w for w in result.warnings)


def test_sigterm_during_a_build_leaves_nothing(tmp_path):
    """SIGTERM stops a build with exit 143 and no file, partial or temporary."""
    out = tmp_path / "out"
    code = ("import time, renderer.build as b; real = b.write_together\n"
            "def slow(files, **k):\n"
            "    import renderer.output as o\n"
            "    real_fsync = o.os.fsync\n"
            "    def fsync(fd):\n"
            "        real_fsync(fd); time.sleep(30)\n"
            "    o.os.fsync = fsync\n"
            "    real(files, **k)\n"
            "b.write_together = slow\n"
            "from renderer.cli import main; raise SystemExit(main(['build', "
            f"{str(SEED)!r}, '-o', {str(out)!r}, '--format', 'epub', '-q']))\n")
    process = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT,
                               stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (out.exists() and _leftovers(out)):
        time.sleep(0.05)
    assert _leftovers(out), "the build never reached its write"
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=30)
    assert process.returncode == 143, err
    assert "Traceback" not in err
    assert list(out.iterdir()) == []


def test_preview_to_standard_output(capfdbinary):
    assert main(["preview", str(SEED), "-o", "-"]) == 0
    assert capfdbinary.readouterr().out.startswith(b"\x89PNG\r\n\x1a\n")


# ---- dates the editions can write


def test_source_date_epoch_after_9999_is_one_line(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "253402300800")
    assert main(["build", str(SEED), "-o", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "after the year 9999" in err and err.count("\n") == 1 and "Traceback" not in err
    assert not any(tmp_path.iterdir())


@pytest.mark.parametrize("date", ["0001-01-01", "0999-12-31"])
def test_an_article_dated_before_1000_is_refused(tmp_path, capsys, date):
    story = tmp_path / "old.md"
    story.write_text(f"---\ntitle: Old\ndate: {date}\nlang: en\n---\n\nText of the story.\n")
    assert main(["build", str(story), "-o", str(tmp_path / "out")]) == 3
    err = capsys.readouterr().err
    assert "outside the years 1000-9999" in err and err.count("\n") == 1
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_a_title_of_a_hundred_thousand_characters_is_refused(tmp_path, capsys):
    story = tmp_path / "long.md"
    story.write_text("---\ntitle: " + "word " * 20_000 + "\nlang: en\n---\n\nText.\n")
    assert main(["build", str(story), "-o", str(tmp_path / "out")]) == 3
    err = capsys.readouterr().err
    assert "the title is 99999 characters long, over the limit of 2000" in err
    assert err.count("\n") == 1


def test_an_unbreakable_title_stays_on_the_page(tmp_path):
    """A word longer than the line breaks (overflow-wrap) instead of running off the page."""
    story = tmp_path / "long.md"
    story.write_text("---\ntitle: Long" + "x" * 300 + "\nlang: en\nauthor: A Writer\n"
                     "date: 2024-01-01\npublisher: Desk\n---\n\n" + "Body text. " * 20 + "\n\n"
                     + "y" * 400 + "\n")
    assert main(["build", str(story), "-o", str(tmp_path / "out"), "--format", "pdf",
                 "-q"]) == 0
    boxes = subprocess.run(["pdftotext", "-bbox", str(tmp_path / "out" / "long.pdf"), "-"],
                           capture_output=True, text=True, check=True).stdout
    right = max(float(x) for x in re.findall(r'xMax="([0-9.]+)"', boxes))
    assert right < 612 - 36  # inside a letter page's right margin
