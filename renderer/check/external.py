"""Run EPUBCheck and Ace by DAISY on an EPUB and fold their messages into our findings.

The tools are found like the test suite finds them: ``EPUBCHECK_JAR`` (the jar) and
``ACE_HOME`` (a folder with ``node_modules/@daisy/ace-cli``), else ``.validators/`` in the
current folder. Ace drives a Chromium: ``ACE_CHROME``, else ``$ACE_HOME/chromium-nosandbox``,
else Debian's ``/usr/lib/chromium/chromium``. A tool that was asked for and cannot be found or
run is a finding (``EXT-001`` / ``EXT-002``), never an exception: a CI gate must not pass
because a validator quietly did not run.

EPUBCheck's fatal errors and errors become ``EPUB-CHECK-001``, its warnings ``EPUB-CHECK-002``;
Ace's critical/serious violations ``EPUB-ACE-001``, moderate/minor ``EPUB-ACE-002``. The
tool's own id (``RSC-005``, ``epub-lang``) starts the message.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from .codes import make
from .findings import Finding

__all__ = ["TOOLS", "ace_command", "epubcheck_command", "run_ace", "run_epubcheck", "run_tools"]

TIMEOUT = 600


class _Missing(Exception):
    pass


def _validators_dir() -> Path:
    return Path(os.environ.get("RENDERER_VALIDATORS") or ".validators")


def epubcheck_command(target: str, report: str) -> list[str]:
    jar = Path(os.environ.get("EPUBCHECK_JAR") or _validators_dir() / "epubcheck/epubcheck.jar")
    if not jar.is_file():
        raise _Missing(f"EPUBCheck jar not found ({jar}); set EPUBCHECK_JAR")
    java = shutil.which("java")
    if not java:
        raise _Missing("java is not on PATH (EPUBCheck needs Java 17+)")
    return [java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            "-Djava.awt.headless=true", "-Duser.language=en", "-jar", str(jar), target,
            *(["--mode", "exp"] if os.path.isdir(target) else []), "--json", report]


def ace_command(target: str, outdir: str, workdir: str) -> tuple[list[str], dict[str, str]]:
    home = Path(os.environ.get("ACE_HOME") or _validators_dir() / "ace")
    script = home / "node_modules/@daisy/ace-cli/bin/ace.js"
    if not script.is_file():
        raise _Missing(f"Ace by DAISY not found ({script}); set ACE_HOME")
    node = shutil.which("node")
    if not node:
        raise _Missing("node is not on PATH (Ace needs Node.js)")
    candidates = [os.environ.get("ACE_CHROME") or "", str(home / "chromium-nosandbox"),
                  "/usr/lib/chromium/chromium", "/usr/bin/chromium"]
    chrome = next((c for c in candidates if c and os.access(c, os.X_OK)), None)
    if chrome is None:
        raise _Missing("no Chromium for Ace (set ACE_CHROME)")
    env = dict(os.environ, PUPPETEER_SKIP_DOWNLOAD="1", PUPPETEER_SKIP_CHROMIUM_DOWNLOAD="1",
               PUPPETEER_EXECUTABLE_PATH=chrome,
               ACE_TIMEOUT_INITIAL=os.environ.get("ACE_LAUNCH_TIMEOUT", "30000"),
               NODE_OPTIONS="--no-deprecation")
    return ([node, str(script), "--force", "--outdir", outdir, "--tempdir", workdir,
             "--timeout", "240000", target], env)


def _tail(s: str, n: int = 400) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else "…" + s[-n:]


def run_epubcheck(path: str) -> list[Finding]:
    try:
        with tempfile.TemporaryDirectory() as tmp:
            report = Path(tmp) / "report.json"
            cmd = epubcheck_command(os.path.abspath(path), str(report))
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT,
                                  check=False)
            if not report.is_file() or not report.stat().st_size:
                return [make("EXT-002", f"EPUBCheck wrote no report (exit {proc.returncode}): "
                             f"{_tail(proc.stderr or proc.stdout)}", "epubcheck")]
            data = json.loads(report.read_text("utf-8"))
    except _Missing as exc:
        return [make("EXT-001", str(exc), "epubcheck")]
    except (OSError, subprocess.SubprocessError, ValueError) as exc:
        return [make("EXT-002", f"EPUBCheck failed: {type(exc).__name__}: {exc}", "epubcheck")]
    findings = []
    for m in data.get("messages", []):
        sev = m.get("severity")
        if sev not in ("FATAL", "ERROR", "WARNING"):
            continue
        locs = m.get("locations") or [{}]
        loc = locs[0]
        where = loc.get("path", "")
        if where and (loc.get("line") or -1) > 0:
            where += f":{loc['line']}"
        code = "EPUB-CHECK-002" if sev == "WARNING" else "EPUB-CHECK-001"
        more = f" (+{len(locs) - 1} more places)" if len(locs) > 1 else ""
        findings.append(make(code, f"{m.get('ID', '?')}: {m.get('message', '')}{more}", where,
                             hint=m.get("suggestion") or None))
    return findings


def run_ace(path: str) -> list[Finding]:
    try:
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "out"
            cmd, env = ace_command(os.path.abspath(path), str(out), str(Path(tmp) / "work"))
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT,
                                  env=env, check=False)
            report = out / "report.json"
            if not report.is_file():
                return [make("EXT-002", f"Ace wrote no report (exit {proc.returncode}): "
                             f"{_tail(proc.stdout + proc.stderr)}", "ace")]
            data = json.loads(report.read_text("utf-8"))
    except _Missing as exc:
        return [make("EXT-001", str(exc), "ace")]
    except (OSError, subprocess.SubprocessError, ValueError) as exc:
        return [make("EXT-002", f"Ace failed: {type(exc).__name__}: {exc}", "ace")]
    findings = []
    for doc in data.get("assertions", []):
        subject = (doc.get("earl:testSubject") or {}).get("url", "")
        for a in doc.get("assertions", []):
            result = a.get("earl:result") or {}
            if result.get("earl:outcome") != "fail":
                continue
            test = a.get("earl:test") or {}
            impact = test.get("earl:impact") or "serious"
            rule = test.get("dct:title", "?")
            code = "EPUB-ACE-001" if impact in ("critical", "serious") else "EPUB-ACE-002"
            desc = result.get("dct:description") or test.get("dct:description") or ""
            where = subject
            if result.get("earl:pointer", {}).get("css"):
                where += f" {result['earl:pointer']['css'][0]}"
            help_url = (test.get("help") or {}).get("url") or None
            findings.append(make(code, f"{rule} [{impact}]: {_tail(desc, 300)}", where.strip(),
                                 hint=help_url))
    return findings


TOOLS: dict[str, Callable[[str], list[Finding]]] = {
    "epubcheck": run_epubcheck,
    "ace": run_ace,
}


def run_tools(path: str, tools: list[str]) -> list[Finding]:
    """Findings of each requested tool on one EPUB, in the order asked."""
    findings: list[Finding] = []
    for tool in tools:
        findings += TOOLS[tool](path)
    return findings
