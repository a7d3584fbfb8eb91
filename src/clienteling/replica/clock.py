"""The tablet's hybrid logical clock, kept in the replica so its stamps never go backwards.

Two things keep last-writer-wins honest on tablets with wrong clocks. The clock *observes* every
stamp the tablet receives (rows carry their newest stamp), so an edit made after reading another
one is stamped after it. And wall time is corrected by the offset to the server's clock measured
at each pull, so a tablet whose clock runs an hour fast does not win every edit for that hour
(nor have its edits refused by the server's bound on stamps ahead of its time).
"""

from __future__ import annotations

import sqlite3
import time
import uuid
from collections.abc import Callable

from clienteling.protocol.hlc import HybridClock, parse_stamp
from clienteling.replica.store import get_meta, set_meta

WallClock = Callable[[], float]


def clock_for(conn: sqlite3.Connection, wall: WallClock = time.time) -> HybridClock:
    """The device's clock: its node id, its last stamp, and wall time corrected to the server."""
    node = get_meta(conn, "hlc_node")
    if node is None:
        node = uuid.uuid4().hex[:12]
        set_meta(conn, "hlc_node", node)
    offset_ms = int(get_meta(conn, "clock_offset_ms", "0") or 0)
    clock = HybridClock(node=node, wall_ms=lambda: wall() * 1000 + offset_ms)
    last = get_meta(conn, "hlc_last")
    if last:
        clock.observe(last)
    return clock


def observe_stamp(conn: sqlite3.Connection, stamp: str) -> None:
    """Remember a stamp seen elsewhere (a pulled row, the server's time): later edits sort after."""
    last = get_meta(conn, "hlc_last")
    if last is None or parse_stamp(stamp)[:2] > parse_stamp(last)[:2]:
        set_meta(conn, "hlc_last", stamp)


def observe_server_time(conn: sqlite3.Connection, server_ms: int, local_ms: int) -> None:
    """Note how far this tablet's clock is from the server's, for stamps made offline later."""
    set_meta(conn, "clock_offset_ms", str(server_ms - local_ms))
    observe_stamp(conn, f"{server_ms:015d}-00000-")


def next_stamp(conn: sqlite3.Connection, wall: WallClock = time.time) -> str:
    stamp = clock_for(conn, wall).now()
    set_meta(conn, "hlc_last", stamp)
    return stamp
