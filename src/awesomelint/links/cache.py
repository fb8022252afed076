"""The link cache: successes only, each with its final URL and time, valid for a time to live.

Failures are never cached (a transient error must not stick). The accept rules are applied again
when a cached status is read. A corrupt, foreign, oversized or too deeply nested file is ignored
with one warning, never fatal; entries are capped in number, and one dated in the future has expired."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..evidence.link_options import LinkOptions
from ..evidence.links import LinkResult
from ..net.cachefile import MAX_ENTRIES, read_table, write_table

FORMAT = "awesomelint-link-cache"
VERSION = 1


@dataclass
class LinkCache:
    path: Path | None
    entries: dict[str, dict[str, Any]]
    warning: str | None = None

    @classmethod
    def load(cls, options: LinkOptions) -> LinkCache:
        if options.cache is None:
            return cls(None, {})
        entries, warning = read_table(options.cache, FORMAT, VERSION, "links")
        return cls(options.cache, entries, warning)

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
        if self.path is not None:
            write_table(self.path, FORMAT, VERSION, "links", self.entries)
