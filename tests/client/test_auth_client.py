"""The tablet's side of sign-in and tokens against the real server: transparent refresh of the
manager's access token, sign-out, typed errors, device token rotation, retire vs lost wipes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from clienteling.replica import edits, outbox
from clienteling.replica.store import set_meta
from clienteling.sync.client import (
    ApiClient,
    DeviceLost,
    DeviceRetired,
    SignInRequired,
    TooManyAttempts,
)
from clienteling.sync.credentials import FileTokenStore, account_for
from clienteling.sync.manager_api import ManagerApi, NeedsOnlineSignIn
from clienteling.sync.staff_auth import StaffAuth
from sync_server.settings import Settings
from tests.client.sync_helpers import enrolled, open_replica, rich_customer, run
from tests.conftest import FakeClock, LiveServer

ServerFactory = Callable[..., LiveServer]


class Monotonic:
    """The tablet's monotonic clock, moved by the test."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_manager_token_refreshes_transparently_then_signs_out(
    make_live_server: ServerFactory, tmp_path: Path
) -> None:
    clock = FakeClock()
    server = make_live_server(customers=0, clock=clock)
    replica = open_replica(tmp_path)
    monotonic = Monotonic()

    async def go() -> None:
        engine = await enrolled(replica, server.url)
        login = await engine.api.login("gerente.mad01", "demo", device_token=engine.api.token)
        assert login.device_id is not None and login.session_id
        auth = StaffAuth(login, monotonic=monotonic)
        manager = ManagerApi(engine.api, auth)
        assert isinstance(await manager.audit_log(), list)

        # The server's clock passed the access token's end before the tablet noticed.
        clock.advance(minutes=16)
        assert isinstance(await manager.audit_log(), list)
        first_refresh = auth._refresh
        assert first_refresh != login.refresh_token

        # The tablet knows its token is about to end: it renews before calling.
        monotonic.now += login.expires_in
        assert isinstance(await manager.audit_log(), list)
        assert auth._refresh != first_refresh and auth.session_id == login.session_id

        await auth.sign_out(engine.api)
        with pytest.raises(NeedsOnlineSignIn):
            await manager.audit_log()
        with server.client() as http:
            r = http.get("/auth/me", headers={"Authorization": f"Bearer {auth._access}"})
            assert r.json()["code"] == "session_ended"
        await engine.aclose()

    run(go())
    replica.close()


def test_sign_in_errors_are_typed(make_live_server: ServerFactory) -> None:
    settings = Settings(login_account_free_failures=1)
    server = make_live_server(customers=0, settings=settings, clock=FakeClock())

    async def go() -> None:
        async with ApiClient(server.url) as api:
            with pytest.raises(SignInRequired, match="Wrong user name or password"):
                await api.login("dependienta.mad01", "nope")
            with pytest.raises(TooManyAttempts) as waited:
                await api.login("dependienta.mad01", "demo")
            assert waited.value.retry_after == 1

    run(go())


def _token_life(replica: Any) -> tuple[str | None, str | None]:
    return replica.get_meta("device_token_issued_at"), replica.get_meta("device_token_expires_at")


def test_engine_rotates_its_token_past_half_life(live_server: LiveServer, tmp_path: Path) -> None:
    replica = open_replica(tmp_path / "tablet")
    tokens = FileTokenStore(tmp_path / "token")

    async def go() -> None:
        engine = await enrolled(replica, live_server.url, tokens=tokens)
        old = engine.api.token
        issued, expires = _token_life(replica)
        assert issued and expires
        assert not await engine.rotate_token_if_due()  # fresh: nothing to do

        # Sixteen days later (of thirty), the next sync rotates first.
        now = datetime.now(UTC)
        with replica.write() as conn:
            set_meta(conn, "device_token_issued_at", (now - timedelta(days=16)).isoformat())
            set_meta(conn, "device_token_expires_at", (now + timedelta(days=14)).isoformat())
        await engine.sync_once()
        new = tokens.get(account_for(live_server.url))
        assert new and new != old and engine.api.token == new
        assert datetime.fromisoformat(_token_life(replica)[1] or "") > now + timedelta(days=29)
        # The sync after the rotation used the new token, so the old one is gone.
        with live_server.client() as http:
            r = http.get("/sync/handshake", headers=live_server.device_headers(old or ""))
            assert r.json()["code"] == "device_unknown"

        # A tablet enrolled before tokens expired learns its token's life from the handshake.
        with replica.write() as conn:
            set_meta(conn, "device_token_issued_at", None)
        assert not await engine.rotate_token_if_due()
        assert _token_life(replica)[0] is not None
        await engine.aclose()

    run(go())
    replica.close()


def test_retired_tablet_pushes_its_edits_then_wipes(
    live_server: LiveServer, tmp_path: Path
) -> None:
    replica = open_replica(tmp_path / "tablet")
    tokens = FileTokenStore(tmp_path / "token")
    wiped: list[tuple[str, int]] = []

    async def go() -> None:
        engine = await enrolled(
            replica,
            live_server.url,
            tokens=tokens,
            on_wipe=lambda code: wiped.append((code, outbox.count(replica.read()))),
        )
        await engine.sync_once()
        customer_id = rich_customer(replica)[0]
        edits.add_note(replica, customer_id, "Prefers linen")
        device_id = replica.get_meta("device_id")
        with live_server.client() as http:
            r = http.post(f"/devices/{device_id}/revoke", headers=live_server.staff_headers())
            assert r.status_code == 200
        with pytest.raises(DeviceRetired) as retired:
            await engine.sync_once()
        assert retired.value.wipe
        assert wiped == [("device_retired", 0)]  # the edit was handed in before the wipe
        assert tokens.get(account_for(live_server.url)) is None and not engine.enrolled
        await engine.aclose()

    run(go())
    replica.close()


def test_lost_tablet_wipes_without_pushing(live_server: LiveServer, tmp_path: Path) -> None:
    replica = open_replica(tmp_path / "tablet")
    wiped: list[tuple[str, int]] = []

    async def go() -> None:
        engine = await enrolled(
            replica,
            live_server.url,
            on_wipe=lambda code: wiped.append((code, outbox.count(replica.read()))),
        )
        await engine.sync_once()
        edits.add_note(replica, rich_customer(replica)[0], "Size 38")
        device_id = replica.get_meta("device_id")
        with live_server.client() as http:
            r = http.post(f"/devices/{device_id}/report-lost", headers=live_server.staff_headers())
            assert r.status_code == 200
        with pytest.raises(DeviceLost):
            await engine.sync_once()
        assert wiped == [("device_lost", 1)]
        await engine.aclose()

    run(go())
    replica.close()
