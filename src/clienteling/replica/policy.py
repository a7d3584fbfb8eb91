"""The rules a tablet enforces on its own, and the time it trusts to enforce them.

Two rules need no network: how long an assistant may sign in with her PIN after her last
online sign-in here (``offline_signin_days``), and how long the tablet keeps showing customer
data without a successful sync (``stale_sync_lock_days``). The server says which values are in
force (its handshake); until it has, the defaults shared with it apply.

Both compare dates, so both need a time that someone holding the tablet cannot simply wind
back: ``now`` is the tablet's clock corrected by its measured offset to the server's, and never
earlier than the latest time the tablet noted (a high-water mark). Each sync resets that mark to
the server's time, so a clock that once ran far ahead does not lock the tablet for good.
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from clienteling.protocol import DEFAULT_OFFLINE_SIGNIN_DAYS, DEFAULT_STALE_SYNC_LOCK_DAYS
from clienteling.replica.clock import WallClock
from clienteling.replica.store import get_meta, set_meta

OFFLINE_SIGNIN_DAYS = "policy_offline_signin_days"
STALE_SYNC_LOCK_DAYS = "policy_stale_sync_lock_days"
HIGH_WATER = "clock_high_water_ms"
LAST_SYNC_SERVER_AT = "last_sync_server_at"


@dataclass(frozen=True)
class TabletPolicy:
    offline_signin_days: int = DEFAULT_OFFLINE_SIGNIN_DAYS
    stale_sync_lock_days: int = DEFAULT_STALE_SYNC_LOCK_DAYS


def load(conn: sqlite3.Connection) -> TabletPolicy:
    """The values the server last announced, or the shared defaults."""
    offline = get_meta(conn, OFFLINE_SIGNIN_DAYS)
    stale = get_meta(conn, STALE_SYNC_LOCK_DAYS)
    return TabletPolicy(
        offline_signin_days=int(offline) if offline else DEFAULT_OFFLINE_SIGNIN_DAYS,
        stale_sync_lock_days=int(stale) if stale else DEFAULT_STALE_SYNC_LOCK_DAYS,
    )


def save(
    conn: sqlite3.Connection,
    *,
    offline_signin_days: int | None,
    stale_sync_lock_days: int | None,
) -> None:
    """Keep what the server announced (None: an older server said nothing; keep defaults)."""
    if offline_signin_days is not None:
        set_meta(conn, OFFLINE_SIGNIN_DAYS, str(offline_signin_days))
    if stale_sync_lock_days is not None:
        set_meta(conn, STALE_SYNC_LOCK_DAYS, str(stale_sync_lock_days))


def _ms(at: datetime) -> int:
    return int(at.timestamp() * 1000)


def now(conn: sqlite3.Connection, wall: WallClock = time.time) -> datetime:
    """The tablet's time corrected to the server's, never before the high-water mark."""
    offset_ms = int(get_meta(conn, "clock_offset_ms", "0") or 0)
    corrected = int(wall() * 1000) + offset_ms
    mark = int(get_meta(conn, HIGH_WATER, "0") or 0)
    return datetime.fromtimestamp(max(corrected, mark) / 1000, UTC)


def note_time(conn: sqlite3.Connection, wall: WallClock = time.time) -> datetime:
    """``now``, remembered as the high-water mark (call in a write transaction)."""
    at = now(conn, wall)
    set_meta(conn, HIGH_WATER, str(_ms(at)))
    return at


def note_sync(conn: sqlite3.Connection, server_time: datetime) -> None:
    """A sync succeeded at the server's ``server_time``: the stale-sync clock starts again."""
    set_meta(conn, LAST_SYNC_SERVER_AT, server_time.astimezone(UTC).isoformat())
    set_meta(conn, HIGH_WATER, str(_ms(server_time)))


@dataclass(frozen=True)
class Staleness:
    """Whether customer data must stay hidden until the tablet syncs again."""

    locked: bool
    last_sync_at: datetime | None
    limit_days: int
    days_without_sync: int


def staleness(conn: sqlite3.Connection, at: datetime) -> Staleness:
    """The stale-sync rule at ``at`` (a tablet that never synced holds nothing to hide)."""
    limit = load(conn).stale_sync_lock_days
    raw = get_meta(conn, LAST_SYNC_SERVER_AT) or get_meta(conn, "last_sync_at")
    if raw is None:
        return Staleness(False, None, limit, 0)
    last = datetime.fromisoformat(raw)
    if last.tzinfo is None:
        last = last.replace(tzinfo=UTC)
    since = at - last
    return Staleness(since > timedelta(days=limit), last, limit, max(since.days, 0))
