"""Worker processes of a batch that fit the machine and die cleanly.

- **How many**: ``--jobs`` is capped by the cores this process may use and by the memory
  available (:data:`WORKER_MEMORY` each), with a warning saying so.
- **How big**: each worker's address space is limited to :data:`WORKER_MEMORY`, so one
  runaway input fails alone ("ran out of memory"), not the machine.
- **Ctrl-C, SIGTERM**: workers ignore SIGINT (it reaches the whole terminal group); the
  parent alone decides, stops the running workers (SIGTERM, on which a worker removes its
  temporary files and exits; SIGKILL a second later) and starts nothing more.
- **Orphans**: a worker watches the batch's process; if it dies (``kill -9``), the worker
  exits within half a second instead of building on. The fork server exits with the
  parent on its own (its pipe from the parent closes).
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable
from contextlib import contextmanager

__all__ = ["WORKER_MEMORY", "deferred_signals", "init_worker", "kill_workers", "no_sigint",
           "plan_jobs", "quiet_broken_pool"]

#: Address space a worker may use. A sliced 500-article packet peaks near 300 MB, the
#: largest legitimate build measured; a runaway input is stopped here.
WORKER_MEMORY = 2 * 1024**3

_WATCH_SECONDS = 0.5


def _available_memory() -> int | None:
    try:
        with open("/proc/meminfo", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


def plan_jobs(requested: int, cores: int) -> tuple[int, str | None]:
    """How many workers to run for ``requested``, and a warning when that is fewer."""
    memory = _available_memory()
    by_memory = max(1, memory // WORKER_MEMORY) if memory else requested
    jobs = max(1, min(requested, cores, by_memory))
    if jobs == requested:
        return jobs, None
    why = [f"{cores} core{'s' if cores != 1 else ''}"]
    if memory:
        why.append(f"{memory / 1024**3:.1f} GB of memory available, "
                   f"{WORKER_MEMORY // 1024**3} GB a worker")
    return jobs, f"--jobs {requested} lowered to {jobs} ({'; '.join(why)})"


@contextmanager
def no_sigint():
    """Start a process that ignores Ctrl-C: SIGINT is ignored for the moment it starts
    (an ignored signal stays ignored across exec; the fork server keeps it for every
    worker it forks). The moment is a few milliseconds: the fork server's own start."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


@contextmanager
def deferred_signals():
    """Hold Ctrl-C and SIGTERM until the block is done (workers are being started: a
    process half started when the batch unwinds prints a traceback of its own), then act
    on them as usual."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    signals = (signal.SIGINT, signal.SIGTERM)
    previous = {s: signal.signal(s, lambda signum, frame: caught.append(signum))
                for s in signals}
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
    if signal.SIGINT in caught:
        raise KeyboardInterrupt
    if signal.SIGTERM in caught:
        raise SystemExit(128 + signal.SIGTERM)


def init_worker(parent: int, then: Callable[..., None], *args) -> None:
    """A worker's first step: its limits, its watch on the parent, then ``then(*args)``."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _stop)  # removes temporary files, then exits
    try:
        import resource

        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = WORKER_MEMORY if hard == resource.RLIM_INFINITY else min(WORKER_MEMORY, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ImportError, ValueError, OSError):  # not on Linux, or not allowed: no limit
        pass
    threading.Thread(target=_watch, args=(parent,), name="watch-parent", daemon=True).start()
    then(*args)


def _stop(signum, frame):
    # Stopped by the batch: remove what is half written and go, without unwinding (an
    # exception here would print a traceback from whatever the worker was doing).
    from .output import remove_in_progress

    remove_in_progress()
    os._exit(128 + signum)


def _watch(parent: int) -> None:
    while True:
        time.sleep(_WATCH_SECONDS)
        try:
            os.kill(parent, 0)
        except ProcessLookupError:  # the batch is gone: nobody will read what this makes
            from .output import remove_in_progress

            remove_in_progress()
            os._exit(1)
        except PermissionError:
            pass


@contextmanager
def quiet_broken_pool():
    """While a pool is torn down on purpose, its manager thread may fail to mark a
    cancelled future as broken (``InvalidStateError``, CPython 3.11's
    ``terminate_broken``); that is not news for the user, so it is not printed."""
    from concurrent.futures import InvalidStateError

    previous = threading.excepthook

    def hook(args) -> None:
        if not issubclass(args.exc_type, InvalidStateError):
            previous(args)

    threading.excepthook = hook
    try:
        yield
    finally:
        threading.excepthook = previous


def kill_workers(pool) -> int:
    """Stop every worker of a ProcessPoolExecutor now; returns how many were running."""
    processes = list(getattr(pool, "_processes", {}).values())
    for process in processes:
        if process.is_alive():
            process.terminate()  # SIGTERM: the worker removes its temporary files
    deadline = time.monotonic() + 1.0
    for process in processes:
        process.join(timeout=max(0.0, deadline - time.monotonic()))
        if process.is_alive():
            process.kill()
            process.join(timeout=5)
    return len(processes)
