"""yente-compatible matching over the loaded lists: scopes, a cached index, entity shapes.

yente (OpenSanctions' matching API) matches query-by-example entities against a
dataset; dossier answers the same requests with its own name screening, so clients
written for yente (nomenklatura, the OpenSanctions integrations, `yente` Python
clients) work unchanged. What differs, by design:

- only names are compared (`name`, `alias`, `previousName`, `weakAlias`); other
  properties of the example are validated with followthemoney and echoed back;
- a result's `id` is the list record id of `list_records`, `referents` holds its
  `dataset:list_id`, and `properties.sanctions` one nested `Sanction` with the
  programs and listing dates.

The index per dataset scope is read on first use from the file `dossier lists load`
persisted (`store/screen_index.py`; built and saved when absent or stale) and kept in
the app state. Every request checks the count and id range of `list_records` (under a
millisecond), so loading new records makes the next request rebuild it; a record
replaced in place is caught by a content check (total source-row length, a full scan)
every `recheck_s`.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from followthemoney import model
from followthemoney.exc import InvalidData
from sqlalchemy import func, select

from dossier.exc import InvalidInput, NotFoundError
from dossier.model import ListRecord, MatchResult
from dossier.screen.index import NameIndex
from dossier.screen.invisible import flag_controls, strip_controls
from dossier.screen.screener import ScreenConfig, screen_name
from dossier.store import Store
from dossier.store import schema as t
from dossier.store.screen_index import store_index

ALGORITHM = "dossier-name-v1"
ALGORITHM_ALIASES = frozenset({ALGORITHM, "best", "default"})
NAME_PROPS = ("name", "alias", "previousName", "weakAlias")
DATASETS: dict[str, str] = {
    "us_ofac_sdn": "sanction",
    "us_ofac_cons": "sanction",
    "un_sc": "sanction",
    "eu_fsf": "sanction",
    "us_bis_dpl": "export.control",
    "us_bis_mieu": "export.control",
    "us_dod_1260h": "export.control",
    "cn_countersanctions": "sanction.counter",
}
"""The contract's dataset ids and the FtM topic their entries carry."""
COLLECTIONS: dict[str, frozenset[str] | None] = {
    "default": None,
    "all": None,
    "sanctions": frozenset(d for d, topic in DATASETS.items() if topic == "sanction"),
    "export_controls": frozenset(d for d, topic in DATASETS.items() if topic == "export.control"),
    "countersanctions": frozenset({"cn_countersanctions"}),
}
"""Collections a request may name instead of one dataset (`None`: every dataset)."""
RECORD_SCHEMATA = {"Aircraft": "Airplane", "Other": "LegalEntity"}
"""dossier list-record schemata that are spelled differently in FtM."""
LEGAL = frozenset({"Person", "Organization", "Company", "LegalEntity", "Other"})
FEATURE_DOCS: dict[str, str] = {
    "similarity": "Weighted mean similarity of the aligned name tokens (spelling, sound).",
    "query_coverage": "Share of the query name's token weight aligned with the candidate.",
    "name_coverage": "Share of the candidate name's token weight aligned with the query.",
    "substitution": "Penalty when both names keep unaligned tokens (two different parties).",
    "extra_tokens": "Milder penalty when only one name has extra tokens.",
    "penalty": "The product of the penalties applied to the similarity.",
    "joined": "Names equal once spaces are removed.",
    "numbers_disagree": "Names carry different numbers.",
}


@dataclass(frozen=True, slots=True)
class Scope:
    """The datasets a request searches (`None`: all) and the name it was asked by."""

    name: str
    datasets: frozenset[str] | None


def resolve_scope(name: str, present: Callable[[], Iterable[str]]) -> Scope:
    """A dataset id or collection name as a `Scope`; unknown names are `NotFoundError`.

    `present` lists the stored datasets; it is called only for names we do not know.
    """
    if name in COLLECTIONS:
        return Scope(name, COLLECTIONS[name])
    if name in DATASETS or name in set(present()):
        return Scope(name, frozenset({name}))
    known = ", ".join([*COLLECTIONS, *DATASETS])
    raise NotFoundError(f"dataset {name!r} not found; one of {known}")


