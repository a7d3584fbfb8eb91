"""Every answer carries the security headers: successes, errors, the GDPR export, CSV exports."""

from __future__ import annotations

import re

import httpx
from sqlmodel import select

from sync_server.db import read_session
from sync_server.domain.models import Customer, Store
from sync_server.embedded import EmbeddedServer
from tests.conftest import LiveServer

EXPECTED = {
    "strict-transport-security": "max-age=63072000; includeSubDomains",
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "cache-control": "no-store",
    "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
}


def _assert_hardened(response: httpx.Response) -> None:
    for name, value in EXPECTED.items():
        assert response.headers.get(name) == value, (response.request.url, name)


def _home_customer(server: LiveServer, store_code: str) -> str:
    with read_session(server.engine) as session:
        store = session.exec(select(Store).where(Store.code == store_code)).one()
        customer = session.exec(select(Customer).where(Customer.home_store_id == store.id)).first()
    assert customer is not None
    return customer.id


def test_successes_and_errors_carry_the_headers(server: LiveServer) -> None:
    manager = server.staff_headers("gerente.mad01")
    customer_id = _home_customer(server, "MAD01")
    with server.client() as http:
        answers = [
            http.get("/health"),
            http.get("/auth/me"),  # 401
            http.get("/no-such-route"),  # 404
            http.post("/auth/login", json={"username": ""}),  # 422
            http.get(f"/customers/{customer_id}/export", headers=manager),  # GDPR export
            http.get("/exports/customers.csv", headers=manager),
            http.get("/sync/handshake", headers={"Authorization": "Bearer x"}),  # 426
        ]
    assert [r.status_code for r in answers] == [200, 401, 404, 422, 200, 200, 426]
    assert answers[4].json()["customer"]["id"] == customer_id
    for response in answers:
        _assert_hardened(response)


def test_the_development_docs_page_may_load_what_it_needs(server: LiveServer) -> None:
    with httpx.Client(base_url=server.url) as http:
        page = http.get("/docs")
    assert page.status_code == 200
    policy = page.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in policy
    script_src = re.search(r"script-src ([^;]+)", policy)
    assert script_src is not None
    for url in re.findall(r'<script src="([^"]+)"', page.text):
        origin = re.match(r"https://[^/]+", url)
        assert origin is not None and origin.group(0) in script_src.group(1), url
    assert page.headers["x-frame-options"] == "DENY"


def test_a_bug_answers_json_500_with_the_headers(server: LiveServer) -> None:
    """Starlette answers a 500 outside every middleware: its handler adds the headers itself."""

    def broken() -> None:
        raise RuntimeError("a bug")

    with EmbeddedServer(server.database_url, engine=server.engine) as second:
        second.app.add_api_route("/api/v1/broken", broken)
        with httpx.Client(base_url=second.url) as http:
            r = http.get("/api/v1/broken")
    assert r.status_code == 500
    assert r.json()["code"] == "internal_error" and "a bug" not in r.text
    _assert_hardened(r)
