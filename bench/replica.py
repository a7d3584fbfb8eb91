"""Replica benchmarks: search, customer 360, initial and incremental sync (DESIGN.md §6).

Each speed is also given as a ratio against the plain way measured in the same run (a naive
``LIKE`` search, a raw SQLite bulk insert of the same rows) so that numbers taken on a noisy
machine stay comparable. ``encryption`` puts the tablet's SQLCipher replica next to the same
data in a plain file (search, 360, opening a reader, forgetting a customer) as ratios; the sync
figures give the initial sync into an encrypted replica next to the plain one.
"""

from __future__ import annotations

import asyncio
import json
import random
import shutil
import sqlite3
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from clienteling.protocol.checksum import canonical_json
from clienteling.protocol.entities import ENTITY_ORDER
from clienteling.replica import cipher, customer_lists, edits, erasure, kpis, queries, search
from clienteling.replica.customer_lists import Segment, SortKey
from clienteling.replica.schema import table
from clienteling.replica.store import Replica, set_meta

FIRST = (
    "María",
    "José",
    "Lucía",
    "Íñigo",
    "Ana",
    "Álvaro",
    "Carmen",
    "Jesús",
    "Sofía",
    "Andrés",
    "Nerea",
    "Raúl",
    "Elena",
    "Óscar",
    "Paula",
    "Martín",
    "Inés",
    "Hugo",
    "Noelia",
    "Adrián",
)
LAST = (
    "García",
    "Núñez",
    "Martínez",
    "López",
    "Pérez",
    "Gómez",
    "Fernández",
    "Rodríguez",
    "Sánchez",
    "Muñoz",
    "Jiménez",
    "Ibáñez",
    "Peña",
    "Castaño",
    "Alonso",
    "Gutiérrez",
    "Ruiz",
    "Díaz",
    "Moreno",
    "Álvarez",
    "Romero",
    "Navarro",
    "Torres",
    "Domínguez",
    "Vázquez",
    "Ramos",
    "Gil",
    "Ramírez",
    "Serrano",
    "Blanco",
    "Molina",
    "Morales",
    "Suárez",
    "Ortega",
    "Delgado",
    "Castro",
    "Ortiz",
    "Rubio",
    "Marín",
    "Sanz",
    "Iglesias",
    "Medina",
    "Garrido",
    "Cortés",
    "Castillo",
    "Santos",
    "Lozano",
    "Guerrero",
    "Cano",
    "Prieto",
    "Méndez",
    "Calvo",
    "Cruz",
)
KINDS = ("email_sent", "email_opened", "sms_sent", "store_visit", "survey", "push_opened")
CHANNELS = ("store", "web", "app", "marketplace")
STORE_IDS = ("bench-store-1", "bench-store-2", "bench-store-3")
LIST_PAGE = 200


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _stats(samples_ms: list[float]) -> dict[str, float]:
    return {
        "p50_ms": round(statistics.median(samples_ms), 3),
        "p95_ms": round(_pct(samples_ms, 0.95), 3),
        "n": len(samples_ms),
    }


def _iso(ts: datetime) -> str:
    return ts.strftime("%Y-%m-%dT%H:%M:%SZ")


