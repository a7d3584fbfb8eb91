"""Manager endpoints over HTTP: consent-respecting export, bulk assignment reaching the
tablet, VIP private sale with RSVPs and event sales, abandoned-cart calls, retention."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta

from sqlmodel import select

from sync_server.db import read_session, write_session
from sync_server.domain.models import AuditLog, Cart, Customer, CustomerScope, Task
from sync_server.outreach.consent import current_consents
from sync_server.outreach.models import OutreachMessage
from sync_server.outreach.queue import enqueue
from sync_server.outreach.retention import apply_retention
from tests.conftest import LiveServer
from tests.outreach.conftest import (
    Tablet,
    make_customer,
    outreach_settings,
    staff_id,
    store_id,
)


def test_export_leaves_out_customers_without_consent(server: LiveServer) -> None:
    yes = make_customer(server, "Sí", email_address="si@clientes-demo.es", consents={"email": True})
    no = make_customer(server, "No", email_address="no@clientes-demo.es", consents={"email": False})
    flip = make_customer(
        server, "Flip", email_address="flip@clientes-demo.es", consents={"email": True}
    )
    tablet = Tablet(server)
    assert (
        tablet.push(
            "consent.record", flip, {"id": "flip-withdraw-1", "channel": "email", "granted": False}
        )["status"]
        == "applied"
    )

    with server.client() as http:
        r = http.get(
            "/exports/customers.csv",
            params={"channel": "email", "purpose": "marketing"},
            headers=server.staff_headers("gerente.mad01"),
        )
        assert r.status_code == 200, r.text
        assert r.headers["content-type"].startswith("text/csv")
        rows = list(csv.DictReader(io.StringIO(r.text)))
        denied = http.get(
            "/exports/customers.csv", headers=server.staff_headers("dependienta.mad01")
        )
        assert denied.status_code == 403

    exported = {row["customer_id"] for row in rows}
    assert yes in exported and no not in exported and flip not in exported
    assert (
        next(row for row in rows if row["customer_id"] == yes)["address"] == "si@clientes-demo.es"
    )
    mad = store_id(server)
    with read_session(server.engine) as session:
        bucket = list(
            session.exec(
                select(CustomerScope.customer_id).where(CustomerScope.store_id == mad)
            ).unique()
        )
        live = set(session.exec(select(Customer.id).where(Customer.merged_into_id.is_(None))))  # type: ignore[union-attr]
        granted = {c for c, ok in current_consents(session, bucket, "email").items() if ok}
        assert exported == granted & live
        logged = session.exec(select(AuditLog).where(AuditLog.action == "export_customers")).all()
    assert len(logged) == 1 and f"rows={len(rows)}" in logged[0].detail


def test_assignment_creates_tasks_on_the_assistants_day(live_server: LiveServer) -> None:
    server = live_server
    mad = store_id(server)
    assistant = staff_id(server, "asesora.mad01")
    with read_session(server.engine) as session:
        picked = list(
            session.exec(
                select(Customer.id)
                .join(CustomerScope, CustomerScope.customer_id == Customer.id)  # type: ignore[arg-type]
                .where(CustomerScope.store_id == mad, CustomerScope.reason == "home")
                .order_by(Customer.id)
                .limit(3)
            )
        )
    tablet = Tablet(server)
    with server.client() as http:
        r = http.post(
            "/stores/MAD01/assignments",
            json={"customer_ids": picked, "staff_id": assistant},
            headers=server.staff_headers("gerente.mad01"),
        )
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["tasks_created"] == 3
        again = http.post(
            "/stores/MAD01/assignments",
            json={"customer_ids": picked, "staff_id": assistant},
            headers=server.staff_headers("gerente.mad01"),
        ).json()
        assert again["tasks_created"] == 0
        foreign = http.post(
            "/stores/MAD01/assignments",
            json={"customer_ids": picked, "staff_id": assistant},
            headers=server.staff_headers("gerente.bcn01"),
        )
        assert foreign.status_code == 403
        wrong_staff = http.post(
            "/stores/MAD01/assignments",
            json={"customer_ids": picked, "staff_id": staff_id(server, "asesora.bcn01")},
            headers=server.staff_headers("gerente.mad01"),
        )
        assert wrong_staff.status_code == 422
    tablet.pull()
    tasks = [t for t in tablet.rows["task"].values() if t["id"] in body["task_ids"]]
    assert len(tasks) == 3
    assert {t["customer_id"] for t in tasks} == set(picked)
    assert all(t["assigned_staff_id"] == assistant and t["status"] == "open" for t in tasks)
    assert all(tablet.rows["customer"][c]["assigned_staff_id"] == assistant for c in picked)


def test_vip_private_sale(live_server: LiveServer) -> None:
    server = live_server
    manager = server.staff_headers("gerente.mad01")
    admin = server.staff_headers("admin")
    paz = make_customer(
        server,
        "Paz",
        email_address="paz@clientes-demo.es",
        phone="+34611000001",
        vip=True,
        consents={"email": False, "whatsapp": True},
        preferred_channel="email",
    )
    rai = make_customer(server, "Rai", email_address="rai@clientes-demo.es", vip=True, consents={})
    event_at = datetime.now(UTC).replace(microsecond=0)
    with server.client() as http:
        preview = http.post(
            "/outreach/segment-preview", json={"segment": {"vip_only": True}}, headers=manager
        )
        assert preview.status_code == 200, preview.text
        size = preview.json()["size"]
        assert size >= 2
        assert preview.json()["reachable"] < size  # Rai has no consent at all
        assert preview.json()["by_channel"]["whatsapp"] >= 1
        narrower = http.post(
            "/outreach/segment-preview",
            json={"segment": {"vip_only": True, "min_lifetime_value_cents": 2_000_000_000}},
            headers=manager,
        ).json()["size"]
        assert narrower < size
        created = http.post(
            "/outreach/campaigns",
            json={
                "name": "Venta privada primavera",
                "description": "Solo con invitación.",
                "event_at": event_at.isoformat(),
                "segment": {"vip_only": True},
            },
            headers=manager,
        )
        assert created.status_code == 201, created.text
        campaign = created.json()
        assert campaign["status"] == "draft" and campaign["segment_size"] == size
        cid = campaign["id"]
        sent = http.post(f"/outreach/campaigns/{cid}/send", headers=manager)
        assert sent.status_code == 200, sent.text
        assert sent.json()["invited"] + sent.json()["skipped"] == size
        assert http.post(f"/outreach/campaigns/{cid}/send", headers=manager).status_code == 409
        invitations = {
            i["customer_id"]: i
            for i in http.get(f"/outreach/campaigns/{cid}/invitations", headers=manager).json()
        }
        assert invitations[paz]["channel"] == "whatsapp"  # preferred e-mail not consented
        assert invitations[rai]["status"] == "skipped"
        assert invitations[rai]["reason"] == "no marketing consent on any channel"
        assert (
            http.patch(
                f"/outreach/campaigns/{cid}/invitations/{paz}",
                json={"rsvp": "yes"},
                headers=manager,
            ).json()["rsvp"]
            == "yes"
        )
        assert (
            http.patch(
                f"/outreach/campaigns/{cid}/invitations/{paz}",
                json={"attended": True},
                headers=manager,
            ).json()["attended"]
            is True
        )
        order = http.post(
            "/ingest/orders",
            json={
                "channel": "store",
                "external_id": "VIP-1",
                "store_code": "MAD01",
                "fulfilment": "in_store",
                "ordered_at": event_at.isoformat(),
                "customer": {"email": "paz@clientes-demo.es"},
                "lines": [{"sku": "SKU00002", "quantity": 2, "unit_price": "45.00"}],
            },
            headers=admin,
        )
        assert order.status_code == 200, order.text
        results = http.get(f"/outreach/campaigns/{cid}", headers=manager).json()["results"]
        assert results["rsvp_yes"] == 1 and results["attended"] == 1
        assert results["event_orders"] >= 1 and results["event_revenue_cents"] >= 9000
        assert (
            http.get(
                f"/outreach/campaigns/{cid}", headers=server.staff_headers("gerente.bcn01")
            ).status_code
            == 403
        )
        assert http.get("/outreach/campaigns/nope", headers=manager).status_code == 404
    with read_session(server.engine) as session:
        message = session.exec(
            select(OutreachMessage).where(OutreachMessage.customer_id == paz)
        ).one()
    assert message.channel == "whatsapp" and message.status == "queued"
    assert "Venta privada primavera" in message.body


def test_abandoned_cart_calls(live_server: LiveServer) -> None:
    server = live_server
    make_customer(server, "Sol", email_address="sol@clientes-demo.es")
    admin = server.staff_headers("admin")
    manager = server.staff_headers("gerente.mad01")
    with server.client() as http:
        r = http.post(
            "/ingest/carts",
            json={
                "channel": "web",
                "external_id": "CART-SOL",
                "event": "abandoned",
                "at": (datetime.now(UTC) - timedelta(days=1)).isoformat(),
                "customer": {"email": "sol@clientes-demo.es"},
                "lines": [{"sku": "SKU00003", "size": "M", "quantity": 1, "unit_price": "39.90"}],
            },
            headers=admin,
        )
        assert r.status_code == 200, r.text
        cart_id = r.json()["id"]
        calls = http.post("/outreach/cart-calls", json={"days": 7}, headers=manager)
        assert calls.status_code == 200, calls.text
        created = calls.json()
        assert created["created"] >= 1
        assert (
            http.post("/outreach/cart-calls", json={"days": 7}, headers=manager).json()["created"]
            == 0
        )
        http.post(
            "/ingest/orders",
            json={
                "channel": "web",
                "external_id": "SOL-1",
                "ordered_at": datetime.now(UTC).isoformat(),
                "customer": {"email": "sol@clientes-demo.es"},
                "lines": [{"sku": "SKU00003", "quantity": 1, "unit_price": "39.90"}],
            },
            headers=admin,
        ).raise_for_status()
        kpis = http.get("/outreach/kpis", headers=manager).json()
    with read_session(server.engine) as session:
        cart = session.get(Cart, cart_id)
        assert cart is not None and cart.status == "recovered"
        task = session.exec(select(Task).where(Task.customer_id == cart.customer_id)).one()
    assert task.kind == "cart_call" and "SKU00003" in task.details and "en tienda" in task.details
    assert kpis["carts_recovered"] >= 1 and kpis["cart_calls_created"] >= 1
    with read_session(server.engine) as session:
        owners = [session.get(Task, t).assigned_staff_id for t in created["task_ids"]]  # type: ignore[union-attr]
    counts = sorted(owners.count(o) for o in set(owners))
    assert counts[-1] - counts[0] <= 1  # round-robin: nobody gets two calls more than another


def test_retention_lists_then_erases_inactive_customers(live_server: LiveServer) -> None:
    server = live_server
    old = make_customer(
        server,
        "Antigua",
        email_address="antigua@clientes-demo.es",
        consents={"email": True},
        created_days_ago=4000,
    )
    with write_session(server.engine) as session:
        customer = session.get(Customer, old)
        assert customer is not None
        enqueue(
            session,
            outreach_settings(server, None),
            customer,
            "email",
            "birthday_coupon",
            {"coupon_code": "X"},
        )
    dry = apply_retention(server.engine, 3650, dry_run=True)
    assert old in dry.customers and dry.erased == 0
    done = apply_retention(server.engine, 3650, dry_run=False)
    assert done.erased == len(dry.customers) and done.rows_removed > 0
    with read_session(server.engine) as session:
        assert session.get(Customer, old) is None
        leftover = session.exec(
            select(OutreachMessage).where(OutreachMessage.customer_id == old)
        ).all()
    assert leftover == []


def test_kpi_periods_outside_the_calendar_are_refused_not_a_crash(server: LiveServer) -> None:
    """Found by the fuzz test: a day whose 30-day period starts before year 1 was a 500."""
    manager = server.staff_headers("gerente.mad01")
    with server.client() as http:
        for params in ({"to": "0001-01-01"}, {"from": "9999-12-31"}):
            r = http.get("/outreach/kpis", params=params, headers=manager)
            assert r.status_code == 422, (params, r.text)
            assert r.json()["message"].endswith("must be between 2000-01-01 and 2100-01-01")
        early = http.get("/outreach/kpis", params={"to": "2000-01-05"}, headers=manager)
    assert early.status_code == 200, early.text
