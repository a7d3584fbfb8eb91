"""Every write to a synced row lands in the compacted log of each bucket that holds the row.

ORM writes are seen by an ``after_flush`` hook, which routes each changed row to its buckets
right away (while the customer's scope is as that flush left it) and keeps the entries on the
session; a ``before_commit`` hook writes them. Bulk writers (the seeder, the analytics batch)
call :func:`record_bulk` instead.

**Versions are taken at the end of the transaction**, per bucket, with ``UPDATE sync_bucket SET
version = version + k ... RETURNING version``: the bucket's counter row stays locked only from
then until the commit, so a bucket's versions commit in the order they were handed out (a reader
that sees version *v* of a bucket sees every version below it) while writers of other buckets
never wait, and a writer holds no chain-wide lock for its whole transaction. Counter rows are
locked in id order, so two writers of the same buckets cannot deadlock on them.

**A customer's row and her bucket membership never race**: a transaction that changes which
buckets hold a customer locks her customer row ``FOR UPDATE`` (see ``domain/scope.py``); one
that writes her rows takes it ``FOR SHARE`` before it looks up her buckets. Either the writer
sees the new membership, or the membership change copies the writer's committed row. SQLite
runs one writer at a time, so there it needs neither lock.
"""

from __future__ import annotations

import zlib
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, NamedTuple

from sqlalchemy import Connection, bindparam, event, inspect, text
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.orm import SessionTransaction, UOWTransaction

from clienteling.protocol.checksum import MOD, canonical_json
from clienteling.protocol.entities import GLOBAL_ENTITIES
from clienteling.protocol.types import utcnow
from sync_server.bulk import insert_rows, upsert_rows
from sync_server.domain.models import SYNCED_MODELS, BucketLog, Customer, CustomerScope
from sync_server.sync.buckets import GLOBAL, stock_bucket, store_bucket
from sync_server.sync.wire import to_wire, wire_from_mapping

PENDING = "bucket_log_pending"
MARKS = "bucket_log_marks"
CHUNK = 500


class Change(NamedTuple):
    """One changed synced row, before it is routed to buckets."""

    entity: str
    row_id: str
    customer_id: str | None
    op: str  # "upsert" | "delete"
    payload: str | None  # canonical wire JSON; None for a tombstone
    stamp: str | None = None  # newest last-writer-wins stamp of the row
    store_id: str | None = None  # stock rows: whose stock bucket


class Entry(NamedTuple):
    """A change routed to one bucket."""

    bucket: str
    entity: str
    row_id: str
    customer_id: str | None
    op: str
    payload: str | None
    stamp: str | None


def max_stamp(stamps: Mapping[str, str] | None) -> str | None:
    return max(stamps.values()) if stamps else None


# --- routing -------------------------------------------------------------------------------


def lock_customers(conn: Connection, customer_ids: Iterable[str], *, exclusive: bool) -> None:
    """Row locks that order membership changes against row writes (PostgreSQL only)."""
    if conn.dialect.name != "postgresql":
        return
    ids = sorted(set(customer_ids))
    mode = "UPDATE" if exclusive else "SHARE"
    query = text(f"SELECT id FROM customer WHERE id IN :ids ORDER BY id FOR {mode}").bindparams(  # noqa: S608 - mode is one of two constants
        bindparam("ids", expanding=True)
    )
    for start in range(0, len(ids), CHUNK):
        conn.execute(query, {"ids": ids[start : start + CHUNK]}).all()


def customer_buckets(conn: Connection, customer_ids: Iterable[str]) -> dict[str, set[str]]:
    """Store buckets holding each customer, as the current transaction sees them."""
    ids = sorted(set(customer_ids))
    out: dict[str, set[str]] = {cid: set() for cid in ids}
    query = text(
        "SELECT DISTINCT customer_id, store_id FROM customer_scope WHERE customer_id IN :ids"
    ).bindparams(bindparam("ids", expanding=True))
    for start in range(0, len(ids), CHUNK):
        for cid, store_id in conn.execute(query, {"ids": ids[start : start + CHUNK]}):
            out[cid].add(store_bucket(store_id))
    return out


