"""The shared tablet in the app, against the real server: PINs and their throttle, auto-lock,
quick switch (who authors the next edit and the next "customer opened"), sign-out, the offline
window, deactivated staff and the stale-sync lock."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot
from sqlmodel import Session as DbSession
from sqlmodel import col, select

from clienteling.replica import edits, pins
from clienteling.replica.schema import table
from clienteling.sync.client import ApiClient, SignInRequired
from clienteling.ui.idle import InactivityWatcher
from clienteling.ui.main_window import MainWindow
from clienteling.ui.views.lock_screen import LockScreen
from sync_server.domain.models import AuditLog, Note
from tests.ui.ui_helpers import ASSISTANT, MANAGER, Device, Runner, dead_url

ASSISTANT_PIN = "4826"
MANAGER_PIN = "5937"
WAIT = 10_000


class Clock:
    """The tablet's wall clock, moved by the test (never slept on)."""

    def __init__(self) -> None:
        self.offset = 0.0

    def __call__(self) -> float:
        return time.time() + self.offset

    def advance(self, seconds: float) -> None:
        self.offset += seconds


@dataclass
class Shared:
    device: Device
    clock: Clock
    assistant: str  # staff ids
    manager: str


@pytest.fixture
def shared(tmp_path: Path, live_server: Any, run: Runner) -> Iterator[Shared]:
    """A tablet where the assistant and the manager both have a PIN; nobody signed in yet."""
    device = Device(tmp_path / "tablet", live_server.url, run, "shared")
    clock = Clock()
    device.replica.wall_clock = clock
    manager = device.give_pin(MANAGER, MANAGER_PIN)
    assistant = device.give_pin(ASSISTANT, ASSISTANT_PIN)
    yield Shared(device, clock, assistant, manager)
    window = device._window
    if window is not None and shiboken6.isValid(window):
        window.close()
    device.close()


def _home_customer(device: Device) -> str:
    row = (
        device.replica.read()
        .execute(
            f"SELECT customer_id FROM {table('customer')} WHERE home_store_id = "
            "(SELECT value FROM meta WHERE key = 'store_id') ORDER BY customer_id LIMIT 1"
        )
        .fetchone()
    )
    return str(row[0])


def _open(qtbot: QtBot, window: MainWindow, customer_id: str) -> None:
    with qtbot.waitSignal(window.customer_view.loaded, timeout=WAIT):
        window.open_customer(customer_id)


def _lock(qtbot: QtBot, window: MainWindow) -> LockScreen:
    window.lock_button.click()
    screen = window.lock_screen
    assert window.pages.currentWidget() is screen and not window.content.isVisible()
    return screen


def _pin_page_for(qtbot: QtBot, screen: LockScreen, name_is: Callable[[str], bool]) -> None:
    qtbot.waitUntil(lambda: screen.pages.currentWidget() is screen.pin_page, timeout=WAIT)
    assert screen.chosen is not None and name_is(screen.chosen.username)


def _viewed(server: Any, customer_id: str) -> list[tuple[str | None, datetime]]:
    """Who opened her record, and when, as the server's audit log says."""
    with DbSession(server.engine) as db:
        rows = db.exec(
            select(AuditLog)
            .where(AuditLog.action == "customer.viewed", AuditLog.customer_id == customer_id)
            .order_by(col(AuditLog.id))
        ).all()
    return [(row.staff_id, row.at) for row in rows]


def _note_author(server: Any, body: str) -> str | None:
    with DbSession(server.engine) as db:
        return db.exec(select(Note).where(Note.body == body)).one().author_staff_id


def test_inactivity_locks_the_window_and_hides_customer_data(qtbot: QtBot, shared: Shared) -> None:
    window = shared.device.sign_in(qtbot, ASSISTANT)
    customer_id = _home_customer(shared.device)
    _open(qtbot, window, customer_id)
    name = window.customer_view.header.name.text()
    assert name and window.customer_view.header.name.isVisible()

    with qtbot.waitSignal(window.lockedChanged, timeout=WAIT) as locked:
        window.idle.set_interval(200)  # then nobody touches the tablet
    assert locked.args == [True]
    screen = window.lock_screen
    assert window.pages.currentWidget() is screen
    assert not window.content.isVisible() and not window.customer_view.header.name.isVisible()
    assert not window.search.isVisible()
    shown = " ".join(label.text() for label in screen.findChildren(QLabel) if label.isVisible())
    assert name not in shown
    # She is still signed in: her own PIN page, with the quick switch beside it.
    _pin_page_for(qtbot, screen, lambda user: user == ASSISTANT)
    assert screen.other_button.isVisible()
    assert min(key.height() for key in screen.pin_pad.keys.values()) >= 48  # finger-sized

    screen.pin_pad.type_pin(ASSISTANT_PIN)
    with qtbot.waitSignal(window.lockedChanged, timeout=WAIT) as unlocked:
        screen.pin_pad.ok.click()
    assert unlocked.args == [False]
    assert window.content.isVisible() and window.customer_view.header.name.text() == name
    assert window.session.staff.username == ASSISTANT


