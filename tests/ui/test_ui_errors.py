"""A failed edit in the 360: her mistake or a refusal in plain Spanish; our fault as one short
sentence with the technical text behind "Detalles", and the trace in the log."""

from __future__ import annotations

import logging
import sqlite3

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from clienteling.replica import edits
from clienteling.replica.schema import table
from clienteling.ui.views.customer_view import CustomerView
from tests.ui.ui_helpers import Device

WAIT = 10_000
UNEXPECTED = (
    "Algo ha fallado y no se ha guardado. Vuelve a intentarlo; si pasa otra vez, avisa a "
    "soporte de IT y enséñales los detalles."
)


def _customer_with_points(device: Device) -> tuple[str, int]:
    """A customer of this store with a loyalty account, and her points balance."""
    row = (
        device.replica.read()
        .execute(
            f"SELECT c.customer_id, l.points_balance FROM {table('customer')} c "
            f"JOIN {table('loyalty_account')} l ON l.customer_id = c.customer_id "
            "WHERE c.home_store_id = (SELECT value FROM meta WHERE key = 'store_id') "
            "ORDER BY c.customer_id LIMIT 1"
        )
        .fetchone()
    )
    assert row is not None
    return str(row[0]), int(row[1])


def _open(qtbot: QtBot, device: Device, customer_id: str) -> CustomerView:
    view = device.window.customer_view
    with qtbot.waitSignal(view.loaded, timeout=WAIT):
        device.window.open_customer(customer_id)
    return view


def test_unexpected_failure_shows_a_short_sentence_with_details_and_logs_the_trace(
    qtbot: QtBot,
    tablet: Device,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    customer_id, _ = _customer_with_points(tablet)
    view = _open(qtbot, tablet, customer_id)
    fault = sqlite3.OperationalError("disk I/O error at page 4711")

    def failing_add_note(*_args: object, **_kwargs: object) -> str:
        raise fault

    monkeypatch.setattr(edits, "add_note", failing_add_note)
    caplog.set_level(logging.ERROR)
    view.note_edit.setText("Prefers the navy coat in size 38")
    qtbot.mouseClick(view.note_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: view.message.text() == UNEXPECTED, timeout=WAIT)
    assert "disk I/O error" not in view.message.text()
    details = view.failure_details
    assert details.isVisible() and details.button.text() == "Detalles"
    assert not details.text.isVisible()
    qtbot.mouseClick(details.button, Qt.MouseButton.LeftButton)
    assert details.text.isVisible() and details.button.text() == "Ocultar detalles"
    assert details.text.toPlainText() == "sqlite3.OperationalError: disk I/O error at page 4711"
    logged = [r for r in caplog.records if r.exc_info is not None and r.exc_info[1] is fault]
    assert len(logged) == 1 and logged[0].levelno == logging.ERROR
    # The trace names the function that failed, on the worker thread.
    assert "in failing_add_note" in caplog.text


def test_a_note_too_long_is_refused_in_her_words_without_details(
    qtbot: QtBot, tablet: Device, caplog: pytest.LogCaptureFixture
) -> None:
    customer_id, _ = _customer_with_points(tablet)
    view = _open(qtbot, tablet, customer_id)
    caplog.set_level(logging.ERROR)
    # The protocol keeps notes to 4000 characters; the line edit lets her paste more.
    view.note_edit.setText("a" * 4001)
    qtbot.mouseClick(view.note_button, Qt.MouseButton.LeftButton)

    expected = "No se ha guardado: demasiados caracteres en «texto de la nota» (como máximo 4000)."
    qtbot.waitUntil(lambda: view.message.text() == expected, timeout=WAIT)
    assert view.failure_details.isHidden()
    assert not [r for r in caplog.records if r.exc_info is not None]
    # Her text is still there to shorten: a refused note loses nothing.
    assert view.note_edit.text() == "a" * 4001


def test_a_redemption_beyond_the_balance_is_refused_in_her_language(
    qtbot: QtBot, tablet: Device
) -> None:
    customer_id, balance = _customer_with_points(tablet)
    view = _open(qtbot, tablet, customer_id)
    # The balance seen when the screen opened may have dropped since (a redemption elsewhere).
    tablet.session.edit(
        lambda r, s: edits.redeem_points(r, customer_id, balance + 1, reason="x", staff_id=s),
        lambda: None,
    )

    expected = f"No hay puntos suficientes: el saldo es {balance}."
    qtbot.waitUntil(lambda: view.message.text() == expected, timeout=WAIT)
    assert view.failure_details.isHidden()
