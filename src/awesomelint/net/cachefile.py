"""The cache files of the link checker and of `verify`: one JSON table of entries by key, with a
format name and version. A corrupt, foreign, oversized or too deeply nested file is ignored with one
warning, never fatal; entries are capped in number. Writes are atomic, and the default cache folder
gets a `.gitignore` so that nobody commits it."""

from __future__ import annotations

import itertools
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from . import CACHE_FOLDER

MAX_BYTES = 32 * 2**20
MAX_ENTRIES = 200_000


def read_table(
    path: Path, file_format: str, version: int, table: str
) -> tuple[dict[str, dict[str, Any]], str | None]:
    """The entries of cache file ``path`` (empty when it does not exist), and a warning if it was
    ignored."""
    what = file_format.removeprefix("awesomelint-").replace("-", " ")
    if not path.exists():
        return {}, None
    try:
        if not path.is_file() or path.stat().st_size > MAX_BYTES:
            return {}, f"{path}: cache ignored, it is not a file of at most {MAX_BYTES >> 20} MiB"
        data = json.loads(path.read_text(encoding="utf-8"))
    except RecursionError:
        return {}, f"{path}: cache ignored, it is nested too deeply to be a {what}"
    except (OSError, UnicodeDecodeError, ValueError) as error:
        return {}, f"{path}: cache ignored, it cannot be read ({error})"
    if not isinstance(data, dict) or data.get("format") != file_format or data.get("version") != version:
        return {}, f"{path}: cache ignored, it is not an awesomelint {what}"
    entries = data.get(table)
    if not isinstance(entries, dict):
        return {}, f"{path}: cache ignored, it has no `{table}` table"
    kept = itertools.islice(((k, e) for k, e in entries.items() if isinstance(e, dict)), MAX_ENTRIES)
    return dict(kept), None


def write_table(path: Path, file_format: str, version: int, table: str, entries: dict[str, Any]) -> None:
    """Write the cache file atomically (raises OSError)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    ignore = path.parent / ".gitignore"
    if path.parent.name == CACHE_FOLDER and not ignore.exists():
        ignore.write_text("# written by awesomelint: its caches are not for version control\n*\n")
    payload = json.dumps({"format": file_format, "version": version, table: entries}, indent=1)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(payload)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
