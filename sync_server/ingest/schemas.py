"""Payloads as an e-commerce platform's webhooks send them (orders, returns, carts, events)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from clienteling.protocol.rows import INTERACTION_KINDS
from clienteling.protocol.strict import IsoDate, IsoDatetime, StrictCount

InteractionKind = Literal[INTERACTION_KINDS]  # type: ignore[valid-type]


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class CustomerRef(_In):
    email: str | None = Field(default=None, max_length=254)
    phone: str | None = Field(default=None, max_length=32)
    loyalty_card: str | None = Field(default=None, max_length=32)
    web_account: str | None = Field(default=None, max_length=64)
    app_account: str | None = Field(default=None, max_length=64)
    pos_id: str | None = Field(default=None, max_length=64)
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
    sku: str = Field(min_length=1, max_length=40)
    size: str = Field(default="", max_length=16)
    quantity: StrictCount = Field(gt=0, le=10_000)
    unit_price: str = Field(min_length=1, max_length=20, description="decimal text, e.g. 49.95")
    name: str = Field(default="", max_length=160)


class OrderIn(_In):
    channel: Literal["web", "app", "marketplace", "store"]
    external_id: str = Field(min_length=1, max_length=64)
    ordered_at: IsoDatetime
    currency: str = Field(default="EUR", min_length=3, max_length=3)
    customer: CustomerRef
    fulfilment: Literal["ship", "click_and_collect", "in_store"] = "ship"
    store_code: str | None = Field(default=None, max_length=16)
    status: Literal["placed", "paid", "shipped", "ready_for_pickup", "completed", "cancelled"] = (
        "paid"
    )
    lines: list[LineIn] = Field(min_length=1, max_length=500)


class ReturnLineIn(_In):
    sku: str = Field(min_length=1, max_length=40)
    size: str = Field(default="", max_length=16)
    quantity: StrictCount = Field(gt=0, le=10_000)
    amount: str = Field(min_length=1, max_length=20, description="refunded amount for the line")


class ReturnIn(_In):
    channel: Literal["web", "app", "marketplace", "store"]
    external_id: str = Field(min_length=1, max_length=64)
    returned_at: IsoDatetime
    currency: str = Field(default="EUR", min_length=3, max_length=3)
    customer: CustomerRef
    order_channel: Literal["web", "app", "marketplace", "store"] | None = None
    order_external_id: str | None = Field(default=None, max_length=64)
    store_code: str | None = Field(default=None, max_length=16)
    reason: str = Field(default="", max_length=200)
    lines: list[ReturnLineIn] = Field(min_length=1, max_length=500)


class CartIn(_In):
    channel: Literal["web", "app"]
    external_id: str = Field(min_length=1, max_length=64)
    event: Literal["updated", "abandoned", "converted"]
    at: IsoDatetime
    currency: str = Field(default="EUR", min_length=3, max_length=3)
    customer: CustomerRef
    lines: list[LineIn] = Field(default_factory=list, max_length=500)


class EventIn(_In):
    kind: InteractionKind
    external_id: str | None = Field(default=None, max_length=64)
    channel: str = Field(default="", max_length=16)
    at: IsoDatetime
    customer: CustomerRef
    store_code: str | None = Field(default=None, max_length=16)
    summary: str = Field(default="", max_length=500)
    score: StrictCount | None = Field(default=None, ge=0, le=10)
    payload: dict[str, Any] = Field(default_factory=dict)


class IngestResult(BaseModel):
    id: str
    customer_id: str
    status: Literal["created", "updated", "duplicate"]
