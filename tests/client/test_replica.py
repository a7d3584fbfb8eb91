"""Replica without a server: applying pages, optimistic edits, outbox, queries, search."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from clienteling.protocol.checksum import combine, row_hash
from clienteling.protocol.messages import Change, MutationOutcome
from clienteling.replica import edits, outbox, queries
from clienteling.replica.apply import apply_changes, local_checksums, settle_after_full_pull
from clienteling.replica.schema import SCHEMA_VERSION, ReplicaTooNew, table
from clienteling.replica.store import Replica, set_meta
from tests.client.replica_factories import (
    OTHER_STORE_ID,
    STORE_ID,
    change,
    customer,
    history,
    stores,
    tombstone,
)


@pytest.fixture
def replica(tmp_path: Path) -> Iterator[Replica]:
    rep = Replica.in_dir(tmp_path)
    with rep.write() as conn:
        set_meta(conn, "store_id", STORE_ID)
        apply_changes(conn, stores(), cursor="3")
    yield rep
    rep.close()


def load(rep: Replica, changes: list[Change], cursor: str | None = None) -> None:
    with rep.write() as conn:
        apply_changes(conn, changes, cursor=cursor)


def names(hits: list[queries.CustomerHit]) -> list[str]:
    return [h.display_name for h in hits]


@pytest.fixture
def people(replica: Replica) -> dict[str, str]:
    ids = {}
    for key, (first, last, kw) in {
        "garcia": (
            "María",
            "García López",
            {"email": "maria.garcia@example.com", "phone": "+34612345678", "card": "7001000012345"},
        ),
        "nunez": ("José", "Núñez", {"phone": "+34699887766", "store": OTHER_STORE_ID}),
        "garcia_bcn": ("Lucía", "García", {"store": OTHER_STORE_ID}),
        "gomez": ("Ana", "Gómez", {"email": "ana@example.com"}),
    }.items():
        cid, changes = customer(first, last, **kw)  # type: ignore[arg-type]
        load(replica, changes)
        ids[key] = cid
    return ids


def test_accent_and_case_insensitive(replica: Replica, people: dict[str, str]) -> None:
    conn = replica.read()
    assert set(names(queries.find_customers(conn, "garcia"))) == {
        "María García López",
        "Lucía García",
    }
    assert names(queries.find_customers(conn, "nunez")) == ["José Núñez"]
    assert names(queries.find_customers(conn, "NÚÑEZ")) == ["José Núñez"]


def test_prefix_as_you_type_and_store_first(replica: Replica, people: dict[str, str]) -> None:
    conn = replica.read()
    hits = queries.find_customers(conn, "gar")
    assert names(hits) == ["María García López", "Lucía García"]
    assert hits[0].home_store and not hits[1].home_store
    assert names(queries.find_customers(conn, "mar garc")) == ["María García López"]
    assert names(queries.find_customers(conn, "zzz")) == []
    assert queries.find_customers(conn, "  ") == []


def test_phone_fragments_cards_and_exact(replica: Replica, people: dict[str, str]) -> None:
    conn = replica.read()
    assert names(queries.find_customers(conn, "612 34")) == ["María García López"]
    assert names(queries.find_customers(conn, "5678")) == ["María García López"]
    assert names(queries.find_customers(conn, "887766")) == ["José Núñez"]
    scanned = queries.find_customers(conn, "7001000012345")
    assert names(scanned) == ["María García López"] and scanned[0].exact
    assert names(queries.find_customers(conn, "70010")) == ["María García López"]
    by_mail = queries.find_customers(conn, "Maria.Garcia@example.com")
    assert by_mail[0].exact and by_mail[0].customer_id == people["garcia"]
    by_phone = queries.find_customers(conn, "612 345 678")
    assert by_phone[0].exact and by_phone[0].customer_id == people["garcia"]


def test_exact_identifier_ranks_before_name_match(replica: Replica, people: dict[str, str]) -> None:
    _cid, changes = customer("Ana", "Ana", email="ana.other@example.com")
    load(replica, changes)
    hits = queries.find_customers(replica.read(), "ana@example.com")
    assert hits[0].customer_id == people["gomez"] and hits[0].exact


def test_apply_is_versioned_and_cursor_saved(replica: Replica) -> None:
    cid, changes = customer("Eva", "Ruiz")
    load(replica, changes, cursor="99")
    conn = replica.read()
    assert replica.get_meta("cursor") == "99"
    newer = changes[0].model_copy(
        update={
            "version": changes[0].version + 100,
            "data": {**(changes[0].data or {}), "first_name": "Evita"},
        }
    )
    load(replica, [newer])
    load(replica, [changes[0]])  # an older copy (e.g. from a bundle) does not win
    header = queries.customer_header(conn, cid)
    assert header is not None and header.first_name == "Evita"
    load(replica, [tombstone("customer", cid, 10**9)])
    assert queries.customer_header(conn, cid) is None
    assert queries.find_customers(conn, "evita") == []


def test_edits_are_pending_then_settled(replica: Replica) -> None:
    cid, changes = customer("Eva", "Ruiz", card="7001", points=500)
    load(replica, changes + history(cid))
    note_id = edits.add_note(replica, cid, "Prefiere lino", staff_id="staff-1")
    edits.redeem_points(replica, cid, 200)
    coupon_id = "coupon-" + cid[:8]
    redeem_id = edits.redeem_coupon(replica, cid, coupon_id)
    conn = replica.read()
    bundle = queries.customer_360(conn, cid)
    assert bundle is not None
    assert [(n.body, n.pending) for n in bundle.notes] == [("Prefiere lino", True)]
    assert bundle.header.points_balance == 300 and bundle.header.pending
    assert any(e.pending and e.points == -200 for e in bundle.loyalty)
    assert not next(c for c in bundle.coupons if c.id == coupon_id).available
    assert queries.pending_count(conn) == 3
    with pytest.raises(edits.EditRefused) as refused:
        edits.redeem_coupon(replica, cid, coupon_id)
    assert refused.value.code == "coupon_already_redeemed"
    with pytest.raises(edits.EditRefused):
        edits.redeem_points(replica, cid, 10_000)

    # The server rejects the coupon (used elsewhere) and applies the note.
    note_mid = outbox.peek(conn, 10)[0].id
    with replica.write() as w:
        outbox.settle(w, MutationOutcome(mutation_id=note_mid, status="applied"))
        outbox.settle(
            w,
            MutationOutcome(
                mutation_id=redeem_id,
                status="rejected",
                code="coupon_already_redeemed",
                reason="Coupon already redeemed in BCN01",
            ),
        )
    assert queries.pending_count(conn) == 1
    rejected = outbox.rejected(conn)
    assert [(r.code, r.kind) for r in rejected] == [("coupon_already_redeemed", "coupon.redeem")]
    # Until the server's note arrives, the applied note is still shown.
    assert [n.body for n in queries.notes(conn, cid)] == ["Prefiere lino"]
    server_note = change(
        "note",
        __import__("clienteling.protocol.rows", fromlist=["NoteBase"]).NoteBase(
            id=note_id, customer_id=cid, body="Prefiere lino"
        ),
    )
    with replica.write() as w:
        apply_changes(w, [server_note], cursor="500")
        settle_after_full_pull(w)
    bundle = queries.customer_360(conn, cid)
    assert bundle is not None
    assert [(n.body, n.pending) for n in bundle.notes] == [("Prefiere lino", False)]
    assert next(c for c in bundle.coupons if c.id == coupon_id).available
    # The points redemption is still queued, so still shown.
    assert bundle.header.points_balance == 300


def test_pull_rebases_pending_edits(replica: Replica) -> None:
    cid, changes = customer("Eva", "Ruiz")
    load(replica, changes)
    edits.update_profile(replica, cid, {"preferences": "Colores claros"})
    newer = changes[0].model_copy(
        update={"version": 10_000, "data": {**(changes[0].data or {}), "vip": True}}
    )
    load(replica, [newer])
    header = queries.customer_header(replica.read(), cid)
    assert header is not None
    assert header.vip and header.preferences == "Colores claros" and header.pending


def test_new_customer_is_searchable_and_dedup(replica: Replica) -> None:
    cid = edits.create_customer(
        replica, "Íñigo", "Ibáñez", email="inigo@example.com", phone="600 111 222"
    )
    conn = replica.read()
    hits = queries.find_customers(conn, "inigo iba")
    assert [(h.customer_id, h.pending) for h in hits] == [(cid, True)]
    assert queries.find_customers(conn, "111 222")[0].customer_id == cid
    dups = __import__("clienteling.replica.search", fromlist=["x"]).find_duplicates(
        conn, first_name="Iñigo", last_name="Ibañez", email="INIGO@example.com"
    )
    assert [d.customer_id for d in dups] == [cid]


def test_360_timeline_stock_and_lists(replica: Replica) -> None:
    now = datetime.now(UTC)
    cid, changes = customer("Eva", "Ruiz", card="7002", birth=f"1990-{now.month:02d}-15")
    load(replica, changes + history(cid, now=now))
    edits.upsert_task(
        replica,
        cid,
        title="Llamar por el carrito",
        due_at=now - timedelta(hours=1),
        assigned_staff_id="staff-1",
    )
    edits.record_consent(replica, cid, "email", True)
    conn = replica.read()
    bundle = queries.customer_360(conn, cid)
    assert bundle is not None
    kinds = [e.kind for e in bundle.timeline.events]
    assert kinds[0] == "email_opened" and "cart_abandoned" in kinds and "return" in kinds
    assert [e.at for e in bundle.timeline.events] == sorted(
        (e.at for e in bundle.timeline.events), key=lambda d: d or now, reverse=True
    )
    web = queries.timeline(conn, cid, channels=["web"])
    assert {e.channel for e in web.events} == {"web"}
    page = queries.timeline(conn, cid, limit=2)
    assert page.has_more and len(page.events) == 2
    rec = bundle.recommendations[0]
    assert rec.stock is not None and rec.stock.size == "M" and rec.stock.quantity_here == 0
    assert rec.stock.nearest_store_code == "VLC01"  # Valencia is nearer to Madrid than Barcelona
    assert bundle.header.may_contact("email") and not bundle.header.may_contact("sms")
    assert [c.id for c in queries.abandoned_carts(conn, now=now)] == [bundle.carts[0].id]
    assert [r.customer_id for r in queries.birthdays_this_month(conn, today=now.date())] == [cid]
    assert queries.top_customers(conn)[0].customer_id == cid
    day = queries.my_day(conn, "staff-1", now=now)
    assert [(t.title, t.overdue, t.pending) for t in day] == [("Llamar por el carrito", True, True)]
    assert [r.customer_id for r in queries.assigned_to(conn, "nobody")] == []


def test_checksums_match_wire_and_detect_damage(replica: Replica) -> None:
    cid, changes = customer("Eva", "Ruiz", email="eva@example.com")
    load(replica, changes)
    sums = local_checksums(replica.read())
    expected = combine(row_hash(c.entity, c.data or {}) for c in changes if c.entity == "customer")
    assert sums["customer"] == (1, expected)
    edits.add_note(replica, cid, "pending only")
    assert local_checksums(replica.read())["note"] == (0, 0)
    with replica.write() as w:
        w.execute("UPDATE e_customer SET wire = replace(wire, 'Eva', 'Eve')")
    assert local_checksums(replica.read())["customer"] != sums["customer"]


def test_schema_too_new_is_refused(tmp_path: Path) -> None:
    rep = Replica.in_dir(tmp_path)
    with rep.write() as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    rep.close()
    with pytest.raises(ReplicaTooNew, match="newer version"):
        Replica.in_dir(tmp_path)


def test_edits_survive_reopen(tmp_path: Path) -> None:
    rep = Replica.in_dir(tmp_path)
    cid, changes = customer("Eva", "Ruiz")
    load(rep, changes)
    edits.add_note(rep, cid, "kept")
    rep.close()
    again = Replica.in_dir(tmp_path)
    assert [n.body for n in queries.notes(again.read(), cid)] == ["kept"]
    assert outbox.count(again.read()) == 1
    again.close()


def test_only_the_schemas_entities_name_a_table() -> None:
    """SQL is built with ``table()``: text from elsewhere (a pull page) can name nothing else."""
    assert table("order") == "e_order"
    with pytest.raises(ValueError, match="no replica table"):
        table("customer; DROP TABLE e_customer")
