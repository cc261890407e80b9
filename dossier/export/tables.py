"""`--format csv`: one CSV file per kind, in a folder (or a `.zip` when PATH ends so).

- `entities.csv`: id, name, type, merged_into, mentions, documents, lists (the
  `dataset:list_id` of each list match);
- `claims.csv`: the claim's fields, its `evidence` sentence, and its source
  (`document_id`, `source_url`, `document_title`, `published`);
- `documents.csv`: document metadata, no text (the snapshot keeps the text);
- `matches.csv`: entity, list record (`dataset`, `list_id`, `listed_name`, `programs`),
  `score`, `matched_name` and the latest `review` decision (`pending` if none).

UTF-8 with a header row; multi-valued cells are joined with `; `. A text cell that a
spreadsheet would read as a formula (it starts with `=`, `+`, `-`, `@`, tab or carriage
return) is prefixed with `'`, as OWASP advises against CSV injection: stored text comes
from reports and lists anyone can write.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from dossier.export.base import (
    ExportError,
    documents_by_id,
    latest_decisions,
    matches_with_records,
    prepare_output,
    table_rows,
)
from dossier.store import Store
from dossier.store import schema as t

Rows = Iterator[dict[str, Any]]


def _mention_counts(store: Store) -> dict[str, tuple[int, set[str]]]:
    counts: dict[str, tuple[int, set[str]]] = {}
    for row in table_rows(store, t.mentions):
        n, docs = counts.get(row["entity_id"], (0, set()))
        docs.add(row["document_id"])
        counts[row["entity_id"]] = (n + 1, docs)
    return counts


def entity_rows(store: Store) -> Rows:
    """entities.csv rows."""
    counts = _mention_counts(store)
    lists: dict[str, list[str]] = {}
    for m in matches_with_records(store):
        lists.setdefault(m["entity_id"], []).append(f"{m['dataset']}:{m['list_id']}")
    for e in table_rows(store, t.entities):
        n, docs = counts.get(e["id"], (0, set()))
        yield {
            "id": e["id"],
            "name": e["name"],
            "type": e["type"],
            "merged_into": e["merged_into"],
            "mentions": n,
            "documents": len(docs),
            "lists": "; ".join(lists.get(e["id"], [])),
        }


def claim_rows(store: Store) -> Rows:
    """claims.csv rows: each claim with its evidence and its source."""
    docs = documents_by_id(store)
    for c in table_rows(store, t.claims):
        doc = docs[c["document_id"]]
        yield {
            **{k: c[k] for k in ("id", "subject", "subject_entity_id", "predicate", "object")},
            **{k: c[k] for k in ("object_entity_id", "item", "date", "quantity", "attributed_to")},
            "hedged": c["hedged"],
            "evidence": c["evidence_text"],
            "document_id": c["document_id"],
            "source_url": doc["url"],
            "document_title": doc["title"],
            "published": doc["published"],
        }


DOCUMENT_COLUMNS = (
    "id", "external_id", "title", "url", "published", "author", "site", "language", "source",
    "story_id", "ingested_at",
)  # fmt: skip


def document_rows(store: Store) -> Rows:
    """documents.csv rows (metadata only)."""
    for d in table_rows(store, t.documents):
        yield {k: d[k] for k in DOCUMENT_COLUMNS}


def match_rows(store: Store) -> Rows:
    """matches.csv rows: entity, list record, score and the latest review decision."""
    names = {e["id"]: e["name"] for e in table_rows(store, t.entities)}
    review = latest_decisions(store, "match")
    for m in matches_with_records(store):
        yield {
            "id": m["id"],
            "entity_id": m["entity_id"],
            "entity": names.get(m["entity_id"]),
            "dataset": m["dataset"],
            "list_id": m["list_id"],
            "listed_name": m["name"],
            "programs": "; ".join(m["programs"]),
            "listed_on": m["listed_on"],
            "score": m["score"],
            "matched_name": m["matched_name"],
            "review": review[m["id"]]["decision"] if m["id"] in review else "pending",
        }


COLUMNS = {
    "entities.csv": (
        "id", "name", "type", "merged_into", "mentions", "documents", "lists",
    ),
    "claims.csv": (
        "id", "subject", "subject_entity_id", "predicate", "object", "object_entity_id",
        "item", "date", "quantity", "attributed_to", "hedged", "evidence", "document_id",
        "source_url", "document_title", "published",
    ),
    "documents.csv": DOCUMENT_COLUMNS,
    "matches.csv": (
        "id", "entity_id", "entity", "dataset", "list_id", "listed_name", "programs",
        "listed_on", "score", "matched_name", "review",
    ),
}  # fmt: skip
FILES = {
    "entities.csv": entity_rows,
    "claims.csv": claim_rows,
    "documents.csv": document_rows,
    "matches.csv": match_rows,
}


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(value: Any) -> Any:
    """A text cell that cannot start a formula (`'` prefixed); other values unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _csv_text(columns: tuple[str, ...], rows: Rows) -> tuple[str, int]:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    count = 0
    for row in rows:
        writer.writerow({key: neutralise_cell(value) for key, value in row.items()})
        count += 1
    return out.getvalue(), count


def export_csv(store: Store, path: Path) -> dict[str, int]:
    """Write the CSV files to folder `path`, or into a zip when `path` ends in `.zip`."""
    as_zip = path.suffix.lower() == ".zip"
    prepare_output(path, directory=not as_zip)
    counts: dict[str, int] = {}
    texts: dict[str, str] = {}
    for name, rows in FILES.items():
        texts[name], counts[name.removesuffix(".csv")] = _csv_text(COLUMNS[name], rows(store))
    try:
        if as_zip:
            with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
                for name, body in texts.items():
                    archive.writestr(name, body)
        else:
            for name, body in texts.items():
                (path / name).write_text(body, encoding="utf-8")
    except OSError as err:
        raise ExportError(f"{path}: cannot write ({err.strerror})") from err
    return counts
