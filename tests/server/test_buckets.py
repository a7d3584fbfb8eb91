"""A tablet's sync follows its store: its own bucket, the catalogue, nearby stock; nothing else."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import text

from clienteling.protocol.checksum import combine, row_hash
from clienteling.protocol.messages import Change
from clienteling.protocol.pages import ROWS_MEDIA_TYPE, WireRow, decode_page
from clienteling.replica.apply import as_rows
from sync_server.db import write_session
from sync_server.domain.lookups import expire
from sync_server.settings import Settings
from tests.conftest import LiveServer, ServerFactory
from tests.server.helpers import Device, DictReplica, new_id


def _store_ids(server: LiveServer) -> dict[str, str]:
    with server.engine.connect() as conn:
        return {code: sid for sid, code in conn.execute(text("SELECT id, code FROM store"))}


def _home(device: Device, store_id: str) -> list[str]:
    return sorted(
        cid for cid, c in device.replica.rows["customer"].items() if c["home_store_id"] == store_id
    )


def _checksums_match(device: Device) -> None:
    with device.server.client() as http:
        sums = http.get("/sync/checksums", headers=device.headers).json()
    assert sums["cursor"] == device.replica.cursor
    for entity, expected in sums["entities"].items():
        rows = device.replica.rows.get(entity, {}).values()
        assert expected["count"] == len(rows), entity
        assert expected["checksum"] == combine(row_hash(entity, r) for r in rows), entity


def test_a_store_reads_nothing_while_other_stores_change(server: LiveServer) -> None:
    stores = _store_ids(server)
    madrid, barcelona = Device(server, "MAD01"), Device(server, "BCN01")
    madrid.sync()
    barcelona.sync()
    customers = _home(barcelona, stores["BCN01"])
    madrid_only = set(_home(madrid, stores["MAD01"])) - set(barcelona.replica.customers())
    for i in range(120):
        barcelona.push(
            barcelona.mutation("note.upsert", customers[i % 10], {"id": new_id(), "body": str(i)})
        )
    with server.client() as http:
        before = madrid.replica.pages
        assert madrid.replica.pull(http, madrid.headers, limit=20)
        # One request, nothing in it: Barcelona's 120 notes are not even read.
        assert madrid.replica.pages - before == 1
    assert madrid_only, "the seed has Madrid customers Barcelona never sees"
    assert not madrid_only & barcelona.replica.customers()
    _checksums_match(madrid)


def test_stock_comes_from_the_store_and_its_nearest_neighbour_only(
    make_live_server: ServerFactory,
) -> None:
    server = make_live_server(settings=Settings(stock_nearest_stores=1))
    stores = _store_ids(server)
    madrid = Device(server, "MAD01")
    with server.client() as http:
        r = http.get("/sync/pull", params={"limit": 5000}, headers=madrid.headers)
        assert r.status_code == 200
        first: dict[str, Any] = r.json()
    madrid.sync()
    received = {s["store_id"] for s in madrid.replica.rows["stock"].values()}
    # Valencia is the closest store to Madrid among the seeded ones.
    assert received == {stores["MAD01"], stores["VLC01"]}
    assert first["stock_stores"] == [stores["MAD01"], stores["VLC01"]]
    assert len(madrid.replica.rows["store"]) == len(stores)  # every store is listed
    _checksums_match(madrid)


def test_a_customer_who_leaves_the_bucket_leaves_the_tablet(server: LiveServer) -> None:
    stores = _store_ids(server)
    madrid, barcelona = Device(server, "MAD01"), Device(server, "BCN01")
    madrid.sync()
    barcelona.sync()
    card_of = {
        i["customer_id"]: i["value"]
        for i in barcelona.replica.rows["identity"].values()
        if i["kind"] == "loyalty_card"
    }
    outsider = next(
        cid
        for cid in _home(barcelona, stores["BCN01"])
        if cid not in madrid.replica.customers() and cid in card_of
    )
    card = card_of[outsider]
    with server.client() as http:
        r = http.post(
            "/sync/lookup",
            json={"kind": "loyalty_card", "value": card, "purpose": "in_store"},
            headers=madrid.staff_headers,
        )
        assert r.status_code == 200, r.text
    madrid.sync()
    assert outsider in madrid.replica.customers()
    owned = {
        (entity, row_id)
        for entity, rows in madrid.replica.rows.items()
        for row_id, row in rows.items()
        if row.get("customer_id") == outsider
    }
    assert len(owned) > 3
    _checksums_match(madrid)
    with write_session(server.engine) as session:
        assert expire(session, days=0) == 1
    madrid.sync()
    assert outsider not in madrid.replica.customers()
    for entity, row_id in owned:
        assert row_id not in madrid.replica.rows.get(entity, {}), entity
    _checksums_match(madrid)
    barcelona.sync()
    assert outsider in barcelona.replica.customers()  # her own store keeps her


def test_initial_sync_resumes_from_any_page_of_any_bucket(server: LiveServer) -> None:
    device = Device(server, "MAD01")
    with server.client() as http:
        reference = DictReplica()
        assert reference.pull(http, device.headers, limit=5000)
        for limit in (7, 333):
            partial = DictReplica()
            partial.pull(http, device.headers, limit=limit, max_pages=2)
            resumed = DictReplica(rows=partial.rows, cursor=partial.cursor)
            assert resumed.pull(http, device.headers, limit=limit * 3)
            assert resumed.rows == reference.rows


def test_a_bad_cursor_is_a_clear_400(server: LiveServer) -> None:
    device = Device(server, "MAD01")
    with server.client() as http:
        r = http.get("/sync/pull", params={"cursor": "x'; DROP"}, headers=device.headers)
    assert r.status_code == 400
    assert r.json()["code"] == "invalid_cursor"


def test_the_compact_page_carries_exactly_the_json_page(server: LiveServer) -> None:
    """The app's compact pages (rows built by the database) say what the JSON pages say."""
    device = Device(server, "MAD01")
    note_id = new_id()
    own = _home(device_synced(device), _store_ids(server)["MAD01"])[0]
    device.push(
        device.mutation("note.upsert", own, {"id": note_id, "body": "Tab\there, «comillas», \\n"})
    )
    json_cursor = rows_cursor = ""
    seen: list[WireRow] = []
    with server.client() as http:
        while True:
            page = http.get(
                "/sync/pull", params={"cursor": json_cursor, "limit": 777}, headers=device.headers
            ).json()
            compact = http.get(
                "/sync/pull",
                params={"cursor": rows_cursor, "limit": 777, "format": "rows"},
                headers=device.headers,
            )
            assert compact.headers["content-type"].startswith(ROWS_MEDIA_TYPE)
            decoded = decode_page(compact.text)
            expected = as_rows(Change.model_validate(c) for c in page["changes"])
            assert decoded.rows == expected
            seen.extend(decoded.rows)
            assert decoded.header.cursor == page["cursor"]
            json_cursor, rows_cursor = page["cursor"], decoded.header.cursor
            if not page["has_more"]:
                break
    [note] = [r for r in seen if r.id == note_id]
    assert note.data is not None and json.loads(note.data)["body"] == "Tab\there, «comillas», \\n"
    assert note.owner == own and note.stamp


def device_synced(device: Device) -> Device:
    device.sync()
    return device
