"""The REST API (FastAPI) and the web UI mounted on the same app."""
