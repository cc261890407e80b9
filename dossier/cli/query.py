"""Read commands: entities, claims, show, stats."""

from __future__ import annotations

from typing import Any

import typer

from dossier.cli.app import app, state
from dossier.cli.output import print_json_line, print_rows, print_table
from dossier.extract.languages import language_name
from dossier.store import Store
from dossier.store.languages import document_languages
from dossier.store.queries import entity_detail, find_entity_id, list_claims, list_entities


@app.command()
def entities(
    q: str = typer.Option(None, "--q", help="Only entities whose name or alias contains this."),
    etype: str = typer.Option(None, "--type", help="person, organization, country, ..."),
    limit: int = typer.Option(50, help="How many to show."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON Lines."),
) -> None:
    """List entities, most mentioned first.

    Example:
        dossier entities --type organization
    """
    print_rows(
        "entities",
        ["id", "type", "name", "mentions", "documents"],
        list_entities(state.store(), q, etype, limit),
        lambda r: (r["id"], r["type"], r["name"], r["mentions"], r["documents"]),
        as_json,
    )


@app.command()
def claims(
    predicate: str = typer.Option(None, help="Only this predicate (supply, sanction, ...)."),
    entity: str = typer.Option(None, help="Only claims about this entity (id or name)."),
    limit: int = typer.Option(200, help="How many to show."),
    grouped: bool = typer.Option(
        False,
        "--grouped",
        help="One line per claim group: claims from several documents asserting the same "
        "thing, with independent sources, echoes and contradictions.",
    ),
    as_json: bool = typer.Option(False, "--json", help="Print JSON Lines."),
) -> None:
    """List claims with their evidence, or (--grouped) claim groups across documents.

    Example:
        dossier claims --predicate sanction
        dossier claims --grouped --json
    """
    store = state.store()
    entity_id = find_entity_id(store, entity) if entity else None
    if grouped:
        print_groups(store, predicate, entity_id, limit, as_json)
        return
    print_rows(
        "claims",
        ["date", "subject", "predicate", "object", "according to", "evidence"],
        list_claims(store, predicate, entity_id, limit=limit),
        lambda r: (
            r["date"],
            r["subject"],
            r["predicate"],
            r["object"],
            r["attributed_to"],
            (f"p. {r['page']}: " if r.get("page") else "") + r["evidence_text"][:90],
        ),
        as_json,
    )


def print_groups(
    store: Store, predicate: str | None, entity_id: str | None, limit: int, as_json: bool
) -> None:
    """Print claim groups (`dossier claims --grouped`), most documents first."""
    from dossier.intel.groups import build_groups
    from dossier.store.queries import merge_group

    ids = merge_group(store, entity_id) if entity_id else None
    groups = [g for g in build_groups(store, ids) if not predicate or g["predicate"] == predicate]
    if as_json:
        for group in groups[:limit]:
            print_json_line(group)
        return
    print_table(
        "claim groups",
        ["subject", "predicate", "object", "date", "docs", "sources", "echoes", "contradiction"],
        [
            (
                g["subject"],
                g["predicate"],
                g["object"],
                g["date"],
                g["documents"],
                g["independent_sources"],
                g["echoes"],
                "yes" if g["contradiction"] else "",
            )
            for g in groups[:limit]
        ],
    )


@app.command()
def show(
    entity: str = typer.Argument(..., help="Entity id, name or alias."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
) -> None:
    """Show everything stored about one entity: aliases, list matches, claims.

    Example:
        dossier show "Quds Aviation Industry"
    """
    store = state.store()
    detail = entity_detail(store, find_entity_id(store, entity))
    detail["languages"] = document_languages(store, detail["documents"])
    if as_json:
        print_json_line(detail)
        return
    typer.echo(f"{detail['name']} ({detail['type']}), id {detail['id']}")
    typer.echo(f"aliases: {', '.join(detail['aliases'])}")
    languages = ", ".join(f"{language_name(k)} {n}" for k, n in detail["languages"].items())
    typer.echo(f"documents by language: {languages or 'none'}")
    print_table(
        "list matches",
        ["score", "dataset", "list id", "name", "listed", "programs"],
        [
            (
                f"{m['score']:.3f}",
                m["dataset"],
                m["list_id"],
                m["name"],
                m["listed_on"],
                ", ".join(m["programs"]),
            )
            for m in detail["matches"]
        ],
    )
    print_table(
        "claims",
        ["date", "subject", "predicate", "object", "listed then?", "evidence"],
        [
            (
                c["date"],
                c["subject"],
                c["predicate"],
                c["object"],
                timing_summary(c),
                (f"p. {c['page']}: " if c.get("page") else "") + c["evidence_text"][:90],
            )
            for c in detail["claims"]
        ],
    )
    if detail["alerts"]:
        print_table(
            "list changes (`dossier alerts`)",
            ["loaded", "change", "dataset", "list id", "list name"],
            [
                (a["created_at"], a["change"], a["dataset"], a["list_id"], a["detail"].get("name"))
                for a in detail["alerts"]
            ],
        )


def timing_summary(claim: dict[str, Any]) -> str:
    """`party: dataset timing` for each listed party of a dated claim, one per line."""
    return "\n".join(
        f"{p['name']}: {m['dataset']} {m['timing']}"
        for p in claim.get("parties", [])
        for m in p["matches"]
    )


@app.command()
def stats(as_json: bool = typer.Option(False, "--json", help="Print one JSON object.")) -> None:
    """Count documents, entities, mentions, claims, list records and matches.

    Example:
        dossier stats --json
    """
    counts = state.store().counts()
    if as_json:
        print_json_line(counts)
        return
    print_table("dossier", ["table", "rows"], counts.items())


@app.command()
def settings(
    markdown: bool = typer.Option(False, "--markdown", help="Print the docs/settings.md table."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON Lines."),
) -> None:
    """List every DOSSIER_* setting with its default and meaning.

    Example:
        dossier settings --markdown > docs/settings.md
    """
    from dossier.settings import settings_markdown, settings_table

    if markdown:
        typer.echo(settings_markdown(), nl=False)
    elif as_json:
        for env, default, help_ in settings_table():
            print_json_line({"name": env, "default": default, "help": help_})
    else:
        print_table("settings", ["variable", "default", "meaning"], settings_table())
