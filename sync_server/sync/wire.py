"""Server rows as they travel: the JSON form of the shared base model, nothing server-only.

``wire_from_mapping`` is the fast path for pulls (Core rows, no pydantic per row); it must give
exactly what ``BaseModel.model_dump(mode="json")`` gives, which a test checks.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime
from functools import cache
from typing import Any

from sqlmodel import SQLModel

from clienteling.protocol.entities import ENTITY_BASES


def to_wire(entity: str, row: SQLModel) -> dict[str, Any]:
    base = ENTITY_BASES[entity]
    values = {name: getattr(row, name) for name in base.model_fields}
    return base.model_validate(values).model_dump(mode="json")


def _json_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat().replace("+00:00", "Z")
    if isinstance(value, date):
        return value.isoformat()
    return value


@cache
def wire_fields(entity: str) -> tuple[str, ...]:
    return tuple(ENTITY_BASES[entity].model_fields)


def wire_from_mapping(entity: str, row: Mapping[Any, Any]) -> dict[str, Any]:
    convert: Callable[[Any], Any] = _json_value
    return {name: convert(row[name]) for name in wire_fields(entity)}
