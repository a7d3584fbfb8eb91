"""Every write to a synced table gets a version from the single counter, in the same flush.

An ORM ``after_flush`` hook sees all inserted, changed and deleted synced rows and records them
in the compacted change log; bulk writers (the seeder) call :func:`record_bulk` instead.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, event, text, update
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.orm import UOWTransaction

from clienteling.protocol.checksum import canonical_json
from clienteling.protocol.entities import GLOBAL_ENTITIES
from clienteling.protocol.types import utcnow
from sync_server.bulk import insert_rows, upsert_rows
from sync_server.domain.models import ChangeLog, Customer
from sync_server.sync.wire import to_wire, wire_from_mapping

# entity, row id, customer id, op, wire JSON payload (None for a tombstone)
ChangeKey = tuple[str, str, str | None, str, str | None]


def allocate_versions(conn: Connection, count: int) -> int:
    """Reserve ``count`` versions; returns the first. Serialised by the counter row lock."""
    last = conn.execute(
        text("UPDATE sync_counter SET value = value + :k WHERE id = 1 RETURNING value"),
        {"k": count},
    ).scalar_one()
    return int(last) - count + 1


def _upsert(conn: Connection, rows: Sequence[dict[str, Any]]) -> None:
    upsert_rows(conn, ChangeLog.__table__, rows, key=("entity", "row_id"))  # type: ignore[attr-defined]


def record_bulk(conn: Connection, changes: Sequence[ChangeKey], *, new_rows: bool = False) -> None:
    """Record changes written outside the ORM unit of work (bulk inserts).

    ``new_rows`` promises that none of the rows has a log entry yet (a fresh bulk load), which
    allows a plain insert instead of an upsert.
    """
    if not changes:
        return
    first = allocate_versions(conn, len(changes))
    now = utcnow()
    write = (
        (lambda c, r: insert_rows(c, ChangeLog.__table__, r))  # type: ignore[attr-defined]
        if new_rows
        else _upsert
    )
    write(
        conn,
        [
            {
                "entity": entity,
                "row_id": row_id,
                "customer_id": customer_id,
                "op": op,
                "version": first + i,
                "changed_at": now,
                "payload": payload,
            }
            for i, (entity, row_id, customer_id, op, payload) in enumerate(changes)
        ],
    )


def touch_customer_rows(conn: Connection, customer_id: str) -> int:
    """Give every row of a customer a fresh version, so devices newly in scope receive them."""
    keys = conn.execute(
        text(
            "SELECT entity, row_id FROM change_log WHERE customer_id = :c AND op = 'upsert' "
            "ORDER BY version"
        ),
        {"c": customer_id},
    ).all()
    if not keys:
        return 0
    first = allocate_versions(conn, len(keys))
    table = ChangeLog.__table__  # type: ignore[attr-defined]
    now = utcnow()
    for i, (entity, row_id) in enumerate(keys):
        conn.execute(
            update(table)
            .where(table.c.entity == entity, table.c.row_id == row_id)
            .values(version=first + i, changed_at=now)
        )
    return len(keys)


def change_key(obj: Any, deleted: bool) -> ChangeKey | None:
    entity = getattr(type(obj), "__entity__", None)
    if entity is None:
        return None
    if entity in GLOBAL_ENTITIES:
        customer_id = None
    elif entity == "customer":
        customer_id = obj.id
    else:
        customer_id = obj.customer_id
    op = "delete" if deleted else "upsert"
    if isinstance(obj, Customer) and obj.merged_into_id is not None:
        op = "delete"
    payload = canonical_json(to_wire(entity, obj)) if op == "upsert" else None
    return (entity, str(obj.id), customer_id, op, payload)


def bulk_change(entity: str, row: Mapping[str, Any]) -> ChangeKey:
    """The change for a row written by a bulk insert, from the dict that was inserted."""
    if entity in GLOBAL_ENTITIES:
        customer_id = None
    elif entity == "customer":
        customer_id = row["id"]
    else:
        customer_id = row["customer_id"]
    payload = canonical_json(wire_from_mapping(entity, row))
    return (entity, str(row["id"]), customer_id, "upsert", payload)


@event.listens_for(OrmSession, "after_flush")
def _log_changes(session: OrmSession, _ctx: UOWTransaction) -> None:
    changes: dict[tuple[str, str], ChangeKey] = {}
    for obj in list(session.new) + [o for o in session.dirty if session.is_modified(o)]:
        key = change_key(obj, deleted=False)
        if key:
            changes[(key[0], key[1])] = key
    for obj in session.deleted:
        key = change_key(obj, deleted=True)
        if key:
            changes[(key[0], key[1])] = key
    if changes:
        record_bulk(session.connection(), list(changes.values()))
