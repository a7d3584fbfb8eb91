"""A fresh in-memory server database, for fast property-based tests of the domain."""

from __future__ import annotations

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.pool import StaticPool
from sqlmodel import SQLModel

import sync_server.db  # noqa: F401  (loads models and the change-log hook)
from sync_server.domain.models import Store
from sync_server.sync.changelog import bulk_change, record_bulk


def memory_engine() -> Engine:
    engine = create_engine(
        "sqlite://", connect_args={"check_same_thread": False}, poolclass=StaticPool
    )

    @event.listens_for(engine, "connect")
    def _fk(dbapi_conn, _record):  # type: ignore[no-untyped-def]
        dbapi_conn.execute("PRAGMA foreign_keys=ON")

    SQLModel.metadata.create_all(engine)
    with engine.begin() as conn:
        conn.execute(
            text("INSERT INTO sync_counter (id, value, min_cursor, epoch) VALUES (1, 0, 0, 0)")
        )
        stores = [
            {
                "id": f"store-{code}",
                "code": code,
                "name": code,
                "city": "X",
                "latitude": 0.0,
                "longitude": 0.0,
                "timezone": "Europe/Madrid",
            }
            for code in ("AAA", "BBB")
        ]
        conn.execute(Store.__table__.insert(), stores)  # type: ignore[attr-defined]
        record_bulk(conn, [bulk_change("store", s) for s in stores])
    return engine
