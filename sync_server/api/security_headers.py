"""Security headers on every answer, errors and the 413 of the size limit included.

(A 500 is answered by Starlette outside every middleware; its handler, ``api.errors``, sets
``API_HEADERS`` itself.)

The API answers JSON (and CSV exports) that no browser should render, frame, sniff or keep in a
cache: a customer's GDPR export must not linger on a shared computer's disk. HTML pages (only
the interactive API docs, in development) get a policy that lets them load their scripts.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

HSTS = "max-age=63072000; includeSubDomains"
API_CSP = "default-src 'none'; frame-ancestors 'none'"
# Swagger UI and ReDoc (FastAPI's /docs and /redoc) load their bundles from jsDelivr, start with an
# inline script, and ReDoc runs a blob: worker and Google Fonts.
HTML_CSP = (
    "default-src 'none'; "
    "script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; "
    "style-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net https://fonts.googleapis.com; "
    "font-src https://fonts.gstatic.com; "
    "img-src 'self' data: https://fastapi.tiangolo.com https://cdn.redoc.ly; "
    "connect-src 'self'; worker-src blob:; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)

COMMON = (
    (b"strict-transport-security", HSTS.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cache-control", b"no-store"),
)


API_HEADERS = {
    **{name.decode(): value.decode() for name, value in COMMON},
    "content-security-policy": API_CSP,
}


def _with_security_headers(headers: list[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
    present = {name.lower() for name, _ in headers}
    content_type = next((v for n, v in headers if n.lower() == b"content-type"), b"")
    csp = HTML_CSP if content_type.startswith(b"text/html") else API_CSP
    extra = [*COMMON, (b"content-security-policy", csp.encode())]
    return headers + [(name, value) for name, value in extra if name not in present]


class SecurityHeaders:
    """Adds the headers a route did not set itself."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {
                    **message,
                    "headers": _with_security_headers(list(message.get("headers", []))),
                }
            await send(message)

        await self.app(scope, receive, send_with_headers)
