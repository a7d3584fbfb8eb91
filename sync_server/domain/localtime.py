"""Local wall-clock times (what tills and some platforms write) read in a store's time zone.

A time sent with an offset (``Z``, ``+01:00``) is taken as sent. A time without one is read
in the store's IANA zone (``Store.timezone``, Europe/Madrid by default), daylight saving
included: a wall time in the spring-forward gap (02:30 on the last Sunday of March in Madrid)
never happened and is refused; an ambiguous one in the autumn fall-back hour is taken as its
first occurrence (summer time), which is what a till that has not yet switched writes.
Without a store there is no zone to read it in, so a time without offset is refused rather
than guessed. Everything is stored in UTC.
"""

from __future__ import annotations

import contextlib
import importlib.resources
import zoneinfo
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path

from sync_server.errors import InvalidInput

DEFAULT_ZONE = "Europe/Madrid"


def zone(name: str, field: str = "timezone") -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(name or DEFAULT_ZONE)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise InvalidInput(
            f"{field}: '{name}' is not an IANA time zone (e.g. Europe/Madrid)",
            detail={"field": field},
        ) from None


def aware(value: datetime, zone_name: str | None, field: str) -> datetime:
    """``value`` with its zone: as sent if it has one, else read in ``zone_name`` (in UTC).

    Refused when naive and there is no zone, or when the wall time never happened there.
    """
    if value.tzinfo is not None:
        return value
    if not zone_name:
        raise InvalidInput(
            f"{field}: '{value.isoformat()}' has no time zone and there is no store to read it "
            "in; send an offset (e.g. 2026-03-01T10:15:00+01:00 or ...Z) or the store_code",
            detail={"field": field},
        )
    tz = zone(zone_name)
    local = value.replace(tzinfo=tz, fold=0)
    instant = local.astimezone(UTC)
    if instant.astimezone(tz).replace(tzinfo=None) != value:
        raise InvalidInput(
            f"{field}: '{value.isoformat()}' does not exist in {zone_name} (the clocks went "
            "forward over it); send the time with its offset",
            detail={"field": field},
        )
    return instant


@lru_cache(maxsize=64)
def country_of_zone(zone_name: str) -> str | None:
    """The ISO country of an IANA zone (zone.tab), e.g. ES for Atlantic/Canary; None if unknown."""
    for text in _zone_tables():
        for line in text.splitlines():
            parts = line.split("\t")
            if len(parts) >= 3 and not line.startswith("#") and parts[2] == zone_name:
                return parts[0]
    return None


def _zone_tables() -> list[str]:
    tables = []
    for folder in zoneinfo.TZPATH:
        path = Path(folder) / "zone.tab"
        if path.is_file():
            tables.append(path.read_text(encoding="utf-8"))
    with contextlib.suppress(ModuleNotFoundError, FileNotFoundError):
        tables.append(
            importlib.resources.files("tzdata.zoneinfo").joinpath("zone.tab").read_text("utf-8")
        )
    return tables
