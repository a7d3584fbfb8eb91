"""What each kind of mutation does to the local rows, before the server has seen it.

The same function serves a fresh edit and a rebase (replaying the still-queued edits of a
customer over the rows a pull just brought), so what the assistant sees after a sync is always
"server state + my unsent edits", never a stale copy.
"""

from __future__ import annotations

import sqlite3
import uuid
from datetime import date, datetime
from typing import Any

import phonenumbers

from clienteling.protocol import rows as wire
from clienteling.protocol.messages import Mutation
from clienteling.protocol.mutations import PAYLOAD_MODELS
from clienteling.replica import outbox, signins
from clienteling.replica.rows import get_doc, mark_dirty, put_local
from clienteling.replica.schema import CUSTOMER_ENTITIES, table
from clienteling.replica.store import get_meta


def normalise_email(value: str) -> str:
    return value.strip().lower()


def normalise_phone(value: str, region: str = "ES") -> str:
    """E.164 when the number parses, else its digits: the form identities are stored in."""
    try:
        parsed = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException:
        return "".join(ch for ch in value if ch.isdigit())
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def _json_value(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _stamp(ts: datetime) -> str:
    return wire.CustomerBase(id="x", first_name="x", created_at=ts).model_dump(mode="json")[
        "created_at"
    ]


def _local_identity(
    conn: sqlite3.Connection, mutation: Mutation, kind: str, value: str, now: str
) -> None:
    customer_id = mutation.customer_id or ""
    doc = wire.IdentityBase(
        id=str(uuid.uuid5(uuid.NAMESPACE_URL, f"local:{mutation.id}:{kind}")),
        customer_id=customer_id,
        kind=kind,
        value=normalise_email(value) if kind == "email" else normalise_phone(value),
        source="store",
        created_at=datetime.fromisoformat(now),
    ).model_dump(mode="json")
    put_local(conn, "identity", doc)


def apply_mutation(
    conn: sqlite3.Connection, mutation: Mutation, staff_id: str | None = None
) -> None:
    """Apply one mutation's effect to the local rows as a pending overlay.

    The author shown is ``staff_id`` when the edit is made, and the one whose sign-in the
    mutation names when it is replayed.
    """
    payload = PAYLOAD_MODELS[mutation.kind].model_validate(mutation.payload)
    data = payload.model_dump(exclude_unset=True)
    customer_id = mutation.customer_id or ""
    store_id = get_meta(conn, "store_id")
    staff_id = staff_id or signins.staff_of(conn, mutation.session_id)
    now = _stamp(mutation.created_at)
    kind = mutation.kind
    if kind == "customer.create":
        doc = wire.CustomerBase(
            id=data["id"],
            first_name=data["first_name"],
            last_name=data.get("last_name", ""),
            birth_date=data.get("birth_date"),
            home_store_id=store_id,
            preferred_channel=data.get("preferred_channel"),
            preferred_language=data.get("preferred_language", "es"),
            created_at=mutation.created_at,
            updated_at=mutation.created_at,
        ).model_dump(mode="json")
        put_local(conn, "customer", doc)
        for ident in ("email", "phone"):
            if data.get(ident):
                _local_identity(conn, mutation, ident, data[ident], now)
    elif kind == "customer.update":
        current = get_doc(conn, "customer", customer_id)
        if current is None:
            return
        for name, value in data["fields"].items():
            if name in ("email", "phone"):
                if value:
                    _local_identity(conn, mutation, name, str(value), now)
            elif name in current:
                current[name] = _json_value(value)
        current["updated_at"] = now
        put_local(conn, "customer", current)
    elif kind in ("note.upsert", "task.upsert"):
        entity = "note" if kind == "note.upsert" else "task"
        current = get_doc(conn, entity, data["id"])
        if current is None:
            base: dict[str, Any] = {
                "id": data["id"],
                "customer_id": customer_id,
                "created_at": mutation.created_at,
                "updated_at": mutation.created_at,
            }
            if entity == "note":
                current = wire.NoteBase(**base, author_staff_id=staff_id).model_dump(mode="json")
            else:
                current = wire.TaskBase(
                    **base,
                    created_by_staff_id=staff_id,
                    assigned_staff_id=data.get("assigned_staff_id", staff_id),
                ).model_dump(mode="json")
        for name, value in data.items():
            if name != "id" and value is not None:
                current[name] = _json_value(value)
        if entity == "task" and "due_at" in data:
            current["due_at"] = _json_value(data["due_at"])
        current["updated_at"] = now
        put_local(conn, entity, current)
    elif kind == "consent.record":
        doc = wire.ConsentBase(
            id=data["id"],
            customer_id=customer_id,
            channel=data["channel"],
            purpose=data.get("purpose", "marketing"),
            granted=data["granted"],
            source=data.get("source", "store"),
            staff_id=staff_id,
            store_id=store_id,
            recorded_at=mutation.created_at,
        ).model_dump(mode="json")
        put_local(conn, "consent", doc)
    elif kind == "interaction.log":
        doc = wire.InteractionBase(
            id=data["id"],
            customer_id=customer_id,
            kind=data["kind"],
            channel=data.get("channel", "store"),
            occurred_at=data.get("occurred_at") or mutation.created_at,
            store_id=store_id,
            staff_id=staff_id,
            summary=data.get("summary", ""),
            score=data.get("score"),
        ).model_dump(mode="json")
        put_local(conn, "interaction", doc)
    elif kind == "coupon.redeem":
        current = get_doc(conn, "coupon", data["coupon_id"])
        if current is None or current.get("redeemed_at"):
            return
        current.update(
            redeemed_at=now,
            redeemed_store_id=store_id,
            redeemed_by_staff_id=staff_id,
            redeemed_channel="store",
        )
        put_local(conn, "coupon", current)
    elif kind == "points.redeem":
        doc = wire.LoyaltyEntryBase(
            id=data["id"],
            customer_id=customer_id,
            points=-int(data["points"]),
            reason=data.get("reason", "Canje en tienda"),
            store_id=store_id,
            staff_id=staff_id,
            occurred_at=mutation.created_at,
        ).model_dump(mode="json")
        already_on_server = conn.execute(
            f"SELECT 1 FROM {table('loyalty_entry')} WHERE id = ? AND wire IS NOT NULL",
            (data["id"],),
        ).fetchone()
        put_local(conn, "loyalty_entry", doc)
        account = _loyalty_account(conn, customer_id)
        if account is not None and already_on_server is None:
            account["points_balance"] = int(account["points_balance"]) - int(data["points"])
            account["updated_at"] = now
            put_local(conn, "loyalty_account", account)
    if customer_id:
        mark_dirty(conn, customer_id)


def _loyalty_account(conn: sqlite3.Connection, customer_id: str) -> dict[str, Any] | None:
    row = conn.execute(
        f"SELECT id FROM {table('loyalty_account')} WHERE customer_id = ?", (customer_id,)
    ).fetchone()
    return None if row is None else get_doc(conn, "loyalty_account", row[0])


def rebase(conn: sqlite3.Connection, customer_ids: set[str]) -> None:
    """Drop the overlays of these customers and replay their still-queued mutations."""
    for customer_id in customer_ids:
        for entity in CUSTOMER_ENTITIES:
            t = table(entity)
            conn.execute(f"DELETE FROM {t} WHERE customer_id = ? AND wire IS NULL", (customer_id,))
            conn.execute(
                f"UPDATE {t} SET local = NULL WHERE customer_id = ? AND local IS NOT NULL",
                (customer_id,),
            )
        queued = outbox.for_customer(conn, customer_id)
        conn.execute("DELETE FROM dirty_customer WHERE customer_id = ?", (customer_id,))
        for mutation in queued:
            apply_mutation(conn, mutation)


def dirty_customers(conn: sqlite3.Connection) -> set[str]:
    return {r[0] for r in conn.execute("SELECT customer_id FROM dirty_customer")}
