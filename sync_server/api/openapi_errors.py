"""The OpenAPI document names every error an operation can answer, with the real error body.

FastAPI documents only 422, and with its own validation schema, while every error of this API is
``ErrorBody`` ``{code, message, detail}``. Rather than listing errors by hand on each route, the
statuses follow from what the document already says about an operation, in one place:

* every operation: 422 (validation, and NUL characters anywhere in the request);
* a request body: 400 (undecodable) and 413 (over the size limit, ``body_limit``);
* a bearer token: 401 (none, expired, revoked) and 403 (role or store);
* a path parameter: 404;
* the ``X-Clienteling-Protocol`` header (the device API): 426;
* a throttled operation (``THROTTLED``): 429;
* the domain errors of particular operations (``DOMAIN_ERRORS``: an unknown store code, a
  conflict, an expired cursor), and whatever a route declares itself in ``responses=``.

The fuzz test (``tests/server/test_fuzz_openapi.py``) fails on any status not documented here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import FastAPI

from clienteling.protocol import API_PREFIX, PROTOCOL_HEADER
from clienteling.protocol.messages import ErrorBody

ERROR_SCHEMA = "ErrorBody"
ERROR_REF = f"#/components/schemas/{ERROR_SCHEMA}"
DESCRIPTIONS = {
    400: "Malformed request body (it cannot be decoded as the declared media type)",
    401: "Not signed in: the bearer token is missing, expired or revoked",
    403: "Signed in, but this role or store may not do this",
    404: "Not found",
    409: "Conflicts with the current state",
    410: "The cursor is older than the tombstone horizon: rebuild from cursor 0, keep the outbox",
    413: "The request body is larger than this endpoint accepts (detail.limit, in bytes)",
    422: "Invalid request: detail lists each field and reason (also: NUL characters)",
    426: "The app speaks another sync protocol version: update the app",
    429: "Too many attempts: wait before trying again",
}
# Paths below are without /api/v1.
# Operations with attempt limits (sign-in, on-demand lookup of another store's customer).
THROTTLED = frozenset({("post", "/auth/login"), ("post", "/sync/lookup")})
# Errors raised by an operation's own logic, beyond the rules above.
DOMAIN_ERRORS: dict[tuple[str, str], frozenset[int]] = {
    ("post", "/auth/login"): frozenset({401}),  # wrong user name or password
    ("post", "/auth/refresh"): frozenset({401}),  # refresh token used up, reused or ended
    ("post", "/devices/enrol"): frozenset({404}),  # unknown store code
    ("get", "/sync/pull"): frozenset({400, 410}),  # a cursor not ours; past the horizon
    ("post", "/sync/lookup"): frozenset({404}),
    ("post", "/customers/{customer_id}/merge"): frozenset({409}),
    ("post", "/customers/merges/{merge_id}/split"): frozenset({409}),
    ("post", "/staff"): frozenset({404, 409}),  # unknown store, user name taken
    ("get", "/outreach/unsubscribe"): frozenset({404}),  # the customer was erased
    ("post", "/outreach/unsubscribe"): frozenset({404}),
    ("get", "/outreach/messages"): frozenset({404}),  # unknown store code, here and below
    ("post", "/outreach/segment-preview"): frozenset({404}),
    ("post", "/outreach/campaigns"): frozenset({404}),
    ("get", "/outreach/campaigns"): frozenset({404}),
    ("patch", "/outreach/campaigns/{campaign_id}"): frozenset({409}),  # already sent
    ("post", "/outreach/campaigns/{campaign_id}/send"): frozenset({409}),
    ("post", "/outreach/cart-calls"): frozenset({404, 409}),  # no associates to call
    ("get", "/outreach/kpis"): frozenset({404}),
    ("get", "/outreach/retention-preview"): frozenset({404}),
    ("get", "/exports/customers.csv"): frozenset({404}),
    ("post", "/exports/customers.csv"): frozenset({404}),
    ("post", "/ingest/coupon-redemptions"): frozenset({404, 409}),  # unknown, used or expired
    ("post", "/ingest/returns"): frozenset({409}),  # another customer's; beyond earlier returns
    ("post", "/ingest/orders"): frozenset({409}),  # same id: other customer, currency; stale
    ("post", "/ingest/events"): frozenset({409}),  # same id with other content
}
# FastAPI's validation error models, replaced by ErrorBody.
_FASTAPI_SCHEMAS = ("HTTPValidationError", "ValidationError")


def _is_protocol_header(parameter: dict[str, Any]) -> bool:
    return bool(
        parameter.get("in") == "header"
        and parameter.get("name", "").lower() == PROTOCOL_HEADER.lower()
    )


def _statuses(method: str, path: str, operation: dict[str, Any]) -> set[int]:
    key = (method, path.removeprefix(API_PREFIX))
    parameters = operation.get("parameters", [])
    statuses = {422} | {int(s) for s in operation.get("responses", {}) if s.startswith("4")}
    if "requestBody" in operation:
        statuses |= {400, 413}
    if operation.get("security"):
        statuses |= {401, 403}
    if any(p.get("in") == "path" for p in parameters):
        statuses.add(404)
    if any(_is_protocol_header(p) for p in parameters):
        statuses.add(426)
    if key in THROTTLED:
        statuses.add(429)
    return statuses | DOMAIN_ERRORS.get(key, frozenset())


def document_errors(schema: dict[str, Any]) -> dict[str, Any]:
    """Add the error answers of every operation to ``schema`` (in place; returns it)."""
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components[ERROR_SCHEMA] = ErrorBody.model_json_schema(
        ref_template="#/components/schemas/{model}"
    )
    for path, item in schema.get("paths", {}).items():
        for method, operation in item.items():
            for parameter in operation.get("parameters", []):
                if _is_protocol_header(parameter):
                    # Optional for FastAPI so that its absence is a 426 (update the app), not a
                    # 422; a request without it is refused all the same.
                    parameter["required"] = True
            responses = operation.setdefault("responses", {})
            for status in sorted(_statuses(method, path, operation)):
                description = responses.get(str(status), {}).get("description")
                if not description or description == "Validation Error":
                    description = DESCRIPTIONS.get(status, "Error")
                responses[str(status)] = {
                    "description": description,
                    "content": {"application/json": {"schema": {"$ref": ERROR_REF}}},
                }
    for name in _FASTAPI_SCHEMAS:
        components.pop(name, None)
    return schema


def install(app: FastAPI) -> None:
    """Make ``app.openapi()`` (and ``/openapi.json``) return the documented schema."""
    generate: Callable[[], dict[str, Any]] = app.openapi
    documented: set[int] = set()

    def openapi() -> dict[str, Any]:
        schema = generate()
        if id(schema) not in documented:
            document_errors(schema)
            documented.add(id(schema))
        return schema

    app.openapi = openapi  # type: ignore[method-assign]
