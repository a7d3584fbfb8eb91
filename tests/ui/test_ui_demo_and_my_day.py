"""The demo start (what ``clienteling --demo`` runs) and the assistant's "My day" screen."""

from __future__ import annotations

from pathlib import Path

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from clienteling.ui.launch import DEMO_ASSISTANT, start_demo
from clienteling.ui.main_window import MainWindow
from clienteling.ui.screenshots import showcase_customer
from tests.ui.ui_helpers import Device, Runner


def test_demo_starts_signed_in_on_seeded_data(qtbot: QtBot, run: Runner, tmp_path: Path) -> None:
    env = run(start_demo(tmp_path / "demo", customers=120), timeout=120_000)
    try:
        assert env.session.staff.username == DEMO_ASSISTANT[0]
        assert env.session.staff.role == "associate"
        assert env.session.store_code == "MAD01"
        assert env.session.state.online is True and env.session.state.pending == 0
        window = MainWindow(env.session)
        qtbot.addWidget(window)
        window.show()
        qtbot.keyClicks(window.search, "ma")
        qtbot.waitUntil(lambda: window.search_view.model.rowCount() > 0, timeout=10_000)
        window.close()
    finally:
        run(env.session.engine.aclose())
        env.close()


def test_my_day_lists_a_task_due_today(qtbot: QtBot, tablet: Device) -> None:
    window = tablet.window
    assert window is not None
    customer_id = showcase_customer(tablet.replica)
    assert customer_id is not None
    view = window.customer_view
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        window.open_customer(customer_id)
    view.show_page(view.notes_page)
    qtbot.keyClicks(view.task_title, "Invitar a la preventa")
    qtbot.mouseClick(view.task_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any(t.title == "Invitar a la preventa" for t in view.task_model.rows()))
    window.show_my_day()
    day = window.my_day_view
    qtbot.waitUntil(
        lambda: any(t.title == "Invitar a la preventa" for t in day.task_model.rows()),
        timeout=10_000,
    )
    assert day.cart_model.rowCount() > 0
    assert all(c.abandoned_at is not None for c in day.cart_model.rows())
    assert shiboken6.isValid(day)
    row = next(i for i, t in enumerate(day.task_model.rows()) if t.title == "Invitar a la preventa")
    [tasks] = [v for v in day.findChildren(QTableView) if v.model() is day.task_model]
    rect = tasks.visualRect(day.task_model.index(row, 0))
    assert window.stack.currentWidget() is day
    with qtbot.waitSignal(window.customer_view.loaded, timeout=10_000) as blocker:
        # A real double tap: Qt's item views want the press before the double click.
        qtbot.mouseClick(tasks.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(tasks.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == [customer_id]
    assert window.stack.currentWidget() is window.customer_view


def test_my_day_models(qtmodeltester, qtbot: QtBot, tablet: Device) -> None:  # type: ignore[no-untyped-def]
    assert tablet.window is not None
    tablet.window.show_my_day()
    day = tablet.window.my_day_view
    qtbot.waitUntil(lambda: day.cart_model.rowCount() > 0, timeout=10_000)
    for model in (day.task_model, day.birthday_model, day.vip_model, day.cart_model):
        qtmodeltester.check(model)


def test_about_button_opens_diagnostics(qtbot: QtBot, tablet: Device) -> None:
    window = tablet.window
    assert window is not None
    qtbot.mouseClick(window.about_button, Qt.MouseButton.LeftButton)
    dialog = window.about_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: getattr(dialog, "diagnostics", None) is not None, timeout=30_000)
    dialog.close()
