"""Allow `python -m dossier`."""

from dossier.cli import script

script()
