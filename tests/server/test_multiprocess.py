"""Several ``sync-server serve`` processes on one PostgreSQL: the server keeps no state between
requests, so pushes and pulls spread over processes stay exactly-once and skip nothing."""

from __future__ import annotations

import threading
from typing import Any

import httpx
import pytest

from sync_server.embedded import ServerProcess
from tests.conftest import LiveServer, ServerFactory
from tests.server.helpers import Device, DictReplica, new_id


def _push(url: str, device: Device, *mutations: dict[str, Any]) -> list[dict[str, Any]]:
    with httpx.Client(base_url=url + "/api/v1", timeout=60) as http:
        r = http.post("/sync/push", json={"mutations": list(mutations)}, headers=device.headers)
        r.raise_for_status()
        outcomes: list[dict[str, Any]] = r.json()["outcomes"]
        return outcomes


@pytest.mark.postgres
def test_two_server_processes_share_one_database(make_live_server: ServerFactory) -> None:
    server: LiveServer = make_live_server(backend="postgres")
    with ServerProcess(server.database_url) as other:
        other_url = other.url
        urls = [server.url, other_url]
        reader = Device(server, "MAD01")
        reader.sync()
        store = next(s for s in reader.replica.rows["store"].values() if s["code"] == "MAD01")
        customers = sorted(
            cid
            for cid, c in reader.replica.rows["customer"].items()
            if c["home_store_id"] == store["id"]
        )[:8]
        writers = [Device(server, "MAD01") for _ in range(4)]
        written: list[str] = []
        lock = threading.Lock()
        done = threading.Event()
        errors: list[BaseException] = []

        def write(k: int, device: Device) -> None:
            try:
                for i in range(30):
                    note_id = new_id()
                    m = device.mutation(
                        "note.upsert",
                        customers[(i + k) % len(customers)],
                        {"id": note_id, "body": str(i)},
                    )
                    out = _push(urls[(i + k) % 2], device, m)
                    assert out[0]["status"] == "applied"
                    with lock:
                        written.append(note_id)
            except BaseException as exc:
                errors.append(exc)

        def read() -> None:
            try:
                n = 0
                while not done.is_set():
                    with httpx.Client(base_url=urls[n % 2] + "/api/v1", timeout=60) as http:
                        reader.replica.pull(http, reader.headers, limit=3, max_pages=1)
                    n += 1
            except BaseException as exc:
                errors.append(exc)

        threads = [threading.Thread(target=write, args=(k, w)) for k, w in enumerate(writers)]
        pulling = threading.Thread(target=read)
        pulling.start()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        done.set()
        pulling.join()
        assert not errors, errors
        with httpx.Client(base_url=other_url + "/api/v1", timeout=60) as http:
            assert reader.replica.pull(http, reader.headers)
        assert len(written) == 120
        assert [n for n in written if n not in reader.replica.rows["note"]] == []

        # The same mutation sent to both processes at once is applied once, same answer.
        twin = writers[0].mutation("points.redeem", customers[0], {"id": new_id(), "points": 1})
        answers: list[list[dict[str, Any]]] = []
        racers = [
            threading.Thread(target=lambda u=u: answers.append(_push(u, writers[0], twin)))
            for u in urls
        ]
        for t in racers:
            t.start()
        for t in racers:
            t.join()
        assert len(answers) == 2 and answers[0] == answers[1]
        with server.engine.connect() as conn:
            from sqlalchemy import text

            count = conn.execute(
                text("SELECT count(*) FROM loyalty_entry WHERE id = :i"),
                {"i": twin["payload"]["id"]},
            ).scalar_one()
        assert count == (1 if answers[0][0]["status"] == "applied" else 0)
        fresh = DictReplica()
        with httpx.Client(base_url=server.url + "/api/v1", timeout=60) as http:
            assert fresh.pull(http, reader.headers)
        assert fresh.rows["note"].keys() == reader.replica.rows["note"].keys()
