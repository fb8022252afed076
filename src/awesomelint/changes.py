"""What a change introduced (`--since REF`): a file's text at a git revision, the findings that are
new compared with it, and the entries and lines the change added or edited.

The findings of `--since` are those of the new version that the old version does not have, matched
as the baseline matches them (rule, entry identity or line text, message without numbers), so the
two agree by construction; a change that breaks an untouched line (a renamed heading breaking a
table of contents link, an entry inserted without renumbering) is reported there.

Entries are paired across the two versions by identity (their paper or title link, else their
title, else their text): a patience alignment of the identities keeps each entry with its old self
where it stayed, identity alone pairs the ones that moved, and an entry left unpaired (a new one,
or a pasted copy of an old one) is new: its findings are the last to be matched with the old
version's, and a duplicate pair with one new member is reported on the new one. Lines are aligned
by the same patience diff (linear for the changes a pull request makes), for the links, papers and
fixes outside entries that a change touches.
"""

from __future__ import annotations

import bisect
import os
import pickle
import signal
import subprocess
import sys
import threading
import weakref
from collections import Counter, defaultdict, deque
from collections.abc import Hashable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, NoReturn, TypeVar

from .diagnostic import Diagnostic
from .model import Document, Entry
from .read import read
from .read.source import MAX_BYTES, InputError, decode
from .rules._duplicates import link_identity, mark_new, title_key
from .text import LINE_BREAK, Span

if TYPE_CHECKING:
    from .engine import Settings

H = TypeVar("H", bound=Hashable)


class ChangeError(InputError):
    """`--since` cannot be honoured: no git, not a repository, an unknown revision."""


def text_at_revision(path: Path, revision: str) -> str | None:
    """The text of ``path`` at git ``revision``, or None when the file did not exist there (or was
    no regular file). The revision is resolved to a commit first and never reaches git as an option
    (`--upload-pack=...`); a text over the size of a list is refused as a file of that size is."""
    if not revision.strip() or revision.startswith("-") or any(ord(c) < 32 for c in revision):
        raise ChangeError(f"--since {revision!r}: not a git revision; give a branch, tag or commit")
    folder = path.resolve().parent
    top = _git(
        ["rev-parse", "--show-toplevel"], folder, f"{path}: not inside a git repository; --since needs one"
    )
    commit = _git(
        ["rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}"],
        folder,
        f"--since {revision}: no such revision in {top}; fetch it first (a shallow clone may lack it)",
    )
    relative = path.resolve().relative_to(Path(top).resolve()).as_posix()
    failure = f"{path}: cannot be read at {revision}"
    listed = _git(["ls-tree", "-z", "--full-tree", commit, "--", relative], Path(top), failure).split("\0")[0]
    mode, kind, blob = [*listed.partition("\t")[0].split(), "", "", ""][:3]
    if kind != "blob" or mode not in ("100644", "100755"):
        return None  # the file is new since the revision (or was a link or a folder): all of it is new
    size = int(_git(["cat-file", "-s", blob], Path(top), failure))
    if size > MAX_BYTES:
        raise ChangeError(
            f"{path} at {revision}: {size / 2**20:.0f} MiB, more than the {MAX_BYTES // 2**20} MiB "
            "an awesome list could need; check the revision"
        )
    shown = subprocess.run(["git", "cat-file", "blob", blob], cwd=top, capture_output=True, check=False)
    if shown.returncode != 0:
        raise ChangeError(failure)
    return decode(shown.stdout[: MAX_BYTES + 1], f"{path} at {revision}") if shown.stdout.strip() else ""


def _git(arguments: list[str], folder: Path, failure: str) -> str:
    try:
        done = subprocess.run(
            ["git", *arguments], cwd=folder, capture_output=True, text=True, errors="replace", check=False
        )
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


# -- alignment ------------------------------------------------------------------------------------------


