"""Retention: customers with no activity for N days are listed, and erased on request.

Activity is the newest of: profile change, order, return, interaction, consent event. The
erasure itself is the GDPR one (tombstones reach every tablet), one customer per transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import Engine, func
from sqlmodel import col, select

from clienteling.protocol.types import utcnow
from sync_server.db import read_session, write_session
from sync_server.domain.audit import audit
from sync_server.domain.erasure import erase_customer
from sync_server.domain.models import Consent, Customer, Interaction, Order, Return


@dataclass
class RetentionReport:
    cutoff: datetime
    customers: list[str] = field(default_factory=list)
    erased: int = 0
    rows_removed: int = 0


def inactive_customers(
    engine: Engine, inactive_days: int, limit: int = 100_000, *, store_id: str | None = None
) -> list[str]:
    """Ids of customers with no activity since the cutoff (only ``store_id``'s home customers
    when given: what a store manager is shown before the scheduled job runs)."""
    cutoff = utcnow() - timedelta(days=inactive_days)
    recent = [
        select(Order.customer_id).where(col(Order.ordered_at) >= cutoff),
        select(Return.customer_id).where(col(Return.returned_at) >= cutoff),
        select(Interaction.customer_id).where(col(Interaction.occurred_at) >= cutoff),
        select(Consent.customer_id).where(col(Consent.recorded_at) >= cutoff),
    ]
    query = select(Customer.id).where(
        col(Customer.merged_into_id).is_(None),
        func.coalesce(Customer.updated_at, Customer.created_at) < cutoff,
        col(Customer.created_at) < cutoff,
    )
    if store_id is not None:
        query = query.where(Customer.home_store_id == store_id)
    for sub in recent:
        query = query.where(col(Customer.id).not_in(sub))
    with read_session(engine) as session:
        return list(session.exec(query.order_by(col(Customer.id)).limit(limit)))


def apply_retention(engine: Engine, inactive_days: int, *, dry_run: bool) -> RetentionReport:
    report = RetentionReport(cutoff=utcnow() - timedelta(days=inactive_days))
    report.customers = inactive_customers(engine, inactive_days)
    if dry_run:
        return report
    for customer_id in report.customers:
        with write_session(engine) as session:
            if session.get(Customer, customer_id) is None:
                continue
            report.rows_removed += erase_customer(session, customer_id, None)
            audit(session, "retention_erasure", detail=f"inactive {inactive_days} days")
            report.erased += 1
    return report
