"""The body cutter: gold evidence stays inside the body; comments and widgets fall outside."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from dossier.ingest import read_paths
from dossier.ingest.boilerplate import find_body_end
from dossier.model import Document

ARTICLE = (
    "Iran delivered Shahed-136 drones to Russia, officials said on Thursday.\n\n"
    "The shipment left Bandar Abbas in August and crossed the Caspian Sea, according to "
    "customs records reviewed by reporters and two people familiar with the matter.\n\n"
    "Tehran denied the reports. Moscow did not respond to a request for comment."
)
LAST = "Moscow did not respond to a request for comment."

TAILS = {
    "wordpress share bar": "\n\nShare this:\n\nTwitter\nFacebook\n\nLike this:\n\n"
    "Like Loading...\n\nRelated\n",
    "newsletter box": "\n\nSign up for our daily newsletter\nEmail address\nSubscribe\n",
    "related links list": "\n\nRelated articles:\nEU adopts ninth package\n"
    "US sanctions Iranian drone makers\nWhat we know about the Shahed\n",
    "thoughts on": "\n\n12 thoughts on “Iran delivered drones”\n\n"
    "Bob says:\nNovember 9, 2022 at 3:12 pm\nThis is a long reader comment that goes on "
    "and on about the news and what the reader thinks of it all.\nReply\n",
    "comment byline": "\n\nAlice Walker says:\n10 November 2022 at 08:01\n"
    "Great reporting, thanks.\n",
    "leave a reply": "\n\n  1. A reader comment, indented and numbered, with opinions.\n\n"
    "    Liked by 3 people\n\nLeave a Reply\n\nYour email address will not be published.\n",
    "tags": "\n\nTags: Iran, Russia, drones\n",
    "read more list": "\n\nREAD MORE:\nUkraine shoots down drones over Kyiv\n",
}


@pytest.mark.parametrize("tail", TAILS.values(), ids=TAILS.keys())
def test_find_body_end_cuts_tail(tail: str) -> None:
    text = ARTICLE + tail
    end = find_body_end(text)
    assert text[:end].endswith(LAST)


@pytest.mark.parametrize(
    "inline",
    [
        "READ MORE: Ukraine shoots down drones over Kyiv",
        "Recommended articles",
        "Advertisement",
        "Related: EU adopts ninth package",
    ],
)
def test_find_body_end_keeps_article_around_inline_widget(inline: str) -> None:
    first, rest = ARTICLE.split("\n\n", 1)
    text = f"{first}\n\n{inline}\n\n{rest}\n\nLeave a Reply\n"
    assert text[: find_body_end(text)].endswith(LAST)


def _gold(shared: Path) -> dict[str, dict[str, object]]:
    files = sorted((shared / "eval" / "dev" / "gold").glob("*.json"))
    return {g["article_id"]: g for g in (json.loads(f.read_text("utf-8")) for f in files)}


def _assert_evidence_in_body(document: Document, gold: dict[str, object]) -> None:
    claims = gold["claims"]
    assert isinstance(claims, list)
    assert claims, "gold without claims cannot test anything"
    for claim in claims:
        found = document.text.find(claim["evidence"], document.body_start)
        assert found >= document.body_start, claim["evidence"]
        assert found + len(claim["evidence"]) <= document.body_end, claim["evidence"]
    cut = gold.get("boilerplate_starts_with")
    if isinstance(cut, str):
        assert document.text.find(cut) >= document.body_end


def test_gold_evidence_inside_body_of_eval_docs(shared: Path, tmp_path: Path) -> None:
    docs = tmp_path / "docs.jsonl"
    script = shared / "eval" / "score_extract.py"
    gold_dir = shared / "eval" / "dev" / "gold"
    subprocess.run(
        [sys.executable, str(script), "--gold", str(gold_dir), "--write-docs", str(docs)],
        check=True,
        capture_output=True,
    )
    gold = _gold(shared)
    documents = [d for d in read_paths([docs]) if isinstance(d, Document)]
    assert sorted(d.id for d in documents) == sorted(gold)
    for document in documents:
        _assert_evidence_in_body(document, gold[document.id])


def test_gold_evidence_inside_body_of_source_files(shared: Path) -> None:
    for article_id, gold in _gold(shared).items():
        source = str(gold["source_file"])
        path = shared / "eval" / "dev" / source
        path = path if path.exists() else shared / source
        (document,) = read_paths([path])
        assert isinstance(document, Document), article_id
        _assert_evidence_in_body(document, gold)


def test_seed_000_body_ends_before_reader_comment(shared: Path) -> None:
    (document,) = read_paths([next((shared / "corpus").glob("000_*.txt"))])
    assert isinstance(document, Document)
    assert document.body.endswith("(C)UNIAN 2022")
    assert "1. When two garbage countries" in document.text[document.body_end :]
