from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from ..data.heading_typos import TYPOS
from ..diagnostic import Applicability, Diagnostic, Edit, Severity
from ..engine import Context, rule
from ..model import Section
from ..slug import slugify
from ._anchors import heading_typos


@functools.cache
def _known_typos() -> dict[str, str]:
    return {wrong.casefold(): right for wrong, right in TYPOS.items()}


def _matching_case(word: str, correction: str) -> str:
    if word.isupper():
        return correction.upper()
    if word[:1].isupper():
        return correction[:1].upper() + correction[1:]
    return correction


def _word_edit(ctx: Context, section: Section, word: str, correction: str) -> Edit | None:
    line = ctx.document.text[section.span.start : section.span.end]
    matches = list(re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", line))
    if len(matches) != 1:
        return None
    start = section.span.start + matches[0].start()
    return Edit(start, start + len(word), correction)


def _report(ctx: Context, section: Section, word: str, correction: str, message: str) -> Diagnostic:
    """The finding, with a fix that renames the word and makes anchors to the old slug follow."""
    edit = _word_edit(ctx, section, word, correction)
    if edit is None:
        return ctx.report(section.span, message)
    new_slug = slugify(section.text.replace(word, correction))
    followers = [
        Edit(a.span.start, a.span.end, new_slug) for a in ctx.document.anchors if a.fragment == section.slug
    ]
    return ctx.report(section.span, message, ctx.fix(f"rename `{word}` to `{correction}`", edit, *followers))


@rule(
    "AL105",
    "heading-typo",
    "Heading word that is a known misspelling, or that links to the section spell otherwise",
    severity=Severity.WARNING,
    # Unsafe: a renamed heading has a new anchor, and links from other pages to the old one break.
    fix=Applicability.UNSAFE,
    tags=("structure", "spelling"),
)
def heading_typo(ctx: Context) -> Iterator[Diagnostic]:
    flagged: set[int] = set()
    for typo in heading_typos(ctx.document):
        flagged.add(id(typo.section))
        message = (
            f"heading word `{typo.word}` looks like a misspelling of `{typo.correction}`, "
            f"which the link at line {typo.anchor.span.start_line} uses (`#{typo.anchor.fragment}`)"
        )
        yield _report(ctx, typo.section, typo.word, typo.correction, message)
    known = _known_typos()
    for section in ctx.document.iter_sections():
        if id(section) in flagged:
            continue
        for word in re.findall(r"[^\W\d_]+", section.text):
            correction = known.get(word.casefold())
            if correction is not None:
                correction = _matching_case(word, correction)
                message = f"heading word `{word}` is a common misspelling of `{correction}`"
                yield _report(ctx, section, word, correction, message)
