"""Queries shared by the CLI, the API and the web UI (the tables' pages are built in
`lists.py`, review decisions written in `review.py`). Reads respect review decisions: rejected
matches are hidden and merged entities are read together. Entities folded into another
(`entities.merged_into`, see `dossier/store/merges.py`) read as their canonical entity
through one helper, `canonical_id`: lists, details, claims and the graph show one entity
with all its names and its mentions counted together.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import case, func, or_, select

from dossier.exc import NotFoundError
from dossier.lists.alert_rows import list_alerts
from dossier.lists.timing import add_party_timings
from dossier.store import lists
from dossier.store import schema as t
from dossier.store.db import Store
from dossier.store.lists import (
    ClaimFilter,
    DocumentFilter,
    EntityFilter,
    GraphFilter,
    date_precision,
)
from dossier.store.merges import canonical_id, canonical_map
from dossier.store.pages import with_pages
from dossier.store.paging import PageRequest, Rows
from dossier.store.review import latest_decisions as latest_decisions  # re-exported
from dossier.store.review import latest_records
from dossier.store.review import pair_id as pair_id  # re-exported: older callers
from dossier.store.review import record_decision as record_decision  # re-exported


def list_entities(
    store: Store, q: str | None = None, etype: str | None = None, limit: int = 100, offset: int = 0
) -> list[dict[str, Any]]:
    """Canonical entities with their aliases and mention and document counts (merged
    entities counted together), most mentioned first.
    """
    f = EntityFilter(q=q, type=etype)
    return page_entities(store, f, PageRequest(limit, offset)).items


def page_entities(store: Store, f: EntityFilter, page: PageRequest) -> Rows:
    """A page of canonical entities (`lists.page_entities`) with every name of each."""
    with store.engine.connect() as conn:
        rows = lists.page_entities(conn, f, page)
        names = group_names(conn, [r["id"] for r in rows.items])
    for row in rows.items:
        row["aliases"] = names.get(row["id"], [])
    return rows


def group_names(conn: Any, canonical_ids: list[str]) -> dict[str, list[str]]:
    """Every name of each canonical entity's group: entity names and mention texts."""
    if not canonical_ids:
        return {}
    canon = canonical_id()
    by_entity = select(canon, t.entities.c.name).where(canon.in_(canonical_ids))
    by_mention = (
        select(canon, t.mentions.c.text)
        .join(t.mentions, t.mentions.c.entity_id == t.entities.c.id)
        .where(canon.in_(canonical_ids))
        .distinct()
    )
    names: dict[str, set[str]] = {}
    for stmt in (by_entity, by_mention):
        for root, name in conn.execute(stmt):
            names.setdefault(root, set()).add(name)
    return {root: sorted(found) for root, found in names.items()}


def find_entity_id(store: Store, ref: str) -> str:
    """Resolve an entity id or a name (or mention text) to an entity id."""
    with store.engine.connect() as conn:
        by_id = conn.execute(select(t.entities.c.id).where(t.entities.c.id == ref)).first()
        if by_id:
            return str(by_id[0])
        # Exact first: SQLite's lower() folds only ASCII, so "Елабуга" must match as written.
        by_name = conn.execute(
            select(t.entities.c.id)
            .where(or_(t.entities.c.name == ref, func.lower(t.entities.c.name) == ref.lower()))
            .order_by(t.entities.c.name != ref, t.entities.c.id)
        ).first()
        if by_name:
            return str(by_name[0])
        by_mention = conn.execute(
            select(t.mentions.c.entity_id)
            .where(or_(t.mentions.c.text == ref, func.lower(t.mentions.c.text) == ref.lower()))
            .order_by(t.mentions.c.text != ref, t.mentions.c.entity_id)
        ).first()
        if by_mention:
            return str(by_mention[0])
    raise NotFoundError(f"no entity {ref!r}; try `dossier entities --q {ref.split()[0]}`")


