#!/usr/bin/env python3
"""The benchmark behind ``make bench``: every number the README publishes, in one run.

On one machine, in one run, it measures

* **whole processes** (median of ``--runs`` after one warm-up run; wall time and the
  peak resident memory of the process, from ``wait4``): the seed through our CLI as
  PDF, EPUB and both; raw ``weasyprint --pdf-variant pdf/ua-1`` on the exact HTML and
  CSS we compose (the floor for our PDF); pandoc Markdown→EPUB of the same article
  (the ``pypandoc-binary`` wheel's pandoc); a long article (the rich sample's sections
  repeated to ≥ 20 pages); packets of 10, 100 and 500 articles; a folder of 200
  separate articles with ``--jobs 1`` and ``--jobs 2``;
* **warm in-process calls** (median of ``--runs`` after a warm-up): WeasyPrint's own
  render+write of the composed seed, our ``build`` of each edition and both;
* **the speed work**, each change before/after in the same process, alternating
  runs: HarfBuzz subsetting vs fontTools, cached vs re-parsed CSS and fonts, the
  garbage-collector threshold during layout, one parse of each EPUB document vs the
  old parses; the structure tree's cost per element at growing sizes (linear means a
  flat line); what ``renderer --help`` and ``renderer lint`` import and cost;

then prints the ratios the issue sets targets for and writes a JSON result
(``bench/results/latest.json``). ``--markdown`` prints the README's tables from a
JSON result without measuring anything.

    python bench/run.py [--runs 5] [--json bench/results/latest.json] [--quick]
    python bench/run.py --markdown [--json bench/results/latest.json] [--readme README.md]
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as _dt
import gc
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH))

from packets import POOL  # noqa: E402
from packets import manifest as packet_manifest  # noqa: E402

SEED = ROOT / "samples" / "isil-losing-ground.txt"
RICH = ROOT / "samples" / "coastal-flood-exercise.md"
EPOCH = "1729252800"
DEFAULT_JSON = BENCH / "results" / "latest.json"

#: The issue's targets: (key of the ratio, comparison, limit, what it means).
TARGETS = [
    ("cli_both_over_raw_pdf", "<=", 1.25, "seed PDF+EPUB via the CLI / raw `weasyprint` CLI"),
    (
        "warm_both_over_weasyprint",
        "<=",
        1.3,
        "warm in-process both editions / WeasyPrint render+write",
    ),
    ("epub_over_pandoc", "<=", 1.0, "seed EPUB alone via the CLI / pandoc Markdown→EPUB"),
    (
        "packet_500_over_5x100",
        "<=",
        1.1,
        "500-article packet / 5 × the 100-article packet (≤ 5.5× the 100-article packet)",
    ),
    ("jobs2_speedup", ">=", 1.8, "200 articles `--jobs 2` speed-up over `--jobs 1`"),
    ("packet_500_peak_mb", "<=", 400, "peak memory of the 500-article packet (MB)"),
    ("check_1000_over_100", "<", 10, "`renderer check`: 1,000-page PDF / 100-page PDF"),
    ("check_table_over_100", "<", 10,
     "`renderer check`: one page with a 10,000-column table / 100-page PDF"),
]


# ------------------------------------------------------------------ machine


def machine() -> dict:
    import ebooklib
    import weasyprint
    from weasyprint.text.ffi import harfbuzz, harfbuzz_subset

    cpu = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    ram = None
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram = round(int(line.split()[1]) / 1024 / 1024, 1)
    system = platform.platform()
    with contextlib.suppress(OSError):
        for line in Path("/etc/os-release").read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                system = line.split("=", 1)[1].strip('"') + f" (Linux {platform.release()})"
    hb = "unknown"
    with contextlib.suppress(OSError, AttributeError):
        import ctypes

        lib = ctypes.CDLL("libharfbuzz.so.0")
        lib.hb_version_string.restype = ctypes.c_char_p
        hb = lib.hb_version_string().decode()
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "ram_gb": ram,
        "os": system,
        "python": platform.python_version(),
        "weasyprint": weasyprint.__version__,
        "ebooklib": getattr(ebooklib, "VERSION", None) and ".".join(map(str, ebooklib.VERSION)),
        "pandoc": pandoc_version(),
        "harfbuzz": hb,
        # What WeasyPrint checks before subsetting with HarfBuzz instead of fontTools.
        "harfbuzz_subset": harfbuzz_subset is not None
        and bool(harfbuzz.hb_version_atleast(4, 1, 0)),
    }


def pandoc_path() -> str:
    import pypandoc

    return pypandoc.get_pandoc_path()


def pandoc_version() -> str:
    import pypandoc

    return pypandoc.get_pandoc_version()


def load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


# ------------------------------------------------------------------ measuring


#: Starts a command, waits for it and reports its wall time and peak RSS. A separate small
#: process, because a child's peak RSS starts at its parent's (it survives fork and exec):
#: measured from this process, everything would weigh at least what the bench weighs.
#: It is also the "subreaper" of everything the command starts, so that worker processes
#: (whose fork server the command never waits for) are counted: the peak is that of the
#: largest single process of the whole tree.
LAUNCHER = """
import ctypes, os, resource, subprocess, sys, time
try:
    ctypes.CDLL(None).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
