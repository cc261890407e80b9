"""Ingest: files, HTML, JSON Lines → `Document`s with the article body bounded."""

from dossier.ingest.files import read_paths

__all__ = ["read_paths"]
