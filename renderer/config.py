"""Settings from a file, so a release pipeline does not repeat its flags.

The first of these, looked for in the working folder and then in each folder above it
(stopping after a folder that holds ``.git``, the top of a checkout):

- ``renderer.toml`` — the whole file is the settings;
- ``pyproject.toml`` with a ``[tool.renderer]`` table.

``RENDERER_CONFIG=PATH`` names the file instead (a ``pyproject.toml`` is read for its
``[tool.renderer]``); ``RENDERER_CONFIG=none`` reads none. Keys are the long flags of
``renderer build`` without their dashes (``theme``, ``page-size``, ``strict``,
``allow-path = ["images"]``, ``meta = ["publisher=…"]``); a ``[check]`` table
(``[tool.renderer.check]``) holds the flags of ``renderer check``. Flags on the command
line win over the file; the file wins over the defaults. Paths in the file are relative
to the file's folder. ``renderer build --print-config`` shows each value and where it
came from.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .errors import UsageError

__all__ = ["Config", "find_config", "load_config"]

#: Settings whose values are paths: relative ones are taken from the file's folder.
PATH_KEYS = frozenset({"theme_dir", "allow_path", "output", "source"})


@dataclass(frozen=True)
class Config:
    path: Path | None = None  # the file read, or None
    sections: dict[str, dict] = field(default_factory=dict)  # "build"/"check" → {dest: value}

    @property
    def origin(self) -> str:
        if self.path is None:
            return "default"
        table = " [tool.renderer]" if self.path.name == "pyproject.toml" else ""
        return f"{self.path}{table}"


def find_config(start: Path | None = None) -> Path | None:
    """The settings file that applies in ``start`` (the working folder), or None."""
    named = os.environ.get("RENDERER_CONFIG")
    if named:
        return None if named.lower() == "none" else Path(named)
    folder = (start or Path.cwd()).resolve()
    for here in (folder, *folder.parents):
        own = here / "renderer.toml"
        if own.is_file():
            return own
        project = here / "pyproject.toml"
        if project.is_file() and "renderer" in _read(project).get("tool", {}):
            return project
        if (here / ".git").exists():
            return None
    return None


def _read(path: Path) -> dict:
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except OSError as error:
        raise UsageError(f"{path}: cannot read the settings file: {error.strerror}") from None
    except tomllib.TOMLDecodeError as error:
        raise UsageError(f"{path}: not valid TOML: {error}") from None


def load_config(path: Path | None) -> Config:
    """Read ``path`` into {section: {argparse dest: value}}; keys are checked later."""
    if path is None:
        return Config()
    data = _read(path)
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("renderer", {})
    if not isinstance(data, dict):
        raise UsageError(f"{path}: the renderer settings must be a table")
    check = data.pop("check", {})
    if not isinstance(check, dict):
        raise UsageError(f"{path}: [check] must be a table")
    base = path.resolve().parent
    return Config(path, {"build": _section(data, base), "check": _section(check, base)})


def _section(table: dict, base: Path) -> dict:
    out = {}
    for key, value in table.items():
        dest = key.replace("-", "_")
        if dest in PATH_KEYS:
            value = ([str(base / v) for v in value] if isinstance(value, list)
                     else str(base / value))
        out[dest] = value
    return out


# ------------------------------------------------------------------ the CLI's side

#: Flags a settings file cannot set: the inputs, and what only makes sense once.
_NOT_SETTINGS = frozenset({"help", "inputs", "files", "print_config", "packet"})


def _settable(parser) -> dict[str, object]:
    """{dest: argparse action} of a subcommand's flags that a file may set."""
    return {a.dest: a for a in parser._actions
            if a.option_strings and a.dest not in _NOT_SETTINGS}


def _flag(action) -> str:
    return max(action.option_strings, key=len).lstrip("-")


def apply_config(commands: dict, config: Config) -> None:
    """Make the file's values the defaults of ``renderer build``/``check`` (flags win).

    Every key and value is checked here, so a mistake in the file is one line naming the
    file and the key, before anything runs.
    """
    for name, values in config.sections.items():
        parser = commands[name]
        known = _settable(parser)
        by_flag = {_flag(a).replace("-", "_"): dest for dest, a in known.items()}
        defaults = {}
        for key, value in values.items():
            dest = by_flag.get(key, key if key in known else None)
            if dest is None:
                names = ", ".join(sorted(_flag(a) for a in known.values()))
                raise UsageError(f"{config.origin}: {key.replace('_', '-')!r} is not a setting "
                                 f"of renderer {name} (settings: {names})")
            defaults[dest] = _value(known[dest], value, config, key)
        parser.set_defaults(**defaults)


def _value(action, value, config: Config, key: str):
    where = f"{config.origin}: {key.replace('_', '-')}"
    if action.nargs == 0:  # store_true
        if not isinstance(value, bool):
            raise UsageError(f"{where} must be true or false")
        return value
    if action.__class__.__name__ == "_AppendAction":
        items = value if isinstance(value, list) else [value]
        if not all(isinstance(v, str) for v in items):
            raise UsageError(f"{where} must be a string or a list of strings")
        return list(items)
    if isinstance(value, bool | list | dict):
        raise UsageError(f"{where} must be a single value")
    try:
        value = action.type(value) if action.type else str(value)
    except (TypeError, ValueError):
        raise UsageError(f"{where}: {value!r} is not a valid value") from None
    if action.choices and value not in action.choices:
        raise UsageError(f"{where}: {value!r} is not one of {', '.join(action.choices)}")
    return value


def print_config(args, config: Config, argv: list[str]) -> None:
    """Each build setting as TOML, with where its value came from."""
    from_file = config.sections.get("build", {})
    given = {a.split("=", 1)[0] for a in argv if a.startswith("-")}
    print(f"# settings file: {config.path or '(none)'}")
    build = args.parser_for_config
    for dest, action in sorted(_settable(build).items(), key=lambda kv: _flag(kv[1])):
        value = getattr(args, dest)
        if given & set(action.option_strings):
            origin = "command line"
        elif dest in from_file or _flag(action).replace("-", "_") in from_file:
            origin = config.origin
        else:
            origin = "default"
        if value is None:  # TOML has no null: an unset value is shown as a comment
            print(f"# {_flag(action)} is not set  # {origin}")
            continue
        shown = ("[" + ", ".join(_toml(v) for v in value) + "]" if isinstance(value, list)
                 else _toml(value))
        print(f"{_flag(action)} = {shown}  # {origin}")


def _toml(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    escaped = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'
