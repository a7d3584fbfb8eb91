"""Tablets with wrong clocks, end to end: real engines, real replicas, the real server."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from clienteling.replica import edits, outbox, queries
from tests.client.sync_helpers import enrolled, open_replica, rich_customer, run


def test_a_tablet_an_hour_fast_does_not_win_over_edits_made_after_reading_it(
    live_server: Any, tmp_path: Path
) -> None:
    fast = open_replica(tmp_path / "fast")
    fast.wall_clock = lambda: time.time() + 3600
    honest = open_replica(tmp_path / "honest")

    async def go() -> None:
        a = await enrolled(fast, live_server.url)
        b = await enrolled(honest, live_server.url)
        await a.sync_once()
        await b.sync_once()
        cid, _, _ = rich_customer(fast)
        # The fast tablet's edit is accepted: its stamps follow the server's clock, not its own.
        edits.update_profile(fast, cid, {"preferences": "Prefiere azul"})
        report = await a.sync_once()
        assert report.applied == 1 and report.rejected == 0
        await b.sync_once()
        header = queries.customer_header(honest.read(), cid)
        assert header is not None and header.preferences == "Prefiere azul"
        # Ten minutes later by the honest tablet's clock... she changes it after reading it.
        edits.update_profile(honest, cid, {"preferences": "Prefiere verde"})
        report = await b.sync_once()
        assert report.superseded == 0
        await a.sync_once()
        for replica in (fast, honest):
            header = queries.customer_header(replica.read(), cid)
            assert header is not None and header.preferences == "Prefiere verde"
        for engine in (a, b):
            await engine.aclose()

    run(go())
    fast.close()
    honest.close()


def test_the_tablet_that_lost_a_field_keeps_her_text_and_learns_who_won(
    live_server: Any, tmp_path: Path
) -> None:
    one = open_replica(tmp_path / "one")
    other = open_replica(tmp_path / "other")

    async def go() -> None:
        a = await enrolled(one, live_server.url)
        b = await enrolled(other, live_server.url)
        await a.sync_once()
        await b.sync_once()
        cid, _, _ = rich_customer(one)
        # The other tablet edits while offline; a minute later by the clock this one edits too
        # and syncs first.
        edits.update_profile(other, cid, {"preferences": "Texto de la otra tablet"})
        one.wall_clock = lambda: time.time() + 60
        edits.update_profile(one, cid, {"preferences": "Texto que gana"})
        await a.sync_once()
        report = await b.sync_once()
        assert report.superseded == 1
        [lost] = outbox.rejected(other.read(), unseen_only=True)
        assert lost.code == outbox.SUPERSEDED
        assert [f.field for f in lost.lost] == ["preferences"]
        assert lost.lost[0].value == "Texto que gana"
        assert lost.mine("preferences") == "Texto de la otra tablet"
        header = queries.customer_header(other.read(), cid)
        assert header is not None and header.preferences == "Texto que gana"
        assert b.state.rejected_unseen == 1
        for engine in (a, b):
            await engine.aclose()

    run(go())
    one.close()
    other.close()
