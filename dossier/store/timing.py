"""Moved to `dossier.lists.timing` (one home for lists, issue 16); this alias keeps code
written before the move importing the same module object."""

import importlib
import sys

sys.modules[__name__] = importlib.import_module("dossier.lists.timing")
