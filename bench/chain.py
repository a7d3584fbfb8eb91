"""Sync at chain scale, on PostgreSQL: a store's cost follows its store, not the chain.

* A chain of 50 stores against one of 5 with the same customers per store: one store's initial
  sync (server pull over HTTP, and end to end into a replica), as a ratio 50 / 5.
* An incremental pull of a store with no change of its own while 10,000 changes land in other
  stores, against reading those 10,000 changes (what a chain-wide log made every tablet do).
* Ingestion throughput (web orders) with 1 and with 8 concurrent senders over two server
  processes, and the share of open transactions that wait on a lock meanwhile (writers that
  serialised on a shared lock would show there; on a 2-core machine the ratio is bound by CPU).
* Optionally (``bucket_customers``) the initial sync of one big store bucket end to end, and
  the replica's size per customer.

The server runs as ``sync-server serve`` in a process of its own, as in production; tablets
sync into encrypted replicas, as the app does.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import statistics
import tempfile
import threading
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import create_engine, text

from clienteling.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION
from clienteling.protocol.pages import decode_page
from clienteling.replica.store import Replica
from clienteling.sync.engine import SyncEngine
from sync_server.db import make_engine, write_session
from sync_server.domain.models import Note
from sync_server.embedded import ServerProcess
from sync_server.schema import upgrade
from sync_server.seed import seed

PG_ADMIN = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


def _fresh_database(name: str) -> str:
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        conn.execute(text(f"CREATE DATABASE {name}"))
    admin.dispose()
    return PG_ADMIN.rsplit("/", 1)[0] + f"/{name}"


def _drop_database(name: str) -> None:
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
    admin.dispose()


def _seeded(name: str, stores: int, customers: int) -> tuple[str, float]:
    url = _fresh_database(name)
    engine = make_engine(url)
    upgrade(engine)
    report = seed(engine, customers, stores=stores, uniform=True)
    engine.dispose()
    return url, report.seconds


def _staff_headers(http: httpx.Client) -> dict[str, str]:
    r = http.post("/auth/login", json={"username": "admin", "password": "admin"})
    r.raise_for_status()
    return {"Authorization": f"Bearer {r.json()['access_token']}"}


def _device(http: httpx.Client, store_code: str) -> tuple[str, dict[str, str]]:
    r = http.post(
        "/devices/enrol",
        json={"store_code": store_code, "name": f"bench-{store_code}"},
        headers=_staff_headers(http),
    )
    r.raise_for_status()
    token = r.json()["device_token"]
    return token, {"Authorization": f"Bearer {token}", PROTOCOL_HEADER: str(PROTOCOL_VERSION)}


def _pull_all(
    http: httpx.Client, headers: dict[str, str], cursor: str = "", *, compact: bool = False
) -> tuple[int, str]:
    """Every page from ``cursor`` on, as JSON or in the compact form the app asks for."""
    rows = 0
    while True:
        params: dict[str, Any] = {"cursor": cursor, "limit": 5000}
        if compact:
            params["format"] = "rows"
        r = http.get("/sync/pull", params=params, headers=headers)
        r.raise_for_status()
        if compact:
            page = decode_page(r.text)
            rows += len(page.rows)
            cursor, more = page.header.cursor, page.header.has_more
        else:
            body = r.json()
            rows += len(body["changes"])
            cursor, more = body["cursor"], body["has_more"]
        if not more:
            return rows, cursor


def _end_to_end(
    url: str, token: str, folder: Path, transport: httpx.AsyncBaseTransport | None = None
) -> dict[str, Any]:
    """A tablet's first sync into an empty, encrypted replica, as the app does it."""
    replica = Replica(folder / "replica.sqlite3", key=os.urandom(32))

    async def go() -> int:
        engine = SyncEngine(
            replica, url, token=token, page_limit=5000, timeout=300, transport=transport
        )
        try:
            report = await engine.sync_once()
        finally:
            await engine.aclose()
        return report.pulled_rows

    started = time.perf_counter()
    rows = asyncio.run(go())
    seconds = time.perf_counter() - started
    customers = int(replica.read().execute("SELECT count(*) FROM e_customer").fetchone()[0])
    replica.close()
    size = sum(p.stat().st_size for p in folder.glob("replica.sqlite3*"))
    return {
        "rows": rows,
        "seconds": round(seconds, 2),
        "rows_per_s": round(rows / seconds),
        "customers": customers,
        "replica_mb": round(size / 2**20, 1),
        "replica_bytes_per_customer": round(size / max(customers, 1)),
    }


class _Recorded(httpx.AsyncBaseTransport):
    """The server's answers to one tablet's first sync, replayed from memory: the tablet's
    share of the time, without the server and the database on the same two cores."""

    def __init__(self, handshake: bytes, pages: dict[str, bytes]) -> None:
        self.handshake = handshake
        self.pages = pages

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/sync/handshake"):
            return httpx.Response(200, content=self.handshake, headers=_JSON)
        if request.url.path.endswith("/sync/pull"):
            page = self.pages[request.url.params.get("cursor", "")]
            return httpx.Response(200, content=page, headers={"content-type": "text/plain"})
        return httpx.Response(404, json={"code": "not_recorded", "message": "", "detail": None})


