"""Ingest: files, HTML, JSON Lines → `Document`s with the article body bounded."""

from dossier.ingest.fetch import FetchOptions
from dossier.ingest.files import read_paths

__all__ = ["FetchOptions", "read_paths"]
