"""Link-checker options: defaults, the `links` configuration table, and validation."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple

from ..version import __version__
from . import CACHE_FOLDER

DEFAULT_USER_AGENT = (
    f"awesomelint/{__version__} (link checker for awesome lists; +https://pypi.org/project/awesomelint/)"
)


class LinkOptions(NamedTuple):
    concurrency: int = 64  # requests in flight at once, all hosts together
    per_host: int = 4  # requests in flight at once to one host
    interval: float = 0.1  # seconds between the starts of two requests to one host
    timeout: float = 20.0  # seconds for a whole request (connect, headers, the bytes we read)
    connect_timeout: float = 10.0
    retries: int = 3  # further attempts after a 5xx, 408, 429, timeout or reset
    backoff: float = 1.0  # seconds before the first retry; doubles each time, with jitter
    retry_after_cap: float = 60.0  # longest pause of a host that a Retry-After may ask for
    link_budget: float = 120.0  # seconds one link may take in all: every hop, retry, pause and method
    max_redirects: int = 10
    max_body: int = 512 * 1024  # bytes of an HTML page read for its title
    accept: tuple[tuple[int, int], ...] = ((200, 299),)
    exclude: tuple[str, ...] = ()  # regular expressions of URLs not to check
    include_only: tuple[str, ...] = ()  # when given, only URLs matching one of these are checked
    headers: Mapping[str, Mapping[str, str]] = MappingProxyType({})  # host -> extra headers
    allow_private: bool = False
    allow_private_hosts: tuple[str, ...] = ()  # hosts that may resolve to private addresses
    strict: bool = False  # unverifiable links fail the run
    offline: bool = False  # collect and report, fetch nothing
    check_titles: bool = True  # AL514: compare a paper link's page title with the entry's
    user_agent: str = DEFAULT_USER_AGENT
    ca_file: str | None = None  # extra certificate authorities (PEM), for private CAs
    cache: Path | None = None  # None: no cache
    max_age: float = 86400.0  # seconds a cached success stays valid

    def accepts(self, status: int) -> bool:
        return any(low <= status <= high for low, high in self.accept)

    def with_values(self, **values: Any) -> LinkOptions:
        return self._replace(**{k: v for k, v in values.items() if v is not None})


_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$")
_UNITS = {"ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0, None: 1.0}


def parse_duration(value: str | float | int) -> float:
    """Seconds from ``1.5``, ``"100ms"``, ``"20s"``, ``"12h"`` or ``"1d"``."""
    if isinstance(value, bool):
        raise ValueError("a duration such as 20s, 100ms, 12h or 1d")
    if isinstance(value, int | float):
        if value < 0:
            raise ValueError("a duration cannot be negative")
        return float(value)
    match = _DURATION.match(value)
    if match is None:
        raise ValueError(f"`{value}` is not a duration such as 20s, 100ms, 12h or 1d")
    return float(match[1]) * _UNITS[match[2]]


def parse_accept(value: str | list[Any]) -> tuple[tuple[int, int], ...]:
    """Status ranges from ``"200-299,403"`` or ``["200-299", 403]``."""
    items = value.split(",") if isinstance(value, str) else value
    ranges = []
    for item in items:
        text = str(item).strip()
        match = re.fullmatch(r"(\d{3})(?:\s*-\s*(\d{3}))?", text)
        if match is None:
            raise ValueError(f"`{text}` is not a status or a range such as 200-299")
        low = int(match[1])
        high = int(match[2]) if match[2] else low
        if low > high:
            raise ValueError(f"`{text}` is an empty range")
        ranges.append((low, high))
    return tuple(ranges)


def valid_patterns(patterns: Sequence[str]) -> tuple[str, ...]:
    """The patterns, or ValueError naming the first that is not a valid regular expression."""
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error as error:
            raise ValueError(f"`{pattern}` is not a valid regular expression ({error})") from None
    return tuple(patterns)


def _regexes(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ValueError("a list of regular expressions")
    return valid_patterns(value)


def positive_int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError("a whole number of at least 1")
    return value


def count(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError("a whole number of at least 0")
    return value


def flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError("true or false")
    return value


def _headers(value: Any) -> dict[str, dict[str, str]]:
    if not isinstance(value, dict) or not all(
        isinstance(h, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in h.items())
        for h in value.values()
    ):
        raise ValueError('a table of host = { "Header" = "value" }')
    return {host.lower(): dict(h) for host, h in value.items()}


def text_value(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError("a string")
    return value


def _hosts(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ValueError("a list of host names")
    return tuple(item.lower() for item in value)


_CONVERTERS: dict[str, Any] = {
    "concurrency": positive_int,
    "per-host": positive_int,
    "interval": parse_duration,
    "timeout": parse_duration,
    "connect-timeout": parse_duration,
    "retries": count,
    "backoff": parse_duration,
    "retry-after-cap": parse_duration,
    "link-budget": parse_duration,
    "max-redirects": count,
    "max-body": positive_int,
    "accept": parse_accept,
    "exclude": _regexes,
    "include-only": _regexes,
    "headers": _headers,
    "allow-private": flag,
    "allow-private-hosts": _hosts,
    "strict": flag,
    "offline": flag,
    "check-titles": flag,
    "user-agent": text_value,
    "ca-file": text_value,
    "cache": text_value,
    "max-age": parse_duration,
}
KNOWN_KEYS = tuple(_CONVERTERS)
assert {key.replace("-", "_") for key in KNOWN_KEYS} == set(LinkOptions._fields)


def options_from_table(table: Mapping[str, Any], root: Path) -> LinkOptions:
    """LinkOptions from a `links` configuration table; ValueError names the key."""
    values: dict[str, Any] = {}
    for key, raw in table.items():
        if key not in _CONVERTERS:
            raise ValueError(f"`links.{key}`: unknown key; known keys are {', '.join(KNOWN_KEYS)}")
        try:
            value = _CONVERTERS[key](raw)
        except (ValueError, TypeError) as error:
            raise ValueError(f"`links.{key}`: must be {error}") from None
        if key == "cache":
            value = root / value
        values[key.replace("-", "_")] = value
    return LinkOptions(cache=root / CACHE_FOLDER / "links.json").with_values(**values)