_JSON = {"content-type": "application/json"}


def _big_bucket(url: str, folder: Path) -> dict[str, Any]:
    """One big bucket three ways: the server alone serving every page (compact, as the app
    asks), the tablet alone storing those pages, and the two together end to end."""
    with (
        ServerProcess(url) as server,
        httpx.Client(base_url=server.url + "/api/v1", timeout=300) as http,
    ):
        token, headers = _device(http, "MAD01")
        handshake = http.get("/sync/handshake", headers=headers).content
        pages: dict[str, bytes] = {}
        cursor, more = "", True
        started = time.perf_counter()
        while more:
            r = http.get(
                "/sync/pull",
                params={"cursor": cursor, "limit": 5000, "format": "rows"},
                headers=headers,
            )
            r.raise_for_status()
            pages[cursor] = r.content
            header = json.loads(r.content.split(b"\n", 1)[0])
            cursor, more = header["cursor"], header["has_more"]
        server_seconds = time.perf_counter() - started
        e2e = _end_to_end(server.url, token, folder / "e2e")
    tablet = _end_to_end(server.url, token, folder / "tablet", _Recorded(handshake, pages))
    return {
        **e2e,
        "server_alone_seconds": round(server_seconds, 2),
        "tablet_alone_seconds": tablet["seconds"],
        "wire_mb": round(sum(len(p) for p in pages.values()) / 2**20, 1),
    }


def _initial_sync(url: str, store: str, repeats: int, folder: Path) -> dict[str, Any]:
    """Medians of ``repeats`` full pulls (JSON and compact) and of three first syncs into a new
    encrypted replica: one store's initial sync is short, so single runs are mostly noise."""
    with (
        ServerProcess(url) as server,
        httpx.Client(base_url=server.url + "/api/v1", timeout=300) as http,
    ):
        token, headers = _device(http, store)
        _pull_all(http, headers)  # warm the server's caches, as every later tablet finds them
        times: dict[bool, list[float]] = {False: [], True: []}
        rows = 0
        for _ in range(repeats):
            for compact in (False, True):
                started = time.perf_counter()
                rows, _ = _pull_all(http, headers, compact=compact)
                times[compact].append(time.perf_counter() - started)
        runs = [_end_to_end(server.url, token, folder / f"run{k}") for k in range(3)]
    e2e = sorted(runs, key=lambda r: r["seconds"])[1]
    return {
        "rows": rows,
        "pull_seconds": round(statistics.median(times[False]), 3),
        "compact_pull_seconds": round(statistics.median(times[True]), 3),
        "end_to_end": e2e,
    }


def _changes_elsewhere(url: str, store_code: str, count: int) -> None:
    """``count`` new notes on customers of the other stores, in transactions of 500."""
    engine = make_engine(url)
    with engine.connect() as conn:
        others = [
            r[0]
            for r in conn.execute(
                text(
                    "SELECT c.id FROM customer c JOIN store s ON s.id = c.home_store_id "
                    "WHERE s.code <> :code AND NOT EXISTS (SELECT 1 FROM customer_scope x "
                    "JOIN store y ON y.id = x.store_id WHERE x.customer_id = c.id "
                    "AND y.code = :code) ORDER BY c.id"
                ),
                {"code": store_code},
            )
        ]
    for start in range(0, count, 500):
        with write_session(engine) as session:
            for i in range(start, min(count, start + 500)):
                session.add(Note(id=str(uuid.uuid4()), customer_id=others[i % len(others)]))
    engine.dispose()


def _incremental(url: str, store: str, changes: int, repeats: int = 7) -> dict[str, Any]:
    with (
        ServerProcess(url) as server,
        httpx.Client(base_url=server.url + "/api/v1", timeout=300) as http,
    ):
        _, headers = _device(http, store)
        _, cursor = _pull_all(http, headers)
        _changes_elsewhere(url, store, changes)
        times = []
        got = 0
        for _ in range(repeats):
            started = time.perf_counter()
            got, _ = _pull_all(http, headers, cursor)
            times.append(time.perf_counter() - started)
        # The plain way of a chain-wide log: reading the other stores' new changes.
        engine = make_engine(url)
        started = time.perf_counter()
        with engine.connect() as conn:
            scanned = len(
                conn.execute(
                    text(
                        "SELECT entity, row_id, payload FROM bucket_log "
                        "WHERE entity = 'note' ORDER BY changed_at DESC LIMIT :n"
                    ),
                    {"n": changes},
                ).all()
            )
        plain = time.perf_counter() - started
        engine.dispose()
    return {
        "changes_elsewhere": changes,
        "rows_received": got,
        "pull_ms_median": round(statistics.median(times) * 1000, 1),
        "pull_ms_max": round(max(times) * 1000, 1),
        "reading_the_other_changes_ms": round(plain * 1000, 1),
        "rows_read_that_way": scanned,
    }


