"""Push: apply a device's queued mutations exactly once, with per-kind conflict rules.

Each mutation runs in its own serialised transaction together with the record of its outcome,
so a retry (same device, same mutation id) gets the stored outcome and changes nothing. A
mutation that can never apply is *rejected* and still recorded, so the device's queue moves on.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from pydantic import ValidationError
from sqlalchemy import Engine
from sqlmodel import Session

from clienteling.protocol import mutations as m
from clienteling.protocol.hlc import is_valid_stamp
from clienteling.protocol.messages import Mutation, MutationOutcome
from clienteling.protocol.rows import CHANNELS_CONTACT
from clienteling.protocol.types import as_utc, utcnow
from sync_server.db import read_session, write_session
from sync_server.domain import loyalty
from sync_server.domain.audit import audit
from sync_server.domain.identity import add_identifier, claim_identifiers, survivor_of
from sync_server.domain.models import (
    AppliedMutation,
    Consent,
    Coupon,
    Customer,
    Device,
    Interaction,
    Note,
    Staff,
    Store,
    Task,
)
from sync_server.domain.scope import add_to_scope, in_scope
from sync_server.errors import DomainError, InvalidInput


class Rejected(DomainError):
    """A mutation that can never apply; the device is told why."""

    status_code = 409


class _Ctx:
    def __init__(self, session: Session, device: Device, mutation: Mutation) -> None:
        self.session = session
        self.device = device
        self.mutation = mutation
        self.staff_id = self._staff(mutation.staff_id)

    def _staff(self, staff_id: str | None) -> str | None:
        if staff_id is None:
            return None
        return staff_id if self.session.get(Staff, staff_id) is not None else None

    def customer(self) -> Customer:
        if not self.mutation.customer_id:
            raise Rejected("this edit names no customer", code="customer_required")
        try:
            customer = survivor_of(self.session, self.mutation.customer_id)
        except DomainError:
            raise Rejected(
                "this customer no longer exists (erased or never synced)",
                code="customer_not_found",
            ) from None
        if not in_scope(self.session, customer.id, self.device.store_id):
            raise Rejected("this customer is outside this store's scope", code="out_of_scope")
        return customer


def _lww(row: Any, stamps: dict[str, str], field: str, value: Any, stamp: str) -> bool:
    """Per-field last-writer-wins by HLC stamp; returns True when the field took the value."""
    current = stamps.get(field)
    if current is not None and current >= stamp:
        return False
    setattr(row, field, value)
    stamps[field] = stamp
    return True


def _payload(model: type[m._Payload], mutation: Mutation) -> Any:
    try:
        return model.model_validate(mutation.payload)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "payload"
        raise Rejected(f"{where}: {first['msg']}", code="invalid_payload") from None


def _customer_create(ctx: _Ctx) -> dict[str, Any]:
    p: m.CustomerCreate = _payload(m.CustomerCreate, ctx.mutation)
    existing = ctx.session.get(Customer, p.id)
    if existing is not None:
        return {"customer_id": survivor_of(ctx.session, p.id).id}
    customer = Customer(
        id=p.id,
        first_name=p.first_name,
        last_name=p.last_name,
        birth_date=p.birth_date,
        preferred_language=p.preferred_language,
        preferred_channel=p.preferred_channel,
        home_store_id=ctx.device.store_id,
        created_at=utcnow(),
    )
    ctx.session.add(customer)
    ctx.session.flush()
    add_to_scope(ctx.session, customer.id, ctx.device.store_id, "home")
    idents = [(k, v) for k, v in (("email", p.email), ("phone", p.phone)) if v]
    try:
        survivor = claim_identifiers(ctx.session, customer, idents, "store")
    except InvalidInput as exc:
        raise Rejected(exc.message, code="invalid_payload") from None
    loyalty.account_for(ctx.session, survivor.id)
    return {"customer_id": survivor.id, "merged": survivor.id != customer.id}


def _parse_field(name: str, value: Any) -> Any:
    if name == "birth_date":
        return date.fromisoformat(value) if value else None
    if name == "preferred_channel":
        if value is not None and value not in CHANNELS_CONTACT:
            raise ValueError(f"unknown channel '{value}'")
        return value
    if name == "preferred_language":
        if value not in ("es", "en"):
            raise ValueError("language must be 'es' or 'en'")
        return value
    if name == "sizes":
        if not isinstance(value, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in value.items()
        ):
            raise ValueError("sizes must map garment to size")
        return value
    if not isinstance(value, str):
        raise ValueError("must be text")
    return value


def _customer_update(ctx: _Ctx) -> dict[str, Any]:
    p: m.CustomerUpdate = _payload(m.CustomerUpdate, ctx.mutation)
    customer = ctx.customer()
    stamps = dict(customer.field_stamps)
    applied: list[str] = []
    for name, raw in p.fields.items():
        if name not in m.PROFILE_FIELDS:
            raise Rejected(f"fields.{name}: cannot be edited", code="invalid_payload")
        try:
            value = _parse_field(name, raw)
        except (ValueError, TypeError) as exc:
            raise Rejected(f"fields.{name}: {exc}", code="invalid_payload") from None
        if name in ("email", "phone"):
            if value:
                try:
                    add_identifier(ctx.session, customer, name, value, "store")
                except DomainError as exc:
                    raise Rejected(exc.message, code=exc.code) from None
                applied.append(name)
            continue
        if _lww(customer, stamps, name, value, ctx.mutation.hlc):
            applied.append(name)
    customer.field_stamps = stamps
    customer.updated_at = utcnow()
    return {"applied_fields": applied}


def _note_upsert(ctx: _Ctx) -> dict[str, Any]:
    p: m.NoteUpsert = _payload(m.NoteUpsert, ctx.mutation)
    customer = ctx.customer()
    note = ctx.session.get(Note, p.id)
    if note is None:
        note = Note(
            id=p.id,
            customer_id=customer.id,
            author_staff_id=ctx.staff_id,
            created_at=as_utc(ctx.mutation.created_at),
        )
        ctx.session.add(note)
    stamps = dict(note.field_stamps)
    applied = [
        name
        for name in ("body", "pinned", "deleted")
        if getattr(p, name) is not None
        and _lww(note, stamps, name, getattr(p, name), ctx.mutation.hlc)
    ]
    note.field_stamps = stamps
    note.updated_at = utcnow()
    return {"applied_fields": applied}


def _task_upsert(ctx: _Ctx) -> dict[str, Any]:
    p: m.TaskUpsert = _payload(m.TaskUpsert, ctx.mutation)
    customer = ctx.customer()
    if p.assigned_staff_id is not None and ctx.session.get(Staff, p.assigned_staff_id) is None:
        raise Rejected("assigned_staff_id: no such staff member", code="invalid_payload")
    task = ctx.session.get(Task, p.id)
    if task is None:
        task = Task(
            id=p.id,
            customer_id=customer.id,
            created_by_staff_id=ctx.staff_id,
            assigned_staff_id=ctx.staff_id,
            created_at=as_utc(ctx.mutation.created_at),
        )
        ctx.session.add(task)
    stamps = dict(task.field_stamps)
    applied = []
    for name in ("kind", "title", "details", "due_at", "status", "outcome", "assigned_staff_id"):
        value = getattr(p, name)
        if value is None:
            continue
        if name == "due_at":
            value = as_utc(value)
        if _lww(task, stamps, name, value, ctx.mutation.hlc):
            applied.append(name)
    task.field_stamps = stamps
    task.updated_at = utcnow()
    return {"applied_fields": applied}


def _when(ctx: _Ctx, value: datetime | None = None) -> datetime:
    """The moment the edit was made on the tablet, never in the server's future."""
    at = as_utc(value or ctx.mutation.created_at)
    return min(at, utcnow())


