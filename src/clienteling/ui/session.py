"""The signed-in session: replica, sync engine, staff member, and the background sync loop.

Views never touch the engine or SQLite directly; they ask the session, which runs reads and
edits on the worker's threads and syncs on the qasync loop, and tells everyone by signals.
On a shared tablet the staff member changes (``switch_staff``): each edit names the assistant
who was signed in when it was made, so a switch changes who authors the *next* one.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QTimer, Signal

from clienteling.replica import edits, outbox, signins
from clienteling.replica.store import Replica
from clienteling.sync.client import ApiClient, SyncError
from clienteling.sync.engine import SyncEngine, SyncState
from clienteling.sync.manager_api import ManagerApi
from clienteling.sync.staff_auth import StaffAuth
from clienteling.ui.errors import Failure, explain
from clienteling.ui.worker import Worker

log = logging.getLogger(__name__)
T = TypeVar("T")
SYNC_INTERVAL_MS = 30_000


@dataclass(frozen=True)
class StaffMember:
    id: str
    username: str
    display_name: str
    role: str
    store_id: str | None

    @classmethod
    def from_api(cls, data: dict[str, Any]) -> StaffMember:
        return cls(
            id=str(data["id"]),
            username=str(data["username"]),
            display_name=str(data.get("display_name") or data["username"]),
            role=str(data.get("role", "associate")),
            store_id=data.get("store_id"),
        )


class Session(QObject):
    """One assistant signed in on one enrolled tablet."""

    syncStateChanged = Signal(object)
    dataChanged = Signal()
    # An edit was not made (errors.Failure: her sentence, and details when it was our fault).
    editFailed = Signal(object)
    # Another assistant took the tablet (StaffMember).
    staffChanged = Signal(object)
    # The signed-in assistant was deactivated (a sync dropped her from this tablet).
    staffDropped = Signal()

    def __init__(
        self,
        replica: Replica,
        engine: SyncEngine,
        staff: StaffMember,
        parent: QObject | None = None,
        *,
        staff_auth: StaffAuth | None = None,
    ) -> None:
        super().__init__(parent)
        self.replica = replica
        self.engine = engine
        self.staff = staff
        # Her tokens, in memory only, for manager calls; None when she signed in offline.
        self.staff_auth = staff_auth
        self.worker = Worker(self)
        self._tasks: set[asyncio.Task[Any]] = set()
        # Only sync runs: a server call in flight must not pass for a sync in progress.
        self._syncs: set[asyncio.Task[None]] = set()
        self._retired: list[ApiClient] = []
        self._last_cursor = engine.state.cursor
        self._stopped = False
        # Signed out: no edit until someone signs in (the window shows the lock screen).
        self.signed_out = False
        self._store: tuple[str, str] | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(SYNC_INTERVAL_MS)
        self._timer.timeout.connect(self.request_sync)
        engine.subscribe(self._on_state)

    @property
    def store_id(self) -> str | None:
        """Read from the replica once, then kept: views ask on the UI thread, and a tablet's
        store is fixed at enrolment (enrolling again wipes the replica and builds a new session)."""
        if self._store is None:
            found = self.replica.get_meta("store_id")
            if found is None:
                return None
            self._store = (found, self.replica.get_meta("store_code") or "")
        return self._store[0]

    @property
    def store_code(self) -> str:
        return self._store[1] if self.store_id is not None and self._store else ""

    @property
    def is_manager(self) -> bool:
        return self.staff.role in ("manager", "admin")

    def manager_api(self) -> ManagerApi:
        """The manager's own calls, over the engine's current connection to the server."""
        return ManagerApi(self.engine.api, self.staff_auth)

    def switch_staff(self, staff: StaffMember, staff_auth: StaffAuth | None) -> None:
        """Another assistant (or the same one, after a sign-out) takes the tablet: the next
        edits are hers, and so is the online sign-in used for live calls."""
        with self.replica.write() as conn:
            signins.switch_to(conn, staff.id)
        changed = staff.id != self.staff.id
        self.staff = staff
        self.staff_auth = staff_auth
        self.signed_out = False
        if changed:
            self.staffChanged.emit(staff)

    def sign_out_here(self) -> StaffAuth | None:
        """End her sign-in on this tablet now; returns her online sign-in to end on the server.

        Her queued edits (and those handed to the worker just before) name her session, made
        while it lasted, so they are still sent and counted as hers; a new edit needs someone
        to sign in again.
        """
        auth, self.staff_auth = self.staff_auth, None
        self.signed_out = True
        if not self._stopped:
            with self.replica.write() as conn:
                signins.forget(conn, self.staff.id)
        return auth

    async def sign_out(self) -> None:
        """End her sign-in here and on the server (offline it just ends here)."""
        auth = self.sign_out_here()
        if auth is not None:
            await auth.sign_out(self.engine.api)

    def call(
        self,
        coro: Coroutine[Any, Any, T],
        on_done: Callable[[T], None],
        on_error: Callable[[SyncError], None],
    ) -> asyncio.Task[None] | None:
        """Run a server call on the event loop; expected failures go to ``on_error``."""
        if self._stopped:
            coro.close()
            return None

        async def runner() -> None:
            try:
                result = await coro
            except SyncError as exc:
                if not self._stopped:
                    on_error(exc)
                return
            if not self._stopped:
                on_done(result)

        task = asyncio.ensure_future(runner())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    def pending_calls(self) -> list[asyncio.Task[Any]]:
        """Server calls and syncs still running (screenshots wait for them to settle)."""
        return [t for t in self._tasks if not t.done()]

    @property
    def state(self) -> SyncState:
        return self.engine.state

    def _on_state(self, state: SyncState) -> None:
        self.syncStateChanged.emit(state)

    # --- reads ---------------------------------------------------------------------------------

    def read(
        self,
        query: Callable[[Replica], T],
        on_done: Callable[[T], None],
        on_error: Callable[[Exception], None] | None = None,
    ) -> int:
        """Run ``query`` on a worker thread; ``on_done`` gets its result on the UI thread."""
        if self._stopped:
            return 0
        replica = self.replica
        return self.worker.submit(lambda: query(replica), on_done, on_error)

    # --- edits ---------------------------------------------------------------------------------

    def edit(self, change: Callable[[Replica, str], object], on_done: Callable[[], None]) -> None:
        """Apply an edit off the UI thread, then refresh the views and try to push it."""
        if self._stopped:
            return
        if self.signed_out:
            self.editFailed.emit(
                Failure(self.tr("Nobody is signed in on this tablet: sign in first."))
            )
            return

        def finished(_: object) -> None:
            self.engine.notify_local_edit()
            on_done()
            self.dataChanged.emit()
            self.request_sync()

        def failed(exc: Exception) -> None:
            self.editFailed.emit(explain(exc))

        staff_id = self.staff.id
        # The session is taken now, on the UI thread: the edit is hers even if she signs out or
        # someone else takes the tablet before the worker gets to it.
        session_id = signins.session_for(self.replica.read(), staff_id)

        def job() -> object:
            with edits.made_under(session_id):
                return change(self.replica, staff_id)

        self.worker.submit(job, finished, failed)

    # --- sync ----------------------------------------------------------------------------------

    def start(self) -> None:
        """Begin periodic background sync (and sync once now)."""
        self._stopped = False
        self._timer.start()
        self.request_sync()

    def stop(self) -> None:
        """Stop background sync and drop answers still on their way to closing views."""
        self._stopped = True
        self._timer.stop()
        self.worker.cancel_all()

    def request_sync(self) -> asyncio.Task[None] | None:
        """Schedule a sync on the event loop unless one is already running; never blocks."""
        if not self.engine.enrolled:
            return None
        for task in self._syncs:
            if not task.done():
                return task
        task = asyncio.ensure_future(self._sync())
        self._tasks.add(task)
        self._syncs.add(task)
        task.add_done_callback(self._tasks.discard)
        task.add_done_callback(self._syncs.discard)
        return task

    async def sync_now(self) -> None:
        """Sync and return when done (used by the first sync and by tests)."""
        running = [t for t in self._syncs if not t.done()]
        if running:
            await asyncio.gather(*running)
        await self._sync()

    async def _sync(self) -> None:
        try:
            report = await self.engine.sync_once()
        except SyncError as exc:
            log.info("sync failed: %s", exc.message)
        except Exception:
            log.exception("sync failed unexpectedly")
        else:
            if self.staff.id in report.dropped_staff and not self._stopped:
                self.staff_auth = None
                self.signed_out = True
                self.staffDropped.emit()
        if self._stopped:
            return  # the window is closing (or the tablet was wiped): nobody to tell
        if self.engine.state.cursor != self._last_cursor or self.engine.state.rejected_unseen:
            self._last_cursor = self.engine.state.cursor
            self.dataChanged.emit()

    def point_at(self, server_url: str) -> None:
        """Talk to another server address (IT moved it, or a test cuts the network)."""
        old = self.engine.api
        self.engine.server_url = server_url.rstrip("/")
        self.engine.api = ApiClient(
            self.engine.server_url,
            token=old.token,
            timeout=5.0,
            allow_insecure_http=old.allow_insecure_http,
        )
        # Closed now in the background, and awaited again by ``aclose`` in case the loop stops
        # first (closing twice is harmless): no connection is left open either way.
        self._retired.append(old)
        task = asyncio.ensure_future(old.aclose())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def dismiss_rejections(self) -> None:
        def change(replica: Replica, _staff: str) -> None:
            with replica.write() as conn:
                outbox.mark_rejections_seen(conn)

        self.edit(change, lambda: None)

    def shutdown(self) -> None:
        """Stop everything and let the worker threads go (before closing the replica)."""
        self.stop()
        self.worker.shutdown()

    async def aclose(self) -> None:
        self.shutdown()
        # A sync in flight finishes (it is short and keeps the replica consistent); server
        # calls whose answers nobody will read are cancelled.
        running = [t for t in self._syncs if not t.done()]
        if running:
            await asyncio.gather(*running, return_exceptions=True)
        for task in list(self._tasks):
            task.cancel()
        for client in self._retired:
            await client.aclose()
        self._retired.clear()
        await self.engine.aclose()
