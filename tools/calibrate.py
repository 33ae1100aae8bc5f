#!/usr/bin/env python3
"""Measure how often `renderer check` agrees with two reference corpora, rule by rule.

1. The veraPDF PDF/UA-1 corpus (CC BY 4.0): every file tests one rule and its name says which
   and the expected verdict (``7.1-t03-fail-a.pdf``: ISO 14289-1 clause 7.1, test 3, this file
   fails it). For each rule below we map the inspector codes that stand for it; the inspector
   *flags* a file for the rule when it emits any of those codes. Agreement = files where
   (flagged) == (name says fail), over the rule's files.
2. Ace by DAISY's own test fixtures (MIT) with the outcomes in ``EXPECTATIONS.md``, plus our
   own minimal books (``tools/ace_fixtures.py``) for the rules Ace's fixtures never show
   failing. For every Ace rule this inspector maps (:data:`renderer.check.epub.ACE_RULES`),
   two numbers, never added together: a fixture expected to fail that rule must get the
   mapped code (failing verdicts), and a fixture expected to pass every rule must not
   (passing verdicts: the same passing books for every rule). A rule without a failing
   fixture is not claimed.

Rules are *claimed* when the code means what the corpus rule means; unclaimed rules that we still
map are measured and shown, with the reason (usually a stricter project rule), so nobody reads
a number as more than it is.

    python tools/calibrate.py                     # print both tables (Markdown)
    python tools/calibrate.py --write docs/check.md   # replace the tables between the markers
    python tools/calibrate.py --check docs/check.md   # exit 1 if the document is stale or a
                                                      # claimed rule is below --min (95 %)
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

sys.path.insert(0, str(ROOT / "tools"))

from ace_fixtures import write_all  # noqa: E402

from eval.corpus import corpora_dir  # noqa: E402
from renderer.check import check  # noqa: E402
from renderer.check.epub import ACE_RULES  # noqa: E402

DEFAULT_VERAPDF = corpora_dir() / "verapdf-pdfua1"
DEFAULT_ACE = corpora_dir() / "ace-fixtures"
START, END = "<!-- calibration:start -->", "<!-- calibration:end -->"

TABLE = {"PDF-TABLE-001", "PDF-TABLE-002", "PDF-TABLE-004", "PDF-TABLE-005", "PDF-TABLE-008",
         "PDF-TABLE-009", "PDF-TABLE-010"}
LIST = {"PDF-LIST-001", "PDF-LIST-002", "PDF-LIST-005", "PDF-LIST-006"}
LANG_NOTE = ("project rule is stricter: catalog /Lang always required and 4–8 letter primary "
             "subtags refused; Lang in marked-content property lists is not read")

# corpus rule -> (what it tests, codes that stand for it, claimed, note)
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
    "7.1-t06": ("all types standard", {"PDF-ROLE-001", "PDF-ROLE-002"}, True, ""),
    "7.1-t07": ("standard type remapped", {"PDF-ROLE-003"}, True, ""),
    "7.1-t08": ("XMP metadata stream present", {"PDF-META-001"}, True, ""),
    "7.1-t09": ("dc:title present", {"PDF-META-003"}, True, ""),
    "7.1-t10": ("DisplayDocTitle true", {"PDF-META-004"}, True, ""),
    "7.1-t11": ("StructTreeRoot present", {"PDF-STRUCT-001"}, True, ""),
    "7.2-t02": ("catalog /Lang for the outline text", {"PDF-META-005"}, True, ""),
    "7.2-t33": ("catalog /Lang for dc:title", {"PDF-META-005"}, True, ""),
    "7.2-t03": ("Table: one Caption, first or last", TABLE, True, ""),
    "7.2-t05": ("THead inside Table", TABLE, True, ""),
    "7.2-t07": ("TFoot inside Table", TABLE, True, ""),
    "7.2-t09": ("TD inside TR", TABLE, True, ""),
    "7.2-t10": ("TR holds only TH/TD", TABLE, True, ""),
    "7.2-t11": ("at most one THead", TABLE, True, ""),
    "7.2-t12": ("at most one TFoot", TABLE, True, ""),
    "7.2-t13": ("TFoot needs TBody", TABLE, True, ""),
    "7.2-t14": ("THead needs TBody", TABLE, True, ""),
    "7.2-t15": ("well-formed table", TABLE, True, ""),
    "7.2-t17": ("well-formed lists", LIST, True,
                "PDF-LIST-003 (L directly in L) is a project rule and not counted"),
    "7.2-t18": ("LBody inside LI", LIST, True, ""),
    "7.2-t19": ("list Caption first", LIST, True, ""),
    "7.2-t20": ("LI holds only Lbl/LBody", LIST, True, ""),
    "7.2-t26": ("TOCI inside TOC", {"PDF-TOC-001", "PDF-TOC-002"}, True, ""),
    "7.2-t27": ("TOC children, one Caption", {"PDF-TOC-001", "PDF-TOC-002"}, True, ""),
    "7.2-t21": ("language of ActualText", {"PDF-META-005", "PDF-LANG-001"}, False, LANG_NOTE),
    "7.2-t22": ("language of Alt", {"PDF-META-005", "PDF-LANG-001"}, False, LANG_NOTE),
    "7.2-t23": ("language of /E", {"PDF-META-005", "PDF-LANG-001"}, False, LANG_NOTE),
    "7.2-t24": ("catalog /Lang present", {"PDF-META-005", "PDF-LANG-001"}, False, LANG_NOTE),
    "7.2-t25": ("language of form fields", {"PDF-META-005", "PDF-LANG-001"}, False, LANG_NOTE),
    "7.2-t29": ("Lang well-formed", {"PDF-META-005", "PDF-LANG-001"}, False, LANG_NOTE),
    "7.2-t30": ("language of marked-content ActualText", {"PDF-META-005", "PDF-LANG-001"},
                False, LANG_NOTE),
    "7.2-t31": ("language of marked-content Alt", {"PDF-META-005", "PDF-LANG-001"}, False,
                LANG_NOTE),
    "7.2-t32": ("language of marked-content /E", {"PDF-META-005", "PDF-LANG-001"}, False,
                LANG_NOTE),
    "7.2-t34": ("language (other)", {"PDF-META-005", "PDF-LANG-001"}, False, LANG_NOTE),
    "7.3-t01": ("Figure has Alt or ActualText", {"PDF-FIG-001"}, True, ""),
    "7.4.2-t01": ("numbered headings: first H1, no skipped level",
                  {"PDF-HEAD-002", "PDF-HEAD-004"}, True, ""),
    "7.5-t01": ("TH scope / TD headers", {"PDF-TABLE-003", "PDF-TABLE-007"}, True, ""),
    "7.5-t02": ("TD headers resolve", {"PDF-TABLE-003", "PDF-TABLE-007"}, True, ""),
    "7.16-t01": ("encryption allows accessibility", {"PDF-FILE-005"}, True, ""),
    "7.18.3-t01": ("/Tabs /S on pages with annotations", {"PDF-ANNOT-001"}, True, ""),
    "7.18.5-t01": ("Link annotation inside a Link element", {"PDF-LINK-001"}, True, ""),
    "7.18.5-t02": ("Link annotation has /Contents", {"PDF-LINK-002"}, True, ""),
    "7.20-t02": ("Form XObject MCID referenced once", {"PDF-STRUCT-012"}, True, ""),
    "7.21.4.1-t01": ("fonts embedded", {"PDF-FONT-001"}, True, ""),
    "7.21.7-t01": ("ToUnicode map present", {"PDF-FONT-002"}, True, ""),
    "7.21.8-t01": (".notdef glyph not used", {"PDF-FONT-003"}, True, ""),
}

NAME = re.compile(r"^(?P<rule>.+-t\d+)-(?P<verdict>pass|fail)-[a-z]+\.pdf$")


def _clause_key(rule: str) -> tuple:
    clause, test = rule.rsplit("-t", 1)
    return (*(int(x) for x in clause.split(".")), int(test))


def verapdf(corpus: Path) -> tuple[list[dict], list[str]]:
    files: dict[str, list[tuple[Path, bool]]] = defaultdict(list)
    for f in sorted(corpus.rglob("*.pdf")):
        m = NAME.match(f.name)
        if m:
            files[m["rule"]].append((f, m["verdict"] == "fail"))
    rows, unmapped = [], []
    for rule in sorted(files, key=_clause_key):
        if rule not in RULES:
            unmapped.append(rule)
            continue
        what, codes, claimed, note = RULES[rule]
        agree, wrong = 0, []
        for f, fails in files[rule]:
            flagged = bool(check(f).codes & codes)
            if flagged == fails:
                agree += 1
            else:
                wrong.append(f.name)
        rows.append({"rule": rule, "what": what, "codes": sorted(codes), "claimed": claimed,
                     "files": len(files[rule]), "agree": agree, "wrong": wrong, "note": note})
    return rows, unmapped


def passing_gate(corpus: Path) -> tuple[int, dict[str, list[str]]]:
    """The gate's verdict (``--fail-on error``) on every file the corpus marks as passing.

    Per-rule agreement only looks at the codes mapped to a rule; this says how many
    conforming files the gate as a whole would refuse, and which error codes refuse them.
    """
    files = [f for f in sorted(corpus.rglob("*.pdf")) if (m := NAME.match(f.name))
             and m["verdict"] == "pass"]
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


def markdown(rows: list[dict], unmapped: list[str], ace_rows: list[dict],
             gate: tuple[int, dict[str, list[str]]]) -> str:
    claimed = [r for r in rows if r["claimed"]]
    files = sum(r["files"] for r in claimed)
    agree = sum(r["agree"] for r in claimed)
    out = [
        "### veraPDF PDF/UA-1 corpus",
        "",
        f"Claimed rules: {len(claimed)}, {files} files, agreement {agree}/{files} "
        f"({pct(agree, files)}); every claimed rule ≥ 95 %. Rules measured but not claimed "
        "are listed after them with the reason. "
        f"Corpus rules with no mapped check ({len(unmapped)}): {', '.join(unmapped)}.",
        "",
        "| rule | what it tests | codes (PDF-…) | files | agree | agreement | claimed |",
        "|---|---|---|---|---|---|---|",
    ]
    notes: list[str] = []
    for r in sorted(rows, key=lambda r: (not r["claimed"], _clause_key(r["rule"]))):
        mark = ""
        if r["note"]:
            if r["note"] not in notes:
                notes.append(r["note"])
            mark = f" ({notes.index(r['note']) + 1})"
        miss = f" (disagree: {', '.join(r['wrong'])})" if r["wrong"] else ""
        codes = ", ".join(c.removeprefix("PDF-") for c in r["codes"])
        out.append(f"| {r['rule']} | {r['what']}{miss} | {codes} | "
                   f"{r['files']} | {r['agree']} | {pct(r['agree'], r['files'])} | "
                   f"{'yes' if r['claimed'] else 'no'}{mark} |")
    out += [""] + [f"({i}) {n}." for i, n in enumerate(notes, 1)]
    total, blockers = gate
    refused = sorted({f for names in blockers.values() for f in names})
    reasons = "; ".join(f"{c.removeprefix('PDF-')} ×{len(n)} ({', '.join(n)})"
                        for c, n in sorted(blockers.items(), key=lambda kv: (-len(kv[1]), kv[0])))
    out += ["", f"Gate verdict (`--fail-on error`) on the {total} files the corpus marks as "
            f"passing: {total - len(refused)} pass, {len(refused)} fail"
            + (f", on project rules stricter than PDF/UA-1 or on defects outside the file's "
               f"own rule: {reasons}." if refused else ".")]
    claimed_ace = [r for r in ace_rows if r["claimed"]]
    fail_n = sum(len(r["fail"]) for r in claimed_ace)
    fail_a = fail_n - sum(len(r["fail_wrong"]) for r in claimed_ace)
    ours = sum(r["fail_ours"] for r in claimed_ace)
    passing = sorted({n for r in ace_rows for n in r["pass"]})
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
        f"{len(passing) - len(pass_wrong)}/{len(passing)} books ({len(passing) - 1} of Ace's, "
        "`ours-base`). They are the same books in every row: the passing column is one "
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
    ap.add_argument("--min", type=float, default=95.0, help="lowest agreement per claimed rule")
    group = ap.add_mutually_exclusive_group()
    group.add_argument("--write", type=Path, metavar="DOC", help="update the tables in DOC")
    group.add_argument("--check", type=Path, metavar="DOC", help="fail if DOC is stale")
    args = ap.parse_args(argv)
    for corpus in (args.verapdf, args.ace):
        if not corpus.is_dir():
            print(f"calibrate: corpus not found: {corpus}", file=sys.stderr)
            return 2
    rows, unmapped = verapdf(args.verapdf)
    ace_rows = ace_fixtures(args.ace)
    table = markdown(rows, unmapped, ace_rows, passing_gate(args.verapdf))
    low = [r["rule"] for r in rows if r["claimed"] and 100 * r["agree"] < args.min * r["files"]]
    low += [r["rule"] for r in ace_rows if r["claimed"] and (
        100 * (len(r["fail"]) - len(r["fail_wrong"])) < args.min * len(r["fail"])
        or 100 * (len(r["pass"]) - len(r["pass_wrong"])) < args.min * len(r["pass"]))]
    status = 0
    if low:
        print(f"calibrate: claimed rules below {args.min:g} %: {', '.join(low)}",
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
