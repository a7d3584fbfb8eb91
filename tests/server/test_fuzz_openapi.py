"""The API keeps the promises of its own OpenAPI document, whoever calls it (schemathesis).

Every operation of the live server's document is fuzzed with valid and invalid requests, signed
in as each role — an associate, a manager, the admin, and an enrolled tablet (device token plus
protocol header) — over real HTTP, on SQLite and on PostgreSQL (whose integer columns overflow
where SQLite's do not). Each answer goes through every schemathesis check that judges one
answer: no server error; a documented status; the documented content type, headers and body
schema (``ErrorBody`` for every error); invalid data refused; a missing required header refused;
an unsupported method answered 405 with ``Allow``; authentication not ignored.

Left out on purpose: ``positive_data_acceptance`` — the API refuses some schema-valid requests
with 422 for rules a JSON schema cannot state (an order needs at least one customer identifier,
an unsubscribe token must carry our signature, a CSV upload must be a valid POS file, no NUL in
text) — and the stateful checks, which need links between operations that this API does not
declare.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.generation.modes import GenerationMode
from schemathesis.specs.openapi import checks

from sync_server.app import create_app
from sync_server.settings import Settings
from tests.conftest import Templates, start_live_server

ROLES = ("associate", "manager", "admin", "device")
CHECKS = [
    not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_headers_conformance,
    checks.response_schema_conformance,
    checks.negative_data_rejection,
    checks.missing_required_header,
    checks.unsupported_method,
    checks.allow_header_conformance,
    checks.ignored_auth,
]
# schemathesis's defaults, plus 413 (body too large) and 426 (a request without the sync
# protocol header is refused as from an app that must be updated).
REJECTIONS = ["400", "401", "403", "404", "405", "406", "409", "413", "415", "422", "426", "428"]
CONFIG = {"checks": {"negative_data_rejection": {"expected-statuses": [*REJECTIONS, "429"]}}}
EXAMPLES = 10


def _operation_labels() -> list[str]:
    app = create_app(Settings(database_url="sqlite://"))
    return [
        f"{method.upper()} {path}"
        for path, methods in app.openapi()["paths"].items()
        for method in methods
    ]


@dataclass
class Target:
    url: str
    schema: Any
    headers: dict[str, dict[str, str]]


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def target(
    request: pytest.FixtureRequest, templates: Templates, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Target]:
    """One seeded server per database for the whole module (fuzzing changes nothing that
    matters to the next operation); everyone signs in before sign-in itself is fuzzed."""
    server, stop = start_live_server(
        templates, tmp_path_factory.mktemp("fuzz"), backend=request.param
    )
    try:
        headers = {
            "associate": server.staff_headers("dependienta.mad01"),
            "manager": server.staff_headers("gerente.mad01"),
            "admin": server.staff_headers(),
            "device": server.device_headers(server.enrol("MAD01", "fuzz")["device_token"]),
        }
        schema = schemathesis.openapi.from_url(
            server.url + "/openapi.json", config=SchemathesisConfig.from_dict(CONFIG)
        )
        yield Target(url=server.url, schema=schema, headers=headers)
    finally:
        stop()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("label", _operation_labels())
def test_answers_conform_to_the_openapi_document(label: str, role: str, target: Target) -> None:
    method, path = label.split(" ", 1)
    operation = target.schema[path][method]
    credentials = target.headers[role]
    failures: list[str] = []
    # Credentials are fixed, not generated: a negative case never "removes" them only to have
    # them put back, so what schemathesis judges is what was sent.
    cases = st.one_of(
        operation.as_strategy(GenerationMode.POSITIVE, headers=credentials),
        operation.as_strategy(GenerationMode.NEGATIVE, headers=credentials),
    )

    @given(case=cases)
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def check(case: Any) -> None:
        headers = dict(case.headers or {})
        response = case.call(base_url=target.url)
        try:
            case.validate_response(
                response,
                checks=CHECKS,
                headers=headers,
                transport_kwargs={"base_url": target.url, "headers": credentials},
            )
        except BaseExceptionGroup as group:
            failures.extend(
                f"{case.method} {case.formatted_path} → {response.status_code}: {failure}"[:600]
                for failure in group.exceptions
            )

    check()
    assert failures == []


def test_every_error_is_documented_with_the_error_body() -> None:
    """What a client generator reads: ErrorBody for each 4xx, the statuses each route needs."""
    document = create_app(Settings(database_url="sqlite://")).openapi()
    schemas = document["components"]["schemas"]
    assert "HTTPValidationError" not in schemas
    assert schemas["ErrorBody"]["required"] == ["code", "message"]
    operations = {
        (method.upper(), path): op
        for path, methods in document["paths"].items()
        for method, op in methods.items()
    }
    for (method, path), op in operations.items():
        errors = {s: r for s, r in op["responses"].items() if s.startswith("4")}
        assert "422" in errors, (method, path)
        for response in errors.values():
            assert response["content"]["application/json"]["schema"] == {
                "$ref": "#/components/schemas/ErrorBody"
            }
        if "requestBody" in op:
            assert {"400", "413"} <= set(errors), (method, path)
        if op.get("security"):
            assert {"401", "403"} <= set(errors), (method, path)
        if path.startswith("/api/v1/sync/"):
            assert "426" in errors, (method, path)
    assert "429" in operations[("POST", "/api/v1/auth/login")]["responses"]
    assert "429" in operations[("POST", "/api/v1/sync/lookup")]["responses"]
    assert "410" in operations[("GET", "/api/v1/sync/pull")]["responses"]
    assert "409" in operations[("POST", "/api/v1/staff")]["responses"]
    assert "404" in operations[("GET", "/api/v1/customers/{customer_id}/export")]["responses"]
    protocol = next(
        p for p in operations[("POST", "/api/v1/sync/push")]["parameters"] if p["in"] == "header"
    )
    assert protocol["required"] is True
