"""Fast bulk inserts through the database driver, for seeding and batch jobs.

SQLAlchemy's per-row parameter processing dominates large inserts; here each column gets one
converter (UTC time, JSON) and the driver's ``executemany`` does the rest. Values are stored
exactly as the ORM would store them, so both paths read back the same.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, Connection, Table

from clienteling.protocol.types import UTCDateTime, as_utc

Converter = Callable[[Any], Any]


def _identity(value: Any) -> Any:
    return value


def _json(value: Any) -> Any:
    return None if value is None else json.dumps(value, separators=(",", ":"))


def _utc_sqlite(value: Any) -> Any:
    """The text SQLAlchemy's SQLite dialect stores: ``YYYY-MM-DD HH:MM:SS.ffffff`` in UTC."""
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if value.tzinfo is not UTC:
        value = as_utc(value)
    return value.replace(tzinfo=None).isoformat(" ", "microseconds")


def _utc_naive(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return as_utc(value).replace(tzinfo=None)


def _converters(table: Table, dialect: str) -> list[Converter]:
    out: list[Converter] = []
    for column in table.columns:
        if isinstance(column.type, UTCDateTime):
            out.append(_utc_sqlite if dialect == "sqlite" else _utc_naive)
        elif isinstance(column.type, JSON):
            out.append(_json)
        else:
            out.append(_identity)
    return out


def insert_rows(conn: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert dicts that name every column of ``table``."""
    if not rows:
        return
    dialect = conn.dialect.name
    names = [c.name for c in table.columns]
    mark = "?" if dialect == "sqlite" else "%s"
    columns = ", ".join(f'"{n}"' for n in names)
    marks = ", ".join([mark] * len(names))
    sql = f'INSERT INTO "{table.name}" ({columns}) VALUES ({marks})'  # noqa: S608 - names from the ORM metadata
    convert = list(zip(names, _converters(table, dialect), strict=True))
    params = [tuple(fn(row[name]) for name, fn in convert) for row in rows]
    for start in range(0, len(params), 10_000):
        conn.exec_driver_sql(sql, params[start : start + 10_000])


def upsert_rows(
    conn: Connection, table: Table, rows: Sequence[dict[str, Any]], key: tuple[str, ...] = ("id",)
) -> None:
    """Insert or replace by primary ``key`` (same SQL on SQLite and PostgreSQL)."""
    if not rows:
        return
    dialect = conn.dialect.name
    names = [c.name for c in table.columns]
    mark = "?" if dialect == "sqlite" else "%s"
    columns = ", ".join(f'"{n}"' for n in names)
    marks = ", ".join([mark] * len(names))
    updates = ", ".join(f'"{n}" = excluded."{n}"' for n in names if n not in key)
    conflict = ", ".join(f'"{k}"' for k in key)
    sql = (
        f'INSERT INTO "{table.name}" ({columns}) VALUES ({marks}) '  # noqa: S608 - names from the ORM metadata
        f"ON CONFLICT ({conflict}) DO UPDATE SET {updates}"
    )
    convert = list(zip(names, _converters(table, dialect), strict=True))
    params = [tuple(fn(row[name]) for name, fn in convert) for row in rows]
    for start in range(0, len(params), 10_000):
        conn.exec_driver_sql(sql, params[start : start + 10_000])
