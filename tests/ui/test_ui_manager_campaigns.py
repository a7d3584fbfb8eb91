"""The manager's campaign screen against the real server: a VIP private sale from segment to
event sales, consent-safe invitations, abandoned-cart call tasks reaching the tablet, and clear
messages when the server cannot be reached or she signed in offline."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot
from sqlmodel import select

from clienteling.sync.client import Offline
from clienteling.sync.manager_api import NeedsOnlineSignIn
from clienteling.ui import fmt, i18n
from clienteling.ui.session import Session
from clienteling.ui.views.campaign_dialog import CampaignDialog
from clienteling.ui.views.campaigns_view import CampaignsView
from sync_server.db import read_session
from sync_server.domain.models import Task
from sync_server.outreach.consent import OUTREACH_CHANNELS, current_consents
from sync_server.outreach.models import CampaignInvitation, OutreachMessage
from tests.conftest import LiveServer
from tests.outreach.conftest import make_customer
from tests.ui.ui_helpers import MANAGER, Device, Runner, dead_url

WAIT = 15_000


@pytest.fixture
def manager(tmp_path: Path, live_server: LiveServer, run: Runner, qtbot: QtBot) -> Iterator[Device]:
    device = Device(tmp_path / "manager", live_server.url, run, "manager")
    device.sign_in(qtbot, MANAGER)
    yield device
    device.window.close()
    device.close()


def open_view(qtbot: QtBot, session: Session) -> CampaignsView:
    view = CampaignsView(session)
    qtbot.addWidget(view)
    view.show()
    with qtbot.waitSignal(view.campaignsLoaded, timeout=WAIT):
        view.reload()
    return view


def preview_size(dialog: CampaignDialog) -> int:
    assert dialog.preview_result is not None
    return int(dialog.preview_result["size"])


def wait_preview(qtbot: QtBot, dialog: CampaignDialog, changed_from: int | None = None) -> int:
    """Wait for the debounced preview to answer (and differ from ``changed_from``)."""
    qtbot.waitUntil(
        lambda: (
            dialog.preview_result is not None
            and not dialog._debounce.isActive()
            and (changed_from is None or preview_size(dialog) != changed_from)
        ),
        timeout=WAIT,
    )
    return preview_size(dialog)


def campaign_row(view: CampaignsView, campaign_id: str) -> Any:
    row = view.campaign_model.row_at(view.campaign_model.row_of(campaign_id))
    assert row is not None
    return row


def test_private_sale_from_segment_to_event_sales(
    qtbot: QtBot, qtmodeltester: Any, live_server: LiveServer, manager: Device
) -> None:
    paz = make_customer(
        live_server,
        "Paz",
        email_address="paz@clientes-demo.es",
        phone="+34611000001",
        vip=True,
        consents={"email": False, "whatsapp": True},
        preferred_channel="email",
    )
    rai = make_customer(live_server, "Rai", email_address="rai@clientes-demo.es", vip=True)
    view = open_view(qtbot, manager.session)
    assert view.error_text() == ""
    qtmodeltester.check(view.campaign_model)

    # The dialog's live preview follows the conditions.
    qtbot.mouseClick(view.new_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.dialog is not None, timeout=WAIT)
    dialog = view.dialog
    assert dialog is not None and dialog.isVisible()
    vip_size = wait_preview(qtbot, dialog)
    assert dialog.preview_result is not None
    assert vip_size >= 2 and dialog.preview_result["reachable"] < vip_size  # Rai: no consent
    dialog.tiers["platinum"].setChecked(True)
    platinum_size = wait_preview(qtbot, dialog, changed_from=vip_size)
    assert platinum_size < vip_size  # Paz and Rai are gold
    assert dialog.segment() == {"vip_only": True, "tiers": ["platinum"], "segments": []}
    dialog.tiers["platinum"].setChecked(False)
    assert wait_preview(qtbot, dialog, changed_from=platinum_size) == vip_size
    reachable = int(dialog.preview_result["reachable"])

    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert not save.isEnabled()  # no name yet
    qtbot.keyClicks(dialog.name, "Venta privada de invierno")
    dialog.description.setPlainText("Solo con invitación.")
    dialog.event_at.setDateTime(dialog.event_at.minimumDateTime())
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: view.dialog is None and view.campaign_model.rowCount() == 1, timeout=WAIT
    )
    campaign = view.selected_campaign()
    assert campaign is not None and campaign.is_draft
    assert campaign.name == "Venta privada de invierno" and campaign.segment_size == vip_size
    assert view.notice_text() and view.send_button.isEnabled()

    # Sending asks first, saying how many will be reached.
    qtbot.mouseClick(view.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.confirm is not None, timeout=WAIT)
    assert view.confirm is not None
    assert str(reachable) in view.confirm.text.text() and str(vip_size) in view.confirm.text.text()
    assert not view.send_button.isEnabled()
    view.confirm.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(
        lambda: view.last_send is not None and view.invitation_model.rowCount() == vip_size,
        timeout=WAIT,
    )
    assert view.last_send is not None
    invited, skipped = view.last_send["invited"], view.last_send["skipped"]
    assert invited + skipped == vip_size and skipped >= 1
    sent = campaign_row(view, campaign.id)
    assert sent.status == "sent" and sent.results.invited == invited
    assert not view.send_button.isEnabled()
    invitations = {r.customer_id: r for r in view.invitation_model.rows()}
    assert invitations[paz].channel == "whatsapp"  # her preferred e-mail is not consented
    assert invitations[rai].status == "skipped" and invitations[rai].channel is None

    # Only customers with a marketing consent for the channel got a message.
    with read_session(live_server.engine) as session:
        messages = session.exec(
            select(OutreachMessage).where(OutreachMessage.campaign_id == campaign.id)
        ).all()
        for channel in OUTREACH_CHANNELS:
            ids = [m.customer_id for m in messages if m.channel == channel]
            assert all(current_consents(session, ids, channel, "marketing").values())
        skipped_ids = [
            i.customer_id
            for i in session.exec(
                select(CampaignInvitation).where(
                    CampaignInvitation.campaign_id == campaign.id,
                    CampaignInvitation.status == "skipped",
                )
            )
        ]
    assert len(messages) == invited and rai in skipped_ids
    assert {m.customer_id for m in messages}.isdisjoint(skipped_ids)
    assert {m.id for m in view.message_model.rows()} == {m.id for m in messages}
    assert next(m for m in view.message_model.rows() if m.customer_id == paz).customer_name == (
        "Paz Prueba"
    )

    # RSVP and attendance, recorded on the server and shown at once.
    assert view.select_invitation(paz)
    qtbot.mouseClick(view.rsvp_yes_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: campaign_row(view, campaign.id).results.rsvp_yes == 1, timeout=WAIT)
    assert invitations[paz] != view.invitation_model.rows()[view.invitation_model.row_of(paz)]
    qtbot.waitUntil(lambda: view.attended_button.isEnabled(), timeout=WAIT)
    qtbot.mouseClick(view.attended_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: campaign_row(view, campaign.id).results.attended == 1, timeout=WAIT)
    row = view.invitation_model.rows()[view.invitation_model.row_of(paz)]
    assert row.rsvp == "yes" and row.attended
    with read_session(live_server.engine) as session:
        stored = session.get(CampaignInvitation, (campaign.id, paz))
        assert stored is not None and stored.rsvp == "yes" and stored.attended

    # A purchase at the event shows in the results after a refresh.
    with live_server.client() as http:
        http.post(
            "/ingest/orders",
            json={
                "channel": "store",
                "external_id": "VIP-UI-1",
                "store_code": "MAD01",
                "fulfilment": "in_store",
                "ordered_at": datetime.now(UTC).isoformat(),
                "customer": {"email": "paz@clientes-demo.es"},
                "lines": [{"sku": "SKU00002", "quantity": 2, "unit_price": "45.00"}],
            },
            headers=live_server.staff_headers("admin"),
        ).raise_for_status()
    qtbot.mouseClick(view.refresh_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: campaign_row(view, campaign.id).results.event_orders >= 1, timeout=WAIT)
    results = campaign_row(view, campaign.id).results
    assert results.event_revenue_cents >= 9000
    assert fmt.money(results.event_revenue_cents) in view.results.text()

    # The refresh reloads the list, then the selected campaign's invitations: wait for hers.
    qtbot.waitUntil(lambda: view.invitation_model.row_of(paz) >= 0, timeout=WAIT)
    with qtbot.waitSignal(view.customerChosen, timeout=WAIT) as chosen:
        view.invitation_table.doubleClicked.emit(
            view.invitation_model.index(view.invitation_model.row_of(paz), 0)
        )
    assert chosen.args == [paz]
    for model in (view.campaign_model, view.invitation_model, view.message_model):
        qtmodeltester.check(model)


def cart_calls_answer(view: CampaignsView) -> dict[str, Any]:
    assert view.last_cart_calls is not None
    return view.last_cart_calls


def test_cart_calls_reach_the_tablet(
    qtbot: QtBot, live_server: LiveServer, manager: Device
) -> None:
    make_customer(live_server, "Sol", email_address="sol@clientes-demo.es")
    with live_server.client() as http:
        http.post(
            "/ingest/carts",
            json={
                "channel": "web",
                "external_id": "CART-SOL-UI",
                "event": "abandoned",
                "at": (datetime.now(UTC) - timedelta(days=1)).isoformat(),
                "customer": {"email": "sol@clientes-demo.es"},
                "lines": [{"sku": "SKU00003", "size": "M", "quantity": 1, "unit_price": "39.90"}],
            },
            headers=live_server.staff_headers("admin"),
        ).raise_for_status()
    view = open_view(qtbot, manager.session)
    qtbot.mouseClick(view.carts_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.last_cart_calls is not None, timeout=WAIT)
    assert view.last_cart_calls is not None
    task_ids = view.last_cart_calls["task_ids"]
    assert view.last_cart_calls["created"] == len(task_ids) >= 1
    assert view.notice_text() and view.error_text() == ""
    assert view.carts_button.isEnabled()

    def on_tablet() -> set[str]:
        marks = ",".join("?" * len(task_ids))
        rows = (
            manager.replica.read()
            .execute(f"SELECT id FROM e_task WHERE id IN ({marks})", task_ids)
            .fetchall()
        )
        return {r[0] for r in rows}

    qtbot.waitUntil(lambda: on_tablet() == set(task_ids), timeout=30_000)

    # A second run creates nothing new: one call per cart.
    view.last_cart_calls = None
    qtbot.mouseClick(view.carts_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.last_cart_calls is not None, timeout=WAIT)
    again = cart_calls_answer(view)
    assert again["created"] == 0 and again["existing"] >= len(task_ids)


def test_offline_says_so_and_changes_nothing(
    qtbot: QtBot, live_server: LiveServer, manager: Device
) -> None:
    view = open_view(qtbot, manager.session)
    with read_session(live_server.engine) as session:
        calls_before = len(session.exec(select(Task).where(Task.kind == "cart_call")).all())
    manager.session.point_at(dead_url())

    view.reload()
    qtbot.waitUntil(lambda: view.error_text() != "", timeout=WAIT)
    assert isinstance(view.last_failure, Offline)
    assert view.reason(view.last_failure) in view.error_text()
    assert view.refresh_button.isEnabled() and not view.busy()

    qtbot.mouseClick(view.carts_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not view.busy(), timeout=WAIT)
    assert isinstance(view.last_failure, Offline) and view.last_cart_calls is None
    assert view.reason(view.last_failure) in view.error_text()
    with read_session(live_server.engine) as session:
        calls_after = len(session.exec(select(Task).where(Task.kind == "cart_call")).all())
    assert calls_after == calls_before

    # The dialog says it cannot count, and keeps what she typed.
    qtbot.mouseClick(view.new_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.dialog is not None, timeout=WAIT)
    dialog = view.dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.preview_error != "", timeout=WAIT)
    qtbot.keyClicks(dialog.name, "Sin red")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=WAIT)
    assert dialog.isVisible() and dialog.name.text() == "Sin red"
    dialog.reject()
    qtbot.waitUntil(lambda: view.dialog is None, timeout=WAIT)


def test_signed_in_offline_needs_an_online_sign_in(qtbot: QtBot, manager: Device) -> None:
    offline = Session(manager.replica, manager.engine, manager.session.staff, staff_auth=None)
    view = CampaignsView(offline)
    qtbot.addWidget(view)
    view.show()
    view.reload()
    qtbot.waitUntil(lambda: view.error_text() != "", timeout=WAIT)
    assert isinstance(view.last_failure, NeedsOnlineSignIn)
    assert view.reason(view.last_failure) in view.error_text()
    assert view.campaign_model.rowCount() == 0 and not view.send_button.isEnabled()
    offline.shutdown()


def test_associate_is_told_campaigns_are_for_managers(qtbot: QtBot, tablet: Device) -> None:
    view = CampaignsView(tablet.session)
    qtbot.addWidget(view)
    view.reload()
    assert view.error_text() != "" and view.last_failure is None
    assert not view.new_button.isEnabled() and not view.carts_button.isEnabled()


def test_dialog_follows_a_language_switch(qtbot: QtBot, manager: Device) -> None:
    view = open_view(qtbot, manager.session)
    qtbot.mouseClick(view.new_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.dialog is not None, timeout=WAIT)
    dialog = view.dialog
    assert dialog is not None
    assert dialog.tiers["gold"].text() == "Oro"
    try:
        i18n.install("en")
        qtbot.waitUntil(lambda: dialog.tiers["gold"].text() == "Gold", timeout=WAIT)
    finally:
        i18n.install("es")
    qtbot.waitUntil(lambda: dialog.tiers["gold"].text() == "Oro", timeout=WAIT)
    dialog.reject()


def test_sign_out_ends_the_managers_sign_in_on_the_server(
    run: Runner, manager: Device, live_server: LiveServer
) -> None:
    auth = manager.session.staff_auth
    assert auth is not None and manager.session.manager_api().signed_in_online
    assert isinstance(run(manager.session.manager_api().campaigns("MAD01")), list)
    run(manager.session.sign_out())
    assert not manager.session.manager_api().signed_in_online
    with pytest.raises(NeedsOnlineSignIn):
        run(manager.session.manager_api().campaigns("MAD01"))
    with live_server.client() as http:
        r = http.get("/auth/me", headers={"Authorization": f"Bearer {auth._access}"})
        assert r.status_code == 401 and r.json()["code"] == "session_ended"
