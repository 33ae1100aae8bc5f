"""``make eval``: our readers and their peers on the same real pages, one table.

    python -m eval.run [--corpora DIR] [--only html|text] [--json FILE]
                       [--markdown docs/eval.md] [--readme README.md]

HTML: every page of the article-extraction benchmark is read by our HTML reader (through
``renderer.ingest``, as ``renderer build`` reads it), trafilatura and readability-lxml.
Text: the same pages' Chromium text scrapes (``tools/make-text-scrapes.py``, made on
first use) are read by our text reader and by the naive heuristic. Bodies are scored as
the benchmark scores them (``eval/scoring.py``); titles, authors, dates and languages
against what each page states itself (``eval/reference.py``). The tables between the
``eval`` markers in the Markdown files are generated from the results, never typed.
"""

from __future__ import annotations

import argparse
import json
import platform
import re
import subprocess
import sys
import time
from collections import defaultdict
from dataclasses import asdict
from importlib import metadata
from pathlib import Path

from . import extractors
from .corpus import BENCHMARK, ROOT, benchmark_pages, corpora_dir
from .reference import reference, shows_date
from .scoring import Match, body_score, match, same_authors, same_title

CACHE = ROOT / ".eval-cache"
HTML_EXTRACTORS = ("ours", "trafilatura", "readability-lxml")
TEXT_EXTRACTORS = ("ours", "naive")
# The metadata each peer gives at all (ours gives every field); the others show "n/a".
GIVES = {"trafilatura": {"title", "authors", "date"}, "readability-lxml": {"title"},
         "naive": {"title"}}
# A page is "lost" when a peer's body F1 is this much above ours.
LOSS_MARGIN = 0.05


def _extract(name: str, page, path: Path) -> extractors.Extraction:
    if name == "ours":
        return extractors.ours(path)
    if name == "trafilatura":
        return extractors.trafilatura(page.html)
    if name == "readability-lxml":
        return extractors.readability(page.html)
    return extractors.naive_text(path.read_text(encoding="utf-8"))


def _judge(page, ref, got: extractors.Extraction) -> dict:
    m = match(page.body, got.body)
    return {
        "p": m.precision, "r": m.recall, "f1": m.f1, "tp": m.tp, "fp": m.fp, "fn": m.fn,
        "title": same_title(ref.title, got.title) if ref.title else None,
        "authors": same_authors(ref.authors, got.authors) if ref.authors else None,
        "date": (got.date == ref.date) if ref.date else None,
        "language": (got.language == ref.language) if ref.language else None,
        "got_title": got.title, "got_authors": list(got.authors),
        "got_date": got.date.isoformat() if got.date else None,
        "refused": got.refused, "crashed": got.crashed,
    }


def evaluate(corpora: Path, kinds: tuple[str, ...], scrapes: Path,
             corpus: str = BENCHMARK) -> dict:
    pages_dir = CACHE / "pages"
    pages_dir.mkdir(parents=True, exist_ok=True)
    pages = list(benchmark_pages(corpora, corpus))
    if "text" in kinds and any(not (scrapes / f"{p.key}.txt").exists() for p in pages):
        sys.path.insert(0, str(ROOT / "tools"))
        make = __import__("importlib").import_module("make-text-scrapes")
        make.main(["--corpora", str(corpora), "--corpus", corpus, "--out", str(scrapes)])
    records = []
    seconds: dict[str, float] = defaultdict(float)
    for n, page in enumerate(pages, 1):
        ref = reference(page.html.decode("utf-8", "replace"))
        rec = {"key": page.key, "site": page.site, "family": ref.family,
               "reference": {"title": ref.title, "authors": list(ref.authors),
                             "date": ref.date.isoformat() if ref.date else None,
                             "language": ref.language}}
        html_path = pages_dir / f"{page.key}.html"
        if not html_path.exists():
            html_path.write_bytes(page.html)
        for kind in kinds:
            names = HTML_EXTRACTORS if kind == "html" else TEXT_EXTRACTORS
            path = html_path if kind == "html" else scrapes / f"{page.key}.txt"
            for name in names:
                start = time.perf_counter()
                got = _extract(name, page, path)
                seconds[f"{kind}/{name}"] += time.perf_counter() - start
                rec[f"{kind}/{name}"] = _judge(page, ref, got)
                if kind == "text" and ref.date:
                    # scored apart: only a date the scrape shows can be read from it
                    shown = shows_date(path.read_text(encoding="utf-8"), ref.date)
                    rec[f"{kind}/{name}"]["date_shown"] = (got.date == ref.date) if shown \
                        else None
        records.append(rec)
        if n % 20 == 0 or n == len(pages):
            print(f"eval: {n}/{len(pages)} pages", file=sys.stderr, flush=True)
    return {"environment": _environment(corpora, corpus), "corpus": corpus,
            "kinds": list(kinds),
            "seconds": {k: round(v, 1) for k, v in seconds.items()}, "pages": records}


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "not installed"


