"""Build many inputs at once: a pool of worker processes, a progress bar, a summary.

The unit of work is :func:`render_one`, a pure function of
``(source, out_dir, options)`` to a small picklable :class:`JobResult`
(outputs, warnings, defects, error code and message). It never raises for
anything the user can cause, holds no state between calls except per-process
caches (parsed stylesheets, one font configuration), and needs nothing from the
parent process — so any executor that can call a picklable function with
picklable arguments can run it: the :class:`~concurrent.futures.ProcessPoolExecutor`
used here, or a distributed one (Dask, Ray …) for archive-scale conversions.

Workers are started with ``forkserver`` (``spawn`` where there is none): the
parent never imports WeasyPrint, and each worker imports it once, in
:func:`warm`, and parses the theme's CSS and loads the fonts before its first
article, so every article after that pays only for its own layout.

Exit status of a batch: 0 when every input was built, otherwise the *highest*
error code among the failed inputs (3 input < 4 accessibility < 5 rendering
< 6 output < 70 internal error). Without ``--fail-fast`` a failed input never
stops the others; with it, the first failure cancels everything not yet started.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from .errors import InputError, InputTooLarge, RendererError, UsageError
from .options import Options
from .workers import (
    WORKER_MEMORY,
    deferred_signals,
    init_worker,
    kill_workers,
    no_sigint,
    plan_jobs,
    quiet_broken_pool,
)

__all__ = [
    "INPUT_SUFFIXES",
    "JobResult",
    "Reporter",
    "default_jobs",
    "expand_inputs",
    "render_one",
    "run_batch",
    "warm",
]

#: What a folder given as INPUT contributes (``*.meta.yaml`` sidecars never).
INPUT_SUFFIXES = (".txt", ".html", ".htm", ".md", ".toml")

INTERNAL_ERROR = 70


@dataclass(frozen=True, slots=True)
class JobResult:
    """What one input became: small, picklable, and free of renderer objects."""

    source: str
    outputs: tuple[tuple[str, str], ...] = ()  # (format, path)
    warnings: tuple[str, ...] = ()
    defects: tuple[str, ...] = ()
    error_code: int = 0  # 0: built; otherwise the exit code of the error
    error: str | None = None  # one line
    detail: str | None = None  # a traceback, only for internal errors (bugs)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.error_code == 0


def render_one(source: str, out_dir: str, options: Options) -> JobResult:
    """Build one input (an article or a packet manifest) into ``out_dir``; never raises.

    The same arguments give the same result and the same bytes on disk.
    """
    from .build import build  # imported here so a worker's first call pays for it once

    start = time.perf_counter()
    try:
        result = build(source, Path(out_dir), options)
    except RendererError as error:
        return JobResult(
            source, error_code=error.exit_code, error=str(error), seconds=_since(start)
        )
    except MemoryError:  # a worker's address-space limit (renderer.workers)
        return JobResult(
            source, error_code=InputTooLarge.exit_code, seconds=_since(start),
            error=f"{source}: needs more memory than a batch worker may use "
            f"({WORKER_MEMORY // 1024**3} GB); build it on its own with --jobs 1",
        )
    except Exception as exc:  # a bug: keep the traceback for the report
        import traceback

        return JobResult(
            source,
            error_code=INTERNAL_ERROR,
            error=f"internal error: {type(exc).__name__}: {exc}",
            detail=traceback.format_exc(),
            seconds=_since(start),
        )
    return JobResult(
        source,
        outputs=tuple((fmt, str(path)) for fmt, path in result.outputs.items()),
        warnings=tuple(result.warnings),
        defects=tuple(result.defects),
        seconds=_since(start),
    )


def _since(start: float) -> float:
    return round(time.perf_counter() - start, 4)


def warm(options: Options) -> None:
    """Per-process set-up, run once in each worker: import WeasyPrint, parse CSS, load fonts.

    Errors are left for the first real job to report.
    """
    try:
        from .build import DEFAULT_THEME
        from .resources import load_theme

        if "pdf" in options.formats:
            from .pdf import _font_config, _stylesheets

            _font_config()
            _stylesheets(
                load_theme(options.theme or DEFAULT_THEME["pdf"], options.theme_dir),
                options.page_size,
            )
        if "epub" in options.formats:
            import renderer.epub  # noqa: F401  (ebooklib, lxml)
    except Exception:
        pass
    # What is loaded now lives as long as the worker: keep it out of every later
    # garbage collection.
    gc.freeze()


def default_jobs() -> int:
    """The number of cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def expand_inputs(inputs: Iterable[str], *, recursive: bool = False) -> list[str]:
    """Files as given; a folder becomes the inputs inside it (sorted, hidden files skipped).

    A file named twice (``x.txt x.txt``, ``x.txt ./x.txt``) is built once.
    """
    from .confine import user_path

    expanded: list[str] = []
    for item in inputs:
        path = user_path(item, InputError) if item != "-" else Path(item)
        if item == "-" or not path.is_dir():
            expanded.append(item)
            continue
        found = sorted(
            str(p)
            for p in (path.rglob("*") if recursive else path.iterdir())
            if p.is_file()
            and p.suffix.lower() in INPUT_SUFFIXES
            and not p.name.startswith(".")
            and not p.name.endswith(".meta.yaml")
            and not any(part.startswith(".") for part in p.relative_to(path).parts[:-1])
        )
        _confined(path, found)
        if not found:
            raise InputError(
                f"{item}: no inputs in this folder",
                hint=f"it holds no {', '.join(INPUT_SUFFIXES)} files"
                + ("" if recursive else "; use --recursive for subfolders"),
            )
        expanded.extend(found)
    return _once(expanded)


