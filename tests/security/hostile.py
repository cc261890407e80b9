"""A database whose every displayed field carries script payloads.

Documents are ingested by the real pipeline from text files whose title, URL, author
and sentences (so claim text, attribution and evidence) hold payloads. Entity names,
claim fields and a list match are then given payloads by SQL: prose never makes spaCy
read `<script>` as a name, but a list file, a merge or a future extractor could.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlalchemy as sa

from dossier import pipeline
from dossier.model import ListRecord
from dossier.screen.screener import ScreenConfig
from dossier.store import open_store
from dossier.store.schema import claims, entities, matches, mentions

FLAG = "window.__xss=1"
PAYLOADS = (
    f"<script>{FLAG}</script>",
    f'"><img src=x onerror="{FLAG}">',
    f"'><svg onload={FLAG}>",
    f"<b onmouseover={FLAG}>b</b>",
    f"</textarea></title><iframe srcdoc='<script>{FLAG}</script>'>",
)
PAYLOAD = " ".join(PAYLOADS)
RAW_MARKERS = (
    "<script>window",
    "<img src=x",
    "<svg onload",
    "<b onmouseover",
    "<iframe srcdoc",
    'href="javascript:',
    "href='javascript:",
)
"""Unescaped fragments of the payloads; none may appear in any served page."""

DOC = """URL: javascript:{flag}
TITLE: Drones {payload}
AUTHOR: {payload}
PUBLISHED: 2022-11-09
---
Iran supplied Shahed-136 drones {payload} to Russia in October,
the Ukrainian {payload} ministry said.

Russia received {payload} missiles from North Korea in 2023, officials {payload} said.
"""


def build_hostile(db: str, nlp: Any, folder: Path) -> str:
    """Fill `db` (a path or URL) with payload-carrying documents, entities, claims, a match."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "hostile.txt").write_text(DOC.format(flag=FLAG, payload=PAYLOAD), encoding="utf-8")
    store = open_store(db)
    analyzer = pipeline.Analyzer(nlp, pipeline.build_store_index(store), ScreenConfig())
    report = pipeline.ingest_paths(store, analyzer, [folder / "hostile.txt"])
    assert not report.errors, report
    record = ListRecord("us_ofac_sdn", PAYLOADS[0], "Organization", f"Iran {PAYLOAD}", (PAYLOAD,))
    store.add_list_records([record])
    with store.engine.begin() as conn:
        _poison(conn, record)
    store.engine.dispose()
    return db


def _poison(conn: sa.Connection, record: ListRecord) -> None:
    suffix = sa.literal(" " + PAYLOAD)
    conn.execute(sa.update(entities).values(name=entities.c.name + suffix))
    conn.execute(sa.update(mentions).values(text=mentions.c.text + suffix))
    conn.execute(
        sa.update(claims).values(
            subject=claims.c.subject + suffix,
            object=claims.c.object + suffix,
            item=sa.func.coalesce(claims.c.item, "") + suffix,
            quantity=sa.literal(PAYLOAD),
            attributed_to=sa.literal(PAYLOAD),
        )
    )
    entity_id = conn.execute(sa.select(entities.c.id).limit(1)).scalar_one()
    explanation = {"matched_name": PAYLOAD, "features": {PAYLOAD: 1.0}, "note": PAYLOAD}
    conn.execute(
        sa.insert(matches).values(
            id="hostile-match",
            entity_id=entity_id,
            list_record_id=record.id,
            score=0.99,
            matched_name=PAYLOAD,
            explanation=explanation,
        )
    )
