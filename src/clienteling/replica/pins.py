"""The shared tablet's offline sign-in cache: who may sign in here with a personal PIN.

After an online (password) sign-in on this tablet an assistant may choose a PIN of 4–8 digits.
It is kept only here, argon2-hashed, in the encrypted replica (table ``tablet_staff``), beside a
snapshot of her staff row, her current sign-in on this tablet (the public session id her edits
name) and when she last signed in online here; it is never sent anywhere. A PIN is checked
locally and accepted for ``offline_signin_days`` after that online sign-in.

Wrong PINs are throttled: after 3 the next try waits 30 s, then 60 s; the 5th locks the PIN
until she signs in online with her password. The counts are stored here, so restarting the app
does not reset them, and nothing sleeps: a refusal says until when. The PIN guards the tablet's
screens; the customer data itself is guarded by the replica's key.

argon2 costs ~50–100 ms per hash: ``set_pin`` and ``check_pin`` belong on a worker thread.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import pairwise
from typing import Any, Literal

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from clienteling.replica.schema import table
from clienteling.replica.store import Replica

PIN_MIN_DIGITS = 4
PIN_MAX_DIGITS = 8
# Wrong PINs allowed before waits begin, and the count that locks the PIN.
FREE_FAILURES = 3
LOCK_FAILURES = 5
# The wait after the first throttled failure; it doubles after each further one.
FIRST_WAIT = timedelta(seconds=30)

# The most used PINs that no rule below catches (from published analyses of leaked PINs),
# keypad columns, and 4-digit years of birth, the first thing anyone would try.
COMMON_PINS = frozenset(
    {"1122", "1313", "1004", "2580", "0852", "1379", "9731", "1357", "2468", "6969", "1984"}
    | {f"{year}" for year in range(1940, 2031)}
)

Weakness = Literal["digits", "length", "same_digit", "sequence", "pattern", "common"]
CheckCode = Literal["ok", "wrong", "wait", "locked", "expired", "unknown"]

_hasher = PasswordHasher()


class PinNotAllowed(Exception):
    """A PIN that cannot be set; ``code`` says why (a ``Weakness`` or ``not_signed_in``)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def weakness(pin: str) -> Weakness | None:
    """Why ``pin`` is too easy to guess, or None when it is acceptable."""
    if not (pin.isascii() and pin.isdigit()):
        return "digits"
    if not PIN_MIN_DIGITS <= len(pin) <= PIN_MAX_DIGITS:
        return "length"
    if len(set(pin)) == 1:
        return "same_digit"
    steps = {(int(b) - int(a)) % 10 for a, b in pairwise(pin)}
    if steps in ({1}, {9}):  # 1234, 6789, 7890, 4321, 0987
        return "sequence"
    for period in range(2, len(pin) // 2 + 1):  # 1212, 123123, 12341234
        if pin == (pin[:period] * len(pin))[: len(pin)]:
            return "pattern"
    if pin in COMMON_PINS:
        return "common"
    return None


@dataclass(frozen=True)
class CachedStaff:
    """One assistant in this tablet's offline sign-in cache."""

    staff_id: str
    username: str
    display_name: str
    role: str
    store_id: str | None
    session_id: str | None
    online_at: datetime | None
    has_pin: bool
    failures: int
    wait_until: datetime | None
    locked: bool

    def as_staff(self) -> dict[str, Any]:
        """Her staff row as the server's sign-in answer gives it."""
        return {
            "id": self.staff_id,
            "username": self.username,
            "display_name": self.display_name,
            "role": self.role,
            "store_id": self.store_id,
        }

    def offline_until(self, days: int) -> datetime | None:
        """Until when she may sign in here with her PIN."""
        return self.online_at + timedelta(days=days) if self.online_at else None


_COLUMNS = (
    "staff_id, username, display_name, role, store_id, session_id, online_at, "
    "pin_hash IS NOT NULL, failures, wait_until, locked"
)


def _time(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _cached(row: tuple[Any, ...]) -> CachedStaff:
    return CachedStaff(
        staff_id=row[0],
        username=row[1],
        display_name=row[2],
        role=row[3],
        store_id=row[4],
        session_id=row[5],
        online_at=_time(row[6]),
        has_pin=bool(row[7]),
        failures=int(row[8]),
        wait_until=_time(row[9]),
        locked=bool(row[10]),
    )


def get(conn: sqlite3.Connection, staff_id: str) -> CachedStaff | None:
    row = conn.execute(
        f"SELECT {_COLUMNS} FROM tablet_staff WHERE staff_id = ?", (staff_id,)
    ).fetchone()
    return _cached(row) if row else None


def record_online_sign_in(
    conn: sqlite3.Connection, staff: Mapping[str, Any], session_id: str, at: datetime
) -> None:
    """She signed in here with her password: new session, offline window from ``at``, and a
    locked or throttled PIN unlocked."""
    conn.execute(
        "INSERT INTO tablet_staff (staff_id, username, display_name, role, store_id, "
        "session_id, online_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (staff_id) DO UPDATE SET username = excluded.username, "
        "display_name = excluded.display_name, role = excluded.role, "
        "store_id = excluded.store_id, session_id = excluded.session_id, "
        "online_at = excluded.online_at, failures = 0, wait_until = NULL, locked = 0",
        (
            str(staff["id"]),
            str(staff["username"]),
            str(staff.get("display_name") or staff["username"]),
            str(staff.get("role") or "associate"),
            staff.get("store_id"),
            session_id,
            at.isoformat(),
        ),
    )


def session_of(conn: sqlite3.Connection, staff_id: str) -> str | None:
    row = conn.execute(
        "SELECT session_id FROM tablet_staff WHERE staff_id = ?", (staff_id,)
    ).fetchone()
    return str(row[0]) if row and row[0] else None


def end_session(conn: sqlite3.Connection, staff_id: str) -> None:
    """She signed out: her PIN stays, but cannot be used until she signs in online again
    (a signed-out session authors nothing more on the server)."""
    conn.execute("UPDATE tablet_staff SET session_id = NULL WHERE staff_id = ?", (staff_id,))


def roster(conn: sqlite3.Connection, at: datetime, offline_days: int) -> list[CachedStaff]:
    """Who can sign in here with a PIN at ``at`` (locked PINs included, to say so)."""
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM tablet_staff WHERE pin_hash IS NOT NULL "
        "AND session_id IS NOT NULL ORDER BY display_name COLLATE NOCASE"
    ).fetchall()
    cached = [_cached(row) for row in rows]
    return [c for c in cached if (until := c.offline_until(offline_days)) and at <= until]


def set_pin(replica: Replica, staff_id: str, pin: str, at: datetime) -> None:
    """Set or change her PIN (after an online sign-in here). Raises ``PinNotAllowed``."""
    problem = weakness(pin)
    if problem is not None:
        raise PinNotAllowed(problem)
    digest = _hasher.hash(pin)  # slow: outside the write transaction
    with replica.write() as conn:
        updated = conn.execute(
            "UPDATE tablet_staff SET pin_hash = ?, pin_set_at = ?, failures = 0, "
            "wait_until = NULL, locked = 0 WHERE staff_id = ? AND session_id IS NOT NULL",
            (digest, at.isoformat(), staff_id),
        ).rowcount
    if not updated:
        raise PinNotAllowed("not_signed_in")


@dataclass(frozen=True)
class PinCheck:
    """The outcome of a PIN sign-in; ``remaining`` is wrong tries left before the lock."""

    code: CheckCode
    staff: CachedStaff | None = None
    failures: int = 0
    remaining: int = 0
    wait_until: datetime | None = None

    @property
    def ok(self) -> bool:
        return self.code == "ok"


def _verify(digest: str, pin: str) -> bool:
    try:
        return _hasher.verify(digest, pin)
    except (VerificationError, InvalidHashError):
        return False


def check_pin(
    replica: Replica, staff_id: str, pin: str, at: datetime, offline_days: int
) -> PinCheck:
    """Verify her PIN at ``at`` and count the attempt (refused early while waiting or locked)."""
    conn = replica.read()
    row = conn.execute(
        "SELECT pin_hash FROM tablet_staff WHERE staff_id = ? AND session_id IS NOT NULL",
        (staff_id,),
    ).fetchone()
    cached = get(conn, staff_id) if row is not None and row[0] is not None else None
    if row is None or cached is None:
        return PinCheck("unknown")
    early = _refusal(cached, at, offline_days)
    if early is not None:
        return early
    good = _verify(str(row[0]), pin)
    with replica.write() as wconn:
        now = get(wconn, staff_id)
        if now is None or now.session_id is None:
            return PinCheck("unknown")
        early = _refusal(now, at, offline_days)  # another attempt was counted meanwhile
        if early is not None:
            return early
        if good:
            wconn.execute(
                "UPDATE tablet_staff SET failures = 0, wait_until = NULL WHERE staff_id = ?",
                (staff_id,),
            )
            if _hasher.check_needs_rehash(str(row[0])):
                wconn.execute(
                    "UPDATE tablet_staff SET pin_hash = ? WHERE staff_id = ?",
                    (_hasher.hash(pin), staff_id),
                )
            return PinCheck("ok", staff=get(wconn, staff_id))
        failures = now.failures + 1
        locked = failures >= LOCK_FAILURES
        wait_until = (
            at + FIRST_WAIT * 2 ** (failures - FREE_FAILURES)
            if FREE_FAILURES <= failures < LOCK_FAILURES
            else None
        )
        wconn.execute(
            "UPDATE tablet_staff SET failures = ?, wait_until = ?, locked = ? WHERE staff_id = ?",
            (failures, wait_until.isoformat() if wait_until else None, int(locked), staff_id),
        )
    return PinCheck(
        "locked" if locked else "wrong",
        staff=cached,
        failures=failures,
        remaining=max(LOCK_FAILURES - failures, 0),
        wait_until=wait_until,
    )


def _refusal(cached: CachedStaff, at: datetime, offline_days: int) -> PinCheck | None:
    """Refused without looking at the PIN: locked, window passed, or still waiting."""
    remaining = max(LOCK_FAILURES - cached.failures, 0)
    if cached.locked:
        return PinCheck("locked", staff=cached, failures=cached.failures)
    until = cached.offline_until(offline_days)
    if until is None or at > until:
        return PinCheck("expired", staff=cached, failures=cached.failures, remaining=remaining)
    if cached.wait_until is not None and at < cached.wait_until:
        return PinCheck(
            "wait",
            staff=cached,
            failures=cached.failures,
            remaining=remaining,
            wait_until=cached.wait_until,
        )
    return None


def drop(conn: sqlite3.Connection, staff_ids: list[str]) -> None:
    """Remove these assistants from the cache, PIN and all."""
    conn.executemany("DELETE FROM tablet_staff WHERE staff_id = ?", [(s,) for s in staff_ids])


def follow_staff_rows(conn: sqlite3.Connection, store_id: str | None) -> list[str]:
    """After a complete pull: drop staff whose synced row is gone, inactive, or now of another
    store (admins excepted), and refresh the others' names and roles. Returns who was dropped.

    A replica with no staff rows at all (never pulled) is left alone.
    """
    staff = table("staff")
    if conn.execute(f"SELECT 1 FROM {staff} LIMIT 1").fetchone() is None:
        return []
    doc = "coalesce(s.local, s.wire)"
    gone = [
        str(row[0])
        for row in conn.execute(
            f"SELECT t.staff_id FROM tablet_staff t LEFT JOIN {staff} s ON s.id = t.staff_id "
            f"WHERE s.id IS NULL OR coalesce(json_extract({doc}, '$.active'), 1) = 0 "
            f"OR (coalesce(json_extract({doc}, '$.role'), '') != 'admin' "
            f"AND coalesce(json_extract({doc}, '$.store_id'), '') != coalesce(?, ''))",
            (store_id,),
        )
    ]
    drop(conn, gone)
    conn.execute(
        f"UPDATE tablet_staff SET "
        f"display_name = coalesce((SELECT json_extract({doc}, '$.display_name') "
        f"FROM {staff} s WHERE s.id = tablet_staff.staff_id), display_name), "
        f"role = coalesce((SELECT json_extract({doc}, '$.role') "
        f"FROM {staff} s WHERE s.id = tablet_staff.staff_id), role)"
    )
    return gone
