"""DDL of the local replica and its migrations, versioned with ``PRAGMA user_version``.

Every synced row keeps the server's wire JSON (``wire``) untouched, so the integrity check can
recompute the server's row hash from exactly what it stored, and an optional ``local`` JSON with
the optimistic (pending) version of the row. Typed columns used for searching and sorting are
generated from ``coalesce(local, wire)``, so they can never disagree with the documents.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

from clienteling.protocol.entities import ENTITY_ORDER, GLOBAL_ENTITIES

SCHEMA_VERSION = 4


class ReplicaTooNew(RuntimeError):
    """The local file was written by a newer app: refuse rather than corrupt it."""


@dataclass(frozen=True)
class Col:
    name: str
    path: str
    kind: str = "text"  # text | int | real | ts (ISO time normalised) | channels (list length)

    def ddl(self, stored: bool = False) -> str:
        expr = f"json_extract(coalesce(local, wire), '$.{self.path}')"
        if self.kind == "channels":
            expr = f"json_array_length(coalesce(local, wire), '$.{self.path}')"
        if self.kind == "ts":
            expr = f"strftime('%Y-%m-%dT%H:%M:%f', {expr})"
        sql_type = {
            "text": "TEXT",
            "int": "INTEGER",
            "real": "REAL",
            "ts": "TEXT",
            "channels": "INTEGER",
        }[self.kind]
        storage = "STORED" if stored else "VIRTUAL"
        return f"{self.name} {sql_type} GENERATED ALWAYS AS ({expr}) {storage}"


def _c(name: str, kind: str = "text") -> Col:
    return Col(name, name, kind)


CUSTOMER_ID = _c("customer_id")

# Typed columns per entity: only what queries filter or sort by; the rest is read from the JSON.
COLUMNS: dict[str, tuple[Col, ...]] = {
    "store": (_c("code"), _c("name"), _c("latitude", "real"), _c("longitude", "real")),
    "staff": (_c("username"), _c("store_id")),
    "product": (_c("sku"), _c("name")),
    "stock": (_c("store_id"), _c("product_id"), _c("size"), _c("quantity", "int")),
    "customer": (
        Col("customer_id", "id"),
        _c("first_name"),
        _c("last_name"),
        _c("birth_date"),
        _c("home_store_id"),
        _c("assigned_staff_id"),
        _c("vip", "int"),
    ),
    "identity": (CUSTOMER_ID, _c("kind"), _c("value")),
    "consent": (CUSTOMER_ID, _c("channel"), _c("purpose"), _c("recorded_at", "ts")),
    "order": (CUSTOMER_ID, _c("channel"), _c("store_id"), _c("ordered_at", "ts")),
    "order_line": (CUSTOMER_ID, _c("order_id")),
    "return": (CUSTOMER_ID, _c("channel"), _c("returned_at", "ts")),
    "cart": (
        CUSTOMER_ID,
        _c("channel"),
        _c("status"),
        _c("updated_at", "ts"),
        _c("abandoned_at", "ts"),
    ),
    "cart_line": (CUSTOMER_ID, _c("cart_id")),
    "interaction": (CUSTOMER_ID, _c("kind"), _c("channel"), _c("occurred_at", "ts")),
    "loyalty_account": (CUSTOMER_ID, _c("card_number"), _c("tier"), _c("points_balance", "int")),
    "loyalty_entry": (CUSTOMER_ID, _c("occurred_at", "ts")),
    "coupon": (CUSTOMER_ID, _c("code"), _c("redeemed_at", "ts")),
    "note": (CUSTOMER_ID, _c("updated_at", "ts"), _c("deleted", "int"), _c("pinned", "int")),
    "task": (
        CUSTOMER_ID,
        _c("assigned_staff_id"),
        _c("due_at", "ts"),
        _c("status"),
    ),
    "customer_metrics": (CUSTOMER_ID, _c("net_revenue_cents", "int"), _c("segment")),
    "recommendation": (CUSTOMER_ID, _c("rank", "int"), _c("product_id")),
}

INDEXES: dict[str, tuple[str, ...]] = {
    "stock": ("product_id, size, store_id",),
    "customer": (
        "home_store_id, customer_id",
        "assigned_staff_id",
        "substr(birth_date, 6, 2)",
    ),
    "identity": ("value", "customer_id"),
    "consent": ("customer_id, recorded_at",),
    "order": ("customer_id, ordered_at",),
    "order_line": ("order_id", "customer_id"),
    "return": ("customer_id, returned_at",),
    "cart": ("customer_id", "status, abandoned_at"),
    "cart_line": ("cart_id", "customer_id"),
    "interaction": ("customer_id, occurred_at",),
    "loyalty_account": ("customer_id", "card_number"),
    "loyalty_entry": ("customer_id, occurred_at",),
    "coupon": ("customer_id", "code"),
    "note": ("customer_id, updated_at",),
    "task": ("customer_id", "assigned_staff_id, due_at", "status, due_at"),
    "customer_metrics": ("customer_id", "net_revenue_cents"),
    "recommendation": ("customer_id, rank",),
}

CUSTOMER_ENTITIES = tuple(e for e in ENTITY_ORDER if e not in GLOBAL_ENTITIES)


_TABLES = {entity: f"e_{entity}" for entity in ENTITY_ORDER}


def table(entity: str) -> str:
    """SQL table name of an entity (``order`` and ``return`` are keywords, hence the prefix).

    Only the schema's entities have one: SQL built with it can name no other table, whatever a
    caller (or a server's pull page) passes.
    """
    try:
        return _TABLES[entity]
    except KeyError:
        raise ValueError(f"no replica table for entity {entity!r}") from None


def _entity_ddl(entity: str) -> list[str]:
    # Customer columns are read for every search hit: keep them materialised (a small table).
    cols = ", ".join(c.ddl(stored=entity == "customer") for c in COLUMNS[entity])
    if entity == "customer":
        # An integer key the FTS index can use as its rowid; VACUUM keeps it stable.
        head = "rid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE"
    else:
        head = "id TEXT PRIMARY KEY"
    stmts = [
        f"CREATE TABLE {table(entity)} ({head}, ver INTEGER NOT NULL DEFAULT 0, "
        f"wire TEXT, local TEXT, {cols}, "
        "CHECK (wire IS NOT NULL OR local IS NOT NULL))"
    ]
    for i, expr in enumerate(INDEXES.get(entity, ())):
        stmts.append(f"CREATE INDEX ix_{entity}_{i} ON {table(entity)} ({expr})")
    stmts.append(
        f"CREATE INDEX ix_{entity}_pending ON {table(entity)} (id) WHERE local IS NOT NULL"
    )
    return stmts


def _v1(conn: sqlite3.Connection) -> None:
    stmts: list[str] = [
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        # Durable queue of edits. A row is deleted when the server rejects it, or once it was
        # applied (``acked``) and a complete pull has brought the server's rows back.
        "CREATE TABLE outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, "
        "customer_id TEXT, kind TEXT NOT NULL, body TEXT NOT NULL, created_at TEXT NOT NULL, "
        "attempts INTEGER NOT NULL DEFAULT 0, acked INTEGER NOT NULL DEFAULT 0)",
        "CREATE INDEX ix_outbox_customer ON outbox (customer_id)",
        # Edits the server refused for good, kept so the UI can tell the assistant why.
        "CREATE TABLE rejected_edit (id TEXT PRIMARY KEY, customer_id TEXT, kind TEXT NOT NULL, "
        "code TEXT, reason TEXT, body TEXT NOT NULL, rejected_at TEXT NOT NULL, "
        "seen INTEGER NOT NULL DEFAULT 0)",
        # A customer created here that the server merged into an existing one: old -> survivor.
        "CREATE TABLE customer_alias (old_id TEXT PRIMARY KEY, new_id TEXT NOT NULL)",
        # Customers whose rows carry optimistic overlays that must be rebased after a pull.
        "CREATE TABLE dirty_customer (customer_id TEXT PRIMARY KEY)",
        "CREATE VIRTUAL TABLE customer_fts USING fts5(name, ids, phone, "
        "tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')",
    ]
    for entity in ENTITY_ORDER:
        stmts.extend(_entity_ddl(entity))
    for stmt in stmts:
        conn.execute(stmt)


# Version 2: the manager's customer lists sort and filter on analytics figures, so they get
# typed columns and indexes too. Virtual generated columns can be added to existing tables, so
# a tablet keeps its synced rows across the upgrade.
V2_COLUMNS: dict[str, tuple[Col, ...]] = {
    "customer_metrics": (
        Col("predicted_cents", "predicted_value_12m_cents", "int"),
        _c("last_purchase_at", "ts"),
        _c("churn_risk", "int"),
        _c("p_alive", "real"),
        _c("orders", "int"),
        Col("channel_count", "channels", "channels"),
    ),
}
# The store KPIs read every order and interaction of a period: their figures are STORED
# columns, parsed from the JSON once when a row arrives instead of on every read (several times
# faster for a year of data). SQLite cannot add stored columns to a table, so these two tables
# are rebuilt, copying their rows.
V2_STORED: dict[str, tuple[Col, ...]] = {
    "order": (
        _c("status"),
        _c("currency"),
        _c("total_cents", "int"),
        _c("staff_id"),
    ),
    "interaction": (
        _c("store_id"),
        _c("staff_id"),
        _c("score", "int"),
        Col("survey_type", "payload.type"),
        Col("survey_score", "payload.score", "int"),
    ),
}
V2_INDEXES: dict[str, tuple[str, ...]] = {
    "customer_metrics": ("predicted_cents", "last_purchase_at", "segment"),
    "loyalty_account": ("tier",),
    "customer": ("home_store_id, vip",),
    "interaction": ("kind, occurred_at", "occurred_at"),
    "order": ("ordered_at",),
    "cart": ("abandoned_at",),
}


def _rebuild_with_stored_columns(conn: sqlite3.Connection, entity: str) -> None:
    cols = (*COLUMNS[entity], *V2_STORED[entity])
    name, new = table(entity), f"{table(entity)}_v2"
    conn.execute(
        f"CREATE TABLE {new} (id TEXT PRIMARY KEY, ver INTEGER NOT NULL DEFAULT 0, "
        f"wire TEXT, local TEXT, {', '.join(c.ddl(stored=True) for c in cols)}, "
        "CHECK (wire IS NOT NULL OR local IS NOT NULL))"
    )
    conn.execute(
        f"INSERT INTO {new} (id, ver, wire, local) SELECT id, ver, wire, local FROM {name}"
    )
    conn.execute(f"DROP TABLE {name}")
    conn.execute(f"ALTER TABLE {new} RENAME TO {name}")
    for i, expr in enumerate(INDEXES.get(entity, ())):
        conn.execute(f"CREATE INDEX ix_{entity}_{i} ON {name} ({expr})")
    conn.execute(f"CREATE INDEX ix_{entity}_pending ON {name} (id) WHERE local IS NOT NULL")


def _v2(conn: sqlite3.Connection) -> None:
    for entity in V2_STORED:
        _rebuild_with_stored_columns(conn, entity)
    for entity, cols in V2_COLUMNS.items():
        for c in cols:
            conn.execute(f"ALTER TABLE {table(entity)} ADD COLUMN {c.ddl()}")
    for entity, exprs in V2_INDEXES.items():
        for i, expr in enumerate(exprs):
            conn.execute(f"CREATE INDEX ix_{entity}_v2_{i} ON {table(entity)} ({expr})")


def _v3(conn: sqlite3.Connection) -> None:
    """Sync protocol 2: per-bucket cursors, and edits that lost a field to a later one.

    A cursor of the old chain-wide log means nothing to the new server: the server's copy is
    dropped and pulled again; the outbox and pending overlays stay. ``lost`` keeps, for an edit
    whose field a later edit kept, what won (JSON), so the assistant can see it and her text.
    """
    conn.execute("ALTER TABLE rejected_edit ADD COLUMN lost TEXT")
    row = conn.execute("SELECT value FROM meta WHERE key = 'cursor'").fetchone()
    if row is not None and row[0] not in ("", "0"):
        for entity in ENTITY_ORDER:
            conn.execute(f"DELETE FROM {table(entity)} WHERE local IS NULL")
            conn.execute(f"UPDATE {table(entity)} SET wire = NULL, ver = 0 WHERE wire IS NOT NULL")
    conn.execute("DELETE FROM meta WHERE key = 'cursor'")


def _v4(conn: sqlite3.Connection) -> None:
    """The shared tablet: who signed in here, and who may sign in again offline with a PIN.

    ``tablet_session`` keeps every staff sign-in this tablet made (public session ids), so an
    edit still waiting to be sent keeps showing its author after she signed out.
    ``tablet_staff`` is the offline sign-in cache: a staff row snapshot, her current session,
    her last online sign-in here, her PIN's argon2 hash and its throttle. Both live only in
    this (encrypted) file. The session ids older versions kept in ``meta`` move over; nobody
    gets a PIN from the upgrade (the old password cache file is deleted by the app).
    """
    conn.execute(
        "CREATE TABLE tablet_session (session_id TEXT PRIMARY KEY, staff_id TEXT NOT NULL, "
        "started_at TEXT NOT NULL)"
    )
    conn.execute(
        "CREATE TABLE tablet_staff (staff_id TEXT PRIMARY KEY, username TEXT NOT NULL, "
        "display_name TEXT NOT NULL, role TEXT NOT NULL, store_id TEXT, session_id TEXT, "
        "online_at TEXT, pin_hash TEXT, pin_set_at TEXT, "
        "failures INTEGER NOT NULL DEFAULT 0, wait_until TEXT, "
        "locked INTEGER NOT NULL DEFAULT 0)"
    )
    conn.execute(
        "INSERT OR IGNORE INTO tablet_session (session_id, staff_id, started_at) "
        "SELECT value, substr(key, 15), strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now') FROM meta "
        "WHERE key LIKE 'staff_session:%'"
    )
    conn.execute("DELETE FROM meta WHERE key LIKE 'staff_session:%'")


MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {
    1: _v1,
    2: _v2,
    3: _v3,
    4: _v4,
}


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the file to ``SCHEMA_VERSION``; each step runs in its own transaction."""
    current = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if current > SCHEMA_VERSION:
        raise ReplicaTooNew(
            f"This data file was written by a newer version of Clienteling (schema {current}, "
            f"this app knows {SCHEMA_VERSION}). Update the app, or delete the data folder "
            "to rebuild it from the server."
        )
    for version in range(current + 1, SCHEMA_VERSION + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            MIGRATIONS[version](conn)
            conn.execute(f"PRAGMA user_version = {version}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return SCHEMA_VERSION