def entity_detail(store: Store, entity_id: str) -> dict[str, Any]:
    """An entity with its aliases, mentions, claims, list matches (rejected ones left
    out) and neighbours; entities merged with it by review are read together.
    """
    with store.engine.connect() as conn:
        entity_id = canonical_map(conn, [entity_id]).get(entity_id, entity_id)
        row = conn.execute(select(t.entities).where(t.entities.c.id == entity_id)).first()
        if row is None:
            raise NotFoundError(f"no entity with id {entity_id!r}; search at /entities?q=")
    ids = merge_group(store, entity_id)
    with store.engine.connect() as conn:
        aliases = group_names(conn, [entity_id]).get(entity_id, [])
        merges = _group_merges(conn, ids)
        mentions = [
            dict(r._mapping)
            for r in conn.execute(
                select(
                    t.mentions.c.document_id,
                    t.mentions.c.start,
                    t.mentions.c.end,
                    t.mentions.c.text,
                )
                .where(t.mentions.c.entity_id.in_(ids))
                .order_by(t.mentions.c.document_id, t.mentions.c.start)
            )
        ]
        merged = [
            dict(r._mapping)
            for r in conn.execute(
                select(t.entities.c.id, t.entities.c.name).where(
                    t.entities.c.id.in_([i for i in ids if i != entity_id])
                )
            )
        ]
    graph = claim_graph(store, entity_id, group=ids)
    names = {n["id"]: n for n in graph["nodes"]}
    neighbours: dict[str, dict[str, Any]] = {}
    for edge in graph["edges"]:
        for end in (edge["source"], edge["target"]):
            if end not in ids:
                node = neighbours.setdefault(end, {**names[end], "claims": 0, "predicates": []})
                node["claims"] += edge["count"]
                if edge["predicate"] not in node["predicates"]:
                    node["predicates"].append(edge["predicate"])
    return {
        **dict(row._mapping),
        "aliases": sorted({m["text"] for m in mentions} | set(aliases)),
        "merged_with": merged,
        "merges": merges,
        "mentions": mentions,
        "claims": add_party_timings(
            list_claims(store, entity_id=entity_id, group=ids), _matches_of(store)
        ),
        "matches": entity_matches(store, ids),
        "rejected": rejected_matches(store, ids),
        "alerts": list_alerts(store, entity_ids=ids),
        "neighbours": sorted(neighbours.values(), key=lambda n: (-n["claims"], n["name"])),
        "documents": sorted({m["document_id"] for m in mentions}),
    }


def rejected_matches(store: Store, ids: list[str]) -> list[dict[str, Any]]:
    """The list candidates of these entities rejected by review, with the decision."""
    rows = [m for m in entity_matches(store, ids, rejected=True) if m["review"] == "reject"]
    held = latest_records(store, "match", [m["id"] for m in rows])
    return [
        {
            **{k: m[k] for k in ("id", "dataset", "list_id", "name", "score")},
            "decision_id": held[m["id"]]["id"],
            "note": held[m["id"]]["note"],
            "decided_at": held[m["id"]]["decided_at"],
            "decided_by": held[m["id"]]["decided_by"],
        }
        for m in rows
    ]


def matched_entities(store: Store, record_ids: list[str]) -> dict[str, list[dict[str, str]]]:
    """List record id → the canonical entities matched to it (rejected matches left out)."""
    if not record_ids:
        return {}
    canon = t.entities.alias("canon")
    stmt = (
        select(t.matches.c.id, t.matches.c.list_record_id, canon.c.id.label("eid"), canon.c.name)
        .join(t.entities, t.entities.c.id == t.matches.c.entity_id)
        .join(canon, canon.c.id == canonical_id())
        .where(t.matches.c.list_record_id.in_(record_ids))
        .order_by(canon.c.name)
    )
    with store.engine.connect() as conn:
        rows = list(conn.execute(stmt))
    status = latest_decisions(store, "match", [r.id for r in rows])
    out: dict[str, list[dict[str, str]]] = {}
    for r in rows:
        entry = {"id": r.eid, "name": r.name}
        if status.get(r.id) != "reject" and entry not in out.get(r.list_record_id, []):
            out.setdefault(r.list_record_id, []).append(entry)
    return out


