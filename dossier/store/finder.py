"""Entity search through the screening index: the corpus's entities, each with every
name its group goes by (entity names, mention texts and the alias table's names for
it), indexed like list records, so that transliterations, spacing and punctuation
variants meet ('Ghods Aviation' finds Quds Aviation Industry, 'Shahed 136' finds
Shahed-136, 'Елабуга' finds Yelabuga through the alias table).

The index is built on first use and again when the entities or their names change
(`content_mark`); the screening index of the lists is the API's (`api/yente.py`).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select

from dossier.model import EntityType, ListRecord
from dossier.resolve.aliases import AliasTable, load_aliases
from dossier.screen.index import NameIndex, build_index
from dossier.screen.screener import ScreenConfig, screen_name
from dossier.store import schema as t
from dossier.store.db import Store

SEARCH_CUTOFF = 0.6
"""Lowest name score an entity is found by: under it, names share a word or two at
most (yente's default cutoff is 0.5 for screening, where a near miss is still shown)."""

SEARCH_LIMIT = 50
"""Most entities one search returns from the index (the substring search adds more)."""

SCHEMA = {EntityType.PERSON.value: "Person"}


@dataclass(frozen=True, slots=True)
class Found:
    """An entity found by name: its canonical id, the name that met and the score."""

    entity_id: str
    name: str
    score: float


def content_mark(store: Store) -> tuple[Any, ...]:
    """What changes when an entity, a mention or a merge is added."""
    e, m = t.entities.c, t.mentions.c
    stmt = select(func.count(e.id), func.count(e.merged_into), func.max(e.id))
    with store.engine.connect() as conn:
        entities = tuple(conn.execute(stmt).one())
        mentions = conn.execute(select(func.count(m.id))).scalar_one()
    return (*entities, mentions)


def entity_records(store: Store, aliases: AliasTable) -> list[ListRecord]:
    """One record per canonical entity: its name, then every other name of its group."""
    from dossier.store.queries import group_names

    e = t.entities.c
    stmt = select(e.id, e.name, e.type).where(e.merged_into.is_(None)).order_by(e.id)
    with store.engine.connect() as conn:
        rows = list(conn.execute(stmt))
        names = group_names(conn, [r.id for r in rows])
    records = []
    for row in rows:
        known = [*names.get(row.id, []), *_alias_names(aliases, names.get(row.id, []), row.type)]
        others = tuple(n for n in dict.fromkeys(known) if n != row.name)
        schema = SCHEMA.get(row.type, "Organization")
        records.append(ListRecord("corpus", row.id, schema, row.name, others))
    return records


def _alias_names(aliases: AliasTable, names: list[str], etype: str) -> list[str]:
    """The alias table's names of the group any of `names` belongs to."""
    try:
        kind = EntityType(etype)
    except ValueError:
        return []
    for name in names:
        row = aliases.lookup(name, kind)
        if row is not None:
            return aliases.names(row.canonical)
    return []


@dataclass(slots=True)
class EntityFinder:
    """The entity index of one store, rebuilt when its entities change."""

    mark: tuple[Any, ...] | None = None
    index: NameIndex | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)
    aliases: AliasTable = field(default_factory=load_aliases)

    def current(self, store: Store) -> NameIndex:
        """The index, built again if the store's entities changed since."""
        mark = content_mark(store)
        with self.lock:
            if self.index is None or mark != self.mark:
                self.index = build_index(entity_records(store, self.aliases))
                self.mark = mark
            return self.index

    def find(self, store: Store, q: str) -> list[Found]:
        """Entities whose names score at least `SEARCH_CUTOFF` against `q`, best first."""
        index = self.current(store)
        cfg = ScreenConfig(threshold=SEARCH_CUTOFF, limit=SEARCH_LIMIT, cutoff=SEARCH_CUTOFF)
        return [
            Found(r.record.list_id, str(r.explanation.get("matched_name", r.record.name)), r.score)
            for r in screen_name(index, q, cfg)
        ]
