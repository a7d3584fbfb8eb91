"""Tablets: enrolment, token rotation, retirement, lost-device reports, who is signed in."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter
from pydantic import BaseModel, Field
from sqlmodel import select

from sync_server.api.deps import (
    AdminDep,
    ClockDep,
    DeviceStaffDep,
    EngineDep,
    ManagerDep,
    RotatingDeviceDep,
    SessionDep,
    SettingsDep,
    StaffUser,
    ensure_store_access,
)
from sync_server.db import write_session
from sync_server.domain import devices
from sync_server.domain.audit import audit
from sync_server.domain.models import Device, Staff, Store
from sync_server.errors import NotFound, Unauthorized

router = APIRouter(tags=["devices"])


class EnrolIn(BaseModel):
    store_code: str = Field(min_length=1, max_length=16)
    name: str = Field(default="tablet", min_length=1, max_length=120)


class EnrolOut(BaseModel):
    device_id: str
    device_token: str
    store_id: str
    store_code: str
    token_issued_at: datetime
    token_expires_at: datetime


@router.post("/devices/enrol", response_model=EnrolOut)
def enrol(
    body: EnrolIn, staff: ManagerDep, engine: EngineDep, settings: SettingsDep, clock: ClockDep
) -> EnrolOut:
    with write_session(engine) as session:
        store = session.exec(select(Store).where(Store.code == body.store_code.upper())).first()
        if store is None:
            raise NotFound(f"No store with code '{body.store_code}'.", code="store_not_found")
        ensure_store_access(staff, store.id)
        device, token = devices.enrol(session, store, body.name, staff.id, clock(), settings)
        audit(
            session,
            "device_enrolled",
            staff_id=staff.id,
            device_id=device.id,
            store_id=store.id,
            detail=body.name,
        )
        return EnrolOut(
            device_id=device.id,
            device_token=token,
            store_id=store.id,
            store_code=store.code,
            token_issued_at=device.token_issued_at,
            token_expires_at=device.token_expires_at,
        )


class DeviceOut(BaseModel):
    id: str
    store_id: str
    name: str
    status: devices.DeviceStatus
    revoked: bool
    enrolled_by_staff_id: str | None
    token_expires_at: datetime
    last_seen_at: str | None
    last_cursor: str


def _device_out(device: Device) -> DeviceOut:
    return DeviceOut(
        id=device.id,
        store_id=device.store_id,
        name=device.name,
        status=devices.status(device),
        revoked=device.revoked_at is not None,
        enrolled_by_staff_id=device.enrolled_by_staff_id,
        token_expires_at=device.token_expires_at,
        last_seen_at=device.last_seen_at.isoformat() if device.last_seen_at else None,
        last_cursor=device.last_cursor,
    )


@router.get("/devices", response_model=list[DeviceOut])
def list_devices(staff: ManagerDep, session: SessionDep) -> list[DeviceOut]:
    query = select(Device)
    if staff.role != "admin":
        query = query.where(Device.store_id == staff.store_id)
    return [_device_out(d) for d in session.exec(query)]


def _revoke(
    device_id: str, how: devices.Revocation, staff: StaffUser, engine: EngineDep, clock: ClockDep
) -> DeviceOut:
    with write_session(engine) as session:
        device = session.get(Device, device_id)
        if device is None:
            raise NotFound("No such device.")
        ensure_store_access(staff, device.store_id)
        devices.revoke(session, device, how, clock(), by_staff_id=staff.id)
        return _device_out(device)


@router.post("/devices/{device_id}/revoke", response_model=DeviceOut)
def revoke(device_id: str, staff: ManagerDep, engine: EngineDep, clock: ClockDep) -> DeviceOut:
    """Retire a tablet: it may still push its queued edits, then every call answers 401
    ``device_retired`` with ``detail: {"wipe": true}`` and the tablet erases its copy."""
    return _revoke(device_id, "retire", staff, engine, clock)


@router.post("/devices/{device_id}/report-lost", response_model=DeviceOut)
def report_lost(device_id: str, staff: ManagerDep, engine: EngineDep, clock: ClockDep) -> DeviceOut:
    """A lost or stolen tablet: every call, pushes included, answers 401 ``device_lost`` with
    ``detail: {"wipe": true}``; staff sign-ins made on it end now."""
    return _revoke(device_id, "lost", staff, engine, clock)


class RevokeEnrolledIn(BaseModel):
    how: devices.Revocation = "retire"


@router.post("/staff/{staff_id}/revoke-devices", response_model=list[DeviceOut])
def revoke_enrolled_by(
    staff_id: str,
    staff: AdminDep,
    engine: EngineDep,
    clock: ClockDep,
    body: RevokeEnrolledIn | None = None,
) -> list[DeviceOut]:
    """Revoke every device a staff member enrolled (devices are store assets: deactivating
    her does not do this by itself)."""
    how = body.how if body is not None else "retire"
    now = clock()
    with write_session(engine) as session:
        if session.get(Staff, staff_id) is None:
            raise NotFound("No such staff member.")
        revoked = []
        for device in devices.enrolled_by(session, staff_id):
            if (how == "lost" and device.lost_at is None) or device.revoked_at is None:
                devices.revoke(session, device, how, now, by_staff_id=staff.id)
                revoked.append(_device_out(device))
        return revoked


class TokenOut(BaseModel):
    device_token: str
    token_issued_at: datetime
    token_expires_at: datetime


@router.post("/sync/token/rotate", response_model=TokenOut, tags=["sync"])
def rotate_token(
    auth: RotatingDeviceDep, engine: EngineDep, settings: SettingsDep, clock: ClockDep
) -> TokenOut:
    """A new device token; the one used keeps working for a grace period (or until the new
    one is first used), so a lost answer can be retried."""
    now = clock()
    with write_session(engine) as session:
        token = devices.rotate(session, auth, now, settings)
        device = session.get(Device, auth.device.id)
        if device is None:
            raise NotFound("No such device.")
        return TokenOut(
            device_token=token,
            token_issued_at=device.token_issued_at,
            token_expires_at=device.token_expires_at,
        )


class SignedInOut(BaseModel):
    device_id: str
    session_id: str
    staff_id: str
    username: str
    role: str


@router.get("/sync/whoami", response_model=SignedInOut, tags=["sync"])
def whoami(signed_in: DeviceStaffDep) -> SignedInOut:
    """Who is signed in on this tablet (device token plus ``X-Clienteling-Staff``)."""
    device, staff = signed_in
    if staff.session_id is None:
        raise Unauthorized("Sign in on this tablet first.", code="staff_session_required")
    return SignedInOut(
        device_id=device.id,
        session_id=staff.session_id,
        staff_id=staff.id,
        username=staff.username,
        role=staff.role,
    )
