"""A real tablet's first run: enrol with a manager, then staff sign-in; later runs go offline."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from clienteling.replica.store import set_meta
from clienteling.sync.credentials import account_for
from clienteling.sync.replica_key import key_account
from clienteling.ui.launch import Launcher
from clienteling.ui.views.dialogs import EnrolDialog, ReplicaLockedDialog, SignInDialog
from tests.ui.ui_helpers import Runner, dead_url


def _finish(launcher: Launcher) -> None:
    if launcher.window is not None:
        launcher.window.session.shutdown()
        launcher.window.close()
    launcher.replica.close()


def test_enrol_then_sign_in_then_offline_sign_in(
    qtbot: QtBot, run: Runner, live_server: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLIENTELING_KEYRING", "file")
    launcher = Launcher(tmp_path / "tablet")
    launcher.start()
    enrol = launcher.dialog
    assert isinstance(enrol, EnrolDialog)
    enrol.server.setText(live_server.url)
    enrol.store.setText("mad01")
    enrol.username.setText("gerente.mad01")
    enrol.password.setText("demo")
    enrol.buttons.accepted.emit()
    qtbot.waitUntil(lambda: isinstance(launcher.dialog, SignInDialog), timeout=60_000)
    sign_in = launcher.dialog
    assert isinstance(sign_in, SignInDialog)
    sign_in.username.setText("dependienta.mad01")
    sign_in.password.setText("wrong")
    sign_in.buttons.accepted.emit()
    qtbot.waitUntil(lambda: bool(sign_in.error.text()), timeout=10_000)
    sign_in.password.setText("demo")
    sign_in.buttons.accepted.emit()
    qtbot.waitUntil(lambda: launcher.window is not None, timeout=10_000)
    assert launcher.window is not None
    assert launcher.window.session.staff.username == "dependienta.mad01"
    assert launcher.engine is not None
    run(launcher.engine.aclose())
    _finish(launcher)

    # Next start, with the server unreachable: straight to sign-in, which works offline.
    again = Launcher(tmp_path / "tablet")
    unreachable = dead_url()
    token = again.tokens.get(account_for(live_server.url))
    assert token
    with again.replica.write() as conn:
        set_meta(conn, "server_url", unreachable)
    again.tokens.set(account_for(unreachable), token)
    again.start()
    assert isinstance(again.dialog, SignInDialog)
    again.dialog.username.setText("dependienta.mad01")
    again.dialog.password.setText("demo")
    again.dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: again.window is not None, timeout=30_000)
    assert again.window is not None and again.window.session.staff.role == "associate"
    assert again.engine is not None
    run(again.engine.aclose())
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