def _rows(
    customers: int, orders: int, events: int, rng: random.Random
) -> Iterator[tuple[str, list[tuple[str, int, str]]]]:
    """Wire rows per entity for one customer at a time (ids are deterministic by position)."""
    now = datetime(2026, 11, 1, tzinfo=UTC)
    for i in range(customers):
        cid = f"c{i:07d}-0000-4000-8000-000000000000"
        first, last = rng.choice(FIRST), f"{rng.choice(LAST)} {rng.choice(LAST)}"
        store = STORE_IDS[0] if rng.random() < 0.8 else rng.choice(STORE_IDS[1:])
        phone = f"+346{rng.randrange(10**7, 10**8)}"
        card = f"7001{i:09d}"
        birth = f"{rng.randint(1950, 2004)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        out: list[tuple[str, dict[str, Any]]] = [
            (
                "customer",
                {
                    "id": cid,
                    "first_name": first,
                    "last_name": last,
                    "birth_date": birth,
                    "home_store_id": store,
                    "preferred_channel": "email",
                    "preferred_language": "es",
                    "sizes": {"dresses": "M"},
                    "preferences": "",
                    "assigned_staff_id": None,
                    "vip": i % 50 == 0,
                    "created_at": _iso(now),
                    "updated_at": _iso(now),
                },
            ),
            (
                "identity",
                {
                    "id": f"{cid[:-4]}e001",
                    "customer_id": cid,
                    "kind": "email",
                    "value": f"cliente{i}@example.com",
                    "source": "web",
                    "created_at": _iso(now),
                },
            ),
            (
                "identity",
                {
                    "id": f"{cid[:-4]}p001",
                    "customer_id": cid,
                    "kind": "phone",
                    "value": phone,
                    "source": "store",
                    "created_at": _iso(now),
                },
            ),
            (
                "loyalty_account",
                {
                    "id": cid,
                    "customer_id": cid,
                    "card_number": card,
                    "tier": "silver",
                    "points_balance": rng.randint(0, 3000),
                    "lifetime_points": rng.randint(0, 6000),
                    "updated_at": _iso(now),
                },
            ),
            (
                "customer_metrics",
                {
                    "id": cid,
                    "customer_id": cid,
                    "currency": "EUR",
                    "net_revenue_cents": rng.randint(0, 10**6),
                    "orders": orders,
                    "aov_cents": 5000,
                    "first_purchase_at": None,
                    "last_purchase_at": _iso(now),
                    "channels": ["store", "web"],
                    "return_rate": 0.0,
                    "p_alive": 0.8,
                    "expected_purchases_90d": 1.2,
                    "predicted_value_12m_cents": 12000,
                    "rfm_score": "444",
                    "segment": "Loyal",
                    "churn_risk": False,
                    "computed_at": _iso(now),
                },
            ),
        ]
        for o in range(orders):
            oid = f"{cid[:-4]}o{o:03d}"
            at = _iso(now - timedelta(days=rng.randint(1, 1500)))
            out.append(
                (
                    "order",
                    {
                        "id": oid,
                        "customer_id": cid,
                        "channel": rng.choice(CHANNELS),
                        "external_id": f"X{i}-{o}",
                        "store_id": store,
                        "fulfilment": "in_store",
                        "status": "completed",
                        "ordered_at": at,
                        "currency": "EUR",
                        "total_cents": 5990,
                        "staff_id": None,
                    },
                )
            )
            out.append(
                (
                    "order_line",
                    {
                        "id": f"{cid[:-4]}l{o:03d}",
                        "order_id": oid,
                        "customer_id": cid,
                        "product_id": "bench-prod-1",
                        "sku": "DR-001",
                        "name": "Vestido lino",
                        "size": "M",
                        "quantity": 1,
                        "unit_price_cents": 5990,
                    },
                )
            )
        for e in range(events):
            out.append(
                (
                    "interaction",
                    {
                        "id": f"{cid[:-4]}i{e:03d}",
                        "customer_id": cid,
                        "kind": rng.choice(KINDS),
                        "channel": "email",
                        "occurred_at": _iso(now - timedelta(hours=rng.randint(1, 30_000))),
                        "store_id": None,
                        "staff_id": None,
                        "summary": "Campaña",
                        "score": None,
                        "payload": {},
                    },
                )
            )
        grouped: dict[str, list[tuple[str, int, str]]] = {}
        for entity, data in out:
            grouped.setdefault(entity, []).append((data["id"], 1, canonical_json(data)))
        yield cid, [(e, *r) for e, rows in grouped.items() for r in rows]  # type: ignore[misc]