def test_input_anywhere_restarts_the_inactivity_timer(qtbot: QtBot) -> None:
    watcher = InactivityWatcher(60_000)
    watcher.start()
    watcher._timer.stop()  # as if the minutes had almost run out
    app = QApplication.instance()
    assert app is not None
    target = QLabel()
    qtbot.addWidget(target)
    QApplication.sendEvent(
        target,
        QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier, "a"),
    )
    assert watcher._timer.isActive() and watcher._timer.remainingTime() > 59_000
    watcher.stop()
    watcher._timer.stop()
    QApplication.sendEvent(
        target,
        QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier, "a"),
    )
    assert not watcher._timer.isActive()  # stopped watchers stay out of the way


def _seconds(message: str) -> int:
    found = re.search(r"(\d+) segundos?", message)
    return int(found.group(1)) if found else 0


def test_wrong_pins_wait_with_a_countdown_then_lock_until_a_password_sign_in(
    qtbot: QtBot, shared: Shared
) -> None:
    window = shared.device.sign_in(qtbot, ASSISTANT)
    screen = _lock(qtbot, window)
    _pin_page_for(qtbot, screen, lambda user: user == ASSISTANT)
    clock = shared.clock

    def wrong() -> None:
        screen.pin_pad.type_pin("9182")
        screen.pin_pad.ok.click()
        qtbot.waitUntil(lambda: screen._waiting is None, timeout=WAIT)

    wrong()
    assert "4 intentos" in screen.pin_message.text()
    wrong()
    assert "3 intentos" in screen.pin_message.text()
    wrong()  # the third: a 30-second wait, counted down, the pad off meanwhile
    assert 28 <= _seconds(screen.pin_message.text()) <= 30
    assert not screen.pin_pad.isEnabled() and not screen.pin_field.isEnabled()
    clock.advance(12)
    qtbot.waitUntil(lambda: 0 < _seconds(screen.pin_message.text()) <= 18, timeout=WAIT)
    assert not screen.pin_pad.isEnabled()
    clock.advance(18)
    qtbot.waitUntil(screen.pin_pad.isEnabled, timeout=WAIT)
    wrong()  # the fourth: 60 seconds
    assert 58 <= _seconds(screen.pin_message.text()) <= 60
    clock.advance(60)
    qtbot.waitUntil(screen.pin_pad.isEnabled, timeout=WAIT)
    wrong()  # the fifth: locked, only her password helps now
    assert screen.pages.currentWidget() is screen.password_page
    assert "bloqueado" in screen.password_notice.text()
    assert screen.username.text() == ASSISTANT
    cached = pins.get(shared.device.replica.read(), shared.assistant)
    assert cached is not None and cached.locked
    screen.show_people()
    qtbot.waitUntil(
        lambda: "PIN bloqueado" in screen.person_buttons[shared.assistant].text(), timeout=WAIT
    )

    # The online password sign-in unlocks her PIN (she keeps it: "Not now").
    screen.person_buttons[shared.assistant].click()
    assert screen.pages.currentWidget() is screen.password_page
    screen.password.setText("demo")
    screen.sign_in_button.click()
    qtbot.waitUntil(lambda: screen.pages.currentWidget() is screen.set_pin_page, timeout=WAIT)
    with qtbot.waitSignal(window.lockedChanged, timeout=WAIT):
        screen.skip_button.click()
    cached = pins.get(shared.device.replica.read(), cached.staff_id)
    assert cached is not None and (cached.locked, cached.failures) == (False, 0)
    assert window.session.staff_auth is not None
    screen = _lock(qtbot, window)
    _pin_page_for(qtbot, screen, lambda user: user == ASSISTANT)
    screen.pin_pad.type_pin(ASSISTANT_PIN)
    with qtbot.waitSignal(window.lockedChanged, timeout=WAIT):
        screen.pin_pad.ok.click()


