"""The tables of the web UI and the API lists: entities, documents and claims, filtered,
sorted and paged with their totals (`paging.fetch_page`).

Filters are small frozen objects, one per table, so a route, the CLI and a test build
the same query. Sort keys are named here, per table; an unknown key falls back to the
table's own order rather than failing (a stale bookmark still opens).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.engine import Connection
from sqlalchemy.sql import Select

from dossier.store import schema as t
from dossier.store.fulltext import matching
from dossier.store.merges import canonical_id, canonical_map
from dossier.store.paging import PageRequest, Rows, contains, fetch_page, ordered


@dataclass(frozen=True, slots=True)
class EntityFilter:
    """Which entities: name or alias contains `q`; of a `type`; with a list match not
    rejected (`sanctioned`); mentioned in `document_id`."""

    q: str | None = None
    type: str | None = None
    sanctioned: bool | None = None
    document_id: str | None = None
    ids: tuple[str, ...] | None = None
    """Only these canonical ids (the hits of a name search)."""


@dataclass(frozen=True, slots=True)
class DocumentFilter:
    """Which documents: full text (title and text) matches `q`; from `site`; in
    `language`; published within [`published_from`, `published_to`] (ISO prefixes)."""

    q: str | None = None
    site: str | None = None
    language: str | None = None
    published_from: str | None = None
    published_to: str | None = None


@dataclass(frozen=True, slots=True)
class ClaimFilter:
    """Which claims. `entity_ids`: an entity's merge group (subject or object); dates
    compare as periods (`in_period`); `text`: full text of the sentence; `source`: the
    document's id or its site."""

    predicate: str | None = None
    entity_ids: tuple[str, ...] | None = None
    hedged: bool | None = None
    date_from: str | None = None
    date_to: str | None = None
    document_id: str | None = None
    text: str | None = None
    dated: bool = False
    source: str | None = None


@dataclass(frozen=True, slots=True)
class GraphFilter:
    """Which claims make the graph's edges: of a predicate, dated within a period."""

    predicate: str | None = None
    date_from: str | None = None
    date_to: str | None = None


def in_period(column: Any, date_from: str | None, date_to: str | None) -> ColumnElement[bool]:
    """Dates (ISO prefixes: a year, a month or a day) whose period overlaps the filter's.

    '2023' is all of 2023 and '2023-05' all of May, so a filter from 2023-05-10 keeps
    both, and one to 2023 keeps '2023-12-31'. A prefix sorts before every date it
    covers, and '~' sorts after digits and '-', so `date || '~'` is the period's end.
    """
    conditions = [column.is_not(None)]
    if date_from:
        conditions.append(column.concat("~") >= date_from)
    if date_to:
        conditions.append(column <= date_to + "~")
    return and_(*conditions)


def _rejected(conn: Connection) -> set[str]:
    r = t.review_decisions.c
    rows = conn.execute(
        select(r.target_id, r.decision)
        .where(r.target_type == "match", r.undone_at.is_(None))
        .order_by(r.decided_at, r.id)
    )
    latest = {row.target_id: row.decision for row in rows}
    return {k for k, v in latest.items() if v == "reject"}


def listed_groups(conn: Connection) -> Any:
    """Canonical ids of entities with a list match not rejected by review."""
    return (
        select(canonical_id())
        .join(t.matches, t.matches.c.entity_id == t.entities.c.id)
        .where(t.matches.c.id.not_in(sorted(_rejected(conn))))
    )


def group_lists(conn: Connection, canonical_ids: list[str]) -> dict[str, list[str]]:
    """Canonical id → the datasets its group is matched on (rejected matches left out)."""
    if not canonical_ids:
        return {}
    canon = canonical_id()
    stmt = (
        select(canon, t.list_records.c.dataset)
        .join(t.matches, t.matches.c.entity_id == t.entities.c.id)
        .join(t.list_records, t.list_records.c.id == t.matches.c.list_record_id)
        .where(canon.in_(canonical_ids), t.matches.c.id.not_in(sorted(_rejected(conn))))
        .distinct()
    )
    found: dict[str, set[str]] = {}
    for root, dataset in conn.execute(stmt):
        found.setdefault(root, set()).add(dataset)
    return {root: sorted(d) for root, d in found.items()}


def _named(q: str) -> Any:
    """The canonical ids of entities whose name or a mention's text contains `q`."""
    hit = t.entities.alias("hit")
    return (
        select(canonical_id(hit))
        .outerjoin(t.mentions, t.mentions.c.entity_id == hit.c.id)
        .where(or_(contains(hit.c.name, q), contains(t.mentions.c.text, q)))
    )


def page_entities(conn: Connection, f: EntityFilter, page: PageRequest) -> Rows:
    """Canonical entities with mention and document counts (merged entities counted
    together) and the lists they are matched on; most mentioned first by default."""
    canon = canonical_id()
    mentions = func.count(t.mentions.c.id).label("mentions")
    documents = func.count(func.distinct(t.mentions.c.document_id)).label("documents")
    groups = (
        select(canon.label("id"), mentions, documents)
        .join(t.mentions, t.mentions.c.entity_id == t.entities.c.id)
        .group_by(canon)
    )
    if f.q:
        groups = groups.where(canon.in_(_named(f.q)))
    if f.ids is not None:
        groups = groups.where(canon.in_(list(f.ids)))
    if f.document_id:
        in_doc = select(canon).join(t.mentions, t.mentions.c.entity_id == t.entities.c.id)
        groups = groups.where(canon.in_(in_doc.where(t.mentions.c.document_id == f.document_id)))
    if f.sanctioned is not None:
        listed = canon.in_(listed_groups(conn))
        groups = groups.where(listed if f.sanctioned else ~listed)
    counts = groups.subquery()
    e = t.entities.c
    stmt: Select[Any] = select(e.id, e.name, e.type, counts.c.mentions, counts.c.documents).join(
        counts, counts.c.id == e.id
    )
    if f.type:
        stmt = stmt.where(e.type == f.type)
    sorts = {
        "name": e.name,
        "type": e.type,
        "mentions": counts.c.mentions,
        "documents": counts.c.documents,
    }
    stmt = ordered(stmt, page.sort, sorts, [counts.c.mentions.desc(), e.name, e.id])
    rows = fetch_page(conn, stmt, page)
    lists = group_lists(conn, [r["id"] for r in rows.items])
    for row in rows.items:
        row["lists"] = lists.get(row["id"], [])
    return rows


