"""Request field types that accept exactly what the API's JSON schema documents.

pydantic's lax mode would take ``true`` for a count, ``1`` for a flag and a Unix timestamp for
a date-time, while the OpenAPI document promises integer, boolean and ISO 8601 text: a client
that sends anything else is told so (422) instead of having its value reinterpreted.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Any

from pydantic import BeforeValidator, Strict

_NUMBER = re.compile(r"\s*[+-]?\d+(\.\d*)?\s*")

StrictCount = Annotated[int, Strict()]
StrictFlag = Annotated[bool, Strict()]


def _iso_text(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value
    if not isinstance(value, str) or _NUMBER.fullmatch(value):
        raise ValueError("must be ISO 8601 text, e.g. 2026-11-25T10:00:00Z")
    return value


IsoDatetime = Annotated[datetime, BeforeValidator(_iso_text)]
IsoDate = Annotated[date, BeforeValidator(_iso_text)]
