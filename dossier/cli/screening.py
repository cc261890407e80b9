"""Screening commands: screen names against loaded lists, compare name pairs."""

from __future__ import annotations

import csv
import gc
import itertools
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

import typer

from dossier.cli.app import app, state
from dossier.cli.output import print_json_line, print_table
from dossier.contract import screen_json
from dossier.exc import SourceError
from dossier.model import MatchResult
from dossier.screen.index import NameIndex
from dossier.screen.model import load_model, score_pair
from dossier.screen.screener import ScreenConfig, comparison_schema, screen_name
from dossier.settings import get_settings


def _read_names(file: Path) -> Iterator[str]:
    """Yield one name per non-blank line, streaming (constant memory for any file size)."""
    try:
        handle = sys.stdin if str(file) == "-" else file.open(encoding="utf-8")
        with handle:
            for line in handle:
                if line.strip():
                    yield line.strip()
    except (OSError, UnicodeDecodeError) as err:
        raise SourceError(f"cannot read names ({err})", str(file)) from err


def format_explanation(result: MatchResult) -> str:
    """A few readable lines: the matched alias, each feature, each token alignment."""
    exp = result.explanation
    lines = [f"  {result.record.dataset}:{result.record.list_id}  via {exp.get('matched_name')!r}"]
    features = exp.get("features")
    if isinstance(features, dict):
        lines.append("    " + "  ".join(f"{k}={v}" for k, v in features.items()))
    aligned = exp.get("aligned")
    for pair in aligned if isinstance(aligned, list) else []:
        lines.append(
            f"    {pair['query']} ~ {pair['name']}  sim={pair['similarity']} w={pair['weight']}"
        )
    for key in ("unmatched_query", "unmatched_name", "joined", "numbers_disagree"):
        if exp.get(key):
            lines.append(f"    {key}: {exp[key]}")
    return "\n".join(lines)


# More names than this are worth readying the index for (read with the collector paused,
# then its objects left out of later collections: `screen_index.prepare`).
MANY_NAMES = 20
# Results kept for names seen again in one run (name files repeat names); the memo is
# dropped whole when full, so a file of millions of distinct names keeps memory flat.
REPEATS_KEPT = 10_000


# Python's collector while names are screened. Screening makes millions of short-lived
# objects, nearly all freed by reference counting; at the default (700, 10, 10) the
# bench's 2,000 names set off 8 full collections, each walking every object loaded
# after the index was frozen (the Japanese and Korean dictionaries, the caches): 0.47 of
# 3.6 s of CPU. At these, one full collection per ~10 million net allocations (none
# over the 2,000 names); cyclic garbage is still collected.
SCREENING_GC_THRESHOLDS = (10_000, 10, 100)


def screen_each(
    index: NameIndex, queries: Iterable[str], cfg: ScreenConfig
) -> Iterator[tuple[str, list[MatchResult]]]:
    """Each query with its results (`screen_name`); a name seen before in this run gets
    the results it got then, as screening it again would (the same index and config).
    The collector runs at `SCREENING_GC_THRESHOLDS` meanwhile (restored after)."""
    seen: dict[str, list[MatchResult]] = {}
    thresholds = gc.get_threshold()
    gc.set_threshold(*SCREENING_GC_THRESHOLDS)
    try:
        for query in queries:
            results = seen.get(query)
            if results is None:
                results = screen_name(index, query, cfg)
                if len(seen) >= REPEATS_KEPT:
                    seen.clear()
                seen[query] = results
            yield query, results
    finally:
        gc.set_threshold(*thresholds)


def screening_index(many: bool) -> NameIndex:
    """The index `dossier lists load` persisted, when current (read without opening
    the store: no SQLAlchemy, no migrations), else the store's, read or rebuilt.
    `many`: ready for many names (`screen_index.prepare`), for an index built anew.

    A read index is read with the collector paused and its objects are left out of
    later collections (`prepare`) before the collector resumes, for one name as for
    many: reading makes about a million objects that all live on, and walking them
    cost about 40 ms of one `dossier screen NAME` (a full collection and a few young
    ones while reading), or 16 ms after a paused read (the first young collection)."""
    from dossier.store import screen_index

    with screen_index.collector_paused():
        index = screen_index.quick_index(state.db)
        if index is not None:
            screen_index.prepare(index)
    if index is None:
        return screen_index.store_index(state.store(), compiled=many)
    return index


