"""An erased customer leaves no byte on the tablet: rows, search index, refused edits, WAL.

Against the real server: the tablet syncs, the customer gets a note, a task and a refused edit
naming her, an admin erases her, the tablet syncs again. Then her details are searched for in
the replica's bytes (file and WAL) and in every row of every table.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

from clienteling.protocol.messages import Change, MutationOutcome
from clienteling.replica import cipher, edits, erasure, outbox, queries
from clienteling.replica.apply import apply_changes, settle_after_full_pull
from clienteling.replica.rows import get_doc
from clienteling.replica.schema import table
from clienteling.replica.search import fold
from clienteling.replica.store import WAL_SCRUB_DUE, Replica, get_meta, set_meta
from clienteling.sync.credentials import FileTokenStore
from clienteling.sync.replica_key import open_replica
from tests.client.replica_factories import STORE_ID, customer, stores, tombstone
from tests.client.sync_helpers import enrolled, run

# Invented tokens: nothing else in the seed contains them, and the needles below are their
# tails, which FTS5's prefix compression of neighbouring terms cannot cut.
FIRST, LAST = "Zuriñe", "Qxzorrotzalerdikoetxea Ybarguengoitia"
NEEDLE_NAME = ("alerdikoetxea", "arguengoitia")


def variants(text: str) -> set[bytes]:
    """The forms a string takes in the file: UTF-8, JSON-escaped, folded for search."""
    return {
        text.encode(),
        json.dumps(text)[1:-1].encode(),
        fold(text).encode(),
        text.lower().encode(),
    }


def found_in_bytes(path: Path, needles: Iterable[str]) -> list[str]:
    raw = b"".join(p.read_bytes() for p in (path, *cipher.side_files(path)) if p.exists())
    return [n for n in needles if any(v in raw for v in variants(n))]


def found_in_rows(replica: Replica, needles: Iterable[str]) -> list[str]:
    """Every value of every row of every table (FTS shadow tables included), decrypted."""
    conn = replica.read()
    names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    hits: set[str] = set()
    wanted = list(needles)
    for name in names:
        if name == "customer_fts":
            continue  # the virtual table; its shadow tables are read directly
        for row in conn.execute(f'SELECT * FROM "{name}"'):
            for value in row:
                blob = value if isinstance(value, bytes) else str(value).encode()
                hits.update(n for n in wanted if any(v in blob for v in variants(n)))
    return sorted(hits)


def in_search_index(replica: Replica, needle: str) -> bool:
    """Whether a term is in the FTS5 index segments themselves (not the content table)."""
    blocks = replica.read().execute("SELECT block FROM customer_fts_data")
    return any(needle.encode() in bytes(block or b"") for (block,) in blocks)


def home_customer(replica: Replica) -> tuple[str, str, str]:
    """A customer of this store with an e-mail and a phone: (id, e-mail, phone)."""
    row = (
        replica.read()
        .execute(
            f"SELECT c.id, e.value, p.value FROM {table('customer')} c "
            f"JOIN {table('identity')} e ON e.customer_id = c.id AND e.kind = 'email' "
            f"JOIN {table('identity')} p ON p.customer_id = c.id AND p.kind = 'phone' "
            "WHERE c.home_store_id = (SELECT value FROM meta WHERE key = 'store_id') "
            "ORDER BY c.id LIMIT 1 OFFSET 3"
        )
        .fetchone()
    )
    assert row is not None
    return str(row[0]), str(row[1]), str(row[2])


def other_phone(replica: Replica, not_of: str) -> str:
    row = (
        replica.read()
        .execute(
            f"SELECT value FROM {table('identity')} WHERE kind = 'phone' AND customer_id != ? "
            "LIMIT 1",
            (not_of,),
        )
        .fetchone()
    )
    return str(row[0])


@pytest.mark.parametrize("encrypted", [False, True], ids=["plain", "encrypted"])
def test_an_erased_customer_leaves_no_trace_on_the_tablet(
    live_server: Any, tmp_path: Path, encrypted: bool
) -> None:
    folder = tmp_path / "tablet"
    replica = (
        open_replica(folder, FileTokenStore(tmp_path / "secrets"))
        if encrypted
        else Replica.in_dir(folder)
    )
    tag = uuid.uuid4().hex[:10]
    new_email = f"zurine.{tag}@qxzorrotz-example.org"
    new_phone = "+34699" + str(int(tag, 16) % 1_000_000).zfill(6)
    texts = {
        "note": f"Nota de {FIRST}: prefiere whatsapp al {new_phone} NOTEMARK{tag}",
        "task": f"Llamar a {FIRST} {LAST} TASKMARK{tag}",
        "refused": f"Vive en la calle de REFUSEDMARK{tag}, tel {new_phone}",
        "late": f"Nota escrita tras el borrado LATEMARK{tag}",
    }

    async def go() -> dict[str, str]:
        engine = await enrolled(replica, live_server.url)
        await engine.sync_once()
        her, seeded_email, seeded_phone = home_customer(replica)
        edits.update_profile(
            replica,
            her,
            {"first_name": FIRST, "last_name": LAST, "email": new_email, "phone": new_phone},
        )
        edits.add_note(replica, her, texts["note"])
        edits.upsert_task(replica, her, title=texts["task"], details=new_email)
        # Refused by the server (the phone belongs to someone else): kept as a refused edit.
        edits.update_profile(
            replica,
            her,
            {"preferences": texts["refused"], "phone": other_phone(replica, her)},
        )
        report = await engine.sync_once()
        assert report.rejected == 1
        marks = [new_email, f"NOTEMARK{tag}", f"TASKMARK{tag}", f"REFUSEDMARK{tag}"]
        # The byte search is real: in a plain file she is there to be found.
        assert found_in_bytes(replica.path, marks) == ([] if encrypted else marks)
        assert found_in_rows(replica, marks) == sorted(marks)
        assert [r.customer_id for r in outbox.rejected(replica.read())] == [her]
        header = queries.customer_header(replica.read(), her)
        assert header is not None and header.first_name == FIRST

        with live_server.client() as http:
            answer = http.post(
                f"/customers/{her}/erase", headers=live_server.staff_headers("admin")
            )
            assert answer.status_code == 200, answer.text
        # Typed after the erasure, before the tablet heard of it: refused, and forgotten.
        edits.add_note(replica, her, texts["late"])
        await engine.sync_once()
        await engine.aclose()
        return {"id": her, "email": seeded_email, "phone": seeded_phone}

    seeded = run(go())
    needles = [
        seeded["id"],
        seeded["email"],
        seeded["phone"],
        seeded["phone"].lstrip("+"),
        new_email,
        new_phone.lstrip("+"),
        *NEEDLE_NAME,
        *(f"{mark}MARK{tag}" for mark in ("NOTE", "TASK", "REFUSED", "LATE")),
    ]
    assert replica.get_meta(WAL_SCRUB_DUE) is None
    wal = replica.path.with_name(replica.path.name + "-wal")
    assert not wal.exists() or wal.stat().st_size < 16_384  # truncated: at most the last commit
    assert found_in_bytes(replica.path, needles) == []
    assert found_in_rows(replica, needles) == []
    conn = replica.read()
    assert queries.find_customers(conn, "Qxzorrotzalerdikoetxea") == []
    assert queries.customer_header(conn, seeded["id"]) is None
    for entity in ("customer", "identity", "note", "task", "order", "loyalty_account"):
        assert (
            conn.execute(
                f"SELECT count(*) FROM {table(entity)} WHERE customer_id = ?", (seeded["id"],)
            ).fetchone()[0]
            == 0
        )
    # The assistant is still told that the late note was refused, without its text or her id.
    late = [r for r in outbox.rejected(conn) if r.code == outbox.CUSTOMER_GONE]
    assert len(late) == 1 and late[0].customer_id is None
    assert outbox.count(conn) == 0
    replica.close()
    if encrypted:
        assert cipher.file_state(folder / "replica.sqlite3") == "encrypted"


def test_her_details_are_in_a_plain_file_until_the_tombstone_scrubs_them(
    tmp_path: Path,
) -> None:
    """The control for the byte search, and why the index merge is needed: FTS5 keeps a
    deleted document's terms in its old segments, and the WAL keeps old page images."""
    replica = Replica.in_dir(tmp_path)
    cid, changes = customer(
        FIRST, LAST, email="qx.ybarguengoitia@example.org", phone="+34655443322"
    )
    other, more = customer("Ana", "Gómez", email="ana.gomez@example.org")
    with replica.write() as conn:
        set_meta(conn, "store_id", STORE_ID)
        apply_changes(conn, [*stores(), *changes, *more], cursor="10")
        conn.execute("INSERT INTO customer_fts (customer_fts) VALUES ('optimize')")
    replica.scrub_wal()
    note = edits.add_note(replica, cid, "NOTEMARK-zorrotz")
    with replica.write() as conn:  # sent and applied, waiting for the pull to bring it back
        (mutation,) = outbox.pending_ids(conn)
        outbox.settle(
            conn,
            MutationOutcome(mutation_id=mutation, status="applied", customer_id=cid),
        )
    assert get_doc(replica.read(), "note", note) is not None
    needles = [*NEEDLE_NAME, "ybarguengoitia@example", "34655443322", "NOTEMARK-zorrotz"]
    assert found_in_bytes(replica.path, needles) == needles

    assert in_search_index(replica, NEEDLE_NAME[0])
    with replica.write() as conn:
        # What deleting her search entry alone leaves: her terms, in the index segment.
        conn.execute(
            "DELETE FROM customer_fts WHERE rowid = "
            f"(SELECT rid FROM {table('customer')} WHERE id = ?)",
            (cid,),
        )
    assert queries.find_customers(replica.read(), "qxzorrotzalerdikoetxea") == []
    assert in_search_index(replica, NEEDLE_NAME[0])

    with replica.write() as conn:
        apply_changes(conn, [tombstone("customer", cid)], cursor="11")
        assert get_meta(conn, erasure.SCRUB_DUE) == "1"
        settle_after_full_pull(conn)
    assert replica.get_meta(WAL_SCRUB_DUE) is None
    assert not in_search_index(replica, NEEDLE_NAME[0])
    assert found_in_bytes(replica.path, [*needles, cid]) == []
    assert found_in_rows(replica, [*needles, cid]) == []
    assert [h.customer_id for h in queries.find_customers(replica.read(), "gomez")] == [other]
    replica.close()


