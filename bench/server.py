"""Server benchmarks: seeding the demo retailer, and pulling a store's whole scope over HTTP.

The pull is compared with the plain way, measured in the same run: reading the same rows
straight from the database file with SQLite, no HTTP, no JSON.
"""

from __future__ import annotations

import json
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

from clienteling.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION
from sync_server.db import make_engine
from sync_server.embedded import EmbeddedServer
from sync_server.schema import upgrade
from sync_server.seed import seed

TABLES = (
    "customer", "identity", "consent", '"order"', "order_line", "return_record", "cart",
    "cart_line", "interaction", "loyalty_account", "loyalty_entry", "coupon", "note", "task",
    "customer_metrics", "recommendation",
)  # fmt: skip


def _raw_read(path: Path, store_id: str) -> int:
    """The plain way: every row of the store's customers read with sqlite3, nothing more."""
    conn = sqlite3.connect(path)
    rows = 0
    scope = "SELECT customer_id FROM customer_scope WHERE store_id = ?"
    for table in TABLES:
        column = "id" if table == "customer" else "customer_id"
        cur = conn.execute(f"SELECT * FROM {table} WHERE {column} IN ({scope})", (store_id,))
        rows += len(cur.fetchall())
    for table in ("store", "staff", "product", "stock"):
        rows += len(conn.execute(f"SELECT * FROM {table}").fetchall())
    conn.close()
    return rows


def run(
    customers: int = 100_000,
    workdir: Path | None = None,
    repeats: int = 1,
    reuse: Path | None = None,
) -> dict[str, Any]:
    """Seed (or ``reuse`` an already seeded database file), then pull MAD01's whole scope."""
    result: dict[str, Any] = {"customers": customers}
    if reuse is not None:
        path = reuse
        engine = make_engine(f"sqlite:///{path}")
    else:
        folder = workdir or Path(tempfile.mkdtemp(prefix="bench-server-"))
        path = folder / "server.db"
        engine = make_engine(f"sqlite:///{path}")
        upgrade(engine)
        report = seed(engine, customers)
        result["seed"] = {
            "seconds": round(report.seconds, 2),
            "rows": report.rows,
            "rows_per_s": round(report.rows / report.seconds),
        }
    url = f"sqlite:///{path}"
    with (
        EmbeddedServer(url, engine=engine) as server,
        httpx.Client(base_url=server.url + "/api/v1", timeout=120) as http,
    ):
        token = http.post("/auth/login", json={"username": "admin", "password": "admin"})
        staff = {"Authorization": f"Bearer {token.json()['access_token']}"}
        enrolled = http.post("/devices/enrol", json={"store_code": "MAD01"}, headers=staff)
        body = enrolled.json()
        headers = {
            "Authorization": f"Bearer {body['device_token']}",
            PROTOCOL_HEADER: str(PROTOCOL_VERSION),
        }
        pulls = []
        rows = 0
        for _ in range(repeats):
            cursor, rows, started = "", 0, time.perf_counter()
            while True:
                page = http.get(
                    "/sync/pull", params={"cursor": cursor, "limit": 5000}, headers=headers
                ).json()
                rows += len(page["changes"])
                cursor = page["cursor"]
                if not page["has_more"]:
                    break
            pulls.append(time.perf_counter() - started)
        pull_s = statistics.median(pulls)
        started = time.perf_counter()
        raw_rows = _raw_read(path, body["store_id"])
        raw_s = time.perf_counter() - started
    result["pull"] = {
        "store": "MAD01",
        "rows": rows,
        "seconds": round(pull_s, 2),
        "rows_per_s": round(rows / pull_s),
        "raw_sqlite_rows": raw_rows,
        "raw_sqlite_seconds": round(raw_s, 3),
        "ratio_vs_raw_sqlite": round(pull_s / raw_s, 1),
    }
    engine.dispose()
    result["analytics_run"] = _analytics_run(path)
    return result


def _analytics_run(path: Path) -> dict[str, Any]:
    """The nightly batch on the seeded database, in a child process to read its peak memory."""
    code = (
        "import json, sys; from sync_server.db import make_engine; "
        "from sync_server.analytics.batch import run_analytics; "
        f"r = run_analytics(make_engine('sqlite:///{path}')); "
        "print(json.dumps({'customers': r.customers, 'lines': r.lines, "
        "'metrics_written': r.metrics_written, 'timings': r.timings}))"
    )
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    seconds = time.perf_counter() - started
    report: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    report["seconds"] = round(seconds, 1)
    report["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
    return report


if __name__ == "__main__":
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    again = Path(sys.argv[2]) if len(sys.argv) > 2 else None
    print(json.dumps(run(size, reuse=again), indent=2))
