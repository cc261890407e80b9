"""`dossier watch` (poll feeds until stopped) and `dossier watchlist` (parties to follow)."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

import typer

from dossier.cli.app import app, state
from dossier.cli.commands import ALLOW_HELP, _analyzer, _fetch_options
from dossier.cli.output import print_json_line, print_rows, report_error
from dossier.exc import InvalidInput
from dossier.store.watch import add_watch, list_watch, remove_watch
from dossier.watch import PollResult, Stopper, WatchOptions, run_watch

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$")
_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_duration(value: str) -> float:
    """Seconds in `15m`, `30s`, `2h`, `1d` or a bare number of seconds."""
    match = _DURATION.match(value.lower())
    if not match or float(match.group(1)) <= 0:
        raise InvalidInput(f"--every {value!r} is not a duration such as 15m, 30s or 1h")
    return float(match.group(1)) * _UNITS[match.group(2)]


def _check_feeds(feeds: list[str]) -> list[str]:
    bad = [f for f in feeds if not f.startswith(("http://", "https://"))]
    if bad:
        raise InvalidInput(f"{bad[0]}: not an http(s) URL of a feed")
    return list(dict.fromkeys(feeds))


def _log_poll(as_json: bool, failed: list[str]) -> Any:
    def log(result: PollResult) -> None:
        if result.status == "error":
            failed.append(result.feed)
        if as_json:
            print_json_line(result.as_json())
            return
        typer.echo(_poll_line(result))
        for item in result.items:
            typer.echo(_item_line(item))
        for note in result.report.notes:
            typer.echo(f"  note: {note}")
        if result.error:
            report_error(result.error)

    return log


def _poll_line(result: PollResult) -> str:
    head = f"poll {result.feed}: "
    if result.status == "error":
        return head + f"error ({result.error}); next try in {result.retry_in:g}s"
    if result.status == "not_modified":
        return head + "not modified (304)"
    r = result.report
    return head + (
        f"{result.entries} entries, {result.new_entries} new: {r.added} added, "
        f"{r.near_duplicates} near-duplicate, {r.duplicates} duplicate, {r.failed} failed"
        + (" (stopped before the last)" if result.status == "stopped" else "")
    )


def _item_line(item: dict[str, Any]) -> str:
    if item["outcome"] == "failed":
        return f"  failed: {item['error']}"
    source = "" if item["text_source"] == "page" else f" [from the {item['text_source']}]"
    counts = f"{item['entities']} entities, {item['claims']} claims"
    return f"  {item['outcome']}: {item['link']} ({counts}){source}"


@app.command()
def watch(
    feeds: list[str] = typer.Argument(..., help="http(s) URLs of RSS/Atom feeds."),
    every: str = typer.Option("15m", "--every", help="Time between polls: 30s, 15m, 1h."),
    once: bool = typer.Option(False, "--once", help="Poll each feed once, then exit."),
    min_interval: float = typer.Option(
        1.0, "--min-interval", min=0.0, help="Seconds between two requests to one host."
    ),
    allow_host: list[str] = typer.Option(None, "--allow-host", help=ALLOW_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON line per poll."),
) -> None:
    """Poll feeds, ingest and screen their new items, and run until stopped.

    Each poll is a conditional GET (the ETag and Last-Modified the feed sent last time);
    items seen before (by guid or link) are skipped, each new one is read like `ingest`
    reads it (its page, or the item's own text when the page cannot be fetched). A feed
    that fails is tried again after a wait that doubles with each failure. SIGINT or
    SIGTERM stop the watch once the item in hand is stored (exit 0); the state is in
    the database, so a restart resumes. With --once the exit code is 1 when a feed
    failed. New claims and list matches of watched parties (`dossier watchlist add
    NAME`) become alerts.

    Example:
        dossier watch https://example.org/feed.xml --every 15m
    """
    urls = _check_feeds(feeds)
    fetch = _fetch_options(allow_host)
    options = WatchOptions(parse_duration(every), once, replace(fetch, min_interval=min_interval))
    stop = Stopper()
    stop.install()
    store = state.store()
    analyzer = _analyzer(with_lists=True)
    typer.echo(f"watching {len(urls)} feed(s) every {options.every:g}s", err=as_json)
    failed: list[str] = []
    polls = run_watch(store, analyzer, urls, options, stop, _log_poll(as_json, failed))
    why = f"stopped ({stop.reason})" if stop.reason else "done"
    typer.echo(f"{why} after {polls} poll(s)", err=as_json)
    if once and failed:  # a single poll that failed is a failed command; a watch goes on
        raise typer.Exit(1)


watchlist_app = typer.Typer(
    help="Parties to follow: their new claims, list matches and list alerts.",
    no_args_is_help=True,
)
app.add_typer(watchlist_app, name="watchlist")


@watchlist_app.command("add")
def watchlist_add(
    names: list[str] = typer.Argument(..., help="Names of parties to follow."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON Lines."),
) -> None:
    """Follow parties: alerts for their new claims, matches and list changes.

    Example:
        dossier watchlist add "Qods Aviation Industries" Alabuga
    """
    store = state.store()
    rows = [add_watch(store, name) for name in names]
    print_rows("watch-list", ["name", "added"], rows, lambda r: (r["name"], r["added_at"]), as_json)


@watchlist_app.command("list")
def watchlist_list(as_json: bool = typer.Option(False, "--json", help="Print JSON Lines.")) -> None:
    """List the watch-list, with how many stored entities each name follows.

    Example:
        dossier watchlist list --json
    """
    print_rows(
        "watch-list",
        ["name", "added", "entities"],
        list_watch(state.store()),
        lambda r: (r["name"], r["added_at"], r["entities"]),
        as_json,
    )


@watchlist_app.command("remove")
def watchlist_remove(
    names: list[str] = typer.Argument(..., help="Names (or ids) to stop following."),
) -> None:
    """Stop following parties.

    Example:
        dossier watchlist remove Alabuga
    """
    store = state.store()
    for name in names:
        typer.echo(f"removed {remove_watch(store, name)['name']}")