def test_a_tombstone_for_a_customer_not_on_this_tablet_costs_no_index_merge(
    tmp_path: Path,
) -> None:
    replica = Replica.in_dir(tmp_path)
    with replica.write() as conn:
        apply_changes(conn, [*stores(), tombstone("customer", "someone-elsewhere")], cursor="5")
        assert get_meta(conn, erasure.SCRUB_DUE) is None
    replica.close()


def test_an_unsent_edit_for_a_merged_customer_survives_her_tombstone(
    live_server: Any, tmp_path: Path
) -> None:
    """A merge ends with the same tombstone as an erasure: the queued edit is not dropped,
    the server applies it to the surviving record."""
    replica = Replica.in_dir(tmp_path / "tablet")

    async def go() -> tuple[str, str, str]:
        engine = await enrolled(replica, live_server.url)
        await engine.sync_once()
        ids = [
            r[0]
            for r in replica.read().execute(
                f"SELECT id FROM {table('customer')} WHERE home_store_id = "
                "(SELECT value FROM meta WHERE key = 'store_id') ORDER BY id LIMIT 2"
            )
        ]
        survivor, merged = ids
        with live_server.client() as http:
            answer = http.post(
                f"/customers/{survivor}/merge",
                json={"other_id": merged},
                headers=live_server.staff_headers("admin"),
            )
            assert answer.status_code == 200, answer.text
        # The pull that carries her tombstone arrives while a note for her waits to be sent.
        page = await engine.api.pull(replica.get_meta("cursor") or "", 1000)
        note = edits.add_note(replica, merged, "Nota en la ficha fusionada MERGEMARK")
        with replica.write() as conn:
            apply_changes(conn, page.changes, cursor=page.cursor)
        assert outbox.count(replica.read()) == 1
        report = await engine.sync_once()
        assert report.applied == 1 and report.rejected == 0
        await engine.aclose()
        return survivor, merged, note

    survivor, merged, note = run(go())
    bundle = queries.customer_360(replica.read(), survivor)
    assert bundle is not None
    assert note in {n.id for n in bundle.notes}
    assert queries.customer_header(replica.read(), merged) is not None  # follows the merge
    replica.close()


def test_an_older_tombstone_leaves_a_newer_copy_of_her_alone(
    tmp_path: Path,
) -> None:
    """A split brings her back with a newer version: an older tombstone must not eat her."""
    replica = Replica.in_dir(tmp_path)
    cid, changes = customer(FIRST, LAST, email="back@example.org")
    with replica.write() as conn:
        apply_changes(conn, [*stores(), *changes], cursor="5")
        stale = Change(entity="customer", id=cid, op="delete", version=1)
        apply_changes(conn, [stale], cursor="6")
        assert get_meta(conn, erasure.SCRUB_DUE) is None
    assert queries.customer_header(replica.read(), cid) is not None
    replica.close()
