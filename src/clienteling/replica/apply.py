"""Applying what the server sends (pull pages, on-demand bundles) to the replica.

A page is applied in one transaction together with its cursor, so an interrupted sync resumes
exactly after the last page that was stored. Each row keeps the version it was written at and an
older change never overwrites a newer one (a bundle fetched on demand can be ahead of the pull).
After the rows are written, customers with unsent edits are rebased (their queued mutations are
replayed over the new server rows) and the search index is refreshed for touched customers.
A customer's tombstone forgets everything local about her (``replica.erasure``).
"""

from __future__ import annotations

import sqlite3
import zlib
from collections.abc import Iterable
from dataclasses import dataclass

from clienteling.protocol.checksum import MOD, canonical_json
from clienteling.protocol.entities import ENTITY_BASES, ENTITY_ORDER, GLOBAL_ENTITIES
from clienteling.protocol.messages import Change
from clienteling.protocol.pages import WireRow
from clienteling.replica import erasure, outbox, search
from clienteling.replica.clock import observe_stamp
from clienteling.replica.overlay import dirty_customers, rebase
from clienteling.replica.schema import CUSTOMER_ENTITIES, table
from clienteling.replica.store import get_meta, set_meta

SEARCHED_ENTITIES = frozenset({"customer", "identity", "loyalty_account"})


@dataclass
class ApplyStats:
    upserts: int = 0
    deletes: int = 0
    skipped: int = 0


def _owner(entity: str, data: dict[str, object]) -> str | None:
    if entity == "customer":
        return str(data["id"])
    if entity in GLOBAL_ENTITIES:
        return None
    value = data.get("customer_id")
    return None if value is None else str(value)


def as_rows(changes: Iterable[Change]) -> list[WireRow]:
    """Changes of a JSON page or bundle as wire rows (their data as canonical JSON)."""
    return [
        WireRow(
            c.entity,
            c.id,
            c.op,
            c.version,
            _owner(c.entity, c.data) if c.data is not None and c.entity in ENTITY_BASES else None,
            c.stamp,
            canonical_json(c.data) if c.op == "upsert" and c.data is not None else None,
        )
        for c in changes
    ]


def apply_changes(
    conn: sqlite3.Connection, changes: Iterable[Change], *, cursor: str | None = None
) -> ApplyStats:
    """Write server changes given as objects (bundles, JSON pages); see ``apply_rows``."""
    return apply_rows(conn, as_rows(changes), cursor=cursor)


