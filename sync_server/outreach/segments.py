"""Invitation segments: filters on a store's customers, evaluated in SQL.

Lifetime value comes from the analytics' ``CustomerMetrics`` when they exist and from the
orders themselves otherwise, so a segment works before the first analytics run.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field
from sqlalchemy import func
from sqlmodel import Session, col, select

from clienteling.protocol.strict import StrictCount, StrictFlag
from clienteling.protocol.types import UTCDateTime, utcnow
from sync_server.domain.models import (
    Customer,
    CustomerMetrics,
    LoyaltyAccount,
    Order,
)
from sync_server.domain.scope import own_customers

Tier = Literal["bronze", "silver", "gold", "platinum"]


class SegmentFilter(BaseModel):
    vip_only: StrictFlag = False
    tiers: list[Tier] = Field(default_factory=list, max_length=4)
    segments: list[
        Annotated[str, Field(min_length=1, max_length=32, pattern=r"^[A-Za-z0-9 _'-]+$")]
    ] = Field(default_factory=list, max_length=20)
    min_lifetime_value_cents: StrictCount | None = Field(default=None, ge=0, le=2_000_000_000)
    purchased_within_days: StrictCount | None = Field(default=None, ge=1, le=3650)
    max_customers: StrictCount = Field(default=5000, ge=1, le=50_000)


def segment_query(store_id: str, f: SegmentFilter) -> Any:
    orders = (
        select(
            col(Order.customer_id).label("customer_id"),
            func.max(Order.ordered_at).label("last_at"),
            func.sum(Order.total_cents).label("total_cents"),
        )
        .where(Order.status != "cancelled")
        .group_by(col(Order.customer_id))
        .subquery()
    )
    in_store = own_customers(store_id)
    query = (
        select(Customer)
        .outerjoin(CustomerMetrics, col(CustomerMetrics.id) == col(Customer.id))
        .outerjoin(LoyaltyAccount, col(LoyaltyAccount.id) == col(Customer.id))
        .outerjoin(orders, orders.c.customer_id == col(Customer.id))
        .where(col(Customer.id).in_(in_store), col(Customer.merged_into_id).is_(None))
    )
    if f.vip_only:
        query = query.where(col(Customer.vip).is_(True))
    if f.tiers:
        query = query.where(col(LoyaltyAccount.tier).in_(f.tiers))
    if f.segments:
        query = query.where(col(CustomerMetrics.segment).in_(f.segments))
    if f.min_lifetime_value_cents is not None:
        value = func.coalesce(CustomerMetrics.net_revenue_cents, orders.c.total_cents, 0)
        query = query.where(value >= f.min_lifetime_value_cents)
    if f.purchased_within_days is not None:
        since = utcnow() - timedelta(days=f.purchased_within_days)
        last = func.coalesce(
            CustomerMetrics.last_purchase_at, orders.c.last_at, type_=UTCDateTime()
        )
        query = query.where(last >= since)
    return query.order_by(col(Customer.id))


def segment_size(session: Session, store_id: str, f: SegmentFilter) -> int:
    inner = segment_query(store_id, f).order_by(None).subquery()
    return int(session.exec(select(func.count()).select_from(inner)).one())


def segment_customers(session: Session, store_id: str, f: SegmentFilter) -> list[Customer]:
    return list(session.exec(segment_query(store_id, f).limit(f.max_customers)).all())
