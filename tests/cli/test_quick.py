"""`dossier screen` read without Typer (`dossier/cli/quick.py`) gets what Typer gives."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import typer

from dossier.cli import app
from dossier.cli.quick import read_screen_line

LINES = [
    ["screen", "Ivan Petrov"],
    ["--db", "x.db", "screen", "A", "B", "--json"],
    ["--debug", "screen", "--file", "names.txt", "--cutoff", "0", "--json"],
    ["screen", "-f", "n.txt", "Quds", "--limit", "3", "--threshold", ".8", "--explain"],
    ["screen", "--schema", "Person", "Kim Jong Un", "--cutoff", "1.0", "--limit", "2"],
    ["screen", "x", "--limit", "4", "--limit", "7"],
]
# Lines Typer reads itself: help, unknown or malformed options, bounds, no name.
TYPER_LINES = [
    ["screen", "--help"],
    ["screen"],
    ["screen", "x", "--cutoff", "1.5"],
    ["screen", "x", "--limit", "two"],
    ["screen", "x", "--limit"],
    ["screen", "x", "--file=names.txt"],
    ["screen", "x", "--", "-y"],
    ["--db=x.db", "screen", "x"],
    ["lists", "load", "un"],
    ["--version"],
]


def _typer_reading(args: list[str]) -> tuple[str | None, bool, dict[str, Any]]:
    """The global options and `screen`'s keyword arguments as Typer parses `args`."""
    group = typer.main.get_command(app)
    root = group.make_context("dossier", list(args), resilient_parsing=False)
    words = [*getattr(root, "_protected_args", []), *root.args]
    name, command, rest = group.resolve_command(root, words)
    assert name == "screen"
    assert command is not None
    params = dict(command.make_context("screen", rest, parent=root).params)
    params["names"] = list(params["names"]) or None if params["names"] else None
    return root.params["db"], root.params["debug"], params


@pytest.mark.parametrize("args", LINES, ids=" ".join)
def test_a_screen_line_is_read_as_typer_reads_it(args: list[str]) -> None:
    quick = read_screen_line(args)
    assert quick is not None
    assert (quick.db, quick.debug, quick.arguments) == _typer_reading(args)


@pytest.mark.parametrize("args", TYPER_LINES, ids=" ".join)
def test_other_lines_are_left_to_typer(args: list[str]) -> None:
    assert read_screen_line(args) is None


def test_a_file_option_is_a_path() -> None:
    quick = read_screen_line(["screen", "--file", "a b.txt"])
    assert quick is not None
    assert quick.arguments["file"] == Path("a b.txt")
