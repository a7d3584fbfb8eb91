"""The customer 360 and the assistant's actions, online and offline, against the real server."""

from __future__ import annotations

import time
from typing import Any

import pytest
from PySide6.QtCore import QAbstractItemModel, QCoreApplication, Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from clienteling.replica import edits, queries
from clienteling.replica.schema import table
from clienteling.ui.main_window import MainWindow
from clienteling.ui.screenshots import showcase_customer
from clienteling.ui.views.customer_view import CustomerView
from sync_server.analytics.batch import run_analytics
from tests.ui.ui_helpers import Device, Runner, dead_url

translate = QCoreApplication.translate
# The loyalty tiers' source texts, written out here rather than taken from the app's labels.
TIER_SOURCE = {"bronze": "Bronze", "silver": "Silver", "gold": "Gold", "platinum": "Platinum"}


@pytest.fixture
def analysed_tablet(tablet: Device, live_server: Any, run: Runner) -> Device:
    """The tablet once the server's nightly analytics (recommendations) have synced to it."""
    run_analytics(live_server.engine)
    run(tablet.session.sync_now())
    return tablet


def _server_rows(live_server: Any, sql: str, **params: Any) -> list[Any]:
    with live_server.engine.connect() as conn:
        return list(conn.execute(text(sql), params))


def _column(model: QAbstractItemModel, title: str) -> list[Any]:
    """The texts a table shows under the column headed ``title`` (a CustomerView string)."""
    heading = translate("CustomerView", title)
    horizontal = Qt.Orientation.Horizontal
    [col] = [c for c in range(model.columnCount()) if model.headerData(c, horizontal) == heading]
    return [model.index(row, col).data() for row in range(model.rowCount())]


def _open(qtbot: QtBot, window: MainWindow, customer_id: str) -> CustomerView:
    view = window.customer_view
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        window.open_customer(customer_id)
    qtbot.waitUntil(lambda: view.timeline_model.rowCount() > 0 and not view.timeline_model.loading)
    return view


def _reloaded(qtbot: QtBot, view: CustomerView, check: Any) -> None:
    """Wait until the view has re-read the replica and shows what ``check`` expects."""
    qtbot.waitUntil(lambda: view.data is not None and check(), timeout=10_000)


def _coupon_customer(device: Device) -> tuple[str, str, str]:
    row = (
        device.replica.read()
        .execute(
            f"SELECT c.customer_id, cp.id, cp.code FROM {table('customer')} c "
            f"JOIN {table('coupon')} cp ON cp.customer_id = c.customer_id "
            "WHERE json_extract(cp.wire, '$.redeemed_at') IS NULL "
            "AND json_extract(cp.wire, '$.valid_from') <= strftime('%Y-%m-%dT%H:%M:%S', 'now') "
            "AND c.home_store_id = (SELECT value FROM meta WHERE key = 'store_id') "
            "ORDER BY c.customer_id LIMIT 1"
        )
        .fetchone()
    )
    assert row is not None
    return str(row[0]), str(row[1]), str(row[2])


def _go_offline(run: Runner, device: Device) -> None:
    assert device.session is not None
    device.session.point_at(dead_url())
    run(device.session.sync_now())
    assert device.session.state.online is False


def _go_online(run: Runner, device: Device, url: str) -> None:
    assert device.session is not None
    device.session.point_at(url)
    run(device.session.sync_now())
    assert device.session.state.online is True


