"""Moved to `dossier.lists.loaders` (one home for lists, issue 16); these aliases keep
code written before the move importing the same module objects."""

import importlib
import sys

for _sub in ("eu", "ftm", "ofac", "registry", "research", "tabular", "un"):
    sys.modules[f"{__name__}.{_sub}"] = importlib.import_module(f"dossier.lists.loaders.{_sub}")
sys.modules[__name__] = importlib.import_module("dossier.lists.loaders")
