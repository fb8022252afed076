"""The built-in venue list (package data) and name lookup."""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

# Words around a venue's name that do not change which venue it is.
_QUALIFIERS = re.compile(
    r"^(?:proceedings of (?:the )?|proc\.? |findings of (?:the )?|in )|"
    r"(?: findings| workshops?| main| short| long| demo| oral| spotlight| poster| \(.*\))$",
    re.IGNORECASE,
)
_PUBLISHER = re.compile(r"^(?:ieee|acm|usenix|ieee/acm)\s+", re.IGNORECASE)
_JOINT = re.compile(r"\s*[-/+]\s*")
# Preprint servers are venues of their own (bioRxiv is not arXiv); only these names are one server.
INTERCHANGEABLE_PREPRINTS = frozenset({"arXiv", "CoRR"})


@dataclass(frozen=True)
class VenueTable:
    """Canonical venue names by folded spelling, and which canonical names are preprint servers."""

    canonical: Mapping[str, str]
    preprints: frozenset[str]

    def canonical_name(self, name: str) -> str | None:
        """The canonical spelling of ``name`` when it is a known venue or alias, else None."""
        return self.canonical.get(_fold(name))

    def alias_target(self, name: str) -> str | None:
        """The canonical name when ``name`` is an old name (``NIPS``) or a case variant of it; None when
        it is canonical already, unknown, a full name, or differs only by a publisher (``IEEE TNNLS``)."""
        canonical = self.canonical_name(name)
        if canonical is None or canonical == name:
            return None
        stripped = _strip(name)
        if stripped != name.strip() and _fold(stripped) == _fold(canonical):
            return None  # only a publisher or qualifier added: IEEE TNNLS
        if len(name.split()) >= 3 and _fold(name) != _fold(canonical):
            return None  # a full name ("Neural Information Processing Systems") is not an old name
        return canonical

    def is_known(self, name: str) -> bool:
        if self.canonical_name(name) is not None:
            return True
        stripped = _strip(name)
        if self.canonical_name(stripped) is not None:
            return True
        parts = [part for part in _JOINT.split(stripped) if part]
        return len(parts) > 1 and all(self.canonical_name(_strip(part)) is not None for part in parts)

    def extended(self, known: Iterable[str], aliases: Mapping[str, str]) -> VenueTable:
        canonical = dict(self.canonical)
        for name in known:
            canonical.setdefault(_fold(name), name)
        for alias, target in aliases.items():
            canonical[_fold(alias)] = target
            canonical.setdefault(_fold(target), target)
        return VenueTable(canonical, self.preprints)


def _fold(name: str) -> str:
    return " ".join(name.casefold().split())


def _strip(name: str) -> str:
    previous = None
    while previous != name:
        previous = name
        name = _PUBLISHER.sub("", _QUALIFIERS.sub("", name.strip())).strip()
    return name


@functools.cache
def builtin_venues() -> VenueTable:
    data = tomllib.loads(resources.files("awesomelint.data").joinpath("venues.toml").read_text("utf-8"))
    canonical: dict[str, str] = {}
    for group in data.values():
        for name, aliases in group.items():
            canonical[_fold(name)] = name
            for alias in aliases:
                canonical.setdefault(_fold(alias), name)
    return VenueTable(canonical, frozenset(data["preprints"]))