def aligned(old: Sequence[H], new: Sequence[H]) -> list[tuple[int, int]]:
    """Pairs (i, j) with ``old[i] == new[j]``, increasing in both: a patience diff. Common ends are
    paired first, then the items found once on each side anchor a longest increasing run, and the
    stretches between anchors are aligned the same way. Each stretch costs its length, so a change
    of a few lines in a long list costs about one pass over it (difflib's matcher was quadratic)."""
    pairs: list[tuple[int, int]] = []
    stack = [(0, len(old), 0, len(new))]
    budget = 16 * (len(old) + len(new))  # items counted in stretches: linear even when shuffled
    while stack:
        low_a, high_a, low_b, high_b = stack.pop()
        while low_a < high_a and low_b < high_b and old[low_a] == new[low_b]:
            pairs.append((low_a, low_b))
            low_a, low_b = low_a + 1, low_b + 1
        while low_a < high_a and low_b < high_b and old[high_a - 1] == new[high_b - 1]:
            high_a, high_b = high_a - 1, high_b - 1
            pairs.append((high_a, high_b))
        budget -= (high_a - low_a) + (high_b - low_b)
        if low_a == high_a or low_b == high_b or budget < 0:
            continue  # what is left unpaired counts as changed
        anchors = _anchors(old, new, low_a, high_a, low_b, high_b)
        previous_a, previous_b = low_a, low_b
        for i, j in anchors:
            pairs.append((i, j))
            stack.append((previous_a, i, previous_b, j))
            previous_a, previous_b = i + 1, j + 1
        if anchors:
            stack.append((previous_a, high_a, previous_b, high_b))
    pairs.sort()
    return pairs


def _anchors(
    old: Sequence[H], new: Sequence[H], low_a: int, high_a: int, low_b: int, high_b: int
) -> list[tuple[int, int]]:
    """The items found exactly once in each stretch, paired, keeping the longest run whose positions
    increase on both sides (patience sorting)."""
    count_a = Counter(old[low_a:high_a])
    count_b = Counter(new[low_b:high_b])
    where_b = {new[j]: j for j in range(low_b, high_b) if count_b[new[j]] == 1}
    candidates = [
        (i, where_b[old[i]]) for i in range(low_a, high_a) if count_a[old[i]] == 1 and old[i] in where_b
    ]
    tops: list[int] = []  # the smallest last position in `new` of an increasing run of each length
    ends: list[int] = []  # the candidate that ends it
    back: list[int] = []  # each candidate's predecessor in its run
    for index, (_, j) in enumerate(candidates):
        length = bisect.bisect_left(tops, j)
        back.append(ends[length - 1] if length else -1)
        if length == len(tops):
            tops.append(j)
            ends.append(index)
        else:
            tops[length], ends[length] = j, index
    run: list[tuple[int, int]] = []
    index = ends[-1] if ends else -1
    while index >= 0:
        run.append(candidates[index])
        index = back[index]
    return run[::-1]


def _partners(old: Sequence[str], new: Sequence[str]) -> list[int | None]:
    """For each new entry (by identity), the old entry it continues, or None: aligned where it
    stayed, else the first unpaired old entry of that identity (it moved); when identity matching
    pairs two new entries with one old one, the extra is left unpaired."""
    partner: list[int | None] = [None] * len(new)
    taken = [False] * len(old)
    for i, j in aligned(old, new):
        partner[j], taken[i] = i, True
    moved: defaultdict[str, deque[int]] = defaultdict(deque)
    for i, identity in enumerate(old):
        if not taken[i]:
            moved[identity].append(i)
    for j, identity in enumerate(new):
        if partner[j] is None and moved[identity]:
            partner[j] = moved[identity].popleft()
    return partner


# -- what a change introduced ---------------------------------------------------------------------------


