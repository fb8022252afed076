"""Time: how long a server asks us to wait, and a bound on any awaitable."""

from __future__ import annotations

import asyncio
import email.utils
import sys
import time
from collections.abc import Coroutine
from typing import Any, TypeVar

import httpx

T = TypeVar("T")


def retry_after(headers: httpx.Headers, now: float | None = None) -> float | None:
    """Seconds a Retry-After header asks to wait (delta-seconds or an HTTP date)."""
    value = headers.get("retry-after")
    if value is None:
        return None
    value = value.strip()
    if value.isascii() and value.isdigit():  # `²` is a digit to str.isdigit, and no number to float
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value) if value.isascii() else None
        seconds = when.timestamp() if when is not None else None
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return None if seconds is None else max(0.0, seconds - (now if now is not None else time.time()))


async def within(seconds: float, awaitable: Coroutine[Any, Any, T]) -> T:
    """``await awaitable``, or TimeoutError after ``seconds``. On Python 3.11+ without the extra task
    that asyncio.wait_for creates for every call (a measurable cost with thousands of links)."""
    if sys.version_info >= (3, 11):
        async with asyncio.timeout(seconds):
            return await awaitable
    return await asyncio.wait_for(awaitable, seconds)
