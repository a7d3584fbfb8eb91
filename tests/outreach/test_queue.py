"""The outbox under real SMTP: unsubscribe links, rate limits, retries with backoff."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import httpx
from sqlmodel import select

from sync_server.db import read_session, write_session
from sync_server.domain.models import Customer
from sync_server.embedded import free_port
from sync_server.outreach.consent import has_consent
from sync_server.outreach.models import OutreachMessage
from sync_server.outreach.queue import enqueue, process_queue
from tests.conftest import LiveServer
from tests.outreach.conftest import Smtp, make_customer, outreach_settings, providers

FIELDS = {"coupon_code": "CUMPLETEST", "amount": "15 €", "valid_until": "31/12", "store_name": "X"}


def _queue(server: LiveServer, customer_id: str, channel: str = "email") -> str:
    settings = outreach_settings(server, None)
    with write_session(server.engine) as session:
        customer = session.get(Customer, customer_id)
        assert customer is not None
        message = enqueue(session, settings, customer, channel, "birthday_coupon", FIELDS)
        return message.id


def _message(server: LiveServer, message_id: str) -> OutreachMessage:
    with read_session(server.engine) as session:
        message = session.get(OutreachMessage, message_id)
        assert message is not None
        return message


def test_unsubscribe_link_withdraws_consent(live_server: LiveServer, smtp: Smtp) -> None:
    server = live_server
    eva = make_customer(
        server, "Eva", email_address="eva@clientes-demo.es", consents={"email": True}
    )
    _queue(server, eva)
    settings = outreach_settings(server, smtp)
    process_queue(server.engine, providers(settings), settings)
    (mail,) = smtp.inbox.to("eva@clientes-demo.es")
    link = re.search(r"(http\S+/outreach/unsubscribe\?token=\S+)", mail.get_content())
    assert link is not None
    r = httpx.get(link.group(1), timeout=10)
    assert r.status_code == 200, r.text
    assert r.json()["message"].startswith("Listo")
    with read_session(server.engine) as session:
        assert not has_consent(session, eva, "email")
        assert has_consent(session, eva, "sms") is False
    tampered = link.group(1)[:-3] + ("AAA" if not link.group(1).endswith("AAA") else "BBB")
    assert httpx.get(tampered, timeout=10).status_code == 422
    # A second click is harmless, and nothing more is sent to her.
    assert httpx.post(link.group(1), timeout=10).status_code == 200
    _queue(server, eva)
    process_queue(server.engine, providers(settings), settings)
    assert len(smtp.inbox.to("eva@clientes-demo.es")) == 1


def test_rate_limit_holds_messages_for_the_next_run(live_server: LiveServer, smtp: Smtp) -> None:
    server = live_server
    ids = [
        make_customer(
            server, f"Rate{i}", email_address=f"rate{i}@clientes-demo.es", consents={"email": True}
        )
        for i in range(3)
    ]
    queued = [_queue(server, cid) for cid in ids]
    settings = outreach_settings(server, smtp, outreach_rate_per_minute={"email": 2})
    report = process_queue(server.engine, providers(settings), settings)
    assert report.sent == 2 and report.deferred >= 1
    statuses = sorted(_message(server, m).status for m in queued)
    assert statuses == ["queued", "sent", "sent"]
    assert len(smtp.inbox.messages) == 2


def test_unreachable_smtp_is_retried_with_backoff_then_failed(live_server: LiveServer) -> None:
    server = live_server
    fay = make_customer(
        server, "Fay", email_address="fay@clientes-demo.es", consents={"email": True}
    )
    message_id = _queue(server, fay)
    dead = outreach_settings(
        server,
        None,
        smtp_host="127.0.0.1",
        smtp_port=free_port(),
        smtp_timeout_seconds=2,
        outreach_max_attempts=2,
        outreach_retry_base_seconds=60,
    )
    first = process_queue(server.engine, providers(dead), dead)
    assert first.retried == 1 and first.sent == 0
    after_first = _message(server, message_id)
    assert after_first.status == "queued" and after_first.attempts == 1
    wait = (after_first.next_attempt_at - datetime.now(UTC)).total_seconds()
    assert 30 < wait <= 60
    assert process_queue(server.engine, providers(dead), dead).retried == 0  # not due yet

    with write_session(server.engine) as session:
        row = session.get(OutreachMessage, message_id)
        assert row is not None
        row.next_attempt_at = datetime.now(UTC)
    second = process_queue(server.engine, providers(dead), dead)
    assert second.failed == 1
    failed = _message(server, message_id)
    assert failed.status == "failed" and failed.attempts == 2 and failed.reason


def test_log_only_channels_record_and_respect_consent(live_server: LiveServer) -> None:
    server = live_server
    gil = make_customer(
        server, "Gil", phone="+34600111222", consents={"sms": True, "whatsapp": False}
    )
    sms_id = _queue(server, gil, "sms")
    whatsapp_id = _queue(server, gil, "whatsapp")
    settings = outreach_settings(server, None)
    sent_providers = providers(settings)
    process_queue(server.engine, sent_providers, settings)
    sms = _message(server, sms_id)
    assert sms.status == "sent" and sms.recipient == "+34600111222"
    assert sms.provider_ref.startswith("log:")
    assert "CUMPLETEST" in sms.body and len(sms.body) < 400
    assert _message(server, whatsapp_id).status == "skipped"
    with read_session(server.engine) as session:
        sent = session.exec(select(OutreachMessage).where(OutreachMessage.customer_id == gil)).all()
    assert {m.channel for m in sent if m.status == "sent"} == {"sms"}