class Change:
    """The parts of a file's new version that a change introduced."""

    def __init__(self, new_file: bool, touched_lines: set[int] | None = None) -> None:
        self.new_file = new_file
        self.touched_lines = touched_lines or set()  # 1-based lines of the new version
        self._entries: list[tuple[int, int, bool, bool]] = []  # (start, end, changed, new), sorted

    def is_changed(self, entry: Entry) -> bool:
        """Whether the change added or edited ``entry`` (an entry of the new version)."""
        found = self._entry_at(entry.span)
        return self.new_file or (found is not None and found[2])

    def covers_span(self, span: Span) -> bool:
        """Whether something at ``span`` belongs to the change: in an added or edited entry, or
        outside entries on a line the change touched (links and papers to check, fixes to make)."""
        if self.new_file:
            return True
        found = self._entry_at(span)
        return found[2] if found is not None else self._touches(span)

    def is_new_at(self, span: Span) -> bool:
        """Whether ``span`` is in an entry the change added (not one it edited), or outside entries
        on a line it touched: the findings there are matched last with the old version's."""
        if self.new_file:
            return True
        found = self._entry_at(span)
        return found[3] if found is not None else self._touches(span)

    def _touches(self, span: Span) -> bool:
        return any(line in self.touched_lines for line in range(span.start_line, span.end_line + 1))

    def _entry_at(self, span: Span) -> tuple[int, int, bool, bool] | None:
        index = bisect.bisect_right(self._entries, (span.start, float("inf"))) - 1
        if index >= 0:
            start, end, changed, new = self._entries[index]
            if span.start < end or span.start == start:  # inside the entry (or at an empty one)
                return start, end, changed, new
        return None


Key = tuple[str, str, str, str]  # a finding as the baseline records it


class Revision:
    """A file's version at the revision (None: the file did not exist), read once and compared
    with as many new versions as needed (`fix` compares after every pass).

    Given the file's ``settings``, a long old version is read and linted in a child process while
    this one reads the new version (two cores: `--since` then costs about what a plain `check`
    does, not twice); anywhere that cannot fork, or if the child fails, it is done here."""

    def __init__(self, text: str | None, settings: Settings | None = None) -> None:
        self.text = text
        self._lines = LINE_BREAK.split(text) if text is not None else []
        self._entries: tuple[list[str], list[str]] | None = None  # identities, texts as written
        self._findings: tuple[Settings, Counter[Key]] | None = None
        self._document: Document | None = None  # when read here, not in a child process
        self._child = _OldVersion.start(text, settings) if text is not None and settings is not None else None

    @classmethod
    def of(cls, text: str | None, settings: Settings | None = None) -> Revision:
        return cls(text, settings)

    def change(self, new_text: str, new: Document) -> Change:
        """What ``new_text`` (parsed as ``new``) introduced over this version; the new entries are
        marked on ``new``, so that a duplicate pair with one of them is reported on it."""
        if self.text is None:
            return Change(new_file=True)
        identities, texts = self._old_entries()
        change = Change(new_file=False, touched_lines=_touched_lines(self._lines, new_text))
        entries = list(new.iter_entries())
        partner = _partners(identities, [entry_identity(e, new_text) for e in entries])
        added = []
        for entry, old in zip(entries, partner, strict=True):
            changed = old is None or texts[old] != written(new_text, entry)
            change._entries.append((entry.span.start, entry.span.end, changed, old is None))
            if old is None:
                added.append(entry)
        change._entries.sort()
        mark_new(new, added)
        return change

    def new_findings(
        self, change: Change, document: Document, diagnostics: Sequence[Diagnostic], settings: Settings
    ) -> list[Diagnostic]:
        """The findings of ``document`` (the new version, with ``change``) that this version does not
        have: matched as the baseline matches them, those in what the change added matched last."""
        from .baseline import keys, unrecorded

        if self.text is None or not diagnostics:
            return list(diagnostics)  # nothing to compare: the old version need not be linted
        found = list(zip(keys("", document.text, document, diagnostics), diagnostics, strict=True))
        ordered = sorted(range(len(found)), key=lambda index: change.is_new_at(found[index][1].span))
        new = {id(d) for d in unrecorded(self._old_findings(settings), [found[i] for i in ordered])}
        return [d for d in diagnostics if id(d) in new]

    def _old_entries(self) -> tuple[list[str], list[str]]:
        if self._entries is None:
            text = self.text or ""
            received = self._child.entries() if self._child is not None else _RECENT.get(text)
            if received is None:
                self._document = read(text)
                received = _entries_of(self._document, text)
            self._entries = _RECENT[text] = received
            while len(_RECENT) > 4:
                del _RECENT[next(iter(_RECENT))]
        return self._entries

    def _old_findings(self, settings: Settings) -> Counter[Key]:
        """The keys of this version's findings under ``settings`` (linted once)."""
        if self._findings is None or self._findings[0] is not settings:
            child, self._child = self._child, None
            received = child.findings() if child is not None and child.settings is settings else None
            if child is not None:
                child.close()
            self._findings = (
                settings,
                received if received is not None else _findings_of(self.text or "", settings, self._document),
            )
        return Counter(self._findings[1])


