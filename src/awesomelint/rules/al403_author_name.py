from __future__ import annotations

import re
from collections.abc import Sequence

from ..diagnostic import Applicability, Diagnostic, Severity
from ..engine import Context, entry_rule
from ..model import Authors, Entry

# An affiliation or footnote mark glued to a name: `Ann Lee1`, `Bo Li²`, `Cy Dow1,2` (read in the
# line as written: the reader may leave the mark out of the name).
_AFFILIATION = re.compile(r"[^\W\d_](?:\d{1,2}(?:,\d{1,2})*|[¹²³⁴⁵⁶⁷⁸⁹⁰]+)(?=\s*(?:[,;&]|\band\b|$))")
_MARK = re.compile(r"[\d¹²³⁴⁵⁶⁷⁸⁹⁰]")  # what an affiliation mark needs (a quicker look for one)
# Two names run together at a period: `Anna.B`, `Lee.Bo` (not an initial: `J.Smith`).
_GLUED = re.compile(r"[a-z]{2,}\.[A-Z]")
# Two names of one word each, side by side, in the names joined by line breaks.
_ONE_WORD_PAIR = re.compile(r"^\S+\n\S+$", re.MULTILINE)
_PARTICLES = frozenset({"van", "von", "de", "der", "den", "da", "di", "del", "la", "le", "du", "bin", "al"})


def _problem(authors: Authors) -> str | None:
    raw = authors.inner.raw
    mark = _AFFILIATION.search(raw) if _MARK.search(raw) else None
    if mark is not None:
        start = raw.rfind(",", 0, mark.start()) + 1
        return f"`{raw[start : mark.end()].strip()}` ends in an affiliation mark"
    names = [name for named in authors.names if (name := named.strip()) and name.casefold() != "others"]
    joined = "\n".join(names)
    if _GLUED.search(joined):  # (one look at all the names: seldom any)
        for name in names:
            if _GLUED.search(name):
                return f"`{name}` looks like two names run together at a period"
    if not joined.istitle():  # (names in title case, most, have no word in lower case)
        words_of = [name.split() for name in names]
        if sum(1 for words in words_of if any(w[:1].isupper() for w in words)) >= 2:
            for name, words in zip(names, words_of, strict=True):
                named = [w for w in words if w.casefold() not in _PARTICLES]
                if named and all(w[:1].islower() for w in named):
                    return f"`{name}` is written in lower case among capitalised names"
    if len(names) < 4 or not _ONE_WORD_PAIR.search(joined):
        # too few names for two of them to be one split by a comma, among two or more; or no two
        # names of one word each side by side (most lists of names)
        return None
    # `Wei, Zhang`: one name split by a comma, among names that all have two words or more
    single = [i for i, name in enumerate(names) if len(name.split()) == 1]
    full = len(names) - len(single)
    for i in single:
        if i + 1 in single and full >= 2 and names[i][:1].isupper() and names[i + 1][:1].isupper():
            return f"`{names[i]}, {names[i + 1]}` looks like one name split by a comma"
    return None


@entry_rule(
    "AL403",
    "author-name",
    "An author name that is not a name: an affiliation mark (`Ann Lee1`), one name split by a comma "
    "(`Wei, Zhang`), a lower-case name among capitalised ones, names run together (`Anna.B`)",
    severity=Severity.WARNING,
    fix=Applicability.NONE,
    tags=("authors",),
)
def author_name(ctx: Context, entry: Entry) -> Sequence[Diagnostic]:
    if entry.authors is None or entry.kind != "paper":
        return ()
    problem = _problem(entry.authors)
    if problem is not None:
        return (ctx.report(entry.authors.inner.span, f"author line: {problem}"),)
    return ()
