"""Staff endpoints on customers: search, read (audited), merge/split, GDPR export and erasure."""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field
from sqlalchemy import func, or_
from sqlmodel import Session, col, select

from clienteling.protocol.messages import Change, CustomerBundle
from sync_server.api.deps import AdminDep, EngineDep, ManagerDep, SessionDep, StaffDep, StaffUser
from sync_server.db import write_session
from sync_server.domain import identity
from sync_server.domain.audit import audit
from sync_server.domain.erasure import erase_customer, export_customer
from sync_server.domain.models import AuditLog, Customer, CustomerMerge, CustomerScope, Identity
from sync_server.domain.scope import in_scope, is_own_customer
from sync_server.errors import Forbidden
from sync_server.sync.changelog import customer_rows

router = APIRouter(prefix="/customers", tags=["customers"])


def _check_scope(session: Session, staff: StaffUser, customer_id: str) -> None:
    if staff.role == "admin":
        return
    if staff.store_id is None or not in_scope(session, customer_id, staff.store_id):
        raise Forbidden("This customer is outside your store's scope.", code="out_of_scope")


def _check_rights(session: Session, staff: StaffUser, customer: Customer) -> None:
    """Exporting or erasing her record is for her home store (or an admin), see scope.py.

    A customer with no home store (she only ever bought online) belongs to the stores where
    she bought or that look after her; a look-up never gives a store these rights.
    """
    if staff.role == "admin":
        return
    store = staff.store_id
    if customer.home_store_id is not None:
        allowed = customer.home_store_id == store
    else:
        allowed = store is not None and is_own_customer(session, customer.id, store)
    if not allowed:
        raise Forbidden(
            "Only her home store (or an admin) can export or erase her record; ask her home store.",
            code="not_home_store",
        )


class CustomerHit(BaseModel):
    id: str
    first_name: str
    last_name: str
    home_store_id: str | None


