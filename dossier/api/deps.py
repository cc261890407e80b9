"""Dependencies shared by routers: the store, the settings and the write guard."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from dossier.api.security import authorize
from dossier.settings import Settings
from dossier.store import Store


def get_store(request: Request) -> Store:
    """The store the app was created with."""
    store: Store = request.app.state.store
    return store


def get_settings(request: Request) -> Settings:
    """The settings the app was created with."""
    settings: Settings = request.app.state.settings
    return settings


MAX_OFFSET = 1_000_000_000
"""Largest pagination offset: beyond it a number no longer fits a database integer."""

StoreDep = Annotated[Store, Depends(get_store)]
SettingsDep = Annotated[Settings, Depends(get_settings)]


def require_writer(request: Request, settings: SettingsDep) -> str:
    """Allow a write with a bearer token, or a login session plus `X-CSRF-Token`."""
    return authorize(request, settings.api_token, request.headers.get("x-csrf-token"))


WriterDep = Annotated[str, Depends(require_writer)]
