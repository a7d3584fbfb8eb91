"""Bucket names, and which buckets a store's tablet subscribes to.

A bucket is the set of rows one kind of subscriber receives, with its own version counter and
compacted log (PowerSync's buckets, ElectricSQL's shapes): ``global`` (stores, staff and the
catalogue), ``stock:<store>`` (one store's stock) and ``store:<store>`` (every row of every
customer in that store's bucket, see ``customer_scope``). A tablet reads its store's bucket,
the global one and the stock of its store and of the nearest K stores, so what it pays for
follows its store, not the chain.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from sqlalchemy import text
from sqlmodel import Session

GLOBAL = "global"
GLOBAL_ROW_ENTITIES = frozenset({"store", "staff", "product"})


def store_bucket(store_id: str) -> str:
    return f"store:{store_id}"


def stock_bucket(store_id: str) -> str:
    return f"stock:{store_id}"


def store_of_bucket(name: str) -> str | None:
    """The store id of a ``store:`` or ``stock:`` bucket name."""
    prefix, _, rest = name.partition(":")
    return rest if prefix in ("store", "stock") and rest else None


def _distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, h)))


def nearest_stores(
    stores: Iterable[tuple[str, float | None, float | None]], origin: str, k: int
) -> list[str]:
    """The origin store, then the ``k`` stores closest to it (ties by id); no coordinates last."""
    places = {sid: (lat, lon) for sid, lat, lon in stores}
    here = places.get(origin)
    others = [sid for sid in places if sid != origin]
    if here is None or here[0] is None or here[1] is None:
        ranked = sorted(others)
    else:
        home = (float(here[0]), float(here[1]))

        def key(sid: str) -> tuple[float, str]:
            lat, lon = places[sid]
            if lat is None or lon is None:
                return (math.inf, sid)
            return (_distance_km(home, (float(lat), float(lon))), sid)

        ranked = sorted(others, key=key)
    return [origin, *ranked[: max(0, k)]]


def stock_stores(session: Session, store_id: str, k: int) -> list[str]:
    rows = session.execute(text("SELECT id, latitude, longitude FROM store")).all()
    return nearest_stores([(r[0], r[1], r[2]) for r in rows], store_id, k)


def device_buckets(session: Session, store_id: str, k: int) -> tuple[list[str], list[str]]:
    """A store tablet's buckets in the order a pull fills its pages, and the stock stores."""
    stock = stock_stores(session, store_id, k)
    return [GLOBAL, *(stock_bucket(s) for s in stock), store_bucket(store_id)], stock
