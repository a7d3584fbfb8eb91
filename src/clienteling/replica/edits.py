"""Edits the assistant makes: each is shown at once (pending) and queued in one transaction.

The outbox row and the optimistic change are written together, so after a crash either both
exist or neither does. Refusals the replica can already see (a coupon used, not enough points)
raise ``EditRefused`` before anything is queued; the server still has the last word.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, date, datetime
from typing import Any

from clienteling.protocol.messages import Mutation, MutationKind
from clienteling.protocol.mutations import PAYLOAD_MODELS, PROFILE_FIELDS
from clienteling.replica import outbox, search, signins
from clienteling.replica.clock import next_stamp
from clienteling.replica.overlay import apply_mutation
from clienteling.replica.rows import get_doc
from clienteling.replica.schema import table
from clienteling.replica.store import Replica

# The staff session the edits made in this context name, when the caller took it already.
_made_under: ContextVar[str | None] = ContextVar("made_under", default=None)


@contextmanager
def made_under(session_id: str | None) -> Iterator[None]:
    """Edits made inside name ``session_id``: the sign-in in force when the assistant made
    them (the app takes it on the UI thread; the edit is written later on a worker)."""
    token = _made_under.set(session_id)
    try:
        yield
    finally:
        _made_under.reset(token)


class EditRefused(Exception):
    """An edit that cannot be made; ``message`` is meant for the assistant.

    The replica has no translations: the UI words ``code`` in her language, filling in
    ``values`` (the balance a redemption would overdraw) where its sentence names them.
    """

    def __init__(self, code: str, message: str, *values: object) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.values = values


def new_id() -> str:
    return str(uuid.uuid4())


def submit(
    replica: Replica,
    kind: MutationKind,
    customer_id: str | None,
    payload: dict[str, Any],
    *,
    staff_id: str | None = None,
) -> Mutation:
    """Validate, apply locally and queue one mutation, atomically."""
    model = PAYLOAD_MODELS[kind].model_validate(payload)
    with replica.write() as conn:
        mutation = Mutation(
            id=new_id(),
            kind=kind,
            customer_id=customer_id,
            session_id=_made_under.get() or signins.session_for(conn, staff_id),
            hlc=next_stamp(conn, replica.wall_clock),
            created_at=datetime.now(UTC),
            payload=model.model_dump(mode="json", exclude_unset=True),
        )
        outbox.enqueue(conn, mutation)
        apply_mutation(conn, mutation, staff_id or signins.signed_in(conn))
        if customer_id and kind in ("customer.create", "customer.update"):
            search.reindex(conn, [customer_id])
    return mutation


def _require_customer(replica: Replica, customer_id: str) -> None:
    if get_doc(replica.read(), "customer", customer_id) is None:
        raise EditRefused("unknown_customer", "This customer is not on this tablet.")


def create_customer(
    replica: Replica,
    first_name: str,
    last_name: str = "",
    *,
    email: str | None = None,
    phone: str | None = None,
    birth_date: date | None = None,
    preferred_language: str = "es",
    preferred_channel: str | None = None,
    staff_id: str | None = None,
) -> str:
    """A new customer created in store; returns her id (usable at once, synced later)."""
    customer_id = new_id()
    payload: dict[str, Any] = {
        "id": customer_id,
        "first_name": first_name,
        "last_name": last_name,
        "preferred_language": preferred_language,
    }
    for key, value in (
        ("email", email),
        ("phone", phone),
        ("birth_date", birth_date),
        ("preferred_channel", preferred_channel),
    ):
        if value is not None:
            payload[key] = value
    submit(replica, "customer.create", customer_id, payload, staff_id=staff_id)
    return customer_id


def update_profile(
    replica: Replica, customer_id: str, fields: dict[str, Any], *, staff_id: str | None = None
) -> str:
    """Change profile fields (last writer wins per field); returns the mutation id."""
    unknown = set(fields) - set(PROFILE_FIELDS)
    if unknown:
        raise EditRefused("unknown_field", f"These fields cannot be edited: {sorted(unknown)}")
    _require_customer(replica, customer_id)
    clean = {k: (v.isoformat() if isinstance(v, date) else v) for k, v in fields.items()}
    return submit(replica, "customer.update", customer_id, {"fields": clean}, staff_id=staff_id).id


def add_note(
    replica: Replica,
    customer_id: str,
    body: str,
    *,
    pinned: bool = False,
    staff_id: str | None = None,
) -> str:
    """A new note on the customer; returns the note id."""
    _require_customer(replica, customer_id)
    note_id = new_id()
    submit(
        replica,
        "note.upsert",
        customer_id,
        {"id": note_id, "body": body, "pinned": pinned},
        staff_id=staff_id,
    )
    return note_id


def edit_note(
    replica: Replica,
    customer_id: str,
    note_id: str,
    *,
    body: str | None = None,
    pinned: bool | None = None,
    deleted: bool | None = None,
    staff_id: str | None = None,
) -> str:
    """Change some fields of a note (each field merges last-writer-wins); returns mutation id."""
    payload: dict[str, Any] = {"id": note_id}
    for key, value in (("body", body), ("pinned", pinned), ("deleted", deleted)):
        if value is not None:
            payload[key] = value
    return submit(replica, "note.upsert", customer_id, payload, staff_id=staff_id).id


def upsert_task(
    replica: Replica,
    customer_id: str,
    *,
    task_id: str | None = None,
    kind: str | None = None,
    title: str | None = None,
    details: str | None = None,
    due_at: datetime | None = None,
    status: str | None = None,
    outcome: str | None = None,
    assigned_staff_id: str | None = None,
    staff_id: str | None = None,
) -> str:
    """Create (no ``task_id``) or change a follow-up task; returns the task id."""
    _require_customer(replica, customer_id)
    tid = task_id or new_id()
    payload: dict[str, Any] = {"id": tid}
    if task_id is None:
        payload["kind"] = kind or "follow_up"
    for key, value in (
        ("kind", kind),
        ("title", title),
        ("details", details),
        ("due_at", due_at.isoformat() if due_at else None),
        ("status", status),
        ("outcome", outcome),
        ("assigned_staff_id", assigned_staff_id),
    ):
        if value is not None:
            payload[key] = value
    submit(replica, "task.upsert", customer_id, payload, staff_id=staff_id)
    return tid


def record_consent(
    replica: Replica,
    customer_id: str,
    channel: str,
    granted: bool,
    *,
    purpose: str = "marketing",
    source: str = "store",
    staff_id: str | None = None,
) -> str:
    """Capture or withdraw consent for one channel and purpose (append-only history)."""
    _require_customer(replica, customer_id)
    consent_id = new_id()
    submit(
        replica,
        "consent.record",
        customer_id,
        {
            "id": consent_id,
            "channel": channel,
            "purpose": purpose,
            "granted": granted,
            "source": source,
        },
        staff_id=staff_id,
    )
    return consent_id


def log_interaction(
    replica: Replica,
    customer_id: str,
    kind: str,
    *,
    channel: str = "store",
    summary: str = "",
    score: int | None = None,
    occurred_at: datetime | None = None,
    staff_id: str | None = None,
) -> str:
    """Record a call, visit, chat, message sent...; returns the interaction id."""
    _require_customer(replica, customer_id)
    interaction_id = new_id()
    payload: dict[str, Any] = {
        "id": interaction_id,
        "kind": kind,
        "channel": channel,
        "summary": summary,
    }
    if score is not None:
        payload["score"] = score
    if occurred_at is not None:
        payload["occurred_at"] = occurred_at.isoformat()
    submit(replica, "interaction.log", customer_id, payload, staff_id=staff_id)
    return interaction_id


def redeem_coupon(
    replica: Replica, customer_id: str, coupon_id: str, *, staff_id: str | None = None
) -> str:
    """Redeem a coupon in store; refused at once if this tablet already sees it used."""
    coupon = get_doc(replica.read(), "coupon", coupon_id)
    if coupon is None or coupon.get("customer_id") != customer_id:
        raise EditRefused("unknown_coupon", "This coupon does not belong to this customer.")
    if coupon.get("redeemed_at"):
        raise EditRefused("coupon_already_redeemed", "This coupon has already been used.")
    until = coupon.get("valid_until")
    if until and datetime.fromisoformat(until) < datetime.now(UTC):
        raise EditRefused("coupon_expired", "This coupon has expired.")
    return submit(
        replica, "coupon.redeem", customer_id, {"coupon_id": coupon_id}, staff_id=staff_id
    ).id


def redeem_points(
    replica: Replica,
    customer_id: str,
    points: int,
    *,
    reason: str = "Canje en tienda",
    staff_id: str | None = None,
) -> str:
    """Spend loyalty points; refused at once if the balance seen here is too low."""
    row = (
        replica.read()
        .execute(
            f"SELECT points_balance FROM {table('loyalty_account')} WHERE customer_id = ?",
            (customer_id,),
        )
        .fetchone()
    )
    if row is None:
        raise EditRefused("no_loyalty_account", "This customer has no loyalty account.")
    if points <= 0 or int(row[0]) < points:
        raise EditRefused(
            "insufficient_points", f"Not enough points: the balance is {int(row[0])}.", int(row[0])
        )
    entry_id = new_id()
    submit(
        replica,
        "points.redeem",
        customer_id,
        {"id": entry_id, "points": points, "reason": reason},
        staff_id=staff_id,
    )
    return entry_id


def mark_viewed(replica: Replica, customer_id: str, *, staff_id: str | None = None) -> str:
    """Audit trail: the assistant opened this customer's 360 view."""
    return submit(replica, "customer.viewed", customer_id, {}, staff_id=staff_id).id