def apply_rows(
    conn: sqlite3.Connection, rows: Iterable[WireRow], *, cursor: str | None = None
) -> ApplyStats:
    """Write server rows (inside the caller's transaction) and, if given, the new cursor.

    The row's canonical JSON is stored as it came. Consecutive upserts of one entity are
    written with one ``executemany``: an initial sync is mostly long runs of the same entity,
    and per-row statements would dominate its cost. The clock moves past the newest stamp the
    rows carry, so the next edit here wins over them.
    """
    stats = ApplyStats()
    touched: set[str] = set()
    searched: set[str] = set()
    run_entity: str | None = None
    run: list[tuple[str, int, str]] = []
    newest_stamp = ""

    def flush() -> None:
        if run and run_entity is not None:
            conn.executemany(
                f"INSERT INTO {table(run_entity)} (id, ver, wire) VALUES (?, ?, ?) "
                "ON CONFLICT(id) DO UPDATE SET ver = excluded.ver, wire = excluded.wire "
                "WHERE excluded.ver >= ver",
                run,
            )
            run.clear()

    for row in rows:
        entity = row.entity
        if row.stamp and row.stamp > newest_stamp:
            newest_stamp = row.stamp
        if entity not in ENTITY_BASES:
            stats.skipped += 1
            continue
        if row.op == "upsert" and row.data is not None:
            if entity != run_entity:
                flush()
                run_entity = entity
            run.append((row.id, row.version, row.data))
            stats.upserts += 1
            owner = row.owner
            if owner is not None:
                touched.add(owner)
                if entity in SEARCHED_ENTITIES:
                    searched.add(owner)
            continue
        flush()
        if entity == "customer":
            if erasure.forget_customer(conn, row.id, row.version):
                stats.deletes += 1
                touched.discard(row.id)
                searched.discard(row.id)
            else:
                stats.skipped += 1
            continue
        t = table(entity)
        owner_row = conn.execute(
            f"SELECT customer_id FROM {t} WHERE id = ? AND ver <= ?"
            if entity in CUSTOMER_ENTITIES
            else f"SELECT NULL FROM {t} WHERE id = ? AND ver <= ?",
            (row.id, row.version),
        ).fetchone()
        if owner_row is None:
            stats.skipped += 1
            continue
        conn.execute(f"DELETE FROM {t} WHERE id = ?", (row.id,))
        stats.deletes += 1
        if owner_row[0]:
            touched.add(str(owner_row[0]))
            if entity in SEARCHED_ENTITIES:
                searched.add(str(owner_row[0]))
    flush()
    to_rebase = touched & dirty_customers(conn)
    if to_rebase:
        rebase(conn, to_rebase)
        searched |= to_rebase
    if searched and not search.rebuild_due(conn):
        search.reindex(conn, searched)
    if newest_stamp:
        observe_stamp(conn, newest_stamp)
    if cursor is not None:
        set_meta(conn, "cursor", cursor)
    return stats


def keep_stock_of(conn: sqlite3.Connection, store_ids: Iterable[str]) -> int:
    """Drop stock rows of stores this tablet no longer receives; returns how many."""
    wanted = sorted(set(store_ids))
    if not wanted:
        return 0
    marks = ",".join("?" * len(wanted))
    cur = conn.execute(
        f"DELETE FROM {table('stock')} WHERE store_id NOT IN ({marks})",
        wanted,
    )
    return int(cur.rowcount)


def settle_after_full_pull(conn: sqlite3.Connection) -> None:
    """Once the pull has caught up, applied edits are in the server rows: drop their replays;
    if customers were forgotten during the pull, no trace of them may stay in the index."""
    outbox.purge_acked(conn)
    dirty = dirty_customers(conn)
    if dirty:
        rebase(conn, dirty)
        search.reindex(conn, dirty)
    if search.rebuild_due(conn):
        search.rebuild(conn)
    erasure.scrub_if_due(conn)


def get_cursor(conn: sqlite3.Connection) -> str:
    """The opaque pull cursor saved with the last page applied (``""``: from the start)."""
    return get_meta(conn, "cursor", "") or ""


def wipe_server_rows(conn: sqlite3.Connection, entities: Iterable[str] = ENTITY_ORDER) -> None:
    """Forget the server's copy (keeping pending overlays and the outbox) before a resync."""
    for entity in entities:
        t = table(entity)
        conn.execute(f"DELETE FROM {t} WHERE local IS NULL")
        conn.execute(f"UPDATE {t} SET wire = NULL, ver = 0 WHERE wire IS NOT NULL")
    set_meta(conn, "cursor", "")
    set_meta(conn, erasure.RESYNCED, "1")


def local_checksums(conn: sqlite3.Connection) -> dict[str, tuple[int, int]]:
    """Per entity, (count, sum of row hashes mod 2^32) over the server copies held here.

    Hashes are recomputed from the stored wire JSON, so a damaged or missing row shows up.
    """
    result: dict[str, tuple[int, int]] = {}
    for entity in ENTITY_ORDER:
        total = 0
        n = 0
        prefix = f"{entity}|".encode()
        for (wire,) in conn.execute(f"SELECT wire FROM {table(entity)} WHERE wire IS NOT NULL"):
            total += zlib.crc32(wire.encode(), zlib.crc32(prefix))
            n += 1
        result[entity] = (n, total % MOD)
    return result
