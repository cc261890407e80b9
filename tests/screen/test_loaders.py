"""Loaders on the real list files, and on broken copies of them."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from dossier.exc import SourceError
from dossier.lists.loaders import find_list_files
from dossier.lists.loaders.eu import name_variants
from dossier.lists.loaders.registry import LOADERS, detect_kind
from dossier.model import ListRecord


def test_every_family_loads(all_records: list[ListRecord]) -> None:
    counts = Counter(r.dataset for r in all_records)
    assert counts["us_ofac_sdn"] == 14965
    assert counts["us_ofac_cons"] == 442
    assert counts["un_sc"] == 1003
    assert counts["eu_fsf"] == 8017 + 417
    assert counts["us_bis_dpl"] == 581
    assert counts["us_bis_mieu"] == 13
    assert counts["us_dod_1260h"] == 397
    assert counts["cn_countersanctions"] == 610


def test_ofac_aliases_from_alt_file(by_key: dict[str, ListRecord]) -> None:
    qods = by_key["us_ofac_sdn:16418"]
    assert qods.name == "QODS AVIATION INDUSTRIES"
    assert "GHODS AVIATION INDUSTRIES" in qods.aliases
    assert "NPWMD" in qods.programs


def test_un_listing_date(by_key: dict[str, ListRecord]) -> None:
    assert by_key["un_sc:IRe.055"].listed_on == "2007-03-24"


@pytest.mark.parametrize(
    ("key", "name", "alias", "listed"),
    [
        (
            "eu_fsf:EU-UKR:I.ENTITIES:121",
            "Qods Aviation Industries",
            "صنایع هوایی قدس",
            "2022-11-14",
        ),
        ("eu_fsf:EU-RUS:IV:413", "Qods Aviation Industries", "Ghods Aviation Industries", None),
        ("eu_fsf:EU-IRN:VIII.A.ENTITIES:41", "Qods Aeronautics Industries", None, "2007-03-24"),
    ],
)
def test_eu_qods_records(
    by_key: dict[str, ListRecord], key: str, name: str, alias: str | None, listed: str | None
) -> None:
    record = by_key[key]
    assert record.name == name
    if alias:
        assert alias in record.names
    if listed:
        assert record.listed_on == listed


def test_eu_row_number_ids_when_record_id_is_empty(all_records: list[ListRecord]) -> None:
    ids = [r.list_id for r in all_records if r.dataset == "eu_fsf" and ":#" in r.list_id]
    assert ids
    assert all(i.rsplit(":#", 1)[1].isdigit() for i in ids)


def test_eu_inline_aka_becomes_alias(by_key: dict[str, ListRecord]) -> None:
    shahed = by_key["eu_fsf:EU-UKR:I.ENTITIES:119"]
    assert shahed.name == "Shahed Aviation Industries"
    assert "Shahed Aviation Industries Research Centre" in shahed.aliases


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("Maher (a.k.a. Mahir) AL-ASSAD", ["Maher AL-ASSAD", "Mahir AL-ASSAD"]),
        ("DOBROLET a.k.a. DOBROLYOT", ["DOBROLET", "DOBROLYOT"]),
        ("Plain Name", ["Plain Name"]),
    ],
)
def test_name_variants(cell: str, expected: list[str]) -> None:
    assert name_variants(cell) == expected


def test_row_number_lists(by_key: dict[str, ListRecord]) -> None:
    assert by_key["us_bis_dpl:1"].name.strip() == "I. ASH"
    assert by_key["us_bis_dpl:1"].listed_on == "2003-06-19"
    assert by_key["cn_countersanctions:1"].listed_on == "2019-12-02"
    assert "美国国家民主基金会" in by_key["cn_countersanctions:1"].aliases
    assert by_key["us_dod_1260h:1"].name == "360 Security Technology Inc."


def test_csl_sample_and_eval_files_are_not_lists(lists_dir: Path) -> None:
    found = [f for f in find_list_files([lists_dir]) if not isinstance(f, SourceError)]
    assert not any("csl" in f.path.name or "eval" in f.path.parts for f in found)
    assert detect_kind(lists_dir / "us_csl" / "csl_sample_2019.csv") is None


def _load(path: Path) -> tuple[list[ListRecord], list[SourceError]]:
    kind = detect_kind(path)
    assert kind is not None
    items = list(LOADERS[kind](path))
    return (
        [i for i in items if isinstance(i, ListRecord)],
        [i for i in items if isinstance(i, SourceError)],
    )


@pytest.mark.parametrize(
    "relative",
    [
        "eu_oj/consolidated/32014R0269.csv",
        "us_bis/dpl_2022-09.txt",
        "cn/cn_sanctions.csv",
        "us_dod/dod_chinese_milcorps_1260h.csv",
    ],
)
def test_truncated_file_keeps_what_loaded(lists_dir: Path, tmp_path: Path, relative: str) -> None:
    source = lists_dir / relative
    full, _ = _load(source)
    data = source.read_bytes()
    cut = tmp_path / source.name
    cut.write_bytes(data[: len(data) // 2])
    records, errors = _load(cut)
    assert 0 < len(records) < len(full)
    assert len(errors) == 1
    assert "\n" not in errors[0].detail
    assert str(cut) in errors[0].detail


def test_bad_encoding_is_one_error(lists_dir: Path, tmp_path: Path) -> None:
    source = lists_dir / "us_bis" / "mieu.csv"
    bad = tmp_path / "mieu.csv"
    bad.write_bytes(source.read_bytes().replace(b"Directorate", b"Direc\xfftorate", 1))
    records, errors = _load(bad)
    assert len(records) == 13
    assert len(errors) == 1
    assert "UTF-8" in errors[0].detail


def test_ftm_entities(tmp_path: Path) -> None:
    path = tmp_path / "entities.ftm.json"
    path.write_text(
        '{"id": "NK-1", "schema": "Company", "datasets": ["demo"],'
        ' "properties": {"name": ["Acme Drones"], "alias": ["Akme"],'
        ' "startDate": ["2022-10-20"], "program": ["EU-UKR"]}}\n'
        "{not json\n"
        '{"id": "NK-2", "schema": "Person", "properties": {}}\n',
        encoding="utf-8",
    )
    records, errors = _load(path)
    assert [(r.dataset, r.list_id, r.schema, r.names) for r in records] == [
        ("demo", "NK-1", "Organization", ("Acme Drones", "Akme"))
    ]
    assert records[0].listed_on == "2022-10-20"
    assert len(errors) == 2


def test_issue3_un_listing_dates_are_plain_iso_days(shared) -> None:
    """Some UN records write LISTED_ON with a zone (`2015-04-07-04:00`); we keep the day."""
    from dossier.lists.loaders.un import load_un
    from dossier.model import ListRecord

    path = shared / "data" / "sanctions" / "un" / "un_consolidated_2026-02-27.xml"
    dates = {r.list_id: r.listed_on for r in load_un(path) if isinstance(r, ListRecord)}
    assert dates["QDi.352"] == "2015-04-07"
    assert all(d is None or len(d) == 10 for d in dates.values())
