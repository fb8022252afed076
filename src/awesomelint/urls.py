"""Splitting link addresses, once per address: the reader and several rules each ask for a link's
host or path, and the standard library's own cache (128 addresses) is far smaller than a list."""

from __future__ import annotations

import functools
from urllib.parse import SplitResult, urlsplit


@functools.lru_cache(maxsize=2**16)
def split_url(url: str) -> SplitResult | None:
    """`urllib.parse.urlsplit` of ``url``, or None when it is no valid URL (a bad IPv6 host)."""
    try:
        return urlsplit(url)
    except ValueError:
        return None
