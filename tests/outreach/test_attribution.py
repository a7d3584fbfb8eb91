"""Attribution on a small hand-built history, then the same rules through the KPI endpoint."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sync_server.db import write_session
from sync_server.domain.ids import new_id
from sync_server.domain.models import Customer, Interaction
from sync_server.outreach.attribution import Purchase, Touch, attribute, converted_touches
from sync_server.outreach.queue import enqueue, process_queue
from tests.conftest import LiveServer
from tests.outreach.conftest import make_customer, outreach_settings, providers, staff_id

T0 = datetime(2026, 3, 1, 10, 0, tzinfo=UTC)
WEEK = timedelta(days=7)


def _t(days: float) -> datetime:
    return T0 + timedelta(days=days)


def test_last_touch_within_the_window_gets_the_purchase() -> None:
    touches = [
        Touch("email-ana", "ana", _t(0), "message", "email", "sofia"),
        Touch("call-ana", "ana", _t(2), "interaction", "call", "marta"),
        Touch("visit-bea", "bea", _t(0), "interaction", "store_visit", "sofia"),
        Touch("sms-cris", "cris", _t(0), "message", "sms", None),
        Touch("email-dani", "dani", _t(5), "message", "email", "marta"),
    ]
    purchases = [
        Purchase("o1", "ana", _t(3), 10_000),  # after both: the later call wins
        Purchase("o2", "ana", _t(9.5), 5_000),  # 7.5 days after the call: outside
        Purchase("o3", "bea", _t(7), 2_500),  # exactly on the window edge: inside
        Purchase("o4", "cris", _t(-1), 9_900),  # before the touch: not caused by it
        Purchase("o5", "eva", _t(1), 4_000),  # never touched
        Purchase("o6", "dani", _t(5), 1_000),  # same instant as the touch: not after it
    ]
    credited = {a.order_id: a for a in attribute(touches, purchases, WEEK)}
    assert set(credited) == {"o1", "o3"}
    assert credited["o1"].touch_id == "call-ana" and credited["o1"].staff_id == "marta"
    assert credited["o3"].staff_id == "sofia" and credited["o3"].revenue_cents == 2_500
    assert converted_touches(touches, purchases, WEEK) == {"email-ana", "call-ana", "visit-bea"}
    assert attribute(touches, purchases, timedelta(hours=12)) == []


def test_kpis_attribute_revenue_to_the_assistant(live_server: LiveServer) -> None:
    server = live_server
    assistant = staff_id(server, "dependienta.mad01")
    hugo = make_customer(
        server,
        "Hugo",
        email_address="hugo@clientes-demo.es",
        phone="+34600999888",
        consents={"sms": True},
    )
    ines = make_customer(server, "Inés", email_address="ines@clientes-demo.es")
    settings = outreach_settings(server, None)
    with write_session(server.engine) as session:
        customer = session.get(Customer, hugo)
        assert customer is not None
        enqueue(
            session,
            settings,
            customer,
            "sms",
            "birthday_coupon",
            {"coupon_code": "X", "amount": "15 €", "valid_until": "-", "store_name": "-"},
            store_id=customer.home_store_id,
            staff_id=assistant,
        )
        session.add(
            Interaction(
                id=new_id(),
                customer_id=ines,
                kind="in_store_chat",
                channel="store",
                occurred_at=datetime.now(UTC) - timedelta(hours=2),
                store_id=customer.home_store_id,
                staff_id=assistant,
            )
        )
    assert process_queue(server.engine, providers(settings), settings).sent == 1
    now = datetime.now(UTC)
    admin = server.staff_headers("admin")
    manager = server.staff_headers("gerente.mad01")
    with server.client() as http:
        for ext, who, amount in (
            ("K1", "hugo@clientes-demo.es", "80.00"),
            ("K2", "ines@clientes-demo.es", "20.50"),
        ):
            r = http.post(
                "/ingest/orders",
                json={
                    "channel": "web",
                    "external_id": ext,
                    "ordered_at": now.isoformat(),
                    "customer": {"email": who},
                    "lines": [{"sku": "SKU00001", "quantity": 1, "unit_price": amount}],
                },
                headers=admin,
            )
            assert r.status_code == 200, r.text
        r = http.get("/outreach/kpis", params={"store_code": "MAD01"}, headers=manager)
        assert r.status_code == 200, r.text
        kpis = r.json()
        assert kpis["messages_sent_by_channel"].get("sms", 0) >= 1
        mine = next(a for a in kpis["by_assistant"] if a["staff_id"] == assistant)
        assert mine["attributed_orders"] >= 2
        assert mine["attributed_revenue_cents"] >= 8000 + 2050
        assert kpis["attributed_revenue_cents"] >= 10_050
        assert 0 < kpis["conversion_rate"] <= 1
        bad = http.get(
            "/outreach/kpis", params={"from": "2026-05-02", "to": "2026-05-01"}, headers=manager
        )
        assert bad.status_code == 422
        assert (
            http.get("/outreach/kpis", params={"store_code": "BCN01"}, headers=manager).status_code
            == 403
        )