def route(conn: Connection, changes: Sequence[Change]) -> list[Entry]:
    """The bucket entries of some changes (customer rows go to every bucket holding her)."""
    owners = {c.customer_id for c in changes if c.customer_id and c.entity not in GLOBAL_ENTITIES}
    lock_customers(conn, owners, exclusive=False)
    held = customer_buckets(conn, owners)
    entries: list[Entry] = []
    for c in changes:
        if c.entity == "stock":
            names: Iterable[str] = [stock_bucket(c.store_id)] if c.store_id else []
        elif c.entity in GLOBAL_ENTITIES:
            names = [GLOBAL]
        else:
            names = held.get(c.customer_id or "", ())
        entries.extend(
            Entry(n, c.entity, c.row_id, c.customer_id, c.op, c.payload, c.stamp) for n in names
        )
    return entries


# --- writing -------------------------------------------------------------------------------


def bucket_ids(conn: Connection, names: Iterable[str]) -> dict[str, int]:
    """Ids of the named buckets, creating the missing ones."""
    wanted = sorted(set(names))
    if not wanted:
        return {}
    query = text("SELECT name, id FROM sync_bucket WHERE name IN :names").bindparams(
        bindparam("names", expanding=True)
    )
    found = {n: int(i) for n, i in conn.execute(query, {"names": wanted})}
    missing = [n for n in wanted if n not in found]
    if missing:
        conn.execute(
            text(
                "INSERT INTO sync_bucket (name, version, epoch, min_version) "
                "VALUES (:name, 0, 0, 0) ON CONFLICT (name) DO NOTHING"
            ),
            [{"name": n} for n in missing],
        )
        found.update({n: int(i) for n, i in conn.execute(query, {"names": missing})})
    return found


def _old_entries(
    conn: Connection, bucket_id: int, keys: list[tuple[str, str]]
) -> dict[tuple[str, str], tuple[str, int | None]]:
    query = text(
        "SELECT entity, row_id, op, row_hash FROM bucket_log "
        "WHERE bucket_id = :b AND row_id IN :ids"
    ).bindparams(bindparam("ids", expanding=True))
    wanted = set(keys)
    ids = sorted({row_id for _, row_id in keys})
    out: dict[tuple[str, str], tuple[str, int | None]] = {}
    for start in range(0, len(ids), CHUNK):
        for entity, row_id, op, row_hash in conn.execute(
            query, {"b": bucket_id, "ids": ids[start : start + CHUNK]}
        ):
            if (entity, row_id) in wanted:
                out[(entity, row_id)] = (op, None if row_hash is None else int(row_hash))
    return out


def row_hash(entity: str, payload: str) -> int:
    return zlib.crc32(f"{entity}|{payload}".encode())


def write_entries(conn: Connection, entries: Iterable[Entry], *, new_rows: bool = False) -> int:
    """Give entries versions in their buckets and store them; returns how many were written.

    The last entry for a (bucket, row) wins. A tombstone for a row its bucket never held is
    dropped. ``new_rows`` promises that no entry has an earlier version in its bucket (a fresh
    bulk load), which skips reading the old entries.
    """
    folded: dict[tuple[str, str, str], Entry] = {}
    for e in entries:
        folded[(e.bucket, e.entity, e.row_id)] = e
    if not folded:
        return 0
    grouped: dict[str, list[Entry]] = defaultdict(list)
    for e in folded.values():
        grouped[e.bucket].append(e)
    ids = bucket_ids(conn, grouped)
    now = utcnow()
    table = BucketLog.__table__  # type: ignore[attr-defined]
    written = 0
    for name in sorted(grouped, key=lambda n: ids[n]):
        bucket_id = ids[name]
        items = grouped[name]
        old = (
            {} if new_rows else _old_entries(conn, bucket_id, [(e.entity, e.row_id) for e in items])
        )
        items = [e for e in items if e.op == "upsert" or (e.entity, e.row_id) in old]
        if not items:
            continue
        last = conn.execute(
            text("UPDATE sync_bucket SET version = version + :k WHERE id = :id RETURNING version"),
            {"k": len(items), "id": bucket_id},
        ).scalar_one()
        first = int(last) - len(items) + 1
        deltas: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        rows: list[dict[str, Any]] = []
        for i, e in enumerate(items):
            prev = old.get((e.entity, e.row_id))
            if prev is not None and prev[0] == "upsert" and prev[1] is not None:
                deltas[e.entity][0] -= 1
                deltas[e.entity][1] -= prev[1]
            h = row_hash(e.entity, e.payload) if e.op == "upsert" and e.payload else None
            if h is not None:
                deltas[e.entity][0] += 1
                deltas[e.entity][1] += h
            rows.append(
                {
                    "bucket_id": bucket_id,
                    "entity": e.entity,
                    "row_id": e.row_id,
                    "version": first + i,
                    "op": e.op,
                    "customer_id": e.customer_id,
                    "payload": e.payload if e.op == "upsert" else None,
                    "row_hash": h,
                    "stamp": e.stamp,
                    "changed_at": now,
                }
            )
        if new_rows:
            insert_rows(conn, table, rows)
        else:
            upsert_rows(conn, table, rows, key=("bucket_id", "entity", "row_id"))
        _add_checksums(conn, bucket_id, deltas)
        written += len(rows)
    return written


