"""The baseline: today's findings, recorded so that only new ones are reported (`--write-baseline`,
`--baseline`), for adopting the tool on a list that grew for years without a git revision to compare
with.

A finding is recorded by its file, its rule, where it is (the identity of its entry, as `--since`
matches entries; outside entries, the text of its line) and its message with numbers left out (line
numbers move). So it survives lines shifting, entries moving and renumbering, and a count per key
lets a list hold the same finding twice.
"""

from __future__ import annotations

import bisect
import errno
import json
import os
import re
import stat
import tempfile
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .changes import entry_identity
from .diagnostic import Diagnostic
from .model import Document
from .read.source import MAX_BYTES, InputError
from .text import LINE_BREAK

FORMAT = "awesomelint-baseline"
VERSION = 1
_NUMBER = re.compile(r"\d+")

Key = tuple[str, str, str, str]  # file, rule, where, message


def keys(name: str, text: str, document: Document, diagnostics: Sequence[Diagnostic]) -> list[Key]:
    """The baseline key of each finding of one file (``name`` as reports show it)."""
    entries = sorted(
        (entry.span.start, entry.span.end, entry_identity(entry, text)) for entry in document.iter_entries()
    )
    starts = [start for start, _, _ in entries]
    lines = LINE_BREAK.split(text)
    found = []
    for diagnostic in diagnostics:
        index = bisect.bisect_right(starts, diagnostic.span.start) - 1
        if index >= 0 and diagnostic.span.start < entries[index][1]:
            where = f"entry {entries[index][2]}"
        else:
            line = diagnostic.span.start_line
            where = "line " + (" ".join(lines[line - 1].split()) if 0 < line <= len(lines) else "")
        found.append((name, diagnostic.code, where, _NUMBER.sub("#", diagnostic.message)))
    return found


@dataclass
class Baseline:
    path: Path
    recorded: Counter[Key]
    _left: Counter[Key] = field(default_factory=Counter)

    def __post_init__(self) -> None:
        self._left = Counter(self.recorded)

    @classmethod
    def read(cls, path: Path) -> Baseline:
        """The baseline in ``path``, or InputError with a one-line reason. A pull request can name
        it (the `baseline` key): only a regular file of at most MAX_BYTES is read, and only the
        shape `--write-baseline` writes is accepted."""
        data = _parsed(_bounded(path))
        if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("version") != VERSION:
            raise InputError(f"{path}: not an awesomelint baseline; write it with --write-baseline")
        findings = data.get("findings")
        if not isinstance(findings, list):
            raise InputError(f"{path}: the baseline has no list of findings; write it again")
        recorded: Counter[Key] = Counter()
        for item in findings:
            key = _key_of(item)
            if key is None:
                raise InputError(f"{path}: a finding in the baseline is malformed; write it again")
            recorded[key[0]] += key[1]
        return cls(path, recorded)

    def take(self, found: Sequence[tuple[Key, Diagnostic]]) -> list[Diagnostic]:
        """The findings not in the baseline; the recorded ones they match are used up."""
        return unrecorded(self._left, found)

    def gone(self, files: Iterable[str]) -> int:
        """How many recorded findings of these files no longer occur (the baseline can be refreshed)."""
        names = set(files)
        return sum(count for key, count in self._left.items() if key[0] in names and count > 0)


def unrecorded(left: Counter[Key], found: Sequence[tuple[Key, Diagnostic]]) -> list[Diagnostic]:
    """The findings whose key ``left`` does not hold (any more), in the order given; each one it
    holds uses one up. The baseline and `--since` (whose record is the old version's findings)
    both leave out findings this way."""
    new = []
    for key, diagnostic in found:
        if left[key] > 0:
            left[key] -= 1
        else:
            new.append(diagnostic)
    return new


_FIELDS = ("file", "rule", "where", "message")
_MAX_COUNT = 2**31


def _bounded(path: Path) -> bytes:
    """The bytes of ``path`` if it is a regular file of at most MAX_BYTES (a FIFO is opened without
    waiting for a writer, and refused; `/dev/zero` is refused before a byte is read)."""
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise InputError(f"{path}: no such baseline; create it with --write-baseline {path}") from None
    except OSError as error:
        raise InputError(f"{path}: the baseline cannot be read ({error.strerror}); check the path") from None
    status = os.fstat(handle)
    if not stat.S_ISREG(status.st_mode):
        os.close(handle)
        raise InputError(f"{path}: the baseline is not a regular file; name the file --write-baseline wrote")
    with os.fdopen(handle, "rb") as stream:
        if status.st_size > MAX_BYTES:
            raise InputError(
                f"{path}: the baseline is over {MAX_BYTES // 2**20} MiB; check that it is the right file"
            )
        try:
            data = stream.read(MAX_BYTES + 1)
        except OSError as error:
            raise InputError(
                f"{path}: the baseline cannot be read ({error.strerror}); check the file"
            ) from None
    if len(data) > MAX_BYTES:
        raise InputError(
            f"{path}: the baseline is over {MAX_BYTES // 2**20} MiB; check that it is the right file"
        )
    return data


def _parsed(data: bytes) -> object:
    try:
        return json.loads(data.decode("utf-8"), parse_constant=_no_constant)
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None  # reported as not a baseline


def _no_constant(name: str) -> object:
    raise ValueError(f"{name} is not JSON")


def _key_of(item: object) -> tuple[Key, int] | None:
    """A recorded finding and its count, or None for anything but the shape written below."""
    if not isinstance(item, dict):
        return None
    values = [item.get(name) for name in _FIELDS]
    count = item.get("count", 1)
    if not all(isinstance(value, str) for value in values):
        return None
    if not isinstance(count, int) or isinstance(count, bool) or not 0 < count <= _MAX_COUNT:
        return None
    file, rule, where, message = (str(value) for value in values)
    return (file, rule, where, message), count


def write(path: Path, found: Sequence[Key]) -> None:
    """Write the baseline atomically (OSError if it cannot be). A symbolic link or anything but a
    regular file in its place is refused, not followed or opened (a FIFO would block)."""
    if path.is_symlink():
        raise OSError(errno.ELOOP, "it is a symbolic link, not followed; name the file itself")
    if path.exists() and not path.is_file():
        raise OSError(errno.EINVAL, "it is not a regular file")
    counts = Counter(found)
    findings = [
        {"file": key[0], "rule": key[1], "where": key[2], "message": key[3], "count": count}
        for key, count in sorted(counts.items())
    ]
    payload = {"format": FORMAT, "version": VERSION, "findings": findings}
    mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else 0o666 & ~_umask()
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(json.dumps(payload, ensure_ascii=False, indent=1) + "\n")
        os.chmod(temporary, mode)
        os.replace(temporary, path)  # replaces whatever took its place meanwhile, never follows it
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current
