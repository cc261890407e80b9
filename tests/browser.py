"""Where the test browser lives: Debian's chromium driven by Playwright (`playwright install`
is never used). One Playwright instance serves the whole session (`tests/conftest.py`):
a second sync Playwright cannot start while the first holds the event loop.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")
# Every Playwright call is bounded: clicks, waits and locators by ACTION_MS, page loads by
# NAVIGATION_MS (Playwright's own default, 30 s, is not applied to everything, and a
# starved renderer on a busy machine must fail a test, not stall the run). `evaluate` has
# no timeout of its own: pytest-timeout's deadline (tests/deadlines.py) covers it.
ACTION_MS = 15_000
NAVIGATION_MS = 30_000
LAUNCH_MS = 60_000
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


def bounded(target: Any) -> Any:
    """Apply the action and navigation timeouts to a Playwright context or page; return it."""
    target.set_default_timeout(ACTION_MS)
    target.set_default_navigation_timeout(NAVIGATION_MS)
    return target
