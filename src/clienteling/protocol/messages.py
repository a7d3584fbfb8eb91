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
    # When the device token was issued and expires: the tablet rotates it at half its life.
    device_token_issued_at: datetime | None = None
    device_token_expires_at: datetime | None = None
    # Shared-tablet rules in force on this server (None from an older server: the tablet keeps
    # the defaults of ``clienteling.protocol``).
    offline_signin_days: int | None = None
    stale_sync_lock_days: int | None = None


class Change(BaseModel):
    """A row as its bucket holds it; ``stamp`` is its newest last-writer-wins stamp, if any.

    The tablet's clock moves past every stamp it receives, so an edit made after reading a row
    always carries a later stamp than the one that row shows.
    """

    entity: str
    id: str
    op: Literal["upsert", "delete"]
    version: int
    data: dict[str, Any] | None = None
    stamp: str | None = None


class PullPage(BaseModel):
    """One page of changes; ``cursor`` (opaque) is what to send next, saved with the page.

    ``stock_stores`` names the stores whose stock this tablet receives (its own and the nearest
    ones); stock of any other store it still holds is dropped.
    """

    changes: list[Change]
    cursor: str
    has_more: bool
    server_time: datetime
    stock_stores: list[str] = Field(default_factory=list)


class Mutation(BaseModel):
    """A queued edit from a tablet; ``id`` is generated on the tablet and makes retries safe.

    ``session_id`` names the staff sign-in on this tablet under which the edit was made: the
    server derives the author from it (and refuses a session of another device).
    """

    id: str = Field(min_length=8, max_length=64)
    kind: MutationKind
    customer_id: str | None = Field(default=None, max_length=36)
    session_id: str | None = Field(default=None, max_length=64)
    hlc: str = Field(min_length=22, max_length=80)
    created_at: IsoDatetime
    payload: dict[str, Any] = Field(default_factory=dict)


class PushRequest(BaseModel):
    mutations: list[Mutation] = Field(max_length=500)


class LostField(BaseModel):
    """A field an edit did not change because a later edit (by stamp) holds it."""

    field: str
    value: Any = None
    by_staff_id: str | None = None
    by_name: str | None = None
    at: datetime | None = None


class MutationOutcome(BaseModel):
    """The server's answer for one mutation; ``lost`` lists fields a later edit kept."""

    mutation_id: str
    status: Literal["applied", "rejected"]
    code: str | None = None
    reason: str | None = None
    customer_id: str | None = None
    result: dict[str, Any] = Field(default_factory=dict)
    lost: list[LostField] = Field(default_factory=list)


class PushResult(BaseModel):
    outcomes: list[MutationOutcome]


LookupPurpose = Literal["in_store", "phone", "order", "other"]


class LookupRequest(BaseModel):
    """Find a customer outside the store's bucket by a strong identifier (card, e-mail, phone).

    ``purpose`` says why (she is at the till, on the phone, collecting an order); it is kept in
    the audit log with the assistant who asked.
    """

    kind: Literal["email", "phone", "loyalty_card"]
    value: str = Field(min_length=3, max_length=254)
    purpose: LookupPurpose = "in_store"


class CustomerBundle(BaseModel):
    """A customer's rows, for a tablet fetching her on demand (she then stays synced)."""

    customer_id: str
    changes: list[Change]


class EntityChecksum(BaseModel):
    count: int
    checksum: int


class Checksums(BaseModel):
    cursor: str
    entities: dict[str, EntityChecksum]