def test_quick_switch_makes_the_next_edit_and_view_the_others_on_the_server(
    qtbot: QtBot, shared: Shared, run: Runner, live_server: Any
) -> None:
    window = shared.device.sign_in(qtbot, ASSISTANT)
    assistant_id, manager_id = shared.assistant, shared.manager
    assert window.manager_button is None
    customer_id = _home_customer(shared.device)
    _open(qtbot, window, customer_id)

    screen = _lock(qtbot, window)
    _pin_page_for(qtbot, screen, lambda user: user == ASSISTANT)
    screen.other_button.click()  # someone else takes the tablet
    qtbot.waitUntil(lambda: manager_id in screen.person_buttons, timeout=WAIT)
    screen.person_buttons[manager_id].click()
    screen.pin_pad.type_pin(MANAGER_PIN)
    with qtbot.waitSignal(window.lockedChanged, timeout=WAIT):
        screen.pin_pad.ok.click()
    assert window.session.staff.id == manager_id
    assert window.manager_button is not None  # her window, her modes
    assert window.stack.currentWidget() is window.search_view  # nothing of the other's open
    assert window.session.staff.display_name in window.staff_label.text()

    # Offline now: her view and her note wait on the tablet until the next sync.
    window.session.point_at(dead_url())
    _open(qtbot, window, customer_id)
    done: list[bool] = []
    window.session.edit(
        lambda r, s: edits.add_note(r, customer_id, "Nota de la gerente", staff_id=s),
        lambda: done.append(True),
    )
    qtbot.waitUntil(lambda: bool(done), timeout=WAIT)
    (opened,) = [
        datetime.fromisoformat(at)
        for (at,) in shared.device.replica.read().execute(
            "SELECT json_extract(body, '$.created_at') FROM outbox WHERE kind = 'customer.viewed'"
        )
    ]
    window.session.point_at(live_server.url)
    before_sync = datetime.now(UTC)
    run(window.session.sync_now())

    viewed = _viewed(live_server, customer_id)
    assert [staff for staff, _ in viewed] == [assistant_id, manager_id]
    assert _note_author(live_server, "Nota de la gerente") == manager_id
    # Recorded at the moment she opened it on the tablet, not when the tablet synced.
    recorded = viewed[-1][1]
    assert abs((recorded - opened).total_seconds()) < 0.001 and recorded < before_sync


def test_sign_out_ends_her_server_session_and_her_queued_edit_stays_hers(
    qtbot: QtBot, shared: Shared, run: Runner, live_server: Any
) -> None:
    window = shared.device.sign_in(qtbot, ASSISTANT)
    session = window.session
    auth = session.staff_auth
    assert auth is not None
    customer_id = _home_customer(shared.device)
    # Offline, she writes a note: it waits in the outbox, naming her sign-in.
    session.point_at(dead_url())
    done: list[bool] = []
    session.edit(
        lambda r, s: edits.add_note(r, customer_id, "Antes de salir", staff_id=s),
        lambda: done.append(True),
    )
    qtbot.waitUntil(lambda: bool(done), timeout=WAIT)
    session.point_at(live_server.url)

    task = window.sign_out()
    assert task is not None
    run.wait_task(task)
    screen = window.lock_screen
    assert window.locked and window.pages.currentWidget() is screen
    assert session.signed_out and screen.current is None
    assert "cerrado la sesión" in screen.notice.text()
    # Her PIN cannot reopen an ended sign-in: she is off the list until her next password.
    qtbot.waitUntil(lambda: list(screen.person_buttons) == [shared.manager], timeout=WAIT)

    async def refresh() -> None:
        async with ApiClient(live_server.url) as api:
            await api.refresh(auth._refresh, device_token=shared.device.engine.api.token)

    with pytest.raises(SignInRequired):
        run(refresh())

    run(session.sync_now())
    assert _note_author(live_server, "Antes de salir") == shared.assistant
    assert session.state.pending == 0


def test_a_deactivated_assistant_leaves_the_lock_screen_after_the_next_sync(
    qtbot: QtBot, shared: Shared, run: Runner, live_server: Any
) -> None:
    window = shared.device.sign_in(qtbot, ASSISTANT)
    assistant_id, manager_id = shared.assistant, shared.manager
    with live_server.client() as http:
        r = http.post(f"/staff/{assistant_id}/deactivate", headers=live_server.staff_headers())
        assert r.status_code == 200, r.text

    with qtbot.waitSignal(window.lockedChanged, timeout=WAIT):
        run(window.session.sync_now())
    screen = window.lock_screen
    assert "ya no puede entrar" in screen.notice.text()
    qtbot.waitUntil(lambda: list(screen.person_buttons) == [manager_id], timeout=WAIT)
    assert pins.get(shared.device.replica.read(), assistant_id) is None  # her PIN is gone too
    refused: list[pins.PinCheck] = []
    window.signin.pinRefused.connect(refused.append)
    window.signin.sign_in_pin(assistant_id, ASSISTANT_PIN)
    qtbot.waitUntil(lambda: bool(refused), timeout=WAIT)
    assert refused[0].code == "unknown"


