"""A customer erased elsewhere (another tablet, the retention rule) leaves the open screens."""

from __future__ import annotations

from typing import Any

from pytestqt.qtbot import QtBot

from clienteling.replica.schema import table
from tests.ui.ui_helpers import Device


def test_her_360_closes_and_her_search_result_goes_at_the_next_sync(
    qtbot: QtBot, tablet: Device, live_server: Any
) -> None:
    window = tablet.window
    customer_id, name = (
        tablet.replica.read()
        .execute(
            f"SELECT id, first_name || ' ' || last_name FROM {table('customer')} "
            "WHERE home_store_id = (SELECT value FROM meta WHERE key = 'store_id') "
            "ORDER BY id LIMIT 1"
        )
        .fetchone()
    )
    search = window.search_view
    with qtbot.waitSignal(search.resultsShown, timeout=10_000):
        window.search.setText(name)
    assert customer_id in search.model.shown_ids()
    view = window.customer_view
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        window.open_customer(customer_id)
    tablet.run(tablet.session.sync_now())  # the "viewed" entry goes out first

    with live_server.client() as http:
        answer = http.post(f"/customers/{customer_id}/erase", headers=live_server.staff_headers())
        assert answer.status_code == 200, answer.text
    with qtbot.waitSignal(view.backRequested, timeout=30_000):
        tablet.run(tablet.session.sync_now())
    assert window.stack.currentWidget() is search
    assert view.data is None and view.customer_id is None
    qtbot.waitUntil(lambda: customer_id not in search.model.shown_ids(), timeout=10_000)
