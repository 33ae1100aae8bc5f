"""Turn a packet manifest (``packet.toml``) or a list of inputs into a Packet.

A manifest::

    title = "Coalition briefing"
    subtitle = "Week of May 4, 2015"
    prepared_for = "Deputy Assistant Secretary"
    prepared_by = "Public Affairs, Records Branch"
    date = 2015-05-08
    organization = "U.S. Central Command"
    statement = "For internal distribution."
    language = "en"
    theme = "briefing"

    [[article]]
    path = "isil-losing-ground.txt"

    [[article]]
    path = "exercise.md"
    meta = { title = "A corrected title" }   # any metadata field, as --meta

Article paths are relative to the manifest and must stay inside its folder (or a
folder the user allows); a manifest may not list itself or another manifest.
Unknown keys are errors, so a typo never silently drops a setting.
"""

from __future__ import annotations

import datetime as _dt
import tomllib
import uuid
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from .confine import read_input, user_path
from .errors import InputError, UsageError
from .ingest import DEFAULT_MAX_BYTES, ingest
from .ingest.sidecar import apply_overrides
from .model import Article, Metadata, Packet, people
from .normalize import ARTICLE_NAMESPACE, normalize
from .options import Options
from .resources import theme_name_problem

__all__ = ["PacketSpec", "assemble", "is_manifest", "load_manifest", "spec_from_inputs"]

_KEYS = {
    "title",
    "subtitle",
    "prepared_for",
    "prepared_by",
    "date",
    "organization",
    "publisher",
    "statement",
    "language",
    "theme",
    "description",
    "keywords",
    "article",
}
_ARTICLE_KEYS = {"path", "meta"}


@dataclass(frozen=True, slots=True)
class PacketSpec:
    name: str  # output file stem
    title: str
    inputs: tuple[tuple[str, dict], ...]  # (path, metadata overrides)
    subtitle: str | None = None
    prepared_for: str | None = None
    prepared_by: str | None = None
    date: _dt.date | None = None
    organization: str | None = None
    publisher: str | None = None
    statement: str | None = None
    language: str | None = None
    theme: str | None = None
    description: str | None = None
    keywords: tuple[str, ...] = ()


def is_manifest(path: str | Path) -> bool:
    return str(path).endswith(".toml")


def load_manifest(
    path: str | Path,
    allowed_paths: tuple[str, ...] = (),
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> PacketSpec:
    manifest = user_path(path, InputError)
    if not manifest.exists():
        raise InputError(f"{manifest}: no such file", hint="check the path")
    raw = read_input(
        manifest,
        max_bytes,
        over=f"the {max_bytes / 2**20:g} MB input limit",
        hint="raise it with --max-input-size",
    )
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"{manifest}: not a valid packet manifest: {exc}") from exc
    unknown = sorted(set(data) - _KEYS)
    if unknown:
        raise InputError(
            f"{manifest}: unknown key {unknown[0]!r}", hint=f"known: {', '.join(sorted(_KEYS))}"
        )
    if not isinstance(data.get("title"), str) or not data["title"].strip():
        raise InputError(f'{manifest}: the packet needs a title (title = "…")')
    articles = data.get("article")
    if not isinstance(articles, list) or not articles:
        raise InputError(f"{manifest}: no articles", hint='add [[article]] tables with path = "…"')
    folder = manifest.resolve().parent
    roots = [folder, *(Path(p).resolve() for p in allowed_paths)]
    inputs = []
    for number, entry in enumerate(articles, 1):
        where = f"{manifest}: article {number}"
        if not isinstance(entry, dict) or not isinstance(entry.get("path"), str):
            raise InputError(f'{where}: needs path = "…"')
        extra = sorted(set(entry) - _ARTICLE_KEYS)
        if extra:
            raise InputError(f"{where}: unknown key {extra[0]!r}", hint="known: path, meta")
        target = (folder / user_path(entry["path"], InputError, f"{where}:")).resolve()
        if not any(target == r or r in target.parents for r in roots):
            raise InputError(
                f"{where}: {entry['path']!r} is outside the manifest's folder",
                hint="move it beside the manifest, or allow the folder",
            )
        if target == manifest.resolve() or is_manifest(target):
            raise InputError(f"{where}: a packet cannot include a manifest ({entry['path']!r})")
        meta = entry.get("meta", {})
        if not isinstance(meta, dict):
            raise InputError(f"{where}: meta must be a table of metadata fields")
        inputs.append((str(target), meta))
    date = data.get("date")
    if isinstance(date, str):
        try:
            date = _dt.date.fromisoformat(date)
        except ValueError:
            raise InputError(f"{manifest}: date {date!r} is not YYYY-MM-DD") from None
    elif isinstance(date, _dt.datetime):
        date = date.date()
    elif date is not None and not isinstance(date, _dt.date):
        raise InputError(f"{manifest}: date must be a date (YYYY-MM-DD)")
    if date is not None and not 1000 <= date.year <= 9999:
        raise InputError(f"{manifest}: date {date.isoformat()} is outside the years 1000-9999")
    text = {
        k: data.get(k)
        for k in (
            "subtitle",
            "prepared_for",
            "prepared_by",
            "organization",
            "publisher",
            "statement",
            "language",
            "theme",
            "description",
        )
    }
    for key, value in text.items():
        if value is not None and not isinstance(value, str):
            raise InputError(f"{manifest}: {key} must be text")
    if text["theme"] is not None and (problem := theme_name_problem(text["theme"])):
        raise InputError(f"{manifest}: {problem}")
    keywords = data.get("keywords", [])
    if isinstance(keywords, str):
        keywords = [k.strip() for k in keywords.split(",")]
    return PacketSpec(
        name=manifest.stem,
        title=data["title"].strip(),
        inputs=tuple(inputs),
        date=date,
        keywords=tuple(k for k in keywords if k),
        **text,
    )


