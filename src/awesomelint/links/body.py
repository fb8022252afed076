"""Reading the start of a response body with a bound on the *decoded* bytes.

httpx decodes each received chunk whole, so a few kilobytes of stacked gzip (`Content-Encoding: gzip,
gzip`) can become a gigabyte in one step. Here the raw bytes are decoded layer by layer with zlib's
``max_length``, so no layer ever produces more than the bound.
"""

from __future__ import annotations

import zlib
from collections.abc import AsyncIterator

_WBITS = {"gzip": 16 + zlib.MAX_WBITS, "x-gzip": 16 + zlib.MAX_WBITS, "deflate": zlib.MAX_WBITS}


class UnsupportedEncoding(Exception):
    """The body uses an encoding we do not decode (br, zstd, compress...)."""


class _Layers:
    def __init__(self, content_encoding: str, limit: int) -> None:
        names = [name.strip().lower() for name in content_encoding.split(",")]
        names = [name for name in names if name and name != "identity"]
        unknown = [name for name in names if name not in _WBITS]
        if unknown:
            raise UnsupportedEncoding(", ".join(unknown))
        # The last encoding applied is the first to undo.
        self._decoders = [zlib.decompressobj(_WBITS[name]) for name in reversed(names)]
        self._produced = [0] * len(self._decoders)
        self._limit = limit

    def feed(self, data: bytes) -> bytes:
        for index, decoder in enumerate(self._decoders):
            room = self._limit - self._produced[index]
            if room <= 0 or not data:
                return b""
            data = decoder.decompress(data, room)
            self._produced[index] += len(data)
        return data


async def decoded_chunks(
    raw: AsyncIterator[bytes], content_encoding: str, limit: int
) -> AsyncIterator[bytes]:
    """The decoded body, chunk by chunk, from the raw chunks ``raw`` yields; at most ``limit`` bytes
    in all. Raises UnsupportedEncoding, and zlib.error on a corrupt body."""
    layers = _Layers(content_encoding, limit)
    total = 0
    async for chunk in raw:
        data = layers.feed(chunk)[: limit - total]
        if data:
            total += len(data)
            yield data
        if total >= limit:
            return
