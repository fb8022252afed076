"""Findings and fixes: what a rule returns. A fix is plain data, text edits that the fixer applies."""

from __future__ import annotations

import enum
from typing import Any, NamedTuple

from .text import Span


class Severity(enum.IntEnum):
    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, value: str) -> Severity:
        try:
            return cls[value.upper()]
        except KeyError:
            raise ValueError(f"unknown severity `{value}` (use error, warning or info)") from None


class Applicability(enum.Enum):
    """How far a rule's fixes can be trusted: safe ones run by default, unsafe ones on request."""

    SAFE = "safe"
    UNSAFE = "unsafe"
    NONE = "none"


class Edit(NamedTuple):
    """Replace ``text[start:end]`` (offsets into the original text) with ``replacement``."""

    start: int
    end: int
    replacement: str


class StartsEntry(NamedTuple):
    """What a fix means to change: an entry starts on the line at ``at`` (an offset into the original
    text), where text read as more of the entry above (a split) or as no entry (a heading)."""

    at: int

    def to_dict(self) -> dict[str, Any]:
        return {"change": "starts-entry", "at": self.at}


class ChangesLink(NamedTuple):
    """What a fix means to change: the link whose address starts at ``at`` goes from ``old`` to
    ``new``."""

    at: int
    old: str
    new: str

    def to_dict(self) -> dict[str, Any]:
        return {"change": "changes-link", "at": self.at, "old": self.old, "new": self.new}


# The changes to a list's entries a fix may declare: the fixer's guard allows these and refuses any
# other change to the entries (their number, titles, authors, links, words).
Intent = StartsEntry | ChangesLink


class Fix(NamedTuple):
    edits: tuple[Edit, ...]
    applicability: Applicability
    description: str
    intents: tuple[Intent, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "applicability": self.applicability.value,
            "description": self.description,
            "edits": [{"start": e.start, "end": e.end, "replacement": e.replacement} for e in self.edits],
        }
        if self.intents:
            data["intents"] = [intent.to_dict() for intent in self.intents]
        return data


class Diagnostic(NamedTuple):
    code: str
    name: str
    severity: Severity
    message: str
    span: Span
    fix: Fix | None = None
    related: Span | None = None  # the other place a finding pairs with (the first of two duplicates)

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "severity": self.severity.label,
            "message": self.message,
            "start_line": self.span.start_line,
            "start_col": self.span.start_col,
            "end_line": self.span.end_line,
            "end_col": self.span.end_col,
            "fixable": self.fix is not None,
            "fix": self.fix.to_dict() if self.fix else None,
        }
