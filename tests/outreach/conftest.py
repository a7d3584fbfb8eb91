"""Outreach fixtures: a real local SMTP server (aiosmtpd), hand-made customers, a tablet."""

from __future__ import annotations

import email
import email.policy
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from email.message import EmailMessage
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from sqlmodel import select

from clienteling.protocol.hlc import HybridClock
from sync_server.db import write_session
from sync_server.domain.ids import new_id
from sync_server.domain.models import (
    Consent,
    Customer,
    Identity,
    LoyaltyAccount,
    Staff,
    Store,
)
from sync_server.domain.scope import add_to_scope
from sync_server.domain.sessions import open_session
from sync_server.embedded import free_port
from sync_server.outreach.providers import Provider, providers_from_settings
from sync_server.outreach.settings import OutreachSettings
from sync_server.settings import Settings
from tests.conftest import LiveServer


class Inbox:
    """An aiosmtpd handler that keeps every message it accepts."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []

    async def handle_DATA(self, _server: Any, _session: Any, envelope: Any) -> str:
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        self.messages.append(message)
        return "250 OK"

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if m["To"] == address]


@dataclass
class Smtp:
    host: str
    port: int
    inbox: Inbox


@pytest.fixture
def smtp() -> Iterator[Smtp]:
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield Smtp(host="127.0.0.1", port=port, inbox=inbox)
    controller.stop()


def signed_in(server: LiveServer) -> LiveServer:
    """Open a session for every staff member straight in the database.

    Sign-in (argon2) is tested elsewhere; here it would only cost a second per user.
    """
    with write_session(server.engine) as session:
        for staff in session.exec(select(Staff)):
            tokens = open_session(
                session,
                staff,
                device_id=None,
                address="test",
                now=datetime.now(UTC),
                settings=Settings(),
            )
            server._tokens[staff.username] = tokens.access_token
    return server


def outreach_settings(server: LiveServer, smtp: Smtp | None, **extra: Any) -> OutreachSettings:
    values: dict[str, Any] = {"outreach_base_url": server.url, **extra}
    if smtp is not None:
        values.update(
            smtp_host=smtp.host, smtp_port=smtp.port, smtp_from="Tienda <hola@tienda.test>"
        )
    return OutreachSettings(**values)


def providers(settings: OutreachSettings) -> dict[str, Provider]:
    return providers_from_settings(settings)


def store_id(server: LiveServer, code: str = "MAD01") -> str:
    with write_session(server.engine) as session:
        store = session.exec(select(Store).where(Store.code == code)).one()
        return store.id


def staff_id(server: LiveServer, username: str) -> str:
    with write_session(server.engine) as session:
        return session.exec(select(Staff).where(Staff.username == username)).one().id


def make_customer(
    server: LiveServer,
    first_name: str,
    *,
    email_address: str | None = None,
    phone: str | None = None,
    consents: dict[str, bool] | None = None,
    language: str = "es",
    birth_date: date | None = None,
    store_code: str = "MAD01",
    preferred_channel: str | None = "email",
    vip: bool = False,
    created_days_ago: int = 30,
) -> str:
    """A customer of the store written straight to the database, with consent history."""
    home = store_id(server, store_code)
    created = datetime.now(UTC) - timedelta(days=created_days_ago)
    customer_id = new_id()
    with write_session(server.engine) as session:
        session.add(
            Customer(
                id=customer_id,
                first_name=first_name,
                last_name="Prueba",
                birth_date=birth_date,
                home_store_id=home,
                preferred_language=language,
                vip=vip,
                preferred_channel=preferred_channel,
                created_at=created,
                updated_at=created,
            )
        )
        session.flush()
        session.add(LoyaltyAccount(id=customer_id, customer_id=customer_id, tier="gold"))
        for kind, value in (("email", email_address), ("phone", phone)):
            if value:
                session.add(
                    Identity(
                        id=new_id(),
                        customer_id=customer_id,
                        kind=kind,
                        value=value,
                        created_at=created,
                    )
                )
        for channel, granted in (consents or {}).items():
            session.add(
                Consent(
                    id=new_id(),
                    customer_id=customer_id,
                    channel=channel,
                    granted=granted,
                    source="test",
                    recorded_at=created,
                )
            )
        add_to_scope(session, customer_id, home, "home")
    return customer_id


@dataclass
class Tablet:
    """Just enough of a device to pull and push over the real sync API."""

    server: LiveServer
    store_code: str = "MAD01"
    token: str = ""
    rows: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)
    cursor: str = ""

    def __post_init__(self) -> None:
        self.token = self.server.enrol(self.store_code)["device_token"]
        self.clock = HybridClock(node="t1")
        self.session_id = self.server.device_sign_in(
            self.token, f"dependienta.{self.store_code.lower()}"
        )["session_id"]

    @property
    def headers(self) -> dict[str, str]:
        return self.server.device_headers(self.token)

    def pull(self) -> None:
        with self.server.client() as http:
            while True:
                r = http.get(
                    "/sync/pull",
                    params={"cursor": self.cursor, "limit": 5000},
                    headers=self.headers,
                )
                r.raise_for_status()
                page = r.json()
                for change in page["changes"]:
                    table = self.rows.setdefault(change["entity"], {})
                    if change["op"] == "delete":
                        table.pop(change["id"], None)
                    else:
                        table[change["id"]] = change["data"]
                self.cursor = page["cursor"]
                if not page["has_more"]:
                    return

    def push(self, kind: str, customer_id: str, payload: dict[str, Any]) -> dict[str, Any]:
        mutation = {
            "id": str(uuid.uuid4()),
            "kind": kind,
            "customer_id": customer_id,
            "session_id": self.session_id,
            "hlc": self.clock.now(),
            "created_at": datetime.now(UTC).isoformat(),
            "payload": payload,
        }
        with self.server.client() as http:
            r = http.post("/sync/push", json={"mutations": [mutation]}, headers=self.headers)
            r.raise_for_status()
            outcome: dict[str, Any] = r.json()["outcomes"][0]
            return outcome


@pytest.fixture
def server(server: LiveServer) -> LiveServer:
    """The root fixture (both backends), with staff already signed in."""
    return signed_in(server)


@pytest.fixture
def live_server(live_server: LiveServer) -> LiveServer:
    """The root fixture (SQLite), with staff already signed in."""
    return signed_in(live_server)


HYPERLINK = '=HYPERLINK("http://x","y")'
DDE = "+cmd|' /C calc'!A0"


def formula_customer(server: LiveServer) -> str:
    """A customer who named herself with spreadsheet formulas in a store sale's webhook
    (Madrid's scope), with e-mail and SMS marketing consent; returns her id."""
    order = {
        "channel": "store",
        "store_code": "MAD01",
        "fulfilment": "in_store",
        "external_id": f"F-{uuid.uuid4().hex[:10]}",
        "ordered_at": datetime.now(UTC).isoformat(),
        "customer": {
            "email": f"formula.{uuid.uuid4().hex[:8]}@example.com",
            "phone": "+34 699 123 456",
            "first_name": HYPERLINK,
            "last_name": DDE,
        },
        "lines": [{"sku": "SKU00001", "size": "M", "quantity": 1, "unit_price": "29.95"}],
    }
    with server.client() as http:
        r = http.post("/ingest/orders", json=order, headers=server.staff_headers())
    assert r.status_code == 200, r.text
    customer_id: str = r.json()["customer_id"]
    with write_session(server.engine) as session:
        for channel in ("email", "sms"):
            session.add(
                Consent(
                    id=new_id(),
                    customer_id=customer_id,
                    channel=channel,
                    granted=True,
                    source="test",
                    recorded_at=datetime.now(UTC),
                )
            )
    return customer_id
