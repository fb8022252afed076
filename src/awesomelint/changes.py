"""What a change introduced (`--since REF`): a file's text at a git revision, the entries the change
added or edited, and the lines it touched.

Entries are matched across the two versions by identity, not by position: their paper (or title)
link, else their title, else their text. An entry whose identity and text (its list marker and
number aside) are both in the old version is unchanged, wherever it moved and however it was
renumbered. A finding counts when it falls in a new or changed entry, when the entry it pairs with
does (a duplicate of an old entry), or, outside entries, when it is on a line the change touched.
"""

from __future__ import annotations

import bisect
import difflib
import subprocess
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .diagnostic import Diagnostic
from .model import Document, Entry
from .read import read
from .read.source import InputError, decode
from .rules._duplicates import link_identity, title_key
from .text import LINE_BREAK, Span


class ChangeError(InputError):
    """`--since` cannot be honoured: no git, not a repository, an unknown revision."""


def text_at_revision(path: Path, revision: str) -> str | None:
    """The text of ``path`` at git ``revision``, or None when the file did not exist there."""
    folder = path.resolve().parent
    top = _git(
        ["rev-parse", "--show-toplevel"], folder, f"{path}: not inside a git repository; --since needs one"
    )
    _git(
        ["rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}"],
        folder,
        f"--since {revision}: no such revision in {top}; fetch it first (a shallow clone may lack it)",
    )
    relative = path.resolve().relative_to(Path(top).resolve()).as_posix()
    shown = subprocess.run(
        ["git", "show", f"{revision}:{relative}"], cwd=top, capture_output=True, check=False
    )
    if shown.returncode != 0:
        return None  # the file is new since the revision: all of it is new
    return decode(shown.stdout, f"{path} at {revision}") if shown.stdout.strip() else ""


def _git(arguments: list[str], folder: Path, failure: str) -> str:
    try:
        done = subprocess.run(["git", *arguments], cwd=folder, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise ChangeError("git is not installed; --since needs it") from None
    if done.returncode != 0:
        raise ChangeError(failure)
    return done.stdout.strip()


def entry_identity(entry: Entry, text: str) -> str:
    """What makes an entry the same entry in two versions of a list (``text`` is the list's)."""
    for link in entry.own_links:
        if link.role in ("title", "paper") and (identity := link_identity(link)) is not None:
            return f"link:{identity}"
    key = title_key(entry)
    return f"title:{key}" if key is not None else f"text:{written(text, entry)}"


def written(text: str, entry: Entry) -> str:
    """The entry as written, without its list marker or number, white space folded."""
    return " ".join(text[entry.marker_span.end : entry.span.end].split())


@dataclass
class Change:
    """The parts of a file's new version that a change introduced."""

    new_file: bool
    touched_lines: set[int] = field(default_factory=set)  # 1-based lines of the new version
    _entries: list[tuple[int, int, bool]] = field(default_factory=list)  # (start, end, changed)

    def is_changed(self, entry: Entry) -> bool:
        """Whether the change added or edited ``entry`` (an entry of the new version)."""
        if self.new_file:
            return True
        index = bisect.bisect_left(self._entries, (entry.span.start, -1, False))
        return (
            index < len(self._entries)
            and self._entries[index][0] == entry.span.start
            and self._entries[index][2]
        )

    def covers_span(self, span: Span) -> bool:
        """Whether something at ``span`` belongs to the change."""
        if self.new_file:
            return True
        index = bisect.bisect_right(self._entries, (span.start, float("inf"), True)) - 1
        if index >= 0:
            start, end, changed = self._entries[index]
            if span.start < end or span.start == start:  # inside the entry (or at an empty one)
                return changed
        return any(line in self.touched_lines for line in range(span.start_line, span.end_line + 1))

    def covers(self, diagnostic: Diagnostic) -> bool:
        related = diagnostic.related
        return self.covers_span(diagnostic.span) or (related is not None and self.covers_span(related))


@dataclass(frozen=True)
class Revision:
    """A file's version at the revision (None: the file did not exist), read once and compared
    with as many new versions as needed (`fix` compares after every pass)."""

    text: str | None
    _entries: Counter[tuple[str, str]] = field(default_factory=Counter, compare=False)

    @classmethod
    def of(cls, text: str | None) -> Revision:
        if text is None:
            return cls(None)
        old = read(text)
        return cls(text, Counter((entry_identity(e, text), written(text, e)) for e in old.iter_entries()))

    def change(self, new_text: str, new: Document) -> Change:
        """What ``new_text`` (parsed as ``new``) introduced over this version."""
        if self.text is None:
            return Change(new_file=True)
        change = Change(new_file=False, touched_lines=_touched_lines(self.text, new_text))
        for entry in new.iter_entries():
            changed = self._entries[(entry_identity(entry, new_text), written(new_text, entry))] == 0
            change._entries.append((entry.span.start, entry.span.end, changed))
        change._entries.sort()
        return change


def _touched_lines(old_text: str, new_text: str) -> set[int]:
    old_lines, new_lines = LINE_BREAK.split(old_text), LINE_BREAK.split(new_text)
    touched: set[int] = set()
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for tag, _, _, first, last in matcher.get_opcodes():
        if tag != "equal":
            touched.update(range(first + 1, max(last, first + 1) + 1))  # a deletion touches its place
    return touched
