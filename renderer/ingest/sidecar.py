"""Let the user correct what a reader guessed, without editing the source.

``article.txt`` may have an ``article.meta.yaml`` beside it, and ``--meta key=value``
may be given on the command line (it wins over the file). Either overrides any
metadata field the reader extracted. Keys are the :class:`~renderer.model.Metadata`
field names plus a few spellings people use (``author``, ``lang``, ``url``, ``kicker``,
``tags``, ``summary``). YAML is read with ``safe_load`` only.

The sidecar is a local read like any other: it must lie in its own folder after
symbolic links are followed (or in an ``--allow-path`` folder), be a regular file, and
stay under :data:`MAX_SIDECAR_BYTES` — metadata is a few lines, and PyYAML is slow and
recursive on what is not.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import fields, replace
from pathlib import Path

import yaml

from ..confine import Confinement, read_input
from ..errors import InputError, InputTooLarge, UsageError
from ..model import Article, Metadata
from ._text_rules import parse_date, split_authors

__all__ = [
    "MAX_SIDECAR_BYTES",
    "apply_overrides",
    "load_yaml",
    "parse_meta_options",
    "read_sidecar",
    "sidecar_path",
]

#: A sidecar larger than this is refused (fixed: no real metadata comes near it).
MAX_SIDECAR_BYTES = 1024 * 1024

_ALIASES = {
    "author": "authors",
    "lang": "language",
    "url": "source",
    "kicker": "section",
    "tags": "keywords",
    "summary": "description",
}
_LISTS = {"authors", "keywords"}
_FIELDS = {f.name for f in fields(Metadata)}


def sidecar_path(source: Path) -> Path:
    return source.with_name(f"{source.stem}.meta.yaml")


def read_sidecar(source: Path, allowed_paths: tuple[str, ...] = ()) -> dict:
    """The sidecar's mapping, or {} when there is none."""
    path = sidecar_path(source)
    if not path.exists():
        return {}
    if not Confinement.for_input(str(path.parent.resolve()), *allowed_paths).allows(path):
        raise InputError(
            f"{path}: is outside the input's folder",
            hint="move it beside the input, or allow its folder with --allow-path",
        )
    limit = f"the {MAX_SIDECAR_BYTES // 2**20} MB limit of a metadata file"
    raw = read_input(path, MAX_SIDECAR_BYTES, over=limit)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: is not valid UTF-8 (byte {exc.start})") from exc
    data = load_yaml(text, str(path))
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise InputError(f"{path}: must be a mapping of metadata fields")
    return data


def load_yaml(text: str, where: str, *, first_line: int = 1) -> object:
    """``yaml.safe_load(text)``, every failure one line naming ``where``.

    One loader for front matter and sidecars: the same YAML from the same people, so the
    same errors. ``first_line`` is the file's line number of the text's first line. A
    tag that would build an object is refused by ``safe_load``, never constructed; a
    deep ``[[[…`` makes PyYAML's composer recurse, and ends here as an input error.
    """
    try:
        return yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = f" (line {mark.line + first_line})" if mark else ""
        problem = exc.problem or exc.context or "invalid YAML"
        raise InputError(f"{where}: not valid YAML: {problem}{line}") from None
    except (yaml.YAMLError, ValueError, TypeError, OverflowError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(f"{where}: not valid YAML: {first}") from None
    except RecursionError:
        raise InputTooLarge(f"{where}: nested too deeply") from None


def parse_meta_options(items: list[str] | tuple[str, ...]) -> dict:
    """``["title=New title", "authors=A, B"]`` → mapping (``--meta`` values)."""
    values: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise UsageError(f"--meta {item!r}: expected key=value", hint="e.g. --meta lang=fr")
        if _ALIASES.get(key.strip(), key.strip()) not in _FIELDS:
            # the same kind of mistake as a missing "=": a usage error (exit 2)
            raise UsageError(f"--meta {item!r}: unknown metadata field {key.strip()!r}",
                             hint=f"known: {', '.join(sorted(_FIELDS | set(_ALIASES)))}")
        values[key.strip()] = value.strip()
    return values


def apply_overrides(article: Article, overrides: dict, *, origin: str) -> Article:
    """A copy of ``article`` whose metadata takes every value in ``overrides``."""
    if not overrides:
        return article
    changes = {}
    for raw_key, value in overrides.items():
        key = _ALIASES.get(str(raw_key), str(raw_key))
        if key not in _FIELDS:
            known = ", ".join(sorted(_FIELDS | set(_ALIASES)))
            raise InputError(
                f"{origin}: unknown metadata field {raw_key!r}", hint=f"known: {known}"
            )
        changes[key] = _coerce(key, value, origin)
    return replace(article, metadata=replace(article.metadata, **changes))


def _coerce(key: str, value, origin: str):
    if value is None or value == "":
        if key == "title":
            raise InputError(f"{origin}: the title cannot be empty")
        return () if key in _LISTS else None
    if key in _LISTS:
        if isinstance(value, str):
            items = (
                [v.strip() for v in value.split(",")]
                if key == "keywords"
                else list(split_authors(value))
            )
        elif isinstance(value, list) and all(isinstance(v, str | int | float) for v in value):
            items = [str(v).strip() for v in value]
        else:
            raise InputError(
                f"{origin}: {key} must be a list of strings or a comma-separated string"
            )
        return tuple(v for v in items if v)
    if key == "date":
        if isinstance(value, _dt.datetime):
            return value.date()
        if isinstance(value, _dt.date):
            return value
        parsed = parse_date(str(value))
        if parsed is None:
            raise InputError(
                f"{origin}: date {value!r} is not a date",
                hint="write it as 2015-05-06 or May 6, 2015",
            )
        return parsed
    if not isinstance(value, str | int | float):
        raise InputError(f"{origin}: {key} must be text")
    return str(value).strip()
