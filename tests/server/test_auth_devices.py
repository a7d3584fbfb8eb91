"""Device tokens that expire and rotate, retire vs lost, revoking what a person enrolled, and
staff sign-ins bound to a tablet (``X-Clienteling-Device`` / ``X-Clienteling-Staff``)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from clienteling.protocol import DEVICE_HEADER, STAFF_HEADER
from sync_server.settings import Settings
from tests.conftest import FakeClock, LiveServer

ServerFactory = Callable[..., LiveServer]


@pytest.fixture
def timed(make_live_server: ServerFactory, backend: str) -> LiveServer:
    """A server without customers whose clock the test moves."""
    settings = Settings(device_token_days=30, device_token_grace_minutes=60)
    return make_live_server(customers=0, backend=backend, settings=settings, clock=FakeClock())


def _handshake(server: LiveServer, http: httpx.Client, token: str) -> httpx.Response:
    return http.get("/sync/handshake", headers=server.device_headers(token))


def _rotate(server: LiveServer, http: httpx.Client, token: str) -> httpx.Response:
    return http.post("/sync/token/rotate", headers=server.device_headers(token))


def _push(server: LiveServer, http: httpx.Client, token: str) -> httpx.Response:
    mutation: dict[str, Any] = {
        "id": str(uuid.uuid4()),
        "kind": "customer.viewed",
        "customer_id": str(uuid.uuid4()),
        "session_id": None,
        "hlc": "000001764064800000-00000-tab7",
        "created_at": datetime.now(UTC).isoformat(),
        "payload": {},
    }
    return http.post(
        "/sync/push", json={"mutations": [mutation]}, headers=server.device_headers(token)
    )


def _at(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def test_device_token_expires_and_handshake_says_when(timed: LiveServer) -> None:
    assert timed.clock is not None
    enrolled = timed.enrol()
    expires = _at(enrolled["token_expires_at"])
    assert expires - timed.clock.now == timedelta(days=30)
    with timed.client() as http:
        hs = _handshake(timed, http, enrolled["device_token"]).json()
        assert _at(hs["device_token_expires_at"]) == expires
        assert _at(hs["device_token_issued_at"]) == timed.clock.now
        timed.clock.advance(days=30)
        r = _handshake(timed, http, enrolled["device_token"])
        assert r.status_code == 401 and r.json()["code"] == "device_token_expired"
        assert "enrol" in r.json()["message"]


def test_rotation_keeps_the_old_token_until_the_new_one_is_used(timed: LiveServer) -> None:
    assert timed.clock is not None
    old = timed.enrol()["device_token"]
    with timed.client() as http:
        timed.clock.advance(days=16)
        lost = _rotate(timed, http, old)
        assert lost.status_code == 200
        # The answer never reached the tablet: it retries with the old token, which still works.
        retried = _rotate(timed, http, old).json()
        new = retried["device_token"]
        assert _at(retried["token_expires_at"]) - timed.clock.now == timedelta(days=30)
        assert _handshake(timed, http, lost.json()["device_token"]).status_code == 401
        assert _handshake(timed, http, old).status_code == 200
        assert _handshake(timed, http, new).status_code == 200  # first use of the new token
        gone = _handshake(timed, http, old)
        assert gone.status_code == 401 and gone.json()["code"] == "device_unknown"
        # The new token lives 30 days from its rotation, past the old token's end.
        timed.clock.advance(days=20)
        assert _handshake(timed, http, new).status_code == 200


def test_unused_rotation_grace_runs_out(timed: LiveServer) -> None:
    assert timed.clock is not None
    old = timed.enrol()["device_token"]
    with timed.client() as http:
        new = _rotate(timed, http, old).json()["device_token"]
        timed.clock.advance(minutes=61)
        assert _handshake(timed, http, old).json()["code"] == "device_unknown"
        assert _handshake(timed, http, new).status_code == 200


def test_retired_tablet_may_push_then_is_told_to_wipe(timed: LiveServer) -> None:
    enrolled = timed.enrol()
    token = enrolled["device_token"]
    with timed.client() as http:
        r = http.post(
            f"/devices/{enrolled['device_id']}/revoke",
            headers=timed.staff_headers("gerente.mad01"),
        )
        assert r.status_code == 200 and r.json()["status"] == "retired"
        pushed = _push(timed, http, token)
        assert pushed.status_code == 200 and len(pushed.json()["outcomes"]) == 1
        for call in (
            http.get("/sync/pull", headers=timed.device_headers(token)),
            _handshake(timed, http, token),
            _rotate(timed, http, token),
        ):
            assert call.status_code == 401
            assert call.json()["code"] == "device_retired"
            assert call.json()["detail"] == {"wipe": True}


def test_lost_tablet_is_refused_everything_including_push(timed: LiveServer) -> None:
    enrolled = timed.enrol()
    token = enrolled["device_token"]
    with timed.client() as http:
        other_store = http.post(
            f"/devices/{enrolled['device_id']}/report-lost",
            headers=timed.staff_headers("gerente.bcn01"),
        )
        assert other_store.status_code == 403
        associate = http.post(
            f"/devices/{enrolled['device_id']}/report-lost",
            headers=timed.staff_headers("dependienta.mad01"),
        )
        assert associate.status_code == 403
        r = http.post(
            f"/devices/{enrolled['device_id']}/report-lost",
            headers=timed.staff_headers("gerente.mad01"),
        )
        assert r.status_code == 200 and r.json()["status"] == "lost"
        for call in (_push(timed, http, token), _handshake(timed, http, token)):
            assert call.status_code == 401
            assert call.json() == {
                "code": "device_lost",
                "message": call.json()["message"],
                "detail": {"wipe": True},
            }


def test_devices_outlive_their_enroller_until_an_admin_revokes_them(timed: LiveServer) -> None:
    manager = timed.staff_headers("gerente.mad01")
    with timed.client() as http:
        tablets = [
            http.post("/devices/enrol", json={"store_code": "MAD01"}, headers=manager).json()
            for _ in range(2)
        ]
        admin = timed.staff_headers()
        gerente = http.get("/auth/me", headers=manager).json()["id"]
        assert http.post(f"/staff/{gerente}/deactivate", headers=admin).status_code == 200
        for tablet in tablets:  # the store's tablets keep working without her
            assert _handshake(timed, http, tablet["device_token"]).status_code == 200

        url = f"/staff/{gerente}/revoke-devices"
        assert http.post(url, headers=timed.staff_headers("gerente.bcn01")).status_code == 403
        retired = http.post(url, headers=admin)
        assert retired.status_code == 200
        assert {d["id"] for d in retired.json()} == {t["device_id"] for t in tablets}
        assert {d["status"] for d in retired.json()} == {"retired"}
        for tablet in tablets:
            assert _handshake(timed, http, tablet["device_token"]).json()["code"] == (
                "device_retired"
            )
        lost = http.post(url, json={"how": "lost"}, headers=admin).json()
        assert {d["status"] for d in lost} == {"lost"}
        assert _push(timed, http, tablets[0]["device_token"]).json()["code"] == "device_lost"


def _device_login(
    http: httpx.Client, device_token: str | None, username: str, password: str = "demo"
) -> httpx.Response:
    headers = {DEVICE_HEADER: device_token} if device_token else {}
    return http.post(
        "/auth/login", json={"username": username, "password": password}, headers=headers
    )


def test_sign_in_on_a_tablet_is_bound_to_it(server: LiveServer) -> None:
    mad = server.enrol("MAD01")
    with server.client() as http:
        r = _device_login(http, mad["device_token"], "dependienta.mad01")
        assert r.status_code == 200 and r.json()["device_id"] == mad["device_id"]
        admin = _device_login(http, mad["device_token"], "admin", "admin")
        assert admin.status_code == 200  # admins may sign in on any store's tablet
        other = _device_login(http, mad["device_token"], "dependienta.bcn01")
        assert other.status_code == 403 and other.json()["code"] == "wrong_store"
        bad = _device_login(http, "not-a-device", "dependienta.mad01")
        assert bad.status_code == 401 and bad.json()["code"] == "device_unknown"

        # A tablet's sign-in is refreshed from that tablet only.
        refresh_token = r.json()["refresh_token"]
        bcn = server.enrol("BCN01")
        for headers in ({}, {DEVICE_HEADER: bcn["device_token"]}):
            away = http.post(
                "/auth/refresh", json={"refresh_token": refresh_token}, headers=headers
            )
            assert away.status_code == 401
            assert away.json()["code"] == "staff_session_other_device"
        home = http.post(
            "/auth/refresh",
            json={"refresh_token": refresh_token},
            headers={DEVICE_HEADER: mad["device_token"]},
        )
        assert home.status_code == 200 and home.json()["session_id"] == r.json()["session_id"]


def _whoami(server: LiveServer, http: httpx.Client, device: str, staff: str | None) -> Any:
    headers = server.device_headers(device)
    if staff is not None:
        headers[STAFF_HEADER] = staff
    return http.get("/sync/whoami", headers=headers)


def test_device_staff_calls_need_a_sign_in_made_on_that_device(
    make_live_server: ServerFactory, backend: str
) -> None:
    server = make_live_server(customers=0, backend=backend, clock=FakeClock())
    assert server.clock is not None
    mad = server.enrol("MAD01")
    other = server.enrol("MAD01", name="other tablet")
    with server.client() as http:
        here = _device_login(http, mad["device_token"], "dependienta.mad01").json()
        there = _device_login(http, other["device_token"], "gerente.mad01").json()
        web = _device_login(http, None, "admin", "admin").json()

        ok = _whoami(server, http, mad["device_token"], here["access_token"])
        assert ok.status_code == 200
        assert ok.json()["username"] == "dependienta.mad01"
        assert ok.json()["session_id"] == here["session_id"]

        for staff_token, code in (
            (None, "staff_session_required"),
            (there["access_token"], "staff_session_other_device"),
            (web["access_token"], "staff_session_other_device"),
            ("forged", "invalid_token"),
        ):
            refused = _whoami(server, http, mad["device_token"], staff_token)
            assert refused.status_code == 401, staff_token
            assert refused.json()["code"] == code
        # The staff token alone, without the device, is not enough.
        r = http.get("/sync/whoami", headers={"Authorization": f"Bearer {here['access_token']}"})
        assert r.status_code in (401, 426)

        server.clock.advance(minutes=16)
        late = _whoami(server, http, mad["device_token"], here["access_token"])
        assert late.json()["code"] == "token_expired"

        # Retiring the tablet ends the sign-ins made on it.
        fresh = _device_login(http, other["device_token"], "gerente.mad01").json()
        revoked = http.post(f"/devices/{other['device_id']}/revoke", headers=server.staff_headers())
        assert revoked.status_code == 200
        refreshed = http.post(
            "/auth/refresh",
            json={"refresh_token": fresh["refresh_token"]},
            headers={DEVICE_HEADER: other["device_token"]},
        )
        assert refreshed.status_code == 401
        assert refreshed.json()["code"] == "device_retired"
        me = http.get("/auth/me", headers={"Authorization": f"Bearer {fresh['access_token']}"})
        assert me.json()["code"] == "session_ended"
