"""Connect only to the addresses the SSRF guard checked (no DNS rebinding).

httpx resolves a host name again when it connects, so a name that answered with a public
address for `netguard.check_host` could answer with 127.0.0.1 a moment later. Our
network backend never resolves: it connects to the addresses pinned for that host and
port when the URL was checked, and refuses a host nobody checked. TLS is untouched:
httpcore still sends the host name as SNI and verifies the certificate against it, and
the Host header still comes from the URL.
"""

from __future__ import annotations

import typing

import httpcore
import httpx

from dossier.ingest.netguard import IPAddress

SocketOption = typing.Any
"""httpcore's socket option tuples, passed through untouched."""


class PinnedBackend(httpcore.NetworkBackend):
    """A network backend that connects to pinned addresses instead of resolving names."""

    def __init__(self) -> None:
        self._pins: dict[tuple[str, int], list[IPAddress]] = {}
        self._sync = httpcore.SyncBackend()

    def pin(self, host: str, port: int, addresses: list[IPAddress]) -> None:
        """Connections to `host:port` go to `addresses` (already checked), in order."""
        self._pins[(host.lower(), port)] = list(addresses)

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: typing.Iterable[SocketOption] | None = None,
    ) -> httpcore.NetworkStream:
        """Connect to the first pinned address of `host:port` that answers."""
        addresses = self._pins.get((host.lower(), port))
        if not addresses:
            raise httpcore.ConnectError(f"{host}:{port} was not checked; not connecting")
        failure: httpcore.ConnectError | httpcore.ConnectTimeout | None = None
        for address in addresses:
            try:
                return self._sync.connect_tcp(
                    str(address), port, timeout, local_address, socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as err:
                failure = err
        assert failure is not None  # `addresses` is not empty
        raise failure

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: typing.Iterable[SocketOption] | None = None,
    ) -> httpcore.NetworkStream:
        """Never used: fetching goes over TCP only."""
        raise httpcore.ConnectError("unix sockets are not fetched from")

    def sleep(self, seconds: float) -> None:
        """Sleep (httpcore's retry back-off)."""
        self._sync.sleep(seconds)


class PinnedTransport(httpx.HTTPTransport):
    """httpx's transport over a `PinnedBackend`."""

    def __init__(self, backend: PinnedBackend) -> None:
        super().__init__(trust_env=False)
        # httpx has no public hook for the network backend, so the pool is rebuilt with
        # ours and the same limits httpx uses by default (HTTP/1.1, certifi roots).
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            max_connections=100,
            max_keepalive_connections=20,
            keepalive_expiry=5.0,
            network_backend=backend,
        )


def pin_key(url: str) -> tuple[str, int]:
    """The host (IDNA-encoded, as httpcore connects to it) and port of `url`."""
    parsed = httpx.URL(url)
    port = parsed.port or (443 if parsed.scheme == "https" else 80)
    return parsed.raw_host.decode("ascii").lower(), port