def build_replica(
    path: Path,
    customers: int,
    *,
    orders: int = 10,
    events: int = 20,
    seed: int = 7,
    key: bytes | None = None,
) -> tuple[Replica, dict[str, Any]]:
    """A replica file with ``customers`` customers generated straight into its tables
    (encrypted with ``key`` when one is given, as on a tablet)."""
    rng = random.Random(seed)
    replica = Replica(path, key=key)
    started = time.perf_counter()
    rows = 0
    with replica.write() as conn:
        set_meta(conn, "store_id", STORE_IDS[0])
        for sid, (lat, lon) in zip(
            STORE_IDS, ((40.42, -3.70), (41.39, 2.17), (39.47, -0.38)), strict=True
        ):
            doc = {
                "id": sid,
                "code": sid[-1],
                "name": f"Store {sid[-1]}",
                "city": "x",
                "latitude": lat,
                "longitude": lon,
                "timezone": "Europe/Madrid",
            }
            conn.execute(
                f"INSERT INTO {table('store')} (id, ver, wire) VALUES (?, 1, ?)",
                (sid, canonical_json(doc)),
            )
        product = {
            "id": "bench-prod-1",
            "sku": "DR-001",
            "name": "Vestido lino",
            "category": "dresses",
            "brand": "Casa",
            "colour": "",
            "price_cents": 5990,
            "currency": "EUR",
            "sizes": ["S", "M", "L"],
            "active": True,
        }
        conn.execute(
            f"INSERT INTO {table('product')} (id, ver, wire) VALUES (?, 1, ?)",
            ("bench-prod-1", canonical_json(product)),
        )
    # Bulk load the way a database restore does: secondary indexes are built once at the end.
    replica.set_bulk_load(True)
    with replica.write() as conn:
        indexes = conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
            "AND tbl_name LIKE 'e\\_%' ESCAPE '\\'"
        ).fetchall()
        for name, _sql in indexes:
            conn.execute(f"DROP INDEX {name}")
    batch: dict[str, list[tuple[str, int, str]]] = {}
    pending = 0

    def flush() -> None:
        with replica.write() as conn:
            for entity, values in batch.items():
                conn.executemany(
                    f"INSERT INTO {table(entity)} (id, ver, wire) VALUES (?, ?, ?)", values
                )
        batch.clear()

    for _cid, flat in _rows(customers, orders, events, rng):
        for entity, row_id, ver, wire in flat:  # type: ignore[misc]
            batch.setdefault(entity, []).append((row_id, ver, wire))
        rows += len(flat)
        pending += 1
        if pending >= 2000:
            flush()
            pending = 0
    flush()
    with replica.write() as conn:
        for _name, sql in indexes:
            conn.execute(sql)
    replica.set_bulk_load(False)
    loaded = time.perf_counter() - started
    with replica.write() as conn:
        search.rebuild(conn)
        conn.execute("INSERT INTO customer_fts (customer_fts) VALUES ('optimize')")
    with replica.write() as conn:
        conn.execute("ANALYZE")
        # Keep stat1 only: STAT4 samples make SQLite re-plan statements for every new bound
        # value (and hold index keys); the app never runs ANALYZE, so it has none either.
        conn.execute("DELETE FROM sqlite_stat4")
        conn.execute("ANALYZE sqlite_schema")
    return replica, {
        "rows": rows,
        "load_s": round(loaded, 2),
        "index_s": round(time.perf_counter() - started - loaded, 2),
    }


def _naive(conn: sqlite3.Connection, text: str) -> list[str]:
    """The plain way: LIKE over names and identifiers (no accent folding, no index use)."""
    like = f"%{text}%"
    return [
        r[0]
        for r in conn.execute(
            f"SELECT id FROM {table('customer')} WHERE first_name LIKE ?1 OR last_name LIKE ?1 "
            f"OR first_name || ' ' || last_name LIKE ?1 OR id IN (SELECT customer_id FROM "
            f"{table('identity')} WHERE value LIKE ?1 UNION SELECT customer_id FROM "
            f"{table('loyalty_account')} WHERE card_number LIKE ?1) LIMIT 25",
            (like,),
        )
    ]


