"""Helpers for the app's tests: a coroutine runner that spins Qt, and enrolled tablets."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Coroutine
from pathlib import Path
from typing import Any, TypeVar

import qasync
from pytestqt.qtbot import QtBot

from clienteling.replica import pins, policy
from clienteling.replica.store import Replica
from clienteling.sync.engine import RetryPolicy, SyncEngine
from clienteling.sync.staff_auth import StaffAuth
from clienteling.ui.main_window import DEFAULT_LOCK_AFTER_MS, MainWindow
from clienteling.ui.session import Session, StaffMember
from clienteling.ui.views.dialogs import EnrolDialog

T = TypeVar("T")
ASSISTANT = "dependienta.mad01"
MANAGER = "gerente.mad01"


async def _no_sleep(_: float) -> None:
    """Retries without waiting: tests never depend on timing."""


def fast_retry() -> RetryPolicy:
    return RetryPolicy(attempts=2, sleep=_no_sleep)


def dead_url() -> str:
    """A loopback address where nothing listens: the network is down."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


class Runner:
    """Run coroutines on the qasync loop and wait for them by spinning Qt (no sleeps)."""

    def __init__(self, qtbot: QtBot, loop: qasync.QEventLoop) -> None:
        self.qtbot = qtbot
        self.loop = loop

    def __call__(self, coro: Coroutine[Any, Any, T], timeout: int = 30_000) -> T:
        task = asyncio.ensure_future(coro, loop=self.loop)
        self.qtbot.waitUntil(task.done, timeout=timeout)
        return task.result()

    def wait_task(self, task: asyncio.Task[Any] | None, timeout: int = 30_000) -> None:
        if task is not None:
            self.qtbot.waitUntil(task.done, timeout=timeout)


class Device:
    """One enrolled tablet: replica + engine (+ a signed-in session and window when asked)."""

    def __init__(self, folder: Path, url: str, run: Runner, name: str) -> None:
        self.replica = Replica.in_dir(folder)
        self.engine = SyncEngine(self.replica, url, retry=fast_retry())
        self.run = run
        run(self.engine.enrol("MAD01", "admin", "admin", device_name=name))
        run(self.engine.sync_once(), timeout=60_000)
        self._session: Session | None = None
        self._window: MainWindow | None = None

    @property
    def session(self) -> Session:
        assert self._session is not None, "sign_in() first"
        return self._session

    @property
    def window(self) -> MainWindow:
        assert self._window is not None, "sign_in() first"
        return self._window

    def give_pin(self, username: str, pin: str) -> str:
        """She signs in online on this tablet and sets her PIN; returns her staff id."""
        login = self.run(self.engine.sign_in(username, "demo"))
        staff_id = str(login.staff["id"])
        pins.set_pin(self.replica, staff_id, pin, policy.now(self.replica.read()))
        return staff_id

    def open_session(self, username: str = ASSISTANT) -> Session:
        """She signs in online: the app's session, without a window (for views tested alone)."""
        login = self.run(self.engine.sign_in(username, "demo"))
        self._session = Session(
            self.replica,
            self.engine,
            StaffMember.from_api(login.staff),
            staff_auth=StaffAuth(login),
        )
        return self._session

    def sign_in(
        self, qtbot: QtBot, username: str = ASSISTANT, *, lock_after_ms: int = DEFAULT_LOCK_AFTER_MS
    ) -> MainWindow:
        self._window = MainWindow(self.open_session(username), lock_after_ms=lock_after_ms)
        qtbot.addWidget(self._window)
        self._window.show()
        return self._window

    def close(self) -> None:
        if self._session is not None:
            self.run(self._session.aclose())
        else:
            self.run(self.engine.aclose())
        self.replica.close()


def enrol_through_app(launcher: Any, server_url: str, store: str = "MAD01") -> None:
    """Start the app on a new tablet and enrol it as the store's manager, through its dialog."""
    launcher.start()
    enrol = launcher.dialog
    assert isinstance(enrol, EnrolDialog)
    enrol.server.setText(server_url)
    enrol.store.setText(store)
    enrol.username.setText("gerente.mad01")
    enrol.password.setText("demo")
    enrol.buttons.accepted.emit()
