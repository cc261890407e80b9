"""`--format gexf`: the claim graph for Gephi (written by networkx).

Nodes are canonical entities (merged entities fold into the one they were merged
into) with `label`, `type`, `mentions`, `listed` (matched a list, not rejected in
review) and `lists` (`dataset:list_id`, `; `-joined). Edges are claims naming two
different entities, subject → object, keyed by claim id, with `predicate`, `date`,
`evidence`, `hedged`, `source_url` and `document_id`. Missing values are left out
(GEXF has no null).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import networkx as nx

from dossier.export.base import (
    ExportError,
    canonical_ids,
    documents_by_id,
    latest_decisions,
    matches_with_records,
    prepare_output,
    table_rows,
)
from dossier.store import Store
from dossier.store import schema as t


def _listed(store: Store, canonical: dict[str, str]) -> dict[str, list[str]]:
    """`dataset:list_id` of every list match not rejected in review, per canonical entity."""
    review = latest_decisions(store, "match")
    listed: dict[str, list[str]] = {}
    for m in matches_with_records(store):
        if review.get(m["id"], {}).get("decision") == "reject":
            continue
        listed.setdefault(canonical[m["entity_id"]], []).append(f"{m['dataset']}:{m['list_id']}")
    return listed


def _present(attrs: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in attrs.items() if v is not None}


def claim_graph(store: Store) -> nx.MultiDiGraph:
    """Entities as nodes and claims as edges."""
    canonical = canonical_ids(store)
    listed = _listed(store, canonical)
    mentions: dict[str, int] = {}
    for m in table_rows(store, t.mentions):
        key = canonical[m["entity_id"]]
        mentions[key] = mentions.get(key, 0) + 1
    graph = nx.MultiDiGraph()
    for e in table_rows(store, t.entities):
        if canonical[e["id"]] == e["id"]:
            lists = sorted(set(listed.get(e["id"], [])))
            graph.add_node(
                e["id"],
                label=e["name"],
                type=e["type"],
                mentions=mentions.get(e["id"], 0),
                listed=bool(lists),
                lists="; ".join(lists),
            )
    docs = documents_by_id(store)
    for c in table_rows(store, t.claims):
        if not (c["subject_entity_id"] and c["object_entity_id"]):
            continue
        source, target = canonical[c["subject_entity_id"]], canonical[c["object_entity_id"]]
        if source == target:
            continue
        attrs = {
            "predicate": c["predicate"],
            "date": c["date"],
            "evidence": c["evidence_text"],
            "hedged": bool(c["hedged"]),
            "source_url": docs[c["document_id"]]["url"],
            "document_id": c["document_id"],
        }
        graph.add_edge(source, target, key=c["id"], label=c["predicate"], **_present(attrs))
    return graph


def export_gexf(store: Store, path: Path) -> dict[str, int]:
    """Write the claim graph as GEXF 1.2 to `path`."""
    prepare_output(path)
    graph = claim_graph(store)
    try:
        nx.write_gexf(graph, path)
    except OSError as err:
        raise ExportError(f"{path}: cannot write ({err.strerror})") from err
    return {"nodes": graph.number_of_nodes(), "edges": graph.number_of_edges()}
