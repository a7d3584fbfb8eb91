"""Returns over HTTP: checked against their order, and a loyalty ledger that adds up (issue 19)."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import text

from tests.conftest import LiveServer

BUYER = {"email": "olivia.reed@example.com", "first_name": "Olivia", "last_name": "Reed"}
# 414.95 USD: 2 × 149.95 (jacket, M) + 1 × 115.05 (boots, 40).
LINES = [
    {"sku": "JKT-100", "size": "M", "quantity": 2, "unit_price": "149.95"},
    {"sku": "BOOT-7", "size": "40", "quantity": 1, "unit_price": "115.05"},
]


def _order(ext: str, **over: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "channel": "web",
        "external_id": ext,
        "ordered_at": "2026-10-01T10:00:00Z",
        "currency": "USD",
        "customer": BUYER,
        "lines": LINES,
    }
    body.update(over)
    return body


def _return(ext: str, order_ext: str, lines: list[dict[str, Any]], **over: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "channel": "web",
        "external_id": ext,
        "returned_at": "2026-10-10T10:00:00Z",
        "currency": "USD",
        "customer": {"email": BUYER["email"]},
        "order_external_id": order_ext,
        "lines": lines,
    }
    body.update(over)
    return body


def _one(server: LiveServer, sql: str, **params: Any) -> Any:
    with server.engine.connect() as conn:
        return conn.execute(text(sql), params).scalar()


def _ledger(server: LiveServer, customer_id: str) -> tuple[int, int]:
    """(balance on the account, sum of her ledger entries)."""
    balance = _one(
        server, "SELECT points_balance FROM loyalty_account WHERE customer_id = :c", c=customer_id
    )
    total = _one(
        server,
        "SELECT coalesce(sum(points), 0) FROM loyalty_entry WHERE customer_id = :c",
        c=customer_id,
    )
    return int(balance), int(total)


def _refused(response: Any, status: int, field: str) -> str:
    assert response.status_code == status, response.text
    body = response.json()
    assert body["detail"]["field"] == field, body
    assert body["message"].startswith(f"{field}: ")
    return str(body["message"])


JACKET = {"sku": "JKT-100", "size": "M", "quantity": 1, "amount": "149.95"}
# Each refund no order history can contain: (what it changes, status, field, why).
IMPOSSIBLE: dict[str, tuple[dict[str, Any], int, str, str]] = {
    "another customer's e-mail": (
        {"customer": {"email": "noah.king@example.com"}},
        409,
        "customer.email",
        "belongs to another customer than order US-1's",
    ),
    "an e-mail nobody has": ({"customer": {"email": "stranger@example.com"}}, 409, "customer", ""),
    "another currency": (
        {"currency": "EUR"},
        422,
        "currency",
        "EUR, but order US-1 was paid in USD",
    ),
    "a SKU not in the order": (
        {"lines": [{**JACKET, "sku": "HAT-1"}]},
        422,
        "lines[0].sku",
        "'HAT-1' is not in order US-1",
    ),
    "a size not in the order": (
        {"lines": [{**JACKET, "size": "XL"}]},
        422,
        "lines[0].size",
        "has JKT-100 in size M, not XL",
    ),
    "a quantity of 50": (
        {"lines": [{**JACKET, "quantity": 50}]},
        422,
        "lines[0].quantity",
        "50 × JKT-100 / M returned; order US-1 sold 2",
    ),
    "an amount of 99,999.99": (
        {"lines": [{**JACKET, "amount": "99999.99"}]},
        422,
        "lines[0].amount",
        "99999.99 USD refunded for JKT-100 / M; order US-1 charged 299.90 USD for it",
    ),
    "a date six years before the order": (
        {"returned_at": "2020-10-01T10:00:00Z"},
        422,
        "returned_at",
        "2020-10-01 10:00 UTC is before order US-1 (2026-10-01 10:00 UTC)",
    ),
    "an order that does not exist": (
        {"order_external_id": "NOPE-1"},
        422,
        "order_external_id",
        "no web order 'NOPE-1'",
    ),
}


@pytest.mark.parametrize("case", list(IMPOSSIBLE))
def test_a_refund_that_no_order_history_can_contain_is_refused(
    server: LiveServer, case: str
) -> None:
    change, status, field, why = IMPOSSIBLE[case]
    headers = server.staff_headers()
    with server.client() as http:
        order = http.post("/ingest/orders", json=_order("US-1"), headers=headers)
        assert order.status_code == 200, order.text
        http.post(
            "/ingest/orders",
            json=_order("US-2", customer={"email": "noah.king@example.com"}, lines=LINES[:1]),
            headers=headers,
        ).raise_for_status()
        customers_before = _one(server, "SELECT count(*) FROM customer")
        r = http.post(
            "/ingest/returns",
            json={**_return("RF-1", "US-1", [JACKET]), **change},
            headers=headers,
        )
        assert why in _refused(r, status, field)
    # Nothing half-applied: no return row, no points taken back, no customer made up.
    assert _one(server, "SELECT count(*) FROM return_record WHERE external_id = 'RF-1'") == 0
    assert _one(server, "SELECT count(*) FROM customer") == customers_before
    assert _ledger(server, order.json()["customer_id"]) == (414, 414)


def test_two_refunds_may_not_together_exceed_the_sale(server: LiveServer) -> None:
    headers = server.staff_headers()
    jacket = {"sku": "JKT-100", "size": "M", "quantity": 1, "amount": "149.95"}
    with server.client() as http:
        http.post("/ingest/orders", json=_order("US-10"), headers=headers).raise_for_status()
        first = http.post(
            "/ingest/returns", json=_return("RF-10", "US-10", [jacket]), headers=headers
        )
        assert first.status_code == 200 and first.json()["status"] == "created", first.text
        # The same return again is the same return, not a second one.
        again = http.post(
            "/ingest/returns", json=_return("RF-10", "US-10", [jacket]), headers=headers
        )
        assert again.json()["status"] == "duplicate"
        # 2 × 149.95 = 299.90 sold: 149.95 + 160.00 would refund more than that.
        over = http.post(
            "/ingest/returns",
            json=_return("RF-11", "US-10", [{**jacket, "amount": "160.00"}]),
            headers=headers,
        )
        assert "149.95 USD already refunded" in _refused(over, 409, "lines[0].amount")
        second = http.post(
            "/ingest/returns", json=_return("RF-12", "US-10", [jacket]), headers=headers
        )
        assert second.status_code == 200, second.text
        third = http.post(
            "/ingest/returns", json=_return("RF-13", "US-10", [jacket]), headers=headers
        )
        assert "sold 2, 2 of them already returned" in _refused(third, 409, "lines[0].quantity")
    returned = "SELECT sum({}) FROM return_record WHERE external_id LIKE 'RF-1%'"
    assert _one(server, returned.format("quantity")) == 2
    assert _one(server, returned.format("amount_cents")) == 2 * 14995


def test_a_refund_without_currency_or_line_amounts_follows_its_order(server: LiveServer) -> None:
    headers = server.staff_headers()
    body = _return("RF-20", "US-20", [{"sku": "JKT-100", "quantity": 1}], amount="120.00")
    del body["currency"]
    with server.client() as http:
        http.post("/ingest/orders", json=_order("US-20"), headers=headers).raise_for_status()
        r = http.post("/ingest/returns", json=body, headers=headers)
        assert r.status_code == 200, r.text
    row = "SELECT {} FROM return_record WHERE external_id = 'RF-20'"
    assert _one(server, row.format("currency")) == "USD"
    # The amount refunded is what the shop refunded (120.00), not the jacket's price (149.95).
    assert _one(server, row.format("amount_cents")) == 12000
    assert _one(server, row.format("size")) == "M"


def test_the_refund_of_a_cancelled_order_takes_back_no_points(server: LiveServer) -> None:
    headers = server.staff_headers()
    with server.client() as http:
        order = http.post(
            "/ingest/orders", json=_order("US-30", status="cancelled"), headers=headers
        )
        assert order.status_code == 200, order.text
        refund = http.post(
            "/ingest/returns",
            json=_return(
                "RF-30",
                "US-30",
                [{"sku": "JKT-100", "size": "M", "quantity": 2, "amount": "299.90"}],
            ),
            headers=headers,
        )
        assert refund.status_code == 200, refund.text
    customer_id = order.json()["customer_id"]
    assert (
        _one(server, "SELECT count(*) FROM loyalty_entry WHERE customer_id = :c", c=customer_id)
        == 0
    )
    assert _one(
        server, "SELECT points_balance FROM loyalty_account WHERE customer_id = :c", c=customer_id
    ) in (None, 0)


def test_a_refund_beyond_her_balance_is_recorded_not_clamped(server: LiveServer) -> None:
    """An unlinked store refund of 600.00 when she holds 414 points (a debt the clamp hid)."""
    headers = server.staff_headers()
    with server.client() as http:
        order = http.post("/ingest/orders", json=_order("US-40"), headers=headers)
        assert order.status_code == 200, order.text
        refund = http.post(
            "/ingest/returns",
            json={
                "channel": "store",
                "external_id": "RF-40",
                "store_code": "MAD01",
                "returned_at": "2026-10-12T10:00:00Z",
                "currency": "USD",
                "customer": {"email": BUYER["email"]},
                "lines": [{"sku": "COAT-9", "quantity": 1, "amount": "600.00"}],
            },
            headers=headers,
        )
        assert refund.status_code == 200, refund.text
    customer_id = order.json()["customer_id"]
    assert _ledger(server, customer_id) == (0, 0)
    reasons = _one(
        server,
        "SELECT reason FROM loyalty_entry WHERE customer_id = :c AND points = 0",
        c=customer_id,
    )
    assert reasons == "Devolución store RF-40: 186 puntos no recuperados (ya canjeados)"


def test_a_pos_return_is_checked_against_the_receipt_it_names(server: LiveServer) -> None:
    header = (
        "store_code,receipt_id,sold_at,loyalty_card,email,phone,first_name,last_name,sku,size,"
        "quantity,unit_price,currency,original_receipt\n"
    )
    sale = "MAD01,T-500,2026-10-03T12:00:00+02:00,70000005000,,,Eva,Gil,SKU00003,M,1,25.00,EUR,\n"
    too_many = (
        "MAD01,T-501,2026-10-04T12:00:00+02:00,70000005000,,,Eva,Gil,"
        "SKU00003,M,-2,25.00,EUR,T-500\n"
    )
    same_receipt = (
        "MAD01,T-502,2026-10-04T13:00:00+02:00,70000005000,,,Eva,Gil,SKU00004,S,1,10.00,EUR,\n"
        "MAD01,T-502,2026-10-04T13:00:00+02:00,70000005000,,,Eva,Gil,SKU00004,S,-3,10.00,EUR,\n"
    )
    with server.client() as http:
        r = http.post(
            "/import/pos-sales",
            files={"file": ("pos.csv", header + sale + too_many, "text/csv")},
            headers=server.staff_headers(),
        )
        assert r.status_code == 422, r.text
        assert r.json()["detail"] == [
            {
                "line": 3,
                "field": "quantity",
                "reason": "2 × SKU00003 / M returned; order MAD01-T-500 sold 1",
            }
        ]
        r = http.post(
            "/import/pos-sales",
            files={"file": ("pos.csv", header + same_receipt, "text/csv")},
            headers=server.staff_headers(),
        )
        assert r.status_code == 422, r.text
        assert r.json()["detail"][0]["line"] == 3
        ok = http.post(
            "/import/pos-sales",
            files={
                "file": ("pos.csv", header + sale + too_many.replace(",-2,", ",-1,"), "text/csv")
            },
            headers=server.staff_headers(),
        )
        assert ok.status_code == 200, ok.text
        assert ok.json()["returns_created"] == 1
    linked = _one(
        server,
        'SELECT o.external_id FROM return_record r JOIN "order" o ON o.id = r.order_id '
        "WHERE r.external_id = 'MAD01-T-501'",
    )
    assert linked == "MAD01-T-500"
    assert _one(server, "SELECT count(*) FROM \"order\" WHERE external_id LIKE 'MAD01-T-50%'") == 1
