"""Pull: pages of a tablet's bucket logs, customer bundles, checksums and tombstone compaction.

A pull reads the tablet's buckets one after the other (global, stock, its store), each from its
own cursor with one index range scan on ``(bucket_id, version)``, so a store's sync never reads
another store's changes. Within a bucket versions commit in order (``changelog.py``): the head
version read *before* the rows is fully committed, so a bucket read to its end moves its cursor
to at least that head and can never skip a version.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NamedTuple, TypeVar

from sqlalchemy import bindparam, text
from sqlmodel import Session

from clienteling.protocol.checksum import MOD
from clienteling.protocol.entities import ENTITY_ORDER
from clienteling.protocol.messages import Checksums, EntityChecksum
from sync_server.errors import ResetRequired
from sync_server.sync.cursor import BucketCursor, decode_cursor, encode_cursor


class LogRow(NamedTuple):
    entity: str
    row_id: str
    op: str
    version: int
    payload: str | None
    stamp: str | None
    customer_id: str | None


@dataclass(frozen=True)
class Head:
    """A bucket's state as a reader sees it."""

    id: int
    name: str
    version: int
    epoch: int
    min_version: int


def heads(session: Session, names: list[str]) -> list[Head]:
    """The named buckets that exist, in the order of ``names``."""
    if not names:
        return []
    query = text(
        "SELECT id, name, version, epoch, min_version FROM sync_bucket WHERE name IN :names"
    ).bindparams(bindparam("names", expanding=True))
    found = {
        r[1]: Head(int(r[0]), r[1], int(r[2]), int(r[3]), int(r[4]))
        for r in session.execute(query, {"names": names})
    }
    return [found[n] for n in names if n in found]


def as_dicts(rows: list[LogRow]) -> list[dict[str, Any]]:
    """Rows as :class:`Change` dicts (``data`` parsed from the stored JSON)."""
    return [
        {
            "entity": r.entity,
            "id": r.row_id,
            "op": r.op,
            "version": r.version,
            "data": json.loads(r.payload) if r.payload is not None else None,
            "stamp": r.stamp,
        }
        for r in rows
    ]


def as_json(rows: list[LogRow]) -> str:
    """Rows as a JSON array of changes, splicing the stored payloads without parsing them."""
    parts = [
        f'{{"entity":{json.dumps(r.entity)},"id":{json.dumps(r.row_id)},"op":"{r.op}",'
        f'"version":{r.version},"data":{r.payload or "null"}'
        + (f',"stamp":{json.dumps(r.stamp)}}}' if r.stamp else "}")
        for r in rows
    ]
    return "[" + ",".join(parts) + "]"


_PAGE = text(
    "SELECT entity, row_id, op, version, payload, stamp, customer_id FROM bucket_log "
    "WHERE bucket_id = :b AND version > :v ORDER BY version LIMIT :n"
)


def check_cursor(cursor: dict[int, BucketCursor], subscribed: list[Head]) -> None:
    for head in subscribed:
        at = cursor.get(head.id)
        if at is None:
            continue
        behind_horizon = at.epoch != head.epoch and 0 < at.version < head.min_version
        if behind_horizon or at.version > head.version:
            raise ResetRequired(
                "This tablet's copy is older than what the server keeps (offline for too long, "
                "or the server was restored): it must be rebuilt from the server. Pending edits "
                "are kept and sent afterwards.",
            )


_LINES = text(
    "SELECT entity || :t || row_id || :t || op || :t || CAST(version AS TEXT) || :t || "
    "coalesce(customer_id, '') || :t || coalesce(stamp, '') || :t || coalesce(payload, ''), "
    "version FROM bucket_log WHERE bucket_id = :b AND version > :v ORDER BY version LIMIT :n"
)

T = TypeVar("T")


def _walk(
    session: Session,
    names: list[str],
    cursor: str,
    limit: int,
    fetch: Callable[[int, int, int], list[tuple[T, int]]],
) -> tuple[list[T], str, bool]:
    """Fill a page from the buckets in order, each from its own position (see module doc)."""
    at = decode_cursor(cursor)
    subscribed = heads(session, names)
    check_cursor(at, subscribed)
    items: list[T] = []
    after: dict[int, BucketCursor] = {}
    more = False
    for head in subscribed:
        start = at.get(head.id, BucketCursor(head.epoch, 0)).version
        if start >= head.version:
            after[head.id] = BucketCursor(head.epoch, start)
            continue
        room = limit - len(items)
        if room <= 0:
            more = True
            if head.id in at:
                after[head.id] = at[head.id]
            continue
        got = fetch(head.id, start, room + 1)
        if len(got) > room:
            got = got[:room]
            more = True
            after[head.id] = BucketCursor(head.epoch, got[-1][1])
        else:
            last = got[-1][1] if got else start
            after[head.id] = BucketCursor(head.epoch, max(last, head.version))
        items.extend(item for item, _ in got)
    return items, encode_cursor(after), more


