"""Sign-in, roles and enrolment over real HTTP against a real server."""

from __future__ import annotations

from tests.conftest import LiveServer


def test_health_and_signin(server: LiveServer) -> None:
    with server.client() as http:
        assert http.get("/health").json()["database"] == (
            "postgresql" if server.backend == "postgres" else "sqlite"
        )
        bad = http.post("/auth/login", json={"username": "admin", "password": "wrong"})
        assert bad.status_code == 401
        assert bad.json()["code"] == "bad_credentials"
        ok = http.post("/auth/login", json={"username": "gerente.mad01", "password": "demo"})
        assert ok.status_code == 200
        assert ok.json()["staff"]["role"] == "manager"
