"""Configuration: ``[tool.awesomelint]`` in ``pyproject.toml`` or ``.awesomelint.toml``.

Discovery starts in the linted file's folder and walks up to the repository root (the first folder
holding ``.git``); the closest file wins and nothing is merged, as with ruff. A ``pyproject.toml``
without a ``[tool.awesomelint]`` table is passed over. Command-line flags override the file.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib


class ConfigError(Exception):
    """A configuration that cannot be used; the message names the file and the key."""


def _string_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _string_table(value: Any) -> bool:
    return isinstance(value, dict) and all(isinstance(item, str) for item in value.values())


def _layout(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


_STYLE_VALUES: dict[str, tuple[str, ...]] = {
    "venue-markup": ("bold", "bracket", "plain"),
    "venue-year": ("apostrophe", "space", "comma", "paren", "glued"),
    "author-markup": ("*", "_"),
    "author-separator": (",", ";"),
    "preprint": ("arXiv", "CoRR"),
}
_TOP_LEVEL: dict[str, tuple[Callable[[Any], bool], str]] = {
    "files": (_string_list, "a list of strings"),
    "select": (_string_list, "a list of rule codes, prefixes or names"),
    "ignore": (_string_list, "a list of rule codes, prefixes or names"),
    "extend-select": (_string_list, "a list of rule codes, prefixes or names"),
    "fail-on": (lambda v: v in ("error", "warning", "info"), '"error", "warning" or "info"'),
    "severity": (_string_table, "a table of rule = severity"),
    "style": (lambda v: isinstance(v, dict), "a table"),
    "venues": (lambda v: isinstance(v, dict), "a table"),
    "rules": (lambda v: isinstance(v, dict), "a table of per-rule option tables"),
    "links": (lambda v: isinstance(v, dict), "a table"),
    "verify": (lambda v: isinstance(v, dict), "a table"),
    "baseline": (lambda v: isinstance(v, str) and bool(v.strip()), "a file name"),
}
_VENUE_KEYS: dict[str, tuple[Callable[[Any], bool], str]] = {
    "known": (_string_list, "a list of venue names"),
    "aliases": (_string_table, 'a table of "alias" = "canonical name"'),
}


@dataclass
class Config:
    """A validated configuration table and where it came from."""

    root: Path
    path: Path | None = None
    table: dict[str, Any] = field(default_factory=dict)

    @property
    def files(self) -> list[str]:
        return list(self.table.get("files", []))

    def where(self, key: str) -> str:
        prefix = "tool.awesomelint." if self.path is not None and self.path.name == "pyproject.toml" else ""
        return f"{self.path}: `{prefix}{key}`"


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
            raise ConfigError(f"{path}: `tool.awesomelint` must be a table")
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
    """Find, read and validate the configuration for files in ``start``."""
    if no_config:
        return Config(root=start.resolve())
    if explicit is not None:
        if not explicit.is_file():
            raise ConfigError(f"{explicit}: no such configuration file; check --config")
        found: tuple[Path, dict[str, Any]] | None = (explicit, _read_table(explicit) or {})
    else:
        found = find_config(start)
    if found is None:
        return Config(root=start.resolve())
    path, table = found
    config = Config(root=path.resolve().parent, path=path, table=table)
    validate(config)
    return config


def _check_keys(
    config: Config,
    table: Mapping[str, Any],
    known: Mapping[str, tuple[Callable[[Any], bool], str]],
    prefix: str,
) -> None:
    for key, value in table.items():
        if key not in known:
            names = ", ".join(sorted(known))
            raise ConfigError(f"{config.where(prefix + key)}: unknown key; known keys are {names}")
        valid, expected = known[key]
        if not valid(value):
            raise ConfigError(f"{config.where(prefix + key)}: must be {expected}")


def validate(config: Config) -> None:
    """Raise ConfigError for an unknown key, a wrong type or an unknown rule."""
    from .engine import resolve_selectors, rule_by_selector
    from .links.options import options_from_table

    table = config.table
    _check_keys(config, table, _TOP_LEVEL, "")
    style_known: dict[str, tuple[Callable[[Any], bool], str]] = {
        key: (allowed.__contains__, " or ".join(f'"{a}"' for a in allowed))
        for key, allowed in _STYLE_VALUES.items()
    }
    style_known["layout"] = (_layout, 'a layout such as "title venue | link"')
    _check_keys(config, table.get("style", {}), style_known, "style.")
    _check_keys(config, table.get("venues", {}), _VENUE_KEYS, "venues.")
    try:
        options_from_table(table.get("links", {}), config.root)
        if "verify" in table:  # the verify machinery is not loaded otherwise
            from .verify.options import verify_options

            verify_options(table["verify"], config.root)
    except ValueError as error:
        raise ConfigError(f"{config.path}: {error}") from None
    for key in ("select", "ignore", "extend-select"):
        try:
            resolve_selectors(table.get(key, []))
        except ValueError as error:
            raise ConfigError(f"{config.where(key)}: {error}") from None
    for key, value in table.get("severity", {}).items():
        if rule_by_selector(key) is None:
            raise ConfigError(f"{config.where('severity.' + key)}: unknown rule `{key}`")
        if value not in ("error", "warning", "info"):
            raise ConfigError(f'{config.where("severity." + key)}: must be "error", "warning" or "info"')
    for key, options in table.get("rules", {}).items():
        rule = rule_by_selector(key)
        if rule is None:
            raise ConfigError(f"{config.where('rules.' + key)}: unknown rule `{key}`")
        if not isinstance(options, dict):
            raise ConfigError(f"{config.where('rules.' + key)}: must be a table of options")
        problem = rule.options_error(options)
        if problem is not None:
            raise ConfigError(f"{config.where('rules.' + key)}: {problem}")