except Exception:
    pass
start = time.perf_counter()
process = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL)
_, status, usage = os.wait4(process.pid, 0)
seconds = time.perf_counter() - start
while True:
    try:
        os.wait()
    except ChildProcessError:
        break
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(os.waitstatus_to_exitcode(status), seconds, peak)
"""


def run_process(command: list[str], env: dict | None = None) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one process (the largest of it and its children)."""
    done = subprocess.run(
        [sys.executable, "-S", "-c", LAUNCHER, *command], capture_output=True, text=True, env=env
    )
    try:
        code, seconds, peak_kb = done.stdout.split()
    except ValueError:
        code, seconds, peak_kb = "-1", "0", "0"
    if int(code) != 0:
        raise SystemExit(f"bench: {' '.join(command)} failed ({code}):\n{done.stderr[-2000:]}")
    return float(seconds), int(peak_kb) / 1024


def processes(name: str, command: list[str], runs: int, env: dict | None = None) -> dict:
    load_before = os.getloadavg()[0]
    run_process(command, env)  # warm-up: page cache, bytecode, fontconfig cache
    samples = [run_process(command, env) for _ in range(runs)]
    load_after = os.getloadavg()[0]
    seconds = [s for s, _ in samples]
    row = {
        "name": name,
        "median_s": round(statistics.median(seconds), 3),
        "min_s": round(min(seconds), 3),
        "max_s": round(max(seconds), 3),
        "runs": runs,
        "peak_mb": round(max(m for _, m in samples), 1),
        # 1-minute load average before and after: other work on the machine shows here.
        "load": [round(load_before, 2), round(load_after, 2)],
    }
    print(
        f"  {name:44} {row['median_s']:8.3f} s  (min {row['min_s']:.3f}, max "
        f"{row['max_s']:.3f}, n={runs})  peak {row['peak_mb']:7.1f} MB",
        flush=True,
    )
    return row


def median_ms(fn: Callable[[], object], runs: int) -> float:
    fn()  # warm-up
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def alternating_ms(
    before: Callable[[], object], after: Callable[[], object], runs: int
) -> tuple[float, float]:
    """Medians of two variants measured in turns, so that load drifts hit both alike."""
    before()
    after()
    a, b = [], []
    for _ in range(runs):
        for fn, into in ((before, a), (after, b)):
            start = time.perf_counter()
            fn()
            into.append((time.perf_counter() - start) * 1000)
    return statistics.median(a), statistics.median(b)


# ------------------------------------------------------------------ inputs


def long_article(folder: Path, repeats: int) -> Path:
    """The rich sample with its sections repeated (parts numbered), images alongside."""
    text = RICH.read_text("utf-8")
    _, front, body = text.split("---\n", 2)
    intro, sections = body.split("\n## ", 1)
    parts = []
    for n in range(1, repeats + 1):
        part = "\n## " + sections
        part = part.replace("\n## ", f"\n## Part {n}: ").replace("\n### ", f"\n### Part {n}: ")
        parts.append(part)
    front = front.replace("title: ", "title: Long read, ", 1)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "long-article.md"
    target.write_text("---\n" + front + "---\n" + intro + "".join(parts), "utf-8")
    shutil.copytree(ROOT / "samples" / "images", folder / "images", dirs_exist_ok=True)
    return target


def seed_markdown(article, target: Path) -> Path:
    """The seed as Markdown for pandoc: the same metadata, headings and paragraphs."""
    from renderer.model import Heading, Paragraph

    meta = article.metadata
    lines = ["---", f"title: {json.dumps(meta.title)}"]
    if meta.authors:
        lines.append("author:")
        lines += [f"  - {json.dumps(a)}" for a in meta.authors]
    if meta.date:
        lines.append(f"date: {meta.date.isoformat()}")
    lines += [f"lang: {meta.language or 'en'}", "---", ""]

    for block in article.blocks:
        if isinstance(block, Heading):
            lines.extend(["#" * block.level + " " + _text(block.children), ""])
        elif isinstance(block, Paragraph):
            lines.extend([_text(block.children), ""])
    target.write_text("\n".join(lines), "utf-8")
    return target


