"""One input that raises cannot lose an ingest run (issue 20, item 6).

Found: a redirect to `Location: http:\\\\x` raised `httpx.InvalidURL`, which nothing
caught: `ingest c.txt URL d.txt` died with a traceback, stored nothing (not even
`c.txt`) and recorded nothing in `ingest_errors`. Now any exception an input raises is
that input's recorded error; the run stores the others and exits 1 with one line per
failed input. The redirect comes from a real HTTP server on 127.0.0.1.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlalchemy as sa

from dossier.store import open_store
from dossier.store import schema as t
from tests.ingest.conftest import Web
from tests.ingest.conftest import web as web  # the real server fixture, re-exported

C_TXT = "Iran supplied Shahed-136 drones to Russia in October 2022, officials said.\n"
D_TXT = "North Korea sent artillery shells to Russia in 2023, the ministry said.\n"


def test_bad_redirect_fails_its_input_only(web: Web, tmp_path: Path, run_cli: Any) -> None:
    bad = web.route("/moved", b"", status=302, headers={"Location": "http:\\\\x"})
    (tmp_path / "c.txt").write_text(C_TXT, encoding="utf-8")
    (tmp_path / "d.txt").write_text(D_TXT, encoding="utf-8")
    db = tmp_path / "run.db"
    args = ["--db", db, "ingest", tmp_path / "c.txt", bad, tmp_path / "d.txt"]
    result = run_cli(*args, "--allow-host", "127.0.0.1", "--json")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    failed = [line for line in result.stderr.splitlines() if bad in line]
    assert len(failed) == 1, result.stderr
    assert "/moved" in web.requests  # it was fetched, and failed on the redirect
    store = open_store(str(db))
    with store.engine.connect() as conn:
        docs = conn.execute(sa.select(t.documents.c.source)).scalars().all()
        errors = conn.execute(sa.select(t.ingest_errors)).mappings().all()
    assert sorted(Path(s).name for s in docs) == ["c.txt", "d.txt"]
    assert [e["source"] for e in errors] == [bad]


def test_text_too_long_for_the_model_fails_its_input_only(tmp_path: Path, run_cli: Any) -> None:
    # Found after the red-team pass: spaCy's E088 (over `nlp.max_length`) ended the run
    # with a traceback and stored nothing, the same loss as the bad redirect.
    (tmp_path / "a.txt").write_text(C_TXT, encoding="utf-8")
    (tmp_path / "b.txt").write_text("Word " * 220_000, encoding="utf-8")  # 1.1 M characters
    (tmp_path / "c.txt").write_text(D_TXT, encoding="utf-8")
    db = tmp_path / "run.db"
    paths = [tmp_path / name for name in ("a.txt", "b.txt", "c.txt")]
    result = run_cli("--db", db, "ingest", *paths, "--json")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    failed = [line for line in result.stderr.splitlines() if "b.txt" in line]
    assert len(failed) == 1, result.stderr
    assert "at most" in failed[0]
    with open_store(str(db)).engine.connect() as conn:
        docs = conn.execute(sa.select(t.documents.c.source)).scalars().all()
    assert sorted(Path(s).name for s in docs) == ["a.txt", "c.txt"]
