"""Fuzz the list loaders with broken files: truncated rows, wrong column counts, bad
encodings, stray quotes and NULs, huge fields. Every problem is a `SourceError` item
naming the file; nothing raises; every record has a name.
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from dossier.exc import SourceError
from dossier.lists.loaders.eu import load_eu
from dossier.lists.loaders.ftm import load_ftm
from dossier.lists.loaders.ofac import load_ofac
from dossier.lists.loaders.research import load_cn, load_dod, load_dpl, load_mieu
from dossier.lists.loaders.un import load_un
from dossier.model import ListRecord
from tests.fuzz import BUDGET

FAST = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow]}
Loader = Callable[[Path], Iterator[ListRecord | SourceError]]

BIG, GAP = "<big>", "<gap>"
"""Stand for 120 kB cells, under the csv module's field limit: one word; a long gap."""
HUGE = "<huge>"
"""Stands for a 300 kB cell (written out only in the file, to keep reprs short)."""
CELLS = st.one_of(
    st.text(max_size=15),
    st.sampled_from(["", "-0-", '"', '""', "a,b", "a\tb", "\x00", "\r", "2022-11-09", "Iran"]),
    st.just(HUGE),
)
ROWS = st.lists(st.lists(CELLS, max_size=14), max_size=6)
DAMAGE = st.sampled_from(["none", "truncate", "latin1", "bad-bytes", "bom"])


