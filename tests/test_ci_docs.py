"""The documented GitHub Actions workflow runs what this project's own CI runs."""

from __future__ import annotations

import re
import shlex

import yaml

from renderer.cli import _parser

from .conftest import ROOT


def _workflow() -> dict:
    return yaml.safe_load((ROOT / "docs" / "ci" / "github-actions.yml").read_text("utf-8"))


def test_workflow_runs_on_debian_12_like_our_ci():
    job = _workflow()["jobs"]["gate"]
    # Ubuntu's chromium package is a snap wrapper; the validators need Debian's.
    assert job["container"] == "debian:12"


def test_every_make_target_and_renderer_command_in_the_workflow_exists():
    makefile = (ROOT / "Makefile").read_text("utf-8")
    targets = set(re.findall(r"^([a-z-]+):", makefile, re.M))
    runs = [s["run"] for s in _workflow()["jobs"]["gate"]["steps"] if "run" in s]
    used_targets = {t for run in runs for t in re.findall(r"\bmake (\w[\w-]*)", run)}
    assert used_targets >= {"demo", "validators"} and used_targets <= targets
    commands = [
        run.replace("\\\n", " ").strip()
        for run in runs
        if "renderer check" in run
    ]
    assert len(commands) == 2
    for command in commands:
        argv = shlex.split(command)
        assert argv[0] == ".venv/bin/renderer"
        args = _parser().parse_args(argv[1:])  # a usage error would exit here
        assert args.fail_on == "warning" and "epubcheck" in args.tools and "ace" in args.tools
