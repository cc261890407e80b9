"""Where the test browser lives: Debian's chromium driven by Playwright (`playwright install`
is never used). One Playwright instance serves the whole session (`tests/conftest.py`):
a second sync Playwright cannot start while the first holds the event loop.
"""

from __future__ import annotations

from pathlib import Path

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