def _confined(folder: Path, found: list[str]) -> None:
    """A folder's inputs are the files inside it: a link out of it is refused (as in a
    packet), so pointing the renderer at a folder never reads a file elsewhere."""
    top = os.path.realpath(folder)
    for source in found:
        real = os.path.realpath(source)
        if os.path.commonpath([top, real]) != top:
            raise InputError(
                f"{source}: is a link to a file outside {folder}, which is not read",
                hint="pass the file itself, or copy it into the folder",
            )


def _once(sources: list[str]) -> list[str]:
    """Each file once, first mention kept (the same file under two spellings is one input)."""
    seen: set[str] = set()
    out = []
    for source in sources:
        key = source if source == "-" else os.path.realpath(source)
        if key not in seen:
            seen.add(key)
            out.append(source)
    return out


def _check_distinct_outputs(sources: list[str]) -> None:
    seen: dict[str, str] = {}
    for source in sources:
        stem = "stdin" if source == "-" else Path(source).stem
        if stem in seen and seen[stem] != source:
            raise UsageError(
                f"{seen[stem]} and {source} would both write {stem}.*",
                hint="rename one, or build them into different folders",
            )
        seen[stem] = source


#: Characters of the file name shown beside the progress bar.
_NAME_WIDTH = 32


class Reporter:
    """Prints what happens: a rich progress bar on a terminal, else one line per input.

    Output paths go to standard output (one per line, as for a single input);
    warnings, per-file status, errors and the summary go to standard error.
    """

    def __init__(self, total: int, *, quiet: bool, stream: TextIO | None = None) -> None:
        self.total = total
        self.quiet = quiet
        self.stream = stream or sys.stderr
        self.many = total > 1
        self._progress = None
        self._task = None
        if self.many and not quiet and self.stream.isatty():
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            self._progress = Progress(
                TextColumn("[bold]building"),
                BarColumn(bar_width=30),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                TimeRemainingColumn(),
                TextColumn("{task.description}"),
                console=Console(file=self.stream),
                transient=True,
            )

    def __enter__(self) -> Reporter:
        if self._progress is not None:
            self._progress.start()
            self._task = self._progress.add_task("", total=self.total)
        return self

    def __exit__(self, *exc) -> None:
        if self._progress is not None:
            self._progress.stop()

    def _err(self, line: str) -> None:
        if self._progress is not None:
            # soft_wrap: a long line stays one line (as without the bar), for grep and logs
            self._progress.console.print(line, markup=False, highlight=False, soft_wrap=True)
        else:
            print(line, file=self.stream)

    def done(self, result: JobResult) -> None:
        if result.ok:
            if not self.quiet:
                for warning in result.warnings + result.defects:
                    self._err(f"renderer: warning: {result.source}: {warning}")
                if self.many and self._progress is None:  # the bar shows progress instead
                    names = ", ".join(Path(p).name for _, p in result.outputs)
                    self._err(f"renderer: ok: {result.source} → {names} ({result.seconds:.2f} s)")
                for _, path in result.outputs:
                    print(path, flush=True)
        else:
            if result.detail:
                self._err(result.detail.rstrip())
            self._err(f"renderer: error: {result.error}")
        if self._progress is not None:
            # a fixed width, so the bar does not move as names of other lengths pass
            name = Path(result.source).name
            name = name if len(name) <= _NAME_WIDTH else name[: _NAME_WIDTH - 1] + "…"
            self._progress.update(self._task, advance=1, description=f"{name:<{_NAME_WIDTH}}")

    def interrupted(self, results: list[JobResult], not_started: int) -> None:
        """One line, whatever state the batch was in."""
        if self._progress is not None:
            self._progress.stop()
            self._progress = None
        built = sum(1 for r in results if r.ok)
        abandoned = self.total - len(results) - not_started
        self._err(f"renderer: interrupted: {built} built, {abandoned} abandoned, "
                  f"{not_started} not started")

    def summary(self, results: list[JobResult], skipped: int, seconds: float, jobs: int) -> None:
        if self._progress is not None:  # the bar goes before the summary, never after it
            self._progress.stop()
            self._progress = None
        if not self.many or self.quiet:
            return
        failed = [r for r in results if not r.ok]
        built = len(results) - len(failed)
        warned = sum(1 for r in results if r.ok and (r.warnings or r.defects))
        parts = [f"{built} built"]
        if warned:
            parts.append(f"{warned} with warnings")
        parts.append(f"{len(failed)} failed")
        if skipped:
            parts.append(f"{skipped} not started (--fail-fast)")
        self._err(
            f"renderer: {', '.join(parts)} of {self.total} inputs in {seconds:.1f} s "
            f"({jobs} {'job' if jobs == 1 else 'jobs'})"
        )
        for result in failed:
            self._err(f"renderer: failed: {result.source}: {result.error}")


