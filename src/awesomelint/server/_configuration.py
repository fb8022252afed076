"""Which open files are linted, and with what settings: the configuration found as the command line
finds it (`commands._inputs.Configs`: the closest `.awesomelint.toml` or `[tool.awesomelint]` in a
`pyproject.toml`, from the file's folder up to the repository root), forgotten when a configuration
file changes."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from ..commands._inputs import MARKDOWN_SUFFIXES, Configs, excluded
from ..config import ConfigError
from ..engine import Settings

CONFIG_NAMES = frozenset({".awesomelint.toml", "pyproject.toml"})


class Configured(NamedTuple):
    """A file's settings, or why there are none (a configuration error, named as the CLI names it)."""

    settings: Settings | None
    error: str | None = None


class Configurations:
    def __init__(self) -> None:
        self._configs = Configs(None, False)
        # A file's settings, kept until a configuration changes: the same object at every edit
        # tells the linting that the earlier findings were made under the same settings.
        self._settings: dict[Path, Configured] = {}

    def forget(self) -> None:
        """Read every configuration again when next asked (one of them changed)."""
        self._configs = Configs(None, False)
        self._settings.clear()

    def selects(self, path: Path) -> bool:
        """Whether ``path`` is Markdown the configuration does not exclude (as a file found in a
        folder: community files and templates are no lists)."""
        return path.suffix.lower() in MARKDOWN_SUFFIXES and not excluded(path, self._configs)

    def settings(self, path: Path) -> Configured:
        known = self._settings.get(path)
        if known is None:
            try:
                config = self._configs.for_file(path)
                known = Configured(Settings.from_config(config, ignore=config.ignored_in(path)))
            except (ConfigError, ValueError) as error:
                known = Configured(None, str(error))
            self._settings[path] = known
        return known
