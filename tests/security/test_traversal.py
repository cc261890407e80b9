"""Path traversal: no file outside the static folder is ever served.

Requests go over a raw socket to a real uvicorn server, so the request target reaches
the app exactly as written (no client normalises `..` away). A canary file next to the
database and /etc/passwd are the targets; every spelling must miss them.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from fastapi.testclient import TestClient

from dossier.web import STATIC
from tests.security.routes import read_routes

CANARY = "canary-7d1f0c: this file must never be served"
SPELLINGS = [
    "../{rel}",
    "%2e%2e/{rel}",
    "%2e%2e%2f{rel_encoded}",
    "..%2f{rel_encoded}",
    "%252e%252e%252f{rel_encoded}",
    "..%5c{rel_backslash}",
    "....//{rel}",
    "%c0%ae%c0%ae/{rel}",
    "%00/../{rel}",
    "/{absolute}",
    "%2f{absolute_encoded}",
]


@pytest.fixture(scope="module")
def canary(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("traversal") / "canary.txt"
    path.write_text(CANARY, encoding="utf-8")
    return path


def _raw_get(base: str, target: str) -> tuple[int, bytes]:
    parts = urlsplit(base)
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as sock:
        request = f"GET {target} HTTP/1.1\r\nHost: {parts.netloc}\r\nConnection: close\r\n\r\n"
        sock.sendall(request.encode("latin-1"))
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    status = int(data.split(b" ", 2)[1]) if data.startswith(b"HTTP/") else 0
    return status, data


def _targets(canary: Path) -> list[str]:
    out: list[str] = []
    for secret in (canary, Path("/etc/passwd")):
        rel = os.path.relpath(secret, STATIC)
        values = {
            "rel": rel,
            "rel_encoded": quote(rel, safe=""),
            "rel_backslash": rel.replace("/", "%5c"),
            "absolute": str(secret),
            "absolute_encoded": quote(str(secret), safe=""),
        }
        out += [spelling.format(**values) for spelling in SPELLINGS]
    return out


def _leaks(body: bytes) -> bool:
    return CANARY.encode() in body or b"root:x:0:0" in body


def test_static_route_never_leaves_its_folder(hostile_live: str, canary: Path) -> None:
    status, _ = _raw_get(hostile_live, "/static/app.css")
    assert status == 200  # the control: static files are served
    for target in _targets(canary):
        status, body = _raw_get(hostile_live, f"/static/{target}")
        assert not _leaks(body), target
        assert status in (400, 404), (target, status)


def test_path_parameters_never_read_files(
    hostile_live: str, hostile_client: TestClient, canary: Path
) -> None:
    routes = [r for r in read_routes(hostile_client.app) if r.dependant.path_params]  # type: ignore[arg-type]
    assert routes
    for route in routes:
        for target in _targets(canary):
            path = route.path
            for param in route.dependant.path_params:
                path = path.replace(f"{{{param.name}}}", target)
            status, body = _raw_get(hostile_live, path)
            assert not _leaks(body), path
            assert status < 500, (path, status)
