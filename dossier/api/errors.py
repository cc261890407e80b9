"""OpenAPI descriptions of the error responses (all of them `ErrorOut`)."""

from __future__ import annotations

from typing import Any

from dossier.api.models import ErrorOut

ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorOut, "description": "Invalid request"},
    404: {"model": ErrorOut, "description": "Not found"},
}
"""Documented on every route."""

WRITE_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorOut, "description": "Missing or wrong bearer token"},
    403: {"model": ErrorOut, "description": "Read-only server, or bad CSRF token"},
}
"""Documented on the routes that write."""