def _time_each(fn: Callable[[str], object], items: list[str]) -> list[float]:
    out = []
    for item in items:
        t0 = time.perf_counter()
        fn(item)
        out.append((time.perf_counter() - t0) * 1000)
    return out


def _search_queries(conn: sqlite3.Connection, rng: random.Random, n: int) -> dict[str, list[str]]:
    phones = [
        r[0]
        for r in conn.execute(
            f"SELECT value FROM {table('identity')} WHERE kind = 'phone' ORDER BY random() LIMIT ?",
            (n,),
        )
    ]
    cards = [
        r[0]
        for r in conn.execute(
            f"SELECT card_number FROM {table('loyalty_account')} ORDER BY random() LIMIT ?", (n,)
        )
    ]
    folded = [search.fold(x) for x in LAST]
    return {
        "name_prefix": [
            rng.choice(folded)[: rng.randint(3, 5)]
            if rng.random() < 0.7
            else f"{search.fold(rng.choice(FIRST))} {rng.choice(folded)[:3]}"
            for _ in range(n)
        ],
        "accented_name": [
            rng.choice(LAST) if rng.random() < 0.5 else rng.choice(FIRST) for _ in range(n)
        ],
        "phone_fragment": [p[-rng.randint(4, 7) :] for p in phones],
        "card_number": cards,
    }


