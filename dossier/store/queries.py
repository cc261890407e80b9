"""Read queries shared by the CLI, the API and the web UI."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, or_, select

from dossier.exc import NotFoundError
from dossier.store import schema as t
from dossier.store.db import Store


def list_entities(
    store: Store, q: str | None = None, etype: str | None = None, limit: int = 100, offset: int = 0
) -> list[dict[str, Any]]:
    """Entities with their mention and document counts, most mentioned first."""
    mentions = func.count(t.mentions.c.id).label("mentions")
    documents = func.count(func.distinct(t.mentions.c.document_id)).label("documents")
    stmt = (
        select(t.entities.c.id, t.entities.c.name, t.entities.c.type, mentions, documents)
        .join(t.mentions, t.mentions.c.entity_id == t.entities.c.id)
        .group_by(t.entities.c.id, t.entities.c.name, t.entities.c.type)
        .order_by(mentions.desc(), t.entities.c.name)
        .limit(limit)
        .offset(offset)
    )
    if q:
        pattern = f"%{q}%"
        stmt = stmt.where(or_(t.entities.c.name.ilike(pattern), t.mentions.c.text.ilike(pattern)))
    if etype:
        stmt = stmt.where(t.entities.c.type == etype)
    with store.engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(stmt)]


def find_entity_id(store: Store, ref: str) -> str:
    """Resolve an entity id or a name (or mention text) to an entity id."""
    with store.engine.connect() as conn:
        by_id = conn.execute(select(t.entities.c.id).where(t.entities.c.id == ref)).first()
        if by_id:
            return str(by_id[0])
        by_name = conn.execute(
            select(t.entities.c.id).where(func.lower(t.entities.c.name) == ref.lower())
        ).first()
        if by_name:
            return str(by_name[0])
        by_mention = conn.execute(
            select(t.mentions.c.entity_id).where(func.lower(t.mentions.c.text) == ref.lower())
        ).first()
        if by_mention:
            return str(by_mention[0])
    raise NotFoundError(f"no entity {ref!r}; try `dossier entities --q {ref.split()[0]}`")


def entity_detail(store: Store, entity_id: str) -> dict[str, Any]:
    """An entity with its aliases, mentions, claims and list matches."""
    with store.engine.connect() as conn:
        row = conn.execute(select(t.entities).where(t.entities.c.id == entity_id)).first()
        if row is None:
            raise NotFoundError(f"no entity with id {entity_id!r}")
        mentions = [
            dict(r._mapping)
            for r in conn.execute(
                select(
                    t.mentions.c.document_id,
                    t.mentions.c.start,
                    t.mentions.c.end,
                    t.mentions.c.text,
                )
                .where(t.mentions.c.entity_id == entity_id)
                .order_by(t.mentions.c.document_id, t.mentions.c.start)
            )
        ]
        matches = [
            dict(r._mapping)
            for r in conn.execute(
                select(
                    t.list_records.c.dataset,
                    t.list_records.c.list_id,
                    t.list_records.c.name,
                    t.list_records.c.programs,
                    t.list_records.c.listed_on,
                    t.matches.c.score,
                    t.matches.c.matched_name,
                    t.matches.c.explanation,
                )
                .join(t.list_records, t.list_records.c.id == t.matches.c.list_record_id)
                .where(t.matches.c.entity_id == entity_id)
                .order_by(t.matches.c.score.desc())
            )
        ]
    return {
        **dict(row._mapping),
        "aliases": sorted({m["text"] for m in mentions}),
        "mentions": mentions,
        "claims": list_claims(store, entity_id=entity_id),
        "matches": matches,
    }


def list_claims(
    store: Store,
    predicate: str | None = None,
    entity_id: str | None = None,
    hedged: bool | None = None,
    limit: int = 500,
) -> list[dict[str, Any]]:
    """Claims, filtered by predicate, entity (as subject or object) and hedging."""
    stmt = select(t.claims, t.documents.c.external_id.label("document"), t.documents.c.url).join(
        t.documents, t.documents.c.id == t.claims.c.document_id
    )
    if predicate:
        stmt = stmt.where(t.claims.c.predicate == predicate)
    if entity_id:
        stmt = stmt.where(
            or_(t.claims.c.subject_entity_id == entity_id, t.claims.c.object_entity_id == entity_id)
        )
    if hedged is not None:
        stmt = stmt.where(t.claims.c.hedged == hedged)
    stmt = stmt.order_by(t.claims.c.date, t.claims.c.document_id, t.claims.c.evidence_start).limit(
        limit
    )
    with store.engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(stmt)]


def list_matches(store: Store, limit: int = 500) -> list[dict[str, Any]]:
    """Stored entity ↔ list record matches, best first."""
    stmt = (
        select(
            t.entities.c.name.label("entity"),
            t.entities.c.type,
            t.list_records.c.dataset,
            t.list_records.c.list_id,
            t.list_records.c.name.label("list_name"),
            t.list_records.c.listed_on,
            t.matches.c.score,
            t.matches.c.matched_name,
        )
        .join(t.entities, t.entities.c.id == t.matches.c.entity_id)
        .join(t.list_records, t.list_records.c.id == t.matches.c.list_record_id)
        .order_by(t.matches.c.score.desc())
        .limit(limit)
    )
    with store.engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(stmt)]
