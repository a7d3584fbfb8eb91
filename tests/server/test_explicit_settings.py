"""A server created with explicit settings runs on them, whatever the environment says.

Tests and embedders hand ``create_app`` their own settings; a handler that read the
environment instead would serve another page size or session length than the one asked for.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from sync_server.outreach.settings import OutreachSettings
from sync_server.settings import Settings
from tests.conftest import FakeClock, LiveServer, ServerFactory

Explicit = tuple[LiveServer, FakeClock]

ENVIRONMENT = {
    "SYNC_SERVER_PULL_PAGE_MAX": "50",
    "SYNC_SERVER_STAFF_SESSION_HOURS": "20",
    "SYNC_SERVER_ACCESS_TOKEN_SECONDS": "900",
    "SYNC_SERVER_RETENTION_INACTIVE_DAYS": "5000",
    "SYNC_SERVER_OUTREACH_ATTRIBUTION_DAYS": "30",
}


@pytest.fixture
def explicit(make_live_server: ServerFactory, monkeypatch: pytest.MonkeyPatch) -> Explicit:
    """A server on explicit settings, started while the environment says otherwise."""
    for name, value in ENVIRONMENT.items():
        monkeypatch.setenv(name, value)
    settings = Settings(
        pull_page_max=3,
        staff_session_hours=2,
        access_token_seconds=120,
        outreach=OutreachSettings(retention_inactive_days=400, outreach_attribution_days=3),
    )
    clock = FakeClock()
    return make_live_server(settings=settings, clock=clock), clock


def test_pull_pages_are_cut_at_the_explicit_page_limit(explicit: Explicit) -> None:
    server, _ = explicit
    device = server.device_headers(server.enrol("MAD01")["device_token"])
    with server.client() as http:
        r = http.get("/sync/pull", params={"limit": 100}, headers=device)
    assert r.status_code == 200, r.text
    page = r.json()
    # The seeded store has far more than 50 rows: 3 is the explicit limit, 50 the environment's.
    assert len(page["changes"]) == 3
    assert page["has_more"] is True


def test_a_sign_in_lasts_the_explicit_session_hours(explicit: Explicit) -> None:
    server, clock = explicit
    with server.client() as http:
        r = http.post("/auth/login", json={"username": "gerente.mad01", "password": "demo"})
    assert r.status_code == 200, r.text
    body = r.json()
    expires = datetime.fromisoformat(body["session_expires_at"])
    assert expires == clock.now + timedelta(hours=2)  # the environment says 20 hours
    assert body["expires_in"] == 120  # the environment says 900 seconds


def test_outreach_defaults_come_from_the_explicit_settings(explicit: Explicit) -> None:
    server, _ = explicit
    manager = server.staff_headers("gerente.mad01")
    with server.client() as http:
        retention = http.get("/outreach/retention-preview", headers=manager)
        kpis = http.get("/outreach/kpis", headers=manager)
    assert retention.status_code == 200, retention.text
    assert retention.json()["inactive_days"] == 400
    assert kpis.status_code == 200, kpis.text
    assert kpis.json()["window_days"] == 3
