"""Configuration: ``[tool.awesomelint]`` in ``pyproject.toml`` or ``.awesomelint.toml``.

Discovery starts in the linted file's folder and walks up to the repository root (the first folder
holding ``.git``); the closest file wins and nothing is merged, as with ruff. A ``pyproject.toml``
without a ``[tool.awesomelint]`` table is passed over.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib


class ConfigError(Exception):
    """A configuration file that cannot be used; the message names the file and the key."""


@dataclass
class Config:
    root: Path
    path: Path | None = None
    files: list[str] = field(default_factory=list)
    table: dict[str, Any] = field(default_factory=dict)


def _read_table(path: Path) -> dict[str, Any] | None:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot be read ({error}); fix or remove the file") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML ({error}); fix the syntax") from None
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("awesomelint")
        if table is None:
            return None
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: [tool.awesomelint] must be a table")
        return dict(table)
    return data


def find_config(start: Path) -> tuple[Path, dict[str, Any]] | None:
    """The closest configuration file at or above ``start``, stopping at the repository root."""
    folder = start.resolve()
    if not folder.is_dir():
        folder = folder.parent
    for candidate in (folder, *folder.parents):
        for name in (".awesomelint.toml", "pyproject.toml"):
            path = candidate / name
            if path.is_file():
                table = _read_table(path)
                if table is not None:
                    return path, table
        if (candidate / ".git").exists():
            break
    return None


def load_config(start: Path, explicit: Path | None = None, no_config: bool = False) -> Config:
    if no_config:
        return Config(root=start.resolve())
    if explicit is not None:
        if not explicit.is_file():
            raise ConfigError(f"{explicit}: no such configuration file")
        table = _read_table(explicit) or {}
        found: tuple[Path, dict[str, Any]] | None = (explicit, table)
    else:
        found = find_config(start)
    if found is None:
        return Config(root=start.resolve())
    path, table = found
    files = table.get("files", [])
    if not isinstance(files, list) or not all(isinstance(item, str) for item in files):
        raise ConfigError(f"{path}: `files` must be a list of strings")
    return Config(root=path.resolve().parent, path=path, files=files, table=table)
