"""Diagnostics produced by the inspectors: one finding per problem, one report per file.

Findings carry a stable code from :mod:`renderer.check.codes` so that tests, CI logs and users
can refer to a problem by name; the message says what was found in *this* file.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any


class Severity(enum.StrEnum):
    """How bad a finding is: errors break conformance, warnings weaken accessibility."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class Finding:
    code: str
    severity: Severity
    message: str
    location: str = ""
    hint: str = ""

    def to_dict(self) -> dict[str, str]:
        return {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "location": self.location,
            "hint": self.hint,
        }

    def to_text(self) -> str:
        where = f" [{self.location}]" if self.location else ""
        text = f"{self.severity.value.upper():7} {self.code}{where}: {self.message}"
        if self.hint:
            text += f"\n        hint: {self.hint}"
        return text


@dataclass
class Report:
    """Everything one inspection found in one file."""

    path: str
    kind: str
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.WARNING]

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def codes(self) -> set[str]:
        return {f.code for f in self.findings}

    def by_code(self, code: str) -> list[Finding]:
        return [f for f in self.findings if f.code == code]

    def to_text(self) -> str:
        status = "OK" if self.ok else "FAILED"
        head = (
            f"{self.path} ({self.kind}): {status} — {len(self.errors)} error(s), "
            f"{len(self.warnings)} warning(s)"
        )
        return "\n".join([head, *(f.to_text() for f in self.findings)])

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "kind": self.kind,
            "ok": self.ok,
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "findings": [f.to_dict() for f in self.findings],
        }
