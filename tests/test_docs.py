"""Docs that cannot rot: every setting and every command is documented."""

from __future__ import annotations

from pathlib import Path

import typer.main

from dossier.cli import app
from dossier.settings import settings_markdown

ROOT = Path(__file__).resolve().parent.parent


def _command_names() -> list[str]:
    group = typer.main.get_command(app)
    names: list[str] = []
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        sub = getattr(command, "commands", None)
        names += [f"{name} {s}" for s in sub] if sub else [name]
    return names


def test_settings_doc_is_current() -> None:
    assert (ROOT / "docs" / "settings.md").read_text(encoding="utf-8") == settings_markdown()


def test_every_command_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [name for name in _command_names() if f"dossier {name}" not in readme]
    assert not missing, f"commands missing from README's CLI tour: {missing}"
