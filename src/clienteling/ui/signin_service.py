"""Signing in on the shared tablet: password online, PIN offline, and the lock rules.

The lock screen asks; this service does the work off the UI thread and answers by signals:
argon2 PIN checks and hashing run on its worker, password sign-ins on the qasync loop. It also
holds, in memory only, the online sign-ins (tokens) made during this run, so an assistant who
switches back with her PIN keeps what needs her online sign-in (look-ups, manager mode) until it
ends. Time comes from ``replica.policy.now`` with the replica's wall clock (tests move it).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal

from clienteling.replica import pins, policy
from clienteling.replica.store import Replica
from clienteling.sync.client import SyncError
from clienteling.sync.engine import SyncEngine
from clienteling.sync.staff_auth import StaffAuth
from clienteling.ui.session import StaffMember
from clienteling.ui.worker import Worker

log = logging.getLogger(__name__)
T = TypeVar("T")


@dataclass(frozen=True)
class SignedIn:
    """Who signed in, and her online sign-in if she has one in this run (else None)."""

    staff: StaffMember
    auth: StaffAuth | None
    by_password: bool


class SignInService(QObject):
    rosterChanged = Signal(object)  # list[pins.CachedStaff]
    stalenessChanged = Signal(object)  # policy.Staleness
    signedIn = Signal(object)  # SignedIn
    pinRefused = Signal(object)  # pins.PinCheck
    passwordRefused = Signal(object)  # SyncError
    pinSaved = Signal(str)  # staff id
    pinNotAllowed = Signal(str)  # pins.PinNotAllowed code

    def __init__(self, replica: Replica, engine: SyncEngine, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.replica = replica
        self.engine = engine
        self.worker = Worker(self, threads=1)
        self._auths: dict[str, StaffAuth] = {}
        self._tasks: set[asyncio.Task[None]] = set()
        self._closed = False
        # The rules in force, refreshed by every job that reads the time (for the screen's texts).
        self.rules = policy.load(replica.read())

    # --- time and rules -----------------------------------------------------------------------

    def now(self) -> datetime:
        """The tablet's trusted time (a short read; the countdown asks every second)."""
        if self._closed:
            return datetime.now(UTC)
        return policy.now(self.replica.read(), self.replica.wall_clock)

    def _noted_now(self, replica: Replica) -> tuple[datetime, policy.TabletPolicy]:
        with replica.write() as conn:
            at, self.rules = policy.note_time(conn, replica.wall_clock), policy.load(conn)
        return at, self.rules

    def _run(
        self,
        job: Callable[[Replica], T],
        on_done: Callable[[T], None],
        on_error: Callable[[Exception], None] | None = None,
    ) -> None:
        if self._closed:
            return
        replica = self.replica
        self.worker.submit(lambda: job(replica), on_done, on_error)

    def refresh_roster(self) -> None:
        """Who can sign in here with a PIN now → ``rosterChanged``."""

        def job(replica: Replica) -> list[pins.CachedStaff]:
            at, rules = self._noted_now(replica)
            return pins.roster(replica.read(), at, rules.offline_signin_days)

        self._run(job, self.rosterChanged.emit)

    def check_staleness(self) -> None:
        """The stale-sync rule now → ``stalenessChanged``."""

        def job(replica: Replica) -> policy.Staleness:
            at, _rules = self._noted_now(replica)
            return policy.staleness(replica.read(), at)

        self._run(job, self.stalenessChanged.emit)

    # --- sign-in ------------------------------------------------------------------------------

    def online_auth(self, staff_id: str) -> StaffAuth | None:
        """Her online sign-in of this run, if it has not ended."""
        auth = self._auths.get(staff_id)
        return auth if auth is not None and not auth.ended else None

    def forget_auth(self, staff_id: str) -> None:
        self._auths.pop(staff_id, None)

    def sign_in_pin(self, staff_id: str, pin: str) -> None:
        """Check her PIN on the worker → ``signedIn`` or ``pinRefused``."""

        def job(replica: Replica) -> pins.PinCheck:
            at, rules = self._noted_now(replica)
            return pins.check_pin(replica, staff_id, pin, at, rules.offline_signin_days)

        def done(check: pins.PinCheck) -> None:
            if check.ok and check.staff is not None:
                staff = StaffMember.from_api(check.staff.as_staff())
                self.signedIn.emit(SignedIn(staff, self.online_auth(staff.id), by_password=False))
            else:
                self.pinRefused.emit(check)

        self._run(job, done)

    def sign_in_password(self, username: str, password: str) -> None:
        """Sign in online (bound to this tablet) → ``signedIn`` or ``passwordRefused``."""
        if self._closed:
            return

        async def go() -> None:
            try:
                login = await self.engine.sign_in(username, password)
            except SyncError as exc:
                if not self._closed:
                    self.passwordRefused.emit(exc)
                return
            auth = StaffAuth(login)
            staff = StaffMember.from_api(login.staff)
            self._auths[staff.id] = auth
            if not self._closed:
                self.signedIn.emit(SignedIn(staff, auth, by_password=True))

        task = asyncio.ensure_future(go())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def set_pin(self, staff_id: str, pin: str) -> None:
        """Set or change her PIN (after her online sign-in) → ``pinSaved``/``pinNotAllowed``."""
        if self.online_auth(staff_id) is None:
            self.pinNotAllowed.emit("not_signed_in")
            return

        def job(replica: Replica) -> None:
            at, _rules = self._noted_now(replica)
            pins.set_pin(replica, staff_id, pin, at)

        def failed(exc: Exception) -> None:
            if isinstance(exc, pins.PinNotAllowed):
                self.pinNotAllowed.emit(exc.code)
            else:
                log.error("setting a PIN failed", exc_info=exc)
                self.pinNotAllowed.emit("error")

        self._run(job, lambda _none: self.pinSaved.emit(staff_id), failed)

    def pending(self) -> list[Any]:
        return [t for t in self._tasks if not t.done()]

    def shutdown(self) -> None:
        """Stop answering (the replica is about to close); sign-ins in flight are dropped."""
        self._closed = True
        for task in list(self._tasks):
            task.cancel()
        self.worker.shutdown()