def quick_mark(store: Store) -> tuple[Any, ...]:
    """Changes when list records are added or removed (three index lookups, < 1 ms)."""
    c = t.list_records.c
    with store.engine.connect() as conn:
        return tuple(
            conn.execute(select(f).select_from(t.list_records)).scalar()
            for f in (func.count(), func.min(c.id), func.max(c.id))
        )


def content_mark(store: Store) -> Any:
    """Changes when a record is replaced in place (a full scan: checked less often)."""
    with store.engine.connect() as conn:
        return conn.execute(select(func.sum(func.length(t.list_records.c.source_row)))).scalar()


def present_datasets(store: Store) -> list[str]:
    """The datasets that have list records in the store."""
    with store.engine.connect() as conn:
        return list(conn.execute(select(t.list_records.c.dataset).distinct()).scalars())


@dataclass(slots=True)
class _Built:
    marks: tuple[Any, Any]
    index: NameIndex
    checked: float
    generation: int
    stamp: int | None
    """The database version at the last full check (`IndexCache.data_version`)."""


@dataclass(slots=True)
class IndexCache:
    """One `NameIndex` per dataset scope, rebuilt when the list records change.

    Additions and removals are seen on the next request; a record replaced in place
    (same id, new content, as `dossier lists load` does for an updated list) within
    `recheck_s` seconds, the interval of the full content check. Given `data_version`
    (SQLite's, see `dossier/api/cache.py`), a request while the database is unchanged
    since the last full check skips the checks (they cost ~2 ms, and 60 ms every
    `recheck_s` on the OFAC and UN lists).
    """

    recheck_s: float = 10.0
    built: dict[frozenset[str] | None, _Built] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)
    builds: int = 0
    data_version: Callable[[], int] | None = None

    def get(self, store: Store, scope: Scope) -> NameIndex:
        """The index for `scope`, current with the store's list records."""
        return self.current(store, scope)[1]

    def current(self, store: Store, scope: Scope) -> tuple[int, NameIndex]:
        """(generation, index) for `scope`: the generation, unique within this cache,
        changes whenever the index is rebuilt (a key for answers computed from it)."""
        stamp = self.data_version() if self.data_version else None  # before any check
        with self.lock:
            cached = self.built.get(scope.datasets)
            if cached is not None and stamp is not None and cached.stamp == stamp:
                return cached.generation, cached.index
        quick, now = quick_mark(store), time.monotonic()
        with self.lock:
            cached = self.built.get(scope.datasets)
            if cached is not None and cached.marks[0] == quick:
                if now - cached.checked < self.recheck_s:
                    return cached.generation, cached.index
                if cached.marks[1] == content_mark(store):
                    cached.checked, cached.stamp = now, stamp
                    return cached.generation, cached.index
            marks = (quick, content_mark(store))
            self.builds += 1
            built = _Built(marks, self._build(store, scope), now, self.builds, stamp)
            self.built[scope.datasets] = built
            return built.generation, built.index

    @staticmethod
    def _build(store: Store, scope: Scope) -> NameIndex:
        # The file `lists load` wrote (one per scope) when current, else built and saved.
        return store_index(store, scope.datasets)


@dataclass(frozen=True, slots=True)
class Example:
    """A validated query-by-example entity: its FtM dict and the names to screen."""

    data: dict[str, Any]
    schema: str
    names: tuple[str, ...]
    hidden: int = 0
    """Invisible characters the names carried (FtM's cleaning drops some silently)."""


def parse_example(key: str, schema: str, properties: dict[str, Any], ex_id: str | None) -> Example:
    """Validate an example with followthemoney (`InvalidInput` if it is not an entity)."""
    props = {k: v if isinstance(v, list) else [v] for k, v in properties.items()}
    for prop, values in props.items():
        if not all(isinstance(v, (str, int, float)) for v in values):
            raise InvalidInput(f"query {key!r}: values of {prop!r} must be strings")
    try:
        proxy = model.get_proxy({"id": ex_id, "schema": schema, "properties": props}, cleaned=False)
    except InvalidData as err:
        raise InvalidInput(f"cannot parse example entity {key!r}: {err}") from err
    if not (proxy.schema.matchable or proxy.schema.name == "Thing"):
        raise InvalidInput(f"query {key!r}: schema {schema} cannot be matched")
    # A name that cleans to nothing (control characters only) matches nothing.
    names = tuple(dict.fromkeys(n for p in NAME_PROPS for n in proxy.get(p, quiet=True)))
    data = {"id": ex_id, "schema": proxy.schema.name, "properties": proxy.properties}
    raw = (str(v) for p in NAME_PROPS for v in props.get(p, []))
    return Example(data, proxy.schema.name, names, sum(strip_controls(v)[1] for v in raw))


