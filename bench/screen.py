"""Screening speed: dossier's index vs brute-force JaroWinkler over every list name.

Prints names/s for both (measured in this run), their ratio, p99 per-name latency,
index build time and peak RSS with all lists loaded. Goals: ratio >= 15x,
p99 < 20 ms, RSS < 1.5 GB. Times are CPU time of this process (`time.process_time`),
so other work on a shared machine does not tilt the ratio; `--wall` uses wall-clock time.

    SHARED=../shared .venv/bin/python bench/screen.py [--names 2000] [--baseline 200] [--cutoff X]

Screening runs with the `screen_cutoff` setting (0.5, as `dossier screen`); `--cutoff 0`
gives the behaviour before the cutoff (every list filled with the nearest records).
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
from dossier.screen.readings import load_dictionaries
from dossier.screen.screener import ScreenConfig, screen_name
from dossier.settings import get_settings

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


ROUNDS = 10


def _rounds(items: list[str], count: int) -> list[list[str]]:
    """`items` in `count` consecutive parts of (nearly) equal size."""
    size = -(-len(items) // count)
    return [items[i * size : (i + 1) * size] for i in range(count)]


def main() -> None:
    """Run the benchmark and print its numbers."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--names", type=int, default=2000)
    parser.add_argument("--baseline", type=int, default=200, help="names for brute force")
    parser.add_argument("--wall", action="store_true", help="wall-clock instead of CPU time")
    parser.add_argument("--cutoff", type=float, default=get_settings().screen_cutoff)
    args = parser.parse_args()
    clock = time.perf_counter if args.wall else time.process_time
    records = load_records()
    start = clock()
    index = build_index(records)
    build_s = clock() - start
    start = clock()
    load_dictionaries()
    dictionaries_s = clock() - start
    queries = query_names(args.names)
    cfg = ScreenConfig(limit=5, schema="Any", cutoff=args.cutoff)
    choices = [normalise_name(name) for _, name in index.names]
    latencies: list[float] = []
    brute_s = 0.0
    # Both run in interleaved rounds, so a change in the machine's load mid-run
    # weighs on both alike and the ratio holds.
    for ours_part, brute_part in zip(
        _rounds(queries, ROUNDS), _rounds(queries[: args.baseline], ROUNDS), strict=True
    ):
        for query in ours_part:
            t0 = clock()
            screen_name(index, query, cfg)
            latencies.append(clock() - t0)
        t0 = clock()
        for query in brute_part:
            process.extract(normalise_name(query), choices, scorer=JaroWinkler.similarity, limit=5)
        brute_s += clock() - t0
    ours = len(queries) / sum(latencies)
    brute = args.baseline / brute_s
    latencies.sort()
    p99 = latencies[int(0.99 * (len(latencies) - 1))] * 1000
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"records {len(records)}  names {len(index.names)}  index build {build_s:.2f} s")
    print(f"Japanese readings dictionary loaded in {dictionaries_s:.2f} s (once per process)")
    print(f"dossier  {ours:,.0f} names/s  ({len(queries)} names, cutoff {args.cutoff})")
    print(f"baseline {brute:,.0f} names/s  (rapidfuzz JaroWinkler brute force, {args.baseline})")
    print(f"ratio    {ours / brute:.1f}x  (goal >= 15x)")
    print(f"p99      {p99:.1f} ms per name  (goal < 20 ms)")
    print(f"peak RSS {rss_mb:,.0f} MB  (goal < 1,500 MB)")


if __name__ == "__main__":
    main()