def _add_checksums(conn: Connection, bucket_id: int, deltas: Mapping[str, list[int]]) -> None:
    params = [
        {"b": bucket_id, "e": entity, "n": n, "t": total % MOD}
        for entity, (n, total) in deltas.items()
        if n or total % MOD
    ]
    if params:
        conn.execute(
            text(
                "INSERT INTO bucket_checksum (bucket_id, entity, count, total) "
                "VALUES (:b, :e, :n, :t) ON CONFLICT (bucket_id, entity) DO UPDATE SET "
                "count = bucket_checksum.count + excluded.count, "
                "total = (bucket_checksum.total + excluded.total) % 4294967296"
            ),
            params,
        )


def record_bulk(conn: Connection, changes: Sequence[Change], *, new_rows: bool = False) -> int:
    """Route and write changes made outside the ORM unit of work (bulk writers)."""
    if not changes:
        return 0
    return write_entries(conn, route(conn, changes), new_rows=new_rows)


# --- one row, from the ORM or from a bulk insert ------------------------------------------------


def _customer_of(entity: str, obj: Any) -> str | None:
    if entity in GLOBAL_ENTITIES:
        return None
    if entity == "customer":
        return str(obj.id)
    value = obj.customer_id
    return None if value is None else str(value)


def change_of(obj: Any, deleted: bool) -> Change | None:
    entity = getattr(type(obj), "__entity__", None)
    if entity is None:
        return None
    op = "delete" if deleted else "upsert"
    if isinstance(obj, Customer) and obj.merged_into_id is not None:
        op = "delete"
    payload = canonical_json(to_wire(entity, obj)) if op == "upsert" else None
    return Change(
        entity,
        str(obj.id),
        _customer_of(entity, obj),
        op,
        payload,
        max_stamp(getattr(obj, "field_stamps", None)),
        obj.store_id if entity == "stock" else None,
    )


def bulk_change(entity: str, row: Mapping[str, Any]) -> Change:
    """The change for a row written by a bulk insert, from the dict that was inserted."""
    if entity in GLOBAL_ENTITIES:
        customer_id = None
    elif entity == "customer":
        customer_id = row["id"]
    else:
        customer_id = row["customer_id"]
    payload = canonical_json(wire_from_mapping(entity, row))
    return Change(
        entity,
        str(row["id"]),
        customer_id,
        "upsert",
        payload,
        max_stamp(row.get("field_stamps")),
        row["store_id"] if entity == "stock" else None,
    )


def bulk_delete(entity: str, row_id: str, customer_id: str | None) -> Change:
    return Change(entity, row_id, customer_id, "delete", None)


# --- customers entering and leaving a bucket ----------------------------------------------------


def customer_rows(session: OrmSession, customer_id: str) -> list[Change]:
    """Every synced row a customer owns now (her customer row first), as upserts.

    A merged record has no customer row on tablets, but rows still owned by her (written to
    her after the merge) are routed to her buckets like anyone's, so they go with her too.
    """
    from sqlmodel import select

    out: list[Change] = []
    customer = session.get(Customer, customer_id)
    if customer is None:
        return out
    if customer.merged_into_id is None:
        found = change_of(customer, deleted=False)
        if found is not None:
            out.append(found)
    for entity, model in SYNCED_MODELS.items():
        if entity in GLOBAL_ENTITIES or entity == "customer":
            continue
        for row in session.execute(
            select(model).where(model.customer_id == customer_id)  # type: ignore[attr-defined]
        ).scalars():
            found = change_of(row, deleted=False)
            if found is not None:
                out.append(found)
    return out


def _pending(session: OrmSession) -> list[Entry]:
    pending: list[Entry] = session.info.setdefault(PENDING, [])
    return pending


