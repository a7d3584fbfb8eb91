"""Errors a caller can cause: each becomes a 4xx answer with a stable code and a plain message."""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    status_code = 400
    code = "bad_request"

    def __init__(
        self,
        message: str,
        *,
        code: str | None = None,
        detail: Any = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        if code:
            self.code = code
        self.detail = detail
        self.headers = headers


class InvalidInput(DomainError):
    status_code = 422
    code = "invalid_input"


class NotFound(DomainError):
    status_code = 404
    code = "not_found"


class Forbidden(DomainError):
    status_code = 403
    code = "forbidden"


class Unauthorized(DomainError):
    status_code = 401
    code = "unauthorized"


class Conflict(DomainError):
    status_code = 409
    code = "conflict"


class ResetRequired(DomainError):
    status_code = 410
    code = "reset_required"


class ProtocolMismatch(DomainError):
    status_code = 426
    code = "protocol_mismatch"


class TooManyRequests(DomainError):
    """A limit was reached; ``retry_after`` goes to ``Retry-After`` and to ``detail``."""

    status_code = 429
    code = "too_many_attempts"

    def __init__(
        self,
        message: str,
        *,
        retry_after: int | None = None,
        code: str | None = None,
        detail: Any = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        if retry_after is not None:
            detail = {**(detail or {}), "retry_after": retry_after}
            headers = {**(headers or {}), "Retry-After": str(retry_after)}
        super().__init__(message, code=code, detail=detail, headers=headers)