@router.get("", response_model=list[CustomerHit])
def search(
    staff: StaffDep,
    engine: EngineDep,
    q: Annotated[str, Query(min_length=2, max_length=100)],
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> list[CustomerHit]:
    with write_session(engine) as session:
        like = f"%{q.lower()}%"
        ids = (
            select(Customer.id)
            .outerjoin(Identity, col(Identity.customer_id) == col(Customer.id))
            .where(
                col(Customer.merged_into_id).is_(None),
                or_(
                    func.lower(Customer.first_name + " " + Customer.last_name).like(like),
                    col(Identity.value).like(like),
                ),
            )
        )
        if staff.role != "admin":
            ids = ids.join(CustomerScope, col(CustomerScope.customer_id) == col(Customer.id)).where(
                CustomerScope.store_id == staff.store_id
            )
        query = (
            select(Customer)
            .where(col(Customer.id).in_(ids.distinct()))
            .order_by(Customer.last_name, Customer.first_name)
            .limit(limit)
        )
        hits = [
            CustomerHit(
                id=c.id,
                first_name=c.first_name,
                last_name=c.last_name,
                home_store_id=c.home_store_id,
            )
            for c in session.exec(query)
        ]
        audit(
            session,
            "search",
            staff_id=staff.id,
            store_id=staff.store_id,
            detail=f"{len(hits)} hits",
        )
        return hits


@router.get("/{customer_id}", response_model=CustomerBundle)
def read_customer(customer_id: str, staff: StaffDep, engine: EngineDep) -> CustomerBundle:
    with write_session(engine) as session:
        customer = identity.survivor_of(session, customer_id)
        _check_scope(session, staff, customer.id)
        audit(session, "read", staff_id=staff.id, store_id=staff.store_id, customer_id=customer.id)
        return CustomerBundle(
            customer_id=customer.id,
            changes=[
                Change(entity=c.entity, id=c.row_id, op="upsert", version=0, data=json.loads(p))
                for c in customer_rows(session, customer.id)
                if (p := c.payload) is not None
            ],
        )


class MergeIn(BaseModel):
    other_id: str = Field(min_length=1, max_length=36)
    reason: str = Field(default="merged by an admin", max_length=200)


class MergeOut(BaseModel):
    merge_id: str
    survivor_id: str
    merged_id: str
    moved: dict[str, int]


@router.post("/{customer_id}/merge", response_model=MergeOut)
def merge(customer_id: str, body: MergeIn, staff: AdminDep, engine: EngineDep) -> MergeOut:
    with write_session(engine) as session:
        survivor = identity.survivor_of(session, customer_id)
        other = identity.survivor_of(session, body.other_id)
        record = identity.merge(session, survivor, other, reason=body.reason, by_staff_id=staff.id)
        audit(session, "merge", staff_id=staff.id, customer_id=survivor.id, detail=other.id)
        return MergeOut(
            merge_id=record.id,
            survivor_id=survivor.id,
            merged_id=other.id,
            moved={k: len(v) for k, v in record.moved.items()},
        )


class SplitOut(BaseModel):
    restored_id: str


@router.post("/merges/{merge_id}/split", response_model=SplitOut)
def split(merge_id: str, staff: AdminDep, engine: EngineDep) -> SplitOut:
    with write_session(engine) as session:
        restored = identity.split(session, merge_id, by_staff_id=staff.id)
        audit(session, "split", staff_id=staff.id, customer_id=restored.id, detail=merge_id)
        return SplitOut(restored_id=restored.id)


class MergeRecordOut(BaseModel):
    id: str
    survivor_id: str
    merged_id: str
    reason: str
    at: str
    undone: bool


@router.get("/{customer_id}/merges", response_model=list[MergeRecordOut])
def merges(customer_id: str, staff: AdminDep, session: SessionDep) -> list[MergeRecordOut]:
    rows = session.exec(
        select(CustomerMerge).where(
            or_(
                col(CustomerMerge.survivor_id) == customer_id,
                col(CustomerMerge.merged_id) == customer_id,
            )
        )
    )
    return [
        MergeRecordOut(
            id=r.id,
            survivor_id=r.survivor_id,
            merged_id=r.merged_id,
            reason=r.reason,
            at=r.at.isoformat(),
            undone=r.undone_at is not None,
        )
        for r in rows
    ]


@router.get("/{customer_id}/export")
def export(customer_id: str, staff: ManagerDep, engine: EngineDep) -> dict[str, Any]:
    with write_session(engine) as session:
        customer = identity.survivor_of(session, customer_id)
        _check_rights(session, staff, customer)
        audit(
            session,
            "gdpr_export",
            staff_id=staff.id,
            store_id=staff.store_id,
            customer_id=customer.id,
        )
        return export_customer(session, customer.id)


class EraseOut(BaseModel):
    rows_removed: int


@router.post("/{customer_id}/erase", response_model=EraseOut)
def erase(customer_id: str, staff: ManagerDep, engine: EngineDep) -> EraseOut:
    with write_session(engine) as session:
        customer = identity.survivor_of(session, customer_id)
        _check_rights(session, staff, customer)
        removed = erase_customer(session, customer.id, staff.id)
        audit(session, "gdpr_erasure", staff_id=staff.id, store_id=staff.store_id)
        return EraseOut(rows_removed=removed)


class AuditOut(BaseModel):
    at: str
    action: str
    staff_id: str | None
    device_id: str | None
    store_id: str | None
    customer_id: str | None
    detail: str


audit_router = APIRouter(tags=["audit"])


@audit_router.get("/audit", response_model=list[AuditOut])
def audit_log(
    staff: ManagerDep,
    session: SessionDep,
    customer_id: str | None = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
) -> list[AuditOut]:
    query = select(AuditLog).order_by(col(AuditLog.id).desc()).limit(limit)
    if staff.role != "admin":
        query = query.where(AuditLog.store_id == staff.store_id)
    if customer_id:
        query = query.where(AuditLog.customer_id == customer_id)
    return [
        AuditOut(
            at=r.at.isoformat(),
            action=r.action,
            staff_id=r.staff_id,
            device_id=r.device_id,
            store_id=r.store_id,
            customer_id=r.customer_id,
            detail=r.detail,
        )
        for r in session.exec(query)
    ]
