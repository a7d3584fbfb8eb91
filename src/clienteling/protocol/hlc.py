"""Hybrid logical clock stamps: a total order for last-writer-wins that survives skewed clocks.

A stamp is ``"<ms:015d>-<counter:05d>-<node>"``; string order is time order. A device that has
seen a stamp from the server never issues a smaller one, so an edit made after reading another
edit always wins over it, whatever the tablet's wall clock says.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

ZERO = "000000000000000-00000-"


def format_stamp(ms: int, counter: int, node: str) -> str:
    return f"{ms:015d}-{counter:05d}-{node}"


def parse_stamp(stamp: str) -> tuple[int, int, str]:
    ms, counter, node = stamp.split("-", 2)
    return int(ms), int(counter), node


def is_valid_stamp(stamp: str) -> bool:
    try:
        ms, counter, _node = parse_stamp(stamp)
    except ValueError:
        return False
    return len(stamp) >= 22 and ms >= 0 and counter >= 0


@dataclass
class HybridClock:
    node: str
    wall_ms: object = field(default=None, repr=False)
    last_ms: int = 0
    counter: int = 0

    def _now(self) -> int:
        if callable(self.wall_ms):
            return int(self.wall_ms())
        return int(time.time() * 1000)

    def now(self) -> str:
        """A stamp strictly greater than every stamp this clock issued or observed."""
        wall = self._now()
        if wall > self.last_ms:
            self.last_ms, self.counter = wall, 0
        else:
            self.counter += 1
        return format_stamp(self.last_ms, self.counter, self.node)

    def observe(self, stamp: str) -> None:
        """Move past a stamp seen from elsewhere (a pulled row, a server reply)."""
        ms, counter, _ = parse_stamp(stamp)
        if ms > self.last_ms or (ms == self.last_ms and counter > self.counter):
            self.last_ms, self.counter = ms, counter
