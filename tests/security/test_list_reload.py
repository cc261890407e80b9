"""A list reload cannot silently delete most of a dataset (issue 20, item 12b).

Found: loading a one-record file for a dataset replaced the whole dataset without asking
(1,003 UN records removed). A reload that would remove more than half of a dataset's
stored records (and at least 10) is now refused with one line naming the dataset and the
counts, unless `--replace` says so; nothing is written when it is refused.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from dossier.store import open_store


def _one_record_un(shared: Path, folder: Path) -> Path:
    source = shared / "data/sanctions/un/un_consolidated_2026-02-27.xml"
    tree = ET.parse(source)
    root = tree.getroot()
    for group in root:
        for child in list(group)[1 if group.tag == "INDIVIDUALS" else 0 :]:
            group.remove(child)
    folder.mkdir()
    path = folder / "un_consolidated_2026-03-01.xml"
    tree.write(path, encoding="utf-8", xml_declaration=True)
    return path


def _un_count(db: Path) -> int:
    counts = open_store(str(db)).engine.connect()
    with counts as conn:
        rows = conn.exec_driver_sql("SELECT count(*) FROM list_records WHERE dataset = 'un_sc'")
        return int(rows.scalar_one())


@pytest.mark.slow  # two real CLI runs loading the UN list: ~30 s on 2 shared cores
def test_reload_that_would_empty_a_dataset_is_refused(
    shared: Path, tmp_path: Path, run_cli: Any
) -> None:
    db = tmp_path / "lists.db"
    first = run_cli("--db", db, "lists", "load", shared / "data/sanctions/un")
    assert first.returncode == 0, first.stderr
    full = _un_count(db)
    assert full > 900
    small = _one_record_un(shared, tmp_path / "un-small")
    refused = run_cli("--db", db, "lists", "load", small)
    assert refused.returncode == 1, refused.stdout
    assert refused.stderr.count("\n") == 1, refused.stderr  # one line
    assert "un_sc" in refused.stderr
    assert "--replace" in refused.stderr
    assert f"remove {full - 1}" in refused.stderr
    assert _un_count(db) == full
    replaced = run_cli("--db", db, "lists", "load", small, "--replace")
    assert replaced.returncode == 0, replaced.stderr
    assert _un_count(db) == 1
