"""A tablet process that edits and syncs in a loop until it is killed (used by test_crash)."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

from clienteling.replica import edits
from clienteling.replica.store import Replica
from clienteling.sync.client import SyncError
from clienteling.sync.engine import SyncEngine


async def main(data_dir: Path, url: str, token: str, customer_id: str) -> None:
    replica = Replica.in_dir(data_dir)
    engine = SyncEngine(replica, url, token=token, push_batch=3, page_limit=200)
    n = 0
    while True:
        n += 1
        edits.add_note(replica, customer_id, f"crash note {os.getpid()}-{n}")
        entry = edits.redeem_points(replica, customer_id, 1)
        print(f"edit {n} {entry}", flush=True)
        try:
            await engine.sync_once()
        except SyncError as exc:
            print(f"sync error {exc.message}", flush=True)
        print(f"synced {n}", flush=True)


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]))
