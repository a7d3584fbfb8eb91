"""Request size limits, enforced before anything reads the body.

A pure ASGI middleware, outside every route, dependency and body parser: a request whose
``Content-Length`` is over the route's limit is answered 413 without a byte of its body being
read (so before authentication and before JSON parsing), and a body streamed without a length
is counted as it arrives and cut off at the limit. Starlette's own ``max_body_size`` only
checks when the app starts reading and answers in plain text; this one answers at once, with
the API's JSON error body.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from clienteling.protocol import API_PREFIX


@dataclass(frozen=True)
class BodyLimits:
    """Largest request body per kind of route, in bytes."""

    default: int
    bulk: int
    upload: int

    def for_request(self, method: str, path: str) -> int:
        if method == "POST" and path in UPLOAD_ROUTES:
            return self.upload
        if method == "POST" and path in BULK_ROUTES:
            return self.bulk
        return self.default


# Routes whose valid bodies outgrow the JSON default: a 500-mutation push, a 50,000-customer
# export list, a 10,000-line stock feed; and the POS CSV upload.
BULK_ROUTES = frozenset(
    API_PREFIX + path for path in ("/sync/push", "/exports/customers.csv", "/ingest/stock")
)
UPLOAD_ROUTES = frozenset(API_PREFIX + path for path in ("/import/pos-sales", "/imports/pos-sales"))


class _BodyTooLarge(Exception):
    """Raised inside ``receive`` to stop whoever is reading the body."""


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


def _refusal(limit: int) -> bytes:
    return json.dumps(
        {
            "code": "payload_too_large",
            "message": f"The request body is larger than this endpoint accepts ({limit:,} bytes).",
            "detail": {"limit": limit},
        }
    ).encode()


class BodySizeLimit:
    """413 ``payload_too_large`` for a body over the limit, announced or streamed."""

    def __init__(self, app: ASGIApp, limits: BodyLimits) -> None:
        self.app = app
        self.limits = limits

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limits.for_request(scope["method"], scope["path"])
        announced = _content_length(scope)
        if announced is not None and announced > limit:
            await self._refuse(send, limit)
            return
        received = 0
        exceeded = False
        started = False

        async def counting_receive() -> Message:
            nonlocal received, exceeded
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    exceeded = True
                    raise _BodyTooLarge
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if exceeded:
                # Whatever the app made of the cut-off body (a parse error) is not the answer.
                return
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, guarded_send)
        except Exception:
            # ``_BodyTooLarge`` itself, or what a body parser turned it into.
            if not exceeded or started:
                raise
        if exceeded and not started:
            await self._refuse(send, limit)

    @staticmethod
    async def _refuse(send: Send, limit: int) -> None:
        body = _refusal(limit)
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                    (b"connection", b"close"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})
