"""Full-text search over claim sentences and documents, on SQLite and PostgreSQL.

SQLite: FTS5 tables (`claims_fts`, `documents_fts`) with external content, so the text
is not stored twice; triggers keep them in step with `claims` and `documents`, and rows
are keyed by the content table's rowid (VACUUM keeps rowids; `rebuild` restores an
index from its table if they ever part). PostgreSQL: GIN indexes on `to_tsvector`
expressions, matched by `plainto_tsquery`. Both stem English words ('drones delivered'
finds 'drone was delivered'), fold case in every script ('елабуга' finds 'Елабуга') and
require every word of the query (AND).

A query with no word in it ('%', '_') has nothing to match on; callers fall back to a
substring search with LIKE wildcards escaped (`dossier.store.paging.contains`).

A later migration that recreates `claims` or `documents` on SQLite (Alembic's batch
mode copies the rows into a new table, as 0008 does for `documents`) drops these
triggers and may renumber rowids; `repair_sqlite` (run after every migration by
`store.db.migrate`) then builds the index again from its table.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import ColumnElement, func, literal_column, select, text
from sqlalchemy.engine import Connection
from sqlalchemy.sql import Select

from dossier.store import schema as t

FTS_TABLES = ("claims_fts", "documents_fts")
"""SQLite's full-text tables (and their `_data`, `_idx`, ... shadow tables): not in
`schema.metadata`, since they are derived from `claims` and `documents`."""

# PostgreSQL: the indexed expressions, exactly as the queries spell them (an index is
# used only for the same expression; a column qualified or not is the same to it). A
# tsvector holds at most 1 MB, so a document is indexed on its first 500,000
# characters: a longer text would fail its insert.
PG_CLAIMS = "to_tsvector('english', {p}evidence_text)"
PG_DOCUMENTS = "to_tsvector('english', left(coalesce({p}title, '') || ' ' || {p}text, 500000))"

_SQLITE_TABLES = {
    "claims_fts": ("claims", ("evidence_text",)),
    "documents_fts": ("documents", ("title", "text")),
}
_TOKENIZE = "porter unicode61 remove_diacritics 2"
_WORD = re.compile(r"\w+")


def _sqlite_create(fts: str, table: str, cols: tuple[str, ...]) -> list[str]:
    names = ", ".join(cols)
    new = ", ".join(f"new.{c}" for c in cols)
    old = ", ".join(f"old.{c}" for c in cols)
    delete = f"INSERT INTO {fts}({fts}, rowid, {names}) VALUES ('delete', old.rowid, {old});"
    insert = f"INSERT INTO {fts}(rowid, {names}) VALUES (new.rowid, {new});"
    return [
        f"CREATE VIRTUAL TABLE {fts} USING fts5({names}, content='{table}', "
        f"content_rowid='rowid', tokenize='{_TOKENIZE}')",
        f"CREATE TRIGGER {fts}_ai AFTER INSERT ON {table} BEGIN {insert} END",
        f"CREATE TRIGGER {fts}_ad AFTER DELETE ON {table} BEGIN {delete} END",
        f"CREATE TRIGGER {fts}_au AFTER UPDATE ON {table} BEGIN {delete} {insert} END",
        f"INSERT INTO {fts}({fts}) VALUES ('rebuild')",
    ]


def create_statements(dialect: str) -> list[str]:
    """The DDL that creates the full-text indexes (and fills them) on `dialect`."""
    if dialect == "postgresql":
        return [
            f"CREATE INDEX ix_claims_fulltext ON claims USING gin ({PG_CLAIMS.format(p='')})",
            "CREATE INDEX ix_documents_fulltext ON documents "
            f"USING gin ({PG_DOCUMENTS.format(p='')})",
        ]
    return [s for fts, (tb, cols) in _SQLITE_TABLES.items() for s in _sqlite_create(fts, tb, cols)]


def repair_sqlite(conn: Connection) -> list[str]:
    """Rebuild each SQLite full-text index whose triggers are gone (its table was
    recreated by a later migration); returns the indexes rebuilt. Does nothing before
    migration 0006 made them, nor on PostgreSQL (an index follows its table)."""
    if conn.dialect.name != "sqlite":
        return []
    rows = conn.execute(text("SELECT type, name FROM sqlite_master")).all()
    tables = {name for kind, name in rows if kind == "table"}
    triggers = {name for kind, name in rows if kind == "trigger"}
    rebuilt = []
    for fts, (table, cols) in _SQLITE_TABLES.items():
        if fts in tables and not {f"{fts}_ai", f"{fts}_ad", f"{fts}_au"} <= triggers:
            for trigger in ("ai", "ad", "au"):
                conn.execute(text(f"DROP TRIGGER IF EXISTS {fts}_{trigger}"))
            conn.execute(text(f"DROP TABLE {fts}"))
            for statement in _sqlite_create(fts, table, cols):
                conn.execute(text(statement))
            rebuilt.append(fts)
    return rebuilt


def drop_statements(dialect: str) -> list[str]:
    """The DDL that drops what `create_statements` made."""
    if dialect == "postgresql":
        return ["DROP INDEX ix_claims_fulltext", "DROP INDEX ix_documents_fulltext"]
    return [
        stmt
        for fts in _SQLITE_TABLES
        for stmt in (
            # IF EXISTS: a later downgrade that recreated the table (Alembic's batch mode
            # on SQLite) dropped its triggers with it.
            *(f"DROP TRIGGER IF EXISTS {fts}_{s}" for s in ("ai", "ad", "au")),
            f"DROP TABLE IF EXISTS {fts}",
        )
    ]


def is_fulltext_table(name: str) -> bool:
    """Whether a table is one of SQLite's full-text tables or their shadow tables."""
    return any(name == fts or name.startswith(f"{fts}_") for fts in FTS_TABLES)


def query_words(q: str) -> list[str]:
    """The words of a query that full-text search matches on: two characters or more
    (a lone letter or digit, the '1' of "' OR 1=1", is in nearly every document); none
    for '%' or '_'."""
    return [w for w in _WORD.findall(q) if len(w.strip("_")) >= 2]


def _fts5_query(words: list[str]) -> str:
    # Each word quoted: FTS5 operators (AND, NEAR, *, ^, column filters) in a user's
    # text are read as words, never as syntax.
    return " ".join('"' + w.replace('"', '""') + '"' for w in words)


def matching(dialect: str, kind: str, q: str) -> ColumnElement[bool] | None:
    """A condition on `claims` (kind `claims`) or `documents` (`documents`) that keeps
    the rows matching every word of `q`; None when `q` has no word."""
    words = query_words(q)
    if not words:
        return None
    table = t.claims if kind == "claims" else t.documents
    if dialect == "postgresql":
        expression = (PG_CLAIMS if kind == "claims" else PG_DOCUMENTS).format(p=f"{table.name}.")
        # The configuration is written inline, as in the index: a bound parameter would
        # not be the indexed expression.
        query = func.plainto_tsquery(literal_column("'english'"), " ".join(words))
        condition: ColumnElement[bool] = literal_column(expression).op("@@")(query)
        return condition
    fts = f"{kind}_fts"
    hits: Select[Any] = (
        select(literal_column("rowid"))
        .select_from(text(fts))
        .where(text(f"{fts} MATCH :fts_q").bindparams(fts_q=_fts5_query(words)))
    )
    return literal_column(f"{table.name}.rowid").in_(hits)
