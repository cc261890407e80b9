"""Ingest: files, HTML, JSON Lines → `Document`s with the article body bounded."""

from dossier.ingest.fetch import FetchOptions
from dossier.ingest.files import InputError, read_paths

__all__ = ["FetchOptions", "InputError", "read_paths"]
