"""Fill the bucket logs from the synced tables (after the upgrade from the chain-wide log)."""

from __future__ import annotations

import logging

from sqlalchemy import Engine, select, text

from sync_server.db import analyze
from sync_server.domain.models import SYNCED_MODELS
from sync_server.sync.changelog import Change, bulk_change, record_bulk

log = logging.getLogger(__name__)
CHUNK = 20_000


def rebuild_logs(engine: Engine) -> int:
    """Write every synced row to its buckets' logs, as a fresh load; returns entries written."""
    written = 0
    with engine.begin() as conn:
        for entity, model in SYNCED_MODELS.items():
            table = model.__table__  # type: ignore[attr-defined]
            query = select(table)
            if entity == "customer":
                query = query.where(table.c.merged_into_id.is_(None))
            batch: list[Change] = []
            for row in conn.execute(query).mappings():
                batch.append(bulk_change(entity, dict(row)))
                if len(batch) >= CHUNK:
                    written += record_bulk(conn, batch, new_rows=True)
                    batch = []
            written += record_bulk(conn, batch, new_rows=True)
    analyze(engine)
    log.info("bucket logs rebuilt: %d entries", written)
    return written


def rebuild_logs_if_empty(engine: Engine) -> None:
    with engine.connect() as conn:
        has_logs = conn.execute(text("SELECT count(*) FROM sync_bucket")).scalar_one()
        has_rows = conn.execute(text("SELECT count(*) FROM store")).scalar_one()
    if has_rows and not has_logs:
        rebuild_logs(engine)
