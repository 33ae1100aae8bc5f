"""Turn inspection reports into what people and CI systems read: text, JSON, JUnit XML, SARIF.

* ``text``: one block per file, one line per finding (plus its hint);
* ``json``: ``{"version": 1, "fail_on": …, "reports": [Report.to_dict(), …]}``;
* ``junit``: ``<testsuites>`` › one ``<testsuite>`` per file › one ``<testcase>`` per finding,
  with ``<failure>`` when the finding is at or above ``--fail-on`` (a clean file is one passing
  test case), the shape Jenkins, GitLab and GitHub test reporters read;
* ``sarif``: SARIF 2.1.0, one run, the rules of every code that occurs (with the catalogue's
  title, hint and reference), one result per finding. A PDF finding's page and structure path,
  and an EPUB finding's member and line, are its logical location; the artifact is the file.
"""

from __future__ import annotations

import json
import os
import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from .codes import CODES
from .findings import Finding, Report, Severity

__all__ = ["FORMATS", "failing", "render"]

FORMATS = ("text", "json", "junit", "sarif")
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/article-renderer/article-renderer/blob/main/docs/check.md"
_MEMBER_LINE = re.compile(r"^(?P<member>[^\s:\[\]]+):(?P<line>\d+)$")


def failing(finding: Finding, fail_on: str) -> bool:
    """Whether a finding makes the gate fail at this threshold."""
    if finding.severity is Severity.ERROR:
        return True
    return fail_on == "warning" and finding.severity is Severity.WARNING


def render(reports: Sequence[Report], fmt: str, fail_on: str = "error",
           version: str = "") -> str:
    if fmt == "text":
        return "\n".join(r.to_text() for r in reports) + "\n"
    if fmt == "json":
        data = {"version": 1, "fail_on": fail_on, "reports": [r.to_dict() for r in reports]}
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if fmt == "junit":
        return junit(reports, fail_on)
    if fmt == "sarif":
        return json.dumps(sarif(reports, version), indent=2, ensure_ascii=False) + "\n"
    raise ValueError(f"unknown format {fmt!r}")


# ---------------------------------------------------------------------------------------------
# JUnit XML
# ---------------------------------------------------------------------------------------------


def junit(reports: Sequence[Report], fail_on: str) -> str:
    root = ET.Element("testsuites", name="renderer check")
    total = total_failures = 0
    for r in reports:
        suite = ET.SubElement(root, "testsuite", name=r.path)
        tests = failures = 0
        classname = f"renderer.check.{r.kind}"
        for f in r.findings:
            tests += 1
            name = f"{f.code} {f.location}".strip()
            case = ET.SubElement(suite, "testcase", classname=classname, name=name)
            text = f"{f.severity.value} {f.code}: {f.message}"
            if f.hint:
                text += f"\nhint: {f.hint}"
            if failing(f, fail_on):
                failures += 1
                fail = ET.SubElement(case, "failure", message=f"{f.code}: {f.message}",
                                     type=f.severity.value)
                fail.text = text
            else:
                ET.SubElement(case, "system-out").text = text
        if not r.findings:
            tests += 1
            ET.SubElement(suite, "testcase", classname=classname, name="no findings")
        for key, value in (("tests", tests), ("failures", failures), ("errors", 0),
                           ("skipped", 0), ("time", "0")):
            suite.set(key, str(value))
        total += tests
        total_failures += failures
    for key, value in (("tests", total), ("failures", total_failures), ("errors", 0),
                       ("time", "0")):
        root.set(key, str(value))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"


# ---------------------------------------------------------------------------------------------
# SARIF 2.1.0
# ---------------------------------------------------------------------------------------------

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _uri(path: str) -> str:
    """A file path as an RFC 3986 URI reference, which SARIF requires (3.4.3).

    An absolute path becomes a ``file:`` URI; a relative one stays relative (code scanning
    resolves it against the checkout). Spaces, ``#``, ``%``, ``?``, non-ASCII and a colon
    that would read as a scheme are percent-encoded (UTF-8), so the reference names exactly
    this file.
    """
    p = Path(path)
    if p.is_absolute():
        return p.as_uri()
    return quote(p.as_posix(), safe="/")


def _location(report: Report, f: Finding) -> dict[str, Any]:
    paths = report.path.split(" + ")  # a cross-edition report names both files
    physical: dict[str, Any] = {"artifactLocation": {"uri": _uri(paths[0])}}
    m = _MEMBER_LINE.match(f.location)
    if m and os.path.isdir(report.path):  # an unpacked EPUB: point at the member's line
        physical = {"artifactLocation": {"uri": _uri(f"{report.path}/{m['member']}")},
                    "region": {"startLine": int(m["line"])}}
    loc: dict[str, Any] = {"physicalLocation": physical}
    if f.location:
        kind = "element" if report.kind == "pdf" else "member"
        loc["logicalLocations"] = [{"fullyQualifiedName": f.location, "kind": kind}]
    return loc


def sarif(reports: Sequence[Report], version: str = "") -> dict[str, Any]:
    used = sorted({f.code for r in reports for f in r.findings}, key=list(CODES).index)
    index = {code: i for i, code in enumerate(used)}
    rules = []
    for code in used:
        info = CODES[code]
        rules.append({
            "id": code,
            "name": re.sub(r"[^A-Za-z0-9]+", "", info.title.title()) or code,
            "shortDescription": {"text": info.title},
            "fullDescription": {"text": f"{info.title} ({info.reference})"},
            "help": {"text": info.hint},
            "defaultConfiguration": {"level": _LEVEL[info.severity]},
            "properties": {"reference": info.reference},
        })
    results = []
    for r in reports:
        for f in r.findings:
            result: dict[str, Any] = {
                "ruleId": f.code,
                "ruleIndex": index[f.code],
                "level": _LEVEL[f.severity],
                "message": {"text": f.message + (f"\nHint: {f.hint}" if f.hint else "")},
                "locations": [_location(r, f)],
                "properties": {"file": r.path, "kind": r.kind},
            }
            results.append(result)
    driver: dict[str, Any] = {"name": "renderer check", "informationUri": INFORMATION_URI,
                              "rules": rules}
    if version:
        driver["version"] = version
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": driver},
            "artifacts": [{"location": {"uri": u}} for u in dict.fromkeys(
                _uri(p) for r in reports for p in r.path.split(" + "))],
            "results": results,
            "columnKind": "unicodeCodePoints",
        }],
    }
