"""POS imports as background jobs over HTTP: 202 at once, progress, the final report, a refused
file's rows, idempotent re-upload, and a webhook answered while an import is still running."""

from __future__ import annotations

import time
from typing import Any

import httpx
from sqlalchemy import text

from tests.conftest import LiveServer

HEADER = (
    "store_code,receipt_id,sold_at,loyalty_card,email,phone,first_name,last_name,sku,size,"
    "quantity,unit_price,currency\n"
)


def _pos_file(prefix: str, receipts: int) -> str:
    """``receipts`` receipts of two lines each (a shirt and a belt), one customer each."""
    lines = [HEADER]
    for i in range(receipts):
        email = f"{prefix.lower()}{i}@example.com"
        for sku, price in (("SKU00001", "49.95"), ("SKU00002", "19.99")):
            lines.append(
                f"MAD01,{prefix}-{i},2026-10-03T12:00:00+02:00,,{email},,Ana,Gil,{sku},M,1,"
                f"{price},EUR\n"
            )
    return "".join(lines)


def _orders(server: LiveServer, prefix: str) -> int:
    with server.engine.connect() as conn:
        count: int = conn.execute(
            text('SELECT count(*) FROM "order" WHERE external_id LIKE :p'),
            {"p": f"MAD01-{prefix}-%"},
        ).scalar_one()
    return count


def _start(http: httpx.Client, server: LiveServer, csv_text: str) -> dict[str, Any]:
    r = http.post(
        "/imports/pos-sales",
        files={"file": ("pos.csv", csv_text, "text/csv")},
        headers=server.staff_headers(),
    )
    assert r.status_code == 202, r.text
    job: dict[str, Any] = r.json()
    assert r.headers["location"] == f"/api/v1/imports/{job['id']}"
    return job


def _wait(
    http: httpx.Client, server: LiveServer, job_id: str, until: tuple[str, ...] = ("done", "failed")
) -> dict[str, Any]:
    """Poll the status endpoint until the job reaches one of ``until`` (or fail after 120 s)."""
    deadline = time.monotonic() + 120
    while True:
        r = http.get(f"/imports/{job_id}", headers=server.staff_headers())
        assert r.status_code == 200, r.text
        job: dict[str, Any] = r.json()
        if job["state"] in until:
            return job
        assert job["state"] in ("queued", "running"), job
        assert time.monotonic() < deadline, job
        time.sleep(0.02)


def test_a_job_imports_the_file_reports_it_and_a_second_upload_changes_nothing(
    server: LiveServer,
) -> None:
    with server.client() as http:
        job = _start(http, server, _pos_file("JA", 30))
        assert job["state"] in ("queued", "running")
        assert job["report"] is None
        done = _wait(http, server, job["id"])
        again = _wait(http, server, _start(http, server, _pos_file("JA", 30))["id"])
    assert done["state"] == "done", done
    assert (done["rows_total"], done["rows_done"]) == (60, 60)
    assert done["errors"] == []
    assert {k: done["report"][k] for k in ("rows", "orders_created", "returns_created")} == {
        "rows": 60,
        "orders_created": 30,
        "returns_created": 0,
    }
    assert done["report"]["duplicates"] == 0
    assert again["state"] == "done"
    assert (again["report"]["orders_created"], again["report"]["duplicates"]) == (0, 30)
    assert _orders(server, "JA") == 30


def test_a_file_with_a_bad_row_fails_with_its_line_and_imports_nothing(server: LiveServer) -> None:
    good = _pos_file("JB", 10)
    bad = good.replace(
        "MAD01,JB-7,2026-10-03T12:00:00+02:00,,jb7@example.com,,Ana,Gil,SKU00001,M,1,",
        "MAD01,JB-7,2026-10-03T12:00:00+02:00,,jb7@example.com,,Ana,Gil,SKU00001,M,many,",
    )
    assert bad != good
    with server.client() as http:
        job = _wait(http, server, _start(http, server, bad)["id"])
    assert job["state"] == "failed"
    # Line 1 is the header; receipt JB-7's first line is line 2 + 2 * 7.
    assert [(e["line"], e["field"]) for e in job["errors"]] == [(16, "quantity")]
    assert job["rows_done"] == 0
    assert _orders(server, "JB") == 0


def test_only_admins_start_and_read_import_jobs(server: LiveServer) -> None:
    with server.client() as http:
        job = _start(http, server, _pos_file("JC", 1))
        for user in ("dependienta.mad01", "gerente.mad01"):
            refused = http.post(
                "/imports/pos-sales",
                files={"file": ("pos.csv", _pos_file("JD", 1), "text/csv")},
                headers=server.staff_headers(user),
            )
            assert refused.status_code == 403
            assert (
                http.get(f"/imports/{job['id']}", headers=server.staff_headers(user)).status_code
                == 403
            )
        # A tablet of another store, with its own device token, can neither start nor read one.
        tablet = server.device_headers(server.enrol("BCN01")["device_token"])
        started = http.post(
            "/imports/pos-sales",
            files={"file": ("pos.csv", _pos_file("JD", 1), "text/csv")},
            headers=tablet,
        )
        assert started.status_code == 401, started.text
        assert http.get(f"/imports/{job['id']}", headers=tablet).status_code == 401
        assert http.get("/imports/no-such-job", headers=server.staff_headers()).status_code == 404
        _wait(http, server, job["id"])
    assert _orders(server, "JD") == 0


def test_a_webhook_is_answered_while_a_long_import_is_still_running(server: LiveServer) -> None:
    with server.client() as http:
        job = _start(http, server, _pos_file("JE", 300))
        running = _wait(http, server, job["id"], until=("running", "done", "failed"))
        # Wait until the first chunk is committed: the import is then writing, mid-file.
        while running["state"] == "running" and running["rows_done"] == 0:
            time.sleep(0.02)
            running = _wait(http, server, job["id"], until=("running", "done", "failed"))
        assert running["state"] == "running", running
        started = time.monotonic()
        webhook = http.post(
            "/ingest/orders",
            json={
                "channel": "web",
                "external_id": "WH-1",
                "ordered_at": "2026-10-03T12:00:00Z",
                "customer": {"email": "webhook@example.com"},
                "lines": [{"sku": "SKU00003", "quantity": 1, "unit_price": "25.00"}],
            },
            headers=server.staff_headers(),
        )
        waited = time.monotonic() - started
        after = http.get(f"/imports/{job['id']}", headers=server.staff_headers()).json()
        assert webhook.status_code == 200, webhook.text
        # Answered before the import finished: it did not wait for the whole file.
        assert after["state"] == "running", after
        assert after["rows_done"] < after["rows_total"] == 600
        assert waited < 5, waited
        done = _wait(http, server, job["id"])
    assert done["state"] == "done", done
    assert done["report"]["orders_created"] == 300
    assert _orders(server, "JE") == 300