def test_customer_360_shows_channels_cart_tier_and_recommendations(
    qtbot: QtBot, analysed_tablet: Device, live_server: Any
) -> None:
    tablet = analysed_tablet
    customer_id = showcase_customer(tablet.replica)
    assert customer_id is not None
    [(first, last, tier)] = _server_rows(
        live_server,
        "SELECT c.first_name, c.last_name, a.tier FROM customer c "
        "JOIN loyalty_account a ON a.customer_id = c.id WHERE c.id = :c",
        c=customer_id,
    )
    order_channels = {
        channel
        for (channel,) in _server_rows(
            live_server, 'SELECT channel FROM "order" WHERE customer_id = :c', c=customer_id
        )
    }
    cart_items = sorted(
        name
        for (name,) in _server_rows(
            live_server,
            "SELECT p.name FROM cart_line l JOIN cart c ON c.id = l.cart_id "
            "JOIN product p ON p.id = l.product_id "
            "WHERE c.customer_id = :c AND c.abandoned_at IS NOT NULL",
            c=customer_id,
        )
    )
    recommended = [
        name
        for (name,) in _server_rows(
            live_server,
            "SELECT p.name FROM recommendation r JOIN product p ON p.id = r.product_id "
            "WHERE r.customer_id = :c ORDER BY r.rank",
            c=customer_id,
        )
    ]
    assert len(order_channels) >= 2 and cart_items and recommended  # what the showcase promises
    view = _open(qtbot, tablet.window, customer_id)
    assert translate("Labels", TIER_SOURCE[tier]) in view.header.badges.text()
    assert view.header.name.text() == f"{first} {last}"
    view.kind_filter.setCurrentIndex(view.kind_filter.findData("orders"))
    qtbot.waitUntil(
        lambda: (
            view.timeline_model.rowCount() > 0
            and all(
                e is not None and e.source == "order"
                for e in map(view.timeline_model.event_at, range(view.timeline_model.rowCount()))
            )
        )
    )
    while view.timeline_model.canFetchMore(view.timeline_model.index(-1, -1)):
        count = view.timeline_model.rowCount()
        view.timeline_model.fetchMore(view.timeline_model.index(-1, -1))
        qtbot.waitUntil(lambda count=count: view.timeline_model.rowCount() > count)  # type: ignore[misc]
    channels = {
        e.channel
        for e in map(view.timeline_model.event_at, range(view.timeline_model.rowCount()))
        if e is not None
    }
    assert channels == order_channels
    assert sorted(_column(view.cart_model, "Item")) == cart_items
    assert view.cart_empty.isHidden()
    assert _column(view.reco_model, "Product") == recommended[:10]
    assert view.reco_empty.isHidden()


def test_redeem_coupon_offline_then_sync(
    qtbot: QtBot, tablet: Device, run: Runner, live_server: Any
) -> None:
    window = tablet.window
    assert window is not None and tablet.session is not None
    customer_id, coupon_id, code = _coupon_customer(tablet)
    _go_offline(run, tablet)
    assert window.status.state.online is False
    assert window.status.online_label.text().startswith("Sin conexión")
    assert not window.status.sync_button.isHidden()
    view = _open(qtbot, window, customer_id)
    assert view.select_coupon(code)
    assert view.redeem_button.isEnabled()
    qtbot.mouseClick(view.redeem_button, Qt.MouseButton.LeftButton)
    _reloaded(
        qtbot,
        view,
        lambda: any(
            c.code == code and c.pending and c.redeemed_at for c in view.coupon_model.rows()
        ),
    )
    qtbot.waitUntil(lambda: tablet.session.state.pending > 0)
    assert window.status.pending_label.text() != ""
    _go_online(run, tablet, live_server.url)
    assert tablet.session.state.pending == 0
    _reloaded(
        qtbot,
        view,
        lambda: any(
            c.code == code and not c.pending and c.redeemed_at for c in view.coupon_model.rows()
        ),
    )
    with live_server.engine.connect() as conn:
        redeemed = conn.execute(
            text("SELECT redeemed_at FROM coupon WHERE id = :id"), {"id": coupon_id}
        ).scalar_one()
    assert redeemed is not None
    assert view.rejected_banner.isHidden()


def test_conflicting_redemption_shown_as_rejected(
    qtbot: QtBot, tablet: Device, other_device: Device, run: Runner, live_server: Any
) -> None:
    window = tablet.window
    assert window is not None and tablet.session is not None
    customer_id, coupon_id, code = _coupon_customer(tablet)
    _go_offline(run, tablet)
    view = _open(qtbot, window, customer_id)
    assert view.select_coupon(code)
    qtbot.mouseClick(view.redeem_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tablet.session.state.pending > 0)
    edits.redeem_coupon(other_device.replica, customer_id, coupon_id)
    run(other_device.engine.sync_once())
    _go_online(run, tablet, live_server.url)
    assert tablet.session.state.rejected_unseen == 1
    qtbot.waitUntil(lambda: not view.rejected_banner.isHidden(), timeout=10_000)
    refused = translate("CustomerView", "The coupon redemption was refused by the server")
    reason = translate("CustomerView", "it had already been used on another device or channel")
    charged = translate(
        "CustomerView", "Nothing was charged twice; tell the customer before checkout."
    )
    assert view.rejected_banner.text() == f"{refused}: {reason}.\n{charged}"
    assert not window.status.rejected_button.isHidden()
    _reloaded(
        qtbot,
        view,
        lambda: any(c.code == code and not c.pending for c in view.coupon_model.rows()),
    )
    qtbot.mouseClick(window.status.rejected_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tablet.session.state.rejected_unseen == 0)
    qtbot.waitUntil(lambda: view.rejected_banner.isHidden())


