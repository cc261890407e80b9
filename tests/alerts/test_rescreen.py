"""The pure diff of an entity's matches before and after a list reload."""

from __future__ import annotations

from dataclasses import replace

import pytest

from dossier.lists.rescreen import Change, diff_matches, record_key
from dossier.model import ListRecord

QODS = ListRecord(
    "us_ofac_sdn",
    "16418",
    "Organization",
    "QODS AVIATION INDUSTRIES",
    programs=("NPWMD", "IFSR"),
    listed_on="2008-01-01",
)
MIEU = ListRecord(
    "us_bis_mieu",
    "6",
    "Organization",
    "Reconnaissance General Bureau",
    programs=("US-BIS-MIEU",),
    listed_on="2021-03-16",
)


def _keys(*records: ListRecord) -> set[str]:
    return {record_key(r) for r in records}


def _changes(before, after, listed_before, listed_now) -> list[tuple[str, str]]:
    return [
        (c.change.value, c.record.list_id)
        for c in diff_matches(before, after, listed_before, listed_now)
    ]


def test_diff_new_record_is_newly_designated() -> None:
    assert _changes([], [QODS], set(), _keys(QODS)) == [("newly_designated", "16418")]


def test_diff_known_record_newly_matching_is_newly_matched() -> None:
    assert _changes([], [QODS], _keys(QODS), _keys(QODS)) == [("newly_matched", "16418")]


def test_diff_record_gone_is_delisted_and_still_listed_is_no_longer_matched() -> None:
    assert _changes([QODS], [], _keys(QODS), set()) == [("delisted", "16418")]
    assert _changes([QODS], [], _keys(QODS), _keys(QODS)) == [("no_longer_matched", "16418")]


def test_diff_programs_and_dates() -> None:
    after = replace(
        QODS, programs=("NPWMD", "RUSSIA-EO14024"), listed_on="2009-02-02", ended_on="2026-01-01"
    )
    changes = diff_matches([QODS], [after], _keys(QODS), _keys(after))
    by_kind = {c.change: c.detail for c in changes}
    assert by_kind[Change.PROGRAMS_ADDED]["added"] == ["RUSSIA-EO14024"]
    assert by_kind[Change.PROGRAMS_REMOVED]["removed"] == ["IFSR"]
    assert by_kind[Change.LISTING_DATE_CHANGED]["listed_on_before"] == "2008-01-01"
    assert by_kind[Change.LISTING_ENDED]["ended_on"] == "2026-01-01"


def test_diff_unchanged_record_is_no_change() -> None:
    assert diff_matches([QODS], [QODS], _keys(QODS), _keys(QODS)) == []


@pytest.mark.parametrize("new_id", ["7", "12"])
def test_diff_row_numbered_record_that_moved_is_no_change(new_id: str) -> None:
    moved = replace(MIEU, list_id=new_id, source_row=f"row {new_id}: ...")
    assert diff_matches([MIEU], [moved], _keys(MIEU), _keys(moved)) == []


def test_diff_row_numbered_records_keyed_by_name_own_ids_by_id() -> None:
    assert record_key(MIEU) != record_key(replace(MIEU, name="Other Bureau"))
    assert record_key(QODS) == record_key(replace(QODS, name="QODS AERONAUTICS"))
