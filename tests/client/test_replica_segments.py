"""One definition of the store's RFM groups: the customer list's presets and the campaign
dialog show the same groups, with the same sizes, on a small hand-built replica.

Madrid (this tablet's store): Lucía and Marta are Champions, Nora, Olga and Pilar are At risk,
Rosa is Lost, Sara has no analytics yet and Tere's segment is empty. Barcelona: Vera and Wanda
are Hibernating, Xenia is a Champion; none of them belongs to Madrid's groups.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from clienteling.protocol import rows
from clienteling.protocol.messages import Change
from clienteling.protocol.rows import RFM_SEGMENTS
from clienteling.replica import customer_lists, queries
from clienteling.replica.apply import apply_changes
from clienteling.replica.customer_lists import Segment
from clienteling.replica.store import Replica, set_meta
from tests.client.replica_factories import OTHER_STORE_ID, STORE_ID, change, customer, stores

MADRID = {
    "Lucía": "Champions",
    "Marta": "Champions",
    "Nora": "At risk",
    "Olga": "At risk",
    "Pilar": "At risk",
    "Rosa": "Lost",
    "Tere": "",
}
BARCELONA = {"Vera": "Hibernating", "Wanda": "Hibernating", "Xenia": "Champions"}


def metrics(cid: str, segment: str) -> Change:
    return change(
        "customer_metrics",
        rows.CustomerMetricsBase(id=cid, customer_id=cid, segment=segment, orders=1),
    )


def staff(sid: str, username: str, display_name: str, store: str | None) -> Change:
    return change(
        "staff",
        rows.StaffBase(
            id=sid, username=username, display_name=display_name, role="associate", store_id=store
        ),
    )


@pytest.fixture
def replica(tmp_path: Path) -> Iterator[Replica]:
    rep = Replica.in_dir(tmp_path)
    changes = stores()
    for names, store in ((MADRID, STORE_ID), (BARCELONA, OTHER_STORE_ID)):
        for name, segment in names.items():
            cid, made = customer(name, "Prueba", store=store)
            changes += [*made, metrics(cid, segment)]
    changes += customer("Sara", "Prueba", store=STORE_ID)[1]
    with rep.write() as conn:
        set_meta(conn, "store_id", STORE_ID)
        apply_changes(conn, changes, cursor="1")
    yield rep
    rep.close()


def test_the_list_and_the_campaign_offer_the_same_groups_of_her_store(replica: Replica) -> None:
    conn = replica.read()
    # Sizes by hand from MADRID above: no Barcelona group, no empty segment, no Sara.
    assert customer_lists.rfm_segments(conn, STORE_ID) == [
        ("At risk", 3),
        ("Champions", 2),
        ("Lost", 1),
    ]
    # The campaign dialog (store read from the replica, as the campaigns view does) offers
    # exactly those groups, in the analytics' order.
    store = queries.device_store_id(conn)
    assert customer_lists.campaign_segments(conn, store) == ["Champions", "At risk", "Lost"]
    # And a group chosen in either place counts the same customers in the list.
    for name, size in (("Champions", 2), ("At risk", 3), ("Lost", 1)):
        assert customer_lists.count(conn, STORE_ID, Segment(segments=(name,))) == size


def test_before_any_analytics_the_campaign_offers_every_group(replica: Replica) -> None:
    # The third store of the factories has no customers, hence no analytics.
    assert customer_lists.rfm_segments(replica.read(), "store-vlc") == []
    assert customer_lists.campaign_segments(replica.read(), "store-vlc") == list(RFM_SEGMENTS)


def test_staff_are_named_by_display_name_else_username(replica: Replica) -> None:
    with replica.write() as conn:
        apply_changes(
            conn,
            [
                staff("s-ana", "ana", "Ana Ruiz", STORE_ID),
                staff("s-bea", "bea.admin", "", None),
                staff("s-carla", "carla", "Carla Gil", OTHER_STORE_ID),
            ],
        )
    assert customer_lists.staff_names(replica.read()) == {
        "s-ana": "Ana Ruiz",
        "s-bea": "bea.admin",
        "s-carla": "Carla Gil",
    }


def test_customer_names_beyond_one_query_of_ids(replica: Replica) -> None:
    """More ids than one ``IN (...)`` list takes: every held customer is named, others absent."""
    conn = replica.read()
    held = customer_lists.customer_ids(conn, STORE_ID, Segment())
    asked = [f"gone-{n}" for n in range(queries.ID_CHUNK)] + held
    names = queries.customer_names(conn, asked)
    assert sorted(names.values()) == sorted(f"{n} Prueba" for n in [*MADRID, "Sara"])
    assert set(names) == set(held)