def _group_merges(conn: Any, ids: list[str]) -> list[dict[str, Any]]:
    """The active merges that made these entities one, oldest first, with reasons."""
    m = t.entity_merges.c
    stmt = (
        select(m.id, m.winner_id, m.loser_id, m.score, m.reason, m.merged_at)
        .where(m.undone_at.is_(None), m.loser_id.in_(ids))
        .order_by(m.merged_at, m.id)
    )
    return [dict(r._mapping) for r in conn.execute(stmt)]


def list_matches(store: Store, limit: int = 500) -> list[dict[str, Any]]:
    """Stored entity ↔ list record matches, best first; rejected matches are left out."""
    stmt = (
        select(
            t.matches.c.id,
            t.entities.c.name.label("entity"),
            t.entities.c.type,
            t.list_records.c.dataset,
            t.list_records.c.list_id,
            t.list_records.c.name.label("list_name"),
            t.list_records.c.listed_on,
            t.list_records.c.programs,
            t.matches.c.score,
            t.matches.c.matched_name,
        )
        .join(t.entities, t.entities.c.id == t.matches.c.entity_id)
        .join(t.list_records, t.list_records.c.id == t.matches.c.list_record_id)
        .order_by(t.matches.c.score.desc())
        .limit(limit)
    )
    with store.engine.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(stmt)]
    status = latest_decisions(store, "match", [r["id"] for r in rows])
    return [
        {k: v for k, v in r.items() if k != "id"} for r in rows if status.get(r["id"]) != "reject"
    ]


# --- documents, sources, claims, graph, timeline (API and web UI) ---------------------


def list_ingest_errors(store: Store, limit: int = 100) -> list[dict[str, Any]]:
    """Inputs that ingest runs could not store, newest first."""
    e = t.ingest_errors.c
    stmt = (
        select(e.occurred_at, e.source, e.location, e.reason)
        .order_by(e.occurred_at.desc(), e.location)
        .limit(limit)
    )
    with store.engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(stmt)]


