"""Where an edition may read local files from.

Nothing is read outside the input's folder (and the bundled fonts) unless the
user allows another folder. Both the PDF's URL fetcher and the EPUB's image
embedding ask here, so the rule lives in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

__all__ = ["Confinement"]


@dataclass(frozen=True, slots=True)
class Confinement:
    roots: tuple[Path, ...]

    @classmethod
    def for_input(cls, base_dir: str | None, *extra: str | Path) -> Confinement:
        roots = [Path(p).resolve() for p in (base_dir, *extra) if p]
        return cls(tuple(roots))

    def allows(self, path: Path) -> bool:
        real = path.resolve()
        return any(real == root or root in real.parents for root in self.roots)

    def local_path(self, url: str) -> Path | None:
        """The file a ``file:`` URL names, if it lies under an allowed root."""
        parts = urlsplit(url)
        if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
            return None
        path = Path(unquote(parts.path))
        return path if self.allows(path) else None
