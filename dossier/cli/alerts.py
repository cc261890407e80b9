"""`dossier alerts`: stored entities whose list matches changed when lists were reloaded."""

from __future__ import annotations

import datetime as dt

import typer

from dossier.cli.app import app, state
from dossier.cli.output import print_rows
from dossier.exc import InvalidInput
from dossier.lists.alert_rows import list_alerts
from dossier.store.queries import find_entity_id, merge_group


def check_since(since: str | None) -> str | None:
    """`since` if it is an ISO date or timestamp, else an `InvalidInput` error."""
    if since is None:
        return None
    try:
        dt.datetime.fromisoformat(since)
    except ValueError as err:
        raise InvalidInput(f"--since {since!r} is not an ISO date such as 2026-11-01") from err
    return since


@app.command()
def alerts(
    since: str = typer.Option(None, "--since", help="Only alerts from this date (YYYY-MM-DD)."),
    entity: str = typer.Option(
        None, "--entity", help="Only alerts about this entity (id or name)."
    ),
    limit: int = typer.Option(1000, help="How many to show, newest first."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON Lines."),
) -> None:
    """List entities whose list matches changed when lists were reloaded.

    Each alert says what changed (newly_designated, newly_matched, delisted,
    no_longer_matched, programs_added, programs_removed, listing_date_changed,
    listing_ended), on which list record, and when the list was loaded.

    Example:
        dossier alerts --since 2026-11-01 --json
    """
    store = state.store()
    ids = merge_group(store, find_entity_id(store, entity)) if entity else None
    print_rows(
        "alerts",
        ["loaded", "entity", "change", "dataset", "list id", "list name", "programs"],
        list_alerts(store, check_since(since), ids, limit=limit),
        lambda r: (
            r["created_at"],
            r["entity"],
            r["change"],
            r["dataset"],
            r["list_id"],
            r["detail"].get("name"),
            ", ".join(r["detail"].get("programs") or []),
        ),
        as_json,
    )
