"""Store KPIs from the replica, on a small hand-built history whose figures are checked by hand.

Period: 1-10 March 2026 (the previous period of equal length is 19-28 February). Customers of
the Madrid store: Lucía, Marta, Nora, Olga and Pilar; Vera's home is Barcelona but she also buys
at the Madrid till. Every expected number below is worked out in the comment next to it.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from clienteling.protocol import rows
from clienteling.protocol.messages import Change
from clienteling.replica import edits, signins
from clienteling.replica.apply import apply_changes
from clienteling.replica.kpis import StoreKpis, mean_cents, store_kpis
from clienteling.replica.store import Replica, set_meta
from tests.client.replica_factories import OTHER_STORE_ID, STORE_ID, change, customer, stores, uid

START, END = date(2026, 3, 1), date(2026, 3, 10)
ANA, BEA, GEMA, ZOE, CARL = "staff-ana", "staff-bea", "staff-gema", "staff-zoe", "staff-carl"


def at(day: str, hour: int = 10, minute: int = 0) -> datetime:
    """A time on a day of 2026 given as "MM-DD"."""
    month, dom = (int(p) for p in day.split("-"))
    return datetime(2026, month, dom, hour, minute, tzinfo=UTC)


def order(
    cid: str,
    channel: str,
    when: datetime,
    total: int,
    *,
    store: str | None = None,
    staff: str | None = None,
    status: str = "completed",
    currency: str = "EUR",
    oid: str | None = None,
) -> Change:
    return change(
        "order",
        rows.OrderBase(
            id=oid or uid(),
            customer_id=cid,
            channel=channel,
            external_id=uid()[:8],
            store_id=store,
            status=status,
            ordered_at=when,
            currency=currency,
            total_cents=total,
            staff_id=staff,
        ),
    )


def interaction(
    cid: str,
    kind: str,
    when: datetime,
    *,
    store: str | None = None,
    staff: str | None = None,
    score: int | None = None,
    survey: str | None = None,
) -> Change:
    return change(
        "interaction",
        rows.InteractionBase(
            id=uid(),
            customer_id=cid,
            kind=kind,
            channel="store" if store else "email",
            occurred_at=when,
            store_id=store,
            staff_id=staff,
            score=score,
            payload={"type": survey} if survey else {},
        ),
    )


def cart(cid: str, status: str, abandoned: datetime | None, updated: datetime) -> Change:
    return change(
        "cart",
        rows.CartBase(
            id=uid(),
            customer_id=cid,
            channel="web",
            external_id=uid()[:8],
            status=status,
            abandoned_at=abandoned,
            updated_at=updated,
            total_cents=5000,
        ),
    )


def task(cid: str, kind: str, status: str, done: datetime, staff: str) -> Change:
    return change(
        "task",
        rows.TaskBase(
            id=uid(),
            customer_id=cid,
            assigned_staff_id=staff,
            kind=kind,
            status=status,
            updated_at=done,
        ),
    )


def staff(
    sid: str, name: str, store: str, *, role: str = "associate", active: bool = True
) -> Change:
    return change(
        "staff",
        rows.StaffBase(
            id=sid,
            username=sid,
            display_name=name,
            role=role,
            store_id=store,
            active=active,
        ),
    )


def metrics(cid: str, channels: list[str], net: int) -> Change:
    return change(
        "customer_metrics",
        rows.CustomerMetricsBase(id=cid, customer_id=cid, channels=channels, net_revenue_cents=net),
    )


@pytest.fixture
def replica(tmp_path: Path) -> Iterator[Replica]:
    rep = Replica.in_dir(tmp_path)
    with rep.write() as conn:
        set_meta(conn, "store_id", STORE_ID)
        apply_changes(conn, stores(), cursor="3")
    yield rep
    rep.close()


def history(rep: Replica) -> dict[str, str]:
    """The history described in each KPI test; returns the customer ids."""
    ids: dict[str, str] = {}
    changes: list[Change] = [
        staff(ANA, "Ana Ruiz", STORE_ID),
        staff(BEA, "Beatriz Sanz", STORE_ID),
        staff(GEMA, "Gema López", STORE_ID, role="manager"),
        staff(ZOE, "Zoe Gil", STORE_ID, active=False),
        staff(CARL, "Carlos Vidal", OTHER_STORE_ID),
    ]
    for key, first, home in (
        ("lucia", "Lucía", STORE_ID),
        ("marta", "Marta", STORE_ID),
        ("nora", "Nora", STORE_ID),
        ("olga", "Olga", STORE_ID),
        ("pilar", "Pilar", STORE_ID),
        ("vera", "Vera", OTHER_STORE_ID),
    ):
        ids[key], made = customer(first, "Prueba", store=home)
        changes += made
    lucia, marta, nora, olga, vera = (ids[k] for k in ("lucia", "marta", "nora", "olga", "vera"))
    changes += [
        # Orders in the period.
        order(lucia, "store", at("03-02"), 10000, store=STORE_ID, staff=ANA),
        order(lucia, "web", at("03-05", 12), 5000),
        order(lucia, "store", at("03-07"), 7000, store=OTHER_STORE_ID, staff=CARL),
        order(marta, "web", at("03-04", 9), 3000),
        order(marta, "app", at("03-09", 18), 4000),
        order(nora, "store", at("03-10", 23, 59), 2000, store=STORE_ID, staff=BEA),
        order(nora, "web", at("03-04"), 1500, status="cancelled"),
        order(nora, "marketplace", at("03-08", 12), 2500, currency="USD"),
        order(vera, "store", at("03-03"), 6000, store=STORE_ID, staff=ANA),
        order(vera, "web", at("03-06"), 9999),
        # Just after the period, and in the previous period.
        order(marta, "web", at("03-11", 0), 8000),
        order(lucia, "web", at("02-20"), 1000),
        order(nora, "store", at("02-25"), 1000, store=STORE_ID),
        order(vera, "store", at("02-21"), 1000, store=STORE_ID),
        order(olga, "web", at("02-27"), 1200),
        order(marta, "store", at("02-18"), 1000, store=STORE_ID),
        change(
            "return",
            rows.ReturnBase(
                id=uid(), customer_id=olga, channel="web", sku="X", quantity=1, amount_cents=200
            ),
        ),
        # Surveys.
        interaction(lucia, "survey", at("03-02"), score=10, survey="nps"),
        interaction(marta, "survey", at("03-03"), score=9, survey="nps"),
        interaction(nora, "survey", at("03-04"), score=9, survey="nps"),
        interaction(olga, "survey", at("03-05"), score=8, survey="nps"),
        interaction(marta, "survey", at("03-06"), store=STORE_ID, score=2, survey="nps"),
        interaction(nora, "survey", at("03-07"), score=0),
        interaction(vera, "survey", at("03-07"), score=3, survey="nps"),
        interaction(lucia, "survey", at("03-08"), store=OTHER_STORE_ID, score=6, survey="nps"),
        interaction(lucia, "survey", at("02-28", 23, 59), score=0, survey="nps"),
        interaction(lucia, "survey", at("03-02"), store=STORE_ID, score=5, survey="csat"),
        interaction(marta, "survey", at("03-03"), store=STORE_ID, score=4, survey="csat"),
        interaction(nora, "survey", at("03-04"), store=STORE_ID, score=3, survey="csat"),
        interaction(vera, "survey", at("03-05"), store=STORE_ID, score=5, survey="csat"),
        interaction(olga, "survey", at("03-05"), store=STORE_ID, score=6, survey="csat"),
        interaction(lucia, "survey", at("03-05"), store=OTHER_STORE_ID, score=1, survey="csat"),
        interaction(lucia, "survey", at("03-03"), score=2, survey="ces"),
        interaction(marta, "survey", at("03-04"), score=3, survey="ces"),
        interaction(olga, "survey", at("03-09"), score=7, survey="ces"),
        # Carts.
        cart(lucia, "recovered", at("03-02"), at("03-05")),
        cart(marta, "abandoned", at("03-05"), at("03-05")),
        cart(nora, "recovered", at("02-25"), at("02-26")),
        cart(vera, "abandoned", at("03-04"), at("03-04")),
        cart(marta, "converted", None, at("03-06")),
        cart(nora, "open", None, at("03-07")),
        cart(olga, "abandoned", at("03-10", 20), at("03-10", 20)),
        # Outreach touches.
        interaction(marta, "email_sent", at("03-03")),
        interaction(marta, "sms_sent", at("03-08", 12), store=STORE_ID, staff=BEA),
        interaction(olga, "whatsapp_sent", at("03-05"), store=STORE_ID, staff=ANA),
        interaction(nora, "push_sent", at("02-27")),
        interaction(lucia, "event_invited", at("03-01", 9), store=STORE_ID, staff=ANA),
        interaction(vera, "email_sent", at("03-02")),
        interaction(nora, "email_sent", at("03-01", 8)),
        interaction(marta, "sms_sent", at("03-10"), store=STORE_ID, staff=BEA),
        task(lucia, "cart_call", "done", at("03-04"), BEA),
        task(olga, "follow_up", "done", at("03-06"), ANA),
        task(lucia, "birthday", "done", at("03-02"), ANA),
        task(nora, "cart_call", "open", at("03-03"), BEA),
        task(marta, "follow_up", "done", at("02-20"), BEA),
        # Other things assistants did.
        interaction(lucia, "store_visit", at("03-06"), store=STORE_ID, staff=ANA),
        interaction(vera, "in_store_chat", at("03-03"), store=STORE_ID, staff=ANA),
        # Lifetime analytics (Olga has none yet: valued from her orders minus returns).
        metrics(lucia, ["store", "web"], 20000),
        metrics(marta, ["web", "app"], 12000),
        metrics(nora, ["store"], 3000),
        metrics(vera, ["store", "web"], 99999),
    ]
    with rep.write() as conn:
        apply_changes(conn, changes)
    return ids


def kpis(rep: Replica, window_days: int = 7) -> StoreKpis:
    return store_kpis(rep.read(), store_id=STORE_ID, start=START, end=END, window_days=window_days)


def test_survey_scores(replica: Replica) -> None:
    history(replica)
    k = kpis(replica)
    # NPS: 10, 9, 9, 8, 2 (at this till), 0 (no type: NPS) -> 3 promoters, 2 detractors of 6.
    # Left out: Vera's (her home is Barcelona), one at the Barcelona till, one the day before.
    assert (k.nps.responses, k.nps.promoters, k.nps.detractors) == (6, 3, 2)
    assert k.nps.passives == 1
    assert k.nps.score == pytest.approx(100 / 6)
    # CSAT at this till: 5, 4, 3, 5 (a 6 is off the scale; the Barcelona till's is not ours).
    assert k.csat.responses == 4
    assert k.csat.mean == pytest.approx(17 / 4)
    assert k.csat.satisfied_share == pytest.approx(3 / 4)
    # CES: 2, 3, 7.
    assert (k.ces.responses, k.ces.mean) == (3, pytest.approx(4.0))


def test_aov_by_channel_frequency_and_retention(replica: Replica) -> None:
    history(replica)
    k = kpis(replica)
    got = [
        (c.channel, c.currency, c.orders, c.revenue_cents, c.aov_cents) for c in k.aov_by_channel
    ]
    # Store: 10000 + 2000 + 6000 (Vera at this till); Lucía's Barcelona purchase is Barcelona's,
    # Vera's web order is her home store's, the cancelled one never counts.
    assert got == [
        ("store", "EUR", 3, 18000, 6000),
        ("web", "EUR", 2, 8000, 4000),
        ("app", "EUR", 1, 4000, 4000),
        ("marketplace", "USD", 1, 2500, 2500),
    ]
    assert (k.currency, k.other_currency_orders, k.orders) == ("EUR", 1, 7)
    # 7 orders by Lucía, Marta, Nora and Vera.
    assert (k.frequency.orders, k.frequency.buyers) == (7, 4)
    assert k.frequency.orders_per_buyer == pytest.approx(1.75)
    # 19-28 Feb buyers: Lucía, Nora, Vera, Olga (Marta's was on the 18th); Olga did not return.
    assert (k.frequency.previous_buyers, k.frequency.retained) == (4, 3)
    assert k.frequency.retention_rate == pytest.approx(0.75)


def test_cart_abandonment_and_recovery(replica: Replica) -> None:
    history(replica)
    carts = kpis(replica).carts
    # Abandoned 2, 5 and 10 March (one recovered); Nora's was in February, Vera's is not ours.
    assert (carts.abandoned, carts.recovered, carts.checked_out) == (3, 1, 1)
    assert carts.recovery_rate == pytest.approx(1 / 3)
    assert carts.abandonment_rate == pytest.approx(3 / 4)


def test_outreach_conversion_within_the_window(replica: Replica) -> None:
    history(replica)
    out = kpis(replica, window_days=7).outreach
    by_kind = {t.kind: (t.touches, t.converted) for t in out.by_kind}
    # Nora's e-mail of 1 March is followed by a cancelled order (never counts) and a purchase
    # 7 days 4 hours later: outside a 7-day window. Marta's SMS of the 10th converts on the 11th.
    assert by_kind == {
        "email_sent": (2, 1),
        "event_invited": (1, 1),
        "sms_sent": (2, 2),
        "task_cart_call": (1, 1),
        "task_follow_up": (1, 0),
        "whatsapp_sent": (1, 0),
    }
    assert (out.touches, out.converted) == (8, 5)
    assert out.conversion_rate == pytest.approx(5 / 8)
    # Last touch: Lucía 10000 (invitation) + 5000 and 7000 in Barcelona (cart call);
    # Marta 3000 (e-mail), 4000 (the later SMS, not the e-mail), 8000 (SMS of the 10th).
    assert (out.attributed_orders, out.attributed_revenue_cents) == (6, 37000)


def test_a_wider_window_converts_more(replica: Replica) -> None:
    history(replica)
    out = kpis(replica, window_days=14).outreach
    # Nora's e-mail now converts; it gets her USD order (not summed in euros) and her 2000.
    assert (out.touches, out.converted) == (8, 6)
    assert (out.attributed_orders, out.attributed_revenue_cents) == (8, 39000)


def test_per_assistant_activity(replica: Replica) -> None:
    history(replica)
    got = {
        a.display_name: (
            a.interactions,
            a.tasks_done,
            a.orders,
            a.order_revenue_cents,
            a.touches,
            a.conversions,
            a.attributed_orders,
            a.attributed_revenue_cents,
        )
        for a in kpis(replica).assistants
    }
    # Zoe left and did nothing: not listed; Carlos works in Barcelona.
    assert list(got) == ["Ana Ruiz", "Beatriz Sanz", "Gema López"]
    # Ana: WhatsApp, invitation, visit, chat; follow-up and birthday tasks; rang up 10000 + 6000;
    # touches: WhatsApp, invitation, follow-up (the invitation converted Lucía's 10000).
    assert got["Ana Ruiz"] == (4, 2, 2, 16000, 3, 1, 1, 10000)
    # Bea: two SMS; one cart call; rang up Nora's 2000; all 3 touches converted, credited with
    # 5000 + 7000 (cart call) and 4000 + 8000 (SMS).
    assert got["Beatriz Sanz"] == (2, 1, 1, 2000, 3, 3, 4, 24000)
    assert got["Gema López"] == (0, 0, 0, 0, 0, 0, 0, 0)


def test_omnichannel_against_single_channel_value(replica: Replica) -> None:
    history(replica)
    k = kpis(replica)
    # Lucía 20000 and Marta 12000 use two channels; Nora 3000 one; Olga (no analytics yet)
    # bought on the web only: 1200 - 200 returned. Pilar never bought; Vera is Barcelona's.
    assert (k.omnichannel.customers, k.omnichannel.mean_value_cents) == (2, 16000)
    assert (k.single_channel.customers, k.single_channel.mean_value_cents) == (2, 2000)


def test_a_survey_logged_on_this_tablet_counts_before_it_syncs(replica: Replica) -> None:
    ids = history(replica)
    with replica.write() as conn:  # Ana signed in on this tablet: the survey she logs is hers
        signins.remember(conn, {"id": ANA, "username": "ana"}, "session-ana", datetime.now(UTC))
    edits.log_interaction(replica, ids["pilar"], "survey", score=10, staff_id=ANA)
    today = datetime.now(UTC).date()
    k = store_kpis(replica.read(), store_id=STORE_ID, start=today, end=today)
    assert (k.nps.responses, k.nps.score) == (1, 100.0)
    assert k.assistants[0].display_name == "Ana Ruiz" and k.assistants[0].interactions == 1


def test_an_empty_period_reads_as_no_data(replica: Replica) -> None:
    history(replica)
    k = store_kpis(replica.read(), store_id=STORE_ID, start=date(2025, 1, 1), end=date(2025, 1, 31))
    assert k.nps.score is None and k.csat.mean is None and k.ces.mean is None
    assert k.aov_by_channel == () and k.frequency.orders_per_buyer is None
    assert k.carts.recovery_rate is None and k.outreach.conversion_rate is None
    assert k.currency == "EUR"
    with pytest.raises(ValueError):
        store_kpis(replica.read(), store_id=STORE_ID, start=END, end=START)


def test_money_means_round_half_even() -> None:
    assert [mean_cents(5, 2), mean_cents(7, 2), mean_cents(10, 3)] == [2, 4, 3]
    assert mean_cents(100, 0) is None
