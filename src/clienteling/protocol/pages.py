"""The compact pull page: one header line, then one tab-separated line per change.

A pull page as JSON makes the tablet parse every row into objects and serialise it again to
store the server's canonical JSON; at hundreds of thousands of rows that is most of an initial
sync. In this form the row's canonical JSON travels as the last field of its line and goes into
the replica as it is. Canonical JSON never holds a raw tab or newline (``json.dumps`` escapes
control characters), ids and stamps never do either, so splitting is exact; the header's
``count`` catches a truncated body.

    {"cursor": "…", "has_more": true, "server_time": "…Z", "stock_stores": […], "count": 2}
    note<TAB>id<TAB>upsert<TAB>812<TAB>customer-id<TAB>stamp<TAB>{"body":"…",…}
    note<TAB>id<TAB>delete<TAB>813<TAB><TAB><TAB>
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import NamedTuple

from pydantic import BaseModel, Field

ROWS_MEDIA_TYPE = "application/x-clienteling-rows"


class WireRow(NamedTuple):
    entity: str
    id: str
    op: str  # "upsert" | "delete"
    version: int
    owner: str | None  # the customer the row belongs to (None for global rows)
    stamp: str | None  # newest last-writer-wins stamp of the row
    data: str | None  # canonical wire JSON; None for a tombstone


class RowsPageHeader(BaseModel):
    cursor: str
    has_more: bool
    server_time: datetime
    stock_stores: list[str] = Field(default_factory=list)
    count: int


class RowsPage(NamedTuple):
    header: RowsPageHeader
    rows: list[WireRow]


class MalformedPage(ValueError):
    """The page does not parse: a proxy truncated or altered it."""


def encode_line(row: WireRow) -> str:
    return "\t".join(
        (
            row.entity,
            row.id,
            row.op,
            str(row.version),
            row.owner or "",
            row.stamp or "",
            row.data or "",
        )
    )


def encode_page(header: RowsPageHeader, rows: Iterable[WireRow]) -> str:
    return encode_lines(header, [encode_line(r) for r in rows])


def encode_lines(header: RowsPageHeader, lines: list[str]) -> str:
    """A page from lines already in the form of ``encode_line`` (the server builds them in SQL)."""
    return "\n".join([header.model_dump_json(), *lines]) + "\n"


def decode_page(body: str) -> RowsPage:
    lines = body.split("\n")
    if not lines or lines[-1] != "":
        raise MalformedPage("the page is truncated")
    try:
        header = RowsPageHeader.model_validate_json(lines[0])
    except ValueError as exc:
        raise MalformedPage(f"bad page header: {exc}") from None
    body_lines = lines[1:-1]
    if len(body_lines) != header.count:
        raise MalformedPage(f"{len(body_lines)} rows received, {header.count} announced")
    rows = []
    for line in body_lines:
        parts = line.split("\t")
        if len(parts) != 7:
            raise MalformedPage("a row does not have 7 fields")
        entity, row_id, op, version, owner, stamp, data = parts
        rows.append(
            WireRow(entity, row_id, op, int(version), owner or None, stamp or None, data or None)
        )
    return RowsPage(header, rows)
