"""How `dossier serve` runs uvicorn: its timeouts and limits, and a request-head deadline.

The red-team pass (issue 20) held 60 connections open for 45 s by sending headers a byte
at a time: uvicorn times out idle keep-alive connections but has no deadline for a
request's head, and `timeout_keep_alive`'s timer stops at the first byte. The protocol
below closes a connection that has not sent a whole request head within
`DOSSIER_HEADER_TIMEOUT` seconds of connecting, or of its previous response. Bodies are
not timed here: the routes that read large ones bound their size (`BodyLimit`).
"""

from __future__ import annotations

import asyncio
from typing import Any

from uvicorn.protocols.http.h11_impl import H11Protocol

from dossier.settings import get_settings

KEEP_ALIVE_S = 5
"""Idle keep-alive connections are closed after this (uvicorn's default, stated)."""
MAX_HEAD_BYTES = 16 * 1024
"""Largest request head h11 buffers before refusing it (uvicorn's default, stated)."""
MAX_CONNECTIONS = 512
"""Connections and requests in flight per worker; beyond, uvicorn answers 503. The load
bench keeps 200 clients connected; memory per idle connection is a few kB."""
GRACEFUL_SHUTDOWN_S = 10
"""On SIGTERM, requests still running after this are cancelled and the worker exits."""


class HeadTimeoutProtocol(H11Protocol):
    """uvicorn's h11 protocol with a deadline for each request head (slow-loris guard)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.head_timeout = get_settings().header_timeout
        self._head_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def data_received(self, data: bytes) -> None:
        cycle = self.cycle
        super().data_received(data)
        if self.cycle is not cycle:  # a whole request head arrived: the route has it
            self._disarm()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing():
            self._arm()  # the next request's head is due in time too

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _arm(self) -> None:
        self._disarm()
        self._head_timer = self.loop.call_later(self.head_timeout, self._head_overdue)

    def _disarm(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _head_overdue(self) -> None:
        self._head_timer = None
        if not self.transport.is_closing():
            self.transport.close()


def uvicorn_options() -> dict[str, Any]:
    """The keyword arguments `dossier serve` passes to `uvicorn.run`."""
    return {
        "http": HeadTimeoutProtocol,
        "timeout_keep_alive": KEEP_ALIVE_S,
        "h11_max_incomplete_event_size": MAX_HEAD_BYTES,
        "limit_concurrency": MAX_CONNECTIONS,
        "timeout_graceful_shutdown": GRACEFUL_SHUTDOWN_S,
    }