def _consent_record(ctx: _Ctx) -> dict[str, Any]:
    p: m.ConsentRecord = _payload(m.ConsentRecord, ctx.mutation)
    customer = ctx.customer()
    if ctx.session.get(Consent, p.id) is None:
        ctx.session.add(
            Consent(
                id=p.id,
                customer_id=customer.id,
                channel=p.channel,
                purpose=p.purpose,
                granted=p.granted,
                source=p.source,
                staff_id=ctx.staff_id,
                store_id=ctx.device.store_id,
                recorded_at=_when(ctx),
            )
        )
    return {}


def _interaction_log(ctx: _Ctx) -> dict[str, Any]:
    p: m.InteractionLog = _payload(m.InteractionLog, ctx.mutation)
    customer = ctx.customer()
    if ctx.session.get(Interaction, p.id) is None:
        ctx.session.add(
            Interaction(
                id=p.id,
                customer_id=customer.id,
                kind=p.kind,
                channel=p.channel,
                occurred_at=_when(ctx, p.occurred_at),
                store_id=ctx.device.store_id,
                staff_id=ctx.staff_id,
                summary=p.summary,
                score=p.score,
            )
        )
    return {}


def _coupon_redeem(ctx: _Ctx) -> dict[str, Any]:
    p: m.CouponRedeem = _payload(m.CouponRedeem, ctx.mutation)
    customer = ctx.customer()
    coupon = ctx.session.get(Coupon, p.coupon_id)
    if coupon is None or survivor_of(ctx.session, coupon.customer_id).id != customer.id:
        raise Rejected("this coupon does not belong to this customer", code="coupon_not_found")
    if coupon.redeemed_at is not None:
        store = ctx.session.get(Store, coupon.redeemed_store_id or "")
        where = f" in {store.name}" if store else f" ({coupon.redeemed_channel or 'online'})"
        raise Rejected(
            f"Coupon {coupon.code} was already redeemed on "
            f"{coupon.redeemed_at:%Y-%m-%d %H:%M} UTC{where}.",
            code="coupon_already_redeemed",
        )
    at = _when(ctx)
    if coupon.valid_until is not None and at > coupon.valid_until:
        raise Rejected(
            f"Coupon {coupon.code} expired on {coupon.valid_until:%Y-%m-%d}.", code="coupon_expired"
        )
    coupon.redeemed_at = at
    coupon.redeemed_store_id = ctx.device.store_id
    coupon.redeemed_by_staff_id = ctx.staff_id
    coupon.redeemed_channel = "store"
    return {"code": coupon.code}


