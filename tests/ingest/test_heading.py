"""Lead lines of plain-text reports as metadata (issue 17): texts written for these tests."""

from __future__ import annotations

import json

import pytest

from dossier.ingest.heading import parse_date_line, read_heading
from dossier.ingest.text import Metadata, read_jsonl, text_to_document, with_defaults

WIRE = """Harbour cranes sold to a shipyard, papers show
February 10, 2023
By Ana Pereira and Tom Okafor

PORT CITY, Feb 10 (Northern Wire) - A shipyard bought two cranes last year, papers show.
"""


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("February 10, 2023", "2023-02-10"),
        ("10 February 2023", "2023-02-10"),
        ("Feb. 10, 2023", "2023-02-10"),
        ("Friday, February 10, 2023 10:32 AM EST", "2023-02-10"),
        ("Published: 3 March 2022 14:05 GMT", "2022-03-03"),
        ("2021-07-04", "2021-07-04"),
        ("March 2022", "2022-03"),
        ("February 30, 2023", None),  # no such day
        ("On February 10, 2023 the yard opened", None),  # a sentence, not a date line
    ],
)
def test_parse_date_line_reads_whole_line_dates(line: str, iso: str | None) -> None:
    assert parse_date_line(line) == iso


def test_read_heading_headline_date_byline_dateline() -> None:
    heading = read_heading(WIRE)
    assert heading.title == "Harbour cranes sold to a shipyard, papers show"
    assert heading.published == "2023-02-10"
    assert heading.author == "Ana Pereira and Tom Okafor"
    assert heading.site == "Northern Wire"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Cranes for the yard\n\nThe yard bought cranes.", {"title": "Cranes for the yard"}),
        ("The yard bought cranes.\n\nMore text.", {}),  # a sentence is not a headline
        ("Cranes for the yard", {}),  # nothing after it: the line is the text
        (
            "Skip to main content\n\nCranes for the yard\n\nText.",
            {"title": "Cranes for the yard"},
        ),
        (
            "By Ana Pereira, Northern Wire\nJanuary 5, 2023\nThe yard bought cranes.",
            {"author": "Ana Pereira", "site": "Northern Wire", "published": "2023-01-05"},
        ),
        (
            "Cranes for the yard\nSource: The Harbour Gazette\n\nText here.",
            {"title": "Cranes for the yard", "site": "The Harbour Gazette"},
        ),
        ("PORT CITY (HG) — The yard bought cranes.", {"site": "HG"}),
    ],
)
def test_read_heading_rules(text: str, expected: dict[str, str]) -> None:
    heading = read_heading(text)
    got = {k: getattr(heading, k) for k in ("title", "published", "author", "site")}
    assert {k: v for k, v in got.items() if v} == expected


def test_text_to_document_reads_lead_but_keeps_text_and_body() -> None:
    doc = text_to_document(WIRE, "wire", "wire.txt", published="2020-01-01")
    assert (doc.title, doc.published, doc.author, doc.site) == (
        "Harbour cranes sold to a shipyard, papers show",
        "2023-02-10",  # the text's date wins over the caller's default
        "Ana Pereira and Tom Okafor",
        "Northern Wire",
    )
    assert doc.text == WIRE
    assert doc.body_start == 0


def test_header_block_and_record_fields_win_over_lead_lines() -> None:
    header = "TITLE: Stated title\nPUBLISHED: 2022-05-06\n---\n" + WIRE
    doc = text_to_document(header, "h", "h.txt")
    assert (doc.title, doc.published) == ("Stated title", "2022-05-06")
    record = {"text": WIRE, "title": "Record title", "published": "2022-01-02", "site": "Desk"}
    (doc,) = read_jsonl(json.dumps(record), "r.jsonl")
    assert not isinstance(doc, Exception)
    assert (doc.title, doc.published, doc.site) == ("Record title", "2022-01-02", "Desk")
    assert doc.author == "Ana Pereira and Tom Okafor"  # the record gives none


def test_with_defaults_fills_only_gaps() -> None:
    doc = text_to_document("No headline here.\nThe yard bought cranes.", "d", "d.txt")
    filled = with_defaults(doc, Metadata(published="2023-02-10", title="Given", site="Desk"))
    assert (filled.published, filled.title, filled.site) == ("2023-02-10", "Given", "Desk")
    wire = with_defaults(text_to_document(WIRE, "w", "w.txt"), Metadata(site="Desk"))
    assert wire.site == "Northern Wire"