def page_documents(conn: Connection, f: DocumentFilter, page: PageRequest) -> Rows:
    """Documents with their claim and mention counts, in ingest order by default."""
    d = t.documents.c
    claims = (
        select(func.count(t.claims.c.id)).where(t.claims.c.document_id == d.id).scalar_subquery()
    )
    mentions = (
        select(func.count(t.mentions.c.id))
        .where(t.mentions.c.document_id == d.id)
        .scalar_subquery()
    )
    cols = (d.id, d.external_id, d.title, d.url, d.published, d.source, d.author, d.site)
    stmt: Select[Any] = select(
        *cols,
        d.language,
        d.ingested_at,
        d.story_id,
        func.length(d.text).label("length"),
        claims.label("claims"),
        mentions.label("mentions"),
    )
    stmt = stmt.where(*_document_conditions(conn, f))
    sorts = {
        "published": d.published,
        "title": func.coalesce(d.title, d.external_id),
        "site": d.site,
        "ingested": d.ingested_at,
        "claims": claims,
        "mentions": mentions,
        "length": func.length(d.text),
    }
    return fetch_page(conn, ordered(stmt, page.sort, sorts, [d.ingested_at, d.external_id]), page)


def _document_conditions(conn: Connection, f: DocumentFilter) -> list[ColumnElement[bool]]:
    d = t.documents.c
    out: list[ColumnElement[bool]] = []
    if f.q:
        found = matching(conn.dialect.name, "documents", f.q)
        out.append(found if found is not None else contains(d.title, f.q))
    if f.site:
        out.append(d.site == f.site)
    if f.language:
        out.append(d.language == f.language)
    if f.published_from or f.published_to:
        out.append(in_period(d.published, f.published_from, f.published_to))
    return out


def claims_statement(conn: Connection, f: ClaimFilter) -> Any:
    """The claims `f` keeps, with their document's name, URL, byline and site."""
    c = t.claims.c
    d = t.documents.c
    stmt = select(
        t.claims,
        d.external_id.label("document"),
        d.url,
        d.author,
        d.site,
        d.title,
        d.published,
        d.story_id,
    ).join(t.documents, d.id == c.document_id)
    return stmt.where(*_claim_conditions(conn, f))


def _claim_conditions(conn: Connection, f: ClaimFilter) -> list[ColumnElement[bool]]:
    c = t.claims.c
    out: list[ColumnElement[bool]] = []
    if f.predicate:
        out.append(c.predicate == f.predicate)
    if f.entity_ids is not None:
        ids = list(f.entity_ids)
        out.append(or_(c.subject_entity_id.in_(ids), c.object_entity_id.in_(ids)))
    if f.hedged is not None:
        out.append(c.hedged == f.hedged)
    if f.document_id:
        out.append(c.document_id == f.document_id)
    if f.source:
        out.append(or_(c.document_id == f.source, t.documents.c.site == f.source))
    if f.text:
        found = matching(conn.dialect.name, "claims", f.text)
        out.append(found if found is not None else contains(c.evidence_text, f.text))
    if f.dated or f.date_from or f.date_to:
        out.append(in_period(c.date, f.date_from, f.date_to))
    return out


CLAIM_SORTS = {
    "date": t.claims.c.date,
    "predicate": t.claims.c.predicate,
    "subject": t.claims.c.subject,
    "object": t.claims.c.object,
    "document": t.documents.c.external_id,
}


def page_claims(conn: Connection, f: ClaimFilter, page: PageRequest) -> Rows:
    """Claims with their evidence, by date by default; entity ids read as canonical."""
    c = t.claims.c
    default = [c.date, c.document_id, c.evidence_start, c.id]
    stmt = ordered(claims_statement(conn, f), page.sort, CLAIM_SORTS, default)
    rows = fetch_page(conn, stmt, page)
    roles = ("subject_entity_id", "object_entity_id")
    roots = canonical_map(conn, [r[k] for r in rows.items for k in roles if r[k]])
    for row in rows.items:
        row["date_precision"] = date_precision(row["date"])
        for key in roles:
            row[key] = roots.get(row[key], row[key])
    return rows


def date_precision(date: str | None) -> str | None:
    """How precise an ISO date prefix is: `year`, `month` or `day`."""
    if not date:
        return None
    return {4: "year", 7: "month"}.get(len(date), "day")


def facet_values(conn: Connection, column: Any, limit: int = 200) -> list[str]:
    """The distinct non-empty values of a column, sorted (a filter's choices)."""
    stmt = select(column).where(column.is_not(None), column != "").distinct().order_by(column)
    return [str(v) for v in conn.execute(stmt.limit(limit)).scalars()]