def _order(n: int, run: str) -> dict[str, Any]:
    return {
        "channel": "web",
        "external_id": f"bench-{run}-{n}",
        "ordered_at": datetime.now(UTC).isoformat(),
        "customer": {"email": f"bench.{run}.{n}@example.com", "first_name": "Ana"},
        "lines": [{"sku": "SKU00001", "size": "M", "quantity": 1, "unit_price": "39.95"}],
    }


def _ingest(url: str, senders: int, orders: int, processes: int = 2) -> dict[str, Any]:
    """Orders sent by ``senders`` concurrent clients, spread over ``processes`` servers (one
    Python process is bound by its interpreter lock; production runs several)."""
    servers = [ServerProcess(url) for _ in range(processes)]
    with contextlib.ExitStack() as stack:
        for server in servers:
            stack.enter_context(server)
        with httpx.Client(base_url=servers[0].url + "/api/v1", timeout=300) as http:
            headers = _staff_headers(http)
        run = uuid.uuid4().hex[:8]
        errors: list[str] = []

        def send(k: int) -> None:
            base = servers[k % processes].url + "/api/v1"
            with httpx.Client(base_url=base, timeout=300) as http:
                for n in range(k, orders, senders):
                    r = http.post("/ingest/orders", json=_order(n, run), headers=headers)
                    if r.status_code != 200:
                        errors.append(r.text)

        threads = [threading.Thread(target=send, args=(k,)) for k in range(senders)]
        done = threading.Event()
        waits = _LockWaits(url)
        sampler = threading.Thread(target=waits.sample, args=(done,))
        sampler.start()
        started = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        seconds = time.perf_counter() - started
        done.set()
        sampler.join()
    if errors:
        raise RuntimeError(f"ingestion failed: {errors[:3]}")
    return {
        "senders": senders,
        "server_processes": processes,
        "orders": orders,
        "orders_per_s": round(orders / seconds, 1),
        "transactions_waiting_on_a_lock": waits.share(),
    }


class _LockWaits:
    """Samples the database's open transactions: how many wait on a lock held by another.

    Writers that serialise on a shared lock show up here; writers bound by CPU do not."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.waiting = 0
        self.open = 0

    def sample(self, done: threading.Event) -> None:
        engine = make_engine(self.url)
        query = text(
            "SELECT count(*) FILTER (WHERE wait_event_type = 'Lock'), count(*) "
            "FROM pg_stat_activity WHERE datname = current_database() "
            "AND state IN ('active', 'idle in transaction') AND pid <> pg_backend_pid()"
        )
        with engine.connect() as conn:
            while not done.wait(0.02):
                waiting, total = conn.execute(query).one()
                self.waiting += waiting
                self.open += total
                conn.rollback()
        engine.dispose()

    def share(self) -> float:
        return round(self.waiting / self.open, 3) if self.open else 0.0


def run(
    per_store: int = 400,
    *,
    bucket_customers: int = 0,
    workdir: Path | None = None,
    keep: bool = False,
) -> dict[str, Any]:
    folder = workdir or Path(tempfile.mkdtemp(prefix="bench-chain-"))
    result: dict[str, Any] = {"customers_per_store": per_store}
    names = []
    for stores in (5, 50):
        name = f"bench_chain_{stores}"
        names.append(name)
        url, seed_s = _seeded(name, stores, per_store * stores)
        sync = _initial_sync(url, "MAD01", 9, folder / f"chain{stores}")
        result[f"chain_{stores}"] = {"stores": stores, "seed_seconds": round(seed_s, 1), **sync}
        if stores == 50:
            result["incremental"] = _incremental(url, "MAD01", 10_000)
            one = _ingest(url, 1, 300)
            eight = _ingest(url, 8, 800)
            result["ingest"] = {
                "one_sender": one,
                "eight_senders": eight,
                "ratio_8_vs_1": round(eight["orders_per_s"] / one["orders_per_s"], 2),
            }
    small, big = result["chain_5"], result["chain_50"]
    result["ratio_50_vs_5"] = {
        "pull": round(big["pull_seconds"] / small["pull_seconds"], 2),
        "compact_pull": round(big["compact_pull_seconds"] / small["compact_pull_seconds"], 2),
        "end_to_end": round(big["end_to_end"]["seconds"] / small["end_to_end"]["seconds"], 2),
        "rows": round(big["rows"] / small["rows"], 3),
    }
    if bucket_customers:
        name = "bench_bucket"
        names.append(name)
        url, seed_s = _seeded(name, 1, bucket_customers)
        result["big_bucket"] = {
            "customers": bucket_customers,
            "seed_seconds": round(seed_s, 1),
            **_big_bucket(url, folder / "bucket"),
        }
    if not keep:
        for name in names:
            _drop_database(name)
    return result
