"""Which staff sign-in authors the edits made on this tablet.

The server attributes an edit to the staff member whose sign-in *on this tablet* the edit names
(the session id, public); it never trusts a staff id sent by the tablet. Each assistant who
signed in here keeps her current session id in the offline sign-in cache (``replica.pins``),
and the one using the tablet now is remembered, so an edit made offline (after a PIN sign-in)
still names her session. Every session this tablet used is also kept (``tablet_session``), so
an edit still waiting to be sent keeps showing its author after she signed out; a session is
forgotten once it is nobody's current one and no queued edit names it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from clienteling.replica import pins
from clienteling.replica.store import get_meta, set_meta

CURRENT = "signed_in_staff"


def remember(
    conn: sqlite3.Connection, staff: Mapping[str, Any], session_id: str, at: datetime
) -> None:
    """She signed in on this tablet (online): her edits name this session from now on."""
    staff_id = str(staff["id"])
    conn.execute(
        "INSERT OR REPLACE INTO tablet_session (session_id, staff_id, started_at) VALUES (?, ?, ?)",
        (session_id, staff_id, at.isoformat()),
    )
    pins.record_online_sign_in(conn, staff, session_id, at)
    set_meta(conn, CURRENT, staff_id)
    conn.execute(
        "DELETE FROM tablet_session WHERE session_id NOT IN "
        "(SELECT session_id FROM tablet_staff WHERE session_id IS NOT NULL) "
        "AND session_id NOT IN (SELECT json_extract(body, '$.session_id') FROM outbox "
        "WHERE json_extract(body, '$.session_id') IS NOT NULL)"
    )


def switch_to(conn: sqlite3.Connection, staff_id: str | None) -> None:
    """Another assistant takes the tablet (or nobody: locked after a sign-out)."""
    set_meta(conn, CURRENT, staff_id)


def forget(conn: sqlite3.Connection, staff_id: str) -> None:
    """She signed out: her next edits need a new online sign-in. Edits already queued keep
    the session they name (made while it lasted, so the server still takes them as hers)."""
    pins.end_session(conn, staff_id)
    if get_meta(conn, CURRENT) == staff_id:
        set_meta(conn, CURRENT, None)


def signed_in(conn: sqlite3.Connection) -> str | None:
    return get_meta(conn, CURRENT)


def session_for(conn: sqlite3.Connection, staff_id: str | None = None) -> str | None:
    """The session an edit by ``staff_id`` (default: whoever is signed in) names."""
    who = staff_id or get_meta(conn, CURRENT)
    return pins.session_of(conn, who) if who else None


def staff_of(conn: sqlite3.Connection, session_id: str | None) -> str | None:
    """Whose sign-in a session id is (shown as the author of her pending edits)."""
    if session_id is None:
        return None
    row = conn.execute(
        "SELECT staff_id FROM tablet_session WHERE session_id = ?", (session_id,)
    ).fetchone()
    return str(row[0]) if row else None


def follow_staff_rows(conn: sqlite3.Connection, store_id: str | None) -> list[str]:
    """After a complete pull: deactivated (or removed, or moved) staff leave the offline
    cache at once, PIN and all; if one of them is using the tablet, nobody is any more."""
    dropped = pins.follow_staff_rows(conn, store_id)
    if get_meta(conn, CURRENT) in dropped:
        set_meta(conn, CURRENT, None)
    return dropped
