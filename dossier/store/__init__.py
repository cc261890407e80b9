"""Store: SQLAlchemy Core tables, Alembic migrations, and the read/write functions."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from dossier.store.db import Store, open_store

__all__ = ["Store", "open_store"]


def __getattr__(name: str) -> Any:
    """`Store` and `open_store`, imported on first use: SQLAlchemy takes 0.2 s of CPU to
    import, and `dossier screen` reads a persisted index without it
    (`store/screen_index.py`)."""
    if name in __all__:
        from dossier.store import db

        return getattr(db, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
