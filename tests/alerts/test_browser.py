"""The alerts page and an entity's list changes and designation timing, in chromium."""

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
from tests.alerts.conftest import Versions


@pytest.fixture(scope="module")
def alerts_url(alerts_db: Path) -> Iterator[str]:
    import uvicorn

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    app = create_app(str(alerts_db), Settings())
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


def test_alerts_page_links_to_entity_with_changes_and_timing(
    page: Any, alerts_url: str, versions: Versions, screenshots: Path
) -> None:
    picks = versions.picks
    page.goto(f"{alerts_url}/")
    page.locator("nav a", has_text="Alerts").click()
    rows = page.locator("table.alerts tr.alert")
    assert rows.count() >= 3
    redated = rows.filter(has_text=picks.mieu_redated[0]).filter(has_text="listing date changed")
    assert redated.count() == 1
    page.screenshot(path=str(screenshots / "alerts.png"), full_page=True)
    redated.locator("a").first.click()
    assert picks.mieu_redated[0] in page.locator("h1").inner_text()
    assert page.locator("#alerts tr.alert").count() >= 1
    timings = page.locator("#claims li.timing")
    assert timings.filter(has_text="listed after").count() >= 1
    assert timings.filter(has_text="listed before").count() >= 1
    page.screenshot(path=str(screenshots / "entity-alerts.png"), full_page=True)
