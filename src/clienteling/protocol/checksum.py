"""Additive per-entity checksums: sum of row hashes mod 2^32, cheap to compare and to update."""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

MOD = 2**32


def _default(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"not serialisable: {type(value).__name__}")


def canonical_json(data: Mapping[str, Any]) -> str:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), default=_default)


def row_hash(entity: str, data: Mapping[str, Any]) -> int:
    """Hash of a row as it travels on the wire (the JSON form of its base model)."""
    return zlib.crc32(f"{entity}|{canonical_json(data)}".encode())


def combine(hashes: Iterable[int]) -> int:
    return sum(hashes) % MOD
