"""Source text: decoding files, and turning character offsets into line/column spans.

markdown-it-py works on text with normalised line endings and no byte-order mark. We parse that
normalised text, and every span we report is translated back to offsets into the text the user
gave us, so that ``text[span.start:span.end]`` is always the exact source of a node.
"""

from __future__ import annotations

import bisect
import codecs
import errno
import functools
import itertools
import re
import stat
from pathlib import Path
from typing import NamedTuple

from .model import Field, Span

BOM = "\ufeff"
MAX_BYTES = 64 * 2**20  # the largest lists are a few MiB; past this it is the wrong file
LINE_BREAK = re.compile(r"\r\n?|\n")


def line_ending(text: str) -> str:
    """The file's own line ending: the most frequent of CRLF, CR and LF (LF when there is none)."""
    if "\r" not in text:
        return "\n"
    counts = {"\n": 0, "\r\n": 0, "\r": 0}
    for match in LINE_BREAK.finditer(text):
        counts[match[0]] += 1
    return max(counts, key=lambda ending: counts[ending])  # ties keep LF, listed first


def _line_starts(text: str) -> list[int]:
    """Where each line of an LF-only text starts."""
    return [0, *itertools.accumulate(len(line) + 1 for line in text.split("\n")[:-1])]


class InputError(Exception):
    """A file we cannot read as a Markdown list; the message is one line for the user."""


class Line(NamedTuple):
    """A line of the original text: 1-based number, start offset, content without the break. A
    tuple: a list of 100,000 lines builds fastest that way."""

    number: int
    start: int
    text: str
    has_break: bool

    @property
    def end(self) -> int:
        return self.start + len(self.text)


