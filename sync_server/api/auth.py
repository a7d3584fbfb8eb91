"""Staff sign-in (throttled), token refresh and sign-out, password change."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Request, Response
from fastapi.security import HTTPAuthorizationCredentials
from pydantic import BaseModel, ConfigDict, Field
from sqlmodel import Session

from clienteling.protocol import DEVICE_HEADER
from sync_server.api.deps import (
    ClockDep,
    EngineDep,
    SessionDep,
    SettingsDep,
    StaffDep,
    bearer,
    client_address,
)
from sync_server.db import read_session, write_session
from sync_server.domain import accounts, devices, sessions, throttle
from sync_server.domain.audit import audit
from sync_server.domain.models import Device, Staff
from sync_server.errors import DomainError, Forbidden, InvalidInput, Unauthorized

router = APIRouter(tags=["auth"])

DeviceHeader = Annotated[str | None, Header(alias=DEVICE_HEADER, max_length=200)]


class LoginIn(BaseModel):
    username: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=200)


class StaffOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    username: str
    display_name: str
    role: str
    store_id: str | None


class LoginOut(BaseModel):
    """A sign-in: a short-lived access token and the refresh token that renews it."""

    access_token: str
    token_type: str = "bearer"  # noqa: S105 - the OAuth token type, not a secret
    expires_in: int = Field(description="Seconds until the access token expires.")
    refresh_token: str
    session_id: str = Field(description="Public id of this sign-in (not a secret).")
    session_expires_at: datetime
    device_id: str | None = None
    staff: StaffOut


def _login_out(
    tokens: sessions.IssuedTokens, staff: Staff, device_id: str | None, now: datetime
) -> LoginOut:
    return LoginOut(
        access_token=tokens.access_token,
        expires_in=max(0, int((tokens.access_expires_at - now).total_seconds())),
        refresh_token=tokens.refresh_token,
        session_id=tokens.session_id,
        session_expires_at=tokens.session_expires_at,
        device_id=device_id,
        staff=StaffOut.model_validate(staff),
    )


def _bound_device(session: Session, token: str | None, now: datetime) -> Device | None:
    return devices.authenticate(session, token, now).device if token else None


@router.post("/auth/login", response_model=LoginOut)
def login(
    body: LoginIn,
    request: Request,
    engine: EngineDep,
    settings: SettingsDep,
    clock: ClockDep,
    device_token: DeviceHeader = None,
) -> LoginOut:
    """Sign in; from a tablet, send its device token too and the sign-in is bound to it.

    Repeated failures slow the account and the client address down, then lock them for a
    while (429 with ``Retry-After``, answered without checking the password).
    """
    policy = throttle.ThrottlePolicy.from_settings(settings)
    keys = throttle.Keys.of(body.username, client_address(request))
    now = clock()
    with read_session(engine) as session:
        device = _bound_device(session, device_token, now)
        throttle.check(session, policy, keys, now)
        staff = accounts.find_staff(session, keys.username)
    with write_session(engine) as session:
        claimed = throttle.claim(session, policy, keys, now)
    # argon2 runs outside any transaction: it is slow on purpose.
    matches = accounts.password_matches(staff, body.password)
    now = clock()
    refusal: DomainError | None = None
    tokens: sessions.IssuedTokens | None = None
    with write_session(engine) as session:
        if staff is None or not matches or not staff.active:
            throttle.failed(session, policy, claimed, now)
            audit(
                session,
                "sign_in_failed",
                staff_id=staff.id if staff else None,
                store_id=staff.store_id if staff else None,
                device_id=device.id if device else None,
                detail=f"user={keys.username} address={keys.address}",
            )
            refusal = Unauthorized("Wrong user name or password.", code="bad_credentials")
        else:
            throttle.succeeded(session, claimed)
            if device is not None and staff.role != "admin" and staff.store_id != device.store_id:
                refusal = Forbidden(
                    "This tablet belongs to another store: staff sign in on their own "
                    "store's tablets.",
                    code="wrong_store",
                )
            else:
                tokens = sessions.open_session(
                    session,
                    staff,
                    device_id=device.id if device else None,
                    address=keys.address,
                    now=now,
                    settings=settings,
                )
                audit(
                    session,
                    "sign_in",
                    staff_id=staff.id,
                    store_id=staff.store_id,
                    device_id=device.id if device else None,
                    detail=f"address={keys.address}",
                )
    if refusal is not None:
        raise refusal
    if staff is None or tokens is None:
        raise RuntimeError("sign-in ended without a refusal nor tokens")
    return _login_out(tokens, staff, device.id if device else None, now)


class RefreshIn(BaseModel):
    refresh_token: str = Field(min_length=1, max_length=200)


@router.post("/auth/refresh", response_model=LoginOut)
def refresh(
    body: RefreshIn,
    engine: EngineDep,
    settings: SettingsDep,
    clock: ClockDep,
    device_token: DeviceHeader = None,
) -> LoginOut:
    """A new access token and a new refresh token; the one sent is used up.

    Sending a used refresh token again ends the whole sign-in (401 ``refresh_token_reused``).
    A sign-in made on a tablet is refreshed from that tablet only (device token header).
    """
    now = clock()
    with write_session(engine) as session:
        device = _bound_device(session, device_token, now)
        result = sessions.refresh(session, body.refresh_token, device, now=now, settings=settings)
    if isinstance(result, DomainError):
        raise result
    tokens, staff = result
    return _login_out(tokens, staff, device.id if device else None, now)


class LogoutIn(BaseModel):
    refresh_token: str | None = Field(default=None, max_length=200)


@router.post("/auth/logout", status_code=204, response_class=Response)
def logout(
    engine: EngineDep,
    clock: ClockDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
    body: LogoutIn | None = None,
) -> Response:
    """End the sign-in named by the bearer access token (even an expired one) or by the
    refresh token in the body. Signing out twice is harmless."""
    now = clock()
    access = credentials.credentials if credentials is not None else None
    refresh_token = body.refresh_token if body is not None else None
    with write_session(engine) as session:
        owner = None
        if access:
            owner = sessions.by_access_token(session, access, now, allow_expired=True)[0]
        elif refresh_token:
            owner = sessions.by_refresh_token(session, refresh_token)
        if owner is None:
            raise Unauthorized(
                "Nothing to sign out: send the access token or the refresh token.",
                code="invalid_token",
            )
        if owner.ended_at is None:
            sessions.sign_out(session, owner, now)
            audit(session, "sign_out", staff_id=owner.staff_id, device_id=owner.device_id)
    return Response(status_code=204)


class PasswordIn(BaseModel):
    current_password: str = Field(min_length=1, max_length=200)
    new_password: str = Field(min_length=1, max_length=200)


@router.post("/auth/password", status_code=204, response_class=Response)
def change_password(
    body: PasswordIn,
    request: Request,
    staff: StaffDep,
    engine: EngineDep,
    settings: SettingsDep,
    clock: ClockDep,
) -> Response:
    """Change your own password; your other sign-ins end (this one stays).

    A wrong current password counts as a failed sign-in (throttled the same way).
    """
    accounts.ensure_strong(staff.username, body.new_password)
    if body.new_password == body.current_password:
        raise InvalidInput(
            "The new password must differ from the current one.", code="same_password"
        )
    policy = throttle.ThrottlePolicy.from_settings(settings)
    keys = throttle.Keys.of(staff.username, client_address(request))
    now = clock()
    with write_session(engine) as session:
        claimed = throttle.claim(session, policy, keys, now)
        row = session.get(Staff, staff.id)
    matches = accounts.password_matches(row, body.current_password)
    now = clock()
    with write_session(engine) as session:
        row = session.get(Staff, staff.id)
        if row is None:
            raise Unauthorized("This staff account no longer exists.")
        if not matches:
            throttle.failed(session, policy, claimed, now)
            audit(
                session,
                "password_change_failed",
                staff_id=row.id,
                store_id=row.store_id,
                detail=f"address={keys.address}",
            )
        else:
            throttle.succeeded(session, claimed)
            accounts.change_password(
                session, row, body.new_password, now, keep_session=staff.session_id
            )
    if not matches:
        raise Forbidden("Your current password is not right.", code="wrong_password")
    return Response(status_code=204)


@router.get("/auth/me", response_model=StaffOut)
def me(staff: StaffDep, session: SessionDep) -> StaffOut:
    row = session.get(Staff, staff.id)
    if row is None:
        raise Unauthorized("This staff account no longer exists.")
    return StaffOut.model_validate(row)
