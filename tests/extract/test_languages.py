"""Languages (issue 19): detection, the Russian component, its names merged with English
ones in the store and screened, and the note for a language without claim rules in the
ingest summary and on the document page. The texts are written for these tests.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from dossier.api.app import create_app
from dossier.extract.languages import LanguageModels, detect_language
from dossier.extract.languages.ru.forms import same_word
from dossier.ingest.text import text_to_document
from dossier.model import EntityType, Extraction
from dossier.pipeline import Analyzer, build_store_index, ingest_paths, load_lists
from dossier.settings import Settings
from dossier.store import open_store
from dossier.store import schema as t
from dossier.store.queries import entity_detail, find_entity_id
from tests.api.built import TOKEN
from tests.live import served

ROOT = Path(__file__).resolve().parent.parent.parent
OFAC = ROOT / "dossier" / "data" / "lists" / "us_ofac"

RU = (
    "Завод в Елабуге выпускает ударные беспилотники «Герань-2», сообщил Иван Петров. "
    "По словам Ивана Петрова, компания «Алабуга Девелопмент» поставляет Министерству "
    "обороны России двигатели из Ирана. Петров добавил, что Москва расширяет производство, "
    "хотя Россия это отрицает."
)
UK = (
    "Завод у Єлабузі випускає ударні безпілотники, повідомив Іван Петренко. За його словами, "
    "Росія отримує двигуни з Ірану, а Міністерство оборони Росії замовило нові партії."
)
DE = (
    "Die Bundesregierung hat am Montag neue Sanktionen gegen iranische Drohnenhersteller "
    "beschlossen. Nach Angaben des Ministeriums wurden Teile der Shahed-136 geliefert."
)
EN = "Russia builds Shahed-136 drones at a plant in Yelabuga, in Tatarstan, officials said."


@pytest.fixture(scope="session")
def languages() -> LanguageModels:
    """The non-English components; natasha loads on first use, once per session."""
    return LanguageModels()


def _extract(languages: LanguageModels, text: str) -> Extraction:
    document = text_to_document(text, "t", "test")
    document = type(document)(**{**_fields(document), "language": detect_language(text)})
    return languages.extract(document)


def _fields(document: Any) -> dict[str, Any]:
    return {name: getattr(document, name) for name in document.__slots__}


def _by_mention(extraction: Extraction, text: str) -> Any:
    return next(e for e in extraction.entities if any(m.text == text for m in e.mentions))


@pytest.mark.parametrize(("text", "code"), [(RU, "ru"), (UK, "uk"), (DE, "de"), (EN, "en")])
def test_detect_language_names_the_language(text: str, code: str) -> None:
    assert detect_language(text) == code


def test_detect_language_of_text_without_letters_is_undetermined() -> None:
    assert detect_language("2023 — 2024 … 12 345") == "und"


def test_russian_names_are_normalised_typed_and_named_in_english(
    languages: LanguageModels,
) -> None:
    found = _extract(languages, RU)
    assert found.document.language == "ru"
    petrov = _by_mention(found, "Ивана Петрова")
    assert (petrov.name, petrov.type) == ("Иван Петров", EntityType.PERSON)
    assert {m.text for m in petrov.mentions} >= {"Иван Петров", "Ивана Петрова", "Петров"}
    yelabuga = _by_mention(found, "Елабуге")
    assert yelabuga.type is EntityType.LOCATION
    assert yelabuga.name == "Alabuga Special Economic Zone"  # the alias table's English name
    assert _by_mention(found, "Россия").name == "Russia"
    assert _by_mention(found, "Москва").name == "Russia"  # a capital that acts is its country
    assert _by_mention(found, "Ирана").type is EntityType.COUNTRY
    assert _by_mention(found, "Герань-2").name == "Shahed-136"
    ministry = next(e for e in found.entities if e.name == "Russian Ministry of Defence")
    assert ministry.mentions[0].text == "Министерству обороны России"
    for entity in found.entities:
        for m in entity.mentions:
            assert found.document.text[m.start : m.end] == m.text


def test_ukrainian_names_meet_their_forms_by_stem_keys(languages: LanguageModels) -> None:
    found = _extract(languages, UK)
    assert found.document.language == "uk"
    assert _by_mention(found, "Росія").name == "Russia"
    assert _by_mention(found, "Ірану").name == "Iran"
    assert _by_mention(found, "Єлабузі").name == "Alabuga Special Economic Zone"
    assert _by_mention(found, "Міністерство оборони Росії").name == "Russian Ministry of Defence"
    assert not found.claims_extracted  # natasha's parse is Russian's: no Ukrainian claims


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Росії", "Росія", True),
        ("Китай", "Китая", True),
        ("Алабузі", "Алабуга", True),
        ("Иран", "Ирак", False),
        ("США", "США", True),
    ],
)
def test_same_word_across_case_forms(a: str, b: str, same: bool) -> None:
    assert same_word(a, b) is same


def test_other_language_gets_patterns_and_no_claims(languages: LanguageModels) -> None:
    found = _extract(languages, DE)
    assert [e.name for e in found.entities] == ["Shahed-136"]
    assert found.claims == []
    assert not found.claims_extracted


def _write(tmp_path: Path, **texts: str) -> list[Path]:
    paths = []
    for name, text in texts.items():
        path = tmp_path / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def test_store_merges_russian_name_with_english_entity(tmp_path: Path, nlp: Any) -> None:
    store = open_store(str(tmp_path / "d.db"))
    report = ingest_paths(store, Analyzer(nlp), _write(tmp_path, en=EN, ru=RU))
    assert report.languages == {"en": 1, "ru": 1}
    detail = entity_detail(store, find_entity_id(store, "Yelabuga"))
    assert "Елабуге" in {m["text"] for m in detail["mentions"]}
    assert len(detail["documents"]) == 2


def test_russian_spelling_of_listed_name_is_screened(tmp_path: Path, nlp: Any) -> None:
    store = open_store(str(tmp_path / "d.db"))
    load_lists(store, [OFAC])
    analyzer = Analyzer(nlp, build_store_index(store))
    document = text_to_document(RU, "ru", "ru.txt")
    found = next(iter(analyzer.analyse([document])))
    hits = found.matches.get("Алабуга Девелопмент", [])
    assert "ALABUGA DEVELOPMENT OOO" in {h.record.name for h in hits}


@pytest.fixture(scope="module")
def german_db(tmp_path_factory: pytest.TempPathFactory, nlp: Any) -> tuple[Path, str]:
    """A database holding one German report; returns its path and the document id."""
    root = tmp_path_factory.mktemp("german")
    store = open_store(str(root / "d.db"))
    report = ingest_paths(store, Analyzer(nlp), _write(root, de=DE))
    assert report.added == 1
    with store.engine.connect() as conn:
        row = conn.execute(select(t.documents.c.id, t.documents.c.claims_extracted)).one()
    assert row.claims_extracted is False
    return root / "d.db", str(row.id)


def test_ingest_summary_says_claims_not_extracted(run_cli: Any, tmp_path: Path) -> None:
    (path,) = _write(tmp_path, de=DE)
    done = run_cli("--db", tmp_path / "d.db", "ingest", path, "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["languages"] == {"de": 1}
    assert any("claims not extracted" in n and "German (de)" in n for n in report["notes"])
    assert "claims not extracted" in done.stderr  # the summary's note, with or without --json


def test_document_page_says_claims_not_extracted(page: Any, german_db: tuple[Path, str]) -> None:
    db, doc_id = german_db
    with served(create_app(str(db), Settings(api_token=TOKEN))) as url:
        page.goto(f"{url}/documents/{doc_id}")
        note = page.locator(".claims-note")
        assert "claims not extracted" in note.inner_text()
        assert "German (de)" in page.locator(".meta.language").inner_text()


def test_russian_claims_come_from_the_parse(languages: LanguageModels) -> None:
    found = _extract(languages, RU)
    assert found.claims_extracted
    supply = next(c for c in found.claims if c.predicate.value == "supply")
    assert (supply.subject, supply.object) == ("Алабуга Девелопмент", "Russian Ministry of Defence")
    assert found.document.text[supply.evidence.start : supply.evidence.end] == supply.evidence.text
    assert any(c.predicate.value == "denial" and c.subject == "Russia" for c in found.claims)


def test_unpacked_language_model_ranks_as_py3langids_own(tmp_path: Path) -> None:
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    from dossier.extract.languages import detect

    source = Path(MODEL_DIR) / MODEL_FILE
    unpacked = detect._unpacked(source, tmp_path)
    assert unpacked is not None
    assert unpacked == detect.unpacked_path(source, tmp_path)
    ours = detect._from_unpacked(LanguageIdentifier, unpacked)
    theirs = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    for text in (
        "Iran supplied drones to Russia, officials said.",
        "Иран поставил России беспилотники, заявили в ведомстве.",
        "Україна отримала нові системи протиповітряної оборони.",
        "Le ministère a annoncé de nouvelles sanctions.",
    ):
        assert ours.rank(text)[:5] == theirs.rank(text)[:5]
    assert detect._unpacked(source, tmp_path) == unpacked  # read again, not remade


def test_language_model_without_a_writable_cache_is_read_as_shipped(tmp_path: Path) -> None:
    from py3langid.langid import MODEL_DIR, MODEL_FILE

    from dossier.extract.languages import detect

    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    assert detect._unpacked(Path(MODEL_DIR) / MODEL_FILE, blocked / "langid") is None
