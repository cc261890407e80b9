"""`dossier merges`, `merge` and `unmerge`, and resolution by writers running at once."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from sqlalchemy import func, select

from dossier.store import open_store
from dossier.store import schema as t
from dossier.store.queries import entity_detail, find_entity_id
from tests.conftest import DOSSIER, CliRunner
from tests.resolve.test_store_merges import REPORTS


def _jsonl(path: Path, keys: list[str]) -> Path:
    lines = [json.dumps({"id": key, "text": REPORTS[key]}) for key in keys]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _json_lines(stdout: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def test_merge_commands(run_cli: CliRunner, tmp_path: Path) -> None:
    db = str(tmp_path / "cli.db")
    source = _jsonl(tmp_path / "reports.jsonl", ["qods", "ghods", "shahed", "geran", "john"])
    assert run_cli("--db", db, "ingest", source).returncode == 0
    merged = run_cli(
        "--db", db, "merge", "Shahed-136", "John Smith", "--reason", "a test", "--json", check=True
    )
    merge_id = json.loads(merged.stdout)["id"]
    shown = json.loads(run_cli("--db", db, "show", "John Smith", "--json", check=True).stdout)
    assert shown["name"] == "Shahed-136"
    assert "John Smith" in shown["aliases"]
    undone = run_cli("--db", db, "unmerge", merge_id, "--json", check=True)
    assert json.loads(undone.stdout)["undone_at"]
    store = open_store(db)
    assert entity_detail(store, find_entity_id(store, "John Smith"))["name"] == "John Smith"
    table = run_cli("--db", db, "merges", check=True).stdout
    assert "alias table line" in table
    assert "Ghods Aviation Industries" in table
    assert "manual: a test" in table


def test_merge_errors_are_one_line(run_cli: CliRunner, tmp_path: Path) -> None:
    db = str(tmp_path / "empty.db")
    for args in (
        ["unmerge", "no-such-merge"],
        ["merge", "Qods Aviation Industry", "Nobody", "--reason", "x"],
        ["merge", "Qods Aviation Industry", "Russia", "--reason", " "],
    ):
        result = run_cli("--db", db, *args)
        assert result.returncode == 1, args
        assert result.stderr.startswith("Error: "), result.stderr
        assert len(result.stderr.strip().splitlines()) == 1


def test_writers_at_once_resolve_against_each_other(store_url: str, tmp_path: Path) -> None:
    open_store(store_url)  # migrate once, before the writers start
    halves = (["qods", "alabuga", "bagheri"], ["ghods", "quds", "yelabuga", "baqeri"])
    procs = [
        subprocess.Popen(
            [str(DOSSIER), "--db", store_url, "ingest", _jsonl(tmp_path / f"{n}.jsonl", keys)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n, keys in enumerate(halves)
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, err
    store = open_store(store_url)
    for names in (
        ["Qods Aviation Industry", "Ghods Aviation Industries", "Quds Aviation Industries"],
        ["Alabuga", "Yelabuga"],
        ["Mohammad Bagheri", "Muhammad Baqeri"],
    ):
        assert len({entity_detail(store, find_entity_id(store, n))["id"] for n in names}) == 1
    with store.engine.connect() as conn:
        merged = select(func.count()).where(t.entities.c.merged_into.is_not(None))
        merges = select(func.count()).select_from(t.entity_merges)
        assert conn.execute(merged).scalar_one() == conn.execute(merges).scalar_one() == 3