def _environment(corpora: Path, corpus: str) -> dict:
    commit = corpora / corpus / "SOURCE_COMMIT.txt"
    try:
        chromium = subprocess.run(["chromium", "--version"], capture_output=True, text=True,
                                  timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        chromium = "unknown"
    return {
        "benchmark_commit": commit.read_text().strip() if commit.exists() else "unknown",
        "python": platform.python_version(),
        "article-renderer": _version("article-renderer"),
        "trafilatura": _version("trafilatura"),
        "readability-lxml": _version("readability-lxml"),
        "chromium": chromium,
    }


# ------------------------------------------------------------------------- tables


def _share(values: list) -> str:
    counted = [v for v in values if v is not None]
    if not counted:
        return "–"
    right = sum(1 for v in counted if v)
    return f"{100 * right / len(counted):.1f} % ({right}/{len(counted)})"


def summary(results: dict) -> dict[str, dict]:
    """Per extractor: body P/R/F1 and the metadata shares."""
    rows = {}
    for column in _columns(results):
        recs = [r[column] for r in results["pages"]]
        score = body_score([_match_of(r) for r in recs])
        gives = GIVES.get(column.split("/")[1], {"title", "authors", "date", "language"})
        rows[column] = {
            "precision": score.precision, "recall": score.recall, "f1": score.f1,
            **{f: _share([r[f] for r in recs]) if f in gives else "n/a"
               for f in ("title", "authors", "date", "language")},
            "date_shown": (_share([r.get("date_shown") for r in recs])
                           if "date" in gives and column.startswith("text/") else "n/a"),
            "refused": sum(1 for r in recs if r["refused"]),
            "crashed": sum(1 for r in recs if r["crashed"]),
            "pages": len(recs),
        }
    return rows


def _match_of(rec: dict) -> Match:
    """A page's stored counts as the scoring's Match."""
    return Match(rec["tp"], rec["fp"], rec["fn"])


def _columns(results: dict) -> list[str]:
    cols = []
    for kind in results["kinds"]:
        names = HTML_EXTRACTORS if kind == "html" else TEXT_EXTRACTORS
        cols += [f"{kind}/{name}" for name in names]
    return cols


def _label(column: str) -> str:
    name = column.split("/")[1]
    return {"ours": "article-renderer", "naive": "naive heuristic"}.get(name, name)


def markdown(results: dict) -> str:
    env = results["environment"]
    rows = summary(results)
    corpus = results.get("corpus", BENCHMARK)
    source = (f"article-extraction benchmark (commit {env['benchmark_commit'][:12]})"
              if corpus == BENCHMARK else f"`{corpus}` ({env['benchmark_commit']})")
    out = [f"Measured by `make eval` on the {len(results['pages'])} pages of the {source}; "
           f"Python {env['python']}, trafilatura {env['trafilatura']}, readability-lxml "
           f"{env['readability-lxml']}, text scrapes by {env['chromium']}.", ""]
    for kind in results["kinds"]:
        title = ("Saved HTML pages" if kind == "html"
                 else "Text scrapes of the same pages (Chromium `innerText`)")
        shown = kind == "text"  # the dates a scrape shows are a column of their own
        out += [f"**{title}**", "",
                "| reader | body P | body R | body F1 | title | authors | date "
                + ("| date, where the scrape shows it " if shown else "")
                + "| language | refused | crashed |",
                "|---|---:|---:|---:|---:|---:|---:|" + ("---:|" if shown else "")
                + "---:|---:|---:|"]
        for column in _columns(results):
            if not column.startswith(kind + "/"):
                continue
            r = rows[column]
            name = _label(column)
            out.append(f"| {name} | {r['precision']:.3f} | {r['recall']:.3f} | "
                       f"**{r['f1']:.3f}** | {r['title']} | {r['authors']} | {r['date']} | "
                       + (f"{r['date_shown']} | " if shown else "")
                       + f"{r['language']} | {r['refused']} | {r['crashed']} |")
        out.append("")
        out += _families(results, kind) + _losses(results, kind)
    return "\n".join(out).rstrip() + "\n"


def _families(results: dict, kind: str) -> list[str]:
    cols = [c for c in _columns(results) if c.startswith(kind + "/")]
    fams = sorted({r["family"] for r in results["pages"]})
    out = [f"Body F1 by site family ({kind}; the family is the page's declared schema.org "
           "type: news articles, blog posts, anything else):", "",
           "| family | pages | " + " | ".join(_label(c) for c in cols) + " |",
           "|---|---:|" + "---:|" * len(cols)]
    for fam in fams:
        recs = [r for r in results["pages"] if r["family"] == fam]
        scores = [body_score([_match_of(r[c]) for r in recs]).f1 for c in cols]
        out.append(f"| {fam} | {len(recs)} | " + " | ".join(f"{s:.3f}" for s in scores) + " |")
    return [*out, ""]


def _losses(results: dict, kind: str) -> list[str]:
    ours = f"{kind}/ours"
    peers = [c for c in _columns(results) if c.startswith(kind + "/") and c != ours]
    lost = []
    for r in results["pages"]:
        best = max(peers, key=lambda c: r[c]["f1"])
        gap = r[best]["f1"] - r[ours]["f1"]
        if gap > LOSS_MARGIN or r[ours]["refused"] or r[ours]["crashed"]:
            why = r[ours]["refused"] or r[ours]["crashed"] or ""
            lost.append((gap, r, best, why))
    lost.sort(key=lambda t: (-t[0], t[1]["key"]))
    out = [f"Pages we still lose ({kind}): our body F1 more than {LOSS_MARGIN} below the best "
           f"peer's, or refused: {len(lost)} of {len(results['pages'])}.", ""]
    if lost:
        out += ["| page | site | ours | best peer | note |", "|---|---|---:|---:|---|"]
        for _gap, r, best, why in lost:
            note = re.sub(r"\s+", " ", why)[:90].replace("|", "\\|")
            out.append(f"| {r['key'][:10]} | {r['site']} | {r[ours]['f1']:.2f} | "
                       f"{r[best]['f1']:.2f} ({_label(best)}) | {note} |")
    return [*out, ""]


def readme_summary(results: dict) -> str:
    rows = summary(results)
    out = ["| input | reader | body F1 | title | date | authors | refused |",
           "|---|---|---:|---:|---:|---:|---:|"]
    for column in _columns(results):
        kind = "saved HTML" if column.startswith("html/") else "text scrape"
        r = rows[column]
        out.append(f"| {kind} | {_label(column)} | {r['f1']:.3f} | "
                   f"{r['title'].split(' (')[0]} | {r['date'].split(' (')[0]} | "
                   f"{r['authors'].split(' (')[0]} | {r['refused']} |")
    return "\n".join(out) + "\n"


def _splice(path: Path, marker: str, text: str) -> None:
    doc = path.read_text(encoding="utf-8")
    start, end = f"<!-- {marker}:start -->", f"<!-- {marker}:end -->"
    if start not in doc or end not in doc:
        raise SystemExit(f"eval: {path} has no {start} … {end} markers")
    head, rest = doc.split(start, 1)
    _, tail = rest.split(end, 1)
    path.write_text(f"{head}{start}\n{text}{end}{tail}", encoding="utf-8")


def _keep_other_half(results: dict, previous: Path) -> dict:
    """With --only, the other kind's results of the last run stay in the file and tables."""
    if not previous.is_file():
        return results
    old = json.loads(previous.read_text(encoding="utf-8"))
    if [r["key"] for r in old["pages"]] != [r["key"] for r in results["pages"]]:
        return results
    for kind in old["kinds"]:
        if kind in results["kinds"]:
            continue
        for new, prior in zip(results["pages"], old["pages"], strict=True):
            new.update({k: v for k, v in prior.items() if k.startswith(kind + "/")})
        results["seconds"].update({k: v for k, v in old["seconds"].items()
                                   if k.startswith(kind + "/")})
    results["kinds"] = [k for k in ("html", "text") if k in results["kinds"] + old["kinds"]]
    return results


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="eval.run", description=__doc__.splitlines()[0])
    ap.add_argument("--corpora", help="corpora folder (default: RENDERER_CORPORA, else "
                    "../shared/corpora beside the checkout)")
    ap.add_argument("--only", choices=("html", "text"))
    ap.add_argument("--corpus", default=BENCHMARK,
                    help=f"the corpus folder's name (default {BENCHMARK}; "
                    "tools/make-heldout-corpus.py makes newspaper4k-tests)")
    ap.add_argument("--scrapes", default=str(CACHE / "scrapes"))
    # Results hold what the pages say (titles, names): data, kept out of the repository.
    ap.add_argument("--json", help="results file (default .eval-cache/results-CORPUS.json)")
    ap.add_argument("--markdown", help="write the tables between the eval markers of this file")
    ap.add_argument("--readme", help="write the summary between the eval-summary markers")
    ap.add_argument("--from-json", action="store_true",
                    help="regenerate the tables from --json without measuring")
    ap.add_argument("--show-references", type=int, metavar="N",
                    help="print N pages' reference metadata, for checking by eye")
    args = ap.parse_args(argv)
    corpora = corpora_dir(args.corpora)
    args.json = args.json or str(CACHE / f"results-{args.corpus}.json")

    if args.show_references:
        for page in list(benchmark_pages(corpora, args.corpus))[: args.show_references]:
            ref = reference(page.html.decode("utf-8", "replace"))
            print(f"{page.key[:10]} {page.site}\n  {asdict(ref)}")
        return 0
    if args.from_json:
        results = json.loads(Path(args.json).read_text(encoding="utf-8"))
    else:
        kinds = (args.only,) if args.only else ("html", "text")
        results = evaluate(corpora, kinds, Path(args.scrapes), args.corpus)
        if args.only:
            results = _keep_other_half(results, Path(args.json))
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(results, indent=1, sort_keys=True,
                                              ensure_ascii=False) + "\n", encoding="utf-8")
    table = markdown(results)
    print(table)
    if args.markdown:
        marker = "eval" if args.corpus == BENCHMARK else f"eval-{args.corpus}"
        _splice(Path(args.markdown), marker, table)
    if args.readme and args.corpus == BENCHMARK:
        _splice(Path(args.readme), "eval-summary", readme_summary(results))
    crashed = sum(1 for r in results["pages"] for c in _columns(results) if
                  c.endswith("/ours") and r[c]["crashed"])
    return 1 if crashed else 0


if __name__ == "__main__":
    raise SystemExit(main())
