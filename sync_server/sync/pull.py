"""Pull: pages of the compacted change log for a store's scope, plus bundles and checksums.

A page is cut from the log by version *before* the scope filter, and the cursor moves to the
end of that window. Writers are serialised by the counter row, so every version at or below
the newest committed one is already visible: a reader cannot skip a change.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import select, text
from sqlmodel import Session

from clienteling.protocol.checksum import combine, row_hash
from clienteling.protocol.entities import ENTITY_ORDER, GLOBAL_ENTITIES
from clienteling.protocol.messages import Checksums, EntityChecksum
from sync_server.domain.models import SYNCED_MODELS, ChangeLog, SyncCounter
from sync_server.errors import ResetRequired
from sync_server.sync.wire import wire_fields, wire_from_mapping

_SCOPED = (
    "(c.op = 'delete' OR c.customer_id IS NULL OR c.customer_id IN "
    "(SELECT s.customer_id FROM customer_scope s WHERE s.store_id = :store))"
)


EPOCH_SHIFT = 40  # versions below 2**40; the compaction epoch rides in the bits above


def encode_cursor(epoch: int, version: int) -> int:
    return (epoch << EPOCH_SHIFT) | version


def decode_cursor(cursor: int) -> tuple[int, int]:
    return cursor >> EPOCH_SHIFT, cursor & ((1 << EPOCH_SHIFT) - 1)


def _counter(session: Session) -> SyncCounter:
    counter = session.get(SyncCounter, 1)
    if counter is None:  # pragma: no cover - created by schema.upgrade
        raise RuntimeError("sync counter missing: run sync-server migrate")
    return counter


def _load(session: Session, keys: list[tuple[str, str]]) -> dict[tuple[str, str], Any]:
    """Current wire form of each (entity, id), read with Core for speed."""
    by_entity: dict[str, list[str]] = defaultdict(list)
    for entity, row_id in keys:
        by_entity[entity].append(row_id)
    found: dict[tuple[str, str], Any] = {}
    for entity, ids in by_entity.items():
        table: Any = SYNCED_MODELS[entity].__table__  # type: ignore[attr-defined]
        columns = [table.c[name] for name in wire_fields(entity)]
        for start in range(0, len(ids), 900):
            chunk = ids[start : start + 900]
            for row in session.execute(select(*columns).where(table.c.id.in_(chunk))).mappings():
                found[(entity, row["id"])] = wire_from_mapping(entity, row)
    return found


def changes_for(session: Session, log_rows: list[Any]) -> list[dict[str, Any]]:
    """Wire dicts of :class:`Change` (plain dicts: pulls are the hot path)."""
    rows = _load(session, [(r.entity, r.row_id) for r in log_rows if r.op == "upsert"])
    changes: list[dict[str, Any]] = []
    for r in log_rows:
        data = rows.get((r.entity, r.row_id)) if r.op == "upsert" else None
        if r.op == "upsert" and data is None:
            continue  # deleted after this read began; its tombstone comes in a later page
        changes.append(
            {"entity": r.entity, "id": r.row_id, "op": r.op, "version": r.version, "data": data}
        )
    return changes


def pull_page(
    session: Session, store_id: str, cursor: int, limit: int
) -> tuple[list[dict[str, Any]], int, bool]:
    """One page after ``cursor``; returns the changes, the next cursor and whether more follow."""
    counter = _counter(session)
    epoch, cursor = decode_cursor(cursor)
    if 0 < cursor < counter.min_cursor and epoch != counter.epoch:
        raise ResetRequired(
            "This tablet was offline for too long: its copy must be rebuilt from the server. "
            "Pending edits are kept and sent afterwards.",
        )
    window = session.execute(
        text("SELECT version FROM change_log WHERE version > :c ORDER BY version LIMIT :n"),
        {"c": cursor, "n": limit},
    ).all()
    if not window:
        return [], encode_cursor(counter.epoch, cursor), False
    window_end = int(window[-1][0])
    log_rows = session.execute(
        text(
            "SELECT c.entity, c.row_id, c.op, c.version FROM change_log c "
            f"WHERE c.version > :c AND c.version <= :e AND {_SCOPED} ORDER BY c.version"
        ),
        {"c": cursor, "e": window_end, "store": store_id},
    ).all()
    changes = changes_for(session, list(log_rows))
    return changes, encode_cursor(counter.epoch, window_end), len(window) == limit


def customer_changes(session: Session, customer_id: str) -> list[dict[str, Any]]:
    log_rows = session.execute(
        text(
            "SELECT entity, row_id, op, version FROM change_log "
            "WHERE customer_id = :c AND op = 'upsert' ORDER BY version"
        ),
        {"c": customer_id},
    ).all()
    return changes_for(session, list(log_rows))


def current_cursor(session: Session) -> int:
    counter = _counter(session)
    return encode_cursor(counter.epoch, counter.value)


def checksums(session: Session, store_id: str) -> Checksums:
    """Count and additive hash per entity over the store's scope as of the returned cursor."""
    cursor = session.execute(text("SELECT coalesce(max(version), 0) FROM change_log")).scalar_one()
    log_rows = session.execute(
        text(
            "SELECT c.entity, c.row_id, c.op, c.version FROM change_log c "
            f"WHERE c.op = 'upsert' AND c.version <= :e AND {_SCOPED}"
        ),
        {"e": cursor, "store": store_id},
    ).all()
    hashes: dict[str, list[int]] = {name: [] for name in ENTITY_ORDER}
    for start in range(0, len(log_rows), 5000):
        for change in changes_for(session, list(log_rows[start : start + 5000])):
            hashes[change["entity"]].append(row_hash(change["entity"], change["data"]))
    return Checksums(
        cursor=encode_cursor(_counter(session).epoch, int(cursor)),
        entities={
            name: EntityChecksum(count=len(values), checksum=combine(values))
            for name, values in hashes.items()
        },
    )


def is_global(entity: str) -> bool:
    return entity in GLOBAL_ENTITIES


def compact_tombstones(session: Session, before_version: int) -> int:
    """Drop tombstones at or below a version; devices behind it must reset (HTTP 410)."""
    result = session.execute(
        text("DELETE FROM change_log WHERE op = 'delete' AND version <= :v"), {"v": before_version}
    )
    counter = _counter(session)
    counter.min_cursor = max(counter.min_cursor, before_version)
    counter.epoch += 1
    return int(result.rowcount)  # type: ignore[attr-defined]


__all__ = ["ChangeLog", "checksums", "customer_changes", "pull_page"]