_SPEC_FIELDS = (
    "subtitle",
    "prepared_for",
    "prepared_by",
    "date",
    "organization",
    "publisher",
    "statement",
    "language",
    "description",
    "keywords",
)


def spec_from_inputs(inputs: list[str], title: str, meta: tuple[str, ...] = ()) -> PacketSpec:
    """``renderer build a.txt b.md --packet "Title" [--meta key=value …]``: no manifest needed.

    ``meta`` describes the packet with the manifest's keys (``organization=…``,
    ``prepared_by=…``, ``date=2024-10-18``, …).
    """
    values: dict = {}
    for item in meta:
        key, sep, value = item.partition("=")
        key, value = key.strip(), value.strip()
        if not sep or key not in _SPEC_FIELDS:
            raise UsageError(
                f"--meta {item!r}: with --packet, use one of {', '.join(_SPEC_FIELDS)}",
                hint='e.g. --meta organization="Records Branch"',
            )
        if key == "date":
            try:
                value = _dt.date.fromisoformat(value)
            except ValueError:
                raise UsageError(f"--meta date={value!r}: use YYYY-MM-DD") from None
        elif key == "keywords":
            value = tuple(k.strip() for k in value.split(",") if k.strip())
        values[key] = value
    stem = "-".join("".join(c if c.isalnum() else " " for c in title.lower()).split())[:60]
    return PacketSpec(
        name=stem or "packet", title=title, inputs=tuple((p, {}) for p in inputs), **values
    )


def _shared_publisher(articles: list[Article]) -> str | None:
    """The articles' publisher when they all have the same one."""
    publishers = {a.metadata.publisher or a.metadata.organization for a in articles}
    return publishers.pop() if len(publishers) == 1 else None


def _creators(spec: PacketSpec, articles: list[Article]) -> tuple[str, ...]:
    """Who made the packet: its preparer, else its organization, else the articles' authors."""
    if spec.prepared_by:
        return (spec.prepared_by,)
    if spec.organization:
        return (spec.organization,)
    return people(tuple(name for a in articles for name in a.metadata.authors))


def assemble(spec: PacketSpec, options: Options, read=None) -> tuple[Packet, list[Article]]:
    """Read and normalize every article; return the packet and the raw (pre-normalize) articles.

    ``read(path, meta)`` turns a path into a raw Article (default:
    :func:`renderer.ingest.ingest`); ``meta`` carries an article's corrected title, so
    that a scrape whose headline cannot be found is read with the manifest's title.
    """
    read = read or (
        lambda p, meta=(): ingest(
            p, max_bytes=options.max_input_bytes, meta=meta, allowed_paths=options.allowed_paths
        )
    )
    raws, articles = [], []
    for path, overrides in spec.inputs:
        title = overrides.get("title")
        hint = (f"title={title}",) if isinstance(title, str) and title.strip() else ()
        raw = apply_overrides(
            read(path, hint), overrides, origin=f"{spec.name}: {Path(path).name}"
        )
        raws.append(raw)
        articles.append(normalize(raw, options))
    languages = Counter(a.metadata.language for a in articles if a.metadata.language)
    language = (
        options.lang or spec.language or (languages.most_common(1)[0][0] if languages else "en")
    )
    dates = [a.metadata.date for a in articles if a.metadata.date]
    key = "\x1f".join([spec.title, *(a.metadata.identifier or "" for a in articles)])
    titles = "; ".join(a.metadata.title for a in articles)
    description = spec.description or (
        f"Briefing packet of {len(articles)} article{'s' if len(articles) != 1 else ''}: {titles}"
    )
    if len(description) > 300:
        description = description[:299].rsplit(" ", 1)[0] + "…"
    meta = Metadata(
        title=spec.title,
        subtitle=spec.subtitle,
        date=spec.date or (max(dates) if dates else None),
        organization=spec.organization,
        publisher=spec.publisher or spec.organization or _shared_publisher(articles),
        language=language,
        identifier=f"urn:uuid:{uuid.uuid5(ARTICLE_NAMESPACE, key)}",
        description=description,
        keywords=spec.keywords,
        authors=_creators(spec, articles),
    )
    packet = Packet(meta, tuple(articles), spec.prepared_for, spec.prepared_by, spec.statement)
    return packet, raws
