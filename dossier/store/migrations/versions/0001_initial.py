"""Initial tables: documents, entities, mentions, claims, list records, matches, reviews.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the initial tables."""
    op.create_table(
        "documents",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("external_id", sa.String(512), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("url", sa.Text),
        sa.Column("title", sa.Text),
        sa.Column("published", sa.String(10)),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("body_start", sa.Integer, nullable=False),
        sa.Column("body_end", sa.Integer, nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("ingested_at", sa.String(32), nullable=False),
    )
    op.create_table(
        "entities",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("key", sa.Text, nullable=False),
        sa.UniqueConstraint("type", "key", name="uq_entities_type_key"),
    )
    op.create_table(
        "mentions",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column(
            "document_id",
            sa.String(32),
            sa.ForeignKey("documents.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column(
            "entity_id", sa.String(32), sa.ForeignKey("entities.id"), nullable=False, index=True
        ),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("type", sa.String(16), nullable=False),
    )
    op.create_table(
        "claims",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column(
            "document_id",
            sa.String(32),
            sa.ForeignKey("documents.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("subject", sa.Text, nullable=False),
        sa.Column("subject_entity_id", sa.String(32), sa.ForeignKey("entities.id"), index=True),
        sa.Column("predicate", sa.String(32), nullable=False, index=True),
        sa.Column("object", sa.Text),
        sa.Column("object_entity_id", sa.String(32), sa.ForeignKey("entities.id"), index=True),
        sa.Column("item", sa.Text),
        sa.Column("date", sa.String(10)),
        sa.Column("quantity", sa.Text),
        sa.Column("attributed_to", sa.Text),
        sa.Column("hedged", sa.Boolean, nullable=False),
        sa.Column("evidence_text", sa.Text, nullable=False),
        sa.Column("evidence_start", sa.Integer, nullable=False),
        sa.Column("evidence_end", sa.Integer, nullable=False),
    )
    op.create_table(
        "list_records",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("dataset", sa.String(32), nullable=False),
        sa.Column("list_id", sa.String(128), nullable=False),
        sa.Column("schema", sa.String(32), nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("aliases", sa.JSON, nullable=False),
        sa.Column("programs", sa.JSON, nullable=False),
        sa.Column("listed_on", sa.String(10)),
        sa.Column("ended_on", sa.String(10)),
        sa.Column("source_row", sa.Text, nullable=False),
        sa.UniqueConstraint("dataset", "list_id", name="uq_list_records_dataset_list_id"),
    )
    op.create_table(
        "matches",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column(
            "entity_id", sa.String(32), sa.ForeignKey("entities.id"), nullable=False, index=True
        ),
        sa.Column(
            "list_record_id",
            sa.String(32),
            sa.ForeignKey("list_records.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("matched_name", sa.Text, nullable=False),
        sa.Column("explanation", sa.JSON, nullable=False),
    )
    op.create_table(
        "review_decisions",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("target_type", sa.String(16), nullable=False),
        sa.Column("target_id", sa.String(64), nullable=False),
        sa.Column("decision", sa.String(16), nullable=False),
        sa.Column("note", sa.Text),
        sa.Column("decided_at", sa.String(32), nullable=False),
    )


def downgrade() -> None:
    """Drop every table."""
    for table in (
        "review_decisions",
        "matches",
        "list_records",
        "claims",
        "mentions",
        "entities",
        "documents",
    ):
        op.drop_table(table)
