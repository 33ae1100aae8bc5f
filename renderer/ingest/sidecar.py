"""Let the user correct what a reader guessed, without editing the source.

``article.txt`` may have an ``article.meta.yaml`` beside it, and ``--meta key=value``
may be given on the command line (it wins over the file). Either overrides any
metadata field the reader extracted. Keys are the :class:`~renderer.model.Metadata`
field names plus a few spellings people use (``author``, ``lang``, ``url``, ``kicker``,
``tags``, ``summary``). YAML is read with ``safe_load`` only.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import fields, replace
from pathlib import Path

import yaml

from ..errors import InputError, UsageError
from ..model import Article, Metadata
from ._text_rules import parse_date, split_authors

__all__ = ["apply_overrides", "parse_meta_options", "read_sidecar", "sidecar_path"]

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


def read_sidecar(source: Path) -> dict:
    """The sidecar's mapping, or {} when there is none."""
    path = sidecar_path(source)
    if not path.is_file():
        return {}
    try:
        data = yaml.safe_load(path.read_text("utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(f"{path}: not valid YAML: {first}") from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise InputError(f"{path}: must be a mapping of metadata fields")
    return data


def parse_meta_options(items: list[str] | tuple[str, ...]) -> dict:
    """``["title=New title", "authors=A, B"]`` → mapping (``--meta`` values)."""
    values: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise UsageError(f"--meta {item!r}: expected key=value", hint="e.g. --meta lang=fr")
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
