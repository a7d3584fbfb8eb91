"""Request dependencies: the database, the signed-in staff member, the enrolled device, roles."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Header, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import Engine
from sqlmodel import Session, select

from clienteling.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION
from clienteling.protocol.types import utcnow
from sync_server.db import read_session
from sync_server.domain.models import Device, Staff, StaffSession
from sync_server.domain.security import token_digest
from sync_server.errors import Forbidden, InvalidInput, ProtocolMismatch, Unauthorized
from sync_server.settings import Settings, get_settings

bearer = HTTPBearer(auto_error=False)
ROLE_RANK = {"associate": 0, "manager": 1, "admin": 2}


def get_engine(request: Request) -> Engine:
    engine: Engine = request.app.state.engine
    return engine


EngineDep = Annotated[Engine, Depends(get_engine)]


def app_settings(request: Request) -> Settings:
    """The settings this app was created with (not the environment's, for embedders and tests)."""
    settings: Settings | None = getattr(request.app.state, "settings", None)
    return settings or get_settings()


SettingsDep = Annotated[Settings, Depends(app_settings)]


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

    def at_least(self, role: str) -> bool:
        return ROLE_RANK[self.role] >= ROLE_RANK[role]

    def can_see_store(self, store_id: str | None) -> bool:
        return self.role == "admin" or (store_id is not None and store_id == self.store_id)


def _token(credentials: HTTPAuthorizationCredentials | None) -> str:
    if credentials is None or credentials.scheme.lower() != "bearer" or not credentials.credentials:
        raise Unauthorized("Sign in first: this request has no bearer token.")
    return credentials.credentials


def current_staff(
    session: SessionDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> StaffUser:
    token = _token(credentials)
    row = session.get(StaffSession, token_digest(token))
    if row is None or row.expires_at < utcnow():
        raise Unauthorized("Your session has expired or is not valid: sign in again.")
    staff = session.get(Staff, row.staff_id)
    if staff is None or not staff.active:
        raise Unauthorized("This staff account is disabled.")
    return StaffUser(id=staff.id, username=staff.username, role=staff.role, store_id=staff.store_id)


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


def current_device(
    session: SessionDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
    _protocol: Annotated[int, Depends(check_protocol)],
) -> Device:
    token = _token(credentials)
    device = session.exec(select(Device).where(Device.token_hash == token_digest(token))).first()
    if device is None:
        raise Unauthorized("This device is not enrolled: enrol it again with a manager.")
    if device.revoked_at is not None:
        raise Unauthorized("This device was revoked by IT or a manager: enrol it again.")
    return device


DeviceDep = Annotated[Device, Depends(current_device)]


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
