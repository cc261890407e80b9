"""Every input format, and bad input: one error each, the rest of the batch still read."""

from __future__ import annotations

import io
import json
import random
import sys
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from dossier.exc import SourceError
from dossier.ingest import read_paths
from dossier.ingest.files import MAX_FILE_BYTES
from dossier.model import Document
from tests.ingest.conftest import article

TEXT = "Der Iran lieferte Drohnen an Russland, sagte der Sprecher. Größere Lieferungen folgen."


def _read(*paths: str | Path) -> tuple[list[Document], list[str]]:
    items = list(read_paths(paths))
    docs = [i for i in items if isinstance(i, Document)]
    return docs, [i.detail for i in items if isinstance(i, SourceError)]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"])
def test_read_text_detects_encoding(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes((TEXT + "\n").encode(encoding))
    (document,), errors = _read(path)
    assert errors == []
    assert document.body == TEXT


def test_read_text_header_block_sets_metadata(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    header = "URL: https://example.org/a\nTITLE: Drones\nPUBLISHED: 2022-08-30\n---\n"
    path.write_text(header + TEXT + "\n", encoding="utf-8")
    (document,), _ = _read(path)
    assert (document.url, document.title, document.published) == (
        "https://example.org/a",
        "Drones",
        "2022-08-30",
    )
    assert document.body_start == len(header)
    assert document.body == TEXT


def test_bad_inputs_reported_rest_of_batch_kept(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(TEXT, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"  \n")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR" * 10)
    (tmp_path / "page.html").write_text("<html><<<>>", encoding="utf-8")
    (tmp_path / "data.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    lines = [json.dumps({"id": "j1", "text": TEXT}), "{not json", json.dumps({"id": "j3"})]
    (tmp_path / "batch.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs, errors = _read(tmp_path, tmp_path / "missing.txt")
    assert sorted(d.id for d in docs) == ["good", "j1"]
    where = str(tmp_path)
    assert errors == [
        f"{where}/batch.jsonl:2: invalid JSON (Expecting property name enclosed in double quotes)",
        f"{where}/batch.jsonl:3: record has no string field 'text'",
        f"{where}/binary.txt: binary file, not text",
        f"{where}/data.pdf: unreadable PDF (PdfStreamError: Stream has ended unexpectedly)",
        f"{where}/empty.txt: empty file",
        f"{where}/page.html: no article text found in HTML",
        f"{where}/missing.txt: no such file",
    ]


def test_read_html_metadata(tmp_path: Path) -> None:
    path = tmp_path / "story.html"
    path.write_text(article("Drones reach Russia", "Iran shipped drones."), encoding="utf-8")
    (document,), _ = _read(path)
    assert document.title == "Drones reach Russia"
    assert document.published == "2022-11-09"
    assert "Iran shipped drones." in document.body
    assert "Home" not in document.text


def _warc(path: Path) -> None:
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        records = [
            ("https://news.example/a", "text/html; charset=utf-8", article("Archived", "Iran.")),
            ("https://news.example/logo.png", "image/png", "PNGDATA"),
            ("https://news.example/b.txt", "text/plain; charset=cp1252", TEXT),
        ]
        for url, content_type, body in records:
            charset = "cp1252" if "cp1252" in content_type else "utf-8"
            headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], "HTTP/1.1")
            payload = io.BytesIO(body.encode(charset))
            writer.write_record(
                writer.create_warc_record(url, "response", payload=payload, http_headers=headers)
            )


def test_read_warc_html_and_text_responses(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    _warc(path)
    docs, errors = _read(path)
    assert errors == []
    assert [d.url for d in docs] == ["https://news.example/a", "https://news.example/b.txt"]
    assert docs[0].title == "Archived"
    assert docs[1].body == TEXT


def test_read_broken_warc_reports_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.warc"
    path.write_bytes(b"WARC/1.0\r\nnonsense\r\n\r\n" * 3)
    _, errors = _read(path)
    assert len(errors) == 1
    assert errors[0].startswith(f"{path}: ")
    assert "WARC archive" in errors[0]


@pytest.mark.parametrize(
    ("data", "expected_id"),
    [
        (TEXT.encode("cp1252"), "stdin"),
        ((json.dumps({"id": "x1", "text": TEXT}) + "\n").encode(), "x1"),
        (article("From stdin", "Iran.").encode(), "stdin"),
    ],
)
def test_read_stdin_sniffs_format(
    monkeypatch: pytest.MonkeyPatch, data: bytes, expected_id: str
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    (document,), errors = _read("-")
    assert errors == []
    assert document.id == expected_id


def test_read_feed_file_without_fetch_permission_reports_links(tmp_path: Path) -> None:
    path = tmp_path / "feed.rss"
    path.write_text(
        '<rss version="2.0"><channel><item><link>http://10.0.0.1/a</link></item></channel></rss>',
        encoding="utf-8",
    )
    _, errors = _read(path)
    assert len(errors) == 1
    assert errors[0].startswith("http://10.0.0.1/a: refused to fetch from 10.0.0.1")


def test_read_feed_with_entities_refused(tmp_path: Path) -> None:
    path = tmp_path / "evil.xml"
    path.write_text(
        '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaa">]><rss>&a;</rss>',
        encoding="utf-8",
    )
    assert _read(path)[1] == [f"{path}: feed declares a DOCTYPE or entities; refused"]


def test_undecodable_text_reported(tmp_path: Path) -> None:
    path = tmp_path / "noise.txt"
    rng = random.Random(0)  # high bytes in no order: no encoding makes text of them
    path.write_bytes(bytes(rng.choice(range(0x80, 0x100)) for _ in range(3000)))
    assert _read(path)[1] == [f"{path}: cannot decode text (not UTF-8 and no encoding detected)"]


def test_oversized_file_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as out:  # sparse: no disk used, nothing worth reading
        out.truncate(MAX_FILE_BYTES + 1)
    assert _read(path)[1] == [f"{path}: file larger than {MAX_FILE_BYTES} bytes"]


def test_directories_read_recursively_in_sorted_order(tmp_path: Path) -> None:
    (tmp_path / "b" / "c").mkdir(parents=True)
    (tmp_path / ".git").mkdir()
    for name in ["b/c/3.txt", "a.txt", "b/2.txt", ".git/HEAD.txt"]:
        (tmp_path / name).write_text(f"{TEXT} ({name})", encoding="utf-8")
    docs, errors = _read(tmp_path)
    assert errors == []
    assert [Path(d.source).relative_to(tmp_path).as_posix() for d in docs] == [
        "a.txt",
        "b/2.txt",
        "b/c/3.txt",
    ]


def test_metadata_author_and_site_from_every_format(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text(article("Drones", "Iran shipped drones."), "utf-8")
    header = "AUTHOR: Ann Analyst\nOUTLET: Desk Weekly\n---\n"
    (tmp_path / "b.txt").write_text(header + TEXT, encoding="utf-8")
    record = {"text": TEXT, "author": "Rita Writer", "site": "Wire Service"}
    (tmp_path / "c.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    docs, errors = _read(tmp_path)
    assert errors == []
    assert [(d.author, d.site) for d in docs] == [
        ("Jane Reporter", "Example News"),
        ("Ann Analyst", "Desk Weekly"),
        ("Rita Writer", "Wire Service"),
    ]


def test_nul_characters_refused_wherever_they_are(tmp_path: Path) -> None:
    late = tmp_path / "late.txt"
    late.write_bytes((TEXT + " ").encode() * 200 + b"\x00 tail")
    record = tmp_path / "nul.jsonl"
    record.write_text(json.dumps({"text": TEXT, "author": "A\u0000B"}) + "\n", "utf-8")
    _, errors = _read(late, record)
    assert errors[0].startswith(f"{late}: NUL character at offset ")
    assert errors[1] == f"{record}:1: field 'author' holds a NUL character; binary data, not text"
