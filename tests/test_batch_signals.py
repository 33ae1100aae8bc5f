"""A batch stops cleanly: Ctrl-C and SIGTERM within seconds, one line, no traceback, no
process left; its workers die with it when it is killed; a runaway input fails alone."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import ROOT, SEED


def _descendants(pid: int) -> set[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def _alive(pids: set[int]) -> set[int]:
    alive = set()
    for pid in pids:
        try:
            state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            alive.add(pid)
    return alive


@pytest.fixture
def inbox(tmp_path) -> Path:
    folder = tmp_path / "inbox"
    folder.mkdir()
    for n in range(60):
        (folder / f"story-{n:02}.txt").write_bytes(SEED.read_bytes())
    return folder


def _start(inbox: Path, out: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "renderer", "build", str(inbox), "--jobs", "2", "-o", str(out),
         "--format", "pdf", "-q"],
        cwd=ROOT, stderr=subprocess.PIPE, text=True, start_new_session=True,
        env={**os.environ, "RENDERER_CONFIG": "none"})


def _wait_for_work(process: subprocess.Popen, out: Path) -> set[int]:
    """Until the first edition is written (the workers run); the batch's processes then."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not (out.is_dir() and any(out.glob("*.pdf"))):
        assert process.poll() is None, process.stderr.read()
        time.sleep(0.05)
    return _descendants(process.pid)


@pytest.mark.parametrize(("how", "code"), [("ctrl-c", 130), ("sigterm", 143)])
def test_a_batch_stops_at_once(inbox, tmp_path, how, code):
    out = tmp_path / "out"
    process = _start(inbox, out)
    family = _wait_for_work(process, out)
    assert len(family) >= 2  # the fork server and workers at least
    stopped = time.monotonic()
    if how == "ctrl-c":
        os.killpg(process.pid, signal.SIGINT)  # a terminal sends it to the whole group
    else:
        process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=30)
    assert time.monotonic() - stopped < 10
    assert process.returncode == code, err
    assert "Traceback" not in err and err.count("\n") == 1, err
    assert err.startswith("renderer: interrupted: ") and "not started" in err
    deadline = time.monotonic() + 10
    while _alive(family) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _alive(family)
    assert not [p for p in out.iterdir() if p.name.endswith(".part")]


def test_workers_die_with_a_killed_batch(inbox, tmp_path):
    out = tmp_path / "out"
    process = _start(inbox, out)
    family = _wait_for_work(process, out)
    process.kill()
    process.wait()
    deadline = time.monotonic() + 10
    while _alive(family) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _alive(family), "workers went on building after their batch was killed"
    built = len(list(out.glob("*.pdf")))
    time.sleep(1)
    assert len(list(out.glob("*.pdf"))) == built


def test_a_worker_has_a_memory_ceiling():
    code = ("import os\n"
            "from renderer.workers import init_worker, WORKER_MEMORY\n"
            "init_worker(os.getpid(), lambda: None)\n"
            "try:\n    bytearray(WORKER_MEMORY)\nexcept MemoryError:\n    print('refused')\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True, timeout=60)
    assert out.stdout.strip() == "refused", out.stderr


def test_a_runaway_input_fails_alone_with_its_own_line(monkeypatch):
    import renderer.build
    from renderer.batch import render_one
    from renderer.options import Options

    def runaway(*args, **kwargs):
        raise MemoryError

    monkeypatch.setattr(renderer.build, "build", runaway)
    result = render_one("huge.txt", "out", Options())
    assert result.error_code == 3 and result.error.startswith("huge.txt: needs more memory")


def test_jobs_are_capped_by_cores_and_memory(monkeypatch):
    import renderer.workers as workers

    monkeypatch.setattr(workers, "_available_memory", lambda: 5 * 1024**3)
    jobs, warning = workers.plan_jobs(8, cores=4)
    assert jobs == 2 and warning.startswith("--jobs 8 lowered to 2 (4 cores;")
    assert workers.plan_jobs(2, cores=4) == (2, None)
