"""kill -9 of a tablet process at arbitrary points of edit/sync loops loses and doubles nothing."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import text

from clienteling.replica import outbox, queries
from clienteling.replica.store import Replica
from tests.client.sync_helpers import enrolled, make_engine, rich_customer, run

CHILD = Path(__file__).with_name("crash_child.py")


def test_kill_9_during_sync_loses_and_doubles_nothing(live_server: Any, tmp_path: Path) -> None:
    replica = Replica.in_dir(tmp_path)

    async def setup() -> tuple[str, str, int]:
        engine = await enrolled(replica, live_server.url)
        await engine.sync_once()
        token = engine.api.token
        assert token is not None
        await engine.aclose()
        cid, _, points = rich_customer(replica)
        return token, cid, points

    token, cid, _ = run(setup())
    replica.close()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    for lines_before_kill in (3, 7, 12, 18):
        child = subprocess.Popen(
            [sys.executable, str(CHILD), str(tmp_path), live_server.url, token, cid],
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        assert child.stdout is not None
        for _ in range(lines_before_kill):
            assert child.stdout.readline()
        child.send_signal(signal.SIGKILL)
        child.wait()
        child.stdout.close()

    replica = Replica.in_dir(tmp_path)
    conn = replica.read()
    local_entries = {
        r[0]
        for r in conn.execute(
            "SELECT id FROM e_loyalty_entry WHERE customer_id = ? AND json_extract("
            "coalesce(local, wire), '$.reason') = 'Canje en tienda'",
            (cid,),
        )
    }

    async def finish() -> None:
        engine = make_engine(replica, live_server.url, token=token)
        await engine.sync_once()
        assert (await engine.check_integrity(repair=False)).ok
        await engine.aclose()

    run(finish())
    assert outbox.count(conn) == 0
    with live_server.engine.connect() as sconn:
        server_entries = {
            r[0]
            for r in sconn.execute(
                text(
                    "SELECT id FROM loyalty_entry WHERE customer_id = :c AND reason = "
                    "'Canje en tienda'"
                ),
                {"c": cid},
            )
        }
        balance, ledger = sconn.execute(
            text(
                "SELECT a.points_balance, (SELECT sum(points) FROM loyalty_entry e "
                "WHERE e.customer_id = a.customer_id) FROM loyalty_account a WHERE a.id = :c"
            ),
            {"c": cid},
        ).one()
        notes = sconn.execute(
            text("SELECT count(*), count(DISTINCT body) FROM note WHERE customer_id = :c"),
            {"c": cid},
        ).one()
    # Every redemption committed locally reached the server exactly once, nothing more.
    assert local_entries <= server_entries
    assert balance == ledger
    assert notes[0] == notes[1]
    header = queries.customer_header(conn, cid)
    assert header is not None and header.points_balance == balance
    replica.close()
