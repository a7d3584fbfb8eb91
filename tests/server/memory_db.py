"""Small server databases for fast property-based tests of the domain (SQLite or PostgreSQL)."""

from __future__ import annotations

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.pool import StaticPool
from sqlmodel import SQLModel

import sync_server.db  # noqa: F401  (loads models and the change-log hook)
from sync_server.domain.models import Product, Store
from sync_server.sync.changelog import bulk_change, record_bulk

STORES = ("store-AAA", "store-BBB")


def _reference(conn: Connection) -> None:
    """The sync counter row, two stores and one product, logged like the seeder does."""
    conn.execute(text("INSERT INTO sync_counter (id, value) VALUES (1, 0)"))
    stores = [
        {
            "id": sid,
            "code": sid[-3:],
            "name": sid,
            "city": "X",
            "latitude": 0.0,
            "longitude": 0.0,
            "timezone": "Europe/Madrid",
        }
        for sid in STORES
    ]
    conn.execute(Store.__table__.insert(), stores)  # type: ignore[attr-defined]
    product = {
        "id": "product-1",
        "sku": "SKU-1",
        "name": "Camisa",
        "category": "Camisas",
        "brand": "Nube",
        "colour": "azul",
        "price_cents": 2990,
        "currency": "EUR",
        "sizes": ["S", "M"],
        "active": True,
    }
    conn.execute(Product.__table__.insert(), [product])  # type: ignore[attr-defined]
    record_bulk(conn, [bulk_change("store", s) for s in stores] + [bulk_change("product", product)])


def memory_engine() -> Engine:
    engine = create_engine(
        "sqlite://", connect_args={"check_same_thread": False}, poolclass=StaticPool
    )

    @event.listens_for(engine, "connect")
    def _fk(dbapi_conn, _record):  # type: ignore[no-untyped-def]
        dbapi_conn.execute("PRAGMA foreign_keys=ON")

    SQLModel.metadata.create_all(engine)
    with engine.begin() as conn:
        _reference(conn)
    return engine


def reset_database(engine: Engine) -> None:
    """Empty every table of an existing database and put the reference rows back."""
    names = ", ".join(f'"{t.name}"' for t in SQLModel.metadata.sorted_tables)
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        _reference(conn)
