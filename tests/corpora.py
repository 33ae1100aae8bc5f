"""The public corpora some tests read: data outside the repository, found by one setting.

``RENDERER_CORPORA`` names the folder, else ``../shared/corpora`` beside the checkout
(``eval/corpus.py``; docs/eval.md and docs/check.md say where each corpus comes from).
A test whose corpus is missing skips on a developer's machine and **fails under
CI=true**, where the corpora must be there: a gate never passes by skipping.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from eval.corpus import corpora_dir

__all__ = ["corpus", "require"]


def corpus(name: str) -> Path:
    return corpora_dir() / name


def require(path: Path, what: str) -> Path:
    """``path`` if it exists; otherwise skip, or fail under CI=true."""
    if path.exists():
        return path
    message = f"{what} not found at {path} (set RENDERER_CORPORA to the corpora folder)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI: {message}", pytrace=False)
    pytest.skip(message)