def test_pin_sign_in_is_refused_after_the_offline_window(qtbot: QtBot, shared: Shared) -> None:
    window = shared.device.sign_in(qtbot, MANAGER)
    screen = _lock(qtbot, window)
    clock = shared.clock
    clock.advance(6 * 86_400)  # six days on: still within the seven
    screen.show_people()
    qtbot.waitUntil(lambda: len(screen.person_buttons) == 2, timeout=WAIT)
    assistant_entry = next(e for e in screen.roster if e.username == ASSISTANT)

    clock.advance(86_400 + 60)  # past seven days since her last sign-in with a password here
    screen.open_pin(assistant_entry)
    screen.pin_pad.type_pin(ASSISTANT_PIN)
    screen.pin_pad.ok.click()
    qtbot.waitUntil(lambda: screen.pages.currentWidget() is screen.password_page, timeout=WAIT)
    assert "demasiado" in screen.password_notice.text()
    screen.show_people()
    qtbot.waitUntil(lambda: not screen.person_buttons and screen.nobody.isVisible(), timeout=WAIT)
    assert window.locked


def test_stale_sync_lock_until_a_sync_succeeds(
    qtbot: QtBot, shared: Shared, live_server: Any
) -> None:
    window = shared.device.sign_in(qtbot, ASSISTANT)
    assert window.pages.currentWidget() is window.content
    shared.clock.advance(15 * 86_400)  # no sync for 15 days (the limit is 14)
    window.check_stale()
    screen = window.lock_screen
    qtbot.waitUntil(lambda: screen.pages.currentWidget() is screen.stale_page, timeout=WAIT)
    assert window.pages.currentWidget() is screen and not window.content.isVisible()
    assert "Conéctala a la red de la tienda" in screen.stale_text.text()
    assert "15 días" in screen.stale_text.text() and "14" in screen.stale_text.text()
    assert not screen.people.isVisible() and not screen.pin_pad.isVisible()

    window.session.point_at(dead_url())  # still away from the store's network
    screen.sync_button.click()
    qtbot.waitUntil(lambda: screen.stale_status.text() != "Sincronizando…", timeout=WAIT)
    qtbot.waitUntil(lambda: not window.session.state.syncing, timeout=WAIT)
    window.check_stale()
    qtbot.waitUntil(lambda: window.stale is not None, timeout=WAIT)
    assert screen.pages.currentWidget() is screen.stale_page

    window.session.point_at(live_server.url)
    screen.sync_button.click()
    # Synced: the lock lifts to the ordinary sign-in (her PIN), not straight to the data.
    _pin_page_for(qtbot, screen, lambda user: user == ASSISTANT)
    assert window.stale is None and window.pages.currentWidget() is screen
    screen.pin_pad.type_pin(ASSISTANT_PIN)
    with qtbot.waitSignal(window.lockedChanged, timeout=WAIT):
        screen.pin_pad.ok.click()
    assert window.content.isVisible()


def test_switch_by_password_gives_the_other_her_online_sign_in(
    qtbot: QtBot, shared: Shared
) -> None:
    window = shared.device.sign_in(qtbot, ASSISTANT)
    screen = _lock(qtbot, window)
    _pin_page_for(qtbot, screen, lambda user: user == ASSISTANT)
    screen.other_button.click()
    screen.password_button.click()
    screen.username.setText(MANAGER)
    screen.password.setText("demo")
    screen.sign_in_button.click()
    qtbot.waitUntil(lambda: screen.pages.currentWidget() is screen.set_pin_page, timeout=WAIT)
    assert "Ahora no" in screen.skip_button.text()
    with qtbot.waitSignal(window.lockedChanged, timeout=WAIT):
        screen.skip_button.click()
    assert window.session.staff.id == shared.manager
    assert window.session.staff_auth is not None and not window.session.staff_auth.ended
    assert window.manager_button is not None and window.manager_button.isVisible()
    # Back to the assistant with her PIN: manager mode leaves with the manager.
    window.show_manager()
    screen = _lock(qtbot, window)
    _pin_page_for(qtbot, screen, lambda user: user == MANAGER)
    screen.other_button.click()
    qtbot.waitUntil(lambda: shared.assistant in screen.person_buttons, timeout=WAIT)
    screen.person_buttons[shared.assistant].click()
    screen.pin_pad.type_pin(ASSISTANT_PIN)
    with qtbot.waitSignal(window.lockedChanged, timeout=WAIT):
        screen.pin_pad.ok.click()
    assert window.session.staff.id == shared.assistant
    assert window.manager_button is None and window.manager_view is None
