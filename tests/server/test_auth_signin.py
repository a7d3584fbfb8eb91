"""Sign-in throttling as an attacker meets it: delays, lockout, 429 + Retry-After, audit, and
no timing difference between unknown and real user names. Time is the server's fake clock."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from sqlmodel import Session, col, select

from sync_server.domain import accounts
from sync_server.domain.models import AuditLog
from sync_server.domain.security import dummy_hash
from sync_server.settings import Settings
from tests.conftest import FakeClock, LiveServer

ServerFactory = Callable[..., LiveServer]


def _login(http: httpx.Client, username: str, password: str) -> httpx.Response:
    return http.post("/auth/login", json={"username": username, "password": password})


@pytest.fixture
def verifications(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every password hash the server checks a password against, in order."""
    seen: list[str] = []
    real = accounts.verify_password

    def spy(password_hash: str, password: str) -> bool:
        seen.append(password_hash)
        return real(password_hash, password)

    monkeypatch.setattr(accounts, "verify_password", spy)
    return seen


def _server(make_live_server: ServerFactory, backend: str, **limits: Any) -> LiveServer:
    return make_live_server(
        customers=0, backend=backend, settings=Settings(**limits), clock=FakeClock()
    )


def test_growing_delays_then_lockout_then_success_resets(
    make_live_server: ServerFactory, backend: str, verifications: list[str]
) -> None:
    server = _server(
        make_live_server,
        backend,
        login_account_free_failures=3,
        login_account_lockout_failures=5,
        login_lockout_minutes=15,
    )
    clock = server.clock
    assert clock is not None
    with server.client() as http:
        for _ in range(3):
            assert _login(http, "gerente.mad01", "guess").status_code == 401
        checked = len(verifications)

        early = _login(http, "gerente.mad01", "guess")
        assert early.status_code == 429
        assert early.headers["Retry-After"] == "1"
        assert early.json()["code"] == "too_many_attempts"
        assert "try again" in early.json()["message"].lower()
        assert len(verifications) == checked  # refused before any password check

        clock.advance(seconds=1)
        assert _login(http, "gerente.mad01", "guess").status_code == 401
        assert _login(http, "gerente.mad01", "guess").headers["Retry-After"] == "2"
        clock.advance(seconds=2)
        assert _login(http, "gerente.mad01", "guess").status_code == 401  # 5th: locked

        checked = len(verifications)
        locked = _login(http, "gerente.mad01", "demo")  # even the right password waits
        assert locked.status_code == 429
        assert locked.json()["detail"]["locked"] is True
        assert 14 * 60 < int(locked.headers["Retry-After"]) <= 15 * 60
        assert "locked" in locked.json()["message"]
        assert len(verifications) == checked

        clock.advance(minutes=14)
        assert _login(http, "gerente.mad01", "demo").status_code == 429
        clock.advance(minutes=1, seconds=1)
        assert _login(http, "gerente.mad01", "demo").status_code == 200
        # The success cleared the account's count: one slip is not punished again.
        assert _login(http, "gerente.mad01", "guess").status_code == 401
        assert _login(http, "gerente.mad01", "demo").status_code == 200
        # Another account was never slowed down by this one's failures.
        assert _login(http, "dependienta.mad01", "demo").status_code == 200


def test_failures_are_audited_with_address_and_name_but_no_password(
    make_live_server: ServerFactory, backend: str
) -> None:
    server = _server(make_live_server, backend)
    with server.client() as http:
        assert _login(http, "dependienta.mad01", "s3cr3t-guess").status_code == 401
        assert _login(http, "nobody.here", "other-guess").status_code == 401
    with Session(server.engine) as session:
        rows = session.exec(
            select(AuditLog).where(AuditLog.action == "sign_in_failed").order_by(col(AuditLog.id))
        ).all()
    assert [r.detail for r in rows] == [
        "user=dependienta.mad01 address=127.0.0.1",
        "user=nobody.here address=127.0.0.1",
    ]
    assert rows[0].staff_id is not None and rows[1].staff_id is None
    assert all("guess" not in r.detail for r in rows)


def test_one_address_guessing_many_accounts_is_slowed_down(
    make_live_server: ServerFactory, backend: str
) -> None:
    server = _server(
        make_live_server,
        backend,
        login_address_free_failures=4,
        login_address_lockout_failures=6,
    )
    clock = server.clock
    assert clock is not None
    with server.client() as http:
        for n in range(4):
            assert _login(http, f"user{n}", "123456").status_code == 401
        spray = _login(http, "dependienta.mad01", "123456")
        assert spray.status_code == 429 and spray.headers["Retry-After"] == "1"
        clock.advance(seconds=1)
        assert _login(http, "user5", "123456").status_code == 401
        clock.advance(seconds=2)
        assert _login(http, "user6", "123456").status_code == 401  # 6th from here: locked
        assert _login(http, "gerente.mad01", "demo").status_code == 429
        clock.advance(minutes=16)
        assert _login(http, "gerente.mad01", "demo").status_code == 200


def test_unknown_user_costs_the_same_password_check(
    make_live_server: ServerFactory, backend: str, verifications: list[str]
) -> None:
    server = _server(
        make_live_server,
        backend,
        login_account_free_failures=50,
        login_address_free_failures=50,
    )

    def timed(username: str) -> float:
        start = time.perf_counter()
        assert _login(http, username, "not-the-password").status_code == 401
        return time.perf_counter() - start

    with server.client() as http:
        _login(http, "warm.up", "x")
        verifications.clear()
        unknown = statistics.median(timed(f"ghost{n}") for n in range(5))
        real = statistics.median(timed("gerente.mad01") for _ in range(5))
    # The unknown names were checked against the dummy argon2 hash, the real one against its own.
    assert verifications[:5] == [dummy_hash()] * 5
    assert all(h != dummy_hash() and h.startswith("$argon2") for h in verifications[5:])
    assert unknown > real / 3, (unknown, real)
