"""`dossier screen` run without Typer's parsing, for the `dossier` script's start-up.

Typer builds a pydantic `TypeAdapter` for every option it converts, and importing
pydantic and building them cost about 0.2 s of every `dossier screen` (docs/scaling.md).
A screen's command line is a few names and options of plain types, so the script reads
it here and calls the same `screen` function Typer would. Anything else (help, an unknown
or malformed option, a value out of bounds, no name at all) returns None and goes to
Typer, which parses it and reports errors as always.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, NamedTuple

# `screen`'s options that take a value, by the keyword argument they fill.
VALUE_OPTIONS = {
    "--file": "file",
    "-f": "file",
    "--schema": "schema",
    "--limit": "limit",
    "--threshold": "threshold",
    "--cutoff": "cutoff",
}
FLAGS = {"--explain": "explain", "--json": "as_json"}
# `screen`'s keyword arguments when an option is not given (Typer's defaults).
DEFAULTS: dict[str, Any] = {
    "names": None,
    "file": None,
    "schema": "Any",
    "limit": None,
    "threshold": None,
    "cutoff": None,
    "explain": False,
    "as_json": False,
}
_INT = re.compile(r"[0-9]+")
_FLOAT = re.compile(r"[0-9]+(\.[0-9]*)?|\.[0-9]+")


class QuickScreen(NamedTuple):
    """A `dossier screen` command line, read: the global options and `screen`'s arguments."""

    db: str | None
    debug: bool
    arguments: dict[str, Any]


def read_screen_line(args: list[str]) -> QuickScreen | None:
    """`args` (the command line after the program) read as `dossier screen`, or None when
    Typer must read it."""
    db, debug, words = None, False, iter(args)
    for word in words:
        if word == "--db":
            db = next(words, None)
            if db is None:
                return None
        elif word == "--debug":
            debug = True
        elif word == "screen":
            arguments = _screen_arguments(list(words))
            return None if arguments is None else QuickScreen(db, debug, arguments)
        else:
            return None
    return None


def _screen_arguments(words: list[str]) -> dict[str, Any] | None:
    """`screen`'s keyword arguments from the words after it, or None."""
    values: dict[str, Any] = dict(DEFAULTS)
    names: list[str] = []
    position = 0
    while position < len(words):
        word = words[position]
        position += 1
        if word in FLAGS:
            values[FLAGS[word]] = True
        elif word in VALUE_OPTIONS:
            if position == len(words):
                return None
            value = _convert(VALUE_OPTIONS[word], words[position])
            if value is None:
                return None
            values[VALUE_OPTIONS[word]] = value
            position += 1
        elif word.startswith("-"):
            return None
        else:
            names.append(word)
    if not names and values["file"] is None:
        return None
    values["names"] = names or None
    return values


def _convert(key: str, text: str) -> Any:
    """An option's value as `screen` takes it, or None when Typer must judge it."""
    if key == "file":
        return Path(text)
    if key == "schema":
        return text
    if key == "limit":
        return int(text) if _INT.fullmatch(text) else None
    if not _FLOAT.fullmatch(text):
        return None
    number = float(text)
    if key == "cutoff" and not 0.0 <= number <= 1.0:
        return None
    return number
