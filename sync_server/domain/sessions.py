"""Staff sessions: short access tokens, rotated refresh tokens, sign-out, and edit authorship.

A sign-in opens a ``StaffSession`` with a public id and an absolute end. It hands out an access
token (minutes) and a refresh token; each refresh uses up the refresh token and issues a new
pair. A used refresh token presented again means two parties hold the session's tokens (one of
them stole it), so the whole session ends. Only SHA-256 digests of tokens are stored.

A session opened on an enrolled tablet is bound to that device: it is how the server knows
who authored the edits the tablet pushes (``author_of``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlmodel import Session, col, select

from sync_server.domain.audit import audit
from sync_server.domain.ids import new_id
from sync_server.domain.models import Device, Staff, StaffSession, StaffToken
from sync_server.domain.security import new_token, token_digest
from sync_server.errors import DomainError, Forbidden, Unauthorized
from sync_server.settings import Settings

# An edit may be stamped this long after its session ended (tablet clocks drift a little).
AUTHOR_GRACE = timedelta(minutes=5)
# Expired token digests are kept this long, then purged at a later sign-in.
TOKEN_PURGE_AFTER = timedelta(days=1)


@dataclass(frozen=True)
class IssuedTokens:
    session_id: str
    access_token: str
    refresh_token: str
    access_expires_at: datetime
    session_expires_at: datetime


class AuthorRefused(Forbidden):
    """The server will not attribute an edit to anyone: ``code`` says why."""

    code = "staff_session_required"


def _end(row: StaffSession, now: datetime, reason: str) -> None:
    if row.ended_at is None:
        row.ended_at = now
        row.end_reason = reason


def _issue(session: Session, row: StaffSession, now: datetime, settings: Settings) -> IssuedTokens:
    access, refresh = new_token(), new_token()
    access_expires = min(now + timedelta(seconds=settings.access_token_seconds), row.expires_at)
    session.add(
        StaffToken(
            token_hash=token_digest(access),
            session_id=row.id,
            kind="access",
            expires_at=access_expires,
        )
    )
    session.add(
        StaffToken(
            token_hash=token_digest(refresh),
            session_id=row.id,
            kind="refresh",
            expires_at=row.expires_at,
        )
    )
    return IssuedTokens(row.id, access, refresh, access_expires, row.expires_at)


def active_sessions(session: Session, staff_id: str, now: datetime) -> list[StaffSession]:
    return list(
        session.exec(
            select(StaffSession)
            .where(
                StaffSession.staff_id == staff_id,
                col(StaffSession.ended_at).is_(None),
                StaffSession.expires_at > now,
            )
            .order_by(col(StaffSession.created_at))
        )
    )


def open_session(
    session: Session,
    staff: Staff,
    *,
    device_id: str | None,
    address: str,
    now: datetime,
    settings: Settings,
) -> IssuedTokens:
    """A new sign-in; beyond ``staff_max_sessions`` parallel ones, the oldest ends."""
    live = active_sessions(session, staff.id, now)
    for old in live[: max(0, len(live) - settings.staff_max_sessions + 1)]:
        _end(old, now, "replaced")
    row = StaffSession(
        id=new_id(),
        staff_id=staff.id,
        device_id=device_id,
        created_at=now,
        expires_at=now + timedelta(hours=settings.staff_session_hours),
        client_address=address[:64],
    )
    session.add(row)
    session.flush()
    session.execute(delete(StaffToken).where(col(StaffToken.expires_at) < now - TOKEN_PURGE_AFTER))
    return _issue(session, row, now, settings)


def _ensure_live(row: StaffSession, now: datetime) -> None:
    if row.ended_at is not None:
        raise Unauthorized(
            "You were signed out (or this sign-in was ended): sign in again.",
            code="session_ended",
        )
    if row.expires_at <= now:
        raise Unauthorized("Your sign-in is over for today: sign in again.", code="session_expired")


def _active_staff(session: Session, staff_id: str) -> Staff:
    staff = session.get(Staff, staff_id)
    if staff is None or not staff.active:
        raise Unauthorized("This staff account is disabled.", code="staff_inactive")
    return staff


def by_access_token(
    session: Session, token: str, now: datetime, *, allow_expired: bool = False
) -> tuple[StaffSession, Staff]:
    """The live session and staff member of an access token, or 401 with a precise code.

    ``token_expired`` is the one code a client answers by refreshing.
    """
    row = session.get(StaffToken, token_digest(token))
    owner = session.get(StaffSession, row.session_id) if row is not None else None
    if row is None or row.kind != "access" or owner is None:
        raise Unauthorized("Your sign-in is not valid: sign in again.", code="invalid_token")
    if allow_expired:
        return owner, _active_staff(session, owner.staff_id)
    _ensure_live(owner, now)
    if row.expires_at <= now:
        raise Unauthorized(
            "Your access token expired: refresh it or sign in again.", code="token_expired"
        )
    return owner, _active_staff(session, owner.staff_id)


def refresh(
    session: Session,
    refresh_token: str,
    device: Device | None,
    *,
    now: datetime,
    settings: Settings,
) -> tuple[IssuedTokens, Staff] | DomainError:
    """Use up a refresh token for a new pair.

    Returns (rather than raises) the refusal when the refusal itself must be committed: a
    reused refresh token ends its session, and that must stick.
    """
    row = session.get(StaffToken, token_digest(refresh_token))
    owner = session.get(StaffSession, row.session_id) if row is not None else None
    if row is None or row.kind != "refresh" or owner is None:
        raise Unauthorized("This refresh token is not valid: sign in again.", code="invalid_token")
    if row.used_at is not None:
        _ensure_live(owner, now)
        _end(owner, now, "refresh_reused")
        staff = session.get(Staff, owner.staff_id)
        audit(
            session,
            "refresh_token_reused",
            staff_id=owner.staff_id,
            device_id=owner.device_id,
            store_id=staff.store_id if staff else None,
            detail=f"session={owner.id}",
        )
        return Unauthorized(
            "This sign-in was ended for safety: an old refresh token was used again, which "
            "happens when someone copied it. Sign in again.",
            code="refresh_token_reused",
        )
    _ensure_live(owner, now)
    if owner.device_id is not None and (device is None or device.id != owner.device_id):
        raise Unauthorized(
            "This sign-in belongs to a tablet: refresh it from that tablet.",
            code="staff_session_other_device",
        )
    staff = _active_staff(session, owner.staff_id)
    row.used_at = now
    return _issue(session, owner, now, settings), staff


def sign_out(session: Session, owner: StaffSession, now: datetime) -> None:
    _end(owner, now, "signed_out")


def by_refresh_token(session: Session, refresh_token: str) -> StaffSession | None:
    row = session.get(StaffToken, token_digest(refresh_token))
    if row is None or row.kind != "refresh":
        return None
    return session.get(StaffSession, row.session_id)


def end_staff_sessions(
    session: Session, staff_id: str, now: datetime, reason: str, *, keep: str | None = None
) -> int:
    """End every live session of a staff member (but ``keep``); returns how many."""
    ended = 0
    for row in active_sessions(session, staff_id, now):
        if row.id != keep:
            _end(row, now, reason)
            ended += 1
    return ended


def end_device_sessions(session: Session, device_id: str, now: datetime, reason: str) -> int:
    rows = session.exec(
        select(StaffSession).where(
            StaffSession.device_id == device_id, col(StaffSession.ended_at).is_(None)
        )
    )
    ended = 0
    for row in rows:
        _end(row, now, reason)
        ended += 1
    return ended


def author_of(
    session: Session,
    device: Device,
    staff_session_id: str | None,
    at: datetime,
    *,
    grace: timedelta = AUTHOR_GRACE,
    offline: timedelta = timedelta(0),
) -> str:
    """The staff id to record as author of an edit ``device`` pushed under that session.

    ``at`` is when the edit was made, as bounded by the server (never after "now"). A session
    that has since expired or was signed out still authors the edits made while it lasted
    (they are often pushed later, after an offline spell); an edit stamped after its end
    (plus ``grace`` for clock drift) is refused. A session that merely expired keeps authoring
    for ``offline`` more: on a tablet without network the assistant signs in again with her
    PIN under the same session. One ended on purpose (sign-out, revocation, a stolen refresh
    token) does not. Raises ``AuthorRefused`` with a stable code.
    """
    if staff_session_id is None:
        raise AuthorRefused(
            "This edit was made without a staff sign-in on the tablet; sign in and redo it.",
            code="staff_session_required",
        )
    row = session.get(StaffSession, staff_session_id)
    if row is None:
        raise AuthorRefused(
            "This edit names a staff sign-in the server does not know.",
            code="staff_session_unknown",
        )
    if row.device_id is None or row.device_id != device.id:
        raise AuthorRefused(
            "This edit names a staff sign-in made on another device.",
            code="staff_session_other_device",
        )
    staff = session.get(Staff, row.staff_id)
    if staff is None or not staff.active:
        raise AuthorRefused(
            "The staff account that made this edit has been disabled.", code="staff_inactive"
        )
    end = row.ended_at if row.ended_at is not None else row.expires_at + offline
    if at > end + grace:
        raise AuthorRefused(
            "This edit was made after its staff sign-in had ended (signed out or expired).",
            code="staff_session_ended",
        )
    return staff.id