def _text(inlines) -> str:
    out = []
    for inline in inlines:
        text = getattr(inline, "text", None)
        out.append(text if isinstance(text, str) else _text(getattr(inline, "children", ())))
    return "".join(out)


def raw_weasyprint_inputs(folder: Path):
    """The composed seed HTML and one CSS file (fonts with file URLs, theme, page size)."""
    from renderer.compose import compose
    from renderer.ingest import ingest
    from renderer.normalize import normalize
    from renderer.options import Options
    from renderer.resources import font_faces_css, load_theme

    article = normalize(ingest(str(SEED)), Options())
    html = folder / "seed.html"
    html.write_text(compose(article, target="pdf"), "utf-8")
    theme = load_theme("briefing")
    css = folder / "seed.css"
    css.write_text(font_faces_css() + "\n" + theme.pdf_css + "\n@page { size: letter; }\n", "utf-8")
    # The theme's relative url()s resolve against the CSS file: give it the theme's files.
    for item in theme.folder.iterdir():
        if item.is_file() and item.suffix not in (".css", ".toml"):
            shutil.copy(item, folder / item.name)
    return article, html, css


def batch_folder(folder: Path, count: int) -> Path:
    """``count`` separate articles drawn in turn from the packet pool."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        source = ROOT / "samples" / POOL[i % len(POOL)]
        shutil.copy(source, folder / f"a{i:03d}-{source.name}")
    shutil.copytree(ROOT / "samples" / "images", folder / "images", dirs_exist_ok=True)
    return folder


# ------------------------------------------------------------------ sections


def whole_processes(work: Path, runs: int, sizes: list[int], batch: int) -> dict:
    py = sys.executable
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SOURCE_DATE_EPOCH": EPOCH}
    out = work / "out"
    ours = [py, "-m", "renderer", "build", "-q", "-o", str(out)]
    _, html, css = raw_weasyprint_inputs(work)
    weasyprint_cli = str(Path(py).parent / "weasyprint")
    if not Path(weasyprint_cli).exists():
        weasyprint_cli = shutil.which("weasyprint") or "weasyprint"
    from renderer.ingest import ingest
    from renderer.normalize import normalize
    from renderer.options import Options

    markdown = seed_markdown(normalize(ingest(str(SEED)), Options()), work / "seed.md")
    long_md = long_article(work / "long", repeats=6)
    samples = work / "samples"
    shutil.copytree(ROOT / "samples", samples)
    rows: dict[str, dict] = {}

    print("whole processes (median after one warm-up)", flush=True)
    rows["cli_pdf"] = processes(
        "seed PDF (renderer build --format pdf)", [*ours, "--format", "pdf", str(SEED)], runs, env
    )
    rows["cli_epub"] = processes(
        "seed EPUB (renderer build --format epub)",
        [*ours, "--format", "epub", str(SEED)],
        runs,
        env,
    )
    rows["cli_both"] = processes("seed PDF+EPUB (renderer build)", [*ours, str(SEED)], runs, env)
    rows["raw_weasyprint"] = processes(
        "raw weasyprint --pdf-variant pdf/ua-1",
        [
            weasyprint_cli,
            "--pdf-variant",
            "pdf/ua-1",
            "-s",
            str(css),
            str(html),
            str(work / "raw.pdf"),
        ],
        runs,
        env,
    )
    rows["pandoc_epub"] = processes(
        "pandoc Markdown→EPUB (same article)",
        [pandoc_path(), str(markdown), "-o", str(work / "pandoc.epub")],
        runs,
        env,
    )
    rows["cli_long"] = processes("long article PDF+EPUB", [*ours, str(long_md)], runs, env)
    rows["cli_long"]["pages"] = pdf_pages(out / "long-article.pdf")
    for n in sizes:
        manifest = samples / f"bench-packet-{n}.toml"
        manifest.write_text(packet_manifest(n), "utf-8")
        key = f"packet_{n}"
        rows[key] = processes(f"packet of {n} articles PDF+EPUB", [*ours, str(manifest)], runs, env)
        rows[key]["pages"] = pdf_pages(out / f"bench-packet-{n}.pdf")
    if sizes:
        # The largest packet once more as one WeasyPrint document (the layout before
        # slices): what slicing saves in memory and costs in time, in the same run.
        n = sizes[-1]
        rows[f"packet_{n}_at_once"] = processes(
            f"packet of {n} articles, laid out at once (--slice-articles 0)",
            [*ours, "--slice-articles", "0", str(samples / f"bench-packet-{n}.toml")],
            max(1, runs // 2),
            env,
        )
        rows[f"packet_{n}_at_once"]["pages"] = pdf_pages(out / f"bench-packet-{n}.pdf")
    folder = batch_folder(work / f"batch{batch}", batch)
    for jobs in (1, 2):
        rows[f"batch_jobs{jobs}"] = processes(
            f"{batch} articles, --jobs {jobs}",
            [*ours, "-o", str(work / f"batch-out-{jobs}"), "--jobs", str(jobs), str(folder)],
            runs,
            env,
        )
    return rows


def pdf_pages(path: Path) -> int:
    import pikepdf

    with pikepdf.open(path) as pdf:
        return len(pdf.pages)


def warm_in_process(work: Path, runs: int) -> dict:
    from tagging import _render_write

    from renderer.build import build
    from renderer.compose import compose
    from renderer.ingest import ingest
    from renderer.normalize import normalize
    from renderer.options import Options

    article = normalize(ingest(str(SEED)), Options())
    xhtml = compose(article, target="pdf")
    base = SEED.parent.resolve().as_uri() + "/"
    out = work / "warm"
    rows = {
        "weasyprint_render_write": median_ms(lambda: _render_write(xhtml, base, own=False), runs),
        "build_pdf": median_ms(lambda: build(SEED, out, Options(formats=("pdf",))), runs),
        "build_epub": median_ms(lambda: build(SEED, out, Options(formats=("epub",))), runs),
        "build_both": median_ms(lambda: build(SEED, out, Options()), runs),
    }
    rows = {k: round(v, 1) for k, v in rows.items()}
    print("warm in-process (ms, median)", flush=True)
    for key, value in rows.items():
        print(f"  {key:44} {value:8.1f} ms", flush=True)
    return rows


def speed_work(work: Path, runs: int, sizes: list[int]) -> dict:
    """Each change of issue 9, before and after, measured in turns in this process."""
    import weasyprint.pdf.fonts as wp_fonts

    import renderer.epub as epub_module
    import renderer.pdf as pdf_module
    from renderer.build import build
    from renderer.options import Options

    out = work / "speed"
    rows: dict[str, dict] = {}
    pdf_only = Options(formats=("pdf",))
    print("speed work: before → after (ms, median, alternating runs)", flush=True)

    def record(key: str, what: str, before: float, after: float, **extra) -> None:
        rows[key] = {
            "what": what,
            "before_ms": round(before, 1),
            "after_ms": round(after, 1),
            "speedup": round(before / after, 2),
            **extra,
        }
        print(f"  {what:60} {before:9.1f} → {after:9.1f}  ×{before / after:.2f}", flush=True)

    # 1. HarfBuzz subsetting (libharfbuzz-subset0) vs WeasyPrint's fontTools fallback.
    hb = wp_fonts.harfbuzz_subset

    def fonttools():
        wp_fonts.harfbuzz_subset = None
        try:
            build(RICH, out, pdf_only)
        finally:
            wp_fonts.harfbuzz_subset = hb

    if hb is not None:
        before, after = alternating_ms(fonttools, lambda: build(RICH, out, pdf_only), runs)
        record("harfbuzz_subset", "rich sample PDF: fontTools subsetting → HarfBuzz", before, after)

    # 2. Stylesheets and font configuration parsed once per process, not per article.
    def uncached():
        pdf_module._stylesheets.cache_clear()
        pdf_module._font_config.cache_clear()
        build(SEED, out, pdf_only)

    before, after = alternating_ms(uncached, lambda: build(SEED, out, pdf_only), runs)
    record("css_font_cache", "seed PDF: CSS + fonts per article → once per process", before, after)

    # 3. Fewer garbage collections during layout (long article, ≥ 20 pages).
    long_md = long_article(work / "long-speed", repeats=6)
    threshold = pdf_module.GC_THRESHOLD

    def default_gc():
        pdf_module.GC_THRESHOLD = 0
        try:
            build(long_md, out, pdf_only)
        finally:
            pdf_module.GC_THRESHOLD = threshold

    before, after = alternating_ms(
        default_gc, lambda: build(long_md, out, pdf_only), max(3, runs // 2)
    )
    record("gc_threshold", "long article PDF: default GC → threshold 10 000", before, after)

    # 4. EPUB: each document parsed once (before: ebooklib re-parsed and re-serialized each
    #    document and built a nav we threw away, deflated, and repair parsed all again).
    from ebooklib import epub as _epub

    from renderer.packet import assemble, load_manifest

    manifest = ROOT / "samples" / f".bench-speed-{os.getpid()}.toml"
    manifest.write_text(packet_manifest(100), "utf-8")
    try:
        from renderer.ingest import ingest

        packet, _ = assemble(
            load_manifest(manifest), Options(), read=lambda p, meta=(): ingest(p, meta=meta)
        )
    finally:
        manifest.unlink()
    from renderer.resources import load_theme

    kwargs = dict(
        theme=load_theme("briefing"),
        moment=_dt.datetime(2024, 10, 18, tzinfo=_dt.UTC),
        strict=False,
        certified_by=None,
        known_defects=[],
    )
    saved = (epub_module._Verbatim, epub_module._Writer, epub_module.repair)

    class OldWriter(_epub.EpubWriter):
        def __init__(self, out, book, options, *, nav):
            super().__init__(out, book, {**options, "compresslevel": 6})

    def old_repair(raw, **kw):
        kw.pop("checked", None)
        return saved[2](raw, **kw)

    def old_epub():
        epub_module._Verbatim, epub_module._Writer = _epub.EpubHtml, OldWriter
        epub_module.repair = old_repair
        try:
            epub_module.write_packet_epub(packet, **kwargs)
        finally:
            epub_module._Verbatim, epub_module._Writer, epub_module.repair = saved

    same = old_epub_bytes = None
    with contextlib.suppress(Exception):
        epub_module._Verbatim, epub_module._Writer = _epub.EpubHtml, OldWriter
        epub_module.repair = old_repair
        try:
            old_epub_bytes = epub_module.write_packet_epub(packet, **kwargs).data
        finally:
            epub_module._Verbatim, epub_module._Writer, epub_module.repair = saved
        same = old_epub_bytes == epub_module.write_packet_epub(packet, **kwargs).data
    before, after = alternating_ms(
        old_epub, lambda: epub_module.write_packet_epub(packet, **kwargs), runs
    )
    record(
        "epub_single_parse",
        "100-article packet EPUB: 3 parses → 1 parse per document",
        before,
        after,
        same_bytes=same,
    )

    rows["structure_tree"] = structure_tree_scaling(work, sizes)
    rows["lazy_imports"] = lazy_imports()
    return rows


def structure_tree_scaling(work: Path, sizes: list[int]) -> list[dict]:
    """Time of our structure-tree builder per structure element, at growing sizes."""
    import renderer.pdf.tags as tags
    from renderer.build import build
    from renderer.options import Options

    seen: list[tuple[float, int, int]] = []
    original = tags._Builder.build

    def timed(self):
        start = time.perf_counter()
        original(self)
        seen.append((time.perf_counter() - start, len(self.nodes), self.result.pages))

    inputs = [
        ("seed", SEED),
        ("rich sample", RICH),
        ("long article", long_article(work / "long-tree", repeats=6)),
    ]
    folder = work / "tree-samples"
    if not folder.exists():
        shutil.copytree(ROOT / "samples", folder)
    for n in sizes:
        manifest = folder / f"tree-packet-{n}.toml"
        manifest.write_text(packet_manifest(n), "utf-8")
        inputs.append((f"packet of {n}", manifest))
    rows = []
    calls: list[int] = []

    def counted(self):
        # Python function calls made by the builder: a measure of its work that no load
        # or cache effect can bend (linear ⇔ a flat number of calls per element).
        import cProfile
        import pstats

        profile = cProfile.Profile()
        profile.enable()
        try:
            original(self)
        finally:
            profile.disable()
        calls.append(pstats.Stats(profile).total_calls)

    tags._Builder.build = timed
    print("structure tree: build time per element", flush=True)
    try:
        for name, source in inputs:
            seen.clear()
            # One document, one builder: a packet laid out at once (not in slices).
            once = Options(formats=("pdf",), slice_articles=0)
            build(source, work / "tree-out", once)
            seconds, elements, pages = seen[-1]
            tags._Builder.build = counted
            build(source, work / "tree-out", once)
            tags._Builder.build = timed
            row = {
                "input": name,
                "pages": pages,
                "elements": elements,
                "ms": round(seconds * 1000, 1),
                "us_per_element": round(seconds * 1e6 / max(1, elements), 1),
                "calls_per_element": round(calls[-1] / max(1, elements), 1),
            }
            rows.append(row)
            print(
                f"  {name:20} {pages:5} pages {elements:7} elements {row['ms']:9.1f} ms "
                f"{row['us_per_element']:7.1f} µs/element "
                f"{row['calls_per_element']:6.1f} calls/element",
                flush=True,
            )
    finally:
        tags._Builder.build = original
    gc.collect()
    return rows


def lazy_imports() -> dict:
    """What `renderer --help` and `renderer lint` cost, and whether they import WeasyPrint."""
    py = sys.executable
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    probe = (
        "import sys, time; t = time.perf_counter(); from renderer.cli import main\n"
        "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
        "print(time.perf_counter() - t, 'weasyprint' in sys.modules, file=sys.stderr)"
    )
    rows = {}
    for name, argv in (("help", ["--help"]), ("lint", ["lint", str(SEED)])):
        times, imported = [], None
        for _ in range(6):
            done = subprocess.run([py, "-c", probe, *argv], capture_output=True, text=True, env=env)
            seconds, flag = done.stderr.strip().splitlines()[-1].split()
            times.append(float(seconds) * 1000)
            imported = flag == "True"
        rows[name] = {"ms": round(statistics.median(times[1:]), 1), "imports_weasyprint": imported}
    # Importing WeasyPrint as WeasyPrint does it, and through renderer.pdf (one ldconfig
    # reading instead of a find_library subprocess per library name), in turns.
    timing = (
        "import time; t = time.perf_counter(); import {0}; import sys; "
        "print(time.perf_counter() - t, file=sys.stderr)"
    )
    plain, quick = [], []
    for _ in range(8):
        for module, times in (("weasyprint", plain), ("renderer.pdf", quick)):
            done = subprocess.run(
                [py, "-c", timing.format(module)], capture_output=True, text=True, env=env
            )
            times.append(float(done.stderr.strip().splitlines()[-1]) * 1000)
    rows["import_weasyprint_ms"] = round(statistics.median(plain[1:]), 1)
    rows["import_renderer_pdf_ms"] = round(statistics.median(quick[1:]), 1)
    print(
        f"lazy imports: --help {rows['help']['ms']} ms, lint {rows['lint']['ms']} ms "
        f"(WeasyPrint imported: {rows['help']['imports_weasyprint']}/"
        f"{rows['lint']['imports_weasyprint']}); importing WeasyPrint alone "
        f"{rows['import_weasyprint_ms']} ms, through renderer.pdf "
        f"{rows['import_renderer_pdf_ms']} ms",
        flush=True,
    )
    return rows


def check_scaling(work: Path, runs: int, quick: bool = False) -> dict:
    """``renderer check`` as a whole process on tagged PDFs of growing size.

    The inputs are written here by ``tools/pdfua_fixtures.py`` (never committed): 100 and
    1,000 pages of 20 tagged paragraphs each, and one page holding a table of 10,000
    columns (20,000 cells, each its own marked-content sequence). A linear check costs
    the 1,000 pages at most 10x the 100; a page-local n-squared step shows on the table.
    """
    sys.path.insert(0, str(ROOT / "tools"))
    from pdfua_fixtures import many_pages, wide_table

    folder = work / "check"
    folder.mkdir(parents=True, exist_ok=True)
    small, large, columns = (10, 100, 1000) if quick else (100, 1000, 10000)
    inputs = {
        "check_100": (f"renderer check, {small}-page PDF",
                      many_pages(folder / "small.pdf", small)),
        "check_1000": (f"renderer check, {large}-page PDF",
                       many_pages(folder / "large.pdf", large)),
        "check_table": (f"renderer check, a {columns:,}-column table",
                        wide_table(folder / "table.pdf", columns)),
    }
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    print("renderer check (median after one warm-up)", flush=True)
    rows = {}
    for key, (what, path) in inputs.items():
        rows[key] = processes(what, [sys.executable, "-m", "renderer", "check", str(path)],
                              runs, env)
        rows[key]["pages"] = pdf_pages(path)
    return rows


# ------------------------------------------------------------------ ratios and report


def ratios(processes: dict, warm: dict, sizes: list[int]) -> dict:
    r = {
        "cli_both_over_raw_pdf": processes["cli_both"]["median_s"]
        / processes["raw_weasyprint"]["median_s"],
        "cli_pdf_over_raw_pdf": processes["cli_pdf"]["median_s"]
        / processes["raw_weasyprint"]["median_s"],
        "warm_both_over_weasyprint": warm["build_both"] / warm["weasyprint_render_write"],
        "warm_pdf_over_weasyprint": warm["build_pdf"] / warm["weasyprint_render_write"],
        "epub_over_pandoc": processes["cli_epub"]["median_s"]
        / processes["pandoc_epub"]["median_s"],
        "jobs2_speedup": processes["batch_jobs1"]["median_s"]
        / processes["batch_jobs2"]["median_s"],
    }
    if 100 in sizes and 500 in sizes:
        r["packet_500_over_100"] = (
            processes["packet_500"]["median_s"] / processes["packet_100"]["median_s"]
        )
        r["packet_500_over_5x100"] = r["packet_500_over_100"] / 5
        r["packet_500_peak_mb"] = processes["packet_500"]["peak_mb"]
    r.update(check_ratios(processes))
    return {k: round(v, 3) for k, v in r.items()}


def check_ratios(rows: dict) -> dict:
    if "check_100" not in rows:
        return {}
    base = rows["check_100"]["median_s"]
    return {"check_1000_over_100": round(rows["check_1000"]["median_s"] / base, 3),
            "check_table_over_100": round(rows["check_table"]["median_s"] / base, 3)}


def verdicts(r: dict) -> list[dict]:
    rows = []
    for key, op, limit, what in TARGETS:
        if key not in r:
            continue
        value = r[key]
        met = {"<=": value <= limit, "<": value < limit}.get(op, value >= limit)
        by = value / limit - 1 if op.startswith("<") else 1 - value / limit
        rows.append(
            {
                "target": key,
                "what": what,
                "value": value,
                "op": op,
                "limit": limit,
                "met": met,
                "missed_by": None if met else round(by, 3),
            }
        )
    return rows


def markdown(result: dict) -> str:
    m, p, w, s = result["machine"], result["processes"], result["warm_ms"], result["speed"]
    lines = [
        f"Measured {result['when']} by `make bench` ({result['runs']} runs each, median "
        f"after a warm-up; load average {result['load_before'][0]} before, "
        f"{result['load_after'][0]} after):",
        f"{m['cpu']}, {m['cores']} cores, {m['ram_gb']} GB RAM, {m['os']}, Python "
        f"{m['python']}, WeasyPrint {m['weasyprint']}, ebooklib {m['ebooklib']}, pandoc "
        f"{m['pandoc']}, HarfBuzz {m['harfbuzz']} (subset library: "
        f"{'yes' if m['harfbuzz_subset'] else 'no'}).",
        "",
        "| whole process | median (min–max) | peak memory | pages | load before/after |",
        "|---|---:|---:|---:|---:|",
    ]
    for row in p.values():
        pages = row.get("pages", "")
        load_pair = "/".join(f"{x:.1f}" for x in row["load"]) if "load" in row else ""
        lines.append(
            f"| {row['name']} | {row['median_s']:.2f} s ({row['min_s']:.2f}–{row['max_s']:.2f}) "
            f"| {row['peak_mb']:.0f} MB | {pages} | {load_pair} |"
        )
    lines += [
        "",
        "| warm, in-process (seed) | median |",
        "|---|---:|",
        f"| WeasyPrint's own render + write (`pdf/ua-1`) | {w['weasyprint_render_write']:.1f} ms |",
        f"| `build` PDF | {w['build_pdf']:.1f} ms |",
        f"| `build` EPUB | {w['build_epub']:.1f} ms |",
        f"| `build` PDF + EPUB | {w['build_both']:.1f} ms |",
        "",
        "| target | measured | limit | status |",
        "|---|---:|---:|---|",
    ]
    for v in result["targets"]:
        status = "met" if v["met"] else f"**missed** by {100 * v['missed_by']:.0f} %"
        value = f"{v['value']:.0f} MB" if v["target"].endswith("_mb") else f"{v['value']:.2f}×"
        limit = f"{v['limit']:.0f} MB" if v["target"].endswith("_mb") else f"{v['limit']}×"
        lines.append(f"| {v['what']} | {value} | {v['op']} {limit} | {status} |")
    lines += ["", "| speed work | before | after | speed-up |", "|---|---:|---:|---:|"]
    for row in s.values():
        if isinstance(row, dict) and "before_ms" in row:
            lines.append(
                f"| {row['what']} | {row['before_ms']:.1f} ms | {row['after_ms']:.1f} ms "
                f"| ×{row['speedup']:.2f} |"
            )
    lazy = s.get("lazy_imports")
    if lazy:
        lines.append(
            f"| `renderer --help` / `renderer lint` (seed): WeasyPrint not imported "
            f"(importing it costs {lazy['import_weasyprint_ms']:.0f} ms) | "
            f"+{lazy['import_weasyprint_ms']:.0f} ms | {lazy['help']['ms']:.0f} / "
            f"{lazy['lint']['ms']:.0f} ms | |"
        )
    if lazy and "import_renderer_pdf_ms" in lazy:
        before, after = lazy["import_weasyprint_ms"], lazy["import_renderer_pdf_ms"]
        lines.append(
            f"| import WeasyPrint (every process): a `find_library` subprocess per library "
            f"name → one `ldconfig -p` | {before:.1f} ms | {after:.1f} ms "
            f"| ×{before / after:.2f} |"
        )
    tree = s.get("structure_tree")
    if tree:
        lines += [
            "",
            "| structure tree (our builder) | pages | elements | time | per element "
            "| function calls per element |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        for row in tree:
            calls = row.get("calls_per_element", "")
            lines.append(
                f"| {row['input']} | {row['pages']} | {row['elements']} | "
                f"{row['ms']:.1f} ms | {row['us_per_element']:.1f} µs | {calls} |"
            )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement (default 5)")
    parser.add_argument("--json", default=str(DEFAULT_JSON), help="result file to write/read")
    parser.add_argument(
        "--markdown", action="store_true", help="print the README tables from --json and exit"
    )
    parser.add_argument(
        "--readme",
        metavar="FILE",
        help="with --markdown: replace the tables between the bench markers "
        "in FILE (README.md) instead of printing them",
    )
    parser.add_argument(
        "--quick", action="store_true", help="smoke test: 2 runs, packets of 2 and 4, a batch of 8"
    )
    parser.add_argument(
        "--only-check", action="store_true",
        help="measure only `renderer check` on 100/1,000 pages and a 10,000-column table; "
        "print the rows and ratios, write nothing",
    )
    args = parser.parse_args()
    if args.only_check:
        with tempfile.TemporaryDirectory(prefix="renderer-bench-") as tmp:
            rows = check_scaling(Path(tmp), 2 if args.quick else args.runs, args.quick)
        r = check_ratios(rows)
        print(json.dumps(r))
        for v in verdicts(r):
            print(f"{v['what']}: {v['value']:.2f}x (limit {v['op']} {v['limit']}x) "
                  f"{'met' if v['met'] else 'MISSED'}")
        return 0
    if args.markdown:
        tables = markdown(json.loads(Path(args.json).read_text("utf-8")))
        if not args.readme:
            print(tables)
            return 0
        readme = Path(args.readme)
        text = readme.read_text("utf-8")
        start, end = "<!-- bench:start -->", "<!-- bench:end -->"
        if start not in text or end not in text:
            raise SystemExit(f"bench: {readme} has no {start} … {end} markers")
        head, rest = text.split(start, 1)
        _, tail = rest.split(end, 1)
        readme.write_text(f"{head}{start}\n{tables}\n{end}{tail}", "utf-8")
        return 0
    runs = 2 if args.quick else args.runs
    sizes = [2, 4] if args.quick else [10, 100, 500]
    batch = 8 if args.quick else 200
    started = time.perf_counter()
    result = {
        "when": _dt.datetime.now(_dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "runs": runs,
        "quick": args.quick,
        "machine": machine(),
        "load_before": load(),
    }
    print(f"machine: {result['machine']}\nload average: {result['load_before']}", flush=True)
    with tempfile.TemporaryDirectory(prefix="renderer-bench-") as tmp:
        work = Path(tmp)
        result["processes"] = whole_processes(work, runs, sizes, batch)
        result["processes"].update(check_scaling(work, runs, args.quick))
        result["warm_ms"] = warm_in_process(work, max(runs, 5) if not args.quick else runs)
        result["speed"] = speed_work(work, runs, sizes[:2])
    result["load_after"] = load()
    result["ratios"] = ratios(result["processes"], result["warm_ms"], sizes)
    result["targets"] = verdicts(result["ratios"])
    result["seconds"] = round(time.perf_counter() - started, 1)
    target = Path(args.json)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", "utf-8")
    print(f"\nratios: {json.dumps(result['ratios'])}")
    print(
        f"load average after: {result['load_after']}; {result['seconds']} s in all; "
        f"written {target}\n"
    )
    print(markdown(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
