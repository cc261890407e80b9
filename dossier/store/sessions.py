"""Browser login sessions: random, expiring, revocable (migration 0009).

The cookie holds a random secret; the table holds its SHA-256, so a copy of the database
opens no session. A session is alive while it is neither expired nor revoked and was
opened under the API token configured now (`token_mac`): changing the token ends every
session. Rows of expired sessions are deleted at the next login.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from sqlalchemy import delete, insert, select, update

from dossier.store import schema as t
from dossier.store.db import Store


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _stamp(moment: dt.datetime) -> str:
    # One fixed format, so that stamps compare as strings in SQL on both backends.
    return moment.astimezone(dt.UTC).isoformat(timespec="seconds")


def session_id(secret: str) -> str:
    """The stored id of a session: the SHA-256 of its cookie's secret."""
    return hashlib.sha256(secret.encode()).hexdigest()


def open_session(store: Store, token_mac: str, lifetime: dt.timedelta) -> str:
    """Store a new session and return its secret (for the cookie; never stored)."""
    secret = secrets.token_urlsafe(32)
    now = _now()
    row = {
        "id": session_id(secret),
        "token_mac": token_mac,
        "created_at": _stamp(now),
        "expires_at": _stamp(now + lifetime),
    }
    with store.engine.begin() as conn:
        conn.execute(delete(t.sessions).where(t.sessions.c.expires_at <= _stamp(now)))
        conn.execute(insert(t.sessions).values(row))
    return secret


def session_alive(store: Store, secret: str, token_mac: str) -> bool:
    """Whether `secret` is a session opened under `token_mac`, unexpired and unrevoked."""
    s = t.sessions.c
    stmt = select(s.id).where(
        s.id == session_id(secret),
        s.token_mac == token_mac,
        s.revoked_at.is_(None),
        s.expires_at > _stamp(_now()),
    )
    with store.engine.connect() as conn:
        return conn.execute(stmt).first() is not None


def revoke_session(store: Store, secret: str) -> None:
    """End a session now (logout); its cookie opens nothing afterwards."""
    s = t.sessions.c
    with store.engine.begin() as conn:
        conn.execute(
            update(t.sessions)
            .where(s.id == session_id(secret), s.revoked_at.is_(None))
            .values(revoked_at=_stamp(_now()))
        )
