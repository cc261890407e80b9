"""Ingest throughput: our library path vs trafilatura's extraction alone, same run.

Ingest = read JSON Lines + body cutter + exact and near-duplicate detection + SQLite
store (one transaction per document), *without* entity/claim extraction. The baseline
is `trafilatura.extract` on the same texts rendered as simple HTML pages. Both run on
the dev split (`score_extract.py --write-docs`) repeated to N documents, each copy made
unique by a dispatch line so that every document is really stored.

Usage: .venv/bin/python bench/ingest.py [--docs 1000] [--shared ../shared]
"""

from __future__ import annotations

import argparse
import html
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import trafilatura

from dossier.exc import SourceError
from dossier.ingest import read_paths
from dossier.model import Extraction
from dossier.store import open_store


def dev_texts(shared: Path, workdir: Path) -> list[dict[str, str]]:
    """The dev split (and seeds) as JSON Lines records."""
    out = workdir / "dev.jsonl"
    gold = shared / "eval" / "dev" / "gold"
    script = shared / "eval" / "score_extract.py"
    subprocess.run(
        [sys.executable, str(script), "--gold", str(gold), "--write-docs", str(out)],
        check=True,
        capture_output=True,
    )
    return [json.loads(line) for line in out.read_text("utf-8").splitlines() if line.strip()]


def repeat(records: list[dict[str, str]], count: int) -> list[dict[str, str]]:
    """`count` records cycling through `records`, each with a unique text."""
    result = []
    for i in range(count):
        record = dict(records[i % len(records)])
        record["id"] = f"{record['id']}-{i}"
        record["text"] = f"Dispatch {i}.\n\n{record['text']}"
        result.append(record)
    return result


def as_page(record: dict[str, str]) -> str:
    """A simple HTML page holding the record's text, one <p> per paragraph."""
    paragraphs = [p for p in record["text"].split("\n\n") if p.strip()]
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    title = html.escape(paragraphs[0][:80]) if paragraphs else ""
    return f"<html><head><title>{title}</title></head><body><article>{body}</article></body></html>"


def time_ingest(jsonl: Path, db: Path) -> tuple[float, float, int]:
    """Seconds to open the store (migrations, datasketch import) and then to read, cut,
    dedup and store every record; and how many were stored."""
    start = time.perf_counter()
    store = open_store(str(db))
    import dossier.ingest.dedup  # noqa: F401  # counted as startup, as in a real run

    opened = time.perf_counter()
    stored = 0
    for item in read_paths([jsonl]):
        if isinstance(item, SourceError):
            raise SystemExit(f"bench input error: {item.detail}")
        stored += store.add_extraction(Extraction(item, [], []))
    return opened - start, time.perf_counter() - opened, stored


def time_trafilatura(pages: list[str]) -> float:
    """Seconds for trafilatura to extract every page."""
    start = time.perf_counter()
    for page in pages:
        trafilatura.extract(page, include_comments=False, favor_precision=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument(
        "--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        records = repeat(dev_texts(args.shared, workdir), args.docs)
        jsonl = workdir / "bench.jsonl"
        jsonl.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        pages = [as_page(r) for r in records]
        time_trafilatura(pages[:20])  # warm up lxml and trafilatura's caches
        startup, ours, stored = time_ingest(jsonl, workdir / "bench.db")
        theirs = time_trafilatura(pages)
    n = len(records)
    print(f"documents: {n} (dev split repeated), stored: {stored}, extraction: off")
    print(f"dossier ingest (read+cut+dedup+store): {n / ours:8.1f} docs/s")
    label = f"  with startup ({startup:.2f}s):"
    print(f"{label:<39}{n / (ours + startup):8.1f} docs/s")
    print(f"trafilatura.extract alone:             {n / theirs:8.1f} docs/s")
    print(f"ratio ingest / trafilatura:            {theirs / ours:8.2f}")
    print(f"  with startup:                        {theirs / (ours + startup):8.2f}")


if __name__ == "__main__":
    main()
