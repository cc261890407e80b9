"""Answer caches (found by bench/load.py): JSON GETs per database version, and a bounded
LRU for `/match` answers.

An entity page of a much-mentioned entity costs dozens of queries; under load the same
pages and searches are asked for again and again. An answer is kept while the database
is unchanged. The version is SQLite's `PRAGMA data_version`, read on every request from
a connection of the app's own that never writes (`app.state.data_version`; the `/match`
index cache reads it too): it changes with every commit by any
other connection, of this server or of another process (`dossier ingest`, `dossier lists
load`), and costs microseconds. It is exact, where the files' size and modification time
(the first version) missed a commit that kept the write-ahead log's size within one tick
of the file clock, so answers had to expire after 5 s and under load most were
recomputed every few seconds.

Only JSON is cached: HTML pages carry the visitor's CSRF token and login state. Requests
with cookies and PostgreSQL stores (no data version to read) pass straight through.
"""

from __future__ import annotations

import asyncio
import sqlite3
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import Engine
from starlette.types import ASGIApp, Message, Receive, Scope, Send

MAX_ENTRIES = 2048
MAX_BODY = 1_000_000
Key = tuple[str, bytes, bytes]


@dataclass(frozen=True, slots=True)
class Cached:
    """One stored answer and the database version it was computed at."""

    version: int
    messages: tuple[Message, ...]


def sqlite_files(engine: Engine) -> tuple[Path, ...] | None:
    """The database file and its write-ahead log, or None when not a SQLite file."""
    name = engine.url.database
    if engine.dialect.name != "sqlite" or not name or name == ":memory:":
        return None
    path = Path(name)
    return (path, path.with_name(path.name + "-wal"))


def data_version(engine: Engine) -> DataVersion | None:
    """The version of a SQLite file store, or None (PostgreSQL, in-memory SQLite)."""
    files = sqlite_files(engine)
    return DataVersion(files[0]) if files else None


class DataVersion:
    """`PRAGMA data_version` of a SQLite file: changes with every commit by another
    connection. Read from a connection of its own, opened on first use, that never writes.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None

    def __call__(self) -> int:
        with self._lock:
            if self._conn is None:
                self._conn = sqlite3.connect(self.path, check_same_thread=False)
                weakref.finalize(self, self._conn.close)
            row = self._conn.execute("PRAGMA data_version").fetchone()
        return int(row[0])


class JsonCache:
    """ASGI middleware caching 200 JSON answers to cookie-less GETs per database version."""

    def __init__(self, app: ASGIApp, version: Callable[[], int] | None) -> None:
        self.app = app
        self.version = version
        self.entries: OrderedDict[Key, Cached] = OrderedDict()
        # Answers being computed: a burst of requests for one uncached page (a crowd
        # arriving at once) computes it once, the others wait and replay it.
        self.filling: dict[Key, asyncio.Event] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        key = self._key(scope)
        if key is None or self.version is None:
            await self.app(scope, receive, send)
            return
        version = self.version()  # read before the answer is computed: never newer than it
        if await self._replay(key, version, send):
            return
        pending = self.filling.get(key)
        if pending is not None:  # the same answer is being computed: wait for it
            await pending.wait()
            if await self._replay(key, version, send):
                return
        self.filling[key] = done = asyncio.Event()
        try:
            await self._fill(scope, receive, send, key, version)
        finally:
            if self.filling.get(key) is done:
                del self.filling[key]
            done.set()

    async def _replay(self, key: Key, version: int, send: Send) -> bool:
        """Send the stored answer if it is of this version; whether it was sent."""
        hit = self.entries.get(key)
        if hit is None or hit.version != version:
            return False
        self.entries.move_to_end(key)
        for message in hit.messages:
            await send(message)
        return True

    def _key(self, scope: Scope) -> Key | None:
        if scope["type"] != "http" or scope["method"] != "GET":
            return None
        headers = dict(scope["headers"])
        accept = headers.get(b"accept", b"")
        if b"cookie" in headers or b"text/html" in accept:
            return None
        return (str(scope["path"]), bytes(scope.get("query_string", b"")), accept)

    async def _fill(
        self, scope: Scope, receive: Receive, send: Send, key: Key, version: int
    ) -> None:
        messages: list[Message] = []
        size = 0

        async def capture(message: Message) -> None:
            nonlocal size
            messages.append(dict(message))  # outer middleware edits what it is sent
            size += len(message.get("body", b""))
            await send(message)

        await self.app(scope, receive, capture)
        if _cacheable(messages) and size <= MAX_BODY:
            self.entries[key] = Cached(version, tuple(messages))
            while len(self.entries) > MAX_ENTRIES:
                self.entries.popitem(last=False)


def _cacheable(messages: list[Message]) -> bool:
    if not messages or messages[0]["type"] != "http.response.start":
        return False
    start = messages[0]
    headers = dict(start.get("headers", []))
    json = headers.get(b"content-type", b"").startswith(b"application/json")
    return bool(start["status"] == 200 and json and b"set-cookie" not in headers)


class AnswerCache:
    """A bounded, thread-safe LRU of serialised answers (the `/match` answer cache).

    The caller puts everything the answer depends on in the key, the data's version
    included, so an entry is never stale: a new version only leaves the old entries to
    be evicted. Bounded in entries and in bytes (answers plus a fixed allowance per key):
    a count alone let large answers or keys fill memory (issue 20: 4,096 entries of
    9 MB keys would have taken ~37 GB). Callers keep keys small (hash what is large).
    """

    KEY_BYTES = 256
    """What one entry's key and bookkeeping are counted as (a digest in a short tuple)."""

    def __init__(self, max_entries: int = MAX_ENTRIES, max_bytes: int = 64 * 2**20) -> None:
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self.size_bytes = 0
        self._entries: OrderedDict[Hashable, bytes] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: Hashable) -> bytes | None:
        """The answer stored under `key`, or None."""
        with self._lock:
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
            return found

    def put(self, key: Hashable, answer: bytes) -> None:
        """Store `answer`, evicting the least recently used beyond either bound."""
        cost = len(answer) + self.KEY_BYTES
        if len(answer) > MAX_BODY or cost > self.max_bytes:
            return
        with self._lock:
            previous = self._entries.pop(key, None)
            if previous is not None:
                self.size_bytes -= len(previous) + self.KEY_BYTES
            self._entries[key] = answer
            self.size_bytes += cost
            while len(self._entries) > self.max_entries or self.size_bytes > self.max_bytes:
                _, evicted = self._entries.popitem(last=False)
                self.size_bytes -= len(evicted) + self.KEY_BYTES
