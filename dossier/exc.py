"""The dossier error tree. Library code raises these; the CLI and API translate them.

DossierError (500)
├── ConfigError (500)        bad settings or environment
├── SourceError (400)        an input file, URL or list file could not be read
├── ExtractionError (500)    a document could not be analysed
├── NotFoundError (404)      an entity, document or claim id does not exist
├── InvalidInput (400)       a request or argument is malformed; carries per-field errors
└── BackendUnavailable (503) the database or another service cannot be reached
"""

from __future__ import annotations


class DossierError(Exception):
    """Base of every error dossier raises on purpose."""

    status: int = 500

    def __init__(self, detail: str, status: int | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        if status is not None:
            self.status = status


class ConfigError(DossierError):
    """Settings or environment are invalid."""


class SourceError(DossierError):
    """An input could not be read; `where` names the file, URL or line."""

    status = 400

    def __init__(self, detail: str, where: str = "") -> None:
        super().__init__(f"{where}: {detail}" if where else detail)
        self.where = where


class ExtractionError(DossierError):
    """A document could not be analysed."""


class NotFoundError(DossierError):
    """The requested object does not exist."""

    status = 404


class InvalidInput(DossierError):
    """A request or argument is malformed."""

    status = 400

    def __init__(self, detail: str, errors: list[dict[str, str]] | None = None) -> None:
        super().__init__(detail)
        self.errors = errors or []


class BackendUnavailable(DossierError):
    """The database or another backend cannot be reached."""

    status = 503
