"""Fixtures for the app's tests: a qasync loop on pytest-qt's QApplication, and signed-in
tablets against the real server (``live_server`` from tests/conftest.py)."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import qasync
import shiboken6
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from clienteling.ui import i18n, theme
from tests.ui.ui_helpers import MANAGER, Device, Runner


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # The offscreen platform warns that it cannot propagate size hints; harmless here.
    for item in items:
        if "tests/ui/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.qt_log_ignore("does not support propagateSizeHints"))


@pytest.fixture
def loop(qapp: QApplication, tmp_path: Path) -> Iterator[qasync.QEventLoop]:
    """A qasync loop that counts as running while pytest-qt spins Qt events."""
    # Settings (the language choice) go to this test's folder, never to the real user profile.
    qapp.setOrganizationName("ClientelingTests")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))
    theme.apply(qapp)
    i18n.install("es")
    event_loop = qasync.QEventLoop(qapp)
    asyncio.set_event_loop(event_loop)
    asyncio.events._set_running_loop(event_loop)
    yield event_loop
    pending = [t for t in asyncio.all_tasks(event_loop) if not t.done()]
    for task in pending:
        task.cancel()
    asyncio.events._set_running_loop(None)
    if pending:
        # Let the cancelled tasks unwind (close their connections) before the loop goes.
        event_loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
    event_loop.close()
    asyncio.set_event_loop(None)
    # The next test (in any folder) starts on the source strings, not this test's language.
    i18n.uninstall()
    # Kill the loop's Qt timers here, on the GUI thread: if the garbage collector ran later on a
    # worker thread, Qt would warn that timers cannot be stopped from another thread.
    timer = event_loop._timer
    for timer_id in list(timer._SimpleTimer__callbacks):
        timer.killTimer(timer_id)
    timer._SimpleTimer__callbacks.clear()
    del timer, event_loop
    gc.collect()


@pytest.fixture
def run(qtbot: QtBot, loop: qasync.QEventLoop) -> Runner:
    return Runner(qtbot, loop)


@pytest.fixture
def tablet(tmp_path: Path, live_server: Any, run: Runner, qtbot: QtBot) -> Iterator[Device]:
    """The app signed in as the demo assistant on an enrolled, synced tablet."""
    device = Device(tmp_path / "tablet", live_server.url, run, "tablet")
    device.sign_in(qtbot)
    yield device
    if device.window is not None and shiboken6.isValid(device.window):
        device.window.close()
    device.close()


@pytest.fixture
def other_device(tmp_path: Path, live_server: Any, run: Runner) -> Iterator[Device]:
    """A second tablet of the same store, driven through its engine only (the manager is
    signed in on it, so its edits have an author)."""
    device = Device(tmp_path / "other", live_server.url, run, "other")
    run(device.engine.sign_in(MANAGER, "demo"))
    yield device
    device.close()
