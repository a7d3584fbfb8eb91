"""Forgetting a customer: what her tombstone removes from the tablet, down to freed bytes.

A customer tombstone (GDPR erasure, or a merge into another record) removes every row that
names her, her search entry, the edits the server refused for her (they hold note, phone and
task text), applied edits waiting for the pull, the "needs rebase" mark and merge aliases
pointing at her. Deleted content is zeroed by ``secure_delete``; FTS5 keeps deleted terms in old
index segments until they are merged, so after a pull that forgot someone the index is merged
into one segment (``optimize``: a fraction of a second on a large bucket, measured in
``bench/replica.py``) and the WAL is truncated (``Replica.scrub_wal``).

Edits still waiting to be sent for her are kept: the same tombstone ends a merge, where the
server applies them to the surviving record. For an erased customer the server refuses them
(``customer_not_found``) and ``outbox.settle`` keeps no text of a refusal for a customer this
tablet no longer has.
"""

from __future__ import annotations

import sqlite3

from clienteling.replica import search
from clienteling.replica.schema import CUSTOMER_ENTITIES, table
from clienteling.replica.store import WAL_SCRUB_DUE, get_meta, set_meta

SCRUB_DUE = "erasure_scrub_due"
RESYNCED = "resync_forget_orphans"


def forget_customer(conn: sqlite3.Connection, customer_id: str, version: int) -> bool:
    """Remove everything local about a customer whose tombstone has ``version``.

    Changes nothing when the replica holds a newer version of her (she came back through a
    split that a lookup fetched ahead of the pull). Traces are looked for even when her row
    is not here. Returns whether her customer row was deleted.
    """
    row = conn.execute(
        f"SELECT rid, ver FROM {table('customer')} WHERE id = ?", (customer_id,)
    ).fetchone()
    if row is not None and int(row[1]) > version:
        return False
    removed = 0
    if row is not None:
        search.drop_customer(conn, int(row[0]))
        removed += conn.execute(
            f"DELETE FROM {table('customer')} WHERE id = ?", (customer_id,)
        ).rowcount
    for entity in CUSTOMER_ENTITIES:
        if entity != "customer":
            removed += conn.execute(
                f"DELETE FROM {table(entity)} WHERE customer_id = ?", (customer_id,)
            ).rowcount
    for sql in (
        "DELETE FROM rejected_edit WHERE customer_id = ?",
        "DELETE FROM outbox WHERE customer_id = ? AND acked = 1",
        "DELETE FROM dirty_customer WHERE customer_id = ?",
        "DELETE FROM customer_alias WHERE new_id = ?",
    ):
        removed += conn.execute(sql, (customer_id,)).rowcount
    if removed:
        set_meta(conn, SCRUB_DUE, "1")
    return row is not None


def forget_orphans(conn: sqlite3.Connection) -> None:
    """After a full resync, refusals for customers the server no longer sends go too.

    A customer erased before the server compacted its tombstones never gets one to this
    tablet; the resync dropped her rows, and this drops the refused edits still naming her.
    """
    removed = conn.execute(
        "DELETE FROM rejected_edit WHERE customer_id IS NOT NULL AND customer_id NOT IN "
        f"(SELECT id FROM {table('customer')})"
    ).rowcount
    set_meta(conn, RESYNCED, None)
    if removed:
        set_meta(conn, SCRUB_DUE, "1")


def scrub_if_due(conn: sqlite3.Connection) -> bool:
    """Merge the search index so no forgotten term survives; the WAL is truncated on commit.

    Statistics samples (``sqlite_stat4``, written by ``ANALYZE`` where it is used) are index
    keys, possibly hers, so they go too; the query planner does without them.
    """
    if get_meta(conn, RESYNCED) is not None:
        forget_orphans(conn)
    if get_meta(conn, SCRUB_DUE) is None:
        return False
    conn.execute("INSERT INTO customer_fts (customer_fts) VALUES ('optimize')")
    if conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat4'"
    ).fetchone():
        conn.execute("DELETE FROM sqlite_stat4")
    set_meta(conn, SCRUB_DUE, None)
    set_meta(conn, WAL_SCRUB_DUE, "1")
    return True
