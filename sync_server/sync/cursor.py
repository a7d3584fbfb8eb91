"""The pull cursor: per bucket, the epoch and the last version the tablet holds.

On the wire it is an opaque string ``"<bucket>:<epoch>:<version>.<bucket>:…"`` (bucket ids in
ascending order, so equal positions give equal strings); the tablet stores it with the page it
applied and sends it back unchanged. ``""`` is the start of everything.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from sync_server.errors import DomainError

MAX_LENGTH = 4000
_PART = re.compile(r"^(\d{1,9}):(\d{1,9}):(\d{1,18})$")


class BadCursor(DomainError):
    status_code = 400
    code = "invalid_cursor"


class BucketCursor(NamedTuple):
    epoch: int
    version: int


def decode_cursor(cursor: str) -> dict[int, BucketCursor]:
    if not cursor:
        return {}
    if len(cursor) > MAX_LENGTH:
        raise BadCursor("cursor: too long")
    out: dict[int, BucketCursor] = {}
    for part in cursor.split("."):
        match = _PART.match(part)
        if match is None:
            raise BadCursor(
                "cursor: not a cursor this server issued; sync again from the start",
                detail={"part": part[:40]},
            )
        bucket, epoch, version = (int(g) for g in match.groups())
        out[bucket] = BucketCursor(epoch, version)
    return out


def encode_cursor(entries: dict[int, BucketCursor]) -> str:
    return ".".join(f"{b}:{c.epoch}:{c.version}" for b, c in sorted(entries.items()))
