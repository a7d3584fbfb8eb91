"""A tablet's replica written by the previous version (schema 1) upgrades in place: every synced
row and pending edit is kept, and the new typed columns are filled from the rows' JSON."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from clienteling.replica import schema
from clienteling.replica.store import DB_FILENAME, Replica


def _version_1_file(path: Path) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    schema._v1(conn)
    conn.execute("PRAGMA user_version = 1")
    order = {
        "id": "o1",
        "customer_id": "c1",
        "channel": "web",
        "store_id": None,
        "status": "completed",
        "ordered_at": "2026-10-01T10:00:00Z",
        "currency": "EUR",
        "total_cents": 12_345,
        "staff_id": "s1",
    }
    pending = {**order, "id": "o2", "total_cents": 500, "status": "cancelled"}
    survey = {
        "id": "i1",
        "customer_id": "c1",
        "kind": "survey",
        "channel": "store",
        "occurred_at": "2026-10-02T10:00:00Z",
        "store_id": "st1",
        "staff_id": "s1",
        "score": 9,
        "payload": {"type": "nps"},
    }
    metrics = {"id": "c1", "customer_id": "c1", "net_revenue_cents": 100, "channels": ["web"]}
    conn.execute("INSERT INTO e_order (id, ver, wire) VALUES ('o1', 7, ?)", (json.dumps(order),))
    conn.execute("INSERT INTO e_order (id, local) VALUES ('o2', ?)", (json.dumps(pending),))
    conn.execute(
        "INSERT INTO e_interaction (id, ver, wire) VALUES ('i1', 8, ?)", (json.dumps(survey),)
    )
    conn.execute(
        "INSERT INTO e_customer_metrics (id, ver, wire) VALUES ('c1', 9, ?)", (json.dumps(metrics),)
    )
    conn.execute("COMMIT")
    conn.close()


def test_a_version_1_replica_upgrades_keeping_rows_and_filling_new_columns(tmp_path: Path) -> None:
    folder = tmp_path / "tablet"
    folder.mkdir()
    _version_1_file(folder / DB_FILENAME)

    replica = Replica.in_dir(folder)
    try:
        conn = replica.read()
        assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
        orders = conn.execute(
            "SELECT id, ver, local IS NOT NULL, channel, status, currency, total_cents, staff_id "
            "FROM e_order ORDER BY id"
        ).fetchall()
        assert orders == [
            ("o1", 7, 0, "web", "completed", "EUR", 12_345, "s1"),
            ("o2", 0, 1, "web", "cancelled", "EUR", 500, "s1"),
        ]
        survey = conn.execute(
            "SELECT ver, kind, store_id, staff_id, score, survey_type FROM e_interaction"
        ).fetchone()
        assert survey == (8, "survey", "st1", "s1", 9, "nps")
        assert conn.execute("SELECT channel_count FROM e_customer_metrics").fetchone() == (1,)
        indexes = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='index'")}
        assert {"ix_order_0", "ix_order_pending", "ix_order_v2_0", "ix_interaction_v2_0"} <= indexes
    finally:
        replica.close()
