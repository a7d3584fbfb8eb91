"""Sign-in throttling: growing delays, then a lockout, per account and per client address.

The state lives in the database (several server processes share it) and nothing ever sleeps:
an attempt that comes too early is refused at once with the time to wait, before any password
is checked. An attempt is counted as a failure *before* its password is checked, so parallel
guesses cannot all slip through while the first one is still being verified; a success then
takes its count back.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from sqlalchemy import delete, or_
from sqlmodel import Session, col

from sync_server.domain.models import SignInThrottle
from sync_server.errors import TooManyRequests
from sync_server.settings import Settings

Kind = Literal["account", "address"]


@dataclass(frozen=True)
class Limits:
    free_failures: int
    lockout_failures: int
    memory: timedelta


@dataclass(frozen=True)
class ThrottlePolicy:
    account: Limits
    address: Limits
    delay_base: float
    delay_max: float
    lockout: timedelta

    @classmethod
    def from_settings(cls, settings: Settings) -> ThrottlePolicy:
        return cls(
            account=Limits(
                settings.login_account_free_failures,
                settings.login_account_lockout_failures,
                timedelta(minutes=settings.login_account_memory_minutes),
            ),
            address=Limits(
                settings.login_address_free_failures,
                settings.login_address_lockout_failures,
                timedelta(minutes=settings.login_address_memory_minutes),
            ),
            delay_base=settings.login_delay_base_seconds,
            delay_max=settings.login_delay_max_seconds,
            lockout=timedelta(minutes=settings.login_lockout_minutes),
        )

    def limits(self, kind: Kind) -> Limits:
        return self.account if kind == "account" else self.address

    def blocked_until(self, kind: Kind, failures: int, now: datetime) -> datetime | None:
        """After ``failures`` recent failures, when the next attempt is allowed (None: now)."""
        limits = self.limits(kind)
        if failures >= limits.lockout_failures:
            return now + self.lockout
        if failures >= limits.free_failures:
            seconds = self.delay_base * 2 ** min(failures - limits.free_failures, 30)
            return now + timedelta(seconds=min(self.delay_max, seconds))
        return None


@dataclass(frozen=True)
class Keys:
    """Who is trying: the attempted user name (known or not) and the client address."""

    username: str
    address: str

    @classmethod
    def of(cls, username: str, address: str) -> Keys:
        return cls(username.strip().lower()[:64], address[:64] or "unknown")

    def pairs(self) -> tuple[tuple[Kind, str], tuple[Kind, str]]:
        return (("account", self.username), ("address", self.address))


@dataclass(frozen=True)
class Claim:
    """An attempt counted in advance, with what to restore if it succeeds."""

    keys: Keys
    address_blocked_before: datetime | None


def _row(session: Session, kind: Kind, key: str) -> SignInThrottle | None:
    return session.get(SignInThrottle, (kind, key))


def check(session: Session, policy: ThrottlePolicy, keys: Keys, now: datetime) -> None:
    """Refuse (429 with ``Retry-After``) while the account or the address must wait."""
    waits: list[tuple[datetime, bool]] = []
    for kind, key in keys.pairs():
        row = _row(session, kind, key)
        if row is not None and row.blocked_until is not None and row.blocked_until > now:
            locked = row.failures >= policy.limits(kind).lockout_failures
            waits.append((row.blocked_until, locked))
    if not waits:
        return
    until, locked = max(waits)
    seconds = max(1, math.ceil((until - now).total_seconds()))
    if locked:
        minutes = max(1, math.ceil(seconds / 60))
        message = (
            f"Too many failed sign-ins: signing in is locked for {minutes} more minute(s). "
            "If you forgot your password, ask a manager or IT."
        )
    else:
        message = f"Too many failed sign-ins. Wait {seconds} second(s) and try again."
    raise TooManyRequests(
        message,
        code="too_many_attempts",
        detail={"retry_after": seconds, "locked": locked},
        headers={"Retry-After": str(seconds)},
    )


def claim(session: Session, policy: ThrottlePolicy, keys: Keys, now: datetime) -> Claim:
    """Check again under the write lock, then count this attempt as a failure in advance."""
    check(session, policy, keys, now)
    _forget_old(session, policy, now)
    address_before: datetime | None = None
    for kind, key in keys.pairs():
        row = _row(session, kind, key)
        if row is None:
            row = SignInThrottle(kind=kind, key=key)
            session.add(row)
        elif kind == "address":
            address_before = row.blocked_until
        memory = policy.limits(kind).memory
        if row.last_failure_at is not None and row.last_failure_at < now - memory:
            row.failures = 0
        row.failures += 1
        row.last_failure_at = now
        row.blocked_until = policy.blocked_until(kind, row.failures, now)
    return Claim(keys, address_before)


def _forget_old(session: Session, policy: ThrottlePolicy, now: datetime) -> None:
    """Rows past their memory and their block mean nothing any more (sprayed names pile up)."""
    for kind in ("account", "address"):
        session.execute(
            delete(SignInThrottle).where(
                col(SignInThrottle.kind) == kind,
                col(SignInThrottle.last_failure_at) < now - policy.limits(kind).memory,
                or_(
                    col(SignInThrottle.blocked_until).is_(None),
                    col(SignInThrottle.blocked_until) < now,
                ),
            )
        )


def failed(session: Session, policy: ThrottlePolicy, claimed: Claim, now: datetime) -> None:
    """The password was wrong: the delays count from now, when the caller learns it."""
    for kind, key in claimed.keys.pairs():
        row = _row(session, kind, key)
        if row is not None:
            row.last_failure_at = now
            row.blocked_until = policy.blocked_until(kind, row.failures, now)


def succeeded(session: Session, claimed: Claim) -> None:
    """A success clears the account's count and takes back this attempt's address count."""
    account = _row(session, "account", claimed.keys.username)
    if account is not None:
        session.delete(account)
    address = _row(session, "address", claimed.keys.address)
    if address is not None:
        address.failures = max(0, address.failures - 1)
        address.blocked_until = claimed.address_blocked_before
