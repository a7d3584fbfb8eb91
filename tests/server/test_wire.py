"""The JSON a tablet receives for a row is the same whichever way the row was written."""

from __future__ import annotations

import json

from sqlalchemy import text
from sqlmodel import Session, select

from clienteling.protocol.checksum import canonical_json
from sync_server.domain.models import SYNCED_MODELS
from sync_server.sync.wire import to_wire
from tests.conftest import LiveServer


def test_bulk_written_payloads_equal_the_orm_wire_form(live_server: LiveServer) -> None:
    checked = 0
    with Session(live_server.engine) as session:
        for entity, model in SYNCED_MODELS.items():
            for row in session.exec(select(model).limit(25)):
                row_id = getattr(row, "id")  # noqa: B009
                payloads = session.execute(
                    text("SELECT payload FROM bucket_log WHERE entity = :e AND row_id = :r"),
                    {"e": entity, "r": row_id},
                ).scalars()
                for payload in payloads:
                    assert payload == canonical_json(to_wire(entity, row)), entity
                    assert json.loads(payload)["id"] == row_id
                    checked += 1
    assert checked > 300