def list_documents(store: Store, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
    """Documents with their claim and mention counts, in ingest order."""
    return page_documents(store, DocumentFilter(), PageRequest(limit, offset)).items


def page_documents(store: Store, f: DocumentFilter, page: PageRequest) -> Rows:
    """A page of documents (`lists.page_documents`)."""
    with store.engine.connect() as conn:
        return lists.page_documents(conn, f, page)


def document_detail(store: Store, document_id: str) -> dict[str, Any]:
    """A document with its text, body span, mentions (with canonical entity ids) and claims."""
    canon = t.entities.alias("canon")
    with store.engine.connect() as conn:
        row = conn.execute(select(t.documents).where(t.documents.c.id == document_id)).first()
        if row is None:
            raise NotFoundError(f"no document with id {document_id!r}; list them at /documents")
        mentions = [
            dict(r._mapping)
            for r in conn.execute(
                select(
                    canon.c.id.label("entity_id"),
                    canon.c.name.label("entity"),
                    t.mentions.c.start,
                    t.mentions.c.end,
                    t.mentions.c.text,
                    t.mentions.c.type,
                )
                .join(t.entities, t.entities.c.id == t.mentions.c.entity_id)
                .join(canon, canon.c.id == canonical_id())
                .where(t.mentions.c.document_id == document_id)
                .order_by(t.mentions.c.start)
            )
        ]
    doc = dict(row._mapping)
    doc.pop("content_hash", None)
    doc.pop("minhash", None)  # bytes: meaningless to a reader, and not JSON
    return {**doc, "mentions": mentions, "claims": list_claims(store, document_id=document_id)}


def list_claims(
    store: Store,
    predicate: str | None = None,
    entity_id: str | None = None,
    hedged: bool | None = None,
    limit: int = 500,
    *,
    date_from: str | None = None,
    date_to: str | None = None,
    document_id: str | None = None,
    text: str | None = None,
    dated: bool = False,
    offset: int = 0,
    group: list[str] | None = None,
) -> list[dict[str, Any]]:
    """Claims, filtered by predicate, entity (as subject or object), hedging, document,
    date period (`lists.in_period`: '2023' keeps '2023-05') and sentence text (full
    text). `group`: the entity's `merge_group`, when the caller has it already.
    """
    ids = (group or merge_group(store, entity_id)) if entity_id else None
    f = ClaimFilter(
        predicate=predicate,
        entity_ids=tuple(ids) if ids is not None else None,
        hedged=hedged,
        date_from=date_from,
        date_to=date_to,
        document_id=document_id,
        text=text,
        dated=dated,
    )
    return with_pages(store, page_claims(store, f, PageRequest(limit, offset)).items)


def page_claims(store: Store, f: ClaimFilter, page: PageRequest) -> Rows:
    """A page of claims (`lists.page_claims`)."""
    with store.engine.connect() as conn:
        return lists.page_claims(conn, f, page)


def _matches_of(store: Store) -> Callable[[str], list[dict[str, Any]]]:
    """Entity id → the list matches of it and the entities merged with it (the review
    links read once for all the parties of a page)."""
    with store.engine.connect() as conn:
        links = _merge_links(conn)

    def matches(entity_id: str) -> list[dict[str, Any]]:
        with store.engine.connect() as conn:
            ids = _group_of(conn, links, entity_id)
        return entity_matches(store, ids)

    return matches


def claim_receipt(store: Store, claim_id: str) -> dict[str, Any]:
    """The chain behind one claim: sentence → claim → span → entities → list matches."""
    with store.engine.connect() as conn:
        row = conn.execute(
            select(
                t.claims,
                t.documents.c.external_id.label("document"),
                t.documents.c.url,
                t.documents.c.title,
                t.documents.c.published,
                t.documents.c.site,
                t.documents.c.author,
                t.documents.c.text.label("document_text"),
            )
            .join(t.documents, t.documents.c.id == t.claims.c.document_id)
            .where(t.claims.c.id == claim_id)
        ).first()
    if row is None:
        raise NotFoundError(f"no claim with id {claim_id!r}; list them at /claims")
    claim = dict(row._mapping)
    text: str = claim.pop("document_text")
    claim["date_precision"] = date_precision(claim["date"])
    with_pages(store, [claim])
    add_party_timings([claim], _matches_of(store))
    start, end = claim["evidence_start"], claim["evidence_end"]
    entities = []
    for role in ("subject", "object"):
        ent_id = claim[f"{role}_entity_id"]
        if ent_id:
            with store.engine.connect() as conn:
                claim[f"{role}_entity_id"] = ent_id = canonical_map(conn, [ent_id])[ent_id]
            entities.append({"role": role, **_entity_with_matches(store, ent_id)})
    return {
        "claim": claim,
        "span": {
            "document_id": claim["document_id"],
            "start": start,
            "end": end,
            "text": text[start:end],
            "before": text[max(0, start - 200) : start],
            "after": text[end : end + 200],
        },
        "entities": entities,
    }


def _entity_with_matches(store: Store, entity_id: str) -> dict[str, Any]:
    with store.engine.connect() as conn:
        row = conn.execute(
            select(t.entities.c.id, t.entities.c.name, t.entities.c.type).where(
                t.entities.c.id == entity_id
            )
        ).one()
    ids = merge_group(store, entity_id)
    return {**dict(row._mapping), "matches": entity_matches(store, ids, with_row=True)}


def entity_matches(
    store: Store, entity_ids: list[str], with_row: bool = False, rejected: bool = False
) -> list[dict[str, Any]]:
    """List matches of entities with their review status; rejected ones only if asked."""
    cols = [
        t.matches.c.id,
        t.matches.c.entity_id,
        t.list_records.c.dataset,
        t.list_records.c.list_id,
        t.list_records.c.name,
        t.list_records.c.schema,
        t.list_records.c.aliases,
        t.list_records.c.programs,
        t.list_records.c.listed_on,
        t.list_records.c.ended_on,
        t.matches.c.score,
        t.matches.c.matched_name,
        t.matches.c.explanation,
    ]
    if with_row:
        cols.append(t.list_records.c.source_row)
    stmt = (
        select(*cols)
        .join(t.list_records, t.list_records.c.id == t.matches.c.list_record_id)
        .where(t.matches.c.entity_id.in_(entity_ids))
        .order_by(t.matches.c.score.desc(), t.list_records.c.list_id)
    )
    with store.engine.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(stmt)]
    status = latest_decisions(store, "match", [r["id"] for r in rows])
    out = []
    for row in rows:
        row["review"] = status.get(row["id"], "pending")
        if rejected or row["review"] != "reject":
            out.append(row)
    return out


