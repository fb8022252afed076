from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from ..diagnostic import Applicability, Diagnostic, Edit, Severity
from ..engine import Context, rule
from ._classic import MIN_SHARE
from ._prose import descriptions

# A word standing alone: not part of an identifier, a path, a domain or a handle (`github.com`,
# `go-github`, `@github` are not prose).
_WORD = re.compile(r"(?<![\w./@#:\\-])[A-Za-z][A-Za-z0-9]*[A-Za-z](?![\w/@\\-]|\.\w)")
_MIN_OCCURRENCES = 5


def _distinctive(word: str) -> bool:
    """Spelled with capitals a plain word does not have: `GitHub`, `macOS`, `iOS`, `JSON`."""
    return any(char.isupper() for char in word[1:])


def _acceptable(majority: str, form: str) -> bool:
    """An all-capitals name (`JSON`) written all lower case is often a file type or an identifier;
    the plural of an acronym (`IDs`) in capitals is another acronym (`IDS`)."""
    plural = majority.endswith("s") and majority[:-1].isupper() and form.isupper()
    return plural or (majority.isupper() and form.islower())


@rule(
    "AL604",
    "name-spelling",
    "A name spelled unlike the list's own usage (`Github` where the list writes `GitHub`)",
    severity=Severity.WARNING,
    fix=Applicability.UNSAFE,
    tags=("text", "spelling"),
)
def name_spelling(ctx: Context) -> Iterator[Diagnostic]:
    found: list[tuple[int, str]] = []
    forms: dict[str, Counter[str]] = {}
    for offset, prose in descriptions(ctx.document):
        for match in _WORD.finditer(prose):
            found.append((offset + match.start(), match[0]))
            forms.setdefault(match[0].casefold(), Counter())[match[0]] += 1
    spelling: dict[str, tuple[str, int, int]] = {}
    for key, counts in forms.items():
        total = sum(counts.values())
        best, count = counts.most_common(1)[0]
        if total >= _MIN_OCCURRENCES and count >= MIN_SHARE * total and count < total and _distinctive(best):
            spelling[key] = (best, count, total)
    for start, word in found:
        wanted = spelling.get(word.casefold())
        if wanted is None or word == wanted[0] or _acceptable(wanted[0], word):
            continue
        best, count, total = wanted
        message = f"`{word}`: this list writes `{best}` in {count} of {total} places"
        fix = ctx.fix(f"write `{best}`", Edit(start, start + len(word), best))
        yield ctx.report(ctx.span(start, start + len(word)), message, fix)
