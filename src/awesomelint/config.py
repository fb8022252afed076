"""Configuration: ``[tool.awesomelint]`` in ``pyproject.toml`` or ``.awesomelint.toml``.

Discovery starts in the linted file's folder and walks up to the repository root (the first folder
holding ``.git``); the closest file wins and nothing is merged, as with ruff. In one folder
``.awesomelint.toml`` wins over ``pyproject.toml`` (as ruff's ``ruff.toml`` over ``pyproject.toml``); a
``pyproject.toml`` without a ``[tool.awesomelint]`` table is passed over. Command-line flags override
the file. Every error names its key as written in the file (``tool.awesomelint.links.retries`` in a
``pyproject.toml``).
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

from .registry import resolve_selectors, rule_by_selector
from .style import MARKUP_WRAP, VENUE_SHAPES
from .venues import INTERCHANGEABLE_PREPRINTS

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


# Every form the reader tells apart and a fix can write may be pinned (the rest of a list follows it).
_STYLE_VALUES: dict[str, tuple[str, ...]] = {
    "venue-markup": tuple(MARKUP_WRAP),
    "venue-year": tuple(VENUE_SHAPES),
    "author-markup": ("*", "_"),
    "author-separator": (",", ";"),
    "preprint": tuple(sorted(INTERCHANGEABLE_PREPRINTS)),
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
    "exclude": (_string_list, "a list of file or folder names or glob patterns"),
    "extend-exclude": (_string_list, "a list of file or folder names or glob patterns"),
    "per-file-ignores": (
        lambda v: isinstance(v, dict) and all(_string_list(codes) for codes in v.values()),
        'a table of "glob" = [rule codes, prefixes or names]',
    ),
}
# Markdown that is never a list, left out of folders, globs and the pre-commit hooks (--force-exclude):
# community files and issue and pull-request templates. A name without `/` matches any path component.
# Not `.github` as a whole: GitHub shows `.github/README.md` as the repository's README, a list.
DEFAULT_EXCLUDE = (
    "node_modules",
    "vendor",
    "ISSUE_TEMPLATE*",
    "PULL_REQUEST_TEMPLATE*",
    "merge_request_templates",
    "CODE_OF_CONDUCT*",
    "CONTRIBUTING*",
    "SECURITY.md",
    "SUPPORT.md",
    "GOVERNANCE.md",
    "CHANGELOG*",
    "HISTORY.md",
    "LICENSE*",
)
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

    @property
    def exclude(self) -> list[str]:
        """`exclude` (the defaults unless given) and `extend-exclude`."""
        return [*self.table.get("exclude", DEFAULT_EXCLUDE), *self.table.get("extend-exclude", [])]

    def matches(self, path: Path, patterns: Iterable[str]) -> bool:
        """Whether a pattern names ``path``: a pattern with `/` is a glob of the path from the
        configuration's folder (the working folder without one), one without names any file or
        folder on the way (any case, as GitHub reads `CODE_OF_CONDUCT.md`)."""
        absolute = Path(os.path.realpath(path.parent)) / path.name
        root = self.root if self.path is not None else Path.cwd().resolve()  # no file: where we run
        try:
            relative = absolute.relative_to(root).as_posix().lower()
        except ValueError:
            relative = path.as_posix().lower()
        parts = relative.split("/")
        for pattern in patterns:
            wanted = pattern.strip("/").lower()
            if "/" in wanted:
                if fnmatchcase(relative, wanted) or fnmatchcase(relative, wanted + "/*"):
                    return True
            elif any(fnmatchcase(part, wanted) for part in parts):
                return True
        return False

    def ignored_in(self, path: Path) -> list[str]:
        """The rules `per-file-ignores` turns off for ``path``."""
        return [
            code
            for pattern, codes in self.table.get("per-file-ignores", {}).items()
            if self.matches(path, [pattern])
            for code in codes
        ]

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
    tool = data.get("tool")
    if isinstance(tool, dict) and "awesomelint" in tool:
        raise ConfigError(
            f"{path}: the settings are under `[tool.awesomelint]`, which is read only from a file named "
            "pyproject.toml; rename the file to pyproject.toml, or write the keys at the top level "
            "(as in .awesomelint.toml)"
        )
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
    from .evidence.link_options import options_from_table

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
            from .evidence.verify_options import verify_options

            verify_options(table["verify"], config.root)
    except ValueError as error:  # "`links.retries`: must be ...": the key as the file has it
        named = re.fullmatch(r"`([\w.-]+)`: (.*)", str(error), re.DOTALL)
        where = f"{config.where(named[1])}: {named[2]}" if named else f"{config.path}: {error}"
        raise ConfigError(where) from None
    selectors = {key: table.get(key, []) for key in ("select", "ignore", "extend-select")}
    for pattern, codes in table.get("per-file-ignores", {}).items():
        selectors[f'per-file-ignores."{pattern}"'] = codes
    for key, named in selectors.items():
        try:
            resolve_selectors(named)
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
