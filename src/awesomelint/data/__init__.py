"""The built-in data tables (venues, heading typos), read from files beside this module.

Read with a plain path rather than importlib.resources, whose import pulls in tempfile, shutil, bz2
and lzma: start-up time that a pre-commit hook pays on every run."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

_HERE = Path(__file__).resolve().parent


def load_table(name: str) -> dict[str, Any]:
    """The TOML table ``name`` (e.g. ``venues.toml``) shipped with the package."""
    return tomllib.loads((_HERE / name).read_text(encoding="utf-8"))