def _csv(header: list[str], rows: list[list[str]], delimiter: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    if header:
        writer.writerow(header)
    writer.writerows(rows)
    return (
        out.getvalue()
        .replace(HUGE, "x" * 300_000)
        .replace(BIG, "x" * 120_000)
        .replace(GAP, "a" + " " * 120_000 + "b")
    )


def _damage(text: str, how: str, cut: int) -> bytes:
    data = text.encode("utf-8")
    if how == "truncate":
        return data[: cut % (len(data) + 1)]
    if how == "latin1":
        return text.encode("latin-1", errors="replace")
    if how == "bad-bytes":
        return data[: cut % (len(data) + 1)] + b"\xff\xfe\xc3" + data[cut % (len(data) + 1) :]
    if how == "bom":
        return b"\xef\xbb\xbf" + data
    return data


def _check(items: list[ListRecord | SourceError], path: Path) -> None:
    for item in items:
        if isinstance(item, SourceError):
            assert str(path) in str(item)
        else:
            assert isinstance(item, ListRecord)
            assert item.name.strip()
            assert item.list_id


def _run(loader: Loader, name: str, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        _check(list(loader(path)), path)


TABULAR: list[tuple[Loader, str, str, list[str]]] = [
    (load_dpl, "dpl.txt", "\t", ["Name", "Effective_Date", "Expiration_Date", "Country"]),
    (load_mieu, "mieu.csv", ",", ["Type", "Name", "Alias", "Program", "Date", "End date"]),
    (
        load_dod,
        "1260h.csv",
        ",",
        ["Name", "Clean Name", "Alias", "Previous Name", "Start date", "End date"],
    ),
    (
        load_cn,
        "cn_x.csv",
        ",",
        ["Type", "Name", "Alias", "Chinese name", "Body", "List", "Date", "End date"],
    ),
]


@settings(max_examples=BUDGET["csv_loaders"], **FAST)
@given(
    st.sampled_from(range(len(TABULAR) + 1)),
    st.booleans(),
    ROWS,
    DAMAGE,
    st.integers(min_value=0, max_value=10_000),
)
@example(0, True, [["Huge", "2022-11-09", "", HUGE]], "none", 0)
def test_tabular_loaders(
    which: int, keep_header: bool, rows: list[list[str]], how: str, cut: int
) -> None:
    if which == len(TABULAR):  # OFAC primary files have no header
        text = _csv([], rows, ",")
        _run(lambda p: load_ofac(p, "us_ofac_sdn", None, None), "sdn.csv", _damage(text, how, cut))
        return
    loader, name, delimiter, header = TABULAR[which]
    text = _csv(header if keep_header else [], rows, delimiter)
    _run(loader, name, _damage(text, how, cut))


EU_HEADER = ["recordId", "programKey", "annex", "startDate", "schema", "name", "alias"]
EU_CELLS = st.one_of(
    CELLS,
    st.sampled_from(["Maher (a.k.a. Mahir) AL-ASSAD", "X a.k.a. Y", "A · B; C", "a.k.a."]),
)


@settings(max_examples=BUDGET["eu_loader"], **FAST)
@given(
    st.lists(st.lists(EU_CELLS, min_size=5, max_size=9), max_size=5), DAMAGE, st.integers(0, 999)
)
# 120 kB name and alias cells once took minutes (regex backtracking).
@example([["1", "P", "A", "2022-01-01", "Person", BIG, GAP]], "none", 0)
@example([["", "", "", "", "0", "", ""]], "none", 0)  # once a record without a name
def test_eu_loader(rows: list[list[str]], how: str, cut: int) -> None:
    _run(load_eu, "32014R0269.csv", _damage(_csv(EU_HEADER, rows, ","), how, cut))


XML_PARTS = st.sampled_from(
    [
        "<CONSOLIDATED_LIST>",
        "</CONSOLIDATED_LIST>",
        "<INDIVIDUALS><INDIVIDUAL>",
        "</INDIVIDUAL></INDIVIDUALS>",
        "<ENTITY>",
        "</ENTITY>",
        "<REFERENCE_NUMBER>QDi.1</REFERENCE_NUMBER>",
        "<FIRST_NAME>Ali</FIRST_NAME>",
        "<SECOND_NAME></SECOND_NAME>",
        "<LISTED_ON>2001-01-25Z</LISTED_ON>",
        "<ALIAS_NAME>A &amp; B</ALIAS_NAME>",
        "&undefined;",
        "<!DOCTYPE x [<!ENTITY a 'aaaa'>]>",
    ]
)


@settings(max_examples=BUDGET["un_loader"], **FAST)
@given(
    st.lists(st.one_of(XML_PARTS, st.text(max_size=10)), max_size=20), DAMAGE, st.integers(0, 999)
)
def test_un_loader(parts: list[str], how: str, cut: int) -> None:
    _run(load_un, "un.xml", _damage("".join(parts), how, cut))


JSON_ANY = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=5,
)
FTM_ENTITIES = st.fixed_dictionaries(
    {},
    optional={
        "id": JSON_ANY,
        "schema": st.one_of(st.sampled_from(["Person", "Company", "Airplane"]), JSON_ANY),
        "datasets": st.one_of(st.lists(st.text(max_size=5), max_size=2), JSON_ANY),
        "properties": st.one_of(
            st.dictionaries(
                st.sampled_from(["name", "alias", "listingDate", "endDate", "program"]),
                st.one_of(st.lists(JSON_ANY, max_size=3), JSON_ANY),
            ),
            JSON_ANY,
        ),
    },
)


@settings(max_examples=BUDGET["ftm_loader"], **FAST)
@given(st.lists(st.one_of(FTM_ENTITIES.map(json.dumps), st.text(max_size=20)), max_size=5), DAMAGE)
@example(
    ['{"id": "x", "schema": "Person", "datasets": true, "properties": {"name": ["A"]}}'], "none"
)
def test_ftm_loader(lines: list[str], how: str) -> None:
    _run(load_ftm, "entities.ftm.json", _damage("\n".join(lines), how, 7))


@pytest.fixture
def csv_limit() -> Iterator[int]:
    """The csv module's default field limit (followthemoney raises it when imported)."""
    old = csv.field_size_limit(131072)
    yield 131072
    csv.field_size_limit(old)


@pytest.mark.usefixtures("csv_limit")
def test_huge_cell_costs_one_row_not_the_file(tmp_path: Path) -> None:
    path = tmp_path / "dpl.txt"
    header = ["Name", "Effective_Date", "Expiration_Date"]
    rows = [["Huge", "", HUGE], ["Alpha Trading", "2022-11-09", ""]]
    path.write_text(_csv(header, rows, "\t"), encoding="utf-8")
    items = list(load_dpl(path))
    errors = [i for i in items if isinstance(i, SourceError)]
    assert [e.detail for e in errors] == [
        f"{path}: line 2: unreadable CSV (field larger than field limit (131072))"
    ]
    assert [i.name for i in items if isinstance(i, ListRecord)] == ["Alpha Trading"]


@pytest.mark.usefixtures("csv_limit")
def test_ofac_huge_cell_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "sdn.csv"
    good = ["36", "AEROCARIBBEAN AIRLINES", "-0-", "CUBA", *["-0-"] * 8]
    path.write_text(_csv([], [good, ["37", HUGE]], ","), encoding="utf-8")
    items = list(load_ofac(path, "us_ofac_sdn", None, None))
    assert isinstance(items[0], ListRecord)
    assert items[0].name == "AEROCARIBBEAN AIRLINES"
    assert isinstance(items[1], SourceError)
    assert "unreadable CSV" in items[1].detail
