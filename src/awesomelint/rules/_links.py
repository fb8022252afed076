"""Link-check results for the links of a document (shared by AL511-AL514)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..engine import Context
from ..evidence.links import link_key
from ..model import Link

if TYPE_CHECKING:
    from ..evidence.links import LinkResult


def checked_links(ctx: Context) -> Iterator[tuple[Link, LinkResult]]:
    """Each link of the document with its result; nothing when links were not checked."""
    if ctx.links is None:
        return
    for link in ctx.document.links:
        key = link_key(link.url)
        result = ctx.links.get(key) if key is not None else None
        if result is not None:
            yield link, result
