"""`dossier export` and `dossier import`: FtM, CSV, GEXF, ClaimReview and SQLite snapshots."""

from __future__ import annotations
