"""Helpers for client tests against the real sync server (fixtures live in tests/conftest.py)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any, TypeVar

import httpx

from clienteling.replica.schema import table
from clienteling.replica.store import Replica
from clienteling.sync.credentials import TokenStore
from clienteling.sync.engine import RetryPolicy, SyncEngine

T = TypeVar("T")


async def no_sleep(_: float) -> None:
    """Backoff without waiting: tests must not depend on timing."""


def run(coro: Coroutine[Any, Any, T]) -> T:
    return asyncio.run(coro)


def make_engine(
    replica: Replica,
    url: str,
    *,
    token: str | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
    attempts: int = 5,
    push_batch: int = 200,
    page_limit: int = 1000,
    tokens: TokenStore | None = None,
    on_wipe: Callable[[str], None] | None = None,
) -> SyncEngine:
    return SyncEngine(
        replica,
        url,
        token=token,
        tokens=tokens,
        transport=transport,
        retry=RetryPolicy(attempts=attempts, sleep=no_sleep),
        push_batch=push_batch,
        page_limit=page_limit,
        on_wipe=on_wipe,
    )


async def enrolled(
    replica: Replica,
    url: str,
    store: str = "MAD01",
    **kw: Any,
) -> SyncEngine:
    engine = make_engine(replica, url, **kw)
    await engine.enrol(store, "admin", "admin", device_name=f"test-{replica.path.parent.name}")
    # An assistant of the store signs in on the tablet: the edits the test makes are hers.
    await engine.sign_in(f"dependienta.{store.lower()}", "demo")
    return engine


def open_replica(path: Path) -> Replica:
    return Replica.in_dir(path)


def rich_customer(replica: Replica) -> tuple[str, str, int]:
    """A home-store customer with an unused, valid coupon and some points: (id, coupon, pts)."""
    conn = replica.read()
    row = conn.execute(
        f"SELECT c.customer_id, cp.id, la.points_balance FROM {table('customer')} c "
        f"JOIN {table('coupon')} cp ON cp.customer_id = c.customer_id "
        f"JOIN {table('loyalty_account')} la ON la.customer_id = c.customer_id "
        "WHERE cp.redeemed_at IS NULL AND la.points_balance >= 50 "
        "AND (json_extract(cp.wire, '$.valid_until') IS NULL "
        "OR json_extract(cp.wire, '$.valid_until') > strftime('%Y-%m-%dT%H:%M:%S', 'now')) "
        "AND c.home_store_id = (SELECT value FROM meta WHERE key = 'store_id') "
        "ORDER BY c.customer_id LIMIT 1"
    ).fetchone()
    assert row is not None, "seed has no customer with a coupon and points"
    return str(row[0]), str(row[1]), int(row[2])
