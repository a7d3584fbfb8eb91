"""GDPR: a customer's data export and her erasure (which reaches every tablet as tombstones)."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from sqlmodel import Session, select

from clienteling.protocol.types import utcnow
from sync_server.domain.identity import OWNED_MODELS, survivor_of
from sync_server.domain.models import (
    Customer,
    CustomerMetrics,
    CustomerScope,
    Erasure,
    LoyaltyAccount,
    Recommendation,
)
from sync_server.sync.changelog import customer_rows, lock_customers
from sync_server.sync.wire import to_wire

ERASE_ORDER: tuple[type[Any], ...] = (
    *reversed(OWNED_MODELS),
    CustomerMetrics,
    Recommendation,
    LoyaltyAccount,
)


def export_customer(session: Session, customer_id: str) -> dict[str, Any]:
    customer = survivor_of(session, customer_id)
    data: dict[str, list[dict[str, Any]]] = {}
    for change in customer_rows(session, customer.id):
        if change.payload is not None:
            data.setdefault(change.entity, []).append(json.loads(change.payload))
    return {
        "customer_id": customer.id,
        "exported_at": utcnow().isoformat(),
        "customer": to_wire("customer", customer),
        "records": data,
    }


def erase_customer(session: Session, customer_id: str, by_staff_id: str | None) -> int:
    customer = survivor_of(session, customer_id)
    lock_customers(session.connection(), [customer.id], exclusive=True)
    ids = [customer.id] + [
        c.id for c in session.exec(select(Customer).where(Customer.merged_into_id == customer.id))
    ]
    removed = 0
    for model in ERASE_ORDER:
        for row in session.exec(select(model).where(model.customer_id.in_(ids))).all():
            session.delete(row)
            removed += 1
    session.flush()
    for scope in session.exec(select(CustomerScope).where(CustomerScope.customer_id.in_(ids))):  # type: ignore[attr-defined]
        session.delete(scope)
    for cid in ids:
        row = session.get(Customer, cid)
        if row is not None:
            session.delete(row)
            removed += 1
    session.add(
        Erasure(
            customer_hash=hashlib.sha256(customer.id.encode()).hexdigest(),
            by_staff_id=by_staff_id,
            rows_removed=removed,
        )
    )
    session.flush()
    return removed
