#!/usr/bin/env python3
"""Measure how often `renderer check` agrees with reference corpora, rule by rule.

1. The veraPDF PDF/UA-1 corpus (CC BY 4.0): every file tests one rule and its name says which
   and the expected verdict (``7.1-t03-fail-a.pdf``: ISO 14289-1 clause 7.1, test 3, this file
   fails it; odd names such as ``7-18.3-t01-pass-a.pdf`` are read as clause 7.18.3). Beside
   it, our own minimal files (``tools/pdfua_fixtures.py``) for the rules the corpus never
   shows failing or passing, named the same way. For each rule we map the inspector codes
   that stand for it; a file is *flagged* when any of them occurs. Agreement = files where
   (flagged) == (name says fail). The files are split by rule into a development part and a
   held-out part, fixed by name in ``tools/calibration-heldout.txt``; a rule is claimed only
   when its codes mean what it means, the development part holds a failing and a passing
   file for it, and both parts agree on at least ``--min`` per cent of its files.
2. Ace by DAISY's own test fixtures (MIT) with the outcomes in ``EXPECTATIONS.md``, plus our
   own minimal books (``tools/ace_fixtures.py``) for the rules Ace's fixtures never show
   failing. For every Ace rule this inspector maps (:data:`renderer.check.epub.ACE_RULES`),
   two numbers, never added together: a fixture expected to fail that rule must get the
   mapped code (failing verdicts), and a fixture expected to pass every rule must not
   (passing verdicts: the same passing books for every rule). A rule without a failing
   fixture is not claimed.

Every number and every verdict printed is computed from the run; rules that are mapped but not
claimed are shown with the computed reason, so nobody reads a number as more than it is.

    python tools/calibrate.py                     # print both tables (Markdown)
    python tools/calibrate.py --write docs/check.md   # replace the tables between the markers
    python tools/calibrate.py --check docs/check.md   # exit 1 if the document is stale
    python tools/calibrate.py --make-split        # rewrite tools/calibration-heldout.txt
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

sys.path.insert(0, str(ROOT / "tools"))

from ace_fixtures import write_all  # noqa: E402
from pdfua_fixtures import write_all as write_fixtures  # noqa: E402

from eval.corpus import corpora_dir  # noqa: E402
from renderer.check import check  # noqa: E402
from renderer.check.epub import ACE_RULES  # noqa: E402

DEFAULT_VERAPDF = corpora_dir() / "verapdf-pdfua1"
DEFAULT_ACE = corpora_dir() / "ace-fixtures"
START, END = "<!-- calibration:start -->", "<!-- calibration:end -->"

# corpus rule -> (what it tests, codes that stand for it, claimable, note). A rule is
# *claimed* only when it is claimable (its codes mean what the rule means) and the numbers
# say so: failing and passing files in the development part, and at least the --min
# agreement on the development part and on the held-out part (--split file).
RULES: dict[str, tuple[str, set[str], bool, str]] = {
    "5-t01": ("PDF/UA identifier present", {"PDF-META-002"}, True, ""),
    "5-t02": ("pdfuaid:part is 1", {"PDF-META-002"}, True, ""),
    "7.1-t01": ("Artifact inside real content", {"PDF-STRUCT-010"}, True, ""),
    "7.1-t02": ("real content inside an Artifact", {"PDF-STRUCT-011"}, True, ""),
    "7.1-t03": ("content neither tagged nor Artifact", {"PDF-STRUCT-009", "PDF-STRUCT-005"},
                True, ""),
    "7.1-t04": ("MarkInfo /Suspects true", {"PDF-STRUCT-003"}, True, ""),
    "7.1-t05": ("non-standard type not role-mapped / circular map",
                {"PDF-ROLE-001", "PDF-ROLE-002"}, True, ""),
    "7.1-t06": ("no circular role map", {"PDF-ROLE-002"}, True, ""),
    "7.1-t07": ("standard type remapped", {"PDF-ROLE-003"}, True, ""),
    "7.1-t08": ("XMP metadata stream present", {"PDF-META-001"}, True, ""),
    "7.1-t09": ("dc:title present", {"PDF-META-003"}, True, ""),
    "7.1-t10": ("DisplayDocTitle true", {"PDF-META-004"}, True, ""),
    "7.1-t11": ("StructTreeRoot present", {"PDF-STRUCT-001"}, True, ""),
    "7.2-t02": ("language of the outline determined", {"PDF-LANG-002"}, True, ""),
    "7.2-t03": ("Table: only TR/THead/TBody/TFoot and one Caption, first or last",
                {"PDF-TABLE-005", "PDF-TABLE-010"}, True, ""),
    "7.2-t04": ("TR inside Table, THead, TBody or TFoot", {"PDF-TABLE-001"}, True, ""),
    "7.2-t05": ("THead inside Table", {"PDF-TABLE-008"}, True, ""),
    "7.2-t06": ("TBody inside Table", {"PDF-TABLE-008"}, True, ""),
    "7.2-t07": ("TFoot inside Table", {"PDF-TABLE-008"}, True, ""),
    "7.2-t08": ("TH inside TR", {"PDF-TABLE-002"}, True, ""),
    "7.2-t09": ("TD inside TR", {"PDF-TABLE-002"}, True, ""),
    "7.2-t10": ("TR holds only TH/TD", {"PDF-TABLE-009"}, True, ""),
    "7.2-t11": ("at most one THead", {"PDF-TABLE-004"}, True, ""),
    "7.2-t12": ("at most one TFoot", {"PDF-TABLE-010"}, True, ""),
    "7.2-t13": ("TFoot needs TBody", {"PDF-TABLE-010"}, True, ""),
    "7.2-t14": ("THead needs TBody", {"PDF-TABLE-010"}, True, ""),
    "7.2-t15": ("regular table (the corpus's one file: reading order)",
                {"PDF-TABLE-001", "PDF-TABLE-002", "PDF-TABLE-005", "PDF-TABLE-009"}, False,
                "no check of ours tests a table's rows and columns for regularity; the "
                "structure codes are shown for what they are worth"),
    "7.2-t17": ("LI inside L", {"PDF-LIST-007"}, True, ""),
    "7.2-t18": ("LBody inside LI", {"PDF-LIST-005"}, True, ""),
    "7.2-t19": ("L: only L/LI and one Caption, first", {"PDF-LIST-001", "PDF-LIST-006"},
                True, ""),
    "7.2-t20": ("LI holds only Lbl/LBody", {"PDF-LIST-002"}, True, ""),
    "7.2-t21": ("language of ActualText determined", {"PDF-LANG-002"}, True, ""),
    "7.2-t22": ("language of Alt determined", {"PDF-LANG-002"}, True, ""),
    "7.2-t23": ("language of /E determined", {"PDF-LANG-002"}, True, ""),
    "7.2-t24": ("language of annotation Contents determined", {"PDF-LANG-002"}, True, ""),
    "7.2-t25": ("language of form field names (TU) determined", {"PDF-LANG-002"}, True, ""),
    "7.2-t26": ("TOCI inside TOC", {"PDF-TOC-001"}, True, ""),
    "7.2-t27": ("TOC: only TOC/TOCI and one Caption, first", {"PDF-TOC-002"}, True, ""),
    "7.2-t29": ("/Lang a language identifier (ISO 32000-1 14.9.2)", {"PDF-LANG-001"}, True, ""),
    "7.2-t30": ("language of marked-content ActualText determined", {"PDF-LANG-002"}, True,
                ""),
    "7.2-t31": ("language of marked-content Alt determined", {"PDF-LANG-002"}, True, ""),
    "7.2-t32": ("language of marked-content /E determined", {"PDF-LANG-002"}, True, ""),
    "7.2-t33": ("language of the metadata (dc:title) determined", {"PDF-LANG-002"}, True, ""),
    "7.2-t34": ("language of page content determined", {"PDF-LANG-002"}, True, ""),
    "7.2-t36": ("THead holds only TR", {"PDF-TABLE-011"}, True, ""),
    "7.2-t37": ("TBody holds only TR", {"PDF-TABLE-011"}, True, ""),
    "7.2-t38": ("TFoot holds only TR", {"PDF-TABLE-011"}, True, ""),
    "7.3-t01": ("Figure has Alt or ActualText", {"PDF-FIG-001"}, True, ""),
    "7.4.2-t01": ("numbered headings: first H1, no skipped level",
                  {"PDF-HEAD-002", "PDF-HEAD-004"}, True, ""),
    "7.5-t01": ("TH scope / TD headers", {"PDF-TABLE-003", "PDF-TABLE-007"}, True, ""),
    "7.5-t02": ("TD headers resolve", {"PDF-TABLE-003", "PDF-TABLE-007"}, True, ""),
    "7.16-t01": ("encryption allows accessibility", {"PDF-FILE-005"}, True, ""),
    "7.18.3-t01": ("/Tabs /S on pages with annotations", {"PDF-ANNOT-001"}, True, ""),
    "7.18.5-t01": ("Link annotation inside a Link element", {"PDF-LINK-001"}, True, ""),
    "7.18.5-t02": ("Link annotation has /Contents", {"PDF-LINK-002"}, True, ""),
    "7.20-t02": ("Form XObject with MCIDs painted once", {"PDF-STRUCT-015"}, True, ""),
    "7.21.4.1-t01": ("fonts embedded", {"PDF-FONT-001"}, True, ""),
    "7.21.7-t01": ("ToUnicode map present", {"PDF-FONT-002"}, True, ""),
    "7.21.7-t02": ("no ToUnicode value U+0000, U+FEFF or U+FFFE", {"PDF-FONT-004"}, True, ""),
    "7.21.8-t01": (".notdef glyph not used", {"PDF-FONT-003"}, True, ""),
}

# Project rules stricter than PDF/UA-1: never counted for a corpus rule, named in the text.
PROJECT_CODES = {
    "PDF-META-005": "catalog /Lang always (PDF/UA-1 accepts a language on each text)",
    "PDF-LANG-003": "a 2–3-letter primary language subtag (PDF/UA-1 accepts 1–8 letters)",
    "PDF-LIST-003": "no L directly inside an L (PDF/UA-1 allows it)",
}

# ``7.2-t04-fail-a.pdf``; tolerant of the corpus's odd names (``7-18.3-t01-pass-a.pdf``
# is clause 7.18.3) and of ours (``7.2-t17-fail-ours-li-outside-l.pdf``).
NAME = re.compile(r"^(?P<clause>\d+(?:[.-]\d+)*)-t(?P<test>\d+)-(?P<verdict>pass|fail)-"
                  r"(?P<tail>.+)\.pdf$")
SPLIT = ROOT / "tools" / "calibration-heldout.txt"


def parse_name(name: str) -> tuple[str, bool] | None:
    """(rule, fails) from a corpus or fixture file name; None for any other name."""
    m = NAME.match(name)
    if not m:
        return None
    clause = m["clause"].replace("-", ".")
    return f"{clause}-t{m['test']}", m["verdict"] == "fail"


def _clause_key(rule: str) -> tuple:
    """Sort key of a rule name: numeric parts as numbers, anything else after them."""
    parts = re.split(r"[.-]t?", rule)
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in parts)


@dataclass
class Case:
    path: Path
    rule: str
    fails: bool
    ours: bool  # written by tools/pdfua_fixtures.py, not from the veraPDF corpus


def cases(corpus: Path, fixtures: Path) -> list[Case]:
    """Every corpus file and every fixture of ours whose name says a rule and a verdict."""
    out = []
    for f in sorted(corpus.rglob("*.pdf")):
        if (parsed := parse_name(f.name)) is not None:
            out.append(Case(f, *parsed, ours=False))
    for _, (fixture, path) in sorted(write_fixtures(fixtures).items()):
        out.append(Case(path, fixture.rule, fixture.fails, ours=True))
    return out


def read_split(path: Path = SPLIT) -> set[str]:
    """The held-out file names: one a line, ``#`` comments."""
    if not path.is_file():
        return set()
    return {line.strip() for line in path.read_text("utf-8").splitlines()
            if line.strip() and not line.startswith("#")}


