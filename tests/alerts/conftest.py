"""Versions of real list files, built in tmp from the shared copies, and a store of
entities named like some of their records.

- `versions`: `v1` (older: rows dropped, a program cut, a listing date moved), `v2` (the
  shared files as they are) and `v3` (newer: a row dropped), each a folder holding an
  OFAC consolidated primary file and the BIS MIEU list; `picks` says what was changed.
- `alerts_db`: a SQLite file with seeded entities and dated supply claims, after loading
  `v1` then `v2` (so it holds alerts and matches with listing dates).
- `seed_entities(store)`: stores one document naming the picked records as organisations.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from dossier import pipeline
from dossier.model import (
    Claim,
    Document,
    Entity,
    EntityType,
    Evidence,
    Extraction,
    Mention,
    Predicate,
)
from dossier.store import Store, open_store


@dataclass(frozen=True)
class Picks:
    """Which rows the versions differ in (OFAC: ent_num; MIEU: the name)."""

    dropped: tuple[str, str]  # (ent_num, name) absent from v1, present from v2
    trimmed: tuple[str, str, str]  # (ent_num, name, program) v1 lacks
    delisted: tuple[str, str]  # (ent_num, name) absent from v3
    control: tuple[str, str]  # unchanged in every version
    mieu_dropped: str  # MIEU name absent from v1 (the rows below it move up in v1)
    mieu_redated: tuple[str, str]  # (name, the date v2 has); v1 has another date
    mieu_control: str  # a MIEU row below the dropped one: renumbered, else unchanged

    @property
    def names(self) -> list[str]:
        return [
            self.dropped[1],
            self.trimmed[1],
            self.delisted[1],
            self.control[1],
            self.mieu_dropped,
            self.mieu_redated[0],
            self.mieu_control,
        ]


@dataclass(frozen=True)
class Versions:
    v1: Path
    v2: Path
    v3: Path
    picks: Picks


def _read(path: Path) -> list[list[str]]:
    with path.open(encoding="latin-1", newline="") as handle:
        return list(csv.reader(handle))


def _write(path: Path, rows: list[list[str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="latin-1", newline="") as handle:
        csv.writer(handle).writerows(rows)


def _pick_ofac(rows: list[list[str]]) -> list[list[str]]:
    """Entities (type `-0-`) under two programs or more: distinct, bank-like names."""
    return [r for r in rows if len(r) > 3 and r[2].strip() == "-0-" and "] [" in r[3]][:4]


@pytest.fixture(scope="session")
def versions(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> Versions:
    sanctions = shared / "data" / "sanctions"
    ofac = _read(sanctions / "us_ofac_non_sdn" / "cons_prim.csv")
    mieu = _read(sanctions / "us_bis" / "mieu.csv")
    dropped, trimmed, delisted, control = _pick_ofac(ofac)
    head, programs = trimmed[3].split("] [", 1)
    mieu_header, mieu_rows = mieu[0], mieu[1:]
    gone, redated, kept = mieu_rows[5], mieu_rows[9], mieu_rows[12]
    picks = Picks(
        dropped=(dropped[0], dropped[1]),
        trimmed=(trimmed[0], trimmed[1], programs.split("] [")[0]),
        delisted=(delisted[0], delisted[1]),
        control=(control[0], control[1]),
        mieu_dropped=gone[1],
        mieu_redated=(redated[1], redated[6]),
        mieu_control=kept[1],
    )
    root = tmp_path_factory.mktemp("versions")
    older = [[*r[:3], head, *r[4:]] if r is trimmed else r for r in ofac if r is not dropped]
    older_mieu = [[*r[:6], "2019-01-01", *r[7:]] if r is redated else r for r in mieu_rows]
    _write(root / "v1" / "cons_prim.csv", older)
    _write(root / "v1" / "mieu.csv", [mieu_header, *(r for r in older_mieu if r is not gone)])
    _write(root / "v2" / "cons_prim.csv", ofac)
    _write(root / "v2" / "mieu.csv", mieu)
    _write(root / "v3" / "cons_prim.csv", [r for r in ofac if r is not delisted])
    _write(root / "v3" / "mieu.csv", mieu)
    return Versions(root / "v1", root / "v2", root / "v3", picks)


def seed_entities(
    store: Store, names: list[str], acts: Sequence[tuple[str | None, int, int]] = ()
) -> None:
    """Store one document that names each of `names` as an organisation, with a supply
    claim (date, subject index, object index) per item of `acts`."""
    lines = [f"{name}." for name in names]
    lines += [f"In {d or 'a year'}, {names[s]} supplied {names[o]}." for d, s, o in acts]
    text = "\n".join(lines) + "\n"
    entities, start = [], 0
    for name in names:
        mention = Mention(start, start + len(name), name, EntityType.ORGANIZATION)
        entities.append(Entity(name, EntityType.ORGANIZATION, [mention]))
        start += len(name) + 2
    claims = []
    for date, subject, obj in acts:
        sentence = f"In {date or 'a year'}, {names[subject]} supplied {names[obj]}."
        evidence = Evidence(sentence, text.index(sentence), text.index(sentence) + len(sentence))
        claims.append(Claim(names[subject], Predicate.SUPPLY, names[obj], evidence, date=date))
    document = Document("seed", text, body_end=len(text), source="test")
    assert store.add_extraction(Extraction(document, entities, claims))


@pytest.fixture(scope="session")
def alerts_db(tmp_path_factory: pytest.TempPathFactory, versions: Versions) -> Path:
    """Entities and dated supply claims; lists loaded in their older, then newer version."""
    db = tmp_path_factory.mktemp("alerts-api") / "dossier.db"
    store = open_store(str(db))
    names = versions.picks.names
    redated, control = (
        names.index(versions.picks.mieu_redated[0]),
        names.index(versions.picks.mieu_control),
    )
    acts = [("2020-05", redated, control), ("2023-01-15", redated, control), (None, redated, 0)]
    seed_entities(store, names, acts)
    pipeline.load_lists(store, [versions.v1])
    assert pipeline.load_lists(store, [versions.v2]).alerts
    store.engine.dispose()
    return db