# The entries of the last old versions read: the Action asks `check --since`, then `parse --since`,
# about one revision in one process.
_RECENT: dict[str, tuple[list[str], list[str]]] = {}


def _entries_of(document: Document, text: str) -> tuple[list[str], list[str]]:
    entries = list(document.iter_entries())
    return [entry_identity(e, text) for e in entries], [written(text, e) for e in entries]


def _findings_of(text: str, settings: Settings, document: Document | None = None) -> Counter[Key]:
    from .baseline import keys
    from .engine import run_rules

    document = document if document is not None else read(text)
    return Counter(keys("", text, document, run_rules(document, settings)))


_PARALLEL_FROM = 256 * 1024  # below this a child process costs more than it saves


class _OldVersion:
    """The old version read and linted in a forked child, which sends its entries as soon as they
    are read, then its findings; None from either means the child failed (the caller does the work)."""

    def __init__(self, pid: int, pipe: BinaryIO, settings: Settings) -> None:
        self.pid, self.pipe, self.settings = pid, pipe, settings
        self._finalizer = weakref.finalize(self, _end_child, pid, pipe)

    @classmethod
    def start(cls, text: str, settings: Settings) -> _OldVersion | None:
        if (
            len(text) < _PARALLEL_FROM
            or not hasattr(os, "fork")
            or sys.platform != "linux"  # fork is unsafe under macOS's frameworks, absent on Windows
            or threading.active_count() > 1
            or len(os.sched_getaffinity(0)) < 2
        ):
            return None
        reading, writing = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: never returns
            os.close(reading)
            _child(text, settings, writing)
        os.close(writing)
        return cls(pid, os.fdopen(reading, "rb"), settings)

    def entries(self) -> tuple[list[str], list[str]] | None:
        received = self._receive()
        return received if isinstance(received, tuple) else None

    def findings(self) -> Counter[Key] | None:
        received = self._receive()
        return received if isinstance(received, Counter) else None

    def _receive(self) -> object:
        try:
            return pickle.load(self.pipe)
        except (EOFError, OSError, pickle.UnpicklingError):
            return None

    def close(self) -> None:
        self._finalizer()


def _end_child(pid: int, pipe: BinaryIO) -> None:
    """End the child, done or not (its findings may not be needed: the new version had none)."""
    pipe.close()
    try:
        if os.waitpid(pid, os.WNOHANG)[0] == 0:  # still running: not reaped, so the id is still its
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
    except (ChildProcessError, ProcessLookupError):
        pass  # already reaped


def _child(text: str, settings: Settings, writing: int) -> NoReturn:
    code = 1
    try:
        with os.fdopen(writing, "wb") as pipe:
            document = read(text)
            pickle.dump(_entries_of(document, text), pipe, protocol=pickle.HIGHEST_PROTOCOL)
            pipe.flush()
            pickle.dump(_findings_of(text, settings, document), pipe, protocol=pickle.HIGHEST_PROTOCOL)
        code = 0
    finally:
        os._exit(code)  # no clean-up of the parent's state (its files, its atexit handlers)


def _touched_lines(old_lines: Sequence[str], new_text: str) -> set[int]:
    """The 1-based lines of the new text that the change added or edited; a deletion touches the
    line after it."""
    new_lines = LINE_BREAK.split(new_text)
    touched: set[int] = set()
    previous_a = previous_b = -1
    for i, j in [*aligned(old_lines, new_lines), (len(old_lines), len(new_lines))]:
        if i - previous_a > 1 or j - previous_b > 1:
            first, last = previous_b + 1, j
            touched.update(range(first + 1, max(last, first + 1) + 1))
        previous_a, previous_b = i, j
    return touched
