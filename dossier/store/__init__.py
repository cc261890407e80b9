"""Store: SQLAlchemy Core tables, Alembic migrations, and the read/write functions."""

from dossier.store.db import Store, open_store

__all__ = ["Store", "open_store"]
