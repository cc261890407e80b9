"""Training code for dossier's learned extraction models (not shipped in the wheel).

`python -m train` rebuilds every artefact under `dossier/data/models/` from the gold
folders in `$SHARED/eval` (dev and train/TOPIC). Each trainer module exposes
`train(docs, out_dir, seed)`; `train/__main__.py` lists them in `TRAINERS`.
"""