def page_sources(store: Store, page: PageRequest) -> Rows:
    """Where the documents came from, one page of rows with counts (sorts as documents)."""
    rows = page_documents(store, DocumentFilter(), page)
    return Rows([_source_row(d) for d in rows.items], rows.total)


def _source_row(d: dict[str, Any]) -> dict[str, Any]:
    keys = ("title", "url", "source", "published", "site", "author", "claims", "mentions")
    return {"document_id": d["id"], "document": d["external_id"], **{k: d[k] for k in keys}}


def claim_graph(
    store: Store,
    entity_id: str | None = None,
    group: list[str] | None = None,
    where: GraphFilter | None = None,
) -> dict[str, Any]:
    """Entities linked by claims: one edge per (subject, predicate, object) with its
    claim count and source documents; limited to an entity's neighbourhood if given
    (`group`: its `merge_group`, when the caller has it already), and to the claims
    `where` keeps. Nodes carry the lists their entity is matched on.
    """
    c = t.claims.c
    subj, obj = t.entities.alias("subj"), t.entities.alias("obj")
    source, target = canonical_id(subj), canonical_id(obj)
    stmt = (
        select(
            source.label("subject_entity_id"),
            target.label("object_entity_id"),
            c.predicate,
            c.document_id,
        )
        .join(subj, subj.c.id == c.subject_entity_id)
        .join(obj, obj.c.id == c.object_entity_id)
        .where(source != target)
    )
    if entity_id:
        ids = group or merge_group(store, entity_id)
        stmt = stmt.where(or_(c.subject_entity_id.in_(ids), c.object_entity_id.in_(ids)))
    if where and where.predicate:
        stmt = stmt.where(c.predicate == where.predicate)
    if where and (where.date_from or where.date_to):
        stmt = stmt.where(lists.in_period(c.date, where.date_from, where.date_to))
    edges: dict[tuple[str, str, str], dict[str, Any]] = {}
    with store.engine.connect() as conn:
        for r in conn.execute(stmt):
            key = (r.subject_entity_id, r.predicate, r.object_entity_id)
            edge = edges.setdefault(
                key,
                {
                    "id": "-".join(key),
                    "source": key[0],
                    "target": key[2],
                    "predicate": key[1],
                    "count": 0,
                    "documents": [],
                },
            )
            edge["count"] += 1
            if r.document_id not in edge["documents"]:
                edge["documents"].append(r.document_id)
        node_ids = sorted({k[0] for k in edges} | {k[2] for k in edges})
        nodes = [
            dict(r._mapping)
            for r in conn.execute(
                select(t.entities.c.id, t.entities.c.name, t.entities.c.type)
                .where(t.entities.c.id.in_(node_ids))
                .order_by(t.entities.c.name)
            )
        ]
        listed = lists.group_lists(conn, node_ids)
    for node in nodes:
        node["lists"] = listed.get(node["id"], [])
    ordered = sorted(edges.values(), key=lambda e: (-e["count"], e["id"]))
    return {"nodes": nodes, "edges": ordered}


# --- review decisions ------------------------------------------------------------------


def merge_group(store: Store, entity_id: str) -> list[str]:
    """The entity and every entity merged with it: folded into one canonical entity
    (`merged_into`) or linked by review merge decisions, transitively.
    """
    with store.engine.connect() as conn:
        return _group_of(conn, _merge_links(conn), entity_id)


def _merge_links(conn: Any) -> dict[str, set[str]]:
    """Entity id → the entities its latest review decisions merge it with."""
    r = t.review_decisions.c
    rows = conn.execute(
        select(r.target_id, r.decision)
        .where(r.target_type == "entity_pair", r.undone_at.is_(None))
        .order_by(r.decided_at, r.id)
    ).all()
    latest: dict[str, str] = {}
    for row in rows:
        latest[row.target_id] = row.decision
    links: dict[str, set[str]] = {}
    for pair, decision in latest.items():
        if decision == "merge":
            a, b = pair.split("|")
            links.setdefault(a, set()).add(b)
            links.setdefault(b, set()).add(a)
    return links


