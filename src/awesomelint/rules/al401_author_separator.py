from __future__ import annotations

import re
from collections.abc import Sequence

from ..diagnostic import Applicability, Diagnostic, Edit, Severity
from ..engine import Context, entry_rule
from ..model import Entry

_SEPARATOR = re.compile(r"[ \t]*([,;])[ \t]*(?=\S)")
_CRAMPED = re.compile(r"[,;](?=[^\s,;])")  # a separator with no space after it
# An author line copied from BibTeX: names joined by ` and `, ending in `and others` or written
# `Last, First and Last, First`.
_BIBTEX = re.compile(r"\band others\W*$|^[^,]+,[^,]+ and [^,]+,[^,]+(?: and |$)", re.IGNORECASE)

_GLUED = re.compile(r"([^\W\d_][\w'’\-]*),([^\W\d_][\w'’\-]*)")
_SPACED = re.compile(r",\s+(?:and\s+|&\s*)?|\s+(?:and|&)\s+")


def _inside_a_name(line: str, names: tuple[str, ...]) -> bool:
    """Whether a bare comma in ``line`` joins a surname to its given name (`Shen,Zhiqiang`, standing
    between spaced separators), read as one name."""
    glued = (_GLUED.fullmatch(part) for part in _SPACED.split(line) if "," in part)
    return any(pair is not None and f"{pair[2]} {pair[1]}" in names for pair in glued)


@entry_rule(
    "AL401",
    "author-separator",
    "Author names not separated the list's way (`A,B`; `;` where the list uses `,`)",
    severity=Severity.WARNING,
    fix=Applicability.SAFE,
    tags=("authors", "consistency"),
    cites_counts=True,
)
def author_separator(ctx: Context, entry: Entry) -> Sequence[Diagnostic]:
    dominant = ctx.style.author_separator
    authors = entry.authors
    if authors is None or entry.kind != "paper" or len(authors.names) < 2:
        return ()
    if _BIBTEX.search(authors.inner.raw):
        return ()  # `Lee, Ann and Li, Bo and others`: BibTeX's own form, commas inside names
    wanted = dominant.value if dominant else authors.separator
    inner = authors.inner
    problems = []
    if authors.separator != wanted:
        evidence = dominant.evidence(f"`{wanted} `", noun="author lines", verb="use") if dominant else ""
        problems.append(f"names separated by `{authors.separator}`; {evidence}")
    cramped = _CRAMPED.search(inner.raw)
    if cramped is not None:
        context = inner.raw[max(0, cramped.start() - 8) : cramped.end() + 8]
        problems.append(f"no space after `{cramped[0]}` (`{context}`)")
    if not problems:
        return ()
    used = {match[1] for match in _SEPARATOR.finditer(inner.raw)}
    fix = None
    # With mixed separators the names themselves may hold commas; a comma glued between a surname and
    # its given name (`Shen,Zhiqiang, He,Zhankui`) is inside one name, and a space there would split it.
    # A list whose names are joined by `and` writes them surname first (`Lee, Ann and Li, Bo`): turning
    # commas into `and` would join the wrong words.
    if len(used) == 1 and wanted in ",;" and not _inside_a_name(inner.raw, authors.names):
        rewritten = _SEPARATOR.sub(f"{wanted} ", inner.raw)
        fix = ctx.fix(f"separate names with `{wanted} `", Edit(inner.span.start, inner.span.end, rewritten))
    return (ctx.report(inner.span, "author line has " + "; and ".join(problems), fix),)
