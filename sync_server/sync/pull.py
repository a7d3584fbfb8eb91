"""Pull: pages of the compacted change log for a store's scope, plus bundles and checksums.

A page is cut from the log by version *before* the scope filter, and the cursor moves to the
end of that window. Writers are serialised by the counter row, so every version at or below
the newest committed one is already visible: a reader cannot skip a change. Each log entry
carries its row's wire JSON, so a page is one indexed range scan.
"""

from __future__ import annotations

import json
import zlib
from typing import Any, NamedTuple

from sqlalchemy import text
from sqlmodel import Session

from clienteling.protocol.checksum import MOD
from clienteling.protocol.entities import ENTITY_ORDER
from clienteling.protocol.messages import Checksums, EntityChecksum
from sync_server.domain.models import SyncCounter
from sync_server.errors import ResetRequired

_SCOPED = (
    "(c.op = 'delete' OR c.customer_id IS NULL OR c.customer_id IN "
    "(SELECT s.customer_id FROM customer_scope s WHERE s.store_id = :store))"
)
EPOCH_SHIFT = 40  # versions below 2**40; the compaction epoch rides in the bits above


class LogRow(NamedTuple):
    entity: str
    row_id: str
    op: str
    version: int
    payload: str | None


def encode_cursor(epoch: int, version: int) -> int:
    return (epoch << EPOCH_SHIFT) | version


def decode_cursor(cursor: int) -> tuple[int, int]:
    return cursor >> EPOCH_SHIFT, cursor & ((1 << EPOCH_SHIFT) - 1)


def _counter(session: Session) -> SyncCounter:
    counter = session.get(SyncCounter, 1)
    if counter is None:  # pragma: no cover - created by schema.upgrade
        raise RuntimeError("sync counter missing: run sync-server migrate")
    return counter


def as_dicts(rows: list[LogRow]) -> list[dict[str, Any]]:
    """Rows as :class:`Change` dicts (``data`` parsed from the stored JSON)."""
    return [
        {
            "entity": r.entity,
            "id": r.row_id,
            "op": r.op,
            "version": r.version,
            "data": json.loads(r.payload) if r.payload is not None else None,
        }
        for r in rows
    ]


def as_json(rows: list[LogRow]) -> str:
    """Rows as a JSON array of changes, splicing the stored payloads without parsing them."""
    parts = [
        f'{{"entity":{json.dumps(r.entity)},"id":{json.dumps(r.row_id)},"op":"{r.op}",'
        f'"version":{r.version},"data":{r.payload or "null"}}}'
        for r in rows
    ]
    return "[" + ",".join(parts) + "]"


def page_rows(
    session: Session, store_id: str, cursor: int, limit: int
) -> tuple[list[LogRow], int, bool]:
    """One page after ``cursor``: the log rows, the next cursor and whether more follow."""
    counter = _counter(session)
    epoch, version = decode_cursor(cursor)
    if 0 < version < counter.min_cursor and epoch != counter.epoch:
        raise ResetRequired(
            "This tablet was offline for too long: its copy must be rebuilt from the server. "
            "Pending edits are kept and sent afterwards.",
        )
    window = session.execute(
        text("SELECT version FROM change_log WHERE version > :c ORDER BY version LIMIT :n"),
        {"c": version, "n": limit},
    ).all()
    if not window:
        return [], encode_cursor(counter.epoch, version), False
    window_end = int(window[-1][0])
    rows = session.execute(
        text(
            "SELECT c.entity, c.row_id, c.op, c.version, c.payload FROM change_log c "  # noqa: S608 - _SCOPED is a constant
            f"WHERE c.version > :c AND c.version <= :e AND {_SCOPED} ORDER BY c.version"
        ),
        {"c": version, "e": window_end, "store": store_id},
    ).all()
    log_rows = [LogRow(*r) for r in rows]
    return log_rows, encode_cursor(counter.epoch, window_end), len(window) == limit


def pull_page(
    session: Session, store_id: str, cursor: int, limit: int
) -> tuple[list[dict[str, Any]], int, bool]:
    rows, next_cursor, more = page_rows(session, store_id, cursor, limit)
    return as_dicts(rows), next_cursor, more


def customer_changes(session: Session, customer_id: str) -> list[dict[str, Any]]:
    rows = session.execute(
        text(
            "SELECT entity, row_id, op, version, payload FROM change_log "
            "WHERE customer_id = :c AND op = 'upsert' ORDER BY version"
        ),
        {"c": customer_id},
    ).all()
    return as_dicts([LogRow(*r) for r in rows])


def current_cursor(session: Session) -> int:
    counter = _counter(session)
    return encode_cursor(counter.epoch, counter.value)


def checksums(session: Session, store_id: str) -> Checksums:
    """Count and additive hash per entity over the store's scope as of the returned cursor.

    The stored payload is the canonical JSON, so its hash equals ``row_hash`` of the row.
    """
    cursor = session.execute(text("SELECT coalesce(max(version), 0) FROM change_log")).scalar_one()
    rows = session.execute(
        text(
            "SELECT c.entity, c.payload FROM change_log c "  # noqa: S608 - _SCOPED is a constant
            f"WHERE c.op = 'upsert' AND c.version <= :e AND {_SCOPED}"
        ),
        {"e": cursor, "store": store_id},
    )
    counts = dict.fromkeys(ENTITY_ORDER, 0)
    sums = dict.fromkeys(ENTITY_ORDER, 0)
    for entity, payload in rows:
        counts[entity] += 1
        sums[entity] = (sums[entity] + zlib.crc32(f"{entity}|{payload}".encode())) % MOD
    return Checksums(
        cursor=encode_cursor(_counter(session).epoch, int(cursor)),
        entities={
            name: EntityChecksum(count=counts[name], checksum=sums[name]) for name in ENTITY_ORDER
        },
    )


def compact_tombstones(session: Session, before_version: int) -> int:
    """Drop tombstones at or below a version; devices behind it must reset (HTTP 410)."""
    result = session.execute(
        text("DELETE FROM change_log WHERE op = 'delete' AND version <= :v"), {"v": before_version}
    )
    counter = _counter(session)
    counter.min_cursor = max(counter.min_cursor, before_version)
    counter.epoch += 1
    return int(result.rowcount)  # type: ignore[attr-defined]
