"""The web UI: Jinja templates and static files, served by `dossier.api.app`.

Pages are rendered by the same route functions as the JSON API (see
`dossier.api.render.respond`); vendor JS (Cytoscape.js, vis-timeline) is copied into
`static/vendor/` by `make install` and is optional: without it, pages show plain lists.
"""

from __future__ import annotations

from pathlib import Path

WEB = Path(__file__).parent
TEMPLATES = WEB / "templates"
STATIC = WEB / "static"
VENDOR = STATIC / "vendor"
