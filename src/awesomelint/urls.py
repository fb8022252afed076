"""Splitting link addresses, once per address: the reader and several rules each ask for a link's
host or path, and the standard library's own cache (128 addresses) is far smaller than a list."""

from __future__ import annotations

import functools
import re
from urllib.parse import SplitResult, urlsplit

# An ordinary web address (no user, port or brackets, nothing urlsplit strips or removes), split
# here as urlsplit splits it at half the cost (its own cache of 128 misses on every address of
# a list). Checked against urlsplit in the tests.
_PLAIN = re.compile(
    r"((?i:https?)):(//[A-Za-z0-9._-]+)"  # scheme, //host
    r"(/[^?#\t\r\n]*)?(?:\?([^#\t\r\n]*))?(?:#([^\t\r\n]*))?\Z"  # path, ?query, #fragment
)


@functools.lru_cache(maxsize=2**16)
def split_url(url: str) -> SplitResult | None:
    """`urllib.parse.urlsplit` of ``url``, or None when it is no valid URL (a bad IPv6 host)."""
    plain = _PLAIN.match(url)
    if plain is not None:
        scheme, netloc, path, query, fragment = plain.groups("")
        return SplitResult(scheme.lower(), netloc[2:], path, query, fragment)
    try:
        return urlsplit(url)
    except ValueError:
        return None
