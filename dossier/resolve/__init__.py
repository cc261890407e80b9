"""Resolve: mentions across documents → one entity per real-world party."""
