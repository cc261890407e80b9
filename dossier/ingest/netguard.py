"""Refuse to fetch from addresses a newsroom server must never reach (SSRF guard).

A URL in a feed or a redirect can point at the machine itself (127.0.0.1, ::1), the
office network (10/8, 192.168/16), or a cloud metadata service (169.254.169.254). We
resolve the host and refuse when any of its addresses is not a public unicast one,
unless the operator allowed that host by name (`DOSSIER_FETCH_ALLOW`, `--allow-host`).
The addresses checked are the ones connected to (`pinning.py`), so a host cannot answer
differently the second time it is asked (DNS rebinding).
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Collection

from dossier.exc import SourceError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def refusal(address: IPAddress) -> str | None:
    """Why `address` must not be fetched from, or None when it is a public address."""
    if isinstance(address, ipaddress.IPv6Address):
        # ::ffff:127.0.0.1 reaches 127.0.0.1: judge the IPv4 address it carries.
        mapped = address.ipv4_mapped or address.sixtofour
        if mapped is not None:
            return refusal(mapped)
    checks = (
        ("loopback", address.is_loopback),
        ("link-local", address.is_link_local),
        ("multicast", address.is_multicast),
        ("unspecified", address.is_unspecified),
        ("reserved", address.is_reserved),
        ("private", address.is_private),
        ("not globally routable", not address.is_global),
    )
    return next((name for name, hit in checks if hit), None)


def resolve(host: str, port: int, where: str = "") -> list[IPAddress]:
    """Every address `host` resolves to (no duplicates); a literal address resolves to itself."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as err:
        raise SourceError(f"cannot resolve host {host!r}", where or host) from err
    found = (ipaddress.ip_address(str(info[4][0]).split("%", 1)[0]) for info in infos)
    return list(dict.fromkeys(found))


def is_allowed_host(host: str, allowed: Collection[str]) -> bool:
    """Whether the operator allowed `host` by name (case-insensitive, exact)."""
    return host.lower().rstrip(".") in allowed


def check_host(host: str, port: int, allowed: Collection[str], where: str) -> list[IPAddress]:
    """Resolve `host` once and return the addresses to connect to; raise `SourceError`
    unless `host` is allowed by name or every address is a public one."""
    addresses = resolve(host, port, where)
    if is_allowed_host(host, allowed):
        return addresses
    for address in addresses:
        reason = refusal(address)
        if reason:
            raise SourceError(
                f"refused to fetch from {host} ({address} is {reason}); "
                "allow it with --allow-host or DOSSIER_FETCH_ALLOW",
                where,
            )
    return addresses
