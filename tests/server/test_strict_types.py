"""Values of another type than the schema's are refused (422), not silently reinterpreted:
``1`` is not a flag, ``true`` not a count, a Unix timestamp not an ISO date-time."""

from __future__ import annotations

import uuid
from typing import Any

from tests.conftest import LiveServer


def _order(**changes: Any) -> dict[str, Any]:
    line = {"sku": "SKU00001", "size": "M", "quantity": 1, "unit_price": "9.95"}
    order = {
        "channel": "web",
        "external_id": f"T-{uuid.uuid4().hex[:8]}",
        "ordered_at": "2026-10-01T10:00:00Z",
        "customer": {"email": f"strict.{uuid.uuid4().hex[:8]}@example.com"},
        "lines": [line],
    }
    if "quantity" in changes:
        line["quantity"] = changes.pop("quantity")
    return {**order, **changes}


def _mutation(created_at: Any) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "kind": "customer.viewed",
        "customer_id": None,
        "hlc": "000001764064800000-00000-strict01",
        "created_at": created_at,
        "payload": {},
    }


def test_values_of_another_type_are_refused(server: LiveServer) -> None:
    admin = server.staff_headers()
    manager = server.staff_headers("gerente.mad01")
    device = server.device_headers(server.enrol("MAD01")["device_token"])
    refused = [
        ("/outreach/segment-preview", manager, {"segment": {"vip_only": 1}}, "vip_only"),
        ("/outreach/segment-preview", manager, {"segment": {"max_customers": True}}, "max"),
        ("/ingest/orders", admin, _order(ordered_at=1764064800), "ordered_at"),
        ("/ingest/orders", admin, _order(quantity=True), "quantity"),
        ("/ingest/stock", admin, [{"store_code": "MAD01", "sku": "SKU00001", "quantity": "5"}], ""),
        ("/sync/push", device, {"mutations": [_mutation(0)]}, "created_at"),
    ]
    with server.client() as http:
        for path, headers, body, field in refused:
            r = http.post(path, json=body, headers=headers)
            assert r.status_code == 422, (path, body, r.text)
            assert field in r.json()["message"], r.text
        # The same requests with the documented types are accepted.
        accepted = [
            ("/outreach/segment-preview", manager, {"segment": {"vip_only": True}}),
            ("/ingest/orders", admin, _order()),
            ("/ingest/stock", admin, [{"store_code": "MAD01", "sku": "SKU00001", "quantity": 5}]),
            ("/sync/push", device, {"mutations": [_mutation("2026-11-25T10:00:00Z")]}),
        ]
        for path, headers, body in accepted:
            r = http.post(path, json=body, headers=headers)
            assert r.status_code == 200, (path, r.text)
