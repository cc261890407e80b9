"""`dossier merges` and `dossier unmerge`: entity merges with their reasons, and undo."""

from __future__ import annotations
