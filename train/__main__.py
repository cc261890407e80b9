"""Rebuild every trained model: `python -m train [--out DIR] [--exclude-topic T]`.

Each module in `TRAINERS` exposes `train(docs, out_dir, seed)` and writes its artefact
(and a JSON note with the data hash and this command) into `out_dir`. Without `--out`
the artefacts land in `dossier/data/models/`, where the package loads them from.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time
from pathlib import Path

from train import data

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "dossier" / "data" / "models"
TRAINERS = ["train.ner", "train.claims"]
SEED = 13


def main(argv: list[str] | None = None) -> int:
    """Train every model on dev and the train topics (less any excluded topic)."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to write the models")
    ap.add_argument("--exclude-topic", action="append", default=[], help="leave a topic out")
    ap.add_argument("--only", action="append", default=[], help="run only these trainers")
    ap.add_argument("--seed", type=int, default=SEED)
    args = ap.parse_args(argv)
    known = {data.DEV, *data.topics()}
    for topic in args.exclude_topic:
        if topic not in known:
            ap.error(f"unknown topic {topic!r} (have {', '.join(sorted(known))})")
    docs = [d for d in data.all_docs() if d.topic not in args.exclude_topic]
    args.out.mkdir(parents=True, exist_ok=True)
    for name in TRAINERS:
        if args.only and name.rsplit(".", 1)[-1] not in args.only:
            continue
        began = time.time()
        importlib.import_module(name).train(docs, args.out, args.seed)
        print(f"{name}: {len(docs)} documents, {time.time() - began:.0f} s -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
