"""The alerts page and an entity's list changes and designation timing, in chromium."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dossier.api.app import create_app
from dossier.settings import Settings
from tests.alerts.conftest import Versions
from tests.live import served


@pytest.fixture(scope="module")
def alerts_url(alerts_db: Path) -> Iterator[str]:
    with served(create_app(str(alerts_db), Settings())) as url:
        yield url


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
