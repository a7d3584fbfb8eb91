"""A minimal in-memory device for protocol tests: applies pull pages to dicts."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import httpx

from clienteling.protocol import STAFF_HEADER
from clienteling.protocol.hlc import HybridClock
from tests.conftest import LiveServer


@dataclass
class DictReplica:
    """What a device holds: entity → id → row, and its cursor."""

    rows: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)
    cursor: str = ""
    pages: int = 0
    newest_stamp: str = ""

    def apply(self, changes: list[dict[str, Any]]) -> None:
        for change in changes:
            self.newest_stamp = max(self.newest_stamp, change.get("stamp") or "")
            table = self.rows.setdefault(change["entity"], {})
            if change["op"] == "delete":
                table.pop(change["id"], None)
            else:
                table[change["id"]] = change["data"]

    def pull(
        self,
        http: httpx.Client,
        headers: dict[str, str],
        limit: int = 500,
        max_pages: int | None = None,
    ) -> bool:
        """Pull until caught up (or ``max_pages``); returns True when caught up."""
        while max_pages is None or max_pages > 0:
            r = http.get(
                "/sync/pull", params={"cursor": self.cursor, "limit": limit}, headers=headers
            )
            r.raise_for_status()
            page = r.json()
            self.apply(page["changes"])
            self.cursor = page["cursor"]
            self.pages += 1
            if max_pages is not None:
                max_pages -= 1
            if not page["has_more"]:
                return True
        return False

    def customers(self) -> set[str]:
        return set(self.rows.get("customer", {}))


@dataclass
class Device:
    server: LiveServer
    store_code: str = "MAD01"
    token: str = ""
    replica: DictReplica = field(default_factory=DictReplica)

    staff: str = ""

    def __post_init__(self) -> None:
        if not self.token:
            self.token = self.server.enrol(self.store_code)["device_token"]
        self.clock = HybridClock(node=uuid.uuid4().hex[:8])
        # An assistant of the store signs in on the tablet: its edits name her session.
        self.staff = self.staff or f"dependienta.{self.store_code.lower()}"
        login = self.server.device_sign_in(self.token, self.staff)
        self.session_id: str = login["session_id"]
        self.staff_token: str = login["access_token"]

    @property
    def headers(self) -> dict[str, str]:
        return self.server.device_headers(self.token)

    @property
    def staff_headers(self) -> dict[str, str]:
        """For live calls made for the assistant signed in on it (look-ups)."""
        return {**self.headers, STAFF_HEADER: self.staff_token}

    def sync(self) -> None:
        """Pull until caught up; the clock moves past every stamp received, as a tablet's does."""
        with self.server.client() as http:
            self.replica.pull(http, self.headers)
        if self.replica.newest_stamp:
            self.clock.observe(self.replica.newest_stamp)

    def mutation(
        self,
        kind: str,
        customer_id: str | None,
        payload: dict[str, Any],
        mutation_id: str | None = None,
    ) -> dict[str, Any]:
        return {
            "id": mutation_id or str(uuid.uuid4()),
            "kind": kind,
            "customer_id": customer_id,
            "session_id": self.session_id,
            "hlc": self.clock.now(),
            "created_at": datetime.now(UTC).isoformat(),
            "payload": payload,
        }

    def push(self, *mutations: dict[str, Any]) -> list[dict[str, Any]]:
        with self.server.client() as http:
            r = http.post("/sync/push", json={"mutations": list(mutations)}, headers=self.headers)
            r.raise_for_status()
            outcomes: list[dict[str, Any]] = r.json()["outcomes"]
            return outcomes


def new_id() -> str:
    return str(uuid.uuid4())