class Source:
    """The original text, its parser-ready normalised form, and offset translation between them."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.has_bom = text.startswith(BOM)
        body = text[1:] if self.has_bom else text
        # Most files have LF breaks and no BOM: there both texts have the same offsets.
        self._same_offsets = not self.has_bom and "\r" not in body
        lf_only = body if self._same_offsets else LINE_BREAK.sub("\n", body)
        self.normalized = lf_only.replace("\0", "\ufffd")
        self._norm_starts = _line_starts(self.normalized)
        if self._same_offsets:
            self._orig_starts = self._norm_starts
        else:  # line starts in the original text, with the BOM counted as part of line 1's prefix
            self._orig_starts = [1 if self.has_bom else 0]
            self._orig_starts.extend(m.end() + self.has_bom for m in LINE_BREAK.finditer(body))

    @property
    def line_count(self) -> int:
        return len(self._norm_starts)

    def norm_line_start(self, line: int) -> int:
        """Offset in the normalised text of the 0-based ``line``."""
        return self._norm_starts[line]

    def norm_line(self, line: int) -> str:
        """The 0-based ``line`` of the normalised text, without its line break."""
        start = self._norm_starts[line]
        end = self._norm_starts[line + 1] - 1 if line + 1 < len(self._norm_starts) else None
        return self.normalized[start:end]

    def span(self, norm_start: int, norm_end: int) -> Span:
        """The span of ``normalized[norm_start:norm_end]``, in original offsets."""
        if self._same_offsets:
            return Span(norm_start, norm_end, self._orig_starts)
        return Span(self.original_offset(norm_start), self.original_offset(norm_end), self._orig_starts)

    def original_offset(self, norm_offset: int) -> int:
        """The offset in the original text of ``norm_offset`` in the normalised text."""
        if self._same_offsets:
            return norm_offset
        line = bisect.bisect_right(self._norm_starts, norm_offset) - 1
        return self._orig_starts[line] + norm_offset - self._norm_starts[line]

    def field(self, norm_start: int, norm_end: int, text: str) -> Field:
        """A field whose clean value is ``text`` and whose raw text is the source at that range."""
        span = self.span(norm_start, norm_end)
        return Field(text=text, raw=self.text[span.start : span.end], span=span)

    def normalized_offset(self, offset: int) -> int:
        """The offset in the normalised text of ``offset`` in the original text."""
        if self._same_offsets:
            return min(max(offset, 0), len(self.normalized))
        line = max(bisect.bisect_right(self._orig_starts, offset) - 1, 0)
        column = offset - self._orig_starts[line]
        return min(self._norm_starts[line] + max(column, 0), len(self.normalized))

    def original_span(self, start: int, end: int) -> Span:
        """The span of ``text[start:end]`` (offsets into the original text)."""
        return Span(start, end, self._orig_starts)

    @functools.cached_property
    def lines(self) -> tuple[Line, ...]:
        """The lines of the original text, computed once."""
        text, starts = self.text, self._orig_starts
        if self._same_offsets:  # line feeds only: every line but the last ends with one
            texts = text.split("\n")
            breaks = itertools.chain(itertools.repeat(True, len(texts) - 1), (False,))
            return tuple(map(Line, itertools.count(1), starts, texts, breaks))
        result = []
        for index, start in enumerate(starts):
            stop = starts[index + 1] if index + 1 < len(starts) else len(text)
            raw = text[start:stop]
            content = raw.rstrip("\r\n")
            result.append(Line(index + 1, start, content, len(content) != len(raw)))
        return tuple(result)

    def line_span(self, first_line: int, last_line: int) -> Span:
        """The span of whole 0-based lines ``first_line..last_line`` (inclusive), without the break."""
        end = self._norm_starts[last_line] + len(self.norm_line(last_line))
        return self.span(self._norm_starts[first_line], end)


class SourceFile(NamedTuple):
    """A Markdown file read from disk: its decoded text and what is needed to write it back."""

    path: Path
    text: str
    data: bytes


def read_source(path: Path) -> SourceFile:
    """Read ``path`` as UTF-8 Markdown, raising InputError with a one-line reason otherwise. Only a
    regular file (after symbolic links) is read, and never more than MAX_BYTES + 1 bytes of it: a
    FIFO would block forever and `/dev/zero` never ends."""
    try:
        status = path.stat()
        if stat.S_ISDIR(status.st_mode):
            raise InputError(f"{path}: is a directory; give a Markdown file")
        if not stat.S_ISREG(status.st_mode):
            raise InputError(
                f"{path}: is not a regular file ({_file_kind(status.st_mode)}); give a Markdown file"
            )
        if status.st_size > MAX_BYTES:
            raise InputError(_too_big(path, f"{status.st_size / 2**20:.0f} MiB"))
        with path.open("rb") as stream:
            data = stream.read(MAX_BYTES + 1)  # the file may grow while it is read
    except FileNotFoundError:
        raise InputError(f"{path}: no such file; check the path") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied; make the file readable") from None
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise InputError(f"{path}: symbolic link loop; point the link at a file") from None
        raise InputError(f"{path}: cannot be read ({error.strerror}); check the file") from None
    if len(data) > MAX_BYTES:
        raise InputError(_too_big(path, f"over {MAX_BYTES // 2**20} MiB"))
    return SourceFile(path=path, text=decode(data, str(path)), data=data)


def _too_big(path: Path, size: str) -> str:
    return (
        f"{path}: the file is {size}, more than the {MAX_BYTES // 2**20} MiB an awesome list could need; "
        "check that it is the right file"
    )


def _file_kind(mode: int) -> str:
    for test, name in (
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return name
    return "a special file"


def decode(data: bytes, name: str) -> str:
    """The text of a Markdown file's bytes, or InputError naming ``name`` and the problem."""
    if not data.strip():
        return data.decode("utf-8", errors="replace")  # an empty file is an empty list: nothing to find
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or _looks_like_utf16(data):
        raise InputError(f"{name}: the file is UTF-16 text; convert it to UTF-8")
    if b"\0" in data:
        raise InputError(f"{name}: looks like a binary file (it contains NUL bytes); give a Markdown file")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(
            f"{name}: not UTF-8 text (byte 0x{data[error.start]:02x} at offset {error.start}); "
            "convert the file to UTF-8"
        ) from None


def _looks_like_utf16(data: bytes) -> bool:
    """UTF-16 without a byte order mark: ASCII text with a NUL in every other byte."""
    sample = data[:1024]
    if len(sample) < 4:
        return False
    evens, odds = sample[0::2], sample[1::2]
    return evens.count(0) > 0.9 * len(evens) or odds.count(0) > 0.9 * len(odds)
