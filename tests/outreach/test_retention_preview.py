"""The manager's retention preview: how many of her store's customers the retention job would
erase, without erasing anyone, and only for her own store."""

from __future__ import annotations

from typing import Any

from sqlmodel import select

from sync_server.db import read_session
from sync_server.domain.models import Customer
from sync_server.outreach.retention import inactive_customers
from tests.conftest import LiveServer
from tests.outreach.conftest import make_customer, store_id


def _preview(server: LiveServer, user: str, **params: str | int) -> tuple[int, dict[str, Any]]:
    with server.client() as http:
        response = http.get(
            "/outreach/retention-preview",
            params=params,
            headers=server.staff_headers(user, "demo"),
        )
    return response.status_code, response.json()


def test_preview_counts_the_stores_inactive_customers_and_erases_nobody(
    server: LiveServer,
) -> None:
    status, before = _preview(server, "gerente.mad01", inactive_days=3650)
    assert status == 200 and before["store_code"] == "MAD01"
    old_here = make_customer(server, "Antigua", created_days_ago=4000)
    make_customer(server, "Antigua de Barcelona", created_days_ago=4000, store_code="BCN01")
    make_customer(server, "Reciente", created_days_ago=100)

    status, after = _preview(server, "gerente.mad01", inactive_days=3650)
    assert status == 200
    assert after["customers"] == before["customers"] + 1
    expected = inactive_customers(server.engine, 3650, store_id=store_id(server, "MAD01"))
    assert old_here in expected and after["customers"] == len(expected)
    with read_session(server.engine) as session:
        assert session.exec(select(Customer).where(Customer.id == old_here)).first() is not None

    # The default rule is the configured one (about three years).
    status, default = _preview(server, "gerente.mad01")
    assert status == 200 and default["inactive_days"] == 1095


def test_preview_is_for_managers_of_their_own_store(server: LiveServer) -> None:
    assert _preview(server, "dependienta.mad01")[0] == 403
    assert _preview(server, "gerente.mad01", store_code="BCN01")[0] == 403
    status, body = _preview(server, "gerente.mad01", inactive_days=5)
    assert status == 422 and "inactive_days" in str(body)