def enter_bucket(session: OrmSession, customer_id: str, store_id: str) -> None:
    """She is newly in a store's bucket: every row of hers goes to that bucket's log."""
    session.flush()
    bucket = store_bucket(store_id)
    _pending(session).extend(
        Entry(bucket, c.entity, c.row_id, c.customer_id, c.op, c.payload, c.stamp)
        for c in customer_rows(session, customer_id)
    )


def _leave_bucket(session: OrmSession, customer_id: str, store_id: str) -> None:
    """She left a store's bucket: tombstones there for every row of hers it holds."""
    bucket = store_bucket(store_id)
    conn = session.connection()
    keys = {
        (str(entity), str(row_id))
        for entity, row_id in conn.execute(
            text(
                "SELECT l.entity, l.row_id FROM bucket_log l JOIN sync_bucket b "
                "ON b.id = l.bucket_id WHERE b.name = :b AND l.customer_id = :c "
                "AND l.op = 'upsert'"
            ),
            {"b": bucket, "c": customer_id},
        )
    }
    pending = _pending(session)
    keys |= {
        (e.entity, e.row_id) for e in pending if e.bucket == bucket and e.customer_id == customer_id
    }
    pending.extend(
        Entry(bucket, entity, row_id, customer_id, "delete", None, None) for entity, row_id in keys
    )


# --- ORM hooks ------------------------------------------------------------------------------


def _moved_from(obj: Any) -> str | None:
    """The customer a row belonged to before this flush, if it changed owner."""
    if not hasattr(obj, "customer_id") or isinstance(obj, Customer):
        return None
    history = inspect(obj).attrs.customer_id.history
    if history.deleted and history.deleted[0] and history.deleted[0] != obj.customer_id:
        return str(history.deleted[0])
    return None


@event.listens_for(OrmSession, "after_flush")
def _collect(session: OrmSession, _ctx: UOWTransaction) -> None:
    changes: dict[tuple[str, str], Change] = {}
    moved: list[tuple[Change, str]] = []
    for obj in list(session.new) + [o for o in session.dirty if session.is_modified(o)]:
        change = change_of(obj, deleted=False)
        if change is not None:
            changes[(change.entity, change.row_id)] = change
            old_owner = _moved_from(obj)
            if old_owner is not None:
                moved.append((change, old_owner))
    for obj in session.deleted:
        change = change_of(obj, deleted=True)
        if change is not None:
            changes[(change.entity, change.row_id)] = change
    left = [
        (obj.customer_id, obj.store_id) for obj in session.deleted if isinstance(obj, CustomerScope)
    ]
    if not changes and not left:
        return
    conn = session.connection()
    pending = _pending(session)
    pending.extend(route(conn, list(changes.values())))
    if moved:
        held = customer_buckets(conn, {old for _, old in moved})
        now_held = customer_buckets(conn, {c.customer_id or "" for c, _ in moved})
        for change, old in moved:
            pending.extend(
                Entry(b, change.entity, change.row_id, old, "delete", None, None)
                for b in held.get(old, set()) - now_held.get(change.customer_id or "", set())
            )
    for customer_id, store_id in left:
        remaining = conn.execute(
            text("SELECT 1 FROM customer_scope WHERE customer_id = :c AND store_id = :s"),
            {"c": customer_id, "s": store_id},
        ).first()
        if remaining is None:
            _leave_bucket(session, customer_id, store_id)


@event.listens_for(OrmSession, "before_commit")
def _write(session: OrmSession) -> None:
    session.flush()
    pending = session.info.pop(PENDING, None)
    session.info.pop(MARKS, None)
    if pending:
        write_entries(session.connection(), pending)


@event.listens_for(OrmSession, "after_transaction_create")
def _mark(session: OrmSession, transaction: SessionTransaction) -> None:
    if transaction.nested:
        marks: dict[int, int] = session.info.setdefault(MARKS, {})
        marks[id(transaction)] = len(session.info.get(PENDING, ()))


@event.listens_for(OrmSession, "after_soft_rollback")
def _forget(session: OrmSession, previous: SessionTransaction) -> None:
    """A rolled-back savepoint takes its entries with it; a full rollback takes them all."""
    if previous.nested:
        mark = session.info.get(MARKS, {}).pop(id(previous), None)
        if mark is not None and PENDING in session.info:
            del session.info[PENDING][mark:]
    else:
        session.info.pop(PENDING, None)
        session.info.pop(MARKS, None)
