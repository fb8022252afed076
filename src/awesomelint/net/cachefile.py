"""The cache files of the link checker and of `verify`: one JSON table of entries by key, with a
format name and version. A corrupt, foreign, oversized or too deeply nested file is ignored with one
warning, never fatal; entries are capped in number. Writes are atomic, and the default cache folder
gets a `.gitignore` so that nobody commits it."""

from __future__ import annotations

import errno
import itertools
import json
import os
import stat
import tempfile
from pathlib import Path
from typing import Any

from ..evidence import CACHE_FOLDER

MAX_BYTES = 32 * 2**20
MAX_ENTRIES = 200_000


def read_table(
    path: Path, file_format: str, version: int, table: str
) -> tuple[dict[str, dict[str, Any]], str | None]:
    """The entries of cache file ``path`` (empty when it does not exist), and a warning if it was
    ignored: not a regular file of ours (a symbolic link, a file others may write), too big, not
    strict JSON (`Infinity`), or of another shape."""
    what = file_format.removeprefix("awesomelint-").replace("-", " ")
    try:
        handle = os.open(path, os.O_RDONLY | _NOFOLLOW | _NONBLOCK)
    except FileNotFoundError:
        return {}, None
    except OSError as error:
        reason = (
            "it is a symbolic link" if error.errno == errno.ELOOP else f"it cannot be read ({error.strerror})"
        )
        return {}, f"{path}: cache ignored, {reason}"
    try:
        with os.fdopen(handle, "rb") as stream:
            status = os.fstat(stream.fileno())
            if not stat.S_ISREG(status.st_mode) or status.st_size > MAX_BYTES:
                return {}, f"{path}: cache ignored, it is not a file of at most {MAX_BYTES >> 20} MiB"
            if _loose(status):
                return {}, f"{path}: cache ignored, others than you may write it (chmod go-w, or delete it)"
            data = json.loads(stream.read(MAX_BYTES + 1).decode("utf-8"), parse_constant=_not_json)
    except RecursionError:
        return {}, f"{path}: cache ignored, it is nested too deeply to be a {what}"
    except (OSError, UnicodeDecodeError, ValueError) as error:
        return {}, f"{path}: cache ignored, it cannot be read ({error})"
    if not isinstance(data, dict) or data.get("format") != file_format or data.get("version") != version:
        return {}, f"{path}: cache ignored, it is not an awesomelint {what}"
    entries = data.get(table)
    if not isinstance(entries, dict):
        return {}, f"{path}: cache ignored, it has no `{table}` table"
    kept = dict(itertools.islice(((k, e) for k, e in entries.items() if isinstance(e, dict)), MAX_ENTRIES))
    if len(kept) < min(len(entries), MAX_ENTRIES):
        return (
            kept,
            f"{path}: {min(len(entries), MAX_ENTRIES) - len(kept)} cache entries of another shape ignored",
        )
    return kept, None


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # a FIFO in its place opens without waiting for a writer


def _not_json(constant: str) -> Any:
    raise ValueError(f"`{constant}` is not JSON")


def _loose(status: os.stat_result) -> bool:
    """Whether others than the user may have written the file: a cache is trusted input."""
    if not hasattr(os, "getuid"):
        return False  # Windows: no such modes
    return status.st_uid != os.getuid() or bool(status.st_mode & (stat.S_IWGRP | stat.S_IWOTH))


def write_table(path: Path, file_format: str, version: int, table: str, entries: dict[str, Any]) -> None:
    """Write the cache file atomically (raises OSError). A symbolic link in its place, or as its
    folder, is not followed (a repository may hold one that points anywhere)."""
    for place in (path, path.parent):
        if place.is_symlink():
            raise OSError(errno.ELOOP, f"{place} is a symbolic link, not followed")
    path.parent.mkdir(parents=True, exist_ok=True)
    ignore = path.parent / ".gitignore"
    if path.parent.name == CACHE_FOLDER and not os.path.lexists(ignore):
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW
        with os.fdopen(os.open(ignore, flags, 0o644), "w", encoding="utf-8") as stream:
            stream.write("# written by awesomelint: its caches are not for version control\n*\n")
    payload = json.dumps({"format": file_format, "version": version, table: entries}, indent=1)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(payload)
        os.replace(temporary, path)  # replaces a link in its place, never what it points to
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
