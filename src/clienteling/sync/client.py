"""Typed async client of the sync server's API, with errors a person can read.

Expected failures (no network, server down, token revoked, old app) become typed exceptions with
a plain-words message; the engine decides which to retry. ``transport`` lets tests inject faults.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import httpx
from pydantic import BaseModel

from clienteling.protocol import (
    API_PREFIX,
    DEVICE_HEADER,
    PROTOCOL_HEADER,
    PROTOCOL_VERSION,
    STAFF_HEADER,
)
from clienteling.protocol.messages import (
    Checksums,
    CustomerBundle,
    ErrorBody,
    Handshake,
    LookupRequest,
    Mutation,
    PullPage,
    PushRequest,
    PushResult,
)
from clienteling.protocol.pages import MalformedPage, RowsPage, decode_page
from clienteling.server_address import insecure_message, is_insecure


class SyncError(Exception):
    """Base of expected sync failures; ``str(error)`` is meant for the user."""

    retryable = False

    def __init__(self, message: str, *, code: str = "", status: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.status = status


class Offline(SyncError):
    retryable = True


class ServerError(SyncError):
    retryable = True


class ProtocolMismatch(SyncError):
    pass


class ResetRequired(SyncError):
    pass


class Unauthorized(SyncError):
    pass


class DeviceRevoked(Unauthorized):
    """A manager revoked this tablet; ``wipe`` says it must erase its copy."""

    def __init__(
        self, message: str, *, code: str = "", status: int | None = None, wipe: bool = True
    ) -> None:
        super().__init__(message, code=code, status=status)
        self.wipe = wipe


class DeviceRetired(DeviceRevoked):
    """Retired: the tablet may still push its queued edits, then wipes itself."""


class DeviceLost(DeviceRevoked):
    """Reported lost: refused everything, pushes included; wipe now."""


class SignInRequired(Unauthorized):
    """A staff sign-in was refused or has ended (wrong password, signed out, expired...)."""


class AccessTokenExpired(SignInRequired):
    """The short-lived staff access token expired: refresh it (``StaffAuth`` does)."""


class TooManyAttempts(SyncError):
    """Too many failed sign-ins: try again after ``retry_after`` seconds."""

    def __init__(self, message: str, *, code: str = "", status: int | None = None) -> None:
        super().__init__(message, code=code, status=status)
        self.retry_after = 0


class NotFound(SyncError):
    pass


class OutOfScope(SyncError):
    pass


class ApiError(SyncError):
    """Any other refusal (validation, permissions); the server's message is kept."""


class InsecureServer(SyncError):
    """A plain http:// server on another machine: refused before anything is sent."""


class LoginResult(BaseModel):
    """A staff sign-in: keep the tokens in memory only; ``session_id`` is public."""

    access_token: str
    token_type: str = "bearer"  # noqa: S105 - the OAuth token type, not a secret
    expires_in: int
    refresh_token: str
    session_id: str
    session_expires_at: datetime
    device_id: str | None = None
    staff: dict[str, Any]


class EnrolResult(BaseModel):
    device_id: str
    device_token: str
    store_id: str
    store_code: str
    token_issued_at: datetime | None = None
    token_expires_at: datetime | None = None


class DeviceToken(BaseModel):
    """A rotated device token and its lifetime."""

    device_token: str
    token_issued_at: datetime
    token_expires_at: datetime


# 401 codes about the tablet itself (everything else in a 401 is about a staff sign-in).
DEVICE_CODES = {"device_unknown", "device_token_expired", "unauthorized", ""}


def _error(response: httpx.Response) -> SyncError:
    detail: Any = None
    try:
        body = ErrorBody.model_validate(response.json())
        code, message, detail = body.code, body.message, body.detail
    except ValueError:
        code, message = "", response.text[:200] or response.reason_phrase
    status = response.status_code
    if status == 426 or code == "protocol_mismatch":
        return ProtocolMismatch(
            "This app is too old for the server (sync protocol "
            f"{PROTOCOL_VERSION}). Install the update from IT. Server said: {message}",
            code=code,
            status=status,
        )
    if status == 410 or code == "reset_required":
        return ResetRequired(message, code=code, status=status)
    if status == 401 and code in ("device_retired", "device_lost"):
        wipe = not isinstance(detail, dict) or bool(detail.get("wipe", True))
        kind = DeviceLost if code == "device_lost" else DeviceRetired
        return kind(message, code=code, status=status, wipe=wipe)
    if status == 401 and code == "token_expired":
        return AccessTokenExpired(message, code=code, status=status)
    if status == 401 and code not in DEVICE_CODES:
        return SignInRequired(message, code=code, status=status)
    if status == 429:
        error = TooManyAttempts(message, code=code, status=status)
        try:
            error.retry_after = int(response.headers.get("Retry-After", "0"))
        except ValueError:
            error.retry_after = 0
        return error
    if status == 401:
        return Unauthorized(
            "This tablet is not (or no longer) allowed to sync. Ask a manager to enrol it "
            f"again. Server said: {message}",
            code=code,
            status=status,
        )
    if status == 404:
        return NotFound(message, code=code, status=status)
    if status == 403 and code == "out_of_scope":
        return OutOfScope(message, code=code, status=status)
    if status >= 500:
        return ServerError(
            f"The sync server had a problem (HTTP {status}); it will be retried.",
            code=code,
            status=status,
        )
    return ApiError(message, code=code, status=status)


