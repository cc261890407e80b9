"""Browser fixtures: the real app served by uvicorn over a real DB, driven by Playwright
with Debian's chromium (`/usr/bin/chromium`; `playwright install` is never used).

- `live_url`: base URL of a server on a private copy of the test database (token set).
- `browser`: a headless chromium; tests skip, saying why, when it cannot be started.
- `screenshots`: `build/screenshots/`, where pages are saved for review.
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

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ROOT = Path(__file__).resolve().parents[2]


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


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} missing; `make test` installs it (scripts/bootstrap-system.sh)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright not installed")
    with sync_api.sync_playwright() as pw:
        try:
            chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        except Exception as err:
            pytest.skip(f"chromium at {CHROMIUM} cannot start: {err}")
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh browser page; console errors and page errors fail the test at teardown."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.console_errors = errors
    yield page
    context.close()
    assert not errors, f"browser console errors: {errors}"


@pytest.fixture(scope="session")
def screenshots() -> Path:
    out = ROOT / "build" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    return out
