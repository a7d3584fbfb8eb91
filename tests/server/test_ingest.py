"""Ingestion over HTTP: webhooks, POS CSV, identity resolution, idempotency, clear rejections."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text

from tests.conftest import LiveServer


def _order(ext: str, customer: dict[str, Any], **over: Any) -> dict[str, Any]:
    body = {
        "channel": "web",
        "external_id": ext,
        "ordered_at": "2026-10-01T10:00:00Z",
        "currency": "EUR",
        "customer": customer,
        "fulfilment": "ship",
        "lines": [{"sku": "SKU00001", "size": "M", "quantity": 2, "unit_price": "49.95"}],
    }
    body.update(over)
    return body


def _scalar(server: LiveServer, sql: str, **params: Any) -> Any:
    with server.engine.connect() as conn:
        return conn.execute(text(sql), params).scalar()


def test_web_order_and_store_sale_join_one_golden_record(server: LiveServer) -> None:
    headers = server.staff_headers()
    with server.client() as http:
        web = http.post(
            "/ingest/orders",
            json=_order(
                "W-1",
                {
                    "email": "Lucia.Nunez@Example.com",
                    "first_name": "Lucía",
                    "last_name": "Núñez",
                    "web_account": "acc-991",
                },
            ),
            headers=headers,
        )
        assert web.status_code == 200, web.text
        assert web.json()["status"] == "created"
        again = http.post(
            "/ingest/orders",
            json=_order("W-1", {"email": "lucia.nunez@example.com"}),
            headers=headers,
        )
        assert again.json() == {**web.json(), "status": "duplicate"}
        csv_text = (
            "store_code,receipt_id,sold_at,loyalty_card,email,phone,first_name,last_name,sku,size,"
            "quantity,unit_price,currency\n"
            "MAD01,T-77,2026-10-03T12:00:00,,lucia.nunez@example.com,612 345 678,Lucía,Núñez,"
            "SKU00002,S,1,19.99,EUR\n"
            "MAD01,T-77,2026-10-03T12:00:00,,lucia.nunez@example.com,612 345 678,Lucía,Núñez,"
            "SKU00001,M,-1,49.95,EUR\n"
        )
        imported = http.post(
            "/import/pos-sales", files={"file": ("pos.csv", csv_text, "text/csv")}, headers=headers
        )
        assert imported.status_code == 200, imported.text
        assert imported.json()["orders_created"] == 1
        assert imported.json()["returns_created"] == 1
    customer_id = web.json()["customer_id"]
    assert (
        _scalar(server, 'SELECT count(*) FROM "order" WHERE customer_id = :c', c=customer_id) == 2
    )
    # The web sale was returned in a store: the return is in another channel than the sale.
    assert (
        _scalar(server, "SELECT channel FROM return_record WHERE customer_id = :c", c=customer_id)
        == "store"
    )
    phone = _scalar(
        server,
        "SELECT value FROM identity WHERE customer_id = :c AND kind = 'phone'",
        c=customer_id,
    )
    assert phone == "+34612345678"
    # 99.90 € bought online, 19.99 € in store, 49.95 € returned: points follow the net amount.
    assert (
        _scalar(
            server, "SELECT sum(points) FROM loyalty_entry WHERE customer_id = :c", c=customer_id
        )
        == 99 + 19 - 49
    )


def test_a_phone_shared_by_two_records_merges_them_and_admin_can_split(server: LiveServer) -> None:
    headers = server.staff_headers()
    with server.client() as http:
        a = http.post(
            "/ingest/orders", json=_order("W-10", {"email": "ana@example.com"}), headers=headers
        ).json()
        b = http.post(
            "/ingest/orders", json=_order("W-11", {"phone": "+34 699 000 111"}), headers=headers
        ).json()
        assert a["customer_id"] != b["customer_id"]
        c = http.post(
            "/ingest/events",
            json={
                "kind": "survey",
                "at": "2026-10-05T09:00:00Z",
                "score": 9,
                "customer": {"email": "ana@example.com", "phone": "699000111"},
            },
            headers=headers,
        ).json()
        survivor = c["customer_id"]
        assert survivor in (a["customer_id"], b["customer_id"])
        merged = b["customer_id"] if survivor == a["customer_id"] else a["customer_id"]
        records = http.get(f"/customers/{survivor}/merges", headers=headers).json()
        assert [r["merged_id"] for r in records] == [merged]
        bundle = http.get(f"/customers/{merged}", headers=headers).json()
        assert bundle["customer_id"] == survivor  # the merged id redirects
        split = http.post(f"/customers/merges/{records[0]['id']}/split", headers=headers)
        assert split.json()["restored_id"] == merged
    assert _scalar(server, 'SELECT count(*) FROM "order" WHERE customer_id = :c', c=merged) == 1


def test_bad_payloads_are_rejected_with_field_and_reason(server: LiveServer) -> None:
    headers = server.staff_headers()
    with server.client() as http:
        r = http.post(
            "/ingest/orders", json=_order("W-20", {"email": "not-an-email"}), headers=headers
        )
        assert r.status_code == 422
        assert r.json()["message"].startswith("customer.email")
        r = http.post(
            "/ingest/orders",
            json=_order(
                "W-21",
                {"email": "x@example.com"},
                lines=[{"sku": "S", "quantity": 1, "unit_price": "1.999"}],
            ),
            headers=headers,
        )
        assert r.status_code == 422
        assert "two decimals" in r.json()["message"]
        r = http.post("/ingest/orders", json=_order("W-22", {}), headers=headers)
        assert r.status_code == 422
        assert "identifier" in r.json()["message"]
        r = http.post("/ingest/orders", json=_order("W-24", {"email": "z@example.com",
                                                             "first_name": "A\u0000na"}),
                      headers=headers)  # fmt: skip
        assert r.status_code == 422 and "NUL" in r.json()["message"]
        r = http.post("/ingest/orders", json={"channel": "web"}, headers=headers)
        assert r.status_code == 422
        assert r.json()["code"] == "invalid_request"
        assert any(e["field"] == "external_id" for e in r.json()["detail"])
        r = http.post(
            "/ingest/orders",
            json=_order("W-23", {"email": "y@example.com"}, channel="store"),
            headers=headers,
        )
        assert r.status_code == 422 and "store_code" in r.json()["message"]
    assert _scalar(server, "SELECT count(*) FROM \"order\" WHERE external_id LIKE 'W-2%'") == 0


def test_pos_import_with_a_bad_row_imports_nothing_and_names_the_line(server: LiveServer) -> None:
    header = (
        "store_code,receipt_id,sold_at,loyalty_card,email,phone,first_name,last_name,sku,size,"
        "quantity,unit_price,currency\n"
    )
    good = "MAD01,R-1,2026-10-03T12:00:00,70000009999,,,Eva,Gil,SKU00003,M,1,25.00,EUR\n"
    bad_price = "MAD01,R-2,2026-10-03T12:05:00,70000009998,,,Luis,Ros,SKU00004,M,1,abc,EUR\n"
    bad_store = "XXX99,R-3,2026-10-03T12:06:00,70000009997,,,Mar,Paz,SKU00004,M,1,5.00,EUR\n"
    with server.client() as http:
        r = http.post(
            "/import/pos-sales",
            files={"file": ("pos.csv", header + good + bad_price + bad_store, "text/csv")},
            headers=server.staff_headers(),
        )
    assert r.status_code == 422
    body = r.json()
    assert body["code"] == "import_rejected"
    assert {(e["line"], e["field"]) for e in body["detail"]} == {
        (3, "unit_price"),
        (4, "store_code"),
    }
    assert _scalar(server, "SELECT count(*) FROM \"order\" WHERE external_id = 'MAD01-R-1'") == 0


def test_abandoned_cart_then_order_counts_as_recovered(server: LiveServer) -> None:
    headers = server.staff_headers()
    cart = {
        "channel": "web",
        "external_id": "cart-5",
        "event": "abandoned",
        "at": "2026-10-01T09:00:00Z",
        "customer": {"email": "carla@example.com"},
        "lines": [{"sku": "SKU00005", "size": "S", "quantity": 1, "unit_price": "59.90"}],
    }
    with server.client() as http:
        assert http.post("/ingest/carts", json=cart, headers=headers).status_code == 200
        http.post(
            "/ingest/orders", json=_order("W-30", {"email": "carla@example.com"}), headers=headers
        )
    assert _scalar(server, "SELECT status FROM cart WHERE external_id = 'cart-5'") == "recovered"