def _pool(jobs: int, options: Options) -> ProcessPoolExecutor:
    methods = multiprocessing.get_all_start_methods()
    if "forkserver" in methods:
        context = multiprocessing.get_context("forkserver")
        # The fork server imports the renderer, WeasyPrint and ebooklib once; every worker
        # is forked from it with those modules loaded (nothing else: no fonts, no CSS).
        context.set_forkserver_preload(
            ["renderer.build", "renderer.batch", "renderer.pdf", "renderer.epub"]
        )
        # The fork server starts ignoring Ctrl-C, and so does every worker it forks: only
        # this process handles it (renderer.workers). Only the start is shielded.
        from multiprocessing import forkserver

        with no_sigint():
            forkserver.ensure_running()
    else:
        context = multiprocessing.get_context("spawn")
    return ProcessPoolExecutor(
        max_workers=jobs, mp_context=context, initializer=init_worker,
        initargs=(os.getpid(), warm, options),
    )


def _results(
    sources: list[str], out_dir: str, options: Options, jobs: int, fail_fast: bool
) -> Iterator[JobResult | int]:
    """Results as they complete; a final int is the number of inputs never started."""
    local = [s for s in sources if s == "-"]  # standard input belongs to this process
    remote = [s for s in sources if s != "-"]
    failed = False
    for source in local:
        result = render_one(source, out_dir, options)
        yield result
        failed = failed or not result.ok
    if failed and fail_fast:
        yield len(remote)
        return
    if jobs <= 1 or len(remote) <= 1:
        for n, source in enumerate(remote):
            result = render_one(source, out_dir, options)
            yield result
            if fail_fast and not result.ok:
                yield len(remote) - n - 1
                return
        yield 0
        return
    pool = _pool(min(jobs, len(remote)), options)
    sources: dict[Future, str] = {}
    pending: set[Future] = set()
    try:
        with deferred_signals():
            for source in remote:
                sources[pool.submit(render_one, source, out_dir, options)] = source
        pending = set(sources)
        while pending:
            finished, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                result = _outcome(future, sources[future])
                yield result
                if fail_fast and not result.ok:
                    cancelled = sum(1 for f in pending if f.cancel())
                    for future_left in pending:  # already running: let them finish and report
                        if not future_left.cancelled():
                            yield _outcome(future_left, sources[future_left])
                    yield cancelled
                    return
    except (KeyboardInterrupt, SystemExit) as stop:
        # Ctrl-C or SIGTERM: abandon what runs, start nothing more, say what became of it
        not_started = len(remote) - len(sources)  # never submitted
        not_started += sum(1 for f in sources if not f.done() and f.cancel())
        with quiet_broken_pool():
            kill_workers(pool)
            pool.shutdown(wait=True, cancel_futures=True)
        code = stop.code if isinstance(stop, SystemExit) and isinstance(stop.code, int) else 130
        raise Interrupted(not_started, code) from None
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    yield 0


