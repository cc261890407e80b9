"""Read an HTTP body within a byte cap and a deadline, decoding gzip/deflate ourselves.

httpx would decompress for us, but one compressed chunk can expand a thousandfold in a
single call; decompressing with `max_length` keeps a gzip bomb from ever being held in
memory beyond the cap.
"""

from __future__ import annotations

import time
import zlib
from collections.abc import Iterable

from dossier.exc import SourceError

# wbits: 47 = 32 + 15 accepts both gzip and zlib headers; -15 is raw deflate, which some
# servers send as "deflate".
_WBITS = {"gzip": 47, "x-gzip": 47, "deflate": 47}


class BodyReader:
    """Accumulates decoded body bytes, failing once `max_bytes` or the deadline is passed."""

    def __init__(self, encoding: str, max_bytes: int, deadline: float, where: str) -> None:
        encoding = encoding.strip().lower()
        if encoding not in ("", "identity") and encoding not in _WBITS:
            raise SourceError(f"unsupported content encoding {encoding!r}", where)
        self._inflater = zlib.decompressobj(_WBITS[encoding]) if encoding in _WBITS else None
        self._max = max_bytes
        self._deadline = deadline
        self._where = where
        self._parts: list[bytes] = []
        self._size = 0

    def feed(self, chunk: bytes) -> None:
        """Add one raw (possibly compressed) chunk."""
        if time.monotonic() > self._deadline:
            raise SourceError("timed out reading the response", self._where)
        if self._inflater is None:
            self._keep(chunk)
            return
        data = chunk
        while data:
            try:
                out = self._inflater.decompress(data, self._max - self._size + 1)
            except zlib.error as err:
                raise SourceError(f"corrupt compressed body ({err})", self._where) from err
            self._keep(out)
            data = self._inflater.unconsumed_tail

    def _keep(self, data: bytes) -> None:
        self._size += len(data)
        if self._size > self._max:
            raise SourceError(f"response larger than {self._max} bytes (decoded)", self._where)
        self._parts.append(data)

    def read_all(self, chunks: Iterable[bytes]) -> bytes:
        """Feed every chunk and return the decoded body."""
        for chunk in chunks:
            self.feed(chunk)
        return b"".join(self._parts)
