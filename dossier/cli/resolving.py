"""`dossier merges`, `dossier merge` and `dossier unmerge`: entity merges with their
reasons, an analyst's manual merge, and undo.
"""

from __future__ import annotations

import json

import typer

from dossier.cli.app import app, state
from dossier.cli.output import print_json_line, print_rows
from dossier.exc import InvalidInput
from dossier.store.merges import list_merges, merge_entities, undo_merge
from dossier.store.queries import find_entity_id


@app.command()
def merges(
    active: bool = typer.Option(False, "--active", help="Leave out merges that were undone."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON Lines."),
) -> None:
    """List entity merges, newest first, with their score and reason.

    The resolver folds a new entity into a known one when the alias table names both
    or their names match; an analyst merges with `dossier merge`. Undo one with
    `dossier unmerge MERGE_ID`.

    Example:
        dossier merges --json
    """
    with state.store().engine.connect() as conn:
        rows = list_merges(conn, undone=not active)
    print_rows(
        "merges",
        ["id", "winner", "merged", "type", "score", "reason", "undone"],
        rows,
        lambda r: (
            r["id"],
            r["winner"],
            r["loser"],
            r["type"],
            f"{r['score']:.3f}",
            describe(r["reason"]),
            r["undone_at"] or "",
        ),
        as_json,
    )


def describe(reason: dict[str, object]) -> str:
    """A merge reason in one line: how, and the names or row that justified it."""
    method = str(reason.get("method", "?"))
    row = reason.get("row")
    if method == "alias table" and isinstance(row, dict):
        return f"alias table line {row.get('line')}: {row.get('alias')} = {row.get('canonical')}"
    if method == "manual":
        return f"manual: {reason.get('note')}"
    names = reason.get("names")
    return f"{method}: {' ~ '.join(map(str, names)) if isinstance(names, list) else ''}"


@app.command()
def merge(
    winner: str = typer.Argument(..., help="Entity (id, name or alias) that stays canonical."),
    loser: str = typer.Argument(..., help="Entity (id, name or alias) folded into WINNER."),
    reason: str = typer.Option(..., "--reason", help="Why they are one (kept with the merge)."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
) -> None:
    """Merge two entities by hand: LOSER (with all merged into it) becomes part of WINNER.

    Example:
        dossier merge "Qods Aviation Industries" "QAI" --reason "OFAC lists QAI as an alias"
    """
    if not reason.strip():
        raise InvalidInput("--reason must say why the two entities are one")
    store = state.store()
    a, b = find_entity_id(store, winner), find_entity_id(store, loser)
    with store.engine.begin() as conn:
        merge_id = merge_entities(conn, a, b, reason.strip())
    if as_json:
        print_json_line({"id": merge_id, "winner_id": a, "loser_id": b})
        return
    typer.echo(f"merged {loser} into {winner}: merge {merge_id} (undo: dossier unmerge {merge_id})")


@app.command()
def unmerge(
    merge_id: str = typer.Argument(..., help="Merge id, as `dossier merges` lists it."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
) -> None:
    """Undo a merge: the merged entity (and those merged into it) stand alone again.

    Example:
        dossier unmerge 3f2a9c0d1e8b4a7f6c5d4e3b2a190807
    """
    with state.store().engine.begin() as conn:
        row = undo_merge(conn, merge_id)
    if as_json:
        print_json_line(row)
        return
    typer.echo(f"undid merge {merge_id}: {json.dumps(row['reason'], ensure_ascii=False)[:120]}")
