"""Store buckets: which customers a store's tablets receive, and why.

Being in a store's bucket (any reason) means its tablets receive her rows and can edit them.
*Rights* over her record — exporting it, erasing it, assigning her to an assistant, putting her
on the store's lists — follow her **home store** and the reasons a store earned by itself (she
bought there, one of its assistants looks after her), never a ``lookup``: a tablet that looked
her up while she stood at the till must not turn her into one of its store's customers.
"""

from __future__ import annotations

from sqlalchemy import Select
from sqlmodel import Session, col, select

from sync_server.domain.models import Customer, CustomerScope
from sync_server.sync.changelog import enter_bucket, lock_customers

REASONS = ("home", "purchase", "assigned", "lookup")
# Reasons that make her one of the store's own customers (lists, campaigns, exports).
OWN_REASONS = ("home", "purchase", "assigned")


def in_scope(session: Session, customer_id: str, store_id: str) -> bool:
    row = session.exec(
        select(CustomerScope.customer_id).where(
            CustomerScope.customer_id == customer_id, CustomerScope.store_id == store_id
        )
    ).first()
    return row is not None


def is_own_customer(session: Session, customer_id: str, store_id: str) -> bool:
    """In the store's bucket for a reason other than a lookup."""
    row = session.exec(
        select(CustomerScope.customer_id).where(
            CustomerScope.customer_id == customer_id,
            CustomerScope.store_id == store_id,
            col(CustomerScope.reason).in_(OWN_REASONS),
        )
    ).first()
    return row is not None


def is_home_store(session: Session, customer_id: str, store_id: str | None) -> bool:
    customer = session.get(Customer, customer_id)
    return customer is not None and store_id is not None and customer.home_store_id == store_id


def own_customers(store_id: str) -> Select[tuple[str]]:
    """Ids of the store's own customers (not those it merely looked up), for ``IN`` filters."""
    return (
        select(CustomerScope.customer_id)  # type: ignore[return-value]
        .where(CustomerScope.store_id == store_id, col(CustomerScope.reason).in_(OWN_REASONS))
        .distinct()
    )


def add_to_scope(session: Session, customer_id: str, store_id: str, reason: str) -> bool:
    """Returns True when the customer newly enters the store's bucket (her rows are sent)."""
    lock_customers(session.connection(), [customer_id], exclusive=True)
    if session.get(CustomerScope, (customer_id, store_id, reason)) is not None:
        return False
    newly = not in_scope(session, customer_id, store_id)
    session.add(CustomerScope(customer_id=customer_id, store_id=store_id, reason=reason))
    session.flush()
    if newly:
        enter_bucket(session, customer_id, store_id)
    return newly


def remove_reason(session: Session, customer_id: str, store_id: str, reason: str) -> None:
    """Drop one reason; with none left she leaves the bucket (its tablets get tombstones)."""
    lock_customers(session.connection(), [customer_id], exclusive=True)
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
