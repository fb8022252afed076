"""The link cache: successes only, each with its final URL and time, valid for a time to live.

Failures are never cached (a transient error must not stick). The accept rules are applied again
when a cached status is read. A corrupt, foreign, oversized or too deeply nested file is ignored
with one warning, never fatal; entries are capped in number, and one dated in the future has expired."""

from __future__ import annotations

import itertools
import json
import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .options import LinkOptions
from .result import LinkResult

FORMAT = "awesomelint-link-cache"
VERSION = 1
MAX_BYTES = 32 * 2**20  # about 100,000 links; a bigger file is not ours, or not worth reading
MAX_ENTRIES = 200_000


@dataclass
class LinkCache:
    path: Path | None
    entries: dict[str, dict[str, Any]]
    warning: str | None = None

    @classmethod
    def load(cls, options: LinkOptions) -> LinkCache:
        path = options.cache
        if path is None or not path.exists():
            return cls(path, {})
        try:
            if not path.is_file() or path.stat().st_size > MAX_BYTES:
                return cls(
                    path, {}, f"{path}: cache ignored, it is not a file of at most {MAX_BYTES >> 20} MiB"
                )
            data = json.loads(path.read_text(encoding="utf-8"))
        except RecursionError:
            return cls(path, {}, f"{path}: cache ignored, it is nested too deeply to be a link cache")
        except (OSError, UnicodeDecodeError, ValueError) as error:
            return cls(path, {}, f"{path}: cache ignored, it cannot be read ({error})")
        if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("version") != VERSION:
            return cls(path, {}, f"{path}: cache ignored, it is not an awesomelint link cache")
        entries = data.get("links")
        if not isinstance(entries, dict):
            return cls(path, {}, f"{path}: cache ignored, it has no `links` table")
        kept = itertools.islice(((u, e) for u, e in entries.items() if isinstance(e, dict)), MAX_ENTRIES)
        return cls(path, dict(kept))

    def get(self, url: str, options: LinkOptions) -> LinkResult | None:
        entry = self.entries.get(url)
        if entry is None:
            return None
        try:
            checked = float(entry["checked"])
            result = LinkResult.from_cache(url, entry)
        except (KeyError, TypeError, ValueError):
            return None
        age = time.time() - checked
        if (
            not 0 <= age <= options.max_age  # a date in the future is no proof of freshness
            or result.status is None
            or not options.accepts(result.status)
        ):
            return None
        return result

    def put(self, result: LinkResult) -> None:
        if result.verdict in ("ok", "redirected") and (
            result.url in self.entries or len(self.entries) < MAX_ENTRIES
        ):
            self.entries[result.url] = {**result.to_cache(), "checked": time.time()}

    def save(self) -> None:
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        ignore = self.path.parent / ".gitignore"
        if self.path.parent.name == ".awesomelint-cache" and not ignore.exists():
            ignore.write_text("# written by awesomelint: the link cache is not for version control\n*\n")
        payload = json.dumps({"format": FORMAT, "version": VERSION, "links": self.entries}, indent=1)
        handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".links.", suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(payload)
        os.replace(temporary, self.path)
