"""The outbox: queue a message only with consent, send it only if consent still holds.

Sending runs in three short steps per message so no provider call happens inside a database
transaction: claim due messages (a lease moves ``next_attempt_at`` forward, so a crashed sender's
messages come back later), re-check consent and send, then record the outcome. Rate limits are
counted from the table (messages sent in the last minute per channel), so several sender
processes share them without talking to each other.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine, func
from sqlmodel import Session, col, select

from clienteling.protocol.types import utcnow
from sync_server.db import write_session
from sync_server.domain.ids import new_id, stable_id
from sync_server.domain.models import Customer, Interaction
from sync_server.outreach.consent import address_for, has_consent
from sync_server.outreach.models import OutreachMessage
from sync_server.outreach.providers import (
    OutgoingMessage,
    PermanentSendError,
    Provider,
    TransientSendError,
)
from sync_server.outreach.settings import OutreachSettings
from sync_server.outreach.templates import language_of, render
from sync_server.outreach.tokens import make_token

log = logging.getLogger("sync_server.outreach")


def unsubscribe_url(
    session: Session, settings: OutreachSettings, customer_id: str, channel: str, purpose: str
) -> str:
    token = make_token(session, customer_id, channel, purpose)
    return f"{settings.outreach_base_url.rstrip('/')}/api/v1/outreach/unsubscribe?token={token}"


def _skip(message: OutreachMessage, reason: str) -> None:
    message.status = "skipped"
    message.reason = reason
    log.info(
        "outreach skipped: customer %s channel %s template %s: %s",
        message.customer_id,
        message.channel,
        message.template,
        reason,
    )


def enqueue(
    session: Session,
    settings: OutreachSettings,
    customer: Customer,
    channel: str,
    template: str,
    fields: dict[str, Any],
    *,
    purpose: str = "marketing",
    store_id: str | None = None,
    staff_id: str | None = None,
    campaign_id: str | None = None,
    coupon_id: str | None = None,
    dedupe_key: str | None = None,
) -> OutreachMessage:
    """Queue a message, or record it as skipped (with the reason) when it may not be sent."""
    if dedupe_key is not None:
        existing = session.exec(
            select(OutreachMessage).where(OutreachMessage.dedupe_key == dedupe_key)
        ).first()
        if existing is not None:
            return existing
    language = language_of(customer.preferred_language)
    values = {
        "first_name": customer.first_name,
        "last_name": customer.last_name,
        "unsubscribe_url": unsubscribe_url(session, settings, customer.id, channel, purpose),
        **fields,
    }
    subject, body = render(template, language, channel, values)
    message = OutreachMessage(
        id=new_id(),
        customer_id=customer.id,
        channel=channel,
        purpose=purpose,
        template=template,
        language=language,
        subject=subject[:200],
        body=body[:8000],
        store_id=store_id,
        staff_id=staff_id,
        campaign_id=campaign_id,
        coupon_id=coupon_id,
        dedupe_key=dedupe_key,
    )
    if not has_consent(session, customer.id, channel, purpose):
        _skip(message, f"no {purpose} consent for {channel}")
    elif address_for(session, customer.id, channel) is None:
        _skip(message, f"no address for {channel}")
    session.add(message)
    session.flush()
    return message


@dataclass
class SendReport:
    sent: int = 0
    skipped: int = 0
    failed: int = 0
    retried: int = 0
    deferred: int = 0
    errors: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Claimed:
    id: str
    channel: str
    attempts: int


def _sent_last_minute(session: Session, channel: str, now: datetime) -> int:
    return session.exec(
        select(func.count())
        .select_from(OutreachMessage)
        .where(
            OutreachMessage.channel == channel,
            OutreachMessage.status == "sent",
            col(OutreachMessage.sent_at) > now - timedelta(minutes=1),
        )
    ).one()


def _claim(
    engine: Engine, settings: OutreachSettings, now: datetime, batch: int, report: SendReport
) -> list[_Claimed]:
    claimed: list[_Claimed] = []
    with write_session(engine) as session:
        due = session.exec(
            select(OutreachMessage)
            .where(OutreachMessage.status == "queued", col(OutreachMessage.next_attempt_at) <= now)
            .order_by(col(OutreachMessage.next_attempt_at), col(OutreachMessage.id))
            .limit(batch)
        ).all()
        budget: dict[str, int] = {}
        for message in due:
            if message.channel not in budget:
                limit = settings.outreach_rate_per_minute.get(message.channel, 60)
                budget[message.channel] = limit - _sent_last_minute(session, message.channel, now)
            if budget[message.channel] <= 0:
                report.deferred += 1
                continue
            budget[message.channel] -= 1
            message.attempts += 1
            message.next_attempt_at = now + timedelta(seconds=settings.outreach_lease_seconds)
            claimed.append(_Claimed(message.id, message.channel, message.attempts))
    return claimed


def _prepare(
    engine: Engine, settings: OutreachSettings, item: _Claimed, report: SendReport
) -> OutgoingMessage | None:
    """Re-check consent and address at send time; a withdrawal after queueing stops the message."""
    with write_session(engine) as session:
        message = session.get(OutreachMessage, item.id)
        if message is None or message.status != "queued":
            return None
        customer = session.get(Customer, message.customer_id)
        if customer is None or customer.merged_into_id is not None:
            target = customer.merged_into_id if customer else None
            if target is None:
                _skip(message, "customer no longer exists")
                report.skipped += 1
                return None
            message.customer_id = target
        if not has_consent(session, message.customer_id, message.channel, message.purpose):
            _skip(
                message, f"{message.purpose} consent for {message.channel} withdrawn before sending"
            )
            report.skipped += 1
            return None
        address = address_for(session, message.customer_id, message.channel)
        if address is None:
            _skip(message, f"no address for {message.channel}")
            report.skipped += 1
            return None
        message.recipient = address
        link = unsubscribe_url(
            session, settings, message.customer_id, message.channel, message.purpose
        )
        return OutgoingMessage(
            message_id=message.id,
            channel=message.channel,
            recipient=address,
            subject=message.subject,
            body=message.body,
            language=message.language,
            unsubscribe_url=link,
        )


def _record(
    engine: Engine,
    settings: OutreachSettings,
    item: _Claimed,
    provider: Provider,
    outgoing: OutgoingMessage,
    report: SendReport,
) -> None:
    error: Exception | None = None
    ref = ""
    try:
        ref = provider.send(outgoing)
    except (TransientSendError, PermanentSendError) as exc:
        error = exc
    with write_session(engine) as session:
        message = session.get(OutreachMessage, item.id)
        if message is None:
            return
        now = utcnow()
        if error is None:
            message.status = "sent"
            message.sent_at = now
            message.provider_ref = ref[:200]
            message.reason = ""
            session.add(
                Interaction(
                    id=stable_id("outreach", message.id),
                    customer_id=message.customer_id,
                    kind=f"{message.channel}_sent",
                    channel=message.channel,
                    occurred_at=now,
                    store_id=message.store_id,
                    staff_id=message.staff_id,
                    summary=message.subject[:500],
                    payload={
                        "message_id": message.id,
                        "template": message.template,
                        "campaign_id": message.campaign_id,
                    },
                )
            )
            report.sent += 1
            return
        message.reason = str(error)[:300]
        log.warning("outreach %s to %s failed: %s", message.channel, message.customer_id, error)
        report.errors.append(f"{message.id}: {error}")
        if isinstance(error, PermanentSendError) or item.attempts >= settings.outreach_max_attempts:
            message.status = "failed"
            report.failed += 1
        else:
            delay = settings.outreach_retry_base_seconds * 2 ** (item.attempts - 1)
            message.next_attempt_at = now + timedelta(seconds=delay)
            report.retried += 1


def process_queue(
    engine: Engine,
    providers: dict[str, Provider],
    settings: OutreachSettings,
    *,
    batch: int = 100,
    max_messages: int = 10_000,
) -> SendReport:
    """Send every due message (within the rate limits); what is left waits for the next run."""
    report = SendReport()
    now = utcnow()
    handled = 0
    while handled < max_messages:
        claimed = _claim(engine, settings, now, batch, report)
        if not claimed:
            break
        for item in claimed:
            handled += 1
            outgoing = _prepare(engine, settings, item, report)
            if outgoing is None:
                continue
            provider = providers.get(item.channel)
            if provider is None:
                with write_session(engine) as session:
                    message = session.get(OutreachMessage, item.id)
                    if message is not None:
                        message.status = "failed"
                        message.reason = f"no provider for channel {item.channel}"
                report.failed += 1
                continue
            _record(engine, settings, item, provider, outgoing, report)
        if report.deferred:
            break
    return report
