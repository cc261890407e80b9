"""`--format ftm`: FollowTheMoney entities as JSON Lines (readable by `ftm` and Aleph).

| dossier | FtM schema | notes |
|---|---|---|
| person | `Person` | mention spellings and merged entities become `alias` |
| organization | `Organization` | |
| country | `LegalEntity` | a state acting as a party; `country` set to its ISO code |
| location | `Address` | `full` is the name |
| weapon | `Asset` | |
| other | `LegalEntity` | |
| document | `Article` | title, author, site (`publisher`), date, URL, body text |
| mention | `Documentation` | document → entity, role `mentioned` |
| claim with two entities | `UnknownLink` | subject → object, `role` = predicate |
| other claims | `Event` | `involved` = the entities it names |

Every claim carries the evidence sentence (`summary`), its date, the document as `proof`,
and the document's URL and site (`sourceUrl`, `publisher`). Entities merged into
another are written once, under the id of the entity they were merged into.
Values are cleaned by followthemoney; one it rejects stops the export (`ExportError`).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from followthemoney import EntityProxy, model
from followthemoney.types import registry

from dossier.export.base import (
    ExportError,
    canonical_ids,
    documents_by_id,
    prepare_output,
    table_rows,
)
from dossier.store import Store
from dossier.store import schema as t

ENTITY_SCHEMATA = {
    "person": "Person",
    "organization": "Organization",
    "country": "LegalEntity",
    "location": "Address",
    "weapon": "Asset",
    "other": "LegalEntity",
}


def ftm_id(kind: str, key: str) -> str:
    """The FtM id of a stored object (`ent-…`, `doc-…`, `claim-…`, `men-…`)."""
    return f"{kind}-{key}"


def put(proxy: EntityProxy, prop: str, value: object) -> None:
    """Add a value that followthemoney accepts; a value it would drop is an error."""
    if value is None or value == "":
        return
    prop_type = proxy.schema.get(prop)
    if prop_type is None:
        raise ExportError(f"ftm: {proxy.schema.name} has no property {prop!r}")
    if prop_type.type.clean(str(value), proxy=proxy) is None:
        raise ExportError(f"ftm: {proxy.id}: {value!r} is not a valid {prop_type.type.name}")
    proxy.add(prop, str(value))


def web_url(url: str | None) -> str | None:
    """The URL if it is a web address (local paths are not FtM URLs)."""
    return url if url and url.startswith(("http://", "https://")) else None


def make_proxy(schema: str, entity_id: str, props: dict[str, Any]) -> EntityProxy:
    """A proxy of `schema` with every value in `props` (a list adds each item)."""
    proxy = model.make_entity(schema)
    proxy.id = entity_id
    for prop, value in props.items():
        for item in value if isinstance(value, (list, tuple, set)) else [value]:
            put(proxy, prop, item)
    return proxy


def document_proxy(doc: dict[str, Any]) -> EntityProxy:
    """A stored document as an FtM `Article`."""
    return make_proxy(
        "Article",
        ftm_id("doc", doc["id"]),
        {
            "title": doc["title"] or doc["external_id"],
            "publishedAt": doc["published"],
            "author": doc["author"],
            "publisher": doc["site"],
            "sourceUrl": web_url(doc["url"]),
            "language": doc["language"] if registry.language.clean(doc["language"]) else None,
            "bodyText": doc["text"][doc["body_start"] : doc["body_end"]],
        },
    )


def entity_proxies(store: Store, canonical: dict[str, str]) -> Iterator[EntityProxy]:
    """One proxy per canonical entity; merged entities' names become aliases."""
    entities = list(table_rows(store, t.entities))
    aliases: dict[str, set[str]] = {}
    for row in entities:
        aliases.setdefault(canonical[row["id"]], set()).add(row["name"])
    for row in table_rows(store, t.mentions):
        aliases.setdefault(canonical[row["entity_id"]], set()).add(row["text"])
    for row in entities:
        if canonical[row["id"]] != row["id"]:
            continue
        schema = ENTITY_SCHEMATA.get(row["type"], "LegalEntity")
        props: dict[str, Any] = {"name": row["name"]}
        props["alias"] = sorted(aliases.get(row["id"], set()) - {row["name"]})
        if schema == "Address":
            props["full"] = row["name"]
        if row["type"] == "country":
            props["country"] = registry.country.clean(row["name"], fuzzy=True)
        yield make_proxy(schema, ftm_id("ent", row["id"]), props)


def claim_proxy(
    claim: dict[str, Any], doc: dict[str, Any], canonical: dict[str, str]
) -> EntityProxy:
    """A claim as `UnknownLink` (two entities) or `Event`, with its evidence and source."""
    ends = [
        ftm_id("ent", canonical[e])
        for e in (claim["subject_entity_id"], claim["object_entity_id"])
        if e
    ]
    props: dict[str, Any] = {
        "date": claim["date"],
        "summary": claim["evidence_text"],
        "description": _claim_line(claim),
        "recordId": claim["id"],
        "proof": ftm_id("doc", claim["document_id"]),
        "sourceUrl": web_url(doc["url"]),
        "publisher": doc["site"],
    }
    if len(ends) == 2 and ends[0] != ends[1]:
        props.update(subject=ends[0], object=ends[1], role=claim["predicate"])
        return make_proxy("UnknownLink", ftm_id("claim", claim["id"]), props)
    props.update(name=_claim_line(claim), involved=ends)
    return make_proxy("Event", ftm_id("claim", claim["id"]), props)


def _claim_line(claim: dict[str, Any]) -> str:
    parts = [claim["subject"], claim["predicate"], claim["object"], claim["item"]]
    line = " ".join(str(p) for p in parts if p)
    return f"{line} ({claim['quantity']})" if claim["quantity"] else line


def mention_proxies(store: Store, canonical: dict[str, str]) -> Iterator[EntityProxy]:
    """One `Documentation` per (document, entity) pair: where each entity is named."""
    pairs = sorted(
        {(r["document_id"], canonical[r["entity_id"]]) for r in table_rows(store, t.mentions)}
    )
    for doc_id, entity_id in pairs:
        yield make_proxy(
            "Documentation",
            ftm_id("men", f"{doc_id}-{entity_id}"),
            {
                "document": ftm_id("doc", doc_id),
                "entity": ftm_id("ent", entity_id),
                "role": "mentioned",
            },
        )


def iter_proxies(store: Store) -> Iterator[tuple[str, EntityProxy]]:
    """(kind, proxy) for every document, entity, mention and claim of the store."""
    canonical = canonical_ids(store)
    docs = documents_by_id(store)
    for doc in table_rows(store, t.documents):
        yield "documents", document_proxy(doc)
    for proxy in entity_proxies(store, canonical):
        yield "entities", proxy
    for proxy in mention_proxies(store, canonical):
        yield "mentions", proxy
    for claim in table_rows(store, t.claims):
        yield "claims", claim_proxy(claim, docs[claim["document_id"]], canonical)


def export_ftm(store: Store, path: Path) -> dict[str, int]:
    """Write FollowTheMoney JSON Lines to `path`; return how many of each kind."""
    prepare_output(path)
    counts: dict[str, int] = {}
    with path.open("w", encoding="utf-8") as out:
        for kind, proxy in iter_proxies(store):
            out.write(json.dumps(proxy.to_dict(), ensure_ascii=False, sort_keys=True) + "\n")
            counts[kind] = counts.get(kind, 0) + 1
    return counts