def make_split(all_cases: list[Case]) -> list[str]:
    """Hold out, for every rule, half of each verdict's files (rounded down), chosen by a
    hash of the name: a rule keeps a file of each verdict it has in development, and a
    verdict with one file stays there."""
    groups: dict[tuple[str, bool], list[str]] = defaultdict(list)
    for c in all_cases:
        groups[(c.rule, c.fails)].append(c.path.name)
    held = []
    for names in groups.values():
        ranked = sorted(names, key=lambda n: hashlib.sha256(n.encode()).hexdigest())
        held += ranked[: len(ranked) // 2]
    return sorted(held, key=lambda n: (_clause_key(parse_name(n)[0]), n))  # type: ignore[index]


def _tally(part: list[tuple[Case, bool]]) -> dict:
    wrong = [c.path.name for c, flagged in part if flagged != c.fails]
    return {"files": len(part), "agree": len(part) - len(wrong), "wrong": wrong,
            "fail": sum(c.fails for c, _ in part), "pass": sum(not c.fails for c, _ in part),
            "ours": sum(c.ours for c, _ in part)}


def verapdf(all_cases: list[Case], held_out: set[str], minimum: float
            ) -> tuple[list[dict], list[str]]:
    """Per corpus rule: agreement on the development part and on the held-out part."""
    by_rule: dict[str, list[Case]] = defaultdict(list)
    for c in all_cases:
        by_rule[c.rule].append(c)
    found = {c.path: check(c.path).codes for c in all_cases}
    rows, unmapped = [], []
    for rule in sorted(by_rule, key=_clause_key):
        if rule not in RULES:
            unmapped.append(rule)
            continue
        what, codes, claimable, note = RULES[rule]
        flagged = [(c, bool(found[c.path] & codes)) for c in by_rule[rule]]
        dev = _tally([x for x in flagged if x[0].path.name not in held_out])
        held = _tally([x for x in flagged if x[0].path.name in held_out])
        reasons = [note] if not claimable else []
        if not dev["fail"]:
            reasons.append("no failing file in the development part")
        if not dev["pass"]:
            reasons.append("no passing file in the development part")
        if dev["files"] and 100 * dev["agree"] < minimum * dev["files"]:
            reasons.append(f"development agreement below {minimum:g} %")
        if not held["files"]:
            reasons.append("no held-out file")
        elif 100 * held["agree"] < minimum * held["files"]:
            reasons.append(f"held-out agreement below {minimum:g} %")
        rows.append({"rule": rule, "what": what, "codes": sorted(codes), "dev": dev,
                     "held": held, "claimed": not reasons, "reasons": reasons})
    return rows, unmapped


def passing_gate(all_cases: list[Case]) -> tuple[int, dict[str, list[str]]]:
    """The gate's verdict (``--fail-on error``) on every corpus file marked as passing.

    Per-rule agreement only looks at the codes mapped to a rule; this says how many
    conforming files the gate as a whole would refuse, and which error codes refuse them.
    """
    files = [c.path for c in all_cases if not c.fails and not c.ours]
    blockers: dict[str, list[str]] = defaultdict(list)
    for f in files:
        for code in sorted({x.code for x in check(f).errors}):
            blockers[code].append(f.name)
    return len(files), dict(blockers)


def expectations(ace: Path) -> list[tuple[str, str, set[str], set[str]]]:
    """(fixture, outcome, rules asserted, rules asserted *not* to occur) from EXPECTATIONS.md."""
    out = []
    for line in (ace / "EXPECTATIONS.md").read_text("utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 5 or cells[0] in ("test file", "---") or cells[0].startswith("-"):
            continue
        fixture = cells[2].split(",")[0].strip()
        outcome = cells[3].split(",")[0].strip()
        ids = re.sub(r"\[.*?\]|\(.*?\)", "", cells[4])
        rules = {r.strip() for r in ids.split(",") if r.strip()}
        negated = "negated" in cells[4]
        out.append((fixture, outcome, set() if negated and outcome == "pass" else rules,
                    rules if negated and outcome == "pass" else set()))
    return out


def ace_fixtures(ace: Path) -> list[dict]:
    """Per claimed Ace rule: verdicts on the fixtures expected to fail it and, separately, on
    the fixtures expected to pass every rule.

    Failing fixtures are Ace's (the rules its test asserts) and ours
    (:mod:`ace_fixtures`, one per rule Ace never shows failing; a test confirms Ace flags
    them). A rule is claimed only with at least one failing fixture: passing books alone
    cannot show that the code fires when it should.
    """
    cases: list[tuple[str, str, str, set[str], Path]] = []  # name, whose, outcome, rules, path
    seen: set[tuple[str, str]] = set()
    for fixture, outcome, rules, _ in expectations(ace):
        path = ace / "tests" / "data" / fixture
        if path.exists() and (fixture, outcome) not in seen:
            seen.add((fixture, outcome))
            cases.append((fixture, "Ace", outcome, rules, path))
    with tempfile.TemporaryDirectory() as tmp:
        for name, (f, path) in write_all(Path(tmp)).items():
            cases.append((name, "ours", "fail" if f.rule else "pass", {f.rule} - {None}, path))
        found = {(name, outcome): check(path).codes for name, _, outcome, _, path in cases}
    rows = []
    for rule, code in ACE_RULES.items():
        row = {"rule": rule, "code": code, "fail": [], "fail_ours": 0, "fail_wrong": [],
               "pass": [], "pass_wrong": []}
        for name, whose, outcome, rules, _ in cases:
            fired = code in found[(name, outcome)]
            if outcome == "pass":
                row["pass"].append(name)
                if fired:
                    row["pass_wrong"].append(name)
            elif rule in rules:
                row["fail"].append(name)
                row["fail_ours"] += whose == "ours"
                if not fired:
                    row["fail_wrong"].append(name)
        row["claimed"] = bool(row["fail"])
        rows.append(row)
    return rows


def pct(a: int, n: int) -> str:
    return f"{100 * a / n:.0f} %" if n else "—"


def _cell(t: dict) -> str:
    if not t["files"]:
        return "—"
    ours = f"; {t['ours']} ours" if t["ours"] else ""
    return (f"{t['agree']} / {t['files']} ({t['fail']} fail, {t['pass']} pass{ours}) "
            f"{pct(t['agree'], t['files'])}")


def markdown(rows: list[dict], unmapped: list[str], ace_rows: list[dict],
             gate: tuple[int, dict[str, list[str]]], minimum: float) -> str:
    claimed = [r for r in rows if r["claimed"]]
    part = {k: (sum(r[k]["agree"] for r in claimed), sum(r[k]["files"] for r in claimed))
            for k in ("dev", "held")}
    every = {k: (sum(r[k]["files"] for r in rows), sum(r[k]["ours"] for r in rows))
             for k in ("dev", "held")}
    lowest = {k: min((100 * r[k]["agree"] / r[k]["files"] for r in claimed), default=None)
              for k in ("dev", "held")}
    low = {k: "—" if v is None else f"{v:.0f} %" for k, v in lowest.items()}
    corpus_files = sum(every[k][0] - every[k][1] for k in every)
    own_files = sum(every[k][1] for k in every)
    out = [
        "### veraPDF PDF/UA-1 corpus and our own minimal files",
        "",
        f"{corpus_files} files of the corpus that its mapped rules cover and {own_files} "
        "minimal files of our own (`tools/pdfua_fixtures.py`: each differs from a clean "
        "tagged document by the one point of its rule), split by rule into a development "
        f"part ({every['dev'][0]} files, {every['dev'][1]} ours) and a held-out part "
        f"({every['held'][0]} files, {every['held'][1]} ours), fixed by name in "
        "`tools/calibration-heldout.txt` (for each rule, half of each verdict's files, "
        "rounded down, chosen by a hash of the name; a verdict with one file stays in "
        "development). A rule is claimed when its codes mean what it means, the development "
        "part has a failing and a passing file for it, and both parts agree on at least "
        f"{minimum:g} % of its files. **Claimed rules: {len(claimed)}** of {len(rows)} "
        f"mapped; development {part['dev'][0]}/{part['dev'][1]} "
        f"({pct(*part['dev'])}), held-out {part['held'][0]}/{part['held'][1]} "
        f"({pct(*part['held'])}); lowest claimed rule: development {low['dev']}, "
        f"held-out {low['held']}. Corpus rules with no mapped check ({len(unmapped)}): "
        f"{', '.join(unmapped)}.",
        "",
        "| rule | what it tests | codes (PDF-…) | development: agree / files | held-out: "
        "agree / files | claimed |",
        "|---|---|---|---|---|---|",
    ]
    for r in sorted(rows, key=lambda r: (not r["claimed"], _clause_key(r["rule"]))):
        wrong = r["dev"]["wrong"] + r["held"]["wrong"]
        miss = f" (disagree: {', '.join(wrong)})" if wrong else ""
        codes = ", ".join(c.removeprefix("PDF-") for c in r["codes"])
        verdict = "yes" if r["claimed"] else f"no: {'; '.join(r['reasons'])}"
        out.append(f"| {r['rule']} | {r['what']}{miss} | {codes} | {_cell(r['dev'])} | "
                   f"{_cell(r['held'])} | {verdict} |")
    total, blockers = gate
    refused = sorted({f for names in blockers.values() for f in names})
    reasons = "; ".join(f"{c.removeprefix('PDF-')} ×{len(n)} ({', '.join(n)})"
                        for c, n in sorted(blockers.items(), key=lambda kv: (-len(kv[1]), kv[0])))
    project = sorted(set(blockers) & set(PROJECT_CODES))
    out += ["", "Project rules stricter than PDF/UA-1 have codes of their own and count for no "
            "corpus rule: " + "; ".join(f"{c.removeprefix('PDF-')}, {w}"
                                        for c, w in PROJECT_CODES.items()) + ".",
            "", f"Gate verdict (`--fail-on error`) on the {total} corpus files marked as "
            f"passing: {total - len(refused)} pass, {len(refused)} fail"
            + (f": {reasons}." if refused else ".")
            + (f" Of those codes, {', '.join(c.removeprefix('PDF-') for c in project)} "
               "are project rules." if project else "")]
    claimed_ace = [r for r in ace_rows if r["claimed"]]
    fail_n = sum(len(r["fail"]) for r in claimed_ace)
    fail_a = fail_n - sum(len(r["fail_wrong"]) for r in claimed_ace)
    ours = sum(r["fail_ours"] for r in claimed_ace)
    passing = sorted({n for r in ace_rows for n in r["pass"]})
    passing_ours = [n for n in passing if n.startswith("ours-")]
    pass_wrong = sorted({n for r in claimed_ace for n in r["pass_wrong"]})
    unclaimed = [r["rule"] for r in ace_rows if not r["claimed"]]
    out += [
        "",
        "### Ace by DAISY fixtures (EXPECTATIONS.md) and our own",
        "",
        f"Claimed Ace rules: {len(claimed_ace)} (a rule is claimed only with at least one "
        "fixture expected to fail it"
        + (f"; not claimed: {', '.join(unclaimed)}" if unclaimed else "") + "). "
        f"**Failing fixtures** (expected to fail the rule; our code must fire): {fail_a}/"
        f"{fail_n} verdicts, {ours} of them on our own fixtures (`tools/ace_fixtures.py`, "
        "minimal books for the rules Ace's fixtures never show failing; a test runs Ace on "
        "them and confirms it flags exactly that rule). "
        f"**Passing fixtures** (expected to pass every rule; the rule's code must not fire): "
        f"{len(passing) - len(pass_wrong)}/{len(passing)} books "
        f"({len(passing) - len(passing_ours)} of Ace's, "
        f"{', '.join(f'`{n}`' for n in passing_ours) or 'none of ours'}). "
        "They are the same books in every row: the passing column is one "
        "measurement shown per rule, not a count to add up.",
        "",
        "| Ace rule | our code | failing: agree / fixtures (ours) | passing: agree / books "
        "| agreement (failing) | claimed |",
        "|---|---|---|---|---|---|",
    ]
    for r in sorted(ace_rows, key=lambda r: r["rule"]):
        wrong = sorted(set(r["fail_wrong"] + r["pass_wrong"]))
        miss = f" (disagree: {', '.join(wrong)})" if wrong else ""
        n, bad = len(r["fail"]), len(r["fail_wrong"])
        p, pbad = len(r["pass"]), len(r["pass_wrong"])
        mine = f" ({r['fail_ours']} ours)" if r["fail_ours"] else ""
        out.append(f"| {r['rule']}{miss} | {r['code']} | {n - bad} / {n}{mine} | "
                   f"{p - pbad} / {p} | {pct(n - bad, n)} | "
                   f"{'yes' if r['claimed'] else 'no (no failing fixture)'} |")
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--verapdf", type=Path, default=DEFAULT_VERAPDF)
    ap.add_argument("--ace", type=Path, default=DEFAULT_ACE)
    ap.add_argument("--min", type=float, default=95.0,
                    help="lowest agreement of a claimed rule, on each part")
    ap.add_argument("--split", type=Path, default=SPLIT, help="the held-out file names")
    group = ap.add_mutually_exclusive_group()
    group.add_argument("--write", type=Path, metavar="DOC", help="update the tables in DOC")
    group.add_argument("--check", type=Path, metavar="DOC", help="fail if DOC is stale")
    group.add_argument("--make-split", action="store_true",
                       help="write --split afresh from the corpus and our fixtures")
    args = ap.parse_args(argv)
    for corpus in (args.verapdf, args.ace):
        if not corpus.is_dir():
            print(f"calibrate: corpus not found: {corpus} (set RENDERER_CORPORA)",
                  file=sys.stderr)
            return 2
    with tempfile.TemporaryDirectory() as tmp:
        all_cases = cases(args.verapdf, Path(tmp))
        if args.make_split:
            held = make_split(all_cases)
            args.split.write_text(
                "# Held-out part of the PDF calibration (tools/calibrate.py): file names of\n"
                "# the veraPDF PDF/UA-1 corpus and of tools/pdfua_fixtures.py. Written once by\n"
                "# `tools/calibrate.py --make-split` (for each rule, half of each verdict's\n"
                "# files, rounded down, by a hash of the name); every other file is the\n"
                "# development part. Names only: the files are not ours to commit.\n"
                + "".join(f"{n}\n" for n in held), "utf-8")
            print(f"calibrate: {len(held)} held-out names written to {args.split}")
            return 0
        held_out = read_split(args.split)
        if not held_out:
            print(f"calibrate: no held-out names in {args.split}", file=sys.stderr)
            return 2
        rows, unmapped = verapdf(all_cases, held_out, args.min)
        gate = passing_gate(all_cases)
    ace_rows = ace_fixtures(args.ace)
    table = markdown(rows, unmapped, ace_rows, gate, args.min)
    low = [r["rule"] for r in ace_rows if r["claimed"] and (
        100 * (len(r["fail"]) - len(r["fail_wrong"])) < args.min * len(r["fail"])
        or 100 * (len(r["pass"]) - len(r["pass_wrong"])) < args.min * len(r["pass"]))]
    status = 0
    if low:
        print(f"calibrate: claimed Ace rules below {args.min:g} %: {', '.join(low)}",
              file=sys.stderr)
        status = 1
    if args.write or args.check:
        doc = args.write or args.check
        text = doc.read_text("utf-8")
        if START not in text or END not in text:
            print(f"calibrate: {doc} has no {START} … {END} markers", file=sys.stderr)
            return 2
        head, rest = text.split(START, 1)
        _, tail = rest.split(END, 1)
        new = f"{head}{START}\n{table}{END}{tail}"
        if args.write:
            doc.write_text(new, "utf-8")
        elif new != text:
            print(f"calibrate: {doc} is stale; run tools/calibrate.py --write {doc}",
                  file=sys.stderr)
            status = 1
    else:
        sys.stdout.write(table)
    return status


if __name__ == "__main__":
    sys.exit(main())
