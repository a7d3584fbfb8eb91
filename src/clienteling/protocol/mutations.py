"""Payload shapes of each mutation kind; the server validates a payload with its model."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class _Payload(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CustomerCreate(_Payload):
    id: str = Field(min_length=8, max_length=36)
    first_name: str = Field(min_length=1, max_length=80)
    last_name: str = Field(default="", max_length=120)
    email: str | None = Field(default=None, max_length=254)
    phone: str | None = Field(default=None, max_length=32)
    birth_date: date | None = None
    preferred_language: Literal["es", "en"] = "es"
    preferred_channel: str | None = None


PROFILE_FIELDS = (
    "first_name",
    "last_name",
    "birth_date",
    "preferred_channel",
    "preferred_language",
    "sizes",
    "preferences",
    "email",
    "phone",
)


class CustomerUpdate(_Payload):
    """Only the fields present are changed; each field is last-writer-wins by HLC stamp."""

    fields: dict[str, Any] = Field(min_length=1)


class NoteUpsert(_Payload):
    id: str = Field(min_length=8, max_length=36)
    body: str | None = Field(default=None, max_length=4000)
    pinned: bool | None = None
    deleted: bool | None = None


class TaskUpsert(_Payload):
    id: str = Field(min_length=8, max_length=36)
    kind: Literal["cart_call", "birthday", "vip_invitation", "follow_up", "reservation"] | None = (
        None
    )
    title: str | None = Field(default=None, max_length=200)
    details: str | None = Field(default=None, max_length=2000)
    due_at: datetime | None = None
    status: Literal["open", "done", "cancelled"] | None = None
    outcome: str | None = Field(default=None, max_length=500)
    assigned_staff_id: str | None = None


class ConsentRecord(_Payload):
    id: str = Field(min_length=8, max_length=36)
    channel: Literal["email", "sms", "whatsapp", "push", "phone"]
    purpose: Literal["marketing", "service", "profiling"] = "marketing"
    granted: bool
    source: str = Field(default="store", max_length=32)


class InteractionLog(_Payload):
    id: str = Field(min_length=8, max_length=36)
    kind: Literal[
        "call",
        "store_visit",
        "in_store_chat",
        "event_attended",
        "email_sent",
        "sms_sent",
        "whatsapp_sent",
        "survey",
        "ticket",
    ]
    channel: str = Field(default="store", max_length=16)
    occurred_at: datetime | None = None
    summary: str = Field(default="", max_length=500)
    score: int | None = Field(default=None, ge=0, le=10)


class CouponRedeem(_Payload):
    coupon_id: str = Field(min_length=8, max_length=36)


class PointsRedeem(_Payload):
    id: str = Field(min_length=8, max_length=36)
    points: int = Field(gt=0, le=1_000_000)
    reason: str = Field(default="Canje en tienda", max_length=200)


class CustomerViewed(_Payload):
    view: str = Field(default="360", max_length=32)


PAYLOAD_MODELS: dict[str, type[_Payload]] = {
    "customer.create": CustomerCreate,
    "customer.update": CustomerUpdate,
    "customer.viewed": CustomerViewed,
    "note.upsert": NoteUpsert,
    "task.upsert": TaskUpsert,
    "consent.record": ConsentRecord,
    "interaction.log": InteractionLog,
    "coupon.redeem": CouponRedeem,
    "points.redeem": PointsRedeem,
}
