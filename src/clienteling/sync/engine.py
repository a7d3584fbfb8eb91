"""The sync engine: push the outbox, pull changes, repair, and tell the UI how it is going.

One ``sync_once`` pushes queued edits in batches (a retried batch is answered from the server's
ledger, so nothing applies twice), then pulls pages until caught up, each page applied with its
cursor in one transaction. Network and server failures are retried with exponential backoff;
a 410 "reset required" wipes the server copy and resyncs from zero while keeping the outbox.
It runs on any asyncio loop (plain ``asyncio.run`` in the CLI, qasync in the app) and never
holds a database transaction across an ``await``.

Before each sync the device token is rotated once half its life has passed, and once per
engine the handshake tells the tablet the shared-tablet rules in force (offline sign-in days,
stale-sync lock). A complete pull drops deactivated staff from the offline sign-in cache. A
tablet a manager retired pushes its queued edits first and is then told to wipe itself; one
reported lost wipes at once: the engine forgets its token and calls ``on_wipe`` with the
server's code, and touches the replica no more (``on_wipe`` erased it).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import sqlite3
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import TypeVar

import httpx

from clienteling.protocol.messages import CustomerBundle, Mutation
from clienteling.protocol.pages import RowsPage
from clienteling.replica import outbox, policy, search, signins
from clienteling.replica.apply import (
    apply_changes,
    apply_rows,
    get_cursor,
    keep_stock_of,
    local_checksums,
    settle_after_full_pull,
    wipe_server_rows,
)
from clienteling.replica.clock import observe_server_time
from clienteling.replica.overlay import rebase
from clienteling.replica.store import Replica, get_meta, set_meta
from clienteling.sync.client import (
    ApiClient,
    DeviceLost,
    DeviceRetired,
    DeviceRevoked,
    EnrolResult,
    LoginResult,
    Offline,
    ResetRequired,
    SyncError,
    Unauthorized,
)
from clienteling.sync.credentials import TokenStore, account_for
from clienteling.sync.staff_auth import StaffAuth

log = logging.getLogger(__name__)
T = TypeVar("T")
_Fetched = tuple[RowsPage, int]  # a pull page and the tablet's time (ms) when it was asked for
PAGES_AHEAD = 4  # pages fetched and held while earlier ones are stored
BULK_PAGES_PER_COMMIT = 4  # pages stored per local transaction in a first sync


def _more(item: _Fetched | Exception) -> bool:
    return not isinstance(item, Exception) and item[0].header.has_more


@dataclass(frozen=True)
class SyncState:
    """What the status bar shows; a new object is emitted on every change."""

    online: bool | None = None
    syncing: bool = False
    last_sync_at: datetime | None = None
    pending: int = 0
    rejected_unseen: int = 0
    cursor: str = ""
    last_error: str | None = None


@dataclass(frozen=True)
class Progress:
    pages: int
    rows: int
    cursor: str
    done: bool


@dataclass
class SyncReport:
    pushed: int = 0
    applied: int = 0
    rejected: int = 0
    pulled_rows: int = 0
    pages: int = 0
    resets: int = 0
    cursor: str = ""
    superseded: int = 0
    # The server's time on the last page pulled, and staff dropped from the sign-in cache.
    server_time: datetime | None = None
    dropped_staff: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class IntegrityReport:
    ok: bool
    cursor: str
    mismatched: tuple[str, ...] = ()
    repaired: bool = False


@dataclass
class RetryPolicy:
    attempts: int = 5
    base_delay: float = 0.5
    max_delay: float = 30.0
    sleep: Callable[[float], Awaitable[None]] = field(default=asyncio.sleep)

    def delay(self, attempt: int) -> float:
        raw = min(self.max_delay, self.base_delay * (2**attempt))
        return raw * (0.5 + random.random() / 2)  # noqa: S311 - retry jitter, not a secret


class SyncEngine:
    """Client half of sync for one replica file and one server."""

    def __init__(
        self,
        replica: Replica,
        server_url: str,
        *,
        token: str | None = None,
        tokens: TokenStore | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        retry: RetryPolicy | None = None,
        on_state: Callable[[SyncState], None] | None = None,
        push_batch: int = 200,
        page_limit: int = 5000,
        timeout: float = 30.0,
        on_wipe: Callable[[str], None] | None = None,
        allow_insecure_http: bool = False,
    ) -> None:
        """``on_wipe(code)`` erases the tablet's copy when the server says so
        (``device_retired`` after the outbox was pushed, or ``device_lost``)."""
        self.replica = replica
        self.on_wipe = on_wipe or (lambda _code: None)
        self.server_url = server_url.rstrip("/")
        self.tokens = tokens
        if token is None and tokens is not None:
            token = tokens.get(account_for(self.server_url))
        self.api = ApiClient(
            self.server_url,
            token=token,
            transport=transport,
            timeout=timeout,
            allow_insecure_http=allow_insecure_http,
        )
        self.retry = retry or RetryPolicy()
        self.push_batch = push_batch
        self.page_limit = page_limit
        self._listeners: list[Callable[[SyncState], None]] = [on_state] if on_state else []
        self._lock = asyncio.Lock()
        self._hello_done = False
        # Set once ``on_wipe`` ran: the replica is gone, nothing may read or write it.
        self.wiped = False
        last = replica.get_meta("last_sync_at")
        self._state = SyncState(last_sync_at=datetime.fromisoformat(last) if last else None)
        self._refresh_counts()

    # --- state -----------------------------------------------------------------------------

    @property
    def state(self) -> SyncState:
        return self._state

    @property
    def enrolled(self) -> bool:
        return self.api.token is not None

    def subscribe(self, listener: Callable[[SyncState], None]) -> None:
        self._listeners.append(listener)
        listener(self._state)

    def _emit(self, **changes: object) -> None:
        self._state = replace(self._state, **changes)  # type: ignore[arg-type]
        for listener in self._listeners:
            try:
                listener(self._state)
            except Exception:
                log.exception("sync state listener failed")

    def _refresh_counts(self) -> None:
        if self.wiped:
            return
        conn = self.replica.read()
        pending = outbox.count(conn)
        unseen = int(
            conn.execute("SELECT count(*) FROM rejected_edit WHERE seen = 0").fetchone()[0]
        )
        self._state = replace(
            self._state, pending=pending, rejected_unseen=unseen, cursor=get_cursor(conn)
        )

    def notify_local_edit(self) -> None:
        """Call after an edit so the pending count shown is current."""
        self._refresh_counts()
        self._emit()

    async def aclose(self) -> None:
        await self.api.aclose()

    # --- plumbing ----------------------------------------------------------------------------

    async def _retrying(self, call: Callable[[], Awaitable[T]]) -> T:
        attempt = 0
        while True:
            try:
                result = await call()
            except SyncError as exc:
                if not exc.retryable or attempt + 1 >= self.retry.attempts:
                    raise
                self._emit(online=not isinstance(exc, Offline), last_error=exc.message)
                await self.retry.sleep(self.retry.delay(attempt))
                attempt += 1
                continue
            if self._state.online is not True:
                self._emit(online=True)
            return result

    # --- enrolment -------------------------------------------------------------------------------

    async def enrol(
        self, store_code: str, username: str, password: str, *, device_name: str = "tablet"
    ) -> EnrolResult:
        """Sign in as a manager and register this tablet for a store; keeps the device token.

        The manager's sign-in served only this and is ended right away.
        """
        login = await self._retrying(lambda: self.api.login(username, password))
        try:
            result = await self._retrying(
                lambda: self.api.enrol(login.access_token, store_code, device_name)
            )
        finally:
            with contextlib.suppress(SyncError):
                await self.api.logout(login.refresh_token)
        self.api.token = result.device_token
        if self.tokens is not None:
            self.tokens.set(account_for(self.server_url), result.device_token)
        with self.replica.write() as conn:
            previous = conn.execute("SELECT value FROM meta WHERE key = 'store_id'").fetchone()
            if previous is not None and previous[0] != result.store_id:
                # Another store's bucket: start from zero, but keep unsent edits.
                wipe_server_rows(conn)
            set_meta(conn, "server_url", self.server_url)
            set_meta(conn, "device_id", result.device_id)
            set_meta(conn, "store_id", result.store_id)
            set_meta(conn, "store_code", result.store_code)
            if result.token_issued_at and result.token_expires_at:
                _save_token_life(conn, result.token_issued_at, result.token_expires_at)
        self._refresh_counts()
        return result

    async def sign_in(self, username: str, password: str) -> LoginResult:
        """Sign an assistant in on this tablet (bound to it): her edits from now on name her
        session, which is how the server knows they are hers."""
        login = await self._retrying(
            lambda: self.api.login(username, password, device_token=self.api.token)
        )
        with self.replica.write() as conn:
            at = policy.note_time(conn, self.replica.wall_clock)
            signins.remember(conn, login.staff, login.session_id, at)
        return login

    # --- device token ------------------------------------------------------------------------

    async def rotate_token_if_due(self) -> bool:
        """Rotate the device token once half its life has passed; True if it was rotated.

        The new token is stored before anything else; if that answer is lost, the old token
        still works for a while and the next sync rotates again.
        """
        conn = self.replica.read()
        issued, expires = conn.execute(
            "SELECT (SELECT value FROM meta WHERE key = 'device_token_issued_at'), "
            "(SELECT value FROM meta WHERE key = 'device_token_expires_at')"
        ).fetchone()
        if issued is None or expires is None:
            # Enrolled before tokens expired: the handshake says when this one does.
            hello = await self._retrying(self.api.handshake)
            if hello.device_token_issued_at is None or hello.device_token_expires_at is None:
                return False
            with self.replica.write() as wconn:
                _save_token_life(wconn, hello.device_token_issued_at, hello.device_token_expires_at)
            issued = hello.device_token_issued_at.isoformat()
            expires = hello.device_token_expires_at.isoformat()
        start, end = datetime.fromisoformat(issued), datetime.fromisoformat(expires)
        if datetime.now(UTC) < start + (end - start) / 2:
            return False
        rotated = await self._retrying(self.api.rotate_token)
        self.api.token = rotated.device_token
        if self.tokens is not None:
            self.tokens.set(account_for(self.server_url), rotated.device_token)
        with self.replica.write() as wconn:
            _save_token_life(wconn, rotated.token_issued_at, rotated.token_expires_at)
        log.info("device token rotated; the new one expires %s", rotated.token_expires_at)
        return True

    async def hello_if_due(self) -> None:
        """Once per engine: the handshake's shared-tablet rules (and token life) kept locally.

        A refusal that is not about the network or the tablet (an old server) keeps the rules
        as they were; the next engine asks again.
        """
        if self._hello_done:
            return
        try:
            hello = await self._retrying(self.api.handshake)
        except SyncError as exc:
            if exc.retryable or isinstance(exc, DeviceRevoked):
                raise
            log.info("handshake failed, rules kept as they were: %s", exc.message)
            self._hello_done = True
            return
        with self.replica.write() as conn:
            policy.save(
                conn,
                offline_signin_days=hello.offline_signin_days,
                stale_sync_lock_days=hello.stale_sync_lock_days,
            )
            known = get_meta(conn, "device_token_expires_at") is not None
            if not known and hello.device_token_issued_at and hello.device_token_expires_at:
                _save_token_life(conn, hello.device_token_issued_at, hello.device_token_expires_at)
        self._hello_done = True

    def _revoked(self, exc: DeviceRevoked) -> None:
        """The server revoked this tablet: forget the token and let ``on_wipe`` erase it."""
        log.warning("this tablet was revoked (%s): wiping it", exc.code)
        if self.tokens is not None:
            self.tokens.delete(account_for(self.server_url))
        self.api.token = None
        if exc.wipe:
            self.wiped = True
            self.on_wipe(exc.code)

    # --- sync --------------------------------------------------------------------------------

    async def sync_once(self, progress: Callable[[Progress], None] | None = None) -> SyncReport:
        """Push everything queued, then pull until caught up. Raises ``SyncError`` on failure."""
        if not self.enrolled:
            raise Unauthorized("This tablet is not enrolled yet.")
        async with self._lock:
            self._emit(syncing=True)
            report = SyncReport()
            pushed = False
            try:
                with contextlib.suppress(DeviceRetired):  # still allowed to push: see below
                    await self.hello_if_due()
                    await self.rotate_token_if_due()
                await self._push_all(report)
                pushed = True
                await self._pull_all(report, progress)
            except SyncError as exc:
                if isinstance(exc, DeviceLost) or (isinstance(exc, DeviceRetired) and pushed):
                    self._revoked(exc)
                self._refresh_counts()
                self._emit(
                    syncing=False,
                    online=False if isinstance(exc, Offline) else self._state.online,
                    last_error=exc.message,
                )
                raise
            except Exception as exc:
                log.exception("sync failed unexpectedly")
                self._emit(syncing=False, last_error=f"Unexpected sync error: {exc}")
                raise
            now = datetime.now(UTC)
            with self.replica.write() as conn:
                set_meta(conn, "last_sync_at", now.isoformat())
                if report.server_time is not None:
                    policy.note_sync(conn, report.server_time)
            self._refresh_counts()
            self._emit(syncing=False, online=True, last_sync_at=now, last_error=None)
            report.cursor = self._state.cursor
            return report

    async def push(self) -> SyncReport:
        """Push only (e.g. right after an edit when online)."""
        report = SyncReport()
        async with self._lock:
            try:
                await self._push_all(report)
            except DeviceLost as exc:
                self._revoked(exc)
                raise
        self._refresh_counts()
        self._emit()
        return report

    async def _push_all(self, report: SyncReport) -> None:
        while True:
            batch: list[Mutation] = outbox.peek(self.replica.read(), self.push_batch)
            if not batch:
                return
            with self.replica.write() as conn:
                outbox.note_attempt(conn, [m.id for m in batch])
            result = await self._retrying(lambda b=batch: self.api.push(b))  # type: ignore[misc]
            sent = {m.id for m in batch}
            settled = 0
            with self.replica.write() as conn:
                rebased: set[str] = set()
                for outcome in result.outcomes:
                    if outcome.mutation_id not in sent:
                        continue
                    customer_id = outbox.settle(conn, outcome)
                    settled += 1
                    if outcome.status == "applied":
                        report.applied += 1
                        if outcome.lost:
                            report.superseded += 1
                            log.info(
                                "edit %s kept, but a later edit holds %s",
                                outcome.mutation_id,
                                [lost.field for lost in outcome.lost],
                            )
                            if customer_id:
                                rebased.add(customer_id)
                    else:
                        report.rejected += 1
                        log.info(
                            "edit %s rejected: %s %s",
                            outcome.mutation_id,
                            outcome.code,
                            outcome.reason,
                        )
                        if customer_id:
                            rebased.add(customer_id)
                if rebased:
                    rebase(conn, rebased)
                    search.reindex(conn, rebased)
            report.pushed += settled
            if settled == 0:
                raise SyncError("The server did not answer for the edits sent; will retry later.")

    async def _pull_all(
        self, report: SyncReport, progress: Callable[[Progress], None] | None
    ) -> None:
        """Pull pages until caught up (starting over once if the server asks for a resync)."""
        reset_done = False
        cursor = get_cursor(self.replica.read())
        # A first sync into an empty replica skips fsyncs (a crash then means starting over,
        # and there is nothing else in the file to lose); normal durability comes back after.
        bulk = cursor == "" and outbox.count(self.replica.read()) == 0
        if bulk:
            self.replica.set_bulk_load(True)
            with self.replica.write() as conn:
                search.defer_rebuild(conn)
        try:
            while True:
                try:
                    await self._pull_from(cursor, report, progress, bulk=bulk)
                    return
                except ResetRequired:
                    if reset_done:
                        raise
                    log.warning("server asked for a full resync (cursor %s too old)", cursor)
                    with self.replica.write() as conn:
                        wipe_server_rows(conn)
                    reset_done = True
                    report.resets += 1
                    cursor = ""
        finally:
            if bulk:
                self.replica.set_bulk_load(False)

    async def _pull_from(
        self,
        cursor: str,
        report: SyncReport,
        progress: Callable[[Progress], None] | None,
        *,
        bulk: bool,
    ) -> None:
        """Pages are fetched ahead by a task of their own while earlier ones are stored.

        Each local transaction stores the pages that have arrived — up to
        ``BULK_PAGES_PER_COMMIT`` in a first sync, where a commit per page wrote the same index
        pages again and again, one otherwise — with the cursor of its last page, so an
        interruption resumes exactly after what was stored. Pages are written on a worker
        thread (SQLite lets go of the GIL), so the next ones arrive meanwhile.
        """
        arrived: asyncio.Queue[_Fetched | Exception] = asyncio.Queue(maxsize=PAGES_AHEAD)

        async def fetch_from(cursor: str) -> None:
            try:
                while True:
                    fetched = await self._fetch_page(cursor)
                    await arrived.put(fetched)
                    if not fetched[0].header.has_more:
                        return
                    cursor = fetched[0].header.cursor
            except Exception as exc:  # handed over in order, after the pages before it
                await arrived.put(exc)

        fetcher = asyncio.ensure_future(fetch_from(cursor))
        per_commit = BULK_PAGES_PER_COMMIT if bulk else 1
        try:
            while True:
                batch = [await arrived.get()]
                while len(batch) < per_commit and _more(batch[-1]) and not arrived.empty():
                    batch.append(arrived.get_nowait())
                pages = [b for b in batch if not isinstance(b, Exception)]
                if pages:
                    report.dropped_staff += await asyncio.to_thread(self._store_pages, pages)
                    head = pages[-1][0].header
                    report.server_time = head.server_time
                    report.pages += len(pages)
                    report.pulled_rows += sum(len(page.rows) for page, _ in pages)
                    self._emit(cursor=head.cursor)
                    if progress is not None:
                        done = not head.has_more
                        progress(Progress(report.pages, report.pulled_rows, head.cursor, done))
                if isinstance(batch[-1], Exception):
                    raise batch[-1]
                if not pages[-1][0].header.has_more:
                    return
        finally:
            if not fetcher.done():
                fetcher.cancel()
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await fetcher

    def _store_pages(self, pages: list[_Fetched]) -> list[str]:
        """Pages and the last one's cursor in one local transaction; after the last page of
        the pull, staff no longer allowed here leave the tablet: returns who.

        The server's time is compared with this tablet's at the middle of the request, not at
        the moment the page is stored (that may be seconds later, after the pages before it)."""
        dropped: list[str] = []
        with self.replica.write() as conn:
            for page, asked_at_ms in pages:
                head = page.header
                apply_rows(conn, page.rows, cursor=head.cursor)
                if head.stock_stores:
                    keep_stock_of(conn, head.stock_stores)
                observe_server_time(conn, int(head.server_time.timestamp() * 1000), asked_at_ms)
            if not pages[-1][0].header.has_more:
                settle_after_full_pull(conn)
                dropped = signins.follow_staff_rows(conn, get_meta(conn, "store_id"))
        return dropped

    async def _fetch_page(self, cursor: str) -> _Fetched:
        """The page, and this tablet's time halfway through the request that brought it."""

        async def once() -> _Fetched:
            sent = self.replica.wall_clock()
            page = await self.api.pull_rows(cursor, self.page_limit)
            return page, int((sent + self.replica.wall_clock()) * 500)

        return await self._retrying(once)

    # --- on-demand customers -----------------------------------------------------------------

    async def lookup(
        self, kind: str, value: str, staff: StaffAuth, purpose: str = "in_store"
    ) -> str:
        """Fetch a customer outside the store's bucket by card, e-mail or phone; returns her id.

        Done for the assistant signed in online (``staff``): the server limits and audits
        look-ups per tablet and per assistant. Raises ``NotFound`` if the server does not know
        her, ``Offline`` when offline, ``SignInRequired`` when she signed in offline, and
        ``ApiError`` (code ``lookup_limit``) when the hourly look-up limit is reached.
        """

        async def ask() -> CustomerBundle:
            return await staff.call(
                self.api, lambda token: self.api.lookup(kind, value, purpose, token)
            )

        bundle = await self._retrying(ask)
        with self.replica.write() as conn:
            apply_changes(conn, bundle.changes)
        return bundle.customer_id

    async def refresh_customer(self, customer_id: str) -> None:
        """Re-fetch one customer in scope (e.g. before showing a 360 after a long offline)."""
        bundle = await self._retrying(lambda: self.api.customer(customer_id))
        with self.replica.write() as conn:
            apply_changes(conn, bundle.changes)

    # --- integrity ---------------------------------------------------------------------------

    async def check_integrity(self, *, repair: bool = True) -> IntegrityReport:
        """Compare per-entity counts and checksums with the server; resync what differs."""
        mismatched = await self._compare()
        if not mismatched or not repair:
            return IntegrityReport(
                ok=not mismatched, cursor=self._state.cursor, mismatched=tuple(mismatched)
            )
        log.warning("replica differs from the server in %s; repairing", mismatched)
        async with self._lock:
            with self.replica.write() as conn:
                wipe_server_rows(conn, mismatched)
            await self._pull_all(SyncReport(), None)
        still = await self._compare()
        self._refresh_counts()
        self._emit()
        return IntegrityReport(
            ok=not still, cursor=self._state.cursor, mismatched=tuple(mismatched), repaired=True
        )

    async def _compare(self) -> list[str]:
        for _ in range(5):
            async with self._lock:
                await self._pull_all(SyncReport(), None)
            sums = await self._retrying(self.api.checksums)
            conn = self.replica.read()
            if get_cursor(conn) != sums.cursor:
                continue  # the server moved on while we compared: pull and compare again
            local = local_checksums(conn)
            return sorted(
                name
                for name, remote in sums.entities.items()
                if local.get(name, (0, 0)) != (remote.count, remote.checksum)
            )
        raise SyncError("The server kept changing during the integrity check; try again later.")

    # --- background loop ---------------------------------------------------------------------

    async def run(self, interval: float = 30.0, stop: asyncio.Event | None = None) -> None:
        """Sync every ``interval`` seconds until ``stop`` is set; errors only update the state."""
        stop = stop or asyncio.Event()
        while not stop.is_set():
            try:
                await self.sync_once()
            except SyncError as exc:
                log.info("sync failed: %s", exc.message)
            try:
                await asyncio.wait_for(stop.wait(), timeout=interval)
            except TimeoutError:
                continue


def _save_token_life(conn: sqlite3.Connection, issued: datetime, expires: datetime) -> None:
    set_meta(conn, "device_token_issued_at", issued.isoformat())
    set_meta(conn, "device_token_expires_at", expires.isoformat())
