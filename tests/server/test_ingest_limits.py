"""Limits that protect the server: an event payload too deep or too large is refused with a 4xx
naming the field (it used to answer 500, or be stored whole), and nothing is stored for it."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import text

from tests.conftest import LiveServer

# The documented bounds (sync_server/ingest/schemas.py), restated so a change to them shows here.
DEPTH = 16
SIZE = 16 * 1024


def _event(email: str, payload: dict[str, Any]) -> dict[str, Any]:
    return {
        "kind": "survey",
        "at": "2026-10-05T09:00:00Z",
        "summary": "NPS",
        "customer": {"email": email},
        "payload": payload,
    }


def _nested(levels: int) -> dict[str, Any]:
    """An object ``levels`` objects deep: {"a": {"a": ... {} }}."""
    value: dict[str, Any] = {}
    for _ in range(levels - 1):
        value = {"a": value}
    return value


def _events_of(server: LiveServer, email: str) -> int:
    with server.engine.connect() as conn:
        count: int = conn.execute(
            text(
                "SELECT count(*) FROM interaction i JOIN identity d"
                " ON d.customer_id = i.customer_id WHERE d.kind = 'email' AND d.value = :e"
            ),
            {"e": email},
        ).scalar_one()
    return count


def test_a_payload_nested_900_levels_is_refused_naming_the_field(server: LiveServer) -> None:
    with server.client() as http:
        r = http.post(
            "/ingest/events",
            json=_event("deep@example.com", _nested(900)),
            headers=server.staff_headers(),
        )
    assert r.status_code == 422, r.text
    assert [e["field"] for e in r.json()["detail"]] == ["payload"]
    assert f"at most {DEPTH}" in r.json()["message"]
    assert _events_of(server, "deep@example.com") == 0


def test_a_payload_at_the_depth_bound_is_kept_as_sent(server: LiveServer) -> None:
    payload = _nested(DEPTH)
    with server.client() as http:
        ok = http.post(
            "/ingest/events",
            json=_event("edge@example.com", payload),
            headers=server.staff_headers(),
        )
        one_more = http.post(
            "/ingest/events",
            json=_event("edge2@example.com", _nested(DEPTH + 1)),
            headers=server.staff_headers(),
        )
    assert ok.status_code == 200, ok.text
    assert one_more.status_code == 422
    with server.engine.connect() as conn:
        stored = conn.execute(
            text("SELECT payload FROM interaction WHERE id = :i"), {"i": ok.json()["id"]}
        ).scalar_one()
    assert (json.loads(stored) if isinstance(stored, str) else stored) == payload


def test_a_large_payload_is_refused_and_a_huge_body_is_413(server: LiveServer) -> None:
    big = {"notes": "x" * (SIZE + 1)}  # 16 KB of text: well under the 1 MiB body limit
    just_under = {"notes": "x" * (SIZE - 20)}  # {"notes":"..."} is 12 bytes more than its text
    with server.client() as http:
        r = http.post(
            "/ingest/events", json=_event("big@example.com", big), headers=server.staff_headers()
        )
        assert r.status_code == 422, r.text
        assert [e["field"] for e in r.json()["detail"]] == ["payload"]
        fits = http.post(
            "/ingest/events",
            json=_event("fits@example.com", just_under),
            headers=server.staff_headers(),
        )
        assert fits.status_code == 200, fits.text
        # 10 MB, as in the issue: refused by the body limit before anything reads it.
        huge = http.post(
            "/ingest/events",
            json=_event("huge@example.com", {"notes": "x" * (10 * 1024 * 1024)}),
            headers=server.staff_headers(),
        )
        assert huge.status_code == 413
        # Nesting that Python's own JSON parser cannot follow is a 4xx too, never a 500.
        deep_raw = (
            '{"kind":"survey","at":"2026-10-05T09:00:00Z","customer":{"email":"raw@example.com"},'
            '"payload":{"a":' + "[" * 100_000 + "]" * 100_000 + "}}"
        )
        raw = http.post(
            "/ingest/events",
            content=deep_raw,
            headers={"Content-Type": "application/json", **server.staff_headers()},
        )
        assert 400 <= raw.status_code < 500
    assert _events_of(server, "big@example.com") == 0
    assert _events_of(server, "huge@example.com") == 0
    assert _events_of(server, "raw@example.com") == 0
    assert _events_of(server, "fits@example.com") == 1
