"""A real tablet's first run: enrol with a manager, then staff sign-in and a PIN; later runs go
offline with the PIN."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from clienteling.replica import policy
from clienteling.replica.store import set_meta
from clienteling.sync.client import ApiClient
from clienteling.sync.credentials import account_for
from clienteling.sync.replica_key import key_account
from clienteling.sync.wipe import LEGACY_STAFF_CACHE
from clienteling.ui.launch import Launcher
from clienteling.ui.views.dialogs import EnrolDialog, ReplicaLockedDialog
from clienteling.ui.views.lock_screen import LockScreen
from tests.ui.ui_helpers import Runner, dead_url, enrol_through_app


def _finish(launcher: Launcher) -> None:
    if launcher.window is not None:
        launcher.window.close()
    launcher.close()


def _lock_screen(qtbot: QtBot, launcher: Launcher) -> LockScreen:
    qtbot.waitUntil(lambda: launcher.lock_screen is not None, timeout=60_000)
    screen = launcher.lock_screen
    assert screen is not None
    return screen


def test_enrol_then_password_and_pin_then_offline_pin_sign_in(
    qtbot: QtBot, run: Runner, live_server: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLIENTELING_KEYRING", "file")
    folder = tmp_path / "tablet"
    folder.mkdir()
    (folder / LEGACY_STAFF_CACHE).write_text('{"x": {"hash": "$argon2id$..."}}', "utf-8")
    launcher = Launcher(folder)
    assert not (folder / LEGACY_STAFF_CACHE).exists()  # an old version's plain file goes
    enrol_through_app(launcher, live_server.url, "mad01")
    screen = _lock_screen(qtbot, launcher)
    # Nobody has a PIN on a new tablet: the screen says so and offers the password.
    qtbot.waitUntil(lambda: screen.nobody.isVisibleTo(screen) and not screen.roster)
    assert screen.pages.currentWidget() is screen.people_page
    screen.password_button.click()
    assert screen.pages.currentWidget() is screen.password_page
    screen.username.setText("dependienta.mad01")
    screen.password.setText("wrong")
    screen.sign_in_button.click()
    qtbot.waitUntil(lambda: bool(screen.password_error.text()), timeout=10_000)
    screen.password.setText("demo")
    screen.sign_in_button.click()
    # Signed in online: she chooses a PIN for this tablet (an easy one is refused).
    qtbot.waitUntil(lambda: screen.pages.currentWidget() is screen.set_pin_page, timeout=10_000)
    screen.set_pad.type_pin("1111")
    screen.set_pad.ok.click()
    assert "mismo dígito" in screen.set_message.text()
    screen.set_pad.type_pin("4826")
    screen.set_pad.ok.click()
    screen.set_pad.type_pin("4862")
    screen.set_pad.ok.click()
    assert "distintos" in screen.set_message.text()  # the two entries differ: start again
    for _ in range(2):
        screen.set_pad.type_pin("4826")
        screen.set_pad.ok.click()
    qtbot.waitUntil(lambda: launcher.window is not None, timeout=10_000)
    window = launcher.window
    assert window is not None
    assert window.session.staff.username == "dependienta.mad01"
    assert window.session.staff_auth is not None  # signed in online
    assert window.pages.currentWidget() is window.content
    assert launcher.engine is not None
    run(launcher.engine.aclose())
    _finish(launcher)

    # Next start, with the server unreachable: her name on the lock screen, and her PIN.
    again = Launcher(folder)
    unreachable = dead_url()
    token = again.tokens.get(account_for(live_server.url))
    assert token
    with again.replica.write() as conn:
        set_meta(conn, "server_url", unreachable)
    again.tokens.set(account_for(unreachable), token)
    again.start()
    screen = _lock_screen(qtbot, again)
    qtbot.waitUntil(lambda: len(screen.person_buttons) == 1)
    (button,) = screen.person_buttons.values()
    button.click()
    assert screen.pages.currentWidget() is screen.pin_page
    screen.pin_pad.type_pin("4826")
    screen.pin_pad.ok.click()
    qtbot.waitUntil(lambda: again.window is not None, timeout=30_000)
    assert again.window is not None and again.window.session.staff.role == "associate"
    assert again.window.session.staff_auth is None  # offline: no online sign-in
    # Nothing about staff outside the encrypted replica: no plain sign-in file, no JSON.
    names = sorted(p.name for p in folder.rglob("*"))
    assert LEGACY_STAFF_CACHE not in names and not [n for n in names if n.endswith(".json")]
    assert again.engine is not None
    run(again.engine.aclose())
    _finish(again)


def test_a_tablet_that_did_not_sync_for_too_long_opens_on_the_stale_lock(
    qtbot: QtBot, run: Runner, live_server: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLIENTELING_KEYRING", "file")
    folder = tmp_path / "tablet"
    first = Launcher(folder)
    enrol_through_app(first, live_server.url)
    _lock_screen(qtbot, first)
    qtbot.waitUntil(lambda: not first._tasks, timeout=30_000)
    assert first.engine is not None
    run(first.engine.aclose())
    token = first.tokens.get(account_for(live_server.url))
    assert token
    unreachable = dead_url()
    with first.replica.write() as conn:  # its last sync was 15 days ago, and it is offline
        set_meta(
            conn, policy.LAST_SYNC_SERVER_AT, (datetime.now(UTC) - timedelta(days=15)).isoformat()
        )
        set_meta(conn, policy.HIGH_WATER, None)
        set_meta(conn, "server_url", unreachable)
    first.tokens.set(account_for(unreachable), token)
    _finish(first)

    again = Launcher(folder)
    again.start()
    screen = _lock_screen(qtbot, again)
    qtbot.waitUntil(lambda: screen.pages.currentWidget() is screen.stale_page, timeout=30_000)
    assert "Conéctala a la red de la tienda" in screen.stale_text.text()
    qtbot.waitUntil(lambda: "No se puede" in screen.stale_status.text(), timeout=30_000)
    # Back on the store's network, a sync lifts the lock: the ordinary sign-in appears.
    engine = again.engine
    assert engine is not None
    run(engine.api.aclose())
    engine.server_url = live_server.url
    engine.api = ApiClient(live_server.url, token=token)
    screen.sync_button.click()
    qtbot.waitUntil(lambda: screen.pages.currentWidget() is screen.people_page, timeout=30_000)
    assert screen.nobody.isVisible()
    qtbot.waitUntil(lambda: not again._tasks, timeout=30_000)
    run(engine.aclose())
    _finish(again)


def test_a_locked_replica_is_rebuilt_only_when_the_user_asks(
    qtbot: QtBot, run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLIENTELING_KEYRING", "file")
    folder = tmp_path / "tablet"
    first = Launcher(folder)
    with first.replica.write() as conn:
        set_meta(conn, "store_code", "MAD01")
    path = first.replica.path
    first.replica.close()
    first.tokens.delete(key_account(path))  # the key is lost (keyring reset, profile restored)
    before = path.read_bytes()

    locked = Launcher(folder)
    locked.start()
    dialog = locked.dialog
    assert isinstance(dialog, ReplicaLockedDialog)
    qtbot.addWidget(dialog)
    assert "cifrados" in dialog.intro.text() and "se perderán" in dialog.consequence.text()
    assert dialog.rebuild_button.isVisibleTo(dialog)
    assert path.read_bytes() == before  # nothing replaced while the user decides

    dialog.rebuild_button.click()
    assert isinstance(locked.dialog, EnrolDialog)
    qtbot.addWidget(locked.dialog)
    assert locked.replica.encrypted and locked.replica.get_meta("store_code") is None
    locked.dialog.close()
    locked.replica.close()


def test_enrolment_refuses_a_plain_http_server_in_the_interface_language(
    qtbot: QtBot, run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLIENTELING_KEYRING", "file")
    launcher = Launcher(tmp_path / "tablet", allow_insecure_http=False)
    launcher.start()
    enrol = launcher.dialog
    assert isinstance(enrol, EnrolDialog)
    assert enrol.server.text().startswith("http://127.0.0.1")  # the demo's loopback default
    enrol.server.setText("http://192.0.2.10:8800")
    enrol.store.setText("mad01")
    enrol.username.setText("gerente.mad01")
    enrol.password.setText("demo")
    enrol.buttons.accepted.emit()
    qtbot.waitUntil(lambda: bool(enrol.error.text()), timeout=10_000)
    # The UI runs in Spanish in these tests: the refusal is translated, and names the address.
    assert "http://192.0.2.10:8800" in enrol.error.text()
    assert "sin cifrar" in enrol.error.text()
    assert launcher.dialog is enrol and launcher.engine is None
    assert launcher.replica.get_meta("server_url") is None
    _finish(launcher)
