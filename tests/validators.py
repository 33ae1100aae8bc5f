"""EPUBCheck and Ace by DAISY as test helpers.

The tools are found via ``EPUBCHECK_JAR`` / ``ACE_HOME``, else under
``<repo>/.validators/`` (where tools/install-validators.sh puts them). A
missing tool skips the test on a developer machine, but under ``CI=true`` it
is a failure: CI must never pass because a validator quietly did not run.
"""

from __future__ import annotations

import collections
import hashlib
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

__all__ = ["ace_home", "epubcheck_jar", "run_ace", "run_epubcheck"]

ROOT = Path(__file__).resolve().parent.parent


def _missing(what: str) -> None:
    message = f"{what} not found (run tools/install-validators.sh or set the env variable)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI: {message}", pytrace=False)
    pytest.skip(message)


def epubcheck_jar() -> Path:
    jar = Path(os.environ.get("EPUBCHECK_JAR") or ROOT / ".validators/epubcheck/epubcheck.jar")
    if not jar.is_file():
        _missing(f"EPUBCheck ({jar})")
    if not shutil.which("java"):
        _missing("java (for EPUBCheck)")
    return jar


def ace_home() -> Path:
    home = Path(os.environ.get("ACE_HOME") or ROOT / ".validators/ace")
    if not (home / "node_modules/@daisy/ace-cli/bin/ace.js").is_file():
        _missing(f"Ace by DAISY ({home})")
    if not shutil.which("node"):
        _missing("node (for Ace)")
    return home


# A validator's verdict depends only on the bytes it reads: each book is validated once per
# test run, also across xdist workers (they share the run's id, and a folder of verdicts).
_MEMO: dict[str, dict] = {}


def _digest(path: Path) -> str:
    h = hashlib.sha256()
    files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    for f in files:
        h.update(f.relative_to(path).as_posix().encode() if path.is_dir() else b"")
        h.update(f.read_bytes())
    return h.hexdigest()


def _memo(kind: str, path: str | Path, run) -> dict:
    key = f"{kind}-{_digest(Path(path))}"
    if key in _MEMO:
        return _MEMO[key]
    run_id = os.environ.get("PYTEST_XDIST_TESTRUNUID")
    shared = Path(tempfile.gettempdir()) / f"renderer-verdicts-{run_id}" if run_id else None
    if shared is not None and (shared / f"{key}.json").is_file():
        result = json.loads((shared / f"{key}.json").read_text("utf-8"))
    else:
        result = run()
        if shared is not None:
            shared.mkdir(exist_ok=True)
            tmp = shared / f".{key}.{os.getpid()}"
            tmp.write_text(json.dumps(result), "utf-8")
            os.replace(tmp, shared / f"{key}.json")
    _MEMO[key] = result
    return result


def run_epubcheck(path: str | Path) -> dict:
    """EPUBCheck's counts and its fatal/error/warning messages as ``ID path:line message``."""
    return _memo("epubcheck", path, lambda: _run_epubcheck(path))


def run_ace(path: str | Path) -> dict:
    """Ace's violations (count), failing rules ``{rule: count}`` and its a11y-metadata summary."""
    return _memo("ace", path, lambda: _run_ace(path))


_JAVA = ["java", "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
         "-Djava.awt.headless=true", "-Duser.language=en"]
# The worker's EPUBCheck JVM (support/EpubcheckLoop.java), started on first use; False once
# it could not start (then each book gets a JVM of its own, as the command line does).
_LOOP: list = []


def _loop_check(jar: Path, book: Path, report: Path) -> bool:
    """Check ``book`` in the worker's long-lived EPUBCheck JVM; False if there is none."""
    if _LOOP and _LOOP[0] is False:
        return False
    if not _LOOP:
        try:
            proc = subprocess.Popen(
                [*_JAVA, "-cp", str(jar), str(Path(__file__).parent / "support" /
                                               "EpubcheckLoop.java")],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                text=True, encoding="utf-8")
            ready = proc.stdout.readline().strip() == "ready"
        except OSError:
            ready = False
        if not ready:
            _LOOP.append(False)
            return False
        _LOOP.append(proc)
    proc = _LOOP[0]
    try:
        proc.stdin.write(f"{book}\t{report}\n")
        proc.stdin.flush()
        answer = proc.stdout.readline().strip()
    except (OSError, ValueError):
        answer = ""
    if not answer.startswith("done ") or answer == "done -1":
        proc.kill()
        _LOOP[0] = False
        return False
    return True


def _run_epubcheck(path: str | Path) -> dict:
    jar = epubcheck_jar()
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        if not _loop_check(jar, Path(path).resolve(), report):
            proc = subprocess.run(
                [*_JAVA, "-jar", str(jar), str(path), "--json", str(report)],
                capture_output=True, text=True, timeout=300, check=False,
            )  # fmt: skip
            if not report.is_file() or not report.stat().st_size:
                tail = proc.stderr[-2000:]
                pytest.fail(f"EPUBCheck wrote no report (exit {proc.returncode}): {tail}")
        data = json.loads(report.read_text("utf-8"))
    checker = data["checker"]
    messages = []
    for m in data.get("messages", []):
        if m["severity"] in ("FATAL", "ERROR", "WARNING"):
            loc = (m.get("locations") or [{}])[0]
            messages.append(
                f"{m['severity']} {m['ID']} {loc.get('path', '-')}:{loc.get('line', -1)} "
                f"{m['message']}"
            )
    return {
        "fatal": checker["nFatal"],
        "error": checker["nError"],
        "warning": checker["nWarning"],
        "messages": messages,
    }


def _run_ace(path: str | Path) -> dict:
    home = ace_home()
    chrome = Path(os.environ.get("ACE_CHROME") or home / "chromium-nosandbox")
    if not os.access(chrome, os.X_OK):
        candidates = ("/usr/lib/chromium/chromium", "/usr/bin/chromium")
        found = [c for c in candidates if os.access(c, os.X_OK)]
        if not found:
            _missing("chromium (for Ace)")
        chrome = Path(found[0])
    env = dict(
        os.environ,
        PUPPETEER_SKIP_DOWNLOAD="1",
        PUPPETEER_SKIP_CHROMIUM_DOWNLOAD="1",
        PUPPETEER_EXECUTABLE_PATH=str(chrome),
        ACE_TIMEOUT_INITIAL=os.environ.get("ACE_LAUNCH_TIMEOUT", "30000"),
        NODE_OPTIONS="--no-deprecation",
    )
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        proc = subprocess.run(
            ["node", str(home / "node_modules/@daisy/ace-cli/bin/ace.js"), "--force",
             "--outdir", str(out), "--tempdir", str(Path(tmp) / "work"),
             "--timeout", "240000", str(path)],
            capture_output=True, text=True, timeout=600, env=env, check=False,
        )  # fmt: skip
        report = out / "report.json"
        if not report.is_file():
            pytest.fail(f"Ace wrote no report (exit {proc.returncode}): {proc.stdout[-2000:]}")
        data = json.loads(report.read_text("utf-8"))
    rules: collections.Counter[str] = collections.Counter()
    for doc in data.get("assertions", []):
        for a in doc.get("assertions", []):
            if a.get("earl:result", {}).get("earl:outcome") == "fail":
                test = a.get("earl:test", {})
                rules[f"{test.get('earl:impact', '?')}:{test.get('dct:title', '?')}"] += 1
    return {
        "violations": sum(rules.values()),
        "rules": dict(rules),
        "metadata": data.get("a11y-metadata", {}),
    }