def _group_of(conn: Any, links: dict[str, set[str]], entity_id: str) -> list[str]:
    """`merge_group` of one entity, given the review links (`_merge_links`)."""
    seen = set(_folded(conn, [entity_id])) | {entity_id}
    todo = sorted(seen)
    while todo:
        for other in links.get(todo.pop(), set()) - seen:
            group = set(_folded(conn, [other])) | {other}
            seen |= group
            todo.extend(sorted(group))
    return sorted(seen)


def _folded(conn: Any, ids: list[str]) -> list[str]:
    """Every entity folded together with these (same canonical entity).

    Spelled as indexed lookups of `id` and `merged_into` (a canonical entity is never
    merged itself) rather than `canonical_id() IN (...)`, which scans every entity and
    ran several times per entity page.
    """
    roots = sorted(set(canonical_map(conn, ids).values()))
    if not roots:
        return []
    e = t.entities.c
    stmt = select(e.id).where(or_(e.id.in_(roots), e.merged_into.in_(roots)))
    return sorted(conn.execute(stmt).scalars())


def review_queue(store: Store, status: str | None = None) -> list[dict[str, Any]]:
    """Every match with its entity, the sentence naming the entity, the list record's
    details and the decision that holds (who, when, why), pending first, then by score.
    """
    with store.engine.connect() as conn:
        ids = list(conn.execute(select(t.matches.c.entity_id).distinct()).scalars())
        e = t.entities.c
        names = {
            r.id: (r.name, r.type, r.canonical)
            for r in conn.execute(
                select(e.id, e.name, e.type, canonical_id().label("canonical")).where(e.id.in_(ids))
            )
        }
        sentences = {i: first_sentence(conn, i) for i in ids}
    rows = entity_matches(store, ids, with_row=True, rejected=True)
    held = latest_records(store, "match", [r["id"] for r in rows])
    for row in rows:
        row["entity"], row["entity_type"], row["canonical_id"] = names[row["entity_id"]]
        row["schema_name"] = row["schema"]
        row["sentence"] = sentences[row["entity_id"]]
        row["decision"] = held.get(row["id"])
    if status:
        rows = [r for r in rows if r["review"] == status]
    rows.sort(key=lambda r: (r["review"] != "pending", -r["score"], r["entity"], r["id"]))
    return rows


SENTENCE_WINDOW = 300
"""Characters read on each side of a mention to find the sentence around it."""


def first_sentence(conn: Any, entity_id: str) -> dict[str, Any] | None:
    """The sentence of the entity's first mention (oldest document first), with the
    mention's place in it and the document it is from."""
    m, d = t.mentions.c, t.documents.c
    begin = case((m.start > SENTENCE_WINDOW, m.start - SENTENCE_WINDOW), else_=0)
    stmt = (
        select(
            m.document_id,
            m.start,
            m.end,
            begin.label("begin"),
            func.substr(d.text, begin + 1, m.end - begin + SENTENCE_WINDOW).label("window"),
            d.title,
            d.external_id,
        )
        .join(t.documents, d.id == m.document_id)
        .where(m.entity_id == entity_id)
        .order_by(d.ingested_at, m.start)
        .limit(1)
    )
    row = conn.execute(stmt).first()
    if row is None:
        return None
    text, start, end = sentence_around(row.window, row.start - row.begin, row.end - row.begin)
    return {
        "document_id": row.document_id,
        "document": row.title or row.external_id,
        "text": text,
        "mention_start": start,
        "mention_end": end,
    }


def sentence_around(window: str, start: int, end: int) -> tuple[str, int, int]:
    """The sentence of `window` holding [start, end), and the span's offsets in it: cut
    at the last sentence end before the span and the first after it."""
    stops = ". ", "! ", "? ", "\n"
    lefts = [window.rfind(s, 0, start) + len(s) for s in stops if s in window[:start]]
    left = max(lefts, default=0)
    rights = [i + 1 for s in stops if (i := window.find(s, end)) >= 0]
    right = min(rights, default=len(window))
    sentence = window[left:right]
    stripped = sentence.lstrip()
    shift = left + len(sentence) - len(stripped)
    return stripped.rstrip(), start - shift, end - shift
