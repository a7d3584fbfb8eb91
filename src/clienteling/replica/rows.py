"""Reading and writing one row's documents: the server's ``wire`` JSON and the local overlay."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from clienteling.protocol.checksum import canonical_json
from clienteling.replica.schema import table


def get_doc(conn: sqlite3.Connection, entity: str, row_id: str) -> dict[str, Any] | None:
    """The row as the UI should see it: the pending local version if any, else the server's."""
    row = conn.execute(
        f"SELECT coalesce(local, wire) FROM {table(entity)} WHERE id = ?", (row_id,)
    ).fetchone()
    if row is None:
        return None
    doc: dict[str, Any] = json.loads(row[0])
    return doc


def put_local(conn: sqlite3.Connection, entity: str, doc: dict[str, Any]) -> None:
    """Store an optimistic version of a row; the server's ``wire`` copy stays as it was."""
    conn.execute(
        f"INSERT INTO {table(entity)} (id, local) VALUES (?, ?) "
        "ON CONFLICT(id) DO UPDATE SET local = excluded.local",
        (doc["id"], canonical_json(doc)),
    )


def mark_dirty(conn: sqlite3.Connection, customer_id: str) -> None:
    conn.execute(
        "INSERT INTO dirty_customer (customer_id) VALUES (?) ON CONFLICT DO NOTHING",
        (customer_id,),
    )
