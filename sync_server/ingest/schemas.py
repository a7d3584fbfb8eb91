"""Payloads as an e-commerce platform's webhooks send them (orders, returns, carts, events)."""

from __future__ import annotations

import json
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from clienteling.protocol.rows import INTERACTION_KINDS
from clienteling.protocol.strict import IsoDate, IsoDatetime, StrictCount

InteractionKind = Literal[INTERACTION_KINDS]  # type: ignore[valid-type]

# An event's free-form ``payload`` is kept as sent and travels to the tablets inside the change
# log, whose wire form refuses deeper nesting than a few hundred levels (a 500 before this bound):
# no platform's event needs more than a handful of levels or more than a few kilobytes.
MAX_PAYLOAD_DEPTH = 16
MAX_PAYLOAD_BYTES = 16 * 1024


def payload_depth(value: Any) -> int:
    """Levels of objects and arrays in ``value`` (0 for a scalar), counted without recursion."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: list[Any] = list(item.values())
        elif isinstance(item, list):
            children = item
        else:
            continue
        deepest = max(deepest, depth + 1)
        stack.extend((child, depth + 1) for child in children)
    return deepest


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


_ACCOUNT_ID = (
    "the platform's own customer id: 1 to 64 letters, digits or . _ : @ - (e.g. 26, "
    "7023456789012, a UUID); matched case-insensitively"
)
LOCAL_TIME = (
    "ISO 8601; with an offset (Z, +01:00) it is taken as sent, without one it is read in the "
    "store's time zone (store_code required then; a time in the spring-forward gap is refused, "
    "an ambiguous autumn time is its first occurrence)"
)


class CustomerRef(_In):
    email: str | None = Field(default=None, max_length=254, description="name@domain")
    phone: str | None = Field(
        default=None,
        max_length=32,
        description="+country code and number, or a national number of `country` (else of "
        "the store's country, else Spain)",
    )
    country: str | None = Field(
        default=None,
        min_length=2,
        max_length=2,
        description="ISO 3166-1 alpha-2 of the customer's address (ES, US...): how a phone "
        "without +country code is read",
    )
    loyalty_card: str | None = Field(
        default=None, max_length=32, description="4 to 32 letters, digits or hyphens"
    )
    web_account: str | None = Field(default=None, max_length=64, description=_ACCOUNT_ID)
    app_account: str | None = Field(default=None, max_length=64, description=_ACCOUNT_ID)
    pos_id: str | None = Field(default=None, max_length=64, description=_ACCOUNT_ID)
    first_name: str = Field(default="", max_length=80)
    last_name: str = Field(default="", max_length=120)
    birth_date: IsoDate | None = None
    language: Literal["es", "en"] | None = None

    def identifiers(self) -> list[tuple[str, str]]:
        pairs = [
            ("email", self.email),
            ("phone", self.phone),
            ("loyalty_card", self.loyalty_card),
            ("web_account", self.web_account),
            ("app_account", self.app_account),
            ("pos_id", self.pos_id),
        ]
        return [(k, v) for k, v in pairs if v]


class LineIn(_In):
    sku: str = Field(
        min_length=1, max_length=64, description="up to 64 characters (bundle SKUs are long)"
    )
    size: str = Field(default="", max_length=16)
    quantity: StrictCount = Field(gt=0, le=10_000)
    unit_price: str = Field(min_length=1, max_length=20, description="decimal text, e.g. 49.95")
    name: str = Field(default="", max_length=160)


OrderStatus = Literal[
    "placed",
    "paid",
    "shipped",
    "ready_for_pickup",
    "completed",
    "partially_refunded",
    "refunded",
    "cancelled",
]


class OrderIn(_In):
    """An order as the platform sent it; amounts are decimal text in the order's currency.

    Totals follow the platforms' convention (Shopify's, among others): the lines' unit prices
    are what was charged, tax included unless ``prices_include_tax`` is false; ``discount`` is
    the order-level reduction, ``shipping`` what delivery cost, ``tax`` the tax amount
    (contained in the prices, or added to them). What the customer paid is therefore
    ``lines − discount + shipping`` (``+ tax`` when the prices excluded it); ``total_paid``, when
    sent, must equal it to the cent, else the order is refused with a 422 naming ``total_paid``
    and the expected figure, so a misread order never enters the golden record. The order's
    revenue (``total_cents``, the figure every KPI sums) is ``total_paid − shipping − tax``:
    net of discounts, excluding tax and shipping.

    Re-sending the same ``channel`` + ``external_id``: identical content answers "duplicate";
    another status, lines or totals (a completion, cancellation, edit or refund) update the
    stored order and answer "updated" (its row syncs to the tablets with ``updated_at``); a
    different customer, currency, store, fulfilment or order time answers 409 naming the
    fields, as does a re-send older (``updated_at``) than the stored one or one reopening a
    cancelled order.
    """

    channel: Literal["web", "app", "marketplace", "store"]
    external_id: str = Field(min_length=1, max_length=64)
    ordered_at: IsoDatetime = Field(description=LOCAL_TIME)
    currency: str = Field(default="EUR", min_length=3, max_length=3)
    customer: CustomerRef
    contact_email: str | None = Field(
        default=None,
        max_length=254,
        description="the order's own contact e-mail when it differs from the customer's: "
        "added to the buyer's golden record as another identifier (records sharing it merge)",
    )
    contact_phone: str | None = Field(
        default=None,
        max_length=32,
        description="the order's own contact phone (read like customer.phone): added to the "
        "buyer's golden record as another identifier",
    )
    fulfilment: Literal["ship", "click_and_collect", "in_store"] = "ship"
    store_code: str | None = Field(default=None, max_length=16)
    status: OrderStatus = "paid"
    lines: list[LineIn] = Field(min_length=1, max_length=500)
    discount: str = Field(default="0", min_length=1, max_length=20, description="order discount")
    shipping: str = Field(default="0", min_length=1, max_length=20, description="shipping charged")
    tax: str = Field(default="0", min_length=1, max_length=20, description="tax amount")
    prices_include_tax: bool = True
    total_paid: str | None = Field(
        default=None, min_length=1, max_length=20, description="what the customer paid"
    )
    updated_at: IsoDatetime | None = Field(
        default=None, description="when the platform last changed the order (orders re-sends)"
    )


class ReturnLineIn(_In):
    sku: str = Field(
        min_length=1, max_length=64, description="up to 64 characters (bundle SKUs are long)"
    )
    size: str = Field(default="", max_length=16)
    quantity: StrictCount = Field(gt=0, le=10_000)
    amount: str | None = Field(
        default=None,
        min_length=1,
        max_length=20,
        description="refunded amount for the line, as refunded (decimal text); give it on every "
        "line or on none",
    )


class ReturnIn(_In):
    channel: Literal["web", "app", "marketplace", "store"]
    external_id: str = Field(min_length=1, max_length=64)
    returned_at: IsoDatetime = Field(description=LOCAL_TIME)
    currency: str | None = Field(
        default=None,
        min_length=3,
        max_length=3,
        description="must be the order's; absent: the order's currency (EUR without an order)",
    )
    amount: str | None = Field(
        default=None,
        min_length=1,
        max_length=20,
        description="total refunded, as refunded: must equal the lines' amounts when they "
        "carry them, else it is spread over the lines in proportion to what they cost",
    )
    customer: CustomerRef
    order_channel: Literal["web", "app", "marketplace", "store"] | None = Field(
        default=None, description="channel of the order returned; absent: the return's channel"
    )
    order_external_id: str | None = Field(
        default=None,
        max_length=64,
        description="the order returned: the return is then checked against it (customer, "
        "currency, SKUs and sizes, quantities and amounts net of earlier returns, date)",
    )
    store_code: str | None = Field(default=None, max_length=16)
    reason: str = Field(default="", max_length=200)
    lines: list[ReturnLineIn] = Field(min_length=1, max_length=500)


class CartIn(_In):
    channel: Literal["web", "app"]
    external_id: str = Field(min_length=1, max_length=64)
    event: Literal["updated", "abandoned", "converted"]
    at: IsoDatetime = Field(description=LOCAL_TIME)
    currency: str = Field(default="EUR", min_length=3, max_length=3)
    customer: CustomerRef
    lines: list[LineIn] = Field(default_factory=list, max_length=500)


class EventIn(_In):
    """A timeline event. The timeline is append-only, so an event is never rewritten.

    With ``external_id``: the same id and the same content answers "duplicate", the same id with
    other content 409 naming the fields that differ (send the correction under a new id).
    Without one: the event's identity is a hash of its content and instant (kind, customer,
    channel, store, summary, score, payload and ``at`` in UTC), so a replay creates nothing new.
    Either way ``at`` must lie within ``SYNC_SERVER_EVENT_MAX_AGE_DAYS`` (default 730) before
    and ``SYNC_SERVER_EVENT_MAX_AHEAD_MINUTES`` (default 60) after the server's time (422).
    """

    kind: InteractionKind
    external_id: str | None = Field(default=None, max_length=64)
    channel: str = Field(default="", max_length=16)
    at: IsoDatetime = Field(description=LOCAL_TIME)
    customer: CustomerRef
    store_code: str | None = Field(default=None, max_length=16)
    summary: str = Field(default="", max_length=500)
    score: StrictCount | None = Field(default=None, ge=0, le=10)
    payload: dict[str, Any] = Field(default_factory=dict)

    @field_validator("payload")
    @classmethod
    def _bounded(cls, value: dict[str, Any]) -> dict[str, Any]:
        depth = payload_depth(value)
        if depth > MAX_PAYLOAD_DEPTH:
            raise ValueError(
                f"nested {depth} levels deep; at most {MAX_PAYLOAD_DEPTH} are accepted"
            )
        size = len(json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode())
        if size > MAX_PAYLOAD_BYTES:
            raise ValueError(f"{size:,} bytes as JSON; at most {MAX_PAYLOAD_BYTES:,} are accepted")
        return value


class IngestResult(BaseModel):
    id: str
    customer_id: str
    status: Literal["created", "updated", "duplicate"]
