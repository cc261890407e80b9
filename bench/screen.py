"""Screening speed: dossier's index vs brute-force JaroWinkler over every list name.

Prints names/s for both (measured in this run), their ratio, p99 per-name latency,
index build time and peak RSS with all lists loaded. Goals: ratio >= 15x,
p99 < 20 ms, RSS < 1.5 GB.

    SHARED=../shared .venv/bin/python bench/screen.py [--names 2000] [--baseline 200]
"""

from __future__ import annotations

import argparse
import csv
import os
import resource
import time
from pathlib import Path

from rapidfuzz import process
from rapidfuzz.distance import JaroWinkler

from dossier.model import ListRecord
from dossier.screen.index import build_index
from dossier.screen.loaders import find_list_files
from dossier.screen.names import normalise_name
from dossier.screen.screener import ScreenConfig, screen_name

SHARED = Path(os.environ.get("SHARED", Path(__file__).resolve().parents[2] / "shared"))
EVAL = SHARED / "data" / "sanctions" / "eval"


def load_records() -> list[ListRecord]:
    """Every record of every list file under the shared sanctions folder."""
    records: list[ListRecord] = []
    for found in find_list_files([SHARED / "data" / "sanctions"]):
        if not isinstance(found, Exception):
            records.extend(r for r in found.load() if isinstance(r, ListRecord))
    return records


def query_names(count: int) -> list[str]:
    """Half listed people (perturbed), half look-alike negatives, cycled to `count`."""
    names: list[str] = []
    for file in ("yente_positives_un_treated.csv", "yente_validation_negatives_global.csv"):
        with (EVAL / file).open(encoding="utf-8", newline="") as handle:
            names.extend(row["full_name"] for row in csv.DictReader(handle) if row["full_name"])
    return [names[i % len(names)] for i in range(count)]


def main() -> None:
    """Run the benchmark and print its numbers."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--names", type=int, default=2000)
    parser.add_argument("--baseline", type=int, default=200, help="names for brute force")
    args = parser.parse_args()
    records = load_records()
    start = time.perf_counter()
    index = build_index(records)
    build_s = time.perf_counter() - start
    queries = query_names(args.names)
    cfg = ScreenConfig(limit=5, schema="Any")
    latencies: list[float] = []
    for query in queries:
        t0 = time.perf_counter()
        screen_name(index, query, cfg)
        latencies.append(time.perf_counter() - t0)
    ours = len(queries) / sum(latencies)
    choices = [normalise_name(name) for _, name in index.names]
    t0 = time.perf_counter()
    for query in queries[: args.baseline]:
        process.extract(normalise_name(query), choices, scorer=JaroWinkler.similarity, limit=5)
    brute = args.baseline / (time.perf_counter() - t0)
    latencies.sort()
    p99 = latencies[int(0.99 * (len(latencies) - 1))] * 1000
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"records {len(records)}  names {len(index.names)}  index build {build_s:.2f} s")
    print(f"dossier  {ours:,.0f} names/s  ({len(queries)} names)")
    print(f"baseline {brute:,.0f} names/s  (rapidfuzz JaroWinkler brute force, {args.baseline})")
    print(f"ratio    {ours / brute:.1f}x  (goal >= 15x)")
    print(f"p99      {p99:.1f} ms per name  (goal < 20 ms)")
    print(f"peak RSS {rss_mb:,.0f} MB  (goal < 1,500 MB)")


if __name__ == "__main__":
    main()
