"""No request the OpenAPI document allows can make the server answer 500 (schemathesis).

Each operation of the live server's own OpenAPI document is fuzzed with generated requests,
signed in as an admin (or as an enrolled tablet for the sync API), over real HTTP, on SQLite
and on PostgreSQL (whose integer columns overflow where SQLite's do not).
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from sync_server.app import create_app
from sync_server.settings import Settings
from tests.conftest import LiveServer


def _operation_labels() -> list[str]:
    app = create_app(Settings(database_url="sqlite://"))
    return [
        f"{method.upper()} {path}"
        for path, methods in app.openapi()["paths"].items()
        for method in methods
    ]


@pytest.mark.parametrize("label", _operation_labels())
def test_no_server_errors(label: str, server: LiveServer) -> None:
    live_server = server
    schema = schemathesis.openapi.from_url(live_server.url + "/openapi.json")
    method, path = label.split(" ", 1)
    operation = schema[path][method]
    if path.startswith("/api/v1/sync"):
        headers = live_server.device_headers(live_server.enrol("MAD01")["device_token"])
    else:
        headers = live_server.staff_headers()
    failures: list[str] = []

    @given(case=operation.as_strategy())
    @settings(
        max_examples=15, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    def check(case: Any) -> None:
        response = case.call(base_url=live_server.url, headers={**(case.headers or {}), **headers})
        if response.status_code >= 500:
            failures.append(
                f"{case.method} {case.formatted_path} {case.body!r}: {response.text[:300]}"
            )

    check()
    assert failures == []
