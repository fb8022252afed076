"""Reading a list's file: bytes from disk, decoded to text, or one clear reason why not; and the
fields of the tree, made from ranges of the normalised text."""

from __future__ import annotations

import codecs
import errno
import stat
from pathlib import Path
from typing import NamedTuple

from ..model import Field
from ..text import Source

MAX_BYTES = 64 * 2**20  # the largest lists are a few MiB; past this it is the wrong file


class InputError(Exception):
    """A file we cannot read as a Markdown list; the message is one line for the user."""


def field_at(source: Source, norm_start: int, norm_end: int, text: str) -> Field:
    """A field whose clean value is ``text`` and whose raw text is the source at that range of the
    normalised text."""
    span = source.span(norm_start, norm_end)
    raw = source.text[span.start : span.end]
    # most are as written: one string; the tuple made at once (a named tuple's `__new__` is a call more)
    return tuple.__new__(Field, (text, text if raw == text else raw, span))


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
