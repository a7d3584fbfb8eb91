"""Push: apply a device's queued mutations exactly once, with per-kind conflict rules.

Each mutation runs in its own transaction together with the record of its outcome, so a retry
(same device, same mutation id) gets the stored outcome and changes nothing; two copies racing
on two server processes collide on that record's key and the loser is retried into the stored
answer. A mutation that can never apply is *rejected* and still recorded, so the device's queue
moves on.

The server decides, the device asks: the customer a mutation names must be in the device's
store bucket, and every row it touches must belong to that customer (the owner comes from the
stored row, never from the payload); clock stamps may not run ahead of the server's time by more
than ``max_clock_skew_seconds``. Every mutation locks its customer's row first, so two tablets
redeeming one coupon or spending the same points are applied one after the other.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

from pydantic import ValidationError
from sqlalchemy import Engine
from sqlmodel import Session

from clienteling.protocol import mutations as m
from clienteling.protocol.hlc import is_valid_stamp, parse_stamp
from clienteling.protocol.messages import LostField, Mutation, MutationOutcome
from clienteling.protocol.rows import CHANNELS_CONTACT
from clienteling.protocol.types import as_utc, utcnow
from sync_server.db import read_session, run_write
from sync_server.domain import lookups, loyalty
from sync_server.domain.audit import audit
from sync_server.domain.identity import (
    add_identifier,
    claim_identifiers,
    normalized_identifiers,
    owners_of,
    survivor_of,
)
from sync_server.domain.models import (
    AppliedMutation,
    Consent,
    Coupon,
    Customer,
    Device,
    Interaction,
    LoyaltyEntry,
    Note,
    Staff,
    Store,
    Task,
)
from sync_server.domain.scope import add_to_scope, in_scope
from sync_server.domain.sessions import AuthorRefused, author_of
from sync_server.errors import DomainError, InvalidInput
from sync_server.settings import Settings
from sync_server.sync.changelog import lock_customers


class Rejected(DomainError):
    """A mutation that can never apply; the device is told why."""

    status_code = 409


class _Ctx:
    def __init__(
        self, session: Session, device: Device, mutation: Mutation, settings: Settings
    ) -> None:
        self.session = session
        self.device = device
        self.mutation = mutation
        self.settings = settings
        self.staff_id = self._author()
        self.lost: list[LostField] = []
        self._customer: Customer | None = None

    def _author(self) -> str:
        """Who made the edit: the staff member signed in on *this* tablet under that session."""
        try:
            return author_of(
                self.session,
                self.device,
                self.mutation.session_id,
                _when(self),
                offline=timedelta(days=self.settings.offline_signin_days),
            )
        except AuthorRefused as exc:
            raise Rejected(exc.message, code=exc.code) from None

    def customer(self) -> Customer:
        """The customer the mutation names, in this store's bucket, locked for this edit."""
        if self._customer is not None:
            return self._customer
        if not self.mutation.customer_id:
            raise Rejected("this edit names no customer", code="customer_required")
        try:
            customer = survivor_of(self.session, self.mutation.customer_id)
            lock_customers(self.session.connection(), [customer.id], exclusive=True)
            self.session.refresh(customer)
            customer = survivor_of(self.session, customer.id)
        except DomainError:
            raise Rejected(
                "this customer no longer exists (erased or never synced)",
                code="customer_not_found",
            ) from None
        if not in_scope(self.session, customer.id, self.device.store_id):
            raise Rejected("this customer is outside this store's scope", code="out_of_scope")
        self._customer = customer
        return customer

    def owned(self, row: Any, what: str) -> None:
        """A row the mutation touches must belong to the customer it names."""
        owner = survivor_of(self.session, row.customer_id).id if row.customer_id else None
        if owner != self.customer().id:
            raise Rejected(f"this {what} belongs to another customer", code="not_this_customers")

    def lww(self, row: Any, field: str, value: Any) -> bool:
        """Per-field last-writer-wins by clock stamp; a lost field is reported, not hidden."""
        stamps: dict[str, str] = dict(row.field_stamps)
        authors: dict[str, str] = dict(row.field_authors)
        stamp = self.mutation.hlc
        current = stamps.get(field)
        if current is not None and current >= stamp:
            self.lost.append(self._lost(row, field, current, authors.get(field)))
            return False
        setattr(row, field, value)
        stamps[field] = stamp
        if self.staff_id is not None:
            authors[field] = self.staff_id
        else:
            authors.pop(field, None)
        row.field_stamps = stamps
        row.field_authors = authors
        return True

    def _lost(self, row: Any, field: str, stamp: str, by: str | None) -> LostField:
        staff = self.session.get(Staff, by) if by else None
        ms = parse_stamp(stamp)[0]
        return LostField.model_validate(
            {
                "field": field,
                "value": getattr(row, field),
                "by_staff_id": by,
                "by_name": staff.display_name if staff else None,
                "at": datetime.fromtimestamp(ms / 1000, tz=UTC),
            }
        )


