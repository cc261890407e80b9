"""Browser fixtures: the real app served by uvicorn over a real DB, driven by Playwright
with Debian's chromium (`/usr/bin/chromium`; `playwright install` is never used).

- `live_url`: base URL of a server on a private copy of the test database (token set).
(`browser`, `page` and `screenshots` live in `tests/conftest.py`, shared by every package.)
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dossier.api.app import create_app
from dossier.settings import Settings
from tests.api.built import TOKEN, build_db, copy_db
from tests.live import served


@pytest.fixture(scope="session")
def live_url(tmp_path_factory: pytest.TempPathFactory, shared: Path, nlp: Any) -> Iterator[str]:
    db = copy_db(build_db(tmp_path_factory, shared, nlp), tmp_path_factory.mktemp("web"))
    with served(create_app(str(db), Settings(api_token=TOKEN))) as url:
        yield url
