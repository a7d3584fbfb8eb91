"""POST /exports/customers.csv: the list the manager is looking at, less those who did not
consent; same columns and audit entry as the store-wide GET; refusals are 4xx, never 500."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from typing import Any

import httpx
from sqlmodel import select

from sync_server.db import read_session, write_session
from sync_server.domain.ids import new_id
from sync_server.domain.models import AuditLog, Consent
from sync_server.outreach.api import EXPORT_COLUMNS
from tests.conftest import LiveServer
from tests.outreach.conftest import Tablet, make_customer, staff_id, store_id

URL = "/exports/customers.csv"


def _post(server: LiveServer, body: dict[str, Any], user: str = "gerente.mad01") -> httpx.Response:
    with server.client() as http:
        return http.post(URL, json=body, headers=server.staff_headers(user))


def _rows(response: httpx.Response) -> list[dict[str, str]]:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.text)))


def _exports(server: LiveServer) -> list[AuditLog]:
    with read_session(server.engine) as session:
        return list(session.exec(select(AuditLog).where(AuditLog.action == "export_customers")))


def _consent(server: LiveServer, customer_id: str, channel: str, purpose: str, ok: bool) -> None:
    with write_session(server.engine) as session:
        session.add(
            Consent(
                id=new_id(),
                customer_id=customer_id,
                channel=channel,
                purpose=purpose,
                granted=ok,
                source="test",
                recorded_at=datetime.now(UTC),
            )
        )


def test_exports_exactly_the_consenting_customers_of_the_list(server: LiveServer) -> None:
    yes = make_customer(server, "Sí", email_address="si@lista.es", consents={"email": True})
    also = make_customer(server, "También", email_address="tb@lista.es", consents={"email": True})
    no = make_customer(server, "No", email_address="no@lista.es", consents={"email": False})
    never = make_customer(server, "Nunca", email_address="nunca@lista.es")
    flip = make_customer(server, "Flip", email_address="flip@lista.es", consents={"email": True})
    outside = make_customer(
        server, "Fuera", email_address="fuera@lista.es", consents={"email": True}
    )
    withdraw = {"id": "list-flip-1", "channel": "email", "granted": False}
    assert Tablet(server).push("consent.record", flip, withdraw)["status"] == "applied"

    listed = [no, also, never, yes, flip, also]
    rows = _rows(
        _post(
            server,
            {
                "store_code": "MAD01",
                "customer_ids": listed,
                "channel": "email",
                "purpose": "marketing",
            },
        )
    )

    assert [r["customer_id"] for r in rows] == [also, yes]
    assert outside not in {r["customer_id"] for r in rows}
    assert rows[1]["address"] == "si@lista.es" and rows[1]["first_name"] == "Sí"
    assert rows[1]["tier"] == "gold" and rows[1]["home_store_code"] == "MAD01"
    with server.client() as http:
        whole = http.get(URL, headers=server.staff_headers("gerente.mad01"))
    assert whole.text.splitlines()[0] == ",".join(EXPORT_COLUMNS)
    assert next(r for r in _rows(whole) if r["customer_id"] == yes) == rows[1]
    logged = _exports(server)
    assert len(logged) == 2
    mine = next(e for e in logged if "rows=2 of 5" in e.detail)
    assert mine.detail == "channel=email purpose=marketing rows=2 of 5"
    assert mine.staff_id == staff_id(server, "gerente.mad01")
    assert mine.store_id == store_id(server)


def test_channel_and_purpose_each_need_their_own_consent(server: LiveServer) -> None:
    both = make_customer(
        server, "Ambas", phone="+34600111222", consents={"email": True, "sms": True}
    )
    mail_only = make_customer(server, "Correo", phone="+34600111333", consents={"email": True})
    _consent(server, both, "email", "service", True)
    _consent(server, mail_only, "email", "service", False)
    ids = [both, mail_only]

    sms = _rows(_post(server, {"customer_ids": ids, "channel": "sms", "purpose": "marketing"}))
    assert [(r["customer_id"], r["address"]) for r in sms] == [(both, "+34600111222")]
    service = _rows(_post(server, {"customer_ids": ids, "channel": "email", "purpose": "service"}))
    assert [r["customer_id"] for r in service] == [both]
    profiling = _rows(_post(server, {"customer_ids": ids, "purpose": "profiling"}))
    assert profiling == []
    assert {e.detail for e in _exports(server)} == {
        "channel=sms purpose=marketing rows=1 of 2",
        "channel=email purpose=service rows=1 of 2",
        "channel=email purpose=profiling rows=0 of 2",
    }


def test_a_merged_customer_is_exported_once_as_her_survivor(server: LiveServer) -> None:
    survivor = make_customer(
        server, "Superviviente", email_address="sup@lista.es", consents={"email": True}
    )
    merged = make_customer(server, "Duplicada", email_address="dup@lista.es")
    with server.client() as http:
        r = http.post(
            f"/customers/{survivor}/merge",
            json={"other_id": merged},
            headers=server.staff_headers("admin"),
        )
        assert r.status_code == 200, r.text

    rows = _rows(_post(server, {"customer_ids": [merged, survivor]}))
    assert [r["customer_id"] for r in rows] == [survivor]
    assert _exports(server)[0].detail.endswith("rows=1 of 1")


def test_refusals_name_the_offending_entry_and_log_nothing(server: LiveServer) -> None:
    mine = make_customer(server, "Mía", email_address="mia@lista.es", consents={"email": True})
    theirs = make_customer(
        server, "Suya", email_address="suya@lista.es", consents={"email": True}, store_code="BCN01"
    )

    out_of_scope = _post(server, {"customer_ids": [mine, theirs]})
    assert out_of_scope.status_code == 403
    assert out_of_scope.json()["code"] == "out_of_scope"
    assert out_of_scope.json()["message"].startswith("customer_ids[1]: ")

    unknown = _post(server, {"customer_ids": [mine, mine, "no-such-customer"]})
    assert unknown.status_code == 422
    assert unknown.json()["code"] == "customer_not_found"
    assert unknown.json()["message"].startswith("customer_ids[2]: ")

    other_store = _post(server, {"store_code": "BCN01", "customer_ids": [theirs]})
    assert other_store.status_code == 403
    assert _post(server, {"customer_ids": [mine]}, user="dependienta.mad01").status_code == 403
    assert _post(server, {"customer_ids": []}).status_code == 422
    assert _post(server, {"customer_ids": [mine] * 50_001}).status_code == 422
    assert _post(server, {"customer_ids": ["bad id!"]}).status_code == 422
    assert _post(server, {"customer_ids": [mine], "channel": "fax"}).status_code == 422
    assert _post(server, {"customer_ids": [mine], "purpose": "resale"}).status_code == 422
    assert _post(server, {"customer_ids": [mine]}, user="admin").status_code == 422
    assert _exports(server) == []

    admin = _rows(_post(server, {"store_code": "MAD01", "customer_ids": [theirs]}, user="admin"))
    assert [r["customer_id"] for r in admin] == [theirs]
    bcn = _rows(_post(server, {"customer_ids": [theirs]}, user="gerente.bcn01"))
    assert [r["customer_id"] for r in bcn] == [theirs]
