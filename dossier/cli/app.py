"""The Typer application and the options every command shares."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import typer

from dossier.settings import get_settings

if TYPE_CHECKING:
    from dossier.store import Store

app = typer.Typer(
    name="dossier",
    help=(
        "Turn news reporting on arms transfers and sanctions into a sourced knowledge graph.\n\n"
        "Typical run: `dossier lists load LISTS/`, `dossier ingest REPORTS/`, "
        "then `dossier entities`, `dossier show NAME` or `dossier serve`."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@dataclass(slots=True)
class State:
    """Options given before the command name."""

    db: str = ""
    debug: bool = False

    def store(self) -> Store:
        """Open the database named by `--db` / `DOSSIER_DB`."""
        from dossier.store import open_store  # SQLAlchemy: not for a persisted index

        return open_store(self.db)


state = State()


@app.callback()
def root(
    db: str = typer.Option(None, "--db", help="Database path or URL [env: DOSSIER_DB]."),
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks on errors."),
) -> None:
    """Global options."""
    state.db = db or get_settings().db
    state.debug = debug
