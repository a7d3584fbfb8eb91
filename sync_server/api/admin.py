"""Stores and staff: the reference data a chain's admin and store managers keep."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field
from sqlmodel import select

from sync_server.api.deps import AdminDep, ClockDep, EngineDep, ManagerDep, SessionDep, StaffDep
from sync_server.db import write_session
from sync_server.domain import accounts, sessions
from sync_server.domain.audit import audit
from sync_server.domain.ids import new_id
from sync_server.domain.models import Staff, Store
from sync_server.domain.security import hash_password
from sync_server.errors import Conflict, Forbidden, NotFound

router = APIRouter(tags=["admin"])


class StoreOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    code: str
    name: str
    city: str


@router.get("/stores", response_model=list[StoreOut])
def stores(_staff: StaffDep, session: SessionDep) -> list[StoreOut]:
    return [StoreOut.model_validate(s) for s in session.exec(select(Store).order_by(Store.code))]


class StaffIn(BaseModel):
    username: str = Field(min_length=2, max_length=64, pattern=r"^[a-z0-9._-]+$")
    display_name: str = Field(min_length=1, max_length=120)
    password: str = Field(min_length=1, max_length=200)
    role: Literal["associate", "manager", "admin"] = "associate"
    store_code: str | None = Field(default=None, max_length=16)


class StaffRow(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    username: str
    display_name: str
    role: str
    store_id: str | None
    active: bool


@router.post("/staff", response_model=StaffRow)
def create_staff(body: StaffIn, staff: ManagerDep, engine: EngineDep) -> StaffRow:
    """Admins create anyone; a store manager creates associates of her own store."""
    accounts.ensure_strong(body.username, body.password)
    with write_session(engine) as session:
        store = None
        if body.store_code:
            store = session.exec(select(Store).where(Store.code == body.store_code.upper())).first()
            if store is None:
                raise NotFound(f"No store with code '{body.store_code}'.")
        if staff.role != "admin" and (
            body.role != "associate" or store is None or store.id != staff.store_id
        ):
            raise Forbidden("Managers can only add associates to their own store.")
        if session.exec(select(Staff).where(Staff.username == body.username)).first():
            raise Conflict(f"User name '{body.username}' is taken.", code="username_taken")
        row = Staff(
            id=new_id(),
            username=body.username,
            display_name=body.display_name,
            role=body.role,
            store_id=store.id if store else None,
            password_hash=hash_password(body.password),
        )
        session.add(row)
        audit(
            session, "staff_created", staff_id=staff.id, store_id=row.store_id, detail=row.username
        )
        return StaffRow.model_validate(row)


@router.get("/staff", response_model=list[StaffRow])
def list_staff(staff: ManagerDep, session: SessionDep) -> list[StaffRow]:
    query = select(Staff).order_by(Staff.username)
    if staff.role != "admin":
        query = query.where(Staff.store_id == staff.store_id)
    return [StaffRow.model_validate(r) for r in session.exec(query)]


@router.post("/staff/{staff_id}/deactivate", response_model=StaffRow)
def deactivate(staff_id: str, staff: AdminDep, engine: EngineDep, clock: ClockDep) -> StaffRow:
    """Her sign-ins end now; the devices she enrolled stay (they belong to the store).
    The last active admin cannot be deactivated (409 ``last_admin``)."""
    with write_session(engine) as session:
        row = session.get(Staff, staff_id)
        if row is None:
            raise NotFound("No such staff member.")
        accounts.ensure_admin_remains(session, row, active=False, role=row.role)
        row.active = False
        sessions.end_staff_sessions(session, row.id, clock(), "staff_deactivated")
        audit(session, "staff_deactivated", staff_id=staff.id, detail=row.username)
        return StaffRow.model_validate(row)
