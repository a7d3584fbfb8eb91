"""The real server's access log holds no search terms and no unsubscribe tokens."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from urllib.parse import quote, quote_plus

import pytest
from sqlmodel import select
from uvicorn.logging import AccessFormatter

from sync_server.access_log import redact_path
from sync_server.db import read_session, write_session
from sync_server.domain.models import Customer
from sync_server.outreach.tokens import make_token
from tests.conftest import LiveServer


@pytest.fixture
def access_log(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    """uvicorn's access records as the server emits them (its logger does not propagate)."""
    logger = logging.getLogger("uvicorn.access")
    logger.addHandler(caplog.handler)
    caplog.set_level(logging.INFO, logger="uvicorn.access")
    yield caplog
    logger.removeHandler(caplog.handler)


def _lines(caplog: pytest.LogCaptureFixture) -> str:
    formatter = AccessFormatter('%(client_addr)s - "%(request_line)s" %(status_code)s')
    return "\n".join(formatter.format(r) for r in caplog.records if r.name == "uvicorn.access")


def test_search_terms_and_unsubscribe_tokens_stay_out_of_the_log(
    server: LiveServer, access_log: pytest.LogCaptureFixture
) -> None:
    with read_session(server.engine) as session:
        customer = session.exec(
            select(Customer).where(Customer.last_name != "").order_by(Customer.id)
        ).first()
    assert customer is not None
    surname = customer.last_name
    with write_session(server.engine) as session:
        token = make_token(session, customer.id, "email", "marketing")
    with server.client() as http:
        found = http.get("/customers", params={"q": surname}, headers=server.staff_headers())
        unsubscribed = http.get("/outreach/unsubscribe", params={"token": token})
        in_path = http.get(f"/outreach/unsubscribe/{token}")
        by_email = http.get("/customers/ana.garcia@example.com", headers=server.staff_headers())
    assert found.status_code == 200 and customer.id in {h["id"] for h in found.json()}
    assert unsubscribed.status_code == 200
    assert in_path.status_code == 404
    assert by_email.status_code in (403, 404)

    lines = _lines(access_log)
    assert "GET /api/v1/customers?<redacted> HTTP/1.1" in lines
    assert "GET /api/v1/outreach/unsubscribe?<redacted> HTTP/1.1" in lines
    assert "GET /api/v1/outreach/unsubscribe/<redacted> HTTP/1.1" in lines
    for secret in (
        surname,
        quote(surname),
        quote_plus(surname),
        token,
        token.split(".")[0],
        "ana.garcia",
    ):
        assert secret not in lines


def test_ids_and_route_words_survive_redaction() -> None:
    path = "/api/v1/customers/6f1c1f0e-8a4e-4f7e-9d0b-3f5a2c9e7b11/export"
    assert redact_path(path) == path
    assert redact_path("/api/v1/stores/MAD01/assignments") == "/api/v1/stores/MAD01/assignments"
    assert redact_path("/api/v1/ingest/coupon-redemptions") == "/api/v1/ingest/coupon-redemptions"
    assert redact_path("/api/v1/sync/lookup/4000123456789") == "/api/v1/sync/lookup/<redacted>"
