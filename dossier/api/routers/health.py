"""Health check."""

from __future__ import annotations

from fastapi import APIRouter

from dossier.api.deps import StoreDep
from dossier.api.models import Health

router = APIRouter(tags=["system"])


@router.get("/health", response_model=Health)
def health(store: StoreDep) -> Health:
    """Report that the service is up, with row counts of the main tables."""
    return Health(ok=True, counts=store.counts())
