from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence

from markdown_it import MarkdownIt
from markdown_it.token import Token

from ..diagnostic import Applicability, Diagnostic, Severity
from ..engine import Context, entry_rule
from ..model import Entry

_CODE = re.compile(r"(`+).*?\1", re.DOTALL)
_ESCAPED = re.compile(r"\\[*_\[\]()\\]")
# A `*` that opens a capitalised word or a number and that nothing closed (`*More Papers`), or two
# left over. (`*nix` is a word; a `*` at a word's end is a name's: `A*`, `diaspora*`.)
_OPENING_STAR = re.compile(r"(?:^|(?<=[\s(\[]))\*+(?=[A-Z0-9])|\*\*")


# A `*` at the end of a run of words, before a separator or the end (`Bo Li*.`), not inside a
# name (`A*-Search`).
_CLOSING_STAR = re.compile(r"(?<=\w)\*(?=[\s.,;:]|$)")


@functools.cache
def _inline() -> MarkdownIt:
    return MarkdownIt("commonmark")


def _suspect(text: str) -> bool:
    """A cheap test before parsing: an odd number of `*`, or brackets or parentheses that do not pair."""
    bare = _ESCAPED.sub("x", text) if "\\" in text else text
    if "`" in bare:
        bare = _CODE.sub("", bare)
    # (`in` before `count`: a search stops at the first `*`, and most text has none)
    return (
        ("*" in bare and bare.count("*") % 2 == 1)
        or bare.count("[") != bare.count("]")
        or bare.count("(") != bare.count(")")
    )


def _problems(text: str) -> Iterator[tuple[str, str]]:
    """What renders literally in ``text``: leftover emphasis, an unpaired bracket, a link text with
    an unpaired parenthesis."""
    text = _ESCAPED.sub("x", text)  # an escaped character renders as itself, as meant
    bare = _CODE.sub("", text)
    brackets_unpaired = bare.count("[") != bare.count("]")
    tokens = _inline().parseInline(text)
    children: list[Token] = tokens[0].children or [] if tokens else []
    previous = ""
    italics_closed = False
    stars_unpaired = bare.count("*") % 2 == 1
    label: list[str] | None = None
    for token in children:
        italics_closed = italics_closed or token.type == "em_close"
        if token.type == "link_open":
            label = []
        elif token.type == "link_close" and label is not None:
            shown = "".join(label)
            if shown.count("(") != shown.count(")"):
                yield f"link text `{shown}` shows a stray parenthesis", shown
            label = None
        elif token.type == "text":
            if label is not None:
                label.append(token.content)
            # `*8FastRank**`: one `*` closed the italics, one is left (`**F***` is bold F*)
            after_emphasis = previous == "em_close" and token.content.startswith("*")
            star = _OPENING_STAR.search(token.content)
            if star is None and italics_closed and stars_unpaired:
                # `*Ann Lee*, Bo Li*`: a `*` in a name closed the italics early, the last one shows
                star = _CLOSING_STAR.search(token.content)
            if after_emphasis or star:
                at = star.start() if star and not after_emphasis else 0
                shown = token.content[max(0, at - 20) : at + 20].strip()
                yield f"`{shown}` shows a `*` meant as emphasis", shown
            elif brackets_unpaired and re.search(r"\[(?=\s*$)|\[\s*\[|^\s*\]", token.content):
                shown = token.content.strip()[:40]
                yield f"`{shown}` shows an unpaired bracket", shown
        previous = token.type


@entry_rule(
    "AL606",
    "literal-markup",
    "Markup that renders literally: a stray `*` (`*8FastRank**`), an unclosed `[[Github](...)`, "
    "a link text such as `[Video)]`",
    severity=Severity.WARNING,
    fix=Applicability.NONE,
    tags=("text", "entries"),
)
def literal_markup(ctx: Context, entry: Entry) -> Sequence[Diagnostic]:
    """Each paragraph is read whole: emphasis may run over its lines."""
    text = ctx.document.text
    reported: list[Diagnostic] = []
    for paragraph in entry.paragraphs:
        written = text[paragraph.start : paragraph.end]
        if not _suspect(written):
            continue
        found = next(_problems(written), None)
        if found is None:
            continue
        message, shown = found
        at = paragraph.start + max(0, written.find(shown))
        line_start = text.rfind("\n", 0, at) + 1
        line_end = text.find("\n", at)
        line_end = len(text) if line_end < 0 else line_end
        reported.append(ctx.report(ctx.span(line_start, line_end), f"{message}: it renders as written"))
    return reported
