"""Orders carry discount, shipping, tax and what was paid; re-sent ids update or conflict.

Issue 19, items 4 and 6, over HTTP on SQLite and PostgreSQL: an order of lines 414.95 with a
20.00 discount and 10.00 shipping stores what was paid (404.95) and its revenue (394.95); a
re-sent order id with other content is an update (status, lines) or a 409 naming what differs,
never a silent "duplicate"; an event id re-sent with other content is a 409; an id-less event
replayed is created once, and one dated ten years back is refused.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import text

from sync_server.analytics.batch import run_analytics
from sync_server.settings import Settings
from tests.conftest import LiveServer, ServerFactory
from tests.server.helpers import Device

# 2 × 149.95 + 115.05 = 414.95
LINES = [
    {"sku": "SKU00001", "size": "M", "quantity": 2, "unit_price": "149.95"},
    {"sku": "SKU00002", "size": "S", "quantity": 1, "unit_price": "115.05"},
]


def _customer() -> dict[str, Any]:
    return {"email": f"buyer-{uuid.uuid4().hex[:10]}@example.com", "first_name": "Ana"}


def _order(ext: str, customer: dict[str, Any], **over: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "channel": "web",
        "external_id": ext,
        "ordered_at": "2026-10-01T10:00:00Z",
        "currency": "USD",
        "customer": customer,
        "fulfilment": "ship",
        "lines": LINES,
        "discount": "20.00",
        "shipping": "10.00",
        "total_paid": "404.95",
    }
    body.update(over)
    return body


def _plain_order(ext: str, customer: dict[str, Any], **over: Any) -> dict[str, Any]:
    """An order as integrations sent it before totals existed (lines only)."""
    body = _order(ext, customer, **over)
    for key in ("discount", "shipping", "total_paid"):
        if key not in over:
            del body[key]
    return body


def _row(server: LiveServer, sql: str, **params: Any) -> dict[str, Any]:
    with server.engine.connect() as conn:
        row = conn.execute(text(sql), params).mappings().one()
        return dict(row)


def _scalar(server: LiveServer, sql: str, **params: Any) -> Any:
    with server.engine.connect() as conn:
        return conn.execute(text(sql), params).scalar()


def _post(server: LiveServer, path: str, body: dict[str, Any]) -> httpx.Response:
    with server.client() as http:
        return http.post(path, json=body, headers=server.staff_headers())


def _stored_order(server: LiveServer, ext: str) -> dict[str, Any]:
    return _row(
        server,
        "SELECT customer_id, status, currency, total_cents, paid_cents, discount_cents, "
        'shipping_cents, tax_cents, updated_at FROM "order" WHERE external_id = :e',
        e=ext,
    )


# --- totals --------------------------------------------------------------------------------


def test_discount_and_shipping_are_stored_with_what_was_paid(server: LiveServer) -> None:
    r = _post(server, "/ingest/orders", _order("T-1", _customer()))
    assert r.status_code == 200, r.text
    stored = _stored_order(server, "T-1")
    assert stored["paid_cents"] == 40495  # what the customer paid
    assert stored["discount_cents"] == 2000
    assert stored["shipping_cents"] == 1000
    assert stored["tax_cents"] == 0
    # Revenue: lines net of the discount, shipping excluded.
    assert stored["total_cents"] == 41495 - 2000


def test_tax_added_to_prices_counts_in_what_was_paid_not_in_revenue(server: LiveServer) -> None:
    body = _order("T-2", _customer(), tax="33.20", prices_include_tax=False, total_paid="438.15")
    r = _post(server, "/ingest/orders", body)
    assert r.status_code == 200, r.text
    stored = _stored_order(server, "T-2")
    assert stored["paid_cents"] == 41495 - 2000 + 1000 + 3320
    assert stored["tax_cents"] == 3320
    assert stored["total_cents"] == 41495 - 2000


def test_a_total_paid_that_does_not_add_up_is_refused_naming_it(server: LiveServer) -> None:
    customer = _customer()
    r = _post(server, "/ingest/orders", _order("T-3", customer, total_paid="414.95"))
    assert r.status_code == 422, r.text
    assert r.json()["detail"]["field"] == "total_paid"
    assert r.json()["detail"]["expected"] == 40495
    assert "404.95" in r.json()["message"]
    assert _scalar(server, "SELECT count(*) FROM \"order\" WHERE external_id = 'T-3'") == 0
    assert (
        _scalar(server, "SELECT count(*) FROM identity WHERE value = :v", v=customer["email"]) == 0
    )


def test_a_discount_larger_than_the_lines_is_refused(server: LiveServer) -> None:
    r = _post(server, "/ingest/orders", _order("T-4", _customer(), discount="500.00"))
    assert r.status_code == 422, r.text
    assert r.json()["detail"]["field"] == "discount"


def test_historic_value_is_net_of_discount_without_shipping(server: LiveServer) -> None:
    r = _post(server, "/ingest/orders", _order("T-5", _customer()))
    assert r.status_code == 200, r.text
    run_analytics(server.engine)
    metrics = _row(
        server,
        "SELECT net_revenue_cents, aov_cents, orders FROM customer_metrics WHERE id = :c",
        c=r.json()["customer_id"],
    )
    assert metrics == {"net_revenue_cents": 39495, "aov_cents": 39495, "orders": 1}


# --- same order id, other content ----------------------------------------------------------


def test_an_identical_resend_stays_a_duplicate(server: LiveServer) -> None:
    body = _plain_order("R-1", _customer())
    first = _post(server, "/ingest/orders", body)
    again = _post(server, "/ingest/orders", body)
    assert again.status_code == 200, again.text
    assert again.json() == {**first.json(), "status": "duplicate"}
    assert _stored_order(server, "R-1")["updated_at"] is None


def test_another_customer_and_price_is_a_conflict_naming_the_customer(server: LiveServer) -> None:
    body = _plain_order("R-2", _customer())
    first = _post(server, "/ingest/orders", body)
    other = _plain_order(
        "R-2",
        _customer(),
        lines=[{"sku": "SKU00001", "quantity": 1, "unit_price": "9.99"}],
    )
    r = _post(server, "/ingest/orders", other)
    assert r.status_code == 409, r.text
    assert r.json()["detail"]["fields"] == ["customer"]
    stored = _stored_order(server, "R-2")
    assert stored["customer_id"] == first.json()["customer_id"]
    assert stored["paid_cents"] == 41495
    # Nothing of the refused re-send was kept: not even its new customer.
    assert (
        _scalar(
            server, "SELECT count(*) FROM identity WHERE value = :v", v=other["customer"]["email"]
        )
        == 0
    )


def test_another_currency_is_a_conflict_naming_it(server: LiveServer) -> None:
    customer = _customer()
    _post(server, "/ingest/orders", _plain_order("R-3", customer))
    r = _post(server, "/ingest/orders", _plain_order("R-3", customer, currency="EUR"))
    assert r.status_code == 409, r.text
    assert r.json()["detail"]["fields"] == ["currency"]
    assert _stored_order(server, "R-3")["currency"] == "USD"


def test_a_web_order_later_completed_changes_status(server: LiveServer) -> None:
    customer = _customer()
    _post(server, "/ingest/orders", _plain_order("R-4", customer))
    r = _post(
        server,
        "/ingest/orders",
        _plain_order("R-4", customer, status="completed"),
    )
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "updated"
    stored = _stored_order(server, "R-4")
    assert stored["status"] == "completed"
    assert _scalar(server, "SELECT updated_at FROM \"order\" WHERE external_id = 'R-4'")


def test_a_partial_refund_status_and_edited_lines_reach_the_stored_order(
    server: LiveServer,
) -> None:
    customer = _customer()
    _post(server, "/ingest/orders", _plain_order("R-5", customer))
    edited = _plain_order(
        "R-5",
        customer,
        status="partially_refunded",
        lines=[{"sku": "SKU00001", "size": "M", "quantity": 1, "unit_price": "149.95"}],
    )
    r = _post(server, "/ingest/orders", edited)
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "updated"
    stored = _stored_order(server, "R-5")
    assert (stored["status"], stored["paid_cents"], stored["total_cents"]) == (
        "partially_refunded",
        14995,
        14995,
    )
    lines = _scalar(
        server,
        'SELECT count(*) FROM order_line l JOIN "order" o ON o.id = l.order_id '
        "WHERE o.external_id = 'R-5'",
    )
    assert lines == 1


def test_a_cancelled_web_order_reaches_the_stored_row_the_tablet_and_the_points(
    server: LiveServer,
) -> None:
    customer = _customer()
    body = _plain_order("R-6", customer, fulfilment="click_and_collect", store_code="MAD01")
    created = _post(server, "/ingest/orders", body)
    assert created.status_code == 200, created.text
    order_id = created.json()["id"]
    tablet = Device(server, "MAD01")
    tablet.sync()
    assert tablet.replica.rows["order"][order_id]["status"] == "paid"
    points = "SELECT coalesce(sum(points), 0) FROM loyalty_entry WHERE order_id = :o"
    assert _scalar(server, points, o=order_id) == 414  # one point per whole unit of revenue

    r = _post(server, "/ingest/orders", {**body, "status": "cancelled"})
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "updated"
    assert _stored_order(server, "R-6")["status"] == "cancelled"
    tablet.sync()
    synced = tablet.replica.rows["order"][order_id]
    assert synced["status"] == "cancelled"
    assert synced["updated_at"] is not None
    assert _scalar(server, points, o=order_id) == 0

    reopened = _post(server, "/ingest/orders", {**body, "status": "paid"})
    assert reopened.status_code == 409, reopened.text
    assert reopened.json()["detail"]["fields"] == ["status"]


def test_an_older_version_of_an_order_is_a_conflict(server: LiveServer) -> None:
    customer = _customer()
    _post(server, "/ingest/orders", _plain_order("R-7", customer))
    newer = _plain_order("R-7", customer, status="shipped", updated_at="2026-10-03T09:00:00Z")
    assert _post(server, "/ingest/orders", newer).json()["status"] == "updated"
    older = _plain_order("R-7", customer, status="paid", updated_at="2026-10-02T09:00:00Z")
    r = _post(server, "/ingest/orders", older)
    assert r.status_code == 409, r.text
    assert r.json()["detail"]["fields"] == ["updated_at"]
    assert _stored_order(server, "R-7")["status"] == "shipped"


# --- events --------------------------------------------------------------------------------


def _event(customer: dict[str, Any], at: datetime, **over: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "kind": "survey",
        "channel": "email",
        "at": at.isoformat(),
        "customer": customer,
        "summary": "NPS",
        "score": 9,
        "payload": {"type": "nps", "score": 9},
    }
    body.update(over)
    return body


def _events_of(server: LiveServer, customer_id: str) -> int:
    count: int = _scalar(
        server, "SELECT count(*) FROM interaction WHERE customer_id = :c", c=customer_id
    )
    return count


def test_an_event_id_resent_with_new_content_is_a_conflict(server: LiveServer) -> None:
    customer = _customer()
    at = datetime.now(UTC) - timedelta(days=3)
    ext = f"ev-{uuid.uuid4().hex[:8]}"
    first = _post(server, "/ingest/events", _event(customer, at, external_id=ext))
    assert first.json()["status"] == "created"
    same = _post(server, "/ingest/events", _event(customer, at, external_id=ext))
    assert same.json()["status"] == "duplicate"
    changed = _post(
        server, "/ingest/events", _event(customer, at, external_id=ext, summary="NPS (fixed)")
    )
    assert changed.status_code == 409, changed.text
    assert changed.json()["detail"]["fields"] == ["summary"]
    assert (
        _scalar(
            server,
            "SELECT summary FROM interaction WHERE customer_id = :c",
            c=first.json()["customer_id"],
        )
        == "NPS"
    )


def test_an_event_without_id_is_created_once_and_by_its_content(server: LiveServer) -> None:
    customer = _customer()
    at = datetime.now(UTC) - timedelta(days=1)
    first = _post(server, "/ingest/events", _event(customer, at))
    replay = _post(server, "/ingest/events", _event(customer, at))
    assert (first.json()["status"], replay.json()["status"]) == ("created", "duplicate")
    # Same kind, time and summary but another answer: another event, not a "duplicate".
    other = _post(
        server, "/ingest/events", _event(customer, at, payload={"type": "nps", "score": 3})
    )
    assert other.json()["status"] == "created"
    assert _events_of(server, first.json()["customer_id"]) == 2


def test_an_event_replayed_ten_years_earlier_is_refused(server: LiveServer) -> None:
    customer = _customer()
    at = datetime.now(UTC) - timedelta(days=1)
    first = _post(server, "/ingest/events", _event(customer, at))
    r = _post(server, "/ingest/events", _event(customer, at - timedelta(days=3653)))
    assert r.status_code == 422, r.text
    assert r.json()["detail"]["field"] == "at"
    ahead = _post(server, "/ingest/events", _event(customer, datetime.now(UTC) + timedelta(days=2)))
    assert ahead.status_code == 422, ahead.text
    assert ahead.json()["detail"]["field"] == "at"
    assert _events_of(server, first.json()["customer_id"]) == 1


def test_the_event_age_bound_is_a_setting(make_live_server: ServerFactory, backend: str) -> None:
    server = make_live_server(backend=backend, settings=Settings(event_max_age_days=4000))
    old = datetime.now(UTC) - timedelta(days=3653)
    r = _post(server, "/ingest/events", _event(_customer(), old))
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "created"
