"""The audit log: who read or changed which customer, from which device and store."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from clienteling.protocol.types import utcnow
from sync_server.domain.models import AuditLog


def audit(
    session: Session,
    action: str,
    *,
    staff_id: str | None = None,
    device_id: str | None = None,
    store_id: str | None = None,
    customer_id: str | None = None,
    detail: str = "",
    at: datetime | None = None,
) -> None:
    session.add(
        AuditLog(
            at=at or utcnow(),
            action=action,
            staff_id=staff_id,
            device_id=device_id,
            store_id=store_id,
            customer_id=customer_id,
            detail=detail[:500],
        )
    )
