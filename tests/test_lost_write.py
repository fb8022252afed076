"""Issue 27, item 7: a write that lands just before `fix` puts its result in place is not lost. On
Linux the result is swapped in with renameat2(RENAME_EXCHANGE), the old file (now at the temporary
name) is compared with what was read, and the swap is undone if another program wrote to it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from awesomelint import fix, fixer
from awesomelint.fixer import write_fixed
from awesomelint.read.source import InputError, read_source

LIST = "# List\n\n## Tools\n\n- [Alpha](https://example.org/a) - A tool.   \n"
APPENDED = "- [Beta](https://example.org/b) - Written by an editor meanwhile.\n"

linux = pytest.mark.skipif(sys.platform != "linux", reason="renameat2 is Linux's")


def _list(folder: Path) -> Path:
    path = folder / "README.md"
    path.write_text(LIST, encoding="utf-8")
    return path


@linux
def test_a_write_after_the_last_check_is_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _list(tmp_path)
    source = read_source(path)
    exchange = fixer._exchange
    calls: list[bool] = []

    def write_then_exchange(first: str | Path, second: Path) -> bool:
        if not calls:  # the other program writes after the comparison, before the swap
            with path.open("a", encoding="utf-8") as stream:
                stream.write(APPENDED)
        calls.append(exchange(first, second))
        return calls[-1]

    monkeypatch.setattr(fixer, "_exchange", write_then_exchange)
    with pytest.raises(InputError, match="changed on disk"):
        write_fixed(source, fix(LIST).text)
    assert calls == [True, True]  # swapped in, and back
    assert path.read_text(encoding="utf-8") == LIST + APPENDED
    assert [p.name for p in tmp_path.iterdir()] == ["README.md"]  # no temporary file left


@linux
def test_an_undisturbed_fix_is_swapped_in_and_leaves_nothing_behind(tmp_path: Path) -> None:
    path = _list(tmp_path)
    path.chmod(0o640)
    inode = path.stat().st_ino
    write_fixed(read_source(path), fix(LIST).text)
    assert path.read_text(encoding="utf-8") == fix(LIST).text != LIST
    assert path.stat().st_ino != inode and path.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["README.md"]


def test_without_an_exchange_the_rename_is_as_before(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fixer, "_exchange", lambda first, second: False)  # another kernel or system
    path = _list(tmp_path)
    write_fixed(read_source(path), fix(LIST).text)
    assert path.read_text(encoding="utf-8") == fix(LIST).text
    assert [p.name for p in tmp_path.iterdir()] == ["README.md"]