def page_rows(
    session: Session, names: list[str], cursor: str, limit: int
) -> tuple[list[LogRow], str, bool]:
    """One page after ``cursor`` over the buckets ``names``: rows, next cursor, more to come."""

    def fetch(bucket: int, start: int, n: int) -> list[tuple[LogRow, int]]:
        rows = [LogRow(*r) for r in session.execute(_PAGE, {"b": bucket, "v": start, "n": n})]
        return [(r, r.version) for r in rows]

    return _walk(session, names, cursor, limit, fetch)


def page_lines(
    session: Session, names: list[str], cursor: str, limit: int
) -> tuple[list[str], str, bool]:
    """The same page as lines of the compact form, assembled by the database.

    Each line is ``protocol.pages.encode_line`` of the row: the server touches no field of it.
    """

    def fetch(bucket: int, start: int, n: int) -> list[tuple[str, int]]:
        params = {"b": bucket, "v": start, "n": n, "t": "\t"}
        return [(str(line), int(v)) for line, v in session.execute(_LINES, params)]

    return _walk(session, names, cursor, limit, fetch)


def pull_page(
    session: Session, names: list[str], cursor: str, limit: int
) -> tuple[list[dict[str, Any]], str, bool]:
    rows, next_cursor, more = page_rows(session, names, cursor, limit)
    return as_dicts(rows), next_cursor, more


def bundle_changes(session: Session, bucket: str, customer_id: str) -> list[dict[str, Any]]:
    """A customer's rows as her store bucket holds them (versions of that bucket)."""
    rows = session.execute(
        text(
            "SELECT l.entity, l.row_id, l.op, l.version, l.payload, l.stamp, l.customer_id "
            "FROM bucket_log l "
            "JOIN sync_bucket b ON b.id = l.bucket_id "
            "WHERE b.name = :b AND l.customer_id = :c AND l.op = 'upsert' ORDER BY l.version"
        ),
        {"b": bucket, "c": customer_id},
    ).all()
    return as_dicts([LogRow(*r) for r in rows])


def checksums(session: Session, names: list[str]) -> Checksums:
    """Count and additive hash per entity over the buckets, and the cursor they hold at.

    Heads and checksum rows come from one statement, so they are one consistent snapshot;
    both are written in the same transaction as the log entries they summarise.
    """
    if not names:
        return Checksums(cursor="", entities={})
    query = text(
        "SELECT b.id, b.epoch, b.version, c.entity, c.count, c.total FROM sync_bucket b "
        "LEFT JOIN bucket_checksum c ON c.bucket_id = b.id WHERE b.name IN :names"
    ).bindparams(bindparam("names", expanding=True))
    counts = dict.fromkeys(ENTITY_ORDER, 0)
    sums = dict.fromkeys(ENTITY_ORDER, 0)
    at: dict[int, BucketCursor] = {}
    for bucket_id, epoch, version, entity, count, total in session.execute(query, {"names": names}):
        at[int(bucket_id)] = BucketCursor(int(epoch), int(version))
        if entity in counts:
            counts[entity] += int(count)
            sums[entity] = (sums[entity] + int(total)) % MOD
    return Checksums(
        cursor=encode_cursor(at),
        entities={
            name: EntityChecksum(count=counts[name], checksum=sums[name]) for name in ENTITY_ORDER
        },
    )


def compact_tombstones(session: Session, older_than: datetime | None = None) -> int:
    """Drop tombstones (all, or those older than a time) from every bucket log.

    A bucket that lost tombstones starts a new epoch; a tablet whose cursor in it is from an
    older epoch and below the newest dropped tombstone must rebuild (HTTP 410).
    """
    removed = 0
    buckets = session.execute(text("SELECT id FROM sync_bucket ORDER BY id")).all()
    for (bucket_id,) in buckets:
        cond = "bucket_id = :b AND op = 'delete'" + (
            " AND changed_at < :t" if older_than is not None else ""
        )
        params: dict[str, Any] = {"b": bucket_id, "t": older_than}
        top = session.execute(
            text(f"SELECT max(version) FROM bucket_log WHERE {cond}"),  # noqa: S608 - cond is constant text
            params,
        ).scalar_one()
        if top is None:
            continue
        result = session.execute(
            text(f"DELETE FROM bucket_log WHERE {cond} AND version <= :top"),  # noqa: S608 - cond is constant text
            {**params, "top": top},
        )
        removed += int(result.rowcount)  # type: ignore[attr-defined]
        session.execute(
            text(
                "UPDATE sync_bucket SET epoch = epoch + 1, "
                "min_version = CASE WHEN min_version > :top THEN min_version ELSE :top END "
                "WHERE id = :b"
            ),
            {"b": bucket_id, "top": top},
        )
    return removed
