"""A manager retires a tablet, or reports it lost: the app erases it and says why (app level,
real server): a retired tablet hands in its queued edits first, a lost one does not."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import shiboken6
from pytestqt.qtbot import QtBot
from sqlmodel import Session as DbSession
from sqlmodel import select

from clienteling.replica import edits
from clienteling.replica.schema import table
from clienteling.replica.store import DB_FILENAME
from clienteling.sync.credentials import account_for
from clienteling.sync.replica_key import key_account
from clienteling.ui.launch import Launcher
from clienteling.ui.main_window import MainWindow
from clienteling.ui.views.dialogs import EnrolDialog, WipedDialog
from sync_server.domain.models import Note
from tests.ui.ui_helpers import ASSISTANT, Runner, dead_url, enrol_through_app

WAIT = 30_000


def _signed_in(qtbot: QtBot, live_server: Any, folder: Path) -> tuple[Launcher, MainWindow]:
    """Enrol the tablet and sign the assistant in (password; no PIN) through the app."""
    launcher = Launcher(folder)
    enrol_through_app(launcher, live_server.url)
    qtbot.waitUntil(lambda: launcher.lock_screen is not None, timeout=60_000)
    screen = launcher.lock_screen
    assert screen is not None
    screen.open_password(ASSISTANT)
    screen.password.setText("demo")
    screen.sign_in_button.click()
    qtbot.waitUntil(lambda: screen.pages.currentWidget() is screen.set_pin_page, timeout=WAIT)
    screen.skip_button.click()
    qtbot.waitUntil(lambda: launcher.window is not None, timeout=WAIT)
    assert launcher.window is not None
    return launcher, launcher.window


def _queue_note_offline(qtbot: QtBot, window: MainWindow, body: str) -> None:
    session = window.session
    url = session.engine.server_url
    session.point_at(dead_url())
    (customer_id,) = (
        session.replica.read().execute(f"SELECT customer_id FROM {table('customer')}").fetchone()
    )
    done: list[bool] = []
    session.edit(
        lambda r, s: edits.add_note(r, customer_id, body, staff_id=s), lambda: done.append(True)
    )
    qtbot.waitUntil(lambda: bool(done), timeout=WAIT)
    qtbot.waitUntil(lambda: not session.state.syncing, timeout=WAIT)
    assert session.state.pending == 1
    session.point_at(url)


def _notes(live_server: Any, body: str) -> int:
    with DbSession(live_server.engine) as db:
        return len(db.exec(select(Note).where(Note.body == body)).all())


@pytest.mark.parametrize(
    ("how", "code", "words", "pushed"),
    [
        ("revoke", "device_retired", "ha retirado esta tableta", 1),
        ("report-lost", "device_lost", "declarado esta tableta como perdida", 0),
    ],
)
def test_a_retired_or_lost_tablet_is_wiped_and_says_why(
    qtbot: QtBot,
    run: Runner,
    live_server: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    how: str,
    code: str,
    words: str,
    pushed: int,
) -> None:
    monkeypatch.setenv("CLIENTELING_KEYRING", "file")
    folder = tmp_path / "tablet"
    launcher, window = _signed_in(qtbot, live_server, folder)
    body = f"Nota antes de {how}"
    _queue_note_offline(qtbot, window, body)
    replica_path = folder / DB_FILENAME
    assert launcher.tokens.get(key_account(replica_path))
    device_id = window.session.replica.get_meta("device_id")
    with live_server.client() as http:
        r = http.post(f"/devices/{device_id}/{how}", headers=live_server.staff_headers())
        assert r.status_code == 200, r.text

    run(window.session.sync_now())
    qtbot.waitUntil(lambda: isinstance(launcher.dialog, WipedDialog), timeout=WAIT)
    assert launcher.wiped == code
    # A retired tablet handed its edit in before the wipe; a lost one was refused everything.
    assert _notes(live_server, body) == pushed
    # Replica (with its outbox and the PIN cache), key and device token are gone.
    assert not [p for p in folder.iterdir() if p.name.startswith(DB_FILENAME)]
    assert launcher.tokens.get(key_account(replica_path)) is None
    assert launcher.tokens.get(account_for(live_server.url)) is None
    # The customer screens are gone, and the app says why in plain words.
    assert launcher.window is None
    assert not shiboken6.isValid(window) or not window.isVisible()
    dialog = launcher.dialog
    assert isinstance(dialog, WipedDialog)
    qtbot.addWidget(dialog)
    assert words in dialog.message.text() and "borr" in dialog.message.text()
    assert "dar de alta" in dialog.next_step.text() or "darla de alta" in dialog.next_step.text()
    dialog.buttons.accepted.emit()
    enrol = launcher.dialog
    assert isinstance(enrol, EnrolDialog)  # the tablet can be set up again
    qtbot.addWidget(enrol)
    assert launcher.replica.get_meta("server_url") is None
    qtbot.waitUntil(lambda: not launcher._tasks, timeout=WAIT)
    launcher.close()
