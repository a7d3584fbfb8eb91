"""Synced row shapes: one base model per entity, shared by server tables and the wire.

The server declares ``class Customer(CustomerBase, table=True)``; the tablet receives the same
fields as JSON in pull pages. Money is integer cents plus an ISO 4217 currency; times are UTC.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON
from sqlmodel import Field, SQLModel

from clienteling.protocol.types import UTCDateTime, utcnow

CHANNELS_SALES = ("store", "web", "app", "marketplace")
CHANNELS_CONTACT = ("email", "sms", "whatsapp", "push", "phone")
CONSENT_PURPOSES = ("marketing", "service", "profiling")
FULFILMENTS = ("in_store", "ship", "click_and_collect")
IDENTITY_KINDS = ("email", "phone", "loyalty_card", "web_account", "app_account", "pos_id")
ROLES = ("associate", "manager", "admin")
TIERS = ("bronze", "silver", "gold", "platinum")
# Lifetime points needed for each tier, lowest first (server and tablet agree on progress).
# The analytics' RFM groups (sync_server.analytics.rfm assigns them; the apps label them).
RFM_SEGMENTS: tuple[str, ...] = (
    "Champions",
    "Loyal",
    "Potential loyalist",
    "New",
    "At risk",
    "Can't lose them",
    "Hibernating",
    "Lost",
)
TIER_THRESHOLDS: tuple[tuple[str, int], ...] = (
    ("bronze", 0),
    ("silver", 500),
    ("gold", 1500),
    ("platinum", 4000),
)
INTERACTION_KINDS = (
    "email_sent",
    "email_opened",
    "email_clicked",
    "sms_sent",
    "sms_opened",
    "push_sent",
    "push_opened",
    "whatsapp_sent",
    "call",
    "survey",
    "ticket",
    "store_visit",
    "event_invited",
    "event_attended",
    "product_view",
    "in_store_chat",
)
TASK_KINDS = ("cart_call", "birthday", "vip_invitation", "follow_up", "reservation")
TASK_STATUSES = ("open", "done", "cancelled")


def _ts() -> Any:
    return Field(default_factory=utcnow, sa_type=UTCDateTime)


class StoreBase(SQLModel):
    id: str = Field(primary_key=True, max_length=36)
    code: str = Field(index=True, unique=True, max_length=16)
    name: str = Field(max_length=120)
    city: str = Field(max_length=80)
    latitude: float
    longitude: float
    timezone: str = Field(default="Europe/Madrid", max_length=64)


class StaffBase(SQLModel):
    id: str = Field(primary_key=True, max_length=36)
    username: str = Field(index=True, unique=True, max_length=64)
    display_name: str = Field(max_length=120)
    role: str = Field(max_length=16)
    store_id: str | None = Field(default=None, foreign_key="store.id", max_length=36)
    active: bool = True


# SKUs up to 64 characters: platforms' bundle SKUs run past 50 (issue 19).
class ProductBase(SQLModel):
    id: str = Field(primary_key=True, max_length=36)
    sku: str = Field(index=True, unique=True, max_length=64)
    name: str = Field(max_length=160)
    category: str = Field(max_length=60)
    brand: str = Field(max_length=60)
    colour: str = Field(default="", max_length=40)
    price_cents: int
    currency: str = Field(default="EUR", max_length=3)
    sizes: list[str] = Field(default_factory=list, sa_type=JSON)
    active: bool = True


class StockBase(SQLModel):
    """Units of one product size in one store; id is ``store_id:product_id:size``."""

    id: str = Field(primary_key=True, max_length=120)
    store_id: str = Field(foreign_key="store.id", index=True, max_length=36)
    product_id: str = Field(foreign_key="product.id", index=True, max_length=36)
    size: str = Field(max_length=16)
    quantity: int = 0
    updated_at: datetime = _ts()


class CustomerBase(SQLModel):
    """The golden record: one person, merged from every channel."""

    id: str = Field(primary_key=True, max_length=36)
    first_name: str = Field(max_length=80)
    last_name: str = Field(default="", max_length=120)
    birth_date: date | None = None
    home_store_id: str | None = Field(
        default=None, foreign_key="store.id", index=True, max_length=36
    )
    preferred_channel: str | None = Field(default=None, max_length=16)
    preferred_language: str = Field(default="es", max_length=5)
    sizes: dict[str, str] = Field(default_factory=dict, sa_type=JSON)
    preferences: str = Field(default="", max_length=1000)
    assigned_staff_id: str | None = Field(default=None, index=True, max_length=36)
    vip: bool = False
    created_at: datetime = _ts()
    updated_at: datetime = _ts()


class IdentityBase(SQLModel):
    """A strong identifier (normalised: lower-case e-mail, E.164 phone, card number...)."""

    id: str = Field(primary_key=True, max_length=36)
    customer_id: str = Field(foreign_key="customer.id", index=True, max_length=36)
    kind: str = Field(max_length=16)
    value: str = Field(max_length=254)
    source: str = Field(default="", max_length=32)
    created_at: datetime = _ts()


class ConsentBase(SQLModel):
    """One consent event; the current state per channel+purpose is the latest event."""

    id: str = Field(primary_key=True, max_length=36)
    customer_id: str = Field(foreign_key="customer.id", index=True, max_length=36)
    channel: str = Field(max_length=16)
    purpose: str = Field(default="marketing", max_length=16)
    granted: bool
    source: str = Field(default="", max_length=32)
    staff_id: str | None = Field(default=None, max_length=36)
    store_id: str | None = Field(default=None, max_length=36)
    recorded_at: datetime = _ts()


class OrderBase(SQLModel):
    """A sale. ``total_cents`` is its revenue: lines less discount, excluding shipping and tax.

    That one figure is what every revenue number sums (historic value, AOV, KPIs, attribution);
    ``paid_cents`` is what the customer paid as the platform sent it (lines − discount +
    shipping, + tax when the prices excluded it). ``updated_at`` is set when the platform
    re-sends the order with a change (status, lines); None while it never did.
    """

    id: str = Field(primary_key=True, max_length=36)
    customer_id: str = Field(foreign_key="customer.id", index=True, max_length=36)
    channel: str = Field(max_length=16)
    external_id: str = Field(max_length=64)
    store_id: str | None = Field(default=None, foreign_key="store.id", index=True, max_length=36)
    fulfilment: str = Field(default="in_store", max_length=20)
    status: str = Field(default="completed", max_length=20)
    ordered_at: datetime = _ts()
    currency: str = Field(default="EUR", max_length=3)
    total_cents: int = 0
    staff_id: str | None = Field(default=None, max_length=36)
    discount_cents: int = 0
    shipping_cents: int = 0
    tax_cents: int = 0
    prices_include_tax: bool = True
    paid_cents: int = 0
    updated_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class OrderLineBase(SQLModel):
    id: str = Field(primary_key=True, max_length=36)
    order_id: str = Field(foreign_key="order.id", index=True, max_length=36)
    customer_id: str = Field(index=True, max_length=36)
    product_id: str | None = Field(default=None, max_length=36)
    sku: str = Field(max_length=64)
    name: str = Field(default="", max_length=160)
    size: str = Field(default="", max_length=16)
    quantity: int
    unit_price_cents: int


class ReturnBase(SQLModel):
    """Goods brought back, in any channel: may differ from the channel of the sale."""

    id: str = Field(primary_key=True, max_length=36)
    order_id: str | None = Field(default=None, index=True, max_length=36)
    customer_id: str = Field(foreign_key="customer.id", index=True, max_length=36)
    channel: str = Field(max_length=16)
    store_id: str | None = Field(default=None, max_length=36)
    external_id: str = Field(default="", max_length=64)
    returned_at: datetime = _ts()
    sku: str = Field(max_length=64)
    product_id: str | None = Field(default=None, max_length=36)
    size: str = Field(default="", max_length=16)
    quantity: int
    amount_cents: int
    currency: str = Field(default="EUR", max_length=3)
    reason: str = Field(default="", max_length=200)


class CartBase(SQLModel):
    id: str = Field(primary_key=True, max_length=36)
    customer_id: str = Field(foreign_key="customer.id", index=True, max_length=36)
    channel: str = Field(max_length=16)
    external_id: str = Field(max_length=64)
    status: str = Field(default="open", max_length=16)
    updated_at: datetime = _ts()
    abandoned_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    total_cents: int = 0
    currency: str = Field(default="EUR", max_length=3)


class CartLineBase(SQLModel):
    id: str = Field(primary_key=True, max_length=36)
    cart_id: str = Field(foreign_key="cart.id", index=True, max_length=36)
    customer_id: str = Field(index=True, max_length=36)
    product_id: str | None = Field(default=None, max_length=36)
    sku: str = Field(max_length=64)
    size: str = Field(default="", max_length=16)
    quantity: int
    unit_price_cents: int


class InteractionBase(SQLModel):
    """Append-only timeline event: message sent/opened, survey, ticket, visit, event..."""

    id: str = Field(primary_key=True, max_length=36)
    customer_id: str = Field(foreign_key="customer.id", index=True, max_length=36)
    kind: str = Field(max_length=24)
    channel: str = Field(default="", max_length=16)
    occurred_at: datetime = _ts()
    store_id: str | None = Field(default=None, max_length=36)
    staff_id: str | None = Field(default=None, max_length=36)
    summary: str = Field(default="", max_length=500)
    score: int | None = None
    payload: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)


class LoyaltyAccountBase(SQLModel):
    """Balance and tier; id is the customer id. The ledger is the truth, this is its sum."""

    id: str = Field(primary_key=True, max_length=36)
    customer_id: str = Field(foreign_key="customer.id", index=True, max_length=36)
    card_number: str = Field(default="", max_length=32)
    tier: str = Field(default="bronze", max_length=16)
    points_balance: int = 0
    lifetime_points: int = 0
    updated_at: datetime = _ts()


class LoyaltyEntryBase(SQLModel):
    id: str = Field(primary_key=True, max_length=36)
    customer_id: str = Field(foreign_key="customer.id", index=True, max_length=36)
    points: int
    reason: str = Field(max_length=200)
    order_id: str | None = Field(default=None, max_length=36)
    store_id: str | None = Field(default=None, max_length=36)
    staff_id: str | None = Field(default=None, max_length=36)
    occurred_at: datetime = _ts()


class CouponBase(SQLModel):
    id: str = Field(primary_key=True, max_length=36)
    customer_id: str = Field(foreign_key="customer.id", index=True, max_length=36)
    code: str = Field(index=True, unique=True, max_length=32)
    kind: str = Field(max_length=16)
    description: str = Field(default="", max_length=200)
    discount_cents: int | None = None
    discount_percent: int | None = None
    currency: str = Field(default="EUR", max_length=3)
    valid_from: datetime = _ts()
    valid_until: datetime | None = Field(default=None, sa_type=UTCDateTime)
    redeemed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    redeemed_store_id: str | None = Field(default=None, max_length=36)
    redeemed_by_staff_id: str | None = Field(default=None, max_length=36)
    redeemed_channel: str | None = Field(default=None, max_length=16)


class NoteBase(SQLModel):
    id: str = Field(primary_key=True, max_length=36)
    customer_id: str = Field(foreign_key="customer.id", index=True, max_length=36)
    body: str = Field(default="", max_length=4000)
    pinned: bool = False
    deleted: bool = False
    author_staff_id: str | None = Field(default=None, max_length=36)
    created_at: datetime = _ts()
    updated_at: datetime = _ts()


class TaskBase(SQLModel):
    id: str = Field(primary_key=True, max_length=36)
    customer_id: str = Field(foreign_key="customer.id", index=True, max_length=36)
    assigned_staff_id: str | None = Field(default=None, index=True, max_length=36)
    kind: str = Field(default="follow_up", max_length=20)
    title: str = Field(default="", max_length=200)
    details: str = Field(default="", max_length=2000)
    due_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    status: str = Field(default="open", max_length=12)
    outcome: str = Field(default="", max_length=500)
    created_by_staff_id: str | None = Field(default=None, max_length=36)
    created_at: datetime = _ts()
    updated_at: datetime = _ts()


class CustomerMetricsBase(SQLModel):
    """Analytics for the 360 header and manager lists; id is the customer id."""

    id: str = Field(primary_key=True, max_length=36)
    customer_id: str = Field(foreign_key="customer.id", index=True, max_length=36)
    currency: str = Field(default="EUR", max_length=3)
    net_revenue_cents: int = 0
    orders: int = 0
    aov_cents: int = 0
    first_purchase_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    last_purchase_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    channels: list[str] = Field(default_factory=list, sa_type=JSON)
    return_rate: float = 0.0
    p_alive: float | None = None
    expected_purchases_90d: float | None = None
    predicted_value_12m_cents: int | None = None
    rfm_score: str = Field(default="", max_length=3)
    segment: str = Field(default="", max_length=32)
    churn_risk: bool = False
    computed_at: datetime = _ts()


class RecommendationBase(SQLModel):
    id: str = Field(primary_key=True, max_length=80)
    customer_id: str = Field(foreign_key="customer.id", index=True, max_length=36)
    rank: int
    product_id: str = Field(max_length=36)
    reason_kind: str = Field(max_length=24)
    reason: str = Field(default="", max_length=300)
    score: float = 0.0
