"""Open a database (SQLite file or PostgreSQL URL), migrate it, and write to it.

Every write is an insert-or-ignore on a deterministic id, so re-running adds nothing,
and each document is written in its own transaction, so a crash loses at most the
document in flight.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    Connection,
    Engine,
    Table,
    create_engine,
    event,
    func,
    select,
    text,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import OperationalError

from dossier.exc import BackendUnavailable
from dossier.model import Document, Entity, Extraction, ListRecord, MatchResult, make_id
from dossier.resolve.keys import entity_key
from dossier.screen.invisible import strip_controls
from dossier.store import schema as t
from dossier.store.merges import insert_entities, resolve_new

if TYPE_CHECKING:
    from dossier.ingest.dedup import StoryIndex

MIGRATIONS = Path(__file__).parent / "migrations"
MIGRATION_LOCK = 0x646F7373  # PostgreSQL advisory lock key held while migrating ("doss")
STORY_LOCK = 0x73746F72  # PostgreSQL advisory lock key held while a document is linked ("stor")
_STORY_LOCK_SQL = {
    "postgresql": text("SELECT pg_advisory_xact_lock(:key)"),
    # A write, even one that matches nothing, takes SQLite's single write lock at once, so
    # no other process can store a copy between our read and our insert.
    "sqlite": text("DELETE FROM ingest_errors WHERE 1 = 0"),
}
_NEWER_DOCUMENTS = {
    # PostgreSQL: `ingested_at` is set under the story lock, so it grows in commit order
    # (on one clock); rows of the last second are read again and skipped as known.
    "postgresql": text(
        "SELECT ingested_at, id, minhash, story_id FROM documents"
        " WHERE ingested_at >= :mark ORDER BY ingested_at"
    ),
    # SQLite: writers are serialised and the rowid only grows.
    "sqlite": text(
        "SELECT rowid, id, minhash, story_id FROM documents WHERE rowid > :mark ORDER BY rowid"
    ),
}
STAT_TABLES = {
    "documents": t.documents,
    "entities": t.entities,
    "mentions": t.mentions,
    "claims": t.claims,
    "list_records": t.list_records,
    "matches": t.matches,
}


def database_url(db: str) -> str:
    """A SQLAlchemy URL for a path or URL (`dossier.db` → `sqlite:///dossier.db`).

    A plain `postgresql://` URL (as libpq tools write it) selects psycopg 3, the driver
    dossier installs, instead of SQLAlchemy's default psycopg2.
    """
    if db.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + db.split("://", 1)[1]
    return db if "://" in db else f"sqlite:///{db}"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    # In WAL mode NORMAL still never corrupts the file and survives a killed process; a
    # power cut may lose the last few commits, which an idempotent re-run adds back. FULL
    # would fsync on every per-document commit, half the cost of ingesting.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def open_store(db: str) -> Store:
    """Open (creating and migrating as needed) the database `db`."""
    url = database_url(db)
    engine = create_engine(url, future=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    try:
        migrate(engine)
    except OperationalError as err:
        raise BackendUnavailable(f"cannot open database {db}: {err.orig}") from err
    return Store(engine)


def migrate(engine: Engine, revision: str = "head") -> None:
    """Apply Alembic migrations up to `revision`."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            # Team members may start at once; one migrates while the others wait.
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
        # A migration that recreated `documents` or `claims` (SQLite batch mode) took
        # the full-text triggers with it: build those indexes again.
        from dossier.store.fulltext import repair_sqlite

        repair_sqlite(connection)


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class Stored(StrEnum):
    """What storing one document did."""

    ADDED = "added"
    """A new story's first copy."""
    NEAR_DUPLICATE = "near_duplicate"
    """Stored, and linked to the story of an earlier near-identical copy."""
    DUPLICATE = "duplicate"
    """Not stored: a document with the same body is already there."""