def _payload(model: type[m._Payload], mutation: Mutation) -> Any:
    try:
        return model.model_validate(mutation.payload)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "payload"
        raise Rejected(f"{where}: {first['msg']}", code="invalid_payload") from None


def _customer_create(ctx: _Ctx) -> dict[str, Any]:
    """A customer new to this store; if she is known elsewhere she is linked, not moved.

    Her e-mail or phone may belong to a customer of another store: the new record is merged
    into that one, whose home store stays, and this store receives her as a look-up (limited
    and audited like one) — typing someone's e-mail is not a way to take her record.
    """
    p: m.CustomerCreate = _payload(m.CustomerCreate, ctx.mutation)
    existing = ctx.session.get(Customer, p.id)
    if existing is not None:
        survivor = survivor_of(ctx.session, p.id)
        if not in_scope(ctx.session, survivor.id, ctx.device.store_id):
            raise Rejected("this customer id is already taken", code="id_taken")
        return {"customer_id": survivor.id}
    idents = [(k, v) for k, v in (("email", p.email), ("phone", p.phone)) if v]
    try:
        known = owners_of(ctx.session, normalized_identifiers(idents))
    except InvalidInput as exc:
        raise Rejected(exc.message, code="invalid_payload") from None
    elsewhere = [c for c in known.values() if not in_scope(ctx.session, c.id, ctx.device.store_id)]
    if elsewhere:
        refused = lookups.refusal(
            ctx.session,
            ctx.settings,
            device_id=ctx.device.id,
            store_id=ctx.device.store_id,
            staff_id=ctx.staff_id,
        )
        if refused is not None:
            raise Rejected(
                "Her e-mail or phone belongs to a customer of another store, and this tablet "
                "reached its look-up limit: " + refused.message,
                code="lookup_limit",
            )
    customer = Customer(
        id=p.id,
        first_name=p.first_name,
        last_name=p.last_name,
        birth_date=p.birth_date,
        preferred_language=p.preferred_language,
        preferred_channel=p.preferred_channel,
        home_store_id=None if known else ctx.device.store_id,
        created_at=utcnow(),
    )
    ctx.session.add(customer)
    ctx.session.flush()
    try:
        survivor = claim_identifiers(ctx.session, customer, idents, "store")
    except InvalidInput as exc:
        raise Rejected(exc.message, code="invalid_payload") from None
    if survivor.id == customer.id:
        customer.home_store_id = ctx.device.store_id
        add_to_scope(ctx.session, customer.id, ctx.device.store_id, "home")
    elif not in_scope(ctx.session, survivor.id, ctx.device.store_id):
        lookups.record(
            ctx.session,
            found=survivor.id,
            device_id=ctx.device.id,
            store_id=ctx.device.store_id,
            staff_id=ctx.staff_id,
            purpose="in_store",
            kind="new customer form",
        )
        add_to_scope(ctx.session, survivor.id, ctx.device.store_id, "lookup")
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
        if ctx.lww(customer, name, value):
            applied.append(name)
    if applied:
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
            created_at=_when(ctx),
        )
        ctx.session.add(note)
    else:
        ctx.owned(note, "note")
    applied = [
        name
        for name in ("body", "pinned", "deleted")
        if getattr(p, name) is not None and ctx.lww(note, name, getattr(p, name))
    ]
    if applied:
        note.updated_at = utcnow()
    return {"applied_fields": applied}


