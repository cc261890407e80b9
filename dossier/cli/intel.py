"""`dossier report`: a time-aware brief on one entity."""

from __future__ import annotations