def bench_search(replica: Replica, samples: int, rng: random.Random) -> dict[str, Any]:
    conn = replica.read()
    store = STORE_IDS[0]
    result: dict[str, Any] = {}
    for kind, texts in _search_queries(conn, rng, samples).items():
        for t in texts[:5]:  # warm the page cache
            search.search_customers(conn, t, store_id=store)
            _naive(conn, t)
        fts = _time_each(lambda t: search.search_customers(conn, t, store_id=store), texts)
        naive = _time_each(lambda t: _naive(conn, t), texts[: max(20, samples // 10)])
        result[kind] = {
            **_stats(fts),
            "naive_like": _stats(naive),
            "speedup_p50": round(statistics.median(naive) / max(statistics.median(fts), 1e-6), 1),
        }
    return result


def bench_360(replica: Replica, customers: int, samples: int, rng: random.Random) -> dict[str, Any]:
    conn = replica.read()
    ids = [f"c{rng.randrange(customers):07d}-0000-4000-8000-000000000000" for _ in range(samples)]
    for cid in ids[:5]:
        queries.customer_360(conn, cid)
    times = _time_each(lambda c: queries.customer_360(conn, c), ids)
    return _stats(times)


def _plain_list(
    conn: sqlite3.Connection, store: str, keep: Callable[[dict[str, Any]], bool], key: str
) -> list[str]:
    """The plain way: load every customer of the store with her figures, filter, sort in Python."""
    rows = []
    for cid, doc, met in conn.execute(
        "SELECT c.customer_id, c.wire, m.wire FROM e_customer c "
        "LEFT JOIN e_customer_metrics m ON m.customer_id = c.customer_id "
        "WHERE c.home_store_id = ?",
        (store,),
    ):
        d = {**json.loads(doc), **(json.loads(met) if met else {})}
        if keep(d):
            rows.append((-(d.get(key) or 0), cid))
    rows.sort()
    return [cid for _, cid in rows[:LIST_PAGE]]


def bench_manager_lists(replica: Replica, samples: int) -> dict[str, Any]:
    """The manager's list: count + first page of a segment in SQL, against the plain way."""
    conn = replica.read()
    store = STORE_IDS[0]
    cases: dict[str, tuple[Segment, SortKey, Callable[[dict[str, Any]], bool], str]] = {
        "vips_by_value": (
            Segment(vip_only=True),
            SortKey.value,
            lambda d: bool(d.get("vip")),
            "net_revenue_cents",
        ),
        "all_by_value": (Segment(), SortKey.value, lambda d: True, "net_revenue_cents"),
        "value_over_5000_by_orders": (
            Segment(min_value_cents=500_000),
            SortKey.orders,
            lambda d: (d.get("net_revenue_cents") or 0) >= 500_000,
            "orders",
        ),
    }
    result: dict[str, Any] = {}
    n = max(10, samples // 10)
    for name, (seg, key, keep, field) in cases.items():

        def sql_way(_: str, seg: Segment = seg, key: SortKey = key) -> object:
            customer_lists.count(conn, store, seg)
            return customer_lists.page(conn, store, seg, sort=key, limit=LIST_PAGE)

        def plain_way(_: str, keep: Any = keep, field: str = field) -> object:
            return _plain_list(conn, store, keep, field)

        sql_way("")
        plain_way("")
        fast = _time_each(sql_way, [""] * n)
        plain = _time_each(plain_way, [""] * max(5, n // 4))
        result[name] = {
            "size": customer_lists.count(conn, store, seg),
            **_stats(fast),
            "plain_python": _stats(plain),
            "speedup_p50": round(statistics.median(plain) / max(statistics.median(fast), 1e-6), 1),
        }
    return result


def bench_kpis(replica: Replica, samples: int) -> dict[str, Any]:
    """The manager's KPI dashboard computed on the tablet, for a month and for a year."""
    conn = replica.read()
    end = datetime(2026, 11, 1, tzinfo=UTC).date()
    result: dict[str, Any] = {}
    for name, days in (("30_days", 30), ("12_months", 365)):
        start = end - timedelta(days=days - 1)

        def compute(_: str, start: Any = start) -> object:
            return kpis.store_kpis(conn, store_id=STORE_IDS[0], start=start, end=end)

        compute("")
        result[name] = _stats(_time_each(compute, [""] * max(5, samples // 20)))
    return result


def _interleaved(
    plain: Callable[[str], object], encrypted: Callable[[str], object], items: list[str]
) -> dict[str, Any]:
    """Time both ways on the same items, alternating, so machine noise hits both alike.

    Wall-clock medians/p95 as everywhere else, plus the ratio of the process's CPU time,
    which other jobs on a shared machine disturb much less.
    """
    wall: tuple[list[float], list[float]] = ([], [])
    cpu = [0.0, 0.0]
    for item in items:
        for i, way in enumerate((plain, encrypted)):
            c0, t0 = time.process_time(), time.perf_counter()
            way(item)
            wall[i].append((time.perf_counter() - t0) * 1000)
            cpu[i] += time.process_time() - c0
    plain_ms, encrypted_ms = wall
    return {
        "plain": _stats(plain_ms),
        "encrypted": _stats(encrypted_ms),
        "ratio_p50": round(
            statistics.median(encrypted_ms) / max(statistics.median(plain_ms), 1e-6), 2
        ),
        "ratio_p95": round(_pct(encrypted_ms, 0.95) / max(_pct(plain_ms, 0.95), 1e-6), 2),
        "ratio_cpu_time": round(cpu[1] / max(cpu[0], 1e-9), 2),
    }


def bench_encryption(
    plain_path: Path, customers: int, samples: int, rng: random.Random
) -> dict[str, Any]:
    """Search and customer 360 on the same data, plain and encrypted (SQLCipher, raw key).

    The encrypted copy is made the way an upgraded tablet makes it (``encrypt_plain_file`` on
    a copy of the plain file); the cost of forgetting one customer (rows, search entry, index
    merge, WAL truncation) is measured on both.
    """
    key = cipher.new_key()
    enc_path = plain_path.with_name("encrypted-" + plain_path.name)
    shutil.copyfile(plain_path, enc_path)
    t = time.perf_counter()
    cipher.encrypt_plain_file(enc_path, key)
    convert_s = time.perf_counter() - t
    plain, encrypted = Replica(plain_path), Replica(enc_path, key=key)
    store = STORE_IDS[0]
    try:
        pc, ec = plain.read(), encrypted.read()
        queries_by_kind = _search_queries(pc, rng, samples)
        every = [q for texts in queries_by_kind.values() for q in texts]
        for q in every[:20]:
            search.search_customers(pc, q, store_id=store)
            search.search_customers(ec, q, store_id=store)
        searches = _interleaved(
            lambda q: search.search_customers(pc, q, store_id=store),
            lambda q: search.search_customers(ec, q, store_id=store),
            every,
        )
        ids = [
            f"c{rng.randrange(customers):07d}-0000-4000-8000-000000000000" for _ in range(samples)
        ]
        for cid in ids[:5]:
            queries.customer_360(pc, cid)
            queries.customer_360(ec, cid)
        customer_360 = _interleaved(
            lambda c: queries.customer_360(pc, c), lambda c: queries.customer_360(ec, c), ids
        )
        open_reader = _interleaved(
            lambda _: cipher.connect(plain_path, None, readonly=True).close(),
            lambda _: cipher.connect(enc_path, key, readonly=True).close(),
            [""] * 20,
        )
        forget = _interleaved(lambda c: _forget(plain, c), lambda c: _forget(encrypted, c), ids[:3])
    finally:
        plain.close()
        encrypted.close()
    return {
        "replica_mb": round(plain_path.stat().st_size / 1e6, 1),
        "convert_plain_to_encrypted_s": round(convert_s, 2),
        "search": searches,
        "customer_360": customer_360,
        "open_reader": open_reader,
        "forget_customer": forget,
    }


def _forget(replica: Replica, customer_id: str) -> None:
    """What a tombstone costs when she is here: purge, index merge, WAL truncation."""
    with replica.write() as conn:
        erasure.forget_customer(conn, customer_id, 1 << 60)
        erasure.scrub_if_due(conn)


def bench_sync(sync_customers: int, workdir: Path) -> dict[str, Any]:
    """Initial sync of a store bucket from a local server, and an incremental 100-change sync."""
    from sqlalchemy import text

    from clienteling.sync.engine import SyncEngine
    from sync_server.db import make_engine
    from sync_server.embedded import EmbeddedServer
    from sync_server.schema import upgrade
    from sync_server.seed import seed

    db = workdir / "server.db"
    url = f"sqlite:///{db}"
    engine = make_engine(url)
    upgrade(engine)
    t0 = time.perf_counter()
    seed(engine, sync_customers, orders_per_customer=10.0, events_per_customer=20.0)
    seed_s = time.perf_counter() - t0
    server = EmbeddedServer(url, engine=engine).start()
    try:
        replica = Replica(workdir / "synced.sqlite3")
        peer_replica = Replica(workdir / "peer.sqlite3", key=cipher.new_key())

        async def go() -> dict[str, Any]:
            sync = SyncEngine(replica, server.url, page_limit=5000)
            peer = SyncEngine(peer_replica, server.url, page_limit=5000)
            await sync.enrol("MAD01", "admin", "admin", device_name="bench")
            t = time.perf_counter()
            report = await sync.sync_once()
            initial_s = time.perf_counter() - t
            await peer.enrol("MAD01", "admin", "admin", device_name="bench-peer")
            t = time.perf_counter()
            await peer.sync_once()
            encrypted_s = time.perf_counter() - t
            some = [
                r[0]
                for r in peer_replica.read().execute(
                    f"SELECT customer_id FROM {table('customer')} LIMIT 100"
                )
            ]
            for cid in some:
                edits.add_note(peer_replica, cid, "Nota de prueba de rendimiento")
            await peer.sync_once()
            t = time.perf_counter()
            inc = await sync.sync_once()
            incremental_ms = (time.perf_counter() - t) * 1000
            for cid in some:
                edits.add_note(replica, cid, "Nota local")
            t = time.perf_counter()
            own = await sync.sync_once()
            push_ms = (time.perf_counter() - t) * 1000
            await sync.aclose()
            await peer.aclose()
            return {
                "initial_rows": report.pulled_rows,
                "initial_s": round(initial_s, 2),
                "initial_rows_per_s": round(report.pulled_rows / initial_s),
                "initial_s_encrypted": round(encrypted_s, 2),
                "initial_encrypted_vs_plain_ratio": round(encrypted_s / max(initial_s, 1e-6), 2),
                "incremental_100_pull_ms": round(incremental_ms, 1),
                "incremental_100_rows": inc.pulled_rows,
                "push_100_then_pull_ms": round(push_ms, 1),
                "push_100_applied": own.applied,
            }

        figures = asyncio.run(go())
        raw = sqlite3.connect(workdir / "raw.sqlite3", isolation_level=None)
        raw.execute("PRAGMA journal_mode = WAL")
        raw.execute("CREATE TABLE t (entity TEXT, id TEXT, wire TEXT, PRIMARY KEY (entity, id))")
        every: list[tuple[str, str, str]] = []
        for entity in ENTITY_ORDER:
            every.extend(
                (entity, row_id, wire)
                for row_id, wire in replica.read().execute(
                    f"SELECT id, wire FROM {table(entity)} WHERE wire IS NOT NULL"
                )
            )
        t = time.perf_counter()
        raw.execute("BEGIN")
        raw.executemany("INSERT INTO t VALUES (?, ?, ?)", every)
        raw.execute("COMMIT")
        raw_s = time.perf_counter() - t
        raw.close()
        with engine.connect() as conn:
            server_customers = conn.execute(text("SELECT count(*) FROM customer")).scalar_one()
        replica.close()
        peer_replica.close()
    finally:
        server.stop()
        engine.dispose()
    return {
        "server_customers": server_customers,
        "server_seed_s": round(seed_s, 1),
        **figures,
        "raw_insert_s": round(raw_s, 3),
        "raw_rows": len(every),
        "sync_vs_raw_insert_ratio": round(figures["initial_s"] / max(raw_s, 1e-6), 1),
    }


def run(
    customers: int = 100_000,
    *,
    orders: int = 10,
    events: int = 20,
    samples: int = 300,
    sync_customers: int | None = 10_000,
    workdir: Path | None = None,
    seed: int = 7,
) -> dict[str, Any]:
    """Build a replica of ``customers`` customers and measure it; see the module docstring.

    ``sync_customers`` seeds a local server for the sync figures (None skips them); the device
    syncs one store's bucket of it.
    """
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory(prefix="clienteling-bench-") as tmp:
        root = workdir or Path(tmp)
        path = root / f"replica-{uuid.uuid4().hex[:8]}.sqlite3"
        replica, build = build_replica(path, customers, orders=orders, events=events, seed=seed)
        figures: dict[str, Any] = {
            "customers": customers,
            "orders": customers * orders,
            "timeline_events": customers * events,
            "build": build,
            "replica_mb": round(path.stat().st_size / 1e6, 1),
            "search": bench_search(replica, samples, rng),
            "customer_360": bench_360(replica, customers, samples, rng),
            "manager_lists": bench_manager_lists(replica, samples),
            "kpis": bench_kpis(replica, samples),
        }
        replica.close()
        figures["encryption"] = bench_encryption(path, customers, samples, rng)
        if sync_customers:
            figures["sync"] = bench_sync(sync_customers, root)
    return figures


if __name__ == "__main__":
    print(json.dumps(run(customers=5_000, sync_customers=None), indent=2))
