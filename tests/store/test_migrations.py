"""Alembic migrations apply on SQLite and PostgreSQL: from empty, from every revision, and back."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, inspect

from dossier.store import schema
from dossier.store.db import MIGRATIONS, database_url, migrate
from dossier.store.fulltext import is_fulltext_table


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


REVISIONS = [
    r.revision for r in reversed(list(ScriptDirectory.from_config(_config()).walk_revisions()))
]


@pytest.fixture
def engine(store_url: str) -> Iterator[Engine]:
    engine = create_engine(database_url(store_url))
    yield engine
    engine.dispose()


def _downgrade(engine: Engine, revision: str) -> None:
    config = _config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, revision)


def _tables(engine: Engine) -> set[str]:
    # SQLite's full-text tables are derived from `claims`/`documents`, not in the metadata.
    names = set(inspect(engine).get_table_names()) - {"alembic_version"}
    return {n for n in names if not is_fulltext_table(n)}


def _columns(engine: Engine) -> dict[str, set[str]]:
    inspector = inspect(engine)
    return {name: {c["name"] for c in inspector.get_columns(name)} for name in _tables(engine)}


def _expected() -> dict[str, set[str]]:
    return {name: {c.name for c in table.columns} for name, table in schema.metadata.tables.items()}


def test_there_is_more_than_one_revision() -> None:
    assert REVISIONS[0] == "0001"
    assert len(REVISIONS) >= 2


def test_upgrade_from_empty_matches_schema(engine: Engine) -> None:
    migrate(engine)
    assert _columns(engine) == _expected()


@pytest.mark.parametrize("start", REVISIONS)
def test_upgrade_from_every_revision(engine: Engine, start: str) -> None:
    migrate(engine, start)
    tables = _tables(engine)
    assert "documents" in tables
    assert tables <= set(schema.metadata.tables)
    migrate(engine)
    assert _columns(engine) == _expected()


def test_downgrade_to_base_and_up_again(engine: Engine) -> None:
    migrate(engine)
    _downgrade(engine, "base")
    assert _tables(engine) == set()
    migrate(engine)
    assert _columns(engine) == _expected()


def test_postgres_urls_select_psycopg() -> None:
    assert database_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert database_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert database_url("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"
    assert database_url("dossier.db") == "sqlite:///dossier.db"
