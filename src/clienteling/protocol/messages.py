"""Request and response bodies of the sync API (pull, push, fetch, checksums, handshake)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

from clienteling.protocol.strict import IsoDatetime

MutationKind = Literal[
    "customer.create",
    "customer.update",
    "customer.viewed",
    "note.upsert",
    "task.upsert",
    "consent.record",
    "interaction.log",
    "coupon.redeem",
    "points.redeem",
]


class ErrorBody(BaseModel):
    """Every 4xx answer: a stable ``code`` for programs and a ``message`` for people."""

    code: str
    message: str
    detail: Any = None


class Handshake(BaseModel):
    server_version: str
    protocol_version: int
    min_protocol_version: int
    device_id: str | None = None
    store_id: str | None = None
    store_code: str | None = None
    server_time: datetime


class Change(BaseModel):
    entity: str
    id: str
    op: Literal["upsert", "delete"]
    version: int
    data: dict[str, Any] | None = None


class PullPage(BaseModel):
    """One page of changes; ``cursor`` is what to send next time, saved with the page applied."""

    changes: list[Change]
    cursor: int
    has_more: bool
    server_time: datetime


class Mutation(BaseModel):
    """A queued edit from a tablet; ``id`` is generated on the tablet and makes retries safe."""

    id: str = Field(min_length=8, max_length=64)
    kind: MutationKind
    customer_id: str | None = Field(default=None, max_length=36)
    staff_id: str | None = Field(default=None, max_length=36)
    hlc: str = Field(min_length=22, max_length=80)
    created_at: IsoDatetime
    payload: dict[str, Any] = Field(default_factory=dict)


class PushRequest(BaseModel):
    mutations: list[Mutation] = Field(max_length=500)


class MutationOutcome(BaseModel):
    mutation_id: str
    status: Literal["applied", "rejected"]
    code: str | None = None
    reason: str | None = None
    customer_id: str | None = None
    result: dict[str, Any] = Field(default_factory=dict)


class PushResult(BaseModel):
    outcomes: list[MutationOutcome]


class LookupRequest(BaseModel):
    """Find a customer outside the store's bucket by a strong identifier (card, e-mail, phone)."""

    kind: Literal["email", "phone", "loyalty_card"]
    value: str = Field(min_length=3, max_length=254)


class CustomerBundle(BaseModel):
    """A customer's rows, for a tablet fetching her on demand (she then stays synced)."""

    customer_id: str
    changes: list[Change]
    cursor_hint: int


class EntityChecksum(BaseModel):
    count: int
    checksum: int


class Checksums(BaseModel):
    cursor: int
    entities: dict[str, EntityChecksum]
