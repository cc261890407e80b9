"""Screening fixtures: the real list files, loaded and indexed once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from dossier.exc import SourceError
from dossier.lists.loaders import find_list_files
from dossier.model import ListRecord
from dossier.screen.index import NameIndex, build_index


@pytest.fixture(scope="session")
def lists_dir(shared: Path) -> Path:
    return shared / "data" / "sanctions"


@pytest.fixture(scope="session")
def all_records(lists_dir: Path) -> list[ListRecord]:
    records: list[ListRecord] = []
    for found in find_list_files([lists_dir]):
        assert not isinstance(found, SourceError), found
        records.extend(r for r in found.load() if isinstance(r, ListRecord))
    return records


@pytest.fixture(scope="session")
def index(all_records: list[ListRecord]) -> NameIndex:
    return build_index(all_records)


@pytest.fixture(scope="session")
def by_key(all_records: list[ListRecord]) -> dict[str, ListRecord]:
    return {f"{r.dataset}:{r.list_id}": r for r in all_records}
