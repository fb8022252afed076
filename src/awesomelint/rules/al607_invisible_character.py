from __future__ import annotations

import re
from collections.abc import Sequence

from ..diagnostic import Applicability, Diagnostic, Severity
from ..engine import Context, entry_rule
from ..model import Entry, Field

# Characters a PDF's text layer leaves behind: invisible ones, and look-alikes of a hyphen or a space.
_INVISIBLE = {
    "\u00ad": "a soft hyphen",
    "\u200b": "a zero-width space",
    "\u200c": "a zero-width non-joiner",
    "\u200d": "a zero-width joiner",
    "\u2060": "a word joiner",
    "\ufeff": "a zero-width no-break space",
    "\u2010": "a Unicode hyphen (U+2010)",
    "\u2011": "a non-breaking hyphen (U+2011)",
}
_FOUND = re.compile("[" + "".join(_INVISIBLE) + "]|(?<=\\w)[\u00a0\u202f](?=\\w)")


@entry_rule(
    "AL607",
    "invisible-character",
    "Invisible or copied-from-PDF characters in a title or an author name (soft hyphens, "
    "zero-width spaces, U+2010 hyphens, no-break spaces inside a title)",
    severity=Severity.WARNING,
    fix=Applicability.NONE,
    tags=("text", "entries"),
)
def invisible_character(ctx: Context, entry: Entry) -> Sequence[Diagnostic]:
    title, authors = entry.title, entry.authors
    if (title is None or title.raw.isascii()) and (authors is None or authors.inner.raw.isascii()):
        return ()  # every character looked for is outside ASCII (most entries)
    fields: list[tuple[str, Field]] = []
    if entry.title is not None:
        fields.append(("title", entry.title))
    if entry.authors is not None:
        fields.append(("author line", entry.authors.inner))
    reported: list[Diagnostic] = []
    for name, found in fields:
        if found.raw.isascii():
            continue  # every character looked for is outside ASCII
        match = _FOUND.search(found.raw)
        if match is None:
            continue
        what = _INVISIBLE.get(match[0]) or "a no-break space between words"
        count = len(_FOUND.findall(found.raw))
        more = f" and {count - 1} more" if count > 1 else ""
        around = found.raw[max(0, match.start() - 12) : match.end() + 12].replace(match[0], "⟨?⟩")
        message = f"{name} holds {what}{more} (`{around}`): text copied from a PDF?"
        start = found.span.start + match.start()
        reported.append(ctx.report(ctx.span(start, start + 1), message))
    return reported