def _task_upsert(ctx: _Ctx) -> dict[str, Any]:
    p: m.TaskUpsert = _payload(m.TaskUpsert, ctx.mutation)
    customer = ctx.customer()
    if p.assigned_staff_id is not None:
        assignee = ctx.session.get(Staff, p.assigned_staff_id)
        if assignee is None or not assignee.active:
            raise Rejected("assigned_staff_id: no such staff member", code="invalid_payload")
        if assignee.store_id not in (None, ctx.device.store_id):
            raise Rejected(
                "a task can only be given to staff of this store", code="invalid_payload"
            )
    task = ctx.session.get(Task, p.id)
    if task is None:
        task = Task(
            id=p.id,
            customer_id=customer.id,
            created_by_staff_id=ctx.staff_id,
            assigned_staff_id=ctx.staff_id,
            created_at=_when(ctx),
        )
        ctx.session.add(task)
    else:
        ctx.owned(task, "task")
    applied = []
    for name in ("kind", "title", "details", "due_at", "status", "outcome", "assigned_staff_id"):
        value = getattr(p, name)
        if value is None:
            continue
        if name == "due_at":
            value = as_utc(value)
        if ctx.lww(task, name, value):
            applied.append(name)
    if applied:
        task.updated_at = utcnow()
    return {"applied_fields": applied}


def _when(ctx: _Ctx, value: datetime | None = None) -> datetime:
    """The moment the edit was made on the tablet, never in the server's future."""
    at = as_utc(value or ctx.mutation.created_at)
    return min(at, utcnow())


def _consent_record(ctx: _Ctx) -> dict[str, Any]:
    p: m.ConsentRecord = _payload(m.ConsentRecord, ctx.mutation)
    customer = ctx.customer()
    existing = ctx.session.get(Consent, p.id)
    if existing is not None:
        ctx.owned(existing, "consent record")
    else:
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
    existing = ctx.session.get(Interaction, p.id)
    if existing is not None:
        ctx.owned(existing, "interaction")
    else:
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
    existing = ctx.session.get(LoyaltyEntry, p.id)
    if existing is not None:
        ctx.owned(existing, "points entry")
        return {"points_balance": loyalty.account_for(ctx.session, customer.id).points_balance}
    account = loyalty.account_for(ctx.session, customer.id, lock=True)
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
    """Audit only: who opened her record, and when on the tablet (not when it synced)."""
    p: m.CustomerViewed = _payload(m.CustomerViewed, ctx.mutation)
    customer = ctx.customer()
    audit(
        ctx.session,
        "customer.viewed",
        staff_id=ctx.staff_id,
        device_id=ctx.device.id,
        store_id=ctx.device.store_id,
        customer_id=customer.id,
        detail=p.view,
        at=_when(ctx),
    )
    return {"audited": True}


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


def _stamp_refusal(mutation: Mutation, settings: Settings) -> str | None:
    if not is_valid_stamp(mutation.hlc):
        return "hlc: not a valid clock stamp"
    ahead_ms = parse_stamp(mutation.hlc)[0] - int(utcnow().timestamp() * 1000)
    if ahead_ms > settings.max_clock_skew_seconds * 1000:
        minutes = round(ahead_ms / 60_000)
        return (
            f"This tablet's clock is {minutes} minutes ahead of the server's: the edit was not "
            "saved. Set the tablet's date and time correctly, then make the edit again."
        )
    return None


def _apply(
    session: Session, device: Device, mutation: Mutation, settings: Settings
) -> MutationOutcome:
    stored = _stored(session, device.id, mutation.id)
    if stored is not None:
        return stored
    refusal = _stamp_refusal(mutation, settings)
    if refusal is not None:
        outcome = MutationOutcome(
            mutation_id=mutation.id,
            status="rejected",
            code="invalid_payload" if refusal.startswith("hlc:") else "clock_ahead",
            reason=refusal,
            customer_id=mutation.customer_id,
        )
    else:
        savepoint = session.begin_nested()
        try:
            ctx = _Ctx(session, device, mutation, settings)
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
                lost=ctx.lost,
            )
            if mutation.kind != "customer.viewed":
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


def apply_one(
    engine: Engine, device: Device, mutation: Mutation, settings: Settings
) -> MutationOutcome:
    with read_session(engine) as session:
        stored = _stored(session, device.id, mutation.id)
    if stored is not None:
        return stored
    return run_write(engine, lambda session: _apply(session, device, mutation, settings))


def apply_batch(
    engine: Engine, device: Device, batch: list[Mutation], settings: Settings
) -> list[MutationOutcome]:
    return [apply_one(engine, device, mutation, settings) for mutation in batch]
