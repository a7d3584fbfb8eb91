"""Identifiers: random UUIDs for new rows, name-based UUIDs where a retry must hit the same row."""

from __future__ import annotations

import uuid

_NAMESPACE = uuid.UUID("6f1c1f0e-8a4e-4f7e-9d0b-3f5a2c9e7b11")


def new_id() -> str:
    return str(uuid.uuid4())


def stable_id(*parts: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, "|".join(parts)))