class Interrupted(Exception):
    """The batch was stopped (Ctrl-C, SIGTERM); ``not_started`` inputs never began."""

    def __init__(self, not_started: int, code: int) -> None:
        super().__init__(not_started, code)
        self.not_started, self.code = not_started, code


def _outcome(future: Future, source: str) -> JobResult:
    """A finished job's result; a worker that died (killed, crashed in C) fails its input."""
    from concurrent.futures.process import BrokenProcessPool

    try:
        return future.result()
    except BrokenProcessPool:
        return JobResult(source, error_code=INTERNAL_ERROR,
                         error=f"{source}: the worker process building it stopped "
                         "(killed, or crashed outside Python)")


def run_batch(
    sources: list[str],
    out_dir: str | Path,
    options: Options,
    *,
    jobs: int | None = None,
    fail_fast: bool = False,
    quiet: bool = False,
    reporter_factory: Callable[..., Reporter] = Reporter,
) -> tuple[int, list[JobResult]]:
    """Build every source into ``out_dir``; returns (exit code, results in completion order)."""
    if jobs is not None and jobs < 1:
        raise UsageError("--jobs must be at least 1")
    jobs, lowered = plan_jobs(jobs or default_jobs(), default_jobs())
    if lowered and not quiet and len(sources) > 1:
        print(f"renderer: warning: {lowered}", file=sys.stderr)
    _check_distinct_outputs(sources)
    from .build import DEFAULT_THEME
    from .resources import load_theme

    # An unknown theme is one usage error, not one error per input.
    for fmt in options.formats:
        load_theme(options.theme or DEFAULT_THEME[fmt], options.theme_dir)

    start = time.perf_counter()
    results: list[JobResult] = []
    skipped = 0
    with reporter_factory(len(sources), quiet=quiet) as reporter:
        try:
            for item in _results(sources, str(out_dir), options, jobs, fail_fast):
                if isinstance(item, int):
                    skipped = item
                    continue
                results.append(item)
                reporter.done(item)
        except Interrupted as stop:
            reporter.interrupted(results, stop.not_started)
            return stop.code, results
        reporter.summary(results, skipped, time.perf_counter() - start, jobs)
    code = max((r.error_code for r in results), default=0)
    return code, results
