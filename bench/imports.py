"""A 50,000-row POS file imported through the background job, with webhooks sent meanwhile.

On PostgreSQL, with the server as ``sync-server serve`` in a process of its own (as in
production) on a database seeded with 200 customers. The file is 20,000 till receipts of 2 or 3
lines (about 9,000 different customers, many of them buying more than once), uploaded to
``POST /imports/pos-sales``; the job is followed on ``GET /imports/{id}`` until it is done.
While it runs, one web order is sent after another (a webhook, as the web shop sends them),
each timed. The figures: the import's rows per second, and the webhooks' latencies (the
issue's target: 50,000 rows in 30 s or less, every webhook answered within 1 s).
"""

from __future__ import annotations

import random
import statistics
import threading
import time
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from bench.chain import _drop_database, _seeded, _staff_headers
from sync_server.embedded import ServerProcess

HEADER = (
    "store_code,receipt_id,sold_at,loyalty_card,email,phone,first_name,last_name,sku,size,"
    "quantity,unit_price,currency\n"
)
STORES = ("MAD01", "BCN01", "VLC01")


def pos_file(rows: int, seed: int = 7) -> str:
    """``rows`` lines of till receipts (2 or 3 lines each) of repeat customers."""
    rng = random.Random(seed)
    start = datetime(2026, 3, 1, 10, 0, tzinfo=UTC)
    customers = max(rows // 5, 1)
    out = [HEADER]
    written = 0
    receipt = 0
    while written < rows:
        receipt += 1
        who = rng.randrange(customers)
        store = STORES[receipt % len(STORES)]
        at = (start + timedelta(minutes=receipt)).isoformat()
        for _ in range(min(rng.choice((2, 3)), rows - written)):
            sku = f"SKU{rng.randrange(1, 100):05d}"
            price = f"{rng.randrange(500, 15000) / 100:.2f}"
            out.append(
                f"{store},B-{receipt},{at},,bench.pos.{who}@example.com,,Ana,Gil,{sku},M,"
                f"{rng.choice((1, 1, 1, 2))},{price},EUR\n"
            )
            written += 1
    return "".join(out)


class _Webhooks:
    """One web order after another until stopped, each answer's latency recorded."""

    def __init__(self, base: str, headers: dict[str, str]) -> None:
        self.base = base
        self.headers = headers
        self.latencies: list[float] = []
        self.failures: list[str] = []
        self.run = uuid.uuid4().hex[:8]

    def send(self, stop: threading.Event) -> None:
        with httpx.Client(base_url=self.base, timeout=300) as http:
            n = 0
            while not stop.wait(0.1):
                n += 1
                body = {
                    "channel": "web",
                    "external_id": f"bench-wh-{self.run}-{n}",
                    "ordered_at": datetime.now(UTC).isoformat(),
                    "customer": {"email": f"bench.wh.{self.run}.{n}@example.com"},
                    "lines": [{"sku": "SKU00001", "quantity": 1, "unit_price": "39.95"}],
                }
                started = time.perf_counter()
                r = http.post("/ingest/orders", json=body, headers=self.headers)
                self.latencies.append(time.perf_counter() - started)
                if r.status_code != 200:
                    self.failures.append(r.text[:200])


def _import(url: str, text: str) -> dict[str, Any]:
    with ServerProcess(url) as server:
        base = server.url + "/api/v1"
        with httpx.Client(base_url=base, timeout=300) as http:
            headers = _staff_headers(http)
            hooks = _Webhooks(base, headers)
            stop = threading.Event()
            sender = threading.Thread(target=hooks.send, args=(stop,))
            started = time.perf_counter()
            r = http.post(
                "/imports/pos-sales",
                files={"file": ("bench.csv", text.encode(), "text/csv")},
                headers=headers,
            )
            accepted = time.perf_counter() - started
            r.raise_for_status()
            job_id = r.json()["id"]
            sender.start()
            job: dict[str, Any] = {}
            while True:
                job = http.get(f"/imports/{job_id}", headers=headers).json()
                if job["state"] in ("done", "failed"):
                    break
                time.sleep(0.05)
            seconds = time.perf_counter() - started
            stop.set()
            sender.join()
    if job["state"] != "done":
        raise RuntimeError(f"the import failed: {job['message']} {job['errors'][:3]}")
    if hooks.failures:
        raise RuntimeError(f"webhooks failed: {hooks.failures[:3]}")
    lat = sorted(hooks.latencies)
    return {
        "rows": job["rows_total"],
        "orders_created": job["report"]["orders_created"],
        "upload_answered_s": round(accepted, 3),
        "import_seconds": round(seconds, 1),
        "rows_per_s": round(job["rows_total"] / seconds, 1),
        "webhooks_during_import": len(lat),
        "webhook_ms_median": round(statistics.median(lat) * 1000, 1) if lat else None,
        "webhook_ms_p95": round(lat[int(len(lat) * 0.95)] * 1000, 1) if lat else None,
        "webhook_ms_max": round(lat[-1] * 1000, 1) if lat else None,
    }


def run(rows: int = 50_000, *, keep: bool = False) -> dict[str, Any]:
    name = "bench_imports"
    url, _ = _seeded(name, 5, 200)
    try:
        text = pos_file(rows)
        result = {"file_mb": round(len(text.encode()) / 1e6, 2), **_import(url, text)}
        result["target_met"] = {
            "rows_in_30_s": result["import_seconds"] <= 30 * rows / 50_000,
            "webhook_within_1_s": (result["webhook_ms_max"] or 0) <= 1000,
        }
        return result
    finally:
        if not keep:
            _drop_database(name)