def screen_group(schema: str) -> tuple[str, frozenset[str] | None]:
    """(screener schema group, allowed record schemata) for a query schema."""
    s = model.get(schema)
    if s is None or s.name in ("LegalEntity", "Thing"):
        return "Any", LEGAL if s is not None and s.name == "LegalEntity" else None
    if s.is_a("Person"):
        return "Person", None
    if s.is_a("Organization"):
        return "Organization", None
    if s.is_a("Vessel"):
        return "Any", frozenset({"Vessel"})
    if s.is_a("Airplane"):
        return "Any", frozenset({"Aircraft"})
    return "Any", None


def match_example(
    index: NameIndex, example: Example, cfg: ScreenConfig, cutoff: float
) -> list[MatchResult]:
    """The best result per record over all the example's names, at or above `cutoff`."""
    group, allowed = screen_group(example.schema)
    wide = ScreenConfig(cfg.threshold, cfg.limit * 4 if allowed else cfg.limit, group)
    best: dict[str, MatchResult] = {}
    for name in example.names:
        for result in screen_name(index, name, wide):
            rid = result.record.id
            if allowed is not None and result.record.schema not in allowed:
                continue
            if result.score >= cutoff and (rid not in best or result.score > best[rid].score):
                best[rid] = result
    ranked = sorted(best.values(), key=lambda r: (-r.score, r.record.dataset, r.record.list_id))
    return flag_controls(ranked[: cfg.limit], example.hidden)


def record_entity(record: ListRecord) -> dict[str, Any]:
    """A list record in yente's entity shape (with a nested `Sanction`)."""
    schema = RECORD_SCHEMATA.get(record.schema, record.schema)
    if model.get(schema) is None:
        schema = "LegalEntity"
    props: dict[str, list[Any]] = {"name": [record.name], "alias": list(record.aliases)}
    props["topics"] = [DATASETS.get(record.dataset, "sanction")]
    props["sanctions"] = [sanction_entity(record)]
    return {
        "id": record.id,
        "caption": record.name,
        "schema": schema,
        "properties": {k: v for k, v in props.items() if v},
        "datasets": [record.dataset],
        "referents": [f"{record.dataset}:{record.list_id}"],
        "target": True,
        "first_seen": None,
        "last_seen": None,
        "last_change": None,
    }


def sanction_entity(record: ListRecord) -> dict[str, Any]:
    """The listing itself as a nested FtM `Sanction`."""
    props = {
        "program": list(record.programs),
        "startDate": [record.listed_on] if record.listed_on else [],
        "endDate": [record.ended_on] if record.ended_on else [],
        "sourceUrl": [],
    }
    return {
        "id": f"{record.id}-sanction",
        "caption": ", ".join(record.programs) or record.dataset,
        "schema": "Sanction",
        "properties": {k: v for k, v in props.items() if v},
        "datasets": [record.dataset],
        "referents": [],
        "target": False,
    }


def features(result: MatchResult) -> dict[str, float]:
    """The numeric features of a result's explanation."""
    raw = result.explanation.get("features")
    if not isinstance(raw, dict):
        return {}
    return {str(k): float(v) for k, v in raw.items() if isinstance(v, (int, float))}


def explanations(result: MatchResult) -> dict[str, dict[str, Any]]:
    """Per feature: its score and what it measures, naming the list name that matched."""
    via = result.explanation.get("matched_name", result.record.name)
    out = {
        name: {"score": value, "explanation": f"{FEATURE_DOCS.get(name, name)} (via {via!r})"}
        for name, value in features(result).items()
    }
    warnings = result.explanation.get("warnings")
    if isinstance(warnings, list) and warnings:  # e.g. the query hid invisible characters
        out["warnings"] = {"score": 1.0, "explanation": "; ".join(map(str, warnings))}
    return out


def matcher_docs() -> dict[str, dict[str, Any]]:
    """yente's `matcher` block: what every feature means."""
    return {name: {"description": doc, "coefficient": 1.0} for name, doc in FEATURE_DOCS.items()}
