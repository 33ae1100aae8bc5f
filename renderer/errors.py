"""One exception base for everything the user can cause, with the exit code on the class.

::

    RendererError (exit 1)
    ├── UsageError          (exit 2)   bad option or combination of options
    ├── InputError          (exit 3)   missing, empty, binary, unreadable or unparseable input
    │   └── InputTooLarge   (exit 3)   over a size or depth limit (the message names the option)
    │       └── TimeLimitExceeded (exit 3)  the build took longer than --timeout
    ├── AccessibilityError  (exit 4)   --strict and the edition would not be accessible
    ├── RenderError         (exit 5)   WeasyPrint/ebooklib failed on input we accepted
    └── OutputError         (exit 6)   the output cannot be written

The CLI prints ``str(error)`` on one line and exits with ``error.exit_code``;
a traceback is only ever shown for a bug (any other exception), with exit 70.
"""

from __future__ import annotations

__all__ = [
    "AccessibilityError",
    "InputError",
    "InputTooLarge",
    "OutputError",
    "RenderError",
    "RendererError",
    "TimeLimitExceeded",
    "UsageError",
]


class RendererError(Exception):
    """Base of every error the user can cause; the message fits on one line."""

    exit_code = 1

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.hint = hint

    def __str__(self) -> str:
        message = " ".join(super().__str__().split())
        return f"{message} ({self.hint})" if self.hint else message


class UsageError(RendererError):
    exit_code = 2


class InputError(RendererError):
    exit_code = 3


class InputTooLarge(InputError):
    exit_code = 3


class TimeLimitExceeded(InputTooLarge):
    exit_code = 3


class AccessibilityError(RendererError):
    exit_code = 4


class RenderError(RendererError):
    exit_code = 5


class OutputError(RendererError):
    exit_code = 6
