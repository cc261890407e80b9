"""Browser fixtures: the real app served by uvicorn over a real DB, driven by Playwright
with Debian's chromium (`/usr/bin/chromium`; `playwright install` is never used).

- `live_url`: base URL of a server on a private copy of the test database (token set).
(`browser`, `page` and `screenshots` live in `tests/conftest.py`, shared by every package.)
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dossier.api.app import create_app
from dossier.settings import Settings
from tests.api.built import TOKEN, build_db, copy_db


@pytest.fixture(scope="session")
def live_url(tmp_path_factory: pytest.TempPathFactory, shared: Path, nlp: Any) -> Iterator[str]:
    import uvicorn

    db = copy_db(build_db(tmp_path_factory, shared, nlp), tmp_path_factory.mktemp("web"))
    app = create_app(str(db), Settings(api_token=TOKEN))
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(200):
        if server.started:
            break
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