@dataclass(slots=True)
class Store:
    """Reads and writes over one engine."""

    engine: Engine
    stories: StoryIndex | None = None
    """Near-duplicate index over stored documents, loaded on the first write."""
    story_mark: int | str = 0
    """How far `stories` has read `documents`: the last SQLite rowid, or on PostgreSQL
    the latest `ingested_at` (set under the story lock, so it only grows)."""

    def insert_ignore(self, conn: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> int:
        """Insert rows, skipping those whose key already exists; return how many were new."""
        if not rows:
            return 0
        dialect = postgresql if self.engine.dialect.name == "postgresql" else sqlite
        # Concurrent writers take row locks in key order, so two transactions inserting
        # overlapping entities wait for each other instead of deadlocking.
        ordered = sorted(rows, key=lambda row: str(row.get("id", "")))
        stmt = dialect.insert(table).values(ordered).on_conflict_do_nothing()
        if dialect is postgresql:
            # psycopg reports no row count for this statement; count the rows it returns.
            return len(conn.execute(stmt.returning(*table.primary_key.columns)).all())
        return int(conn.execute(stmt).rowcount or 0)

    def add_extraction(self, extraction: Extraction) -> bool:
        """Store a document with its mentions, entities, claims and matches.

        Returns False when the document (same body) was already stored.
        """
        return self.add_document(extraction) is not Stored.DUPLICATE

    def add_document(self, extraction: Extraction) -> Stored:
        """Store a document and what was extracted from it; say whether it was new,
        a near-duplicate of a stored story, or an exact duplicate (not stored again).

        The story is chosen inside the write transaction, after reading what other
        processes stored meanwhile, so concurrent ingests link each other's copies.
        """
        from dossier.ingest.dedup import signature

        document = extraction.document
        doc_id = stored_id(document)
        minhash = signature(document.body)  # the costly part, outside the lock
        with self.engine.begin() as conn:
            stories = self._lock_stories(conn)
            link = _StoryLink(stories, doc_id, minhash, stories.find_story(minhash) or doc_id)
            row = {**_document_row(doc_id, extraction), **link.row}
            new = self.insert_ignore(conn, t.documents, [row])
            if not new:
                return Stored.DUPLICATE
            # Indexed while the lock is held: threads sharing this store never change the
            # index at once, and a failed write takes the document out again.
            link.commit()
            try:
                self._write_extraction(conn, doc_id, extraction)
            except BaseException:
                link.undo()
                raise
        return Stored.ADDED if link.story_id == doc_id else Stored.NEAR_DUPLICATE

    def _write_extraction(self, conn: Connection, doc_id: str, extraction: Extraction) -> None:
        """Write a stored document's entities, mentions, claims and matches."""
        ids = self._write_entities(conn, extraction.entities)
        self.insert_ignore(
            conn,
            t.mentions,
            [
                {
                    "id": make_id(doc_id, m.start, m.end),
                    "document_id": doc_id,
                    "entity_id": ids[e.name],
                    "start": m.start,
                    "end": m.end,
                    "text": m.text,
                    "type": m.type.value,
                }
                for e in extraction.entities
                for m in e.mentions
            ],
        )
        self.insert_ignore(conn, t.claims, _claim_rows(doc_id, extraction, ids))
        self._write_matches(conn, extraction, ids)

    def _lock_stories(self, conn: Connection) -> StoryIndex:
        """Take the document write lock, then index the documents stored since last time."""
        from dossier.ingest.dedup import StoryIndex

        if self.engine.dialect.name == "postgresql":
            conn.execute(_STORY_LOCK_SQL["postgresql"], {"key": STORY_LOCK})
            mark: int | str = str(self.story_mark or "")
        else:
            conn.execute(_STORY_LOCK_SQL["sqlite"])
            mark = int(self.story_mark)
        if self.stories is None:
            self.stories = StoryIndex()
        rows = conn.execute(_NEWER_DOCUMENTS[self.engine.dialect.name], {"mark": mark}).all()
        self.stories.load((r[1], r[2], r[3]) for r in rows)
        if rows:
            self.story_mark = rows[-1][0]
        return self.stories

    def add_ingest_error(self, source: str, location: str, reason: str) -> None:
        """Record an input that could not be stored, in its own transaction."""
        occurred = dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")
        row = {
            "id": make_id("ingest_error", source, location, reason, occurred),
            "source": source,
            "location": location,
            "reason": reason,
            "occurred_at": occurred,
        }
        with self.engine.begin() as conn:
            self.insert_ignore(conn, t.ingest_errors, [row])

    def story_ids(self) -> dict[str, str]:
        """Map every stored document id to its story id (its own id for an original)."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(t.documents.c.id, t.documents.c.story_id))
            return {r[0]: r[1] or r[0] for r in rows}

    def _write_entities(self, conn: Connection, entities: list[Entity]) -> dict[str, str]:
        rows = []
        for entity in entities:
            name = strip_controls(entity.name)[0]  # invisible characters are not a name
            key = entity_key(name, entity.type)
            rows.append(
                {
                    "id": make_id("entity", entity.type.value, key),
                    "name": name,
                    "type": entity.type.value,
                    "key": key,
                }
            )
        # A new entity that names a known one is folded into it (dossier/store/merges.py).
        resolve_new(conn, insert_entities(conn, rows))
        return {e.name: r["id"] for e, r in zip(entities, rows, strict=True)}

    def _write_matches(self, conn: Connection, extraction: Extraction, ids: dict[str, str]) -> None:
        rows = [
            match_row(ids[name], result)
            for name, results in extraction.matches.items()
            if name in ids
            for result in results
            if result.match
        ]
        self.insert_ignore(
            conn,
            t.list_records,
            [
                record_row(r.record)
                for r in (m for ms in extraction.matches.values() for m in ms if m.match)
            ],
        )
        self.insert_ignore(conn, t.matches, rows)

    def add_list_records(self, records: Iterable[ListRecord], batch: int = 1000) -> int:
        """Store list records in batches; return how many were new."""
        added = 0
        chunk: list[dict[str, Any]] = []
        for record in records:
            chunk.append(record_row(record))
            if len(chunk) >= batch:
                added += self._flush_records(chunk)
                chunk = []
        return added + self._flush_records(chunk)

    def _flush_records(self, chunk: list[dict[str, Any]]) -> int:
        with self.engine.begin() as conn:
            return self.insert_ignore(conn, t.list_records, chunk)

    def iter_list_records(self) -> Iterator[ListRecord]:
        """Every stored list record."""
        with self.engine.connect() as conn:
            for row in conn.execute(select(t.list_records).order_by(t.list_records.c.id)):
                yield row_to_record(row._mapping)

    def counts(self) -> dict[str, int]:
        """Row counts of the main tables."""
        with self.engine.connect() as conn:
            return {
                name: int(conn.execute(select(func.count()).select_from(table)).scalar_one())
                for name, table in STAT_TABLES.items()
            }


@dataclass(slots=True)
class _StoryLink:
    """A new document's story link: the columns to write, and the index entry on commit."""

    index: StoryIndex
    doc_id: str
    minhash: Any
    story_id: str

    @property
    def row(self) -> dict[str, Any]:
        """The `documents` columns that record the link."""
        from dossier.ingest.dedup import signature_bytes

        return {"story_id": self.story_id, "minhash": signature_bytes(self.minhash)}

    def commit(self) -> None:
        """Index the document once its row is written."""
        self.index.add(self.doc_id, self.minhash, self.story_id)

    def undo(self) -> None:
        """Forget the document: its transaction failed."""
        self.index.remove(self.doc_id)


def stored_id(document: Document) -> str:
    """The `documents` id a document is stored under: a hash of its body."""
    return make_id("document", document.content_hash)


def row_to_record(row: Any) -> ListRecord:
    """A `list_records` row as a `ListRecord`."""
    return ListRecord(
        dataset=row["dataset"],
        list_id=row["list_id"],
        schema=row["schema"],
        name=row["name"],
        aliases=tuple(row["aliases"]),
        programs=tuple(row["programs"]),
        listed_on=row["listed_on"],
        ended_on=row["ended_on"],
        source_row=row["source_row"],
    )


def _document_row(doc_id: str, extraction: Extraction) -> dict[str, Any]:
    d = extraction.document
    return {
        "id": doc_id,
        "external_id": d.id,
        "content_hash": d.content_hash,
        "url": d.url,
        "title": d.title,
        "published": d.published,
        "language": d.language,
        "text": d.text,
        "body_start": d.body_start,
        "body_end": d.body_end,
        "source": d.source,
        "author": d.author,
        "site": d.site,
        "text_source": d.text_source,
        "page_starts": list(d.page_starts) or None,
        "claims_extracted": extraction.claims_extracted,
        "ingested_at": _now(),
    }


def _claim_rows(doc_id: str, extraction: Extraction, ids: dict[str, str]) -> list[dict[str, Any]]:
    return [
        {
            "id": make_id(doc_id, c.predicate.value, c.subject, c.object, c.evidence.start),
            "document_id": doc_id,
            "subject": c.subject,
            "subject_entity_id": ids.get(c.subject),
            "predicate": c.predicate.value,
            "object": c.object,
            "object_entity_id": ids.get(c.object) if c.object else None,
            "item": c.item,
            "date": c.date,
            "quantity": c.quantity,
            "attributed_to": c.attributed_to,
            "hedged": c.hedged,
            "evidence_text": c.evidence.text,
            "evidence_start": c.evidence.start,
            "evidence_end": c.evidence.end,
        }
        for c in extraction.claims
    ]


def record_row(record: ListRecord) -> dict[str, Any]:
    """The `list_records` row of a record."""
    return {
        "id": record.id,
        "dataset": record.dataset,
        "list_id": record.list_id,
        "schema": record.schema,
        "name": record.name,
        "aliases": list(record.aliases),
        "programs": list(record.programs),
        "listed_on": record.listed_on,
        "ended_on": record.ended_on,
        "source_row": record.source_row,
    }


def match_row(entity_id: str, result: MatchResult) -> dict[str, Any]:
    """The `matches` row of an entity's match."""
    return {
        "id": make_id(entity_id, result.record.id),
        "entity_id": entity_id,
        "list_record_id": result.record.id,
        "score": result.score,
        "matched_name": str(result.explanation.get("matched_name", result.record.name)),
        "explanation": result.explanation,
    }
