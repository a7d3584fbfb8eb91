"""Identity resolution: attach every record to one golden customer, merging on shared identifiers.

Records sharing a strong identifier (e-mail, phone, card, account, POS id) belong to one person;
the resulting partition is the connected components of that relation, so it does not depend on
the order records arrive in. The survivor of a merge is the oldest record (ties by id), also
independent of order; merges keep what moved so an admin can split them again.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlmodel import Session, col, select

from clienteling.protocol.types import utcnow
from sync_server.domain import loyalty
from sync_server.domain.ids import new_id
from sync_server.domain.models import (
    Cart,
    CartLine,
    Consent,
    Coupon,
    Customer,
    CustomerMerge,
    CustomerMetrics,
    CustomerScope,
    Identity,
    Interaction,
    LoyaltyAccount,
    LoyaltyEntry,
    Note,
    Order,
    OrderLine,
    Recommendation,
    Return,
    Task,
)
from sync_server.domain.normalize import normalize
from sync_server.domain.scope import add_to_scope
from sync_server.errors import Conflict, InvalidInput, NotFound

# Tables whose rows follow their customer through a merge or split.
OWNED_MODELS: tuple[type[Any], ...] = (
    Identity,
    Consent,
    Order,
    OrderLine,
    Return,
    Cart,
    CartLine,
    Interaction,
    LoyaltyEntry,
    Coupon,
    Note,
    Task,
)

PROFILE_FILL_FIELDS = ("first_name", "last_name", "birth_date", "preferred_channel")


@dataclass
class IdentityClaim:
    """What a source record says about a person."""

    identifiers: list[tuple[str, str]]
    first_name: str = ""
    last_name: str = ""
    birth_date: date | None = None
    preferred_language: str | None = None
    source: str = ""
    store_id: str | None = None
    seen_at: datetime | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def normalized_identifiers(pairs: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    seen: dict[tuple[str, str], None] = {}
    for kind, value in pairs:
        if value is None or str(value).strip() == "":
            continue
        seen[(kind, normalize(kind, str(value)))] = None
    return list(seen)


def survivor_of(session: Session, customer_id: str) -> Customer:
    """Follow merge redirects to the live golden record."""
    customer = session.get(Customer, customer_id)
    hops = 0
    while customer is not None and customer.merged_into_id is not None and hops < 50:
        customer = session.get(Customer, customer.merged_into_id)
        hops += 1
    if customer is None:
        raise NotFound(f"customer {customer_id} does not exist", code="customer_not_found")
    return customer


def find_by_identifier(session: Session, kind: str, value: str) -> Customer | None:
    ident = session.exec(
        select(Identity).where(Identity.kind == kind, Identity.value == normalize(kind, value))
    ).first()
    return survivor_of(session, ident.customer_id) if ident else None


def owners_of(session: Session, idents: list[tuple[str, str]]) -> dict[str, Customer]:
    """The live customers owning any of these (normalised) identifiers."""
    owners: dict[str, Customer] = {}
    for kind, value in idents:
        found = session.exec(
            select(Identity).where(Identity.kind == kind, Identity.value == value)
        ).first()
        if found is not None:
            customer = survivor_of(session, found.customer_id)
            owners[customer.id] = customer
    return owners


def _unite(session: Session, candidates: dict[str, Customer], source: str) -> Customer:
    """Merge candidates into the oldest (ties by id): the same survivor whatever the order."""
    ordered = sorted(candidates.values(), key=lambda c: (c.created_at, c.id))
    survivor = ordered[0]
    for other in ordered[1:]:
        merge(session, survivor, other, reason=f"shared identifier ({source})")
    return survivor


def resolve(session: Session, claim: IdentityClaim) -> Customer:
    """The golden record for a claim: found, created, or several merged into one."""
    idents = normalized_identifiers(claim.identifiers)
    if not idents:
        raise InvalidInput(
            "customer: at least one identifier is needed (email, phone, loyalty card, account)",
            detail={"field": "customer"},
        )
    matches = owners_of(session, idents)
    if not matches:
        customer = Customer(
            id=new_id(),
            first_name=claim.first_name or "",
            last_name=claim.last_name or "",
            birth_date=claim.birth_date,
            preferred_language=claim.preferred_language or "es",
            home_store_id=claim.store_id,
            created_at=claim.seen_at or utcnow(),
        )
        session.add(customer)
        session.flush()
        if claim.store_id:
            add_to_scope(session, customer.id, claim.store_id, "home")
    else:
        customer = _unite(session, matches, claim.source)
        _fill_profile(customer, claim)
    _attach_identifiers(session, customer, idents, claim.source)
    return customer


def claim_identifiers(
    session: Session, customer: Customer, identifiers: list[tuple[str, str]], source: str
) -> Customer:
    """Give a new record its identifiers; if others own them, merge and return the survivor."""
    idents = normalized_identifiers(identifiers)
    candidates = owners_of(session, idents)
    candidates[customer.id] = customer
    survivor = _unite(session, candidates, source)
    _attach_identifiers(session, survivor, idents, source)
    return survivor


def _fill_profile(customer: Customer, claim: IdentityClaim) -> None:
    if not customer.first_name and claim.first_name:
        customer.first_name = claim.first_name
    if not customer.last_name and claim.last_name:
        customer.last_name = claim.last_name
    if customer.birth_date is None and claim.birth_date is not None:
        customer.birth_date = claim.birth_date
    if claim.seen_at is not None and claim.seen_at < customer.created_at:
        customer.created_at = claim.seen_at


def _attach_identifiers(
    session: Session, customer: Customer, idents: list[tuple[str, str]], source: str
) -> None:
    existing = {
        (i.kind, i.value)
        for i in session.exec(select(Identity).where(Identity.customer_id == customer.id))
    }
    for kind, value in idents:
        if (kind, value) not in existing:
            session.add(
                Identity(
                    id=new_id(), customer_id=customer.id, kind=kind, value=value, source=source
                )
            )
            if kind == "loyalty_card":
                loyalty.account_for(session, customer.id, card_number=value)
    session.flush()


def add_identifier(
    session: Session, customer: Customer, kind: str, value: str, source: str
) -> None:
    """Add an identifier typed by staff; refuse one that belongs to somebody else."""
    norm = normalize(kind, value)
    owner = session.exec(
        select(Identity).where(Identity.kind == kind, Identity.value == norm)
    ).first()
    if owner is not None and survivor_of(session, owner.customer_id).id != customer.id:
        raise Conflict(
            f"{kind} {norm} already belongs to another customer",
            code="identifier_taken",
            detail={"field": kind, "customer_id": survivor_of(session, owner.customer_id).id},
        )
    if owner is None:
        _attach_identifiers(session, customer, [(kind, norm)], source)


def merge(
    session: Session,
    survivor: Customer,
    merged: Customer,
    *,
    reason: str,
    by_staff_id: str | None = None,
) -> CustomerMerge:
    if survivor.id == merged.id:
        raise InvalidInput("cannot merge a customer into herself")
    if merged.merged_into_id is not None or survivor.merged_into_id is not None:
        raise Conflict("one of the customers was already merged", code="already_merged")
    moved: dict[str, list[str]] = {}
    for model in OWNED_MODELS:
        rows = session.exec(select(model).where(model.customer_id == merged.id)).all()
        if rows:
            moved[model.__entity__] = [r.id for r in rows]
        for row in rows:
            row.customer_id = survivor.id
    for model in (CustomerMetrics, Recommendation, LoyaltyAccount):
        for row in session.exec(select(model).where(model.customer_id == merged.id)).all():
            session.delete(row)
    for name in PROFILE_FILL_FIELDS:
        if getattr(survivor, name) in (None, "") and getattr(merged, name) not in (None, ""):
            setattr(survivor, name, getattr(merged, name))
    survivor.vip = survivor.vip or merged.vip
    if merged.created_at < survivor.created_at:
        survivor.created_at = merged.created_at
    survivor.updated_at = utcnow()
    merged.merged_into_id = survivor.id
    record = CustomerMerge(
        id=new_id(),
        survivor_id=survivor.id,
        merged_id=merged.id,
        reason=reason,
        by_staff_id=by_staff_id,
        moved=moved,
    )
    session.add(record)
    session.flush()
    loyalty.recompute_account(session, survivor.id)
    for scope in session.exec(select(CustomerScope).where(CustomerScope.customer_id == merged.id)):
        add_to_scope(session, survivor.id, scope.store_id, scope.reason)
    session.flush()
    return record


def split(session: Session, merge_id: str, *, by_staff_id: str | None = None) -> Customer:
    """Undo a merge: the merged record comes back with the rows it brought."""
    record = session.get(CustomerMerge, merge_id)
    if record is None:
        raise NotFound(f"merge {merge_id} does not exist")
    if record.undone_at is not None:
        raise Conflict("this merge was already split", code="already_split")
    merged = session.get(Customer, record.merged_id)
    if merged is None:
        raise NotFound("the merged customer no longer exists (erased)")
    for model in OWNED_MODELS:
        ids = record.moved.get(model.__entity__, [])
        if ids:
            for row in session.exec(select(model).where(col(model.id).in_(ids))).all():
                row.customer_id = merged.id
    merged.merged_into_id = None
    merged.updated_at = utcnow()
    record.undone_at = utcnow()
    session.flush()
    loyalty.recompute_account(session, merged.id)
    loyalty.recompute_account(session, record.survivor_id)
    scopes = session.exec(
        select(CustomerScope).where(CustomerScope.customer_id == record.survivor_id)
    ).all()
    for scope in scopes:
        add_to_scope(session, merged.id, scope.store_id, scope.reason)
    session.flush()
    return merged


def profile_of(customer: Customer) -> Mapping[str, Any]:
    return {name: getattr(customer, name) for name in PROFILE_FILL_FIELDS}
