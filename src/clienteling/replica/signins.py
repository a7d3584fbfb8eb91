"""Which staff sign-in authors the edits made on this tablet.

The server attributes an edit to the staff member whose sign-in *on this tablet* the edit names
(the session id, public); it never trusts a staff id sent by the tablet. Each assistant who
signed in here has her last session id kept here, and the one signed in now is remembered, so
an edit made offline (after a PIN sign-in) still names her session.
"""

from __future__ import annotations

import sqlite3

from clienteling.replica.store import get_meta, set_meta

CURRENT = "signed_in_staff"


def _key(staff_id: str) -> str:
    return f"staff_session:{staff_id}"


def remember(conn: sqlite3.Connection, staff_id: str, session_id: str) -> None:
    """She signed in on this tablet (online): her edits name this session from now on."""
    set_meta(conn, _key(staff_id), session_id)
    set_meta(conn, CURRENT, staff_id)


def switch_to(conn: sqlite3.Connection, staff_id: str | None) -> None:
    """Another assistant takes the tablet (or nobody: signed out)."""
    set_meta(conn, CURRENT, staff_id)


def forget(conn: sqlite3.Connection, staff_id: str) -> None:
    set_meta(conn, _key(staff_id), None)
    if get_meta(conn, CURRENT) == staff_id:
        set_meta(conn, CURRENT, None)


def signed_in(conn: sqlite3.Connection) -> str | None:
    return get_meta(conn, CURRENT)


def session_for(conn: sqlite3.Connection, staff_id: str | None = None) -> str | None:
    """The session an edit by ``staff_id`` (default: whoever is signed in) names."""
    who = staff_id or get_meta(conn, CURRENT)
    return get_meta(conn, _key(who)) if who else None


def staff_of(conn: sqlite3.Connection, session_id: str | None) -> str | None:
    """Whose sign-in a session id is (shown as the author of her pending edits)."""
    if session_id is None:
        return None
    row = conn.execute(
        "SELECT key FROM meta WHERE key LIKE 'staff_session:%' AND value = ?", (session_id,)
    ).fetchone()
    return str(row[0]).split(":", 1)[1] if row else None
