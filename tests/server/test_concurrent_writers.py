"""No skipped change with concurrent writers: the classic sequence/commit-order race.

Several devices push notes concurrently through the real server (uvicorn's thread pool, so
transactions overlap on the database) while another device keeps pulling small pages. Every
note is a new row, so a change skipped by the reader's cursor would stay missing for good.
"""

from __future__ import annotations

import threading

import httpx
import pytest

from sync_server.db import write_session
from sync_server.domain.models import Note
from tests.conftest import ServerFactory
from tests.server.helpers import Device, new_id


@pytest.mark.parametrize("backend", ["postgres", "sqlite"])
def test_reader_never_skips_a_change_under_concurrent_writers(
    make_live_server: ServerFactory, backend: str
) -> None:
    server = make_live_server(backend=backend)
    reader = Device(server, "MAD01")
    reader.sync()
    customers = sorted(
        cid
        for cid, c in reader.replica.rows["customer"].items()
        if c["home_store_id"]
        == next(s["id"] for s in reader.replica.rows["store"].values() if s["code"] == "MAD01")
    )
    writers = [Device(server, "MAD01") for _ in range(4)]
    written: list[str] = []
    lock = threading.Lock()
    done = threading.Event()
    errors: list[BaseException] = []

    def write(device: Device, n: int) -> None:
        try:
            for i in range(n):
                note_id = new_id()
                cid = customers[i % len(customers)]
                out = device.push(
                    device.mutation("note.upsert", cid, {"id": note_id, "body": str(i)})
                )
                assert out[0]["status"] == "applied"
                with lock:
                    written.append(note_id)
        except BaseException as exc:  # surfaced in the main thread
            errors.append(exc)

    def read() -> None:
        try:
            with httpx.Client(base_url=server.url + "/api/v1", timeout=30) as http:
                while not done.is_set():
                    reader.replica.pull(http, reader.headers, limit=3, max_pages=1)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(w, 40)) for w in writers]
    pulling = threading.Thread(target=read)
    pulling.start()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    done.set()
    pulling.join()
    assert not errors, errors
    reader.sync()  # continue from the cursor the concurrent pulls left
    seen = set(reader.replica.rows.get("note", {}))
    missing = [n for n in written if n not in seen]
    assert len(written) == 160
    assert missing == []


@pytest.mark.parametrize("backend", ["postgres", "sqlite"])
def test_customers_entering_a_bucket_while_their_rows_change(
    make_live_server: ServerFactory, backend: str
) -> None:
    """Look-ups bring Barcelona customers into Madrid's bucket while Barcelona tablets keep
    writing their notes: Madrid must end with every note, whichever committed first."""
    server = make_live_server(backend=backend)
    madrid, looker, barcelona = (
        Device(server, "MAD01"),
        Device(server, "MAD01"),
        Device(server, "BCN01"),
    )
    madrid.sync()
    barcelona.sync()
    bcn = next(s for s in barcelona.replica.rows["store"].values() if s["code"] == "BCN01")
    card_of = {
        i["customer_id"]: i["value"]
        for i in barcelona.replica.rows["identity"].values()
        if i["kind"] == "loyalty_card"
    }
    outsiders = sorted(
        cid
        for cid, c in barcelona.replica.rows["customer"].items()
        if c["home_store_id"] == bcn["id"]
        and cid not in madrid.replica.customers()
        and cid in card_of
    )[:12]
    cards = [card_of[c] for c in outsiders]
    errors: list[BaseException] = []

    def write(device: Device) -> None:
        try:
            for i in range(36):
                out = device.push(
                    device.mutation(
                        "note.upsert",
                        outsiders[i % len(outsiders)],
                        {"id": new_id(), "body": str(i)},
                    )
                )
                assert out[0]["status"] == "applied"
        except BaseException as exc:
            errors.append(exc)

    def look() -> None:
        try:
            with server.client() as http:
                for card in cards:
                    r = http.post(
                        "/sync/lookup",
                        json={"kind": "loyalty_card", "value": card},
                        headers=looker.staff_headers,
                    )
                    assert r.status_code == 200, r.text
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(barcelona,)), threading.Thread(target=look)]
    threads.append(threading.Thread(target=write, args=(Device(server, "BCN01"),)))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    madrid.sync()
    with server.engine.connect() as conn:
        from sqlalchemy import bindparam, text

        notes = {
            r[0]
            for r in conn.execute(
                text("SELECT id FROM note WHERE customer_id IN :c").bindparams(
                    bindparam("c", expanding=True)
                ),
                {"c": outsiders},
            )
        }
    assert len(notes) >= 72
    assert notes <= set(madrid.replica.rows["note"])


def _home_customer(device: Device, store_code: str) -> str:
    stores = device.replica.rows["store"].values()
    store_id = next(s["id"] for s in stores if s["code"] == store_code)
    return min(
        cid for cid, c in device.replica.rows["customer"].items() if c["home_store_id"] == store_id
    )


def test_a_long_write_in_one_store_does_not_hold_back_another_stores_tablet(
    make_live_server: ServerFactory,
) -> None:
    """A slow transaction of Barcelona (an import, an analytics chunk) is still open while a
    Madrid tablet pushes and pulls: both answer, and Barcelona's change arrives once committed.

    On PostgreSQL only: SQLite has one writer at a time by design.
    """
    server = make_live_server(backend="postgres")
    madrid, barcelona = Device(server, "MAD01"), Device(server, "BCN01")
    madrid.sync()
    barcelona.sync()
    theirs, ours = _home_customer(barcelona, "BCN01"), _home_customer(madrid, "MAD01")
    in_transaction, release = threading.Event(), threading.Event()
    slow_note = new_id()
    errors: list[BaseException] = []

    def slow_writer() -> None:
        try:
            with write_session(server.engine) as session:
                session.add(Note(id=slow_note, customer_id=theirs, body="importing"))
                session.flush()
                in_transaction.set()
                release.wait(120)
        except BaseException as exc:  # surfaced in the main thread
            errors.append(exc)
            in_transaction.set()

    writer = threading.Thread(target=slow_writer)
    writer.start()
    try:
        assert in_transaction.wait(60) and not errors, errors
        mine = new_id()
        [out] = madrid.push(madrid.mutation("note.upsert", ours, {"id": mine, "body": "hola"}))
        assert out["status"] == "applied"
        madrid.sync()
        assert mine in madrid.replica.rows["note"]
        assert writer.is_alive()  # Barcelona's transaction was open all along
    finally:
        release.set()
        writer.join()
    assert not errors, errors
    barcelona.sync()
    assert slow_note in barcelona.replica.rows["note"]
