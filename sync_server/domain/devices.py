"""Enrolled devices: tokens that expire and rotate, retirement and lost-device reports.

A device token lives ``device_token_days``; the tablet rotates it at half its life. After a
rotation the replaced token keeps working for a grace period or until the new one is first
used, whichever comes first, so a rotation whose answer was lost does not lock the tablet out.

Devices are store assets: they outlive the staff member who enrolled them. Revoking comes in
two flavours: *retire* (the tablet may still push its queued edits, then wipes itself) and
*lost* (refused everything, wipes itself at its next contact).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from sqlalchemy import Engine, update
from sqlmodel import Session, col, select

from sync_server.domain.audit import audit
from sync_server.domain.ids import new_id
from sync_server.domain.models import Device, Store
from sync_server.domain.security import new_token, token_digest
from sync_server.domain.sessions import end_device_sessions
from sync_server.errors import Unauthorized
from sync_server.settings import Settings

Revocation = Literal["retire", "lost"]
DeviceStatus = Literal["active", "retired", "lost"]


@dataclass(frozen=True)
class DeviceAuth:
    device: Device
    via_previous: bool


def _set_token(device: Device, now: datetime, settings: Settings) -> str:
    token = new_token()
    device.token_hash = token_digest(token)
    device.token_issued_at = now
    device.token_expires_at = now + timedelta(days=settings.device_token_days)
    return token


def enrol(
    session: Session, store: Store, name: str, staff_id: str, now: datetime, settings: Settings
) -> tuple[Device, str]:
    device = Device(
        id=new_id(),
        store_id=store.id,
        name=name,
        token_hash="",
        token_expires_at=now,
        enrolled_by_staff_id=staff_id,
        created_at=now,
    )
    token = _set_token(device, now, settings)
    session.add(device)
    return device, token


def authenticate(
    session: Session, token: str, now: datetime, *, allow_retired: bool = False
) -> DeviceAuth:
    """The device a token belongs to, or 401 with a stable code.

    ``device_retired`` and ``device_lost`` carry ``detail: {"wipe": true}``: the tablet must
    erase its copy. A retired device may still push (``allow_retired``); a lost one may not.
    """
    digest = token_digest(token)
    device = session.exec(select(Device).where(Device.token_hash == digest)).first()
    via_previous = False
    if device is None:
        device = session.exec(select(Device).where(Device.previous_token_hash == digest)).first()
        valid_until = device.previous_token_valid_until if device is not None else None
        if device is None or valid_until is None or valid_until <= now:
            raise Unauthorized(
                "This tablet is not enrolled (or its token was replaced): ask a manager to "
                "enrol it again.",
                code="device_unknown",
            )
        via_previous = True
    if device.lost_at is not None:
        raise Unauthorized(
            "This tablet was reported lost: its data is being erased.",
            code="device_lost",
            detail={"wipe": True},
        )
    if device.revoked_at is not None and not allow_retired:
        raise Unauthorized(
            "This tablet was retired by a manager: its data is being erased. Enrol it again "
            "to use it.",
            code="device_retired",
            detail={"wipe": True},
        )
    if not via_previous and device.token_expires_at <= now:
        raise Unauthorized(
            "This tablet's token expired (it did not sync for too long): ask a manager to "
            "enrol it again. Edits not yet sent are kept.",
            code="device_token_expired",
        )
    return DeviceAuth(device, via_previous)


def end_grace(engine: Engine, device_id: str) -> None:
    """The tablet used its new token: the one it replaced stops working now."""
    with engine.begin() as conn:
        conn.execute(
            update(Device)
            .where(col(Device.id) == device_id)
            .values(previous_token_hash=None, previous_token_valid_until=None)
        )


def rotate(session: Session, auth: DeviceAuth, now: datetime, settings: Settings) -> str:
    """A new token; the current one stays valid for the grace period.

    Rotating again with the *previous* token (the answer to the first rotation was lost)
    replaces the unseen new token and leaves the previous one's grace as it was.
    """
    device = session.get(Device, auth.device.id)
    if device is None:
        raise Unauthorized("This device is not enrolled: enrol it again with a manager.")
    if not auth.via_previous:
        device.previous_token_hash = device.token_hash
        device.previous_token_valid_until = now + timedelta(
            minutes=settings.device_token_grace_minutes
        )
    token = _set_token(device, now, settings)
    audit(session, "device_token_rotated", device_id=device.id, store_id=device.store_id)
    return token


def revoke(
    session: Session, device: Device, how: Revocation, now: datetime, *, by_staff_id: str
) -> None:
    """Retire or report lost; ends the staff sessions bound to the device either way."""
    device.revoked_at = device.revoked_at or now
    if how == "lost":
        device.lost_at = device.lost_at or now
    end_device_sessions(session, device.id, now, "device_lost" if how == "lost" else "retired")
    audit(
        session,
        "device_reported_lost" if how == "lost" else "device_revoked",
        staff_id=by_staff_id,
        device_id=device.id,
        store_id=device.store_id,
    )


def status(device: Device) -> DeviceStatus:
    if device.lost_at is not None:
        return "lost"
    if device.revoked_at is not None:
        return "retired"
    return "active"


def enrolled_by(session: Session, staff_id: str) -> list[Device]:
    return list(session.exec(select(Device).where(Device.enrolled_by_staff_id == staff_id)))
