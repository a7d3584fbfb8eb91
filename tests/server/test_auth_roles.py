"""Roles on every endpoint, device tokens, the protocol handshake."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text

from clienteling.protocol import PROTOCOL_HEADER
from tests.conftest import LiveServer

# Valid bodies, so a missing role check would answer 200, never a validation error.
ENROL = {"store_code": "MAD01", "name": "tablet de la prueba de roles"}
VISIT = {
    "kind": "store_visit",
    "external_id": "roles-visit-1",
    "channel": "store",
    "at": "2026-10-05T11:30:00Z",
    "customer": {"email": "rosa.roles@example.com", "first_name": "Rosa"},
    "store_code": "MAD01",
    "summary": "Visita de la prueba de roles",
}


def _count(server: LiveServer, sql: str, **params: Any) -> int:
    with server.engine.connect() as conn:
        return int(conn.execute(text(sql), params).scalar_one())


def test_associate_is_refused_manager_and_admin_endpoints(server: LiveServer) -> None:
    headers = server.staff_headers("dependienta.mad01")
    with server.client() as http:
        enrol = http.post("/devices/enrol", json=ENROL, headers=headers)
        assert enrol.status_code == 403
        assert "manager" in enrol.json()["message"]
        assert http.get("/audit", headers=headers).status_code == 403
        assert http.get("/staff", headers=headers).status_code == 403
        ingest = http.post("/ingest/events", json=VISIT, headers=headers)
        assert ingest.status_code == 403
        assert "admin" in ingest.json()["message"]
        assert http.get("/stores", headers=headers).status_code == 200
    assert _count(server, "SELECT count(*) FROM device WHERE name = :n", n=ENROL["name"]) == 0
    assert (
        _count(server, "SELECT count(*) FROM interaction WHERE summary = :s", s=VISIT["summary"])
        == 0
    )


def test_manager_may_read_staff_but_only_an_admin_may_ingest(server: LiveServer) -> None:
    manager = server.staff_headers("gerente.mad01")
    with server.client() as http:
        assert http.get("/audit", headers=manager).status_code == 200
        assert http.get("/staff", headers=manager).status_code == 200
        refused = http.post("/ingest/events", json=VISIT, headers=manager)
        assert refused.status_code == 403
        assert (
            _count(
                server, "SELECT count(*) FROM interaction WHERE summary = :s", s=VISIT["summary"]
            )
            == 0
        )
        accepted = http.post("/ingest/events", json=VISIT, headers=server.staff_headers())
        assert accepted.status_code == 200
        assert accepted.json()["status"] == "created"
    assert (
        _count(server, "SELECT count(*) FROM interaction WHERE summary = :s", s=VISIT["summary"])
        == 1
    )


def test_manager_cannot_enrol_a_tablet_for_another_store(server: LiveServer) -> None:
    with server.client() as http:
        r = http.post(
            "/devices/enrol",
            json={"store_code": "BCN01"},
            headers=server.staff_headers("gerente.mad01"),
        )
        assert r.status_code == 403
        r = http.post(
            "/devices/enrol",
            json={"store_code": "MAD01"},
            headers=server.staff_headers("gerente.mad01"),
        )
        assert r.status_code == 200


def test_no_token_and_bad_token_are_401(server: LiveServer) -> None:
    with server.client() as http:
        assert http.get("/auth/me").status_code == 401
        r = http.get("/auth/me", headers={"Authorization": "Bearer nope"})
        assert r.status_code == 401
        assert r.json()["message"]


def test_stale_protocol_version_is_refused_with_a_clear_message(server: LiveServer) -> None:
    token = server.enrol("MAD01")["device_token"]
    with server.client() as http:
        r = http.get(
            "/sync/handshake",
            headers={"Authorization": f"Bearer {token}", PROTOCOL_HEADER: "0"},
        )
        assert r.status_code == 426
        body = r.json()
        assert body["code"] == "protocol_mismatch"
        assert "Update the Clienteling app" in body["message"]
        ok = http.get("/sync/handshake", headers=server.device_headers(token))
        assert ok.status_code == 200
        assert ok.json()["store_code"] == "MAD01"


def test_revoked_device_is_refused(server: LiveServer) -> None:
    enrolled = server.enrol("MAD01")
    with server.client() as http:
        r = http.post(f"/devices/{enrolled['device_id']}/revoke", headers=server.staff_headers())
        assert r.status_code == 200
        r = http.get("/sync/pull", headers=server.device_headers(enrolled["device_token"]))
        assert r.status_code == 401
        assert r.json()["code"] == "device_retired"
        assert "retired" in r.json()["message"]


def test_staff_reads_are_audit_logged(server: LiveServer) -> None:
    with server.client() as http:
        hits = http.get(
            "/customers", params={"q": "a"}, headers=server.staff_headers("gerente.mad01")
        )
        assert hits.status_code == 422  # two letters at least
        hits = http.get(
            "/customers", params={"q": "gmail"}, headers=server.staff_headers("gerente.mad01")
        )
        customer_id = hits.json()[0]["id"]
        r = http.get(f"/customers/{customer_id}", headers=server.staff_headers("gerente.mad01"))
        assert r.status_code == 200
        log = http.get(
            "/audit", params={"customer_id": customer_id}, headers=server.staff_headers()
        ).json()
        assert any(e["action"] == "read" for e in log)
