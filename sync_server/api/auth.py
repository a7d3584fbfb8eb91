"""Staff sign-in, device enrolment and revocation."""

from __future__ import annotations

from datetime import timedelta

from fastapi import APIRouter
from pydantic import BaseModel, Field
from sqlmodel import select

from clienteling.protocol.types import utcnow
from sync_server.api.deps import EngineDep, ManagerDep, SessionDep, StaffDep, ensure_store_access
from sync_server.db import write_session
from sync_server.domain.audit import audit
from sync_server.domain.ids import new_id
from sync_server.domain.models import Device, Staff, StaffSession, Store
from sync_server.domain.security import new_token, token_digest, verify_password
from sync_server.errors import NotFound, Unauthorized
from sync_server.settings import get_settings

router = APIRouter(tags=["auth"])


class LoginIn(BaseModel):
    username: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=200)


class StaffOut(BaseModel):
    id: str
    username: str
    display_name: str
    role: str
    store_id: str | None


class LoginOut(BaseModel):
    access_token: str
    token_type: str = "bearer"  # noqa: S105 - the OAuth token type, not a secret
    staff: StaffOut


@router.post("/auth/login", response_model=LoginOut)
def login(body: LoginIn, engine: EngineDep) -> LoginOut:
    with write_session(engine) as session:
        staff = session.exec(select(Staff).where(Staff.username == body.username.lower())).first()
        if (
            staff is None
            or not staff.active
            or not verify_password(staff.password_hash, body.password)
        ):
            raise Unauthorized("Wrong user name or password.", code="bad_credentials")
        token = new_token()
        session.add(
            StaffSession(
                token_hash=token_digest(token),
                staff_id=staff.id,
                expires_at=utcnow() + timedelta(hours=get_settings().staff_session_hours),
            )
        )
        audit(session, "sign_in", staff_id=staff.id, store_id=staff.store_id)
        return LoginOut(
            access_token=token,
            staff=StaffOut(
                id=staff.id,
                username=staff.username,
                display_name=staff.display_name,
                role=staff.role,
                store_id=staff.store_id,
            ),
        )


@router.get("/auth/me", response_model=StaffOut)
def me(staff: StaffDep, session: SessionDep) -> StaffOut:
    row = session.get(Staff, staff.id)
    if row is None:
        raise Unauthorized("This staff account no longer exists.")
    return StaffOut(
        id=row.id,
        username=row.username,
        display_name=row.display_name,
        role=row.role,
        store_id=row.store_id,
    )


class EnrolIn(BaseModel):
    store_code: str = Field(min_length=1, max_length=16)
    name: str = Field(default="tablet", min_length=1, max_length=120)


class EnrolOut(BaseModel):
    device_id: str
    device_token: str
    store_id: str
    store_code: str


@router.post("/devices/enrol", response_model=EnrolOut)
def enrol(body: EnrolIn, staff: ManagerDep, engine: EngineDep) -> EnrolOut:
    with write_session(engine) as session:
        store = session.exec(select(Store).where(Store.code == body.store_code.upper())).first()
        if store is None:
            raise NotFound(f"No store with code '{body.store_code}'.", code="store_not_found")
        ensure_store_access(staff, store.id)
        token = new_token()
        device = Device(
            id=new_id(),
            store_id=store.id,
            name=body.name,
            token_hash=token_digest(token),
            enrolled_by_staff_id=staff.id,
        )
        session.add(device)
        audit(session, "device_enrolled", staff_id=staff.id, store_id=store.id, detail=body.name)
        return EnrolOut(
            device_id=device.id, device_token=token, store_id=store.id, store_code=store.code
        )


class DeviceOut(BaseModel):
    id: str
    store_id: str
    name: str
    revoked: bool
    last_seen_at: str | None
    last_cursor: int


def _device_out(device: Device) -> DeviceOut:
    return DeviceOut(
        id=device.id,
        store_id=device.store_id,
        name=device.name,
        revoked=device.revoked_at is not None,
        last_seen_at=device.last_seen_at.isoformat() if device.last_seen_at else None,
        last_cursor=device.last_cursor,
    )


@router.get("/devices", response_model=list[DeviceOut])
def list_devices(staff: ManagerDep, session: SessionDep) -> list[DeviceOut]:
    query = select(Device)
    if staff.role != "admin":
        query = query.where(Device.store_id == staff.store_id)
    return [_device_out(d) for d in session.exec(query)]


@router.post("/devices/{device_id}/revoke", response_model=DeviceOut)
def revoke(device_id: str, staff: ManagerDep, engine: EngineDep) -> DeviceOut:
    with write_session(engine) as session:
        device = session.get(Device, device_id)
        if device is None:
            raise NotFound("No such device.")
        ensure_store_access(staff, device.store_id)
        device.revoked_at = device.revoked_at or utcnow()
        audit(
            session,
            "device_revoked",
            staff_id=staff.id,
            device_id=device.id,
            store_id=device.store_id,
        )
        return _device_out(device)
