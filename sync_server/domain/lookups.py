"""On-demand lookups of another store's customer: limited, audited, and never a transfer.

A tablet may fetch a customer who is not in its store's bucket when she identifies herself (her
card, e-mail or phone) — she is at the till, on the phone, collecting an order. Each attempt,
found or not, is audited with the device, the assistant and the purpose, and counted against
per-device and per-assistant hourly limits: walking through card numbers stops at the limit.
A found customer joins the store's bucket with the reason ``lookup``, which expires after
``lookup_scope_days`` and gives the store no rights over her record (``domain/scope.py``).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func
from sqlmodel import Session, col, select

from clienteling.protocol.types import utcnow
from sync_server.domain.audit import audit
from sync_server.domain.models import AuditLog, CustomerScope
from sync_server.domain.scope import remove_reason
from sync_server.errors import TooManyRequests
from sync_server.settings import Settings

LOOKUP_ACTIONS = ("lookup", "lookup_miss")
WINDOW = timedelta(hours=1)


def _count(session: Session, since: datetime, **who: str) -> tuple[int, datetime | None]:
    query = select(func.count(), func.min(AuditLog.at)).where(
        col(AuditLog.action).in_(LOOKUP_ACTIONS), AuditLog.at >= since
    )
    for name, value in who.items():
        query = query.where(getattr(AuditLog, name) == value)
    count, oldest = session.exec(query).one()
    return int(count), oldest


def refusal(
    session: Session, settings: Settings, *, device_id: str, store_id: str, staff_id: str | None
) -> TooManyRequests | None:
    """The 429 to answer when this device or assistant reached the hourly lookup limit.

    The refusal is audited in the caller's transaction, which must commit before raising it.
    """
    now = utcnow()
    since = now - WINDOW
    limits = [("device_id", device_id, settings.lookups_per_hour_device)]
    if staff_id is not None:
        limits.append(("staff_id", staff_id, settings.lookups_per_hour_staff))
    for field, value, limit in limits:
        count, oldest = _count(session, since, **{field: value})
        if count >= limit:
            wait = int(((oldest or now) + WINDOW - now).total_seconds()) + 1
            audit(
                session,
                "lookup_refused",
                staff_id=staff_id,
                device_id=device_id,
                store_id=store_id,
                detail=f"{field.removesuffix('_id')} limit {limit}/h",
            )
            who = "this tablet" if field == "device_id" else "you"
            return TooManyRequests(
                f"Too many customer look-ups by {who} in the last hour (limit {limit}). "
                "Try again later, or ask the customer's own store.",
                retry_after=max(1, wait),
                code="lookup_limit",
            )
    return None


def record(
    session: Session,
    *,
    found: str | None,
    device_id: str,
    store_id: str,
    staff_id: str | None,
    purpose: str,
    kind: str,
) -> None:
    audit(
        session,
        "lookup" if found else "lookup_miss",
        staff_id=staff_id,
        device_id=device_id,
        store_id=store_id,
        customer_id=found,
        detail=f"{purpose}; by {kind}",
    )


def expire(session: Session, days: int, store_id: str | None = None) -> int:
    """Drop lookup reasons older than ``days``; customers with no reason left leave the bucket."""
    cutoff = utcnow() - timedelta(days=days)
    query = select(CustomerScope).where(
        CustomerScope.reason == "lookup", CustomerScope.since < cutoff
    )
    if store_id is not None:
        query = query.where(CustomerScope.store_id == store_id)
    old = session.exec(query).all()
    for row in old:
        remove_reason(session, row.customer_id, row.store_id, "lookup")
    return len(old)