def test_note_and_task_offline_reach_another_device(
    qtbot: QtBot, tablet: Device, other_device: Device, run: Runner, live_server: Any
) -> None:
    window = tablet.window
    assert window is not None and tablet.session is not None
    customer_id = showcase_customer(tablet.replica)
    assert customer_id is not None
    _go_offline(run, tablet)
    view = _open(qtbot, window, customer_id)
    view.show_page(view.notes_page)
    qtbot.keyClicks(view.note_edit, "Busca vestido de fiesta talla M")
    qtbot.mouseClick(view.note_button, Qt.MouseButton.LeftButton)
    _reloaded(
        qtbot,
        view,
        lambda: any(
            n.body.startswith("Busca vestido") and n.pending for n in view.note_model.rows()
        ),
    )
    view.task_kind.setCurrentIndex(view.task_kind.findData("cart_call"))
    qtbot.keyClicks(view.task_title, "Llamar por el carrito")
    qtbot.mouseClick(view.task_button, Qt.MouseButton.LeftButton)
    _reloaded(
        qtbot, view, lambda: any(t.title == "Llamar por el carrito" for t in view.task_model.rows())
    )
    _go_online(run, tablet, live_server.url)
    run(other_device.engine.sync_once())
    conn = other_device.replica.read()
    assert any(
        n.body == "Busca vestido de fiesta talla M" for n in queries.notes(conn, customer_id)
    )
    found = [t for t in queries.tasks(conn, customer_id) if t.title == "Llamar por el carrito"]
    assert found and found[0].kind == "cart_call" and not found[0].pending


def test_withdrawn_sms_consent_disables_sms_outreach(
    qtbot: QtBot, tablet: Device, run: Runner
) -> None:
    window = tablet.window
    assert window is not None
    customer_id = next(
        cid
        for (cid,) in tablet.replica.read().execute(
            f"SELECT DISTINCT customer_id FROM {table('consent')} "
            "WHERE json_extract(wire, '$.channel') = 'sms' "
            "AND json_extract(wire, '$.granted') = 1 ORDER BY customer_id"
        )
        if (h := queries.customer_header(tablet.replica.read(), cid)) and h.may_contact("sms")
    )
    view = _open(qtbot, window, customer_id)
    view.show_page(view.consents_page)
    assert view.consent_boxes["sms"].isChecked()
    assert view.outreach_buttons["sms"].isEnabled()
    qtbot.mouseClick(view.consent_boxes["sms"], Qt.MouseButton.LeftButton)
    _reloaded(qtbot, view, lambda: not view.outreach_buttons["sms"].isEnabled())
    assert view.data is not None and not view.data.header.may_contact("sms")
    assert not view.consent_boxes["sms"].isChecked()
    assert view.outreach_buttons["sms"].toolTip() == translate(
        "CustomerView", "She has not consented to messages by this channel."
    )


def test_pane_models(qtmodeltester: Any, qtbot: QtBot, tablet: Device) -> None:
    assert tablet.window is not None
    customer_id = showcase_customer(tablet.replica)
    assert customer_id is not None
    view = _open(qtbot, tablet.window, customer_id)
    for model in (
        view.timeline_model,
        view.cart_model,
        view.reco_model,
        view.coupon_model,
        view.ledger_model,
        view.note_model,
        view.task_model,
    ):
        qtmodeltester.check(model)


def test_an_edit_that_lost_to_a_later_one_shows_who_won_and_keeps_her_text(
    qtbot: QtBot, tablet: Device, other_device: Device, run: Runner, live_server: Any
) -> None:
    window = tablet.window
    customer_id, _, _ = _coupon_customer(tablet)
    _go_offline(run, tablet)
    view = _open(qtbot, window, customer_id)
    # Offline, she writes the customer's preferences; a colleague's tablet changes them a
    # minute later (by its clock) and syncs first.
    edits.update_profile(tablet.replica, customer_id, {"preferences": "Mi texto: talla 38"})
    other_device.replica.wall_clock = lambda: time.time() + 60
    edits.update_profile(other_device.replica, customer_id, {"preferences": "Gana: talla 40"})
    run(other_device.engine.sync_once())
    _go_online(run, tablet, live_server.url)
    assert tablet.session.state.rejected_unseen == 1
    qtbot.waitUntil(lambda: not view.rejected_banner.isHidden(), timeout=10_000)
    text = view.rejected_banner.text()
    assert "Gana: talla 40" in text and "Mi texto: talla 38" in text
    assert "preferencias" in text  # the field's name, in the assistant's language
    flags = view.rejected_banner.textInteractionFlags()
    assert flags & Qt.TextInteractionFlag.TextSelectableByMouse
    _reloaded(qtbot, view, lambda: view.preferences_edit.toPlainText() == "Gana: talla 40")
    qtbot.mouseClick(window.status.rejected_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.rejected_banner.isHidden())
