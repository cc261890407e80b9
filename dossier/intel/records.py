"""Read claims from the store as flat records for grouping, with canonical entity ids
(`coalesce(merged_into, id)`), the story each document belongs to, and who the claim is
attributed to, resolved to an entity where the document names one.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import aliased

from dossier.store import schema as t
from dossier.store.db import Store


@dataclass(frozen=True, slots=True)
class ClaimRecord:
    """One stored claim with what grouping needs to know about its document."""

    id: str
    document_id: str
    document: str
    title: str | None
    url: str | None
    published: str | None
    story_id: str
    subject: str
    subject_id: str | None
    predicate: str
    object: str | None
    object_id: str | None
    item: str | None
    date: str | None
    quantity: str | None
    attributed_to: str | None
    source_key: str | None
    hedged: bool
    evidence: str
    start: int
    end: int
    site: str | None = None
    """The reporting document's outlet and byline, for citing it."""
    author: str | None = None

    @property
    def subject_key(self) -> str:
        """The subject's canonical entity id, or its lower-cased text."""
        return self.subject_id or f"text:{self.subject.lower()}"

    @property
    def object_key(self) -> str | None:
        """The object's canonical entity id, its lower-cased text, or None."""
        if self.object_id:
            return self.object_id
        return f"text:{self.object.lower()}" if self.object else None


def canonical(entity: Any) -> Any:
    """The SQL expression for an entity's canonical id (the entity it was merged into)."""
    return func.coalesce(entity.c.merged_into, entity.c.id)


def _claims_query(entity_ids: list[str] | None) -> Select[Any]:
    c, d = t.claims.c, t.documents.c
    subj, obj = aliased(t.entities), aliased(t.entities)
    stmt = (
        select(
            t.claims,
            d.external_id.label("document"),
            d.title,
            d.url,
            d.published,
            d.site,
            d.author,
            func.coalesce(d.story_id, d.id).label("story_id"),
            canonical(subj).label("subject_canon"),
            canonical(obj).label("object_canon"),
        )
        .join(t.documents, d.id == c.document_id)
        .outerjoin(subj, subj.c.id == c.subject_entity_id)
        .outerjoin(obj, obj.c.id == c.object_entity_id)
        .order_by(d.published, d.external_id, c.evidence_start, c.id)
    )
    if entity_ids:
        stmt = stmt.where(or_(canonical(subj).in_(entity_ids), canonical(obj).in_(entity_ids)))
    return stmt


def _document_mentions(store: Store, doc_ids: set[str]) -> dict[str, list[tuple[str, str]]]:
    """Per document, (mention text, canonical entity id), longest text first."""
    m, e = t.mentions.c, t.entities
    stmt = (
        select(m.document_id, m.text, canonical(e))
        .join(e, e.c.id == m.entity_id)
        .where(m.document_id.in_(sorted(doc_ids)))
        .where(e.c.type.in_(["organization", "person", "country"]))
    )
    found: dict[str, set[tuple[str, str]]] = defaultdict(set)
    with store.engine.connect() as conn:
        for doc_id, text, entity_id in conn.execute(stmt):
            found[doc_id].add((text, entity_id))
    return {k: sorted(v, key=lambda p: (-len(p[0]), p)) for k, v in found.items()}


def attribution_key(attributed_to: str | None, mentions: list[tuple[str, str]]) -> str | None:
    """The entity a claim is attributed to ("according to the WSJ" → the WSJ's entity id).

    Only named sources count: the attribution's head (its last words) must be a mention
    of an entity of the document. "Kirby" and "spokesperson John Kirby" are John Kirby,
    but "US officials" are anonymous officials, not the United States, and "officials"
    in two articles are not one source.
    """
    if not attributed_to:
        return None
    head = attributed_to.strip().rstrip(".,;:")
    for text, entity_id in mentions:
        if re.search(rf"(?<!\w){re.escape(text)}$", head, re.IGNORECASE):
            return entity_id
    return None


def canonical_ids(store: Store, entity_ids: list[str]) -> list[str]:
    """The entities together with those they were merged into."""
    stmt = select(canonical(t.entities)).where(t.entities.c.id.in_(entity_ids))
    with store.engine.connect() as conn:
        return sorted(set(entity_ids) | {r[0] for r in conn.execute(stmt)})


def load_claims(store: Store, entity_ids: list[str] | None = None) -> list[ClaimRecord]:
    """Every stored claim (or those about the given entities, merges followed) as records."""
    if entity_ids:
        entity_ids = canonical_ids(store, entity_ids)
    with store.engine.connect() as conn:
        rows = [r._mapping for r in conn.execute(_claims_query(entity_ids))]
    mentions = _document_mentions(store, {r["document_id"] for r in rows})
    return [_record(r, mentions.get(r["document_id"], [])) for r in rows]


def _record(row: Any, mentions: list[tuple[str, str]]) -> ClaimRecord:
    return ClaimRecord(
        id=row["id"],
        document_id=row["document_id"],
        document=row["document"],
        title=row["title"],
        url=row["url"],
        published=row["published"],
        story_id=row["story_id"],
        site=row["site"],
        author=row["author"],
        subject=row["subject"],
        subject_id=row["subject_canon"],
        predicate=row["predicate"],
        object=row["object"],
        object_id=row["object_canon"],
        item=row["item"],
        date=row["date"],
        quantity=row["quantity"],
        attributed_to=row["attributed_to"],
        source_key=attribution_key(row["attributed_to"], mentions),
        hedged=bool(row["hedged"]),
        evidence=row["evidence_text"],
        start=row["evidence_start"],
        end=row["evidence_end"],
    )
