"""The tables. Ids are deterministic hashes of key fields (see `dossier.model.make_id`),
so re-running any stage inserts nothing new. Changing a table needs an Alembic revision
in `migrations/versions/`.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    true,
)

metadata = MetaData()

documents = Table(
    "documents",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("external_id", String(512), nullable=False),
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("url", Text),
    Column("title", Text),
    Column("published", String(10)),
    # Detected from the body since migration 0008 (indexed then).
    Column("language", String(8), nullable=False, default="en", index=True),
    Column("text", Text, nullable=False),
    Column("body_start", Integer, nullable=False),
    Column("body_end", Integer, nullable=False),
    Column("source", Text, nullable=False),
    # Indexed (migration 0003): an ingest reads what others stored since its last document.
    Column("ingested_at", String(32), nullable=False, index=True),
    # Near-duplicate links (migration 0002): copies of one story share `story_id`, the id
    # of the first stored copy, so one source repeated is not counted as several.
    Column("story_id", String(32), index=True),
    Column("minhash", LargeBinary),
    # Metadata from the page (migration 0003).
    Column("author", Text),
    Column("site", Text),
    # Migration 0007: a feed item's own text standing in for its page, and PDF page starts.
    Column("text_source", Text),
    Column("page_starts", JSON),
    # Migration 0008: false when the language has no claim rules ("not read", not "none").
    Column("claims_extracted", Boolean, nullable=False, default=True, server_default=true()),
)

# Inputs that could not be stored (migration 0003): one row per failure, what and where.
ingest_errors = Table(
    "ingest_errors",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("source", Text, nullable=False),
    Column("location", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("occurred_at", String(32), nullable=False),
)

entities = Table(
    "entities",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("name", Text, nullable=False),
    Column("type", String(16), nullable=False),
    Column("key", Text, nullable=False),
    # Set when the resolver folded this entity into another (migration 0004).
    Column("merged_into", String(32), index=True),
    UniqueConstraint("type", "key", name="uq_entities_type_key"),
)

# Why two entities were merged, so that the merge can be explained and undone (0004).
entity_merges = Table(
    "entity_merges",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("winner_id", String(32), ForeignKey("entities.id"), nullable=False),
    Column("loser_id", String(32), ForeignKey("entities.id"), nullable=False, index=True),
    Column("score", Float, nullable=False),
    Column("reason", JSON, nullable=False),
    Column("merged_at", String(32), nullable=False),
    Column("undone_at", String(32)),
)

mentions = Table(
    "mentions",
    metadata,
    Column("id", String(32), primary_key=True),
    Column(
        "document_id",
        String(32),
        ForeignKey("documents.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("entity_id", String(32), ForeignKey("entities.id"), nullable=False, index=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("type", String(16), nullable=False),
)

claims = Table(
    "claims",
    metadata,
    Column("id", String(32), primary_key=True),
    Column(
        "document_id",
        String(32),
        ForeignKey("documents.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("subject", Text, nullable=False),
    Column("subject_entity_id", String(32), ForeignKey("entities.id"), index=True),
    Column("predicate", String(32), nullable=False, index=True),
    Column("object", Text),
    Column("object_entity_id", String(32), ForeignKey("entities.id"), index=True),
    Column("item", Text),
    Column("date", String(10)),
    Column("quantity", Text),
    Column("attributed_to", Text),
    Column("hedged", Boolean, nullable=False),
    Column("evidence_text", Text, nullable=False),
    Column("evidence_start", Integer, nullable=False),
    Column("evidence_end", Integer, nullable=False),
)

list_records = Table(
    "list_records",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("dataset", String(32), nullable=False),
    Column("list_id", String(128), nullable=False),
    Column("schema", String(32), nullable=False),
    Column("name", Text, nullable=False),
    Column("aliases", JSON, nullable=False),
    Column("programs", JSON, nullable=False),
    Column("listed_on", String(10)),
    Column("ended_on", String(10)),
    Column("source_row", Text, nullable=False),
    UniqueConstraint("dataset", "list_id", name="uq_list_records_dataset_list_id"),
)

matches = Table(
    "matches",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("entity_id", String(32), ForeignKey("entities.id"), nullable=False, index=True),
    Column(
        "list_record_id",
        String(32),
        ForeignKey("list_records.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("score", Float, nullable=False),
    Column("matched_name", Text, nullable=False),
    Column("explanation", JSON, nullable=False),
)

# The review queue's audit trail: a decision is never deleted; the latest one not undone
# holds. Who decided and the undo columns came with migration 0006.
review_decisions = Table(
    "review_decisions",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("target_type", String(16), nullable=False),
    Column("target_id", String(64), nullable=False),
    Column("decision", String(16), nullable=False),
    Column("note", Text),
    Column("decided_at", String(32), nullable=False),
    Column("decided_by", Text),
    Column("undone_at", String(32)),
    Column("undone_by", Text),
    Index("ix_review_decisions_target", "target_type", "target_id"),
)

# Full-text search (migration 0006) is not a table here: SQLite's FTS5 tables and
# PostgreSQL's GIN expression indexes are derived from `claims` and `documents`; their
# DDL and queries live in `dossier/store/fulltext.py`.

# Stored entities whose list matches changed when lists were reloaded (migration 0005).
alerts = Table(
    "alerts",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("entity_id", String(32), ForeignKey("entities.id"), nullable=False, index=True),
    Column("dataset", String(32), nullable=False),
    Column("list_id", String(128), nullable=False),
    Column("change", String(32), nullable=False),
    Column("detail", JSON, nullable=False),
    Column("created_at", String(32), nullable=False),
)

# Feeds polled by `dossier watch` (migration 0007): validators for conditional GET and
# the backoff state, so a restarted watch resumes where it stopped.
feeds = Table(
    "feeds",
    metadata,
    Column("url", Text, primary_key=True),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("last_polled_at", String(32)),
    Column("next_poll_at", String(32)),
    Column("failures", Integer, nullable=False, default=0),
    Column("last_error", Text),
)

# Feed items already handled (0007): skipped on the next poll by guid or link.
feed_items = Table(
    "feed_items",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("feed_url", Text, nullable=False),
    Column("item_key", Text, nullable=False),
    Column("document_id", String(32)),
    Column("seen_at", String(32), nullable=False),
)

# Parties to follow (0007): new claims, matches and list alerts about them become alerts.
watchlist = Table(
    "watchlist",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("name", Text, nullable=False),
    Column("added_at", String(32), nullable=False),
)

# Browser logins (0009): keyed by the SHA-256 of the random cookie, so the table holds no
# usable secret; `token_mac` ties a session to the API token it was opened with.
sessions = Table(
    "sessions",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("token_mac", String(64), nullable=False),
    Column("created_at", String(32), nullable=False),
    Column("expires_at", String(32), nullable=False, index=True),
    Column("revoked_at", String(32)),
)
