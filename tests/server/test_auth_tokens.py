"""Staff tokens over HTTP: short access tokens, refresh rotation and reuse detection, sign-out,
the absolute session end, password change and the last-admin guard."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
from sqlmodel import Session, select

from sync_server.domain.models import AuditLog
from sync_server.settings import Settings
from tests.conftest import FakeClock, LiveServer

ServerFactory = Callable[..., LiveServer]


def _server(make_live_server: ServerFactory, backend: str, **settings: Any) -> LiveServer:
    return make_live_server(
        customers=0, backend=backend, settings=Settings(**settings), clock=FakeClock()
    )


def _login(http: httpx.Client, username: str = "gerente.mad01", pw: str = "demo") -> Any:
    r = http.post("/auth/login", json={"username": username, "password": pw})
    assert r.status_code == 200, r.text
    return r.json()


def _me(http: httpx.Client, access: str) -> httpx.Response:
    return http.get("/auth/me", headers={"Authorization": f"Bearer {access}"})


def _refresh(http: httpx.Client, refresh_token: str) -> httpx.Response:
    return http.post("/auth/refresh", json={"refresh_token": refresh_token})


def test_login_answers_short_access_token_refresh_token_and_session_id(server: LiveServer) -> None:
    with server.client() as http:
        body = _login(http)
        assert body["token_type"] == "bearer"
        assert body["expires_in"] == 15 * 60
        assert body["refresh_token"] and body["refresh_token"] != body["access_token"]
        assert len(body["session_id"]) == 36 and body["session_id"] not in body["access_token"]
        assert _me(http, body["access_token"]).json()["username"] == "gerente.mad01"
        # A refresh token is not an access token.
        r = _me(http, body["refresh_token"])
        assert r.status_code == 401 and r.json()["code"] == "invalid_token"


def test_refresh_rotates_and_reusing_a_refresh_token_ends_the_session(server: LiveServer) -> None:
    with server.client() as http:
        first = _login(http)
        second = _refresh(http, first["refresh_token"])
        assert second.status_code == 200
        rotated = second.json()
        assert rotated["session_id"] == first["session_id"]
        assert rotated["refresh_token"] != first["refresh_token"]
        assert _me(http, rotated["access_token"]).status_code == 200

        # Someone replays the first refresh token (a copy was stolen): the whole sign-in ends.
        stolen = _refresh(http, first["refresh_token"])
        assert stolen.status_code == 401 and stolen.json()["code"] == "refresh_token_reused"
        for response in (
            _refresh(http, rotated["refresh_token"]),
            _me(http, rotated["access_token"]),
            _me(http, first["access_token"]),
        ):
            assert response.status_code == 401
            assert response.json()["code"] == "session_ended"
        assert _refresh(http, "made-up").json()["code"] == "invalid_token"
    with Session(server.engine) as session:
        assert session.exec(select(AuditLog).where(AuditLog.action == "refresh_token_reused")).all()


def test_access_token_expires_and_refresh_renews_it(
    make_live_server: ServerFactory, backend: str
) -> None:
    server = _server(make_live_server, backend, access_token_seconds=600, staff_session_hours=8)
    assert server.clock is not None
    with server.client() as http:
        body = _login(http)
        assert body["expires_in"] == 600
        server.clock.advance(seconds=601)
        expired = _me(http, body["access_token"])
        assert expired.status_code == 401 and expired.json()["code"] == "token_expired"
        renewed = _refresh(http, body["refresh_token"]).json()
        assert _me(http, renewed["access_token"]).status_code == 200

        # However often it is refreshed, a sign-in ends after staff_session_hours.
        server.clock.advance(hours=7, minutes=40)
        late = _refresh(http, renewed["refresh_token"]).json()
        assert late["expires_in"] == 599  # cut at the session's end, 8 h after sign-in
        server.clock.advance(minutes=10)
        over = _refresh(http, late["refresh_token"])
        assert over.status_code == 401 and over.json()["code"] == "session_expired"
        assert _me(http, late["access_token"]).json()["code"] == "session_expired"


def test_sign_out_ends_the_session_for_access_and_refresh(server: LiveServer) -> None:
    with server.client() as http:
        body = _login(http)
        other = _login(http)
        bearer = {"Authorization": f"Bearer {body['access_token']}"}
        assert http.post("/auth/logout", headers=bearer).status_code == 204
        assert http.post("/auth/logout", headers=bearer).status_code == 204  # twice: harmless
        assert _me(http, body["access_token"]).json()["code"] == "session_ended"
        assert _refresh(http, body["refresh_token"]).json()["code"] == "session_ended"
        # Signing out by refresh token (the access token may have expired) works too.
        out = http.post("/auth/logout", json={"refresh_token": other["refresh_token"]})
        assert out.status_code == 204
        assert _me(http, other["access_token"]).json()["code"] == "session_ended"
        assert http.post("/auth/logout").status_code == 401


def test_parallel_sessions_are_capped(make_live_server: ServerFactory, backend: str) -> None:
    server = _server(make_live_server, backend, staff_max_sessions=2)
    with server.client() as http:
        oldest, middle, newest = (_login(http) for _ in range(3))
        assert _me(http, oldest["access_token"]).json()["code"] == "session_ended"
        assert _me(http, middle["access_token"]).status_code == 200
        assert _me(http, newest["access_token"]).status_code == 200


def test_password_change_rules_and_other_sessions_end(server: LiveServer) -> None:
    with server.client() as http:
        here = _login(http)
        elsewhere = _login(http)
        headers = {"Authorization": f"Bearer {here['access_token']}"}

        def change(current: str, new: str) -> httpx.Response:
            return http.post(
                "/auth/password",
                json={"current_password": current, "new_password": new},
                headers=headers,
            )

        short = change("demo", "short1")
        assert short.status_code == 422 and short.json()["code"] == "weak_password"
        assert "10 characters" in short.json()["message"]
        assert change("demo", "gerente.mad01").json()["code"] == "weak_password"
        assert change("demo", "1234567890").json()["code"] == "weak_password"
        wrong = change("not-demo", "Rojo-Tablero-42")
        assert wrong.status_code == 403 and wrong.json()["code"] == "wrong_password"
        assert change("demo", "Rojo-Tablero-42").status_code == 204

        assert _me(http, here["access_token"]).status_code == 200
        assert _me(http, elsewhere["access_token"]).json()["code"] == "session_ended"
        old = http.post("/auth/login", json={"username": "gerente.mad01", "password": "demo"})
        assert old.status_code == 401
        _login(http, "gerente.mad01", "Rojo-Tablero-42")


def test_last_active_admin_cannot_be_deactivated(server: LiveServer) -> None:
    with server.client() as http:
        first = {"Authorization": f"Bearer {_login(http, 'admin', 'admin')['access_token']}"}
        me = http.get("/auth/me", headers=first).json()
        alone = http.post(f"/staff/{me['id']}/deactivate", headers=first)
        assert alone.status_code == 409 and alone.json()["code"] == "last_admin"
        assert "last active admin" in alone.json()["message"]

        weak = http.post(
            "/staff",
            json={"username": "it.ana", "display_name": "Ana", "password": "ana", "role": "admin"},
            headers=first,
        )
        assert weak.status_code == 422 and weak.json()["code"] == "weak_password"
        created = http.post(
            "/staff",
            json={
                "username": "it.ana",
                "display_name": "Ana",
                "password": "Verde-Mostrador-7",
                "role": "admin",
            },
            headers=first,
        )
        assert created.status_code == 200
        second = {
            "Authorization": f"Bearer {_login(http, 'it.ana', 'Verde-Mostrador-7')['access_token']}"
        }
        # With another admin, the first may go; her sign-ins end with her.
        assert http.post(f"/staff/{me['id']}/deactivate", headers=first).status_code == 200
        assert http.get("/auth/me", headers=first).json()["code"] == "session_ended"
        ana = http.get("/auth/me", headers=second).json()
        again = http.post(f"/staff/{ana['id']}/deactivate", headers=second)
        assert again.status_code == 409 and again.json()["code"] == "last_admin"
