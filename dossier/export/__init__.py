"""Exports of the store: one module per format, chosen by name from `EXPORTERS`.

`snapshot` is the lossless one (every table, restorable with `dossier import`); the
others are views for other tools: FollowTheMoney (`ftm`), spreadsheets (`csv`), Gephi
(`gexf`) and fact-check aggregators (`claimreview`).
"""

from __future__ import annotations

from pathlib import Path

from dossier.export.base import Exporter, ExportError, ExportReport
from dossier.export.claimreview import export_claimreview
from dossier.export.ftm import export_ftm
from dossier.export.gexf import export_gexf
from dossier.export.restore import import_snapshot
from dossier.export.snapshot import export_snapshot
from dossier.export.tables import export_csv
from dossier.store import Store

EXPORTERS: dict[str, Exporter] = {
    "ftm": export_ftm,
    "csv": export_csv,
    "gexf": export_gexf,
    "claimreview": export_claimreview,
    "snapshot": export_snapshot,
}

__all__ = ["EXPORTERS", "ExportError", "ExportReport", "export", "import_snapshot"]


def export(store: Store, fmt: str, path: Path) -> ExportReport:
    """Write the store to `path` in format `fmt` (a key of `EXPORTERS`)."""
    exporter = EXPORTERS.get(fmt)
    if exporter is None:
        raise ExportError(f"unknown export format {fmt!r}; one of {', '.join(EXPORTERS)}")
    return ExportReport(fmt, str(path), exporter(store, path))
