"""A cache of JSON answers to GET requests, for SQLite stores (found by bench/load.py).

An entity page of a much-mentioned entity costs dozens of queries; under load the same
pages and searches are asked for again and again. An answer is kept while the database
files are unchanged: every commit, by this server or by another process (`dossier
ingest`, `dossier lists load`), rewrites the SQLite write-ahead log, so the files' size
and modification time are the cache's version, checked on every request by two `stat`
calls. `max_age` bounds staleness where a commit keeps the log's size within one tick of
the file clock.

Only JSON is cached: HTML pages carry the visitor's CSRF token and login state. Requests
with cookies and PostgreSQL stores (no local files to watch) pass straight through.
"""

from __future__ import annotations

import os
import time
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import Engine
from starlette.types import ASGIApp, Message, Receive, Scope, Send

Version = tuple[int, ...]
MAX_ENTRIES = 2048
MAX_BODY = 1_000_000


@dataclass(frozen=True, slots=True)
class Cached:
    """One stored answer and the database version it was computed at."""

    version: Version
    at: float
    messages: tuple[Message, ...]


def sqlite_files(engine: Engine) -> tuple[Path, ...] | None:
    """The database file and its write-ahead log, or None when not a SQLite file."""
    name = engine.url.database
    if engine.dialect.name != "sqlite" or not name or name == ":memory:":
        return None
    path = Path(name)
    return (path, path.with_name(path.name + "-wal"))


def files_version(files: tuple[Path, ...]) -> Version:
    """Size and modification time (ns) of each file; zeros for a missing one."""
    out: list[int] = []
    for path in files:
        try:
            stat = os.stat(path)
        except OSError:
            out += [0, 0]
            continue
        out += [stat.st_size, stat.st_mtime_ns]
    return tuple(out)


class JsonCache:
    """ASGI middleware caching 200 JSON answers to cookie-less GETs per database version."""

    def __init__(self, app: ASGIApp, files: tuple[Path, ...] | None, max_age: float = 5.0):
        self.app = app
        self.files = files
        self.max_age = max_age
        self.entries: OrderedDict[tuple[str, bytes, bytes], Cached] = OrderedDict()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        key = self._key(scope)
        if key is None or self.files is None:
            await self.app(scope, receive, send)
            return
        version, now = files_version(self.files), time.monotonic()
        hit = self.entries.get(key)
        if hit is not None and hit.version == version and now - hit.at < self.max_age:
            self.entries.move_to_end(key)
            for message in hit.messages:
                await send(message)
            return
        await self._fill(scope, receive, send, key, Cached(version, now, ()))

    def _key(self, scope: Scope) -> tuple[str, bytes, bytes] | None:
        if scope["type"] != "http" or scope["method"] != "GET":
            return None
        headers = dict(scope["headers"])
        accept = headers.get(b"accept", b"")
        if b"cookie" in headers or b"text/html" in accept:
            return None
        return (str(scope["path"]), bytes(scope.get("query_string", b"")), accept)

    async def _fill(
        self, scope: Scope, receive: Receive, send: Send, key: tuple[str, bytes, bytes], at: Cached
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
            self.entries[key] = Cached(at.version, at.at, tuple(messages))
            while len(self.entries) > MAX_ENTRIES:
                self.entries.popitem(last=False)


def _cacheable(messages: list[Message]) -> bool:
    if not messages or messages[0]["type"] != "http.response.start":
        return False
    start = messages[0]
    headers = dict(start.get("headers", []))
    json = headers.get(b"content-type", b"").startswith(b"application/json")
    return bool(start["status"] == 200 and json and b"set-cookie" not in headers)
