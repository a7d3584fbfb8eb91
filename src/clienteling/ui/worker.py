"""Run replica queries and edits on a thread pool so the UI thread never waits on SQLite.

Each call gets a ticket; a result arrives as a queued signal on the UI thread. Callers that
only care about the latest request (search as you type) drop answers to stale tickets.

The pool is made of Python threads, not ``QThreadPool``: the replica keeps one read connection
per thread in a ``threading.local``, and a Qt pool thread gets a fresh Python thread state (so
a fresh, never-closed connection and page cache) for every job, which grew memory without bound.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, wait
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

log = logging.getLogger(__name__)


class _Relay(QObject):
    done = Signal(int, object)
    failed = Signal(int, object)


def _job(ticket: int, fn: Callable[[], Any], relay: _Relay) -> None:
    try:
        result = fn()
    except Exception as exc:  # delivered to the caller, who decides how to show it
        relay.failed.emit(ticket, exc)
        return
    relay.done.emit(ticket, result)


class Worker(QObject):
    """Off-thread execution with callbacks on the UI thread."""

    def __init__(self, parent: QObject | None = None, threads: int = 2) -> None:
        super().__init__(parent)
        self.pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="ui-worker")
        self._futures: set[Any] = set()
        self._relay = _Relay(self)
        self._relay.done.connect(self._on_done)
        self._relay.failed.connect(self._on_failed)
        self._next = 0
        self._callbacks: dict[
            int, tuple[Callable[[Any], None], Callable[[Exception], None] | None]
        ] = {}

    def submit(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[Exception], None] | None = None,
    ) -> int:
        self._next += 1
        ticket = self._next
        self._callbacks[ticket] = (on_done, on_error)
        future = self.pool.submit(_job, ticket, fn, self._relay)
        self._futures.add(future)
        future.add_done_callback(self._futures.discard)
        return ticket

    def cancel_all(self) -> None:
        """Forget every pending callback (their widgets are going away)."""
        self._callbacks.clear()

    def busy(self) -> bool:
        return bool(self._callbacks)

    def wait_idle(self, msecs: int = 10_000) -> bool:
        """Wait for running jobs (their answers are still delivered by the event loop)."""
        _, not_done = wait(list(self._futures), timeout=msecs / 1000)
        return not not_done

    def shutdown(self) -> None:
        self.cancel_all()
        self.pool.shutdown(wait=True, cancel_futures=True)

    @Slot(int, object)
    def _on_done(self, ticket: int, result: object) -> None:
        callbacks = self._callbacks.pop(ticket, None)
        if callbacks is not None:
            callbacks[0](result)

    @Slot(int, object)
    def _on_failed(self, ticket: int, exc: object) -> None:
        callbacks = self._callbacks.pop(ticket, None)
        if callbacks is None:
            return
        if callbacks[1] is not None and isinstance(exc, Exception):
            callbacks[1](exc)
        else:
            log.error("background job failed", exc_info=exc if isinstance(exc, Exception) else None)