@app.command()
def screen(
    names: list[str] = typer.Argument(None, help="Names to screen."),
    file: Path = typer.Option(None, "--file", "-f", help="A file with one name per line."),
    schema: str = typer.Option("Any", help="Person, Organization or Any."),
    limit: int = typer.Option(None, help="Results per name."),
    threshold: float = typer.Option(None, help="Score at or above which a result matches."),
    cutoff: float = typer.Option(
        None,
        min=0.0,
        max=1.0,
        help="Score under which no result is returned (default: DOSSIER_SCREEN_CUTOFF, 0.5); "
        "0 fills each list with the nearest records, whatever they score.",
    ),
    explain: bool = typer.Option(False, "--explain", help="Show how each score was made."),
    as_json: bool = typer.Option(False, "--json", help="Print contract JSON Lines."),
) -> None:
    """Screen names against the loaded lists (`dossier lists load` first).

    Each name gets its best --limit records that score at least --cutoff (0: any).

    Those at or above --threshold are matches; a name like no listed one gets none.

    Example:
        dossier screen "Quds Aviation Industry" --explain
    """
    settings = get_settings()
    if not names and not file:
        raise typer.BadParameter("give at least one NAME or --file")
    queries = itertools.chain(names or [], _read_names(file) if file else [])
    index = screening_index(many=file is not None or len(names or []) > MANY_NAMES)
    cfg = ScreenConfig(
        threshold if threshold is not None else settings.match_threshold,
        limit or settings.screen_limit,
        schema,
        cutoff=settings.screen_cutoff if cutoff is None else cutoff,
    )
    for query, results in screen_each(index, queries, cfg):
        if as_json:
            print_json_line(screen_json(query, results))
            continue
        print_table(
            f"{query}",
            ["score", "match", "dataset", "list id", "name", "listed"],
            [
                (
                    f"{r.score:.3f}",
                    "yes" if r.match else "",
                    r.record.dataset,
                    r.record.list_id,
                    r.record.name,
                    r.record.listed_on,
                )
                for r in results
            ],
        )
        if explain:
            for r in results:
                typer.echo(format_explanation(r))


@app.command()
def compare(
    file: Path = typer.Option(..., "--file", "-f", help="CSV with name1,name2[,schema]."),
    threshold: float = typer.Option(None, help="Score at or above which a pair matches."),
    as_json: bool = typer.Option(False, "--json", help="Print contract JSON Lines."),
) -> None:
    """Score name pairs with the comparison screening uses.

    Example:
        dossier compare --file pairs.csv --json
    """
    # Judged pairs, not a stream of candidates: the model's best-F1 threshold for pairs.
    cut = threshold if threshold is not None else load_model().pair_threshold
    try:
        with file.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except OSError as err:
        raise SourceError(f"cannot read ({err.strerror})", str(file)) from err
    if rows and ("name1" not in rows[0] or "name2" not in rows[0]):
        raise SourceError("CSV needs a header with name1,name2", str(file))
    for row in rows:
        # Default weights (legal forms and filler words weigh 0.1), not list statistics:
        # a pair score should not change with which lists happen to be loaded.
        schema = comparison_schema(row.get("schema") or "")
        scored = score_pair(row["name1"] or "", row["name2"] or "", schema=schema)
        out = {
            "name1": row["name1"],
            "name2": row["name2"],
            "score": scored.score,
            "match": scored.score >= cut,
        }
        if as_json:
            print_json_line(out)
        else:
            typer.echo(f"{scored.score:.3f}  {row['name1']}  ~  {row['name2']}")
