"""The cyclic garbage collector of the console process (never of the library's callers).

A parsed list is hundreds of thousands of small objects that live until the end and leave no
reference cycles behind worth collecting: the collector only rescans them, a tenth of the time of
`check` on a list of 20,000 entries (with the same peak memory without it, measured). It is off for
the local work, and on around the network, whose tasks, exceptions and tracebacks do leave cycles.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


def tune_garbage_collector() -> None:
    """Off for this process, and what the imports made kept out of every later collection."""
    gc.freeze()
    gc.disable()


@contextlib.contextmanager
def collecting() -> Iterator[None]:
    """The collector on while the block runs, if `tune_garbage_collector` turned it off; what exists
    already (the parsed lists) is frozen first, so that it is never rescanned."""
    if gc.isenabled():
        yield
        return
    gc.freeze()
    gc.enable()
    try:
        yield
    finally:
        gc.disable()
