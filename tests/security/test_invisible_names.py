"""Invisible and bidi control characters cannot hide a listed name (issue 20, item 4).

Found: `Quds Aviation Indus\\u200btry` and `R\\u200bosoboronexport` matched nothing, and a
right-to-left override displayed a name as a listed one without matching it. They are
now stripped wherever a name enters (list loading, entity storage, the screener's query),
and a result for a name that carried them says so in its explanation.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from dossier import pipeline
from dossier.api.app import create_app
from dossier.ingest.files import text_to_document
from dossier.model import Entity, EntityType, Extraction, Mention
from dossier.screen.index import NameIndex
from dossier.screen.invisible import NOTE, strip_controls
from dossier.screen.screener import ScreenConfig, screen_name
from dossier.settings import Settings
from dossier.store import Store, open_store
from dossier.store import schema as t

ROSOBORON = "Rosoboronexport"
DISGUISED = {
    "zero-width space": ("Quds Aviation Indus\u200btry", "Quds Aviation Industry"),
    "zero-width space 2": (f"R\u200b{ROSOBORON[1:]}", ROSOBORON),
    "soft hyphen and BOM": ("\ufeffRosoboron\u00adexport", ROSOBORON),
    "word joiner and ZWJ": ("Roso\u2060boron\u200dexport", ROSOBORON),
    "right-to-left override": (f"\u202e{ROSOBORON[::-1]}\u202c", ROSOBORON),
    "bidi isolates": ("\u2066Quds\u2069 Aviation Industry", "Quds Aviation Industry"),
}


@pytest.fixture(scope="module")
def lists(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Store]:
    db = tmp_path_factory.mktemp("invisible") / "lists.db"
    store = open_store(str(db))
    pipeline.load_lists(store, [shared / "data/sanctions/us_ofac"])
    return db, store


@pytest.fixture(scope="module")
def index(lists: tuple[Path, Store]) -> NameIndex:
    return pipeline.build_store_index(lists[1])


def _top(index: NameIndex, name: str) -> Any:
    results = screen_name(index, name, ScreenConfig(0.8, 3, "Organization"))
    return results[0] if results else None


@pytest.mark.parametrize("case", sorted(DISGUISED))
def test_disguised_name_matches_its_record_and_is_flagged(index: NameIndex, case: str) -> None:
    disguised, clean = DISGUISED[case]
    expected = _top(index, clean)
    assert expected is not None, f"{clean} is not listed"
    assert expected.match
    found = _top(index, disguised)
    assert found is not None, f"{case}: nothing found"
    assert (found.record.id, found.match) == (expected.record.id, True)
    assert found.score == expected.score
    assert NOTE in str(found.explanation)
    assert NOTE not in str(expected.explanation)


def test_match_json_shows_the_flag(lists: tuple[Path, Store]) -> None:
    disguised, clean = DISGUISED["zero-width space"]
    with TestClient(create_app(str(lists[0]), Settings())) as client:
        tops = [
            client.post("/match/default", json={"queries": {"q": _example(name)}}).json()[
                "responses"
            ]["q"]["results"][0]
            for name in (disguised, clean)  # FtM cleans both to one query: not one answer
        ]
    assert [t["match"] for t in tops] == [True, True]
    assert "QODS" in tops[0]["caption"].upper()
    assert any(NOTE in e["explanation"] for e in tops[0]["explanations"].values())
    assert not any(NOTE in e["explanation"] for e in tops[1]["explanations"].values())


def _example(name: str) -> dict[str, Any]:
    return {"schema": "Organization", "properties": {"name": [name]}}


def test_list_names_are_stored_without_controls(tmp_path: Path) -> None:
    path = tmp_path / "32022R0263.csv"  # named like an EU regulation (its CELEX number)
    path.write_text(
        "celex,recordId,programKey,annex,startDate,schema,name,alias\n"
        "32022R0263,1,RUS,I,2022-02-25,LegalEntity,R\u200bosoboron\u00adexport,\u202eXER\u202c\n",
        encoding="utf-8",
    )
    store = open_store(str(tmp_path / "eu.db"))
    pipeline.load_lists(store, [path])
    (record,) = list(store.iter_list_records())
    assert record.names == (ROSOBORON, "REX")


def test_entity_names_are_stored_without_controls(tmp_path: Path, index: NameIndex) -> None:
    # spaCy does not read the disguised name as an entity, but another extractor, a merge
    # or an import could hand one to the store: an extraction carrying it is stored.
    disguised = DISGUISED["zero-width space 2"][0]
    text = f"Iran bought drones from {disguised} in 2023, officials said."
    document = text_to_document(text, "doc-1", "test", "2023-05-01", None)
    start = text.index(disguised)
    mention = Mention(start, start + len(disguised), disguised, EntityType.ORGANIZATION)
    entity = Entity(disguised, EntityType.ORGANIZATION, [mention])
    extraction = Extraction(document, [entity], [])
    extraction.matches = pipeline.screen_entities(index, extraction, ScreenConfig(0.8))
    store = open_store(str(tmp_path / "doc.db"))
    store.add_document(extraction)
    (row,) = list(_entities(store))
    assert row["name"] == ROSOBORON
    (match,) = _matches(store)
    assert NOTE in str(match["explanation"])


def _entities(store: Store) -> Iterator[dict[str, Any]]:
    with store.engine.connect() as conn:
        yield from conn.execute(t.entities.select()).mappings()


def _matches(store: Store) -> list[dict[str, Any]]:
    with store.engine.connect() as conn:
        return [dict(r) for r in conn.execute(t.matches.select()).mappings()]


def test_strip_controls_keeps_spelling_joiners_and_reads_overrides_as_shown() -> None:
    assert strip_controls("Qods Aviation") == ("Qods Aviation", 0)
    assert strip_controls("\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645")[1] == 0  # Persian
    assert strip_controls(f"\u202e{ROSOBORON[::-1]}\u202c") == (ROSOBORON, 2)
    assert strip_controls("a\tb\x00c") == ("a bc", 1)