class ApiClient:
    """One server, one device token; use as ``async with ApiClient(...) as api``."""

    def __init__(
        self,
        base_url: str,
        *,
        token: str | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        timeout: float = 30.0,
        allow_insecure_http: bool = False,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.allow_insecure_http = allow_insecure_http
        self._http = httpx.AsyncClient(
            base_url=self.base_url + API_PREFIX,
            transport=transport,
            timeout=timeout,
            headers={PROTOCOL_HEADER: str(PROTOCOL_VERSION)},
        )

    async def __aenter__(self) -> ApiClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._http.aclose()

    async def _request(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        params: dict[str, Any] | None = None,
        bearer: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> httpx.Response:
        if is_insecure(self.base_url, allow_insecure_http=self.allow_insecure_http):
            raise InsecureServer(insecure_message(self.base_url), code="insecure_server")
        headers = dict(headers or {})
        # ``bearer=""`` sends no token at all (sign-in calls must not carry the device token).
        token = self.token if bearer is None else bearer
        if token:
            headers["Authorization"] = f"Bearer {token}"
        try:
            response = await self._http.request(
                method, path, json=json, params=params, headers=headers
            )
        except httpx.TimeoutException as exc:
            raise Offline(f"The sync server at {self.base_url} did not answer in time.") from exc
        except httpx.TransportError as exc:
            raise Offline(
                f"Cannot reach the sync server at {self.base_url} ({type(exc).__name__}). "
                "Check the network; edits are kept and will be sent later."
            ) from exc
        if response.status_code >= 400:
            raise _error(response)
        return response

    async def login(
        self, username: str, password: str, *, device_token: str | None = None
    ) -> LoginResult:
        """Sign a staff member in; with ``device_token`` the sign-in is bound to this tablet
        (the server then knows who authors its edits)."""
        response = await self._request(
            "POST",
            "/auth/login",
            json={"username": username, "password": password},
            headers={DEVICE_HEADER: device_token} if device_token else None,
            bearer="",
        )
        return LoginResult.model_validate_json(response.content)

    async def refresh(self, refresh_token: str, *, device_token: str | None = None) -> LoginResult:
        """New access and refresh tokens; the refresh token sent is used up."""
        response = await self._request(
            "POST",
            "/auth/refresh",
            json={"refresh_token": refresh_token},
            headers={DEVICE_HEADER: device_token} if device_token else None,
            bearer="",
        )
        return LoginResult.model_validate_json(response.content)

    async def logout(self, refresh_token: str) -> None:
        """End the sign-in (its refresh token names it even when the access token expired)."""
        await self._request(
            "POST", "/auth/logout", json={"refresh_token": refresh_token}, bearer=""
        )

    async def change_password(self, access_token: str, current: str, new: str) -> None:
        await self._request(
            "POST",
            "/auth/password",
            json={"current_password": current, "new_password": new},
            bearer=access_token,
        )

    async def rotate_token(self) -> DeviceToken:
        """A new device token (the current one keeps working for a grace period)."""
        response = await self._request("POST", "/sync/token/rotate")
        return DeviceToken.model_validate_json(response.content)

    async def enrol(self, staff_token: str, store_code: str, name: str) -> EnrolResult:
        response = await self._request(
            "POST",
            "/devices/enrol",
            json={"store_code": store_code, "name": name},
            bearer=staff_token,
        )
        return EnrolResult.model_validate_json(response.content)

    async def handshake(self) -> Handshake:
        response = await self._request("GET", "/sync/handshake")
        return Handshake.model_validate_json(response.content)

    async def pull_rows(self, cursor: str, limit: int = 1000) -> RowsPage:
        """A pull page in the compact form (``protocol/pages.py``): no JSON per row."""
        response = await self._request(
            "GET", "/sync/pull", params={"cursor": cursor, "limit": limit, "format": "rows"}
        )
        try:
            return decode_page(response.text)
        except MalformedPage as exc:
            raise ServerError(
                f"The sync server's answer was damaged on the way ({exc}); it will be retried."
            ) from exc

    async def pull(self, cursor: str, limit: int = 1000) -> PullPage:
        response = await self._request(
            "GET", "/sync/pull", params={"cursor": cursor, "limit": limit}
        )
        # Parsed straight from bytes by pydantic-core: several times faster than json() + validate.
        return PullPage.model_validate_json(response.content)

    async def push(self, mutations: list[Mutation]) -> PushResult:
        body = PushRequest(mutations=mutations).model_dump(mode="json")
        response = await self._request("POST", "/sync/push", json=body)
        return PushResult.model_validate_json(response.content)

    async def lookup(self, kind: str, value: str, purpose: str, staff_token: str) -> CustomerBundle:
        """A customer of another store, for the assistant whose access token is given."""
        body = LookupRequest.model_validate(
            {"kind": kind, "value": value, "purpose": purpose}
        ).model_dump()
        response = await self._request(
            "POST", "/sync/lookup", json=body, headers={STAFF_HEADER: staff_token}
        )
        return CustomerBundle.model_validate_json(response.content)

    async def customer(self, customer_id: str) -> CustomerBundle:
        response = await self._request("GET", f"/sync/customers/{customer_id}")
        return CustomerBundle.model_validate_json(response.content)

    async def checksums(self) -> Checksums:
        response = await self._request("GET", "/sync/checksums")
        return Checksums.model_validate_json(response.content)
