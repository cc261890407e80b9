"""`dossier ingest --published/--title/--site` (issue 17): defaults for what a document
does not say; what a text's lead lines say wins; a bad date is one line, exit 2."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import select

from dossier.store import open_store
from dossier.store import schema as t
from tests.conftest import CliRunner

BARE = "Officials said the shipyard bought two cranes last year.\n"
LEAD = "Cranes sold to a shipyard\nMarch 3, 2022\nBy Ana Pereira\n\nThe yard bought two cranes.\n"


def test_cli_ingest_metadata_flags_fill_gaps(tmp_path: Path, run_cli: CliRunner) -> None:
    (tmp_path / "bare.txt").write_text(BARE, encoding="utf-8")
    (tmp_path / "lead.txt").write_text(LEAD, encoding="utf-8")
    flags = ("--published", "2023-02-10", "--title", "Given title", "--site", "Desk")
    result = run_cli("ingest", "bare.txt", "lead.txt", *flags, "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["added"] == 2
    store = open_store(str(tmp_path / "dossier.db"))
    d = t.documents.c
    with store.engine.connect() as conn:
        rows = conn.execute(select(d.external_id, d.title, d.published, d.site, d.author))
        docs = {r.external_id: r for r in rows}
    assert tuple(docs["bare"])[1:] == ("Given title", "2023-02-10", "Desk", None)
    assert tuple(docs["lead"])[1:] == (
        "Cranes sold to a shipyard",
        "2022-03-03",
        "Desk",
        "Ana Pereira",
    )


def test_cli_ingest_bad_published_is_one_line(tmp_path: Path, run_cli: CliRunner) -> None:
    (tmp_path / "bare.txt").write_text(BARE, encoding="utf-8")
    result = run_cli("ingest", "bare.txt", "--published", "10/02/2023")
    assert result.returncode == 2
    assert "'10/02/2023' is not a date; use YYYY, YYYY-MM or YYYY-MM-DD" in result.stderr
