"""Fuzz the pure text parsers: boilerplate cutter, dates and quantities in claims,
list dates. None may raise on any text; offsets index the input; values are well formed.
"""

from __future__ import annotations

import datetime as dt
import re

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from dossier.extract.dates import find_date_at, parse_iso
from dossier.extract.quantities import find_quantity
from dossier.ingest.boilerplate import find_body_end, find_body_start
from dossier.lists.loaders.tabular import parse_date
from tests.fuzz import BUDGET

FAST = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow]}
ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")

TAIL_LINES = st.sampled_from(
    [
        "Leave a Reply",
        "3 thoughts on “Drones”",
        "Comments (4):",
        "Read more: the next story",
        "Related",
        "Tags: drones, Iran",
        "Twitter",
        "Like Loading...",
        "  1. First!",
        "\t- me too",
        "John says:\nNovember 9, 2022 at 10:00",
        "Share this:",
        "x" * 200,
    ]
)
PAGE = st.lists(st.one_of(TAIL_LINES, st.text(max_size=50)), max_size=25).map("\n".join)


@settings(max_examples=BUDGET["boilerplate"], **FAST)
@given(PAGE, st.integers(min_value=0, max_value=80))
@example("Leave a Reply\n", 14)  # once ended the body before its start
def test_boilerplate_offsets_index_the_text(text: str, start_hint: int) -> None:
    start = find_body_start(text)
    assert 0 <= start <= len(text)
    assert text[:start].strip() == ""
    begin = min(start_hint, len(text))
    end = find_body_end(text, begin)
    assert begin <= end <= len(text)
    assert end == begin or not text[end - 1].isspace()


SENTENCE_PARTS = st.sampled_from(
    [
        "on March 3",
        "3rd of Sept. 2021",
        "Feb 29",
        "February 30, 2023",
        "in May",
        "since 1999",
        "2022-02-30",
        "2022-11-09",
        "last month",
        "next month",
        "yesterday",
        "on Thursday",
        "31 April 2020",
        "more than 400 Shahed drones",
        "6,000 missiles",
        "up to 2.5 million units",
        "dozens of drones",
        "several hundred companies",
        " ",
    ]
)
SENTENCES = st.lists(st.one_of(SENTENCE_PARTS, st.text(max_size=20)), max_size=10).map(" ".join)
PUBLISHED = st.one_of(st.none(), st.dates(min_value=dt.date(1, 2, 1)))


@settings(max_examples=BUDGET["dates"], **FAST)
@given(SENTENCES, PUBLISHED)
@example("delivered 2022-02-30", None)  # once returned as a date
def test_dates_are_iso_and_offsets_index_the_sentence(
    sentence: str, published: dt.date | None
) -> None:
    found = find_date_at(sentence, published)
    if found is None:
        return
    offset, value = found
    assert 0 <= offset < len(sentence)
    assert ISO.match(value), value
    if len(value) == 10:
        assert parse_iso(value) is not None


@settings(max_examples=BUDGET["quantities"], **FAST)
@given(SENTENCES)
def test_quantities_come_from_the_sentence(sentence: str) -> None:
    quantity = find_quantity(sentence)
    if quantity is None:
        return
    number = quantity.removeprefix("up to ").removesuffix("+")
    assert number.casefold() in sentence.casefold()


LIST_DATES = st.one_of(
    st.text(max_size=20),
    st.sampled_from(["2022-11-09", "09.11.2022", "9.11.22", "11/09/2022", "9 Nov. 2022"]),
    st.dates().map(lambda d: d.strftime("%d %B %Y")),
)


@settings(max_examples=BUDGET["list_dates"], **FAST)
@given(LIST_DATES)
def test_list_dates_parse_to_iso_or_none(value: str) -> None:
    parsed = parse_date(value)
    assert parsed is None or dt.date.fromisoformat(parsed).isoformat() == parsed
