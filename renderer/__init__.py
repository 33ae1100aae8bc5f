"""article-renderer: turn news articles into accessible editions.

The pipeline, read from the top::

    source ─ingest─▶ Article ─normalize─▶ Article ─compose─▶ XHTML ─┬─ pdf  ─▶ PDF/UA-1
                                                                    └─ epub ─▶ EPUB 3
    editions ─check─▶ Report

The public API is what ``__all__`` lists (``docs/api.md``)::

    import renderer
    result = renderer.render("story.txt", "out/", formats=("pdf", "epub"))
    checked = renderer.check_editions([result.pdf, result.epub])

Everything else is internal and may change. Names are loaded on first use, so
``import renderer`` stays cheap (the CLI's ``--help`` imports no PDF machinery).
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = [
    "AccessibilityError",
    "Article",
    "Checked",
    "InputError",
    "InputTooLarge",
    "Options",
    "OutputError",
    "RenderError",
    "RendererError",
    "Result",
    "TimeLimitExceeded",
    "UsageError",
    "__version__",
    "check_editions",
    "read",
    "render",
    "render_packet",
]

_HOME = {
    "Checked": "api", "Result": "api", "check_editions": "api", "read": "api",
    "render": "api", "render_packet": "api",
    "Options": "options",
    "Article": "model",
    **{name: "errors" for name in (
        "AccessibilityError", "InputError", "InputTooLarge", "OutputError", "RenderError",
        "RendererError", "TimeLimitExceeded", "UsageError")},
}


def __getattr__(name: str):
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module 'renderer' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
