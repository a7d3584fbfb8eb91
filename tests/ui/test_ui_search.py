"""Finding a customer: accent-insensitive names, phone fragments, a scanned loyalty card."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from clienteling.replica.schema import table
from clienteling.replica.search import fold
from clienteling.ui.models.search_model import SearchModel
from tests.ui.ui_helpers import Device


def _hit_ids(model: SearchModel) -> list[str]:
    return [hit.customer_id for row in range(model.rowCount()) if (hit := model.hit_at(row))]


def _type(qtbot: QtBot, device: Device, text: str) -> None:
    """Key presses for ASCII; QTest cannot synthesise keys for accented letters, so paste those."""
    assert device.window is not None
    device.window.search.clear()
    if text.isascii():
        qtbot.keyClicks(device.window.search, text)
    else:
        device.window.search.setText(text)


def _home_customers(device: Device) -> list[tuple[str, str, str]]:
    rows = device.replica.read().execute(
        f"SELECT customer_id, first_name, last_name FROM {table('customer')} "
        "WHERE home_store_id = (SELECT value FROM meta WHERE key = 'store_id') "
        "ORDER BY customer_id"
    )
    return [(str(r[0]), str(r[1]), str(r[2])) for r in rows]


def test_accented_name_found_typed_without_accents(qtbot: QtBot, tablet: Device) -> None:
    assert tablet.window is not None
    customer_id, first, last = next(
        c for c in _home_customers(tablet) if fold(c[2]) != c[2].lower()
    )
    surname = last.split()[0]
    plain = fold(surname)
    model = tablet.window.search_view.model
    _type(qtbot, tablet, f"{fold(first)} {plain}")
    qtbot.waitUntil(lambda: customer_id in _hit_ids(model))
    _type(qtbot, tablet, f"{first} {surname}")
    qtbot.waitUntil(lambda: customer_id in _hit_ids(model))
    assert all(model.hit_at(r) is not None for r in range(model.rowCount()))


def test_phone_fragment(qtbot: QtBot, tablet: Device) -> None:
    assert tablet.window is not None
    customer_id, phone = (
        tablet.replica.read()
        .execute(
            f"SELECT i.customer_id, i.value FROM {table('identity')} i "
            f"JOIN {table('customer')} c ON c.customer_id = i.customer_id "
            "WHERE i.kind = 'phone' AND c.home_store_id = "
            "(SELECT value FROM meta WHERE key = 'store_id') ORDER BY i.customer_id LIMIT 1"
        )
        .fetchone()
    )
    fragment = phone[-6:-1]
    _type(qtbot, tablet, f"{fragment[:3]} {fragment[3:]}")
    qtbot.waitUntil(lambda: customer_id in _hit_ids(tablet.window.search_view.model))


def test_scanned_card_opens_customer(qtbot: QtBot, tablet: Device) -> None:
    window = tablet.window
    assert window is not None
    customer_id, card = (
        tablet.replica.read()
        .execute(
            f"SELECT customer_id, card_number FROM {table('loyalty_account')} "
            "WHERE card_number != '' ORDER BY customer_id LIMIT 1"
        )
        .fetchone()
    )
    with qtbot.waitSignal(window.customer_view.loaded, timeout=10_000) as blocker:
        qtbot.keyClicks(window.search, card)
        qtbot.keyClick(window.search, "\r")
    assert blocker.args == [customer_id]
    assert window.stack.currentWidget() is window.customer_view


def test_unknown_text_shows_honest_empty_state(qtbot: QtBot, tablet: Device) -> None:
    window = tablet.window
    assert window is not None
    with qtbot.waitSignal(window.search_view.resultsShown, timeout=10_000) as blocker:
        _type(qtbot, tablet, "zzqxw")
    assert blocker.args == [0]
    assert "zzqxw" in window.search_view.empty.text()


def test_search_model(qtmodeltester, qtbot: QtBot, tablet: Device) -> None:  # type: ignore[no-untyped-def]
    assert tablet.window is not None
    model = tablet.window.search_view.model
    _type(qtbot, tablet, "a")
    qtbot.waitUntil(lambda: model.rowCount() > 0)
    qtmodeltester.check(model)
