"""Store buckets: which customers a store's tablets receive, and why."""

from __future__ import annotations

from sqlmodel import Session, select

from sync_server.domain.models import CustomerScope
from sync_server.sync.changelog import touch_customer_rows

REASONS = ("home", "purchase", "assigned", "lookup")


def in_scope(session: Session, customer_id: str, store_id: str) -> bool:
    row = session.exec(
        select(CustomerScope.customer_id).where(
            CustomerScope.customer_id == customer_id, CustomerScope.store_id == store_id
        )
    ).first()
    return row is not None


def add_to_scope(session: Session, customer_id: str, store_id: str, reason: str) -> bool:
    """Returns True when the customer newly enters the store's bucket (her rows are re-sent)."""
    if session.get(CustomerScope, (customer_id, store_id, reason)) is not None:
        return False
    newly = not in_scope(session, customer_id, store_id)
    session.add(CustomerScope(customer_id=customer_id, store_id=store_id, reason=reason))
    session.flush()
    if newly:
        touch_customer_rows(session.connection(), customer_id)
    return newly


def remove_reason(session: Session, customer_id: str, store_id: str, reason: str) -> None:
    row = session.get(CustomerScope, (customer_id, store_id, reason))
    if row is not None:
        session.delete(row)
        session.flush()


def stores_of(session: Session, customer_id: str) -> list[str]:
    return list(
        session.exec(
            select(CustomerScope.store_id)
            .where(CustomerScope.customer_id == customer_id)
            .distinct()
        )
    )
