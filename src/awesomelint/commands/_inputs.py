"""Which files a run lints: the files named, folders walked, globs expanded, the configured `files`,
and the configuration's `exclude` (as ruff: applied to files found in a folder or by a glob, and to
named files too with --force-exclude, which the pre-commit hooks pass)."""

from __future__ import annotations

import glob
import os
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from ..config import Config, ConfigError, load_config

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")
_GLOB_CHARACTERS = frozenset("*?[")


class InputPath(NamedTuple):
    path: Path
    # Found rather than named (in a folder, by a glob, or any file under --force-exclude): linted only
    # when it is a list, and never when the configuration excludes it.
    found: bool = False


class Configs:
    """The configuration of each linted file's folder (found once per folder)."""

    def __init__(self, explicit: Path | None, no_config: bool) -> None:
        self.explicit, self.no_config = explicit, no_config
        self._by_folder: dict[Path, Config] = {}

    def for_file(self, path: Path) -> Config:
        folder = path.absolute().parent  # a symbolic link is configured where it stands
        if folder not in self._by_folder:
            self._by_folder[folder] = load_config(folder, self.explicit, self.no_config)
        return self._by_folder[folder]


def _markdown_files(folder: Path) -> list[Path]:
    """The Markdown files below ``folder``: what git would see (`.gitignore` honoured) inside a
    repository, every file otherwise; hidden folders, `node_modules` and `vendor` skipped either way."""
    found = []
    listed = _files_git_sees(folder)
    for path in listed if listed is not None else sorted(folder.rglob("*")):
        relative = path.relative_to(folder).parts
        if any(part.startswith(".") or part in ("node_modules", "vendor") for part in relative):
            continue
        if path.suffix.lower() in MARKDOWN_SUFFIXES and path.is_file():
            found.append(path)
    return found


def _files_git_sees(folder: Path) -> list[Path] | None:
    """Tracked and untracked files below ``folder`` that git does not ignore; None outside git."""
    import subprocess

    try:
        listed = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", "."],
            cwd=folder,
            capture_output=True,
            check=False,
        )
    except OSError:  # no git on this machine
        return None
    if listed.returncode != 0:
        return None
    names = listed.stdout.decode("utf-8", "surrogateescape").split("\0")
    return sorted({folder / name for name in names if name})


def _glob(pattern: str) -> list[Path]:
    """The Markdown files a glob names (``**`` spans folders), sorted; hidden ones only when asked."""
    return [
        Path(name)
        for name in sorted(glob.glob(pattern, recursive=True))
        if Path(name).suffix.lower() in MARKDOWN_SUFFIXES and os.path.isfile(name)
    ]


def _is_glob(path: Path) -> bool:
    return not path.exists() and not _GLOB_CHARACTERS.isdisjoint(str(path))


def input_paths(
    paths: Sequence[Path],
    config_path: Path | None,
    no_config: bool,
    folders: bool = False,
    force_exclude: bool = False,
) -> list[InputPath]:
    """The files named on the command line (folders expanded to their Markdown files when
    ``folders``, globs to what they match, less what a `!glob` matches), or the configured ``files``
    when none are named; without those the configuration excludes. Raises ValueError for a folder or
    glob with no Markdown file."""
    if not paths:
        config = load_config(Path.cwd(), config_path, no_config)
        if not config.files:
            raise ValueError("no files given and no `files` in the configuration; name a Markdown file")
        paths = [
            Path(f"!{config.root / name[1:]}") if name.startswith("!") else config.root / name
            for name in config.files
        ]
    expanded: list[InputPath] = []
    left_out: set[str] = set()
    for path in paths:
        if str(path).startswith("!") and not path.exists():  # `!drafts/*.md`, as markdownlint-cli2
            left_out.update(_key(Path(name)) for name in glob.glob(str(path)[1:], recursive=True))
        elif folders and path.is_dir():
            found = _markdown_files(path)
            if not found:
                suffixes = ", ".join(sorted(MARKDOWN_SUFFIXES))
                raise ValueError(
                    f"{path}: no Markdown files ({suffixes}) in this folder or below; name a file"
                )
            expanded.extend(InputPath(item, True) for item in found)
        elif _is_glob(path):
            matched = _glob(str(path))
            if not matched:
                raise ValueError(f"{path}: the pattern matches no Markdown file; check it")
            expanded.extend(InputPath(item, True) for item in matched)
        else:
            expanded.append(InputPath(path, force_exclude and path != Path("-")))
    configs = Configs(config_path, no_config)
    unique, seen = [], set()
    for item in expanded:
        key = _key(item.path)
        if key in seen or key in left_out:  # a path given twice (or also in a named folder): once
            continue
        seen.add(key)
        if item.found and excluded(item.path, configs):
            continue
        unique.append(item)
    return unique


def _key(path: Path) -> str:
    return os.path.normcase(os.path.abspath(path))


def excluded(path: Path, configs: Configs) -> bool:
    """Whether the configuration of ``path`` excludes it (a bad configuration excludes nothing: it
    is reported when the file is linted)."""
    try:
        config = configs.for_file(path)
    except ConfigError:
        return False
    return config.matches(path, config.exclude)
