"""`verify` options: the sources, their addresses and spacing, the cache, time bounds; from the
`[tool.awesomelint.verify]` table, one sub-table per source (`[tool.awesomelint.verify.dblp]`)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..version import __version__
from . import CACHE_FOLDER
from .link_options import flag, parse_duration, positive_int, text_value

API_KEY_VARIABLE = "SEMANTIC_SCHOLAR_API_KEY"


@dataclass(frozen=True)
class SourceOptions:
    url: str
    interval: float  # seconds between the starts of two requests
    connections: int = 1

    def polite(self, public: SourceOptions) -> SourceOptions:
        """These options, with the public service's spacing as a floor when they point at it: its
        terms are not ours to configure away. A mirror or a test server may set any spacing."""
        if urlsplit(self.url).hostname != urlsplit(public.url).hostname:
            return self
        return replace(
            self,
            interval=max(self.interval, public.interval),
            connections=min(self.connections, public.connections),
        )


PUBLIC: Mapping[str, SourceOptions] = {
    # dblp's FAQ asks for one or two seconds between requests; bibtex-dblp found 5 s safe in bulk.
    "dblp": SourceOptions("https://dblp.org/search/publ/api", 2.0),
    # arXiv's terms: one request every 3 seconds, one connection at a time.
    "arxiv": SourceOptions("https://export.arxiv.org/api/query", 3.0),
    # Crossref's public pool: 1 list request a second, one at a time (more with a mailto).
    "crossref": SourceOptions("https://api.crossref.org/works", 1.0),
    # Semantic Scholar: 1 request a second with a key; the keyless pool is shared and often full.
    "semanticscholar": SourceOptions("https://api.semanticscholar.org/graph/v1", 1.0),
}
TITLE_SOURCES = ("dblp", "semanticscholar", "crossref", "arxiv")


@dataclass(frozen=True)
class VerifyOptions:
    sources: tuple[str, ...] = ("dblp", "semanticscholar")  # title search, in this order
    endpoints: Mapping[str, SourceOptions] = field(default_factory=lambda: dict(PUBLIC))
    mailto: str | None = None  # Crossref's polite pool, and in the User-Agent
    api_key: str | None = None  # Semantic Scholar, from the environment only
    timeout: float = 20.0
    retries: int = 3
    backoff: float = 2.0
    retry_after_cap: float = 120.0
    entry_budget: float = 120.0  # seconds one entry may take in all, waits for its turn included
    cache: Path | None = None
    max_age: float = 30 * 86400.0  # a found record
    not_found_max_age: float = 86400.0  # an answer of no record: papers get indexed
    offline: bool = False

    @property
    def user_agent(self) -> str:
        contact = f"; mailto:{self.mailto}" if self.mailto else ""
        return f"awesomelint/{__version__} (verify{contact}; +https://pypi.org/project/awesomelint/)"

    def endpoint(self, source: str) -> SourceOptions:
        return self.endpoints[source].polite(PUBLIC[source])


def _sources(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not value or any(item not in TITLE_SOURCES for item in value):
        raise ValueError(f"a non-empty list of {', '.join(TITLE_SOURCES)}")
    return tuple(value)


def _url(value: Any) -> str:
    if not isinstance(value, str) or urlsplit(value).scheme not in ("http", "https"):
        raise ValueError("an http:// or https:// URL")
    return value.rstrip("/")


_TOP: dict[str, Any] = {
    "sources": _sources,
    "mailto": text_value,
    "timeout": parse_duration,
    "retries": positive_int,
    "entry-budget": parse_duration,
    "cache": text_value,
    "max-age": parse_duration,
    "not-found-max-age": parse_duration,
    "offline": flag,
}
_PER_SOURCE: dict[str, Any] = {"url": _url, "interval": parse_duration}


def verify_options(table: Mapping[str, Any], root: Path) -> VerifyOptions:
    """VerifyOptions from a `verify` configuration table; ValueError names the key."""
    values: dict[str, Any] = {"cache": root / CACHE_FOLDER / "records.json"}
    endpoints = dict(PUBLIC)
    for key, raw in table.items():
        if key in PUBLIC:
            endpoints[key] = _source_options(key, raw, PUBLIC[key])
            continue
        if key not in _TOP:
            known = ", ".join([*_TOP, *PUBLIC])
            raise ValueError(f"`verify.{key}`: unknown key; known keys are {known}")
        try:
            value = _TOP[key](raw)
        except (ValueError, TypeError) as error:
            raise ValueError(f"`verify.{key}`: must be {error}") from None
        values[key.replace("-", "_")] = root / value if key == "cache" else value
    api_key = os.environ.get(API_KEY_VARIABLE, "").strip() or None
    return VerifyOptions(endpoints=endpoints, api_key=api_key, **values)


def with_flags(
    options: VerifyOptions,
    *,
    sources: str | None = None,
    timeout: str | None = None,
    retries: int | None = None,
    entry_budget: str | None = None,
    offline: bool | None = None,
    no_cache: bool = False,
) -> VerifyOptions:
    """The options with the command line's flags on top; ValueError names the flag."""
    values: dict[str, Any] = {}
    for name, key, parse, raw in (
        ("--sources", "sources", lambda text: _sources([part.strip() for part in text.split(",")]), sources),
        ("--timeout", "timeout", parse_duration, timeout),
        ("--entry-budget", "entry_budget", parse_duration, entry_budget),
    ):
        if raw is not None:
            try:
                values[key] = parse(raw)
            except (ValueError, TypeError) as error:
                raise ValueError(f"{name} {raw}: must be {error}") from None
    if retries is not None:
        values["retries"] = retries
    if offline is not None:
        values["offline"] = offline
    if no_cache:
        values["cache"] = None
    return replace(options, **values)


def _source_options(name: str, table: Any, public: SourceOptions) -> SourceOptions:
    if not isinstance(table, dict):
        raise ValueError(f"`verify.{name}`: must be a table with `url` and `interval`")
    values: dict[str, Any] = {}
    for key, raw in table.items():
        if key not in _PER_SOURCE:
            raise ValueError(f"`verify.{name}.{key}`: unknown key; known keys are url, interval")
        try:
            values[key] = _PER_SOURCE[key](raw)
        except (ValueError, TypeError) as error:
            raise ValueError(f"`verify.{name}.{key}`: must be {error}") from None
    return replace(public, **values)
