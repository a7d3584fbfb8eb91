"""Typed async client of the sync server's API, with errors a person can read.

Expected failures (no network, server down, token revoked, old app) become typed exceptions with
a plain-words message; the engine decides which to retry. ``transport`` lets tests inject faults.
"""

from __future__ import annotations

from typing import Any

import httpx
from pydantic import BaseModel

from clienteling.protocol import API_PREFIX, PROTOCOL_HEADER, PROTOCOL_VERSION
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


class NotFound(SyncError):
    pass


class OutOfScope(SyncError):
    pass


class ApiError(SyncError):
    """Any other refusal (validation, permissions); the server's message is kept."""


class InsecureServer(SyncError):
    """A plain http:// server on another machine: refused before anything is sent."""


class LoginResult(BaseModel):
    access_token: str
    token_type: str = "bearer"  # noqa: S105 - the OAuth token type, not a secret
    staff: dict[str, Any]


class EnrolResult(BaseModel):
    device_id: str
    device_token: str
    store_id: str
    store_code: str


def _error(response: httpx.Response) -> SyncError:
    try:
        body = ErrorBody.model_validate(response.json())
        code, message = body.code, body.message
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
    ) -> httpx.Response:
        if is_insecure(self.base_url, allow_insecure_http=self.allow_insecure_http):
            raise InsecureServer(insecure_message(self.base_url), code="insecure_server")
        headers = {}
        token = bearer or self.token
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

    async def login(self, username: str, password: str) -> LoginResult:
        response = await self._request(
            "POST", "/auth/login", json={"username": username, "password": password}
        )
        return LoginResult.model_validate_json(response.content)

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

    async def pull(self, cursor: int, limit: int = 1000) -> PullPage:
        response = await self._request(
            "GET", "/sync/pull", params={"cursor": cursor, "limit": limit}
        )
        # Parsed straight from bytes by pydantic-core: several times faster than json() + validate.
        return PullPage.model_validate_json(response.content)

    async def push(self, mutations: list[Mutation]) -> PushResult:
        body = PushRequest(mutations=mutations).model_dump(mode="json")
        response = await self._request("POST", "/sync/push", json=body)
        return PushResult.model_validate_json(response.content)

    async def lookup(self, kind: str, value: str) -> CustomerBundle:
        body = LookupRequest.model_validate({"kind": kind, "value": value}).model_dump()
        response = await self._request("POST", "/sync/lookup", json=body)
        return CustomerBundle.model_validate_json(response.content)

    async def customer(self, customer_id: str) -> CustomerBundle:
        response = await self._request("GET", f"/sync/customers/{customer_id}")
        return CustomerBundle.model_validate_json(response.content)

    async def checksums(self) -> Checksums:
        response = await self._request("GET", "/sync/checksums")
        return Checksums.model_validate_json(response.content)
