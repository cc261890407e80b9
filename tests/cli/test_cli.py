"""The `dossier` command end to end, in subprocesses, on real files and a real SQLite DB."""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path
from typing import Any

import jsonschema
import pytest

SCHEMAS = Path(str(files("dossier").joinpath("data", "schema")))
COMMENT_START = "1. When two garbage countries"


def _schema(name: str) -> dict[str, Any]:
    return json.loads((SCHEMAS / name).read_text(encoding="utf-8"))


def _lines(stdout: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def _corpus(shared: Path) -> list[Path]:
    return sorted((shared / "corpus").glob("*.txt"))


def test_extract_corpus_is_contract_valid(shared: Path, run_cli) -> None:
    paths = _corpus(shared)
    result = run_cli("extract", *paths, "--json")
    assert result.returncode == 0, result.stderr
    objects = _lines(result.stdout)
    assert len(objects) == len(paths) == 2
    schema = _schema("extract.schema.json")
    for path, obj in zip(paths, objects, strict=True):
        jsonschema.validate(obj, schema)
        text = path.read_text(encoding="utf-8")
        assert obj["document"]["id"] == path.stem
        for entity in obj["entities"]:
            for mention in entity["mentions"]:
                assert text[mention["start"] : mention["end"]] == mention["text"]
        for claim in obj["claims"]:
            evidence = claim["evidence"]
            assert text[evidence["start"] : evidence["end"]] == evidence["text"]
        assert obj["entities"], f"no entities found in {path.name}"


def test_extract_seed_comment_yields_nothing(shared: Path, run_cli) -> None:
    seed = next(p for p in _corpus(shared) if p.name.startswith("000"))
    text = seed.read_text(encoding="utf-8")
    cut = text.index(COMMENT_START)
    (obj,) = _lines(run_cli("extract", seed, "--json", check=True).stdout)
    assert obj["document"]["body_end"] <= cut
    starts = [m["start"] for e in obj["entities"] for m in e["mentions"]]
    starts += [c["evidence"]["start"] for c in obj["claims"]]
    assert starts
    assert max(starts) < cut


def test_extract_bad_inputs_reported_and_rest_processed(
    shared: Path, run_cli, tmp_path: Path
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    unknown = tmp_path / "report.xyz"
    unknown.write_text("Russia and Iran")
    missing = tmp_path / "missing.txt"
    good = _corpus(shared)[1]
    result = run_cli("extract", empty, binary, good, unknown, missing, "--json")
    assert result.returncode == 1
    assert [o["document"]["id"] for o in _lines(result.stdout)] == [good.stem]
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(errors) == 4
    for bad, line in zip([empty, binary, unknown, missing], errors, strict=True):
        assert str(bad) in line
        assert "Traceback" not in result.stderr


def test_extract_jsonl_invalid_line(run_cli, tmp_path: Path) -> None:
    docs = tmp_path / "docs.jsonl"
    good = {"id": "a", "text": "Iran supplied drones to Russia, officials said.", "published": None}
    docs.write_text(json.dumps(good) + "\n{not json\n" + json.dumps({"id": "b"}) + "\n")
    result = run_cli("extract", docs, "--json")
    assert result.returncode == 1
    assert [o["document"]["id"] for o in _lines(result.stdout)] == ["a"]
    assert f"{docs}:2" in result.stderr
    assert f"{docs}:3" in result.stderr


@pytest.fixture
def loaded_db(shared: Path, run_cli, store_url: str) -> str:
    """OFAC + UN loaded into a fresh database, once on SQLite and once on PostgreSQL."""
    db = store_url
    sanctions = shared / "data" / "sanctions"
    result = run_cli("--db", db, "lists", "load", sanctions / "us_ofac", sanctions / "un", "--json")
    assert result.returncode == 0, result.stderr
    counts = _lines(result.stdout)[0]["datasets"]
    assert counts["us_ofac_sdn"] > 10_000
    assert counts["un_sc"] > 900
    return db


def test_screen_puts_qods_first(loaded_db: str, run_cli) -> None:
    result = run_cli("--db", loaded_db, "screen", "Quds Aviation Industry", "--json")
    assert result.returncode == 0, result.stderr
    (obj,) = _lines(result.stdout)
    jsonschema.validate(obj, _schema("screen.schema.json"))
    top = obj["results"][0]
    assert (top["dataset"], top["list_id"], top["match"]) == ("us_ofac_sdn", "16418", True)
    scores = [r["score"] for r in obj["results"]]
    assert scores == sorted(scores, reverse=True)


def test_ingest_store_and_query(loaded_db: str, shared: Path, run_cli) -> None:
    first = run_cli("--db", loaded_db, "ingest", *_corpus(shared), "--json")
    assert first.returncode == 0, first.stderr
    assert _lines(first.stdout)[0]["added"] == 2
    stats = _lines(run_cli("--db", loaded_db, "stats", "--json", check=True).stdout)[0]
    assert set(stats) == {"documents", "entities", "mentions", "claims", "list_records", "matches"}
    assert stats["documents"] == 2
    assert min(stats["entities"], stats["mentions"], stats["claims"], stats["matches"]) > 0

    again = run_cli("--db", loaded_db, "ingest", *_corpus(shared), "--json")
    assert _lines(again.stdout)[0] == {
        "added": 0,
        "duplicates": 2,
        "near_duplicates": 0,
        "failed": 0,
        "errors": [],
        "notes": [],
        "languages": {},
    }
    assert _lines(run_cli("--db", loaded_db, "stats", "--json").stdout)[0] == stats

    shown = run_cli("--db", loaded_db, "show", "Quds Aviation Industry", "--json", check=True)
    detail = _lines(shown.stdout)[0]
    assert ("us_ofac_sdn", "16418") in {(m["dataset"], m["list_id"]) for m in detail["matches"]}
    claims = _lines(run_cli("--db", loaded_db, "claims", "--json", check=True).stdout)
    assert len(claims) == stats["claims"]
    entities = _lines(run_cli("--db", loaded_db, "entities", "--json", check=True).stdout)
    assert {"Russia", "Iran"} <= {e["name"] for e in entities}


def test_lists_load_truncated_file_keeps_the_rest(shared: Path, run_cli, tmp_path: Path) -> None:
    un = (shared / "data" / "sanctions" / "un" / "un_consolidated_2026-02-27.xml").read_bytes()
    broken = tmp_path / "lists" / "un_truncated.xml"
    broken.parent.mkdir()
    broken.write_bytes(un[: len(un) // 2])
    db = tmp_path / "t.db"
    result = run_cli(
        "--db", db, "lists", "load", broken, shared / "data" / "sanctions" / "us_ofac", "--json"
    )
    assert result.returncode == 1
    assert str(broken) in result.stderr
    assert _lines(result.stdout)[0]["datasets"]["us_ofac_sdn"] > 10_000


def test_compare_pairs(run_cli, tmp_path: Path) -> None:
    pairs = tmp_path / "pairs.csv"
    pairs.write_text(
        "name1,name2\nQods Aviation Industries,Quds Aviation Industry\n"
        "Qods Aviation Industries,Bank Melli Iran\n"
    )
    rows = _lines(run_cli("compare", "--file", pairs, "--json", check=True).stdout)
    assert [r["name2"] for r in rows] == ["Quds Aviation Industry", "Bank Melli Iran"]
    assert rows[0]["score"] > rows[1]["score"]
    assert rows[0]["match"] is True
    assert rows[1]["match"] is False


def test_demo_runs_on_bundled_data(run_cli, tmp_path: Path) -> None:
    result = run_cli("--db", tmp_path / "demo.db", "demo", "--json")
    assert result.returncode == 0, result.stderr
    summary = _lines(result.stdout)[0]
    assert summary["errors"] == []
    counts = summary["counts"]
    assert counts["documents"] >= 3
    assert counts["matches"] > 0
    assert counts["claims"] > 0


def test_demo_table_names_each_matched_records_programmes(run_cli, tmp_path: Path) -> None:
    """The bundled SDN extract has no listing dates, so the programmes are what says
    which regime a match falls under; each printed match row carries its record's."""
    from dossier.store.db import open_store
    from dossier.store.queries import list_matches

    db = tmp_path / "demo.db"
    result = run_cli("--db", db, "demo")
    assert result.returncode == 0, result.stderr
    matches = list_matches(open_store(str(db)))
    assert matches
    rows = [line for line in result.stdout.splitlines() if line.startswith("│")]
    for m in matches:
        row = next(r for r in rows if f"│ {m['list_id']} " in r)
        assert m["programs"]
        assert m["programs"][0] in row


@pytest.mark.parametrize(
    "command",
    [
        ["ingest"],
        ["extract"],
        ["screen"],
        ["compare"],
        ["entities"],
        ["claims"],
        ["show"],
        ["stats"],
        ["serve"],
        ["demo"],
        ["lists", "load"],
    ],
)
def test_help_teaches_with_an_example(run_cli, command: list[str]) -> None:
    result = run_cli(*command, "--help")
    assert result.returncode == 0
    assert "Example" in result.stdout
    assert "--json" in result.stdout
