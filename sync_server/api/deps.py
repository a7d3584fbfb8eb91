"""Request dependencies: settings, clock, database, signed-in staff, enrolled device, roles."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Annotated, NamedTuple

from fastapi import Depends, Header, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import Engine
from sqlmodel import Session

from clienteling.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION, STAFF_HEADER
from sync_server.clock import Clock
from sync_server.db import read_session
from sync_server.domain import devices, sessions
from sync_server.domain.models import Device, Staff, StaffSession
from sync_server.errors import Forbidden, InvalidInput, ProtocolMismatch, Unauthorized
from sync_server.settings import Settings

bearer = HTTPBearer(auto_error=False)
ROLE_RANK = {"associate": 0, "manager": 1, "admin": 2}


def get_engine(request: Request) -> Engine:
    engine: Engine = request.app.state.engine
    return engine


EngineDep = Annotated[Engine, Depends(get_engine)]


def get_settings(request: Request) -> Settings:
    """The settings the app was created with (tests start servers with small limits)."""
    settings: Settings = request.app.state.settings
    return settings


SettingsDep = Annotated[Settings, Depends(get_settings)]


def get_clock(request: Request) -> Clock:
    clock: Clock = request.app.state.clock
    return clock


ClockDep = Annotated[Clock, Depends(get_clock)]


def client_address(request: Request) -> str:
    """The caller's address (behind a proxy, uvicorn's ``--forwarded-allow-ips`` sets it)."""
    return request.client.host if request.client else "unknown"


def get_session(engine: EngineDep) -> Iterator[Session]:
    with read_session(engine) as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]


@dataclass(frozen=True)
class StaffUser:
    id: str
    username: str
    role: str
    store_id: str | None
    session_id: str | None = None

    def at_least(self, role: str) -> bool:
        return ROLE_RANK[self.role] >= ROLE_RANK[role]

    def can_see_store(self, store_id: str | None) -> bool:
        return self.role == "admin" or (store_id is not None and store_id == self.store_id)


def _token(credentials: HTTPAuthorizationCredentials | None) -> str:
    if credentials is None or credentials.scheme.lower() != "bearer" or not credentials.credentials:
        raise Unauthorized("Sign in first: this request has no bearer token.")
    return credentials.credentials


def _staff_user(owner: StaffSession, staff: Staff) -> StaffUser:
    return StaffUser(
        id=staff.id,
        username=staff.username,
        role=staff.role,
        store_id=staff.store_id,
        session_id=owner.id,
    )


def current_staff(
    session: SessionDep,
    clock: ClockDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> StaffUser:
    """The staff member of a live access token (401 with a precise code otherwise)."""
    return _staff_user(*sessions.by_access_token(session, _token(credentials), clock()))


StaffDep = Annotated[StaffUser, Depends(current_staff)]


def require_role(role: str) -> Callable[[StaffUser], StaffUser]:
    def check(staff: StaffDep) -> StaffUser:
        if not staff.at_least(role):
            raise Forbidden(f"This needs the {role} role; you are signed in as {staff.role}.")
        return staff

    return check


ManagerDep = Annotated[StaffUser, Depends(require_role("manager"))]
AdminDep = Annotated[StaffUser, Depends(require_role("admin"))]


def check_protocol(
    x_clienteling_protocol: Annotated[str | None, Header(alias=PROTOCOL_HEADER)] = None,
) -> int:
    try:
        version = int(x_clienteling_protocol or "")
    except ValueError:
        version = 0
    if version != PROTOCOL_VERSION:
        raise ProtocolMismatch(
            f"This app speaks sync protocol {version or 'unknown'}, the server speaks "
            f"{PROTOCOL_VERSION}. Update the Clienteling app on this tablet; your pending edits "
            "are kept and will be sent after the update.",
            detail={"client": version, "server": PROTOCOL_VERSION},
        )
    return version


def _device(
    session: Session,
    engine: Engine,
    clock: Clock,
    credentials: HTTPAuthorizationCredentials | None,
    *,
    allow_retired: bool,
) -> devices.DeviceAuth:
    auth = devices.authenticate(session, _token(credentials), clock(), allow_retired=allow_retired)
    if not auth.via_previous and auth.device.previous_token_hash is not None:
        devices.end_grace(engine, auth.device.id)
    return auth


Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]
ProtocolChecked = Annotated[int, Depends(check_protocol)]


def current_device(
    session: SessionDep,
    engine: EngineDep,
    clock: ClockDep,
    credentials: Credentials,
    _protocol: ProtocolChecked,
) -> Device:
    """An enrolled, active device (401 ``device_*`` otherwise)."""
    return _device(session, engine, clock, credentials, allow_retired=False).device


DeviceDep = Annotated[Device, Depends(current_device)]


def pushing_device(
    session: SessionDep,
    engine: EngineDep,
    clock: ClockDep,
    credentials: Credentials,
    _protocol: ProtocolChecked,
) -> Device:
    """Like ``DeviceDep``, but a retired device may still hand in its queued edits."""
    return _device(session, engine, clock, credentials, allow_retired=True).device


PushDeviceDep = Annotated[Device, Depends(pushing_device)]


def rotating_device(
    session: SessionDep,
    engine: EngineDep,
    clock: ClockDep,
    credentials: Credentials,
    _protocol: ProtocolChecked,
) -> devices.DeviceAuth:
    """The device and whether it used its previous token (a retried rotation)."""
    return _device(session, engine, clock, credentials, allow_retired=False)


RotatingDeviceDep = Annotated[devices.DeviceAuth, Depends(rotating_device)]


class DeviceStaff(NamedTuple):
    device: Device
    staff: StaffUser


def current_device_staff(
    device: DeviceDep,
    session: SessionDep,
    clock: ClockDep,
    staff_token: Annotated[str | None, Header(alias=STAFF_HEADER)] = None,
) -> DeviceStaff:
    """A live call a tablet makes for the assistant signed in on it.

    ``Authorization`` carries the device token and ``X-Clienteling-Staff`` the staff access
    token, whose session must have been opened on this same device.
    """
    if not staff_token:
        raise Unauthorized(
            "Sign in on this tablet first: this needs a signed-in staff member.",
            code="staff_session_required",
        )
    owner, staff = sessions.by_access_token(session, staff_token, clock())
    if owner.device_id != device.id:
        raise Unauthorized(
            "This staff sign-in was not made on this tablet: sign in here.",
            code="staff_session_other_device",
        )
    return DeviceStaff(device, _staff_user(owner, staff))


DeviceStaffDep = Annotated[DeviceStaff, Depends(current_device_staff)]


async def reject_nul_characters(request: Request) -> None:
    """NUL cannot be stored in PostgreSQL text; refuse it up front, on every backend alike.

    File uploads are left to their parser (the CSV reader rejects NUL with the line number):
    reading a multipart body here would consume the stream the form parser needs.
    """
    if request.headers.get("content-type", "").startswith("multipart/"):
        return
    body = await request.body()
    if b"\x00" in body or b"\\u0000" in body or "%00" in request.url.query:
        raise InvalidInput(
            "Text must not contain NUL characters (\\u0000).", code="invalid_request"
        )


def ensure_store_access(staff: StaffUser, store_id: str | None) -> None:
    if not staff.can_see_store(store_id):
        raise Forbidden("This belongs to another store.")