def _points_redeem(ctx: _Ctx) -> dict[str, Any]:
    p: m.PointsRedeem = _payload(m.PointsRedeem, ctx.mutation)
    customer = ctx.customer()
    account = loyalty.account_for(ctx.session, customer.id)
    if account.points_balance < p.points:
        raise Rejected(
            f"Not enough points: {account.points_balance} available, {p.points} asked.",
            code="insufficient_points",
        )
    loyalty.add_points(
        ctx.session,
        customer.id,
        -p.points,
        p.reason,
        entry_id=p.id,
        store_id=ctx.device.store_id,
        staff_id=ctx.staff_id,
        at=_when(ctx),
    )
    return {"points_balance": account.points_balance}


def _customer_viewed(ctx: _Ctx) -> dict[str, Any]:
    _payload(m.CustomerViewed, ctx.mutation)
    ctx.customer()
    return {}


HANDLERS: dict[str, Callable[[_Ctx], dict[str, Any]]] = {
    "customer.create": _customer_create,
    "customer.update": _customer_update,
    "customer.viewed": _customer_viewed,
    "note.upsert": _note_upsert,
    "task.upsert": _task_upsert,
    "consent.record": _consent_record,
    "interaction.log": _interaction_log,
    "coupon.redeem": _coupon_redeem,
    "points.redeem": _points_redeem,
}


def _stored(session: Session, device_id: str, mutation_id: str) -> MutationOutcome | None:
    row = session.get(AppliedMutation, (device_id, mutation_id))
    return MutationOutcome.model_validate(row.outcome) if row is not None else None


def apply_one(engine: Engine, device: Device, mutation: Mutation) -> MutationOutcome:
    with read_session(engine) as session:
        stored = _stored(session, device.id, mutation.id)
    if stored is not None:
        return stored
    with write_session(engine) as session:
        stored = _stored(session, device.id, mutation.id)
        if stored is not None:
            return stored
        if not is_valid_stamp(mutation.hlc):
            outcome = MutationOutcome(
                mutation_id=mutation.id,
                status="rejected",
                code="invalid_payload",
                reason="hlc: not a valid clock stamp",
            )
        else:
            savepoint = session.begin_nested()
            try:
                ctx = _Ctx(session, device, mutation)
                result = HANDLERS[mutation.kind](ctx)
                session.flush()
                savepoint.commit()
                customer_id = result.get("customer_id") or (
                    survivor_of(session, mutation.customer_id).id if mutation.customer_id else None
                )
                outcome = MutationOutcome(
                    mutation_id=mutation.id,
                    status="applied",
                    customer_id=customer_id,
                    result=result,
                )
                audit(
                    session,
                    mutation.kind,
                    staff_id=ctx.staff_id,
                    device_id=device.id,
                    store_id=device.store_id,
                    customer_id=customer_id,
                )
            except Rejected as exc:
                savepoint.rollback()
                outcome = MutationOutcome(
                    mutation_id=mutation.id,
                    status="rejected",
                    code=exc.code,
                    reason=exc.message,
                    customer_id=mutation.customer_id,
                )
        session.add(
            AppliedMutation(
                device_id=device.id,
                mutation_id=mutation.id,
                kind=mutation.kind,
                status=outcome.status,
                outcome=outcome.model_dump(mode="json"),
            )
        )
    return outcome


def apply_batch(engine: Engine, device: Device, batch: list[Mutation]) -> list[MutationOutcome]:
    return [apply_one(engine, device, mutation) for mutation in batch]
