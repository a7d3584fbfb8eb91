"""Store KPIs on small data checked by hand."""

from __future__ import annotations

import pytest

from sync_server.analytics import kpis

DAY = 86_400


def test_nps_csat_ces() -> None:
    # 3 promoters (9, 10, 10), 2 passives (7, 8), 5 detractors (0..6): (3 - 5) / 10 = -20.
    assert kpis.nps([9, 10, 10, 7, 8, 0, 3, 5, 6, 6]) == pytest.approx(-20.0)
    assert kpis.csat([5, 4, 3, 2, 5]) == pytest.approx(60.0)
    assert kpis.ces([2, 3, 7]) == pytest.approx(4.0)
    assert kpis.nps([]) is None and kpis.csat([]) is None and kpis.ces([]) is None
    with pytest.raises(ValueError, match="outside"):
        kpis.nps([11])
    with pytest.raises(ValueError, match="outside"):
        kpis.csat([0])


def test_outreach_conversion_window() -> None:
    outreaches = [("a", 0), ("b", 0), ("c", 0), ("a", 10 * DAY)]
    purchases = [("a", 3 * DAY), ("b", 8 * DAY), ("c", -DAY), ("a", 3 * DAY)]
    # a@0 -> bought day 3 (in 7-day window); b -> day 8 (too late); c -> bought before;
    # a@day10 -> nothing after it.
    assert kpis.outreach_conversion(outreaches, purchases, 7 * DAY) == pytest.approx(0.25)
    assert kpis.outreach_conversion([], purchases, DAY) is None


def test_aov_and_carts_and_frequency_and_retention() -> None:
    orders = [("store", 10_000), ("store", 5_001), ("web", 2_500), ("web", -500), ("app", 999)]
    # store: 15001 / 2 = 7500.5 -> 7500 (half to even); web: 2000 / 2 = 1000.
    assert kpis.aov_by_channel(orders) == {"app": 999, "store": 7500, "web": 1000}
    assert kpis.cart_abandonment_rate(40, 10) == pytest.approx(0.75)
    assert kpis.cart_recovery_rate(30, 6) == pytest.approx(0.2)
    assert kpis.cart_abandonment_rate(0, 0) is None
    with pytest.raises(ValueError):
        kpis.cart_recovery_rate(3, 4)
    assert kpis.purchase_frequency(30, 12) == pytest.approx(2.5)
    assert kpis.retention_rate({"a", "b", "c", "d"}, {"a", "c", "x"}) == pytest.approx(0.5)
    assert kpis.retention_rate(set(), {"a"}) is None


def test_omnichannel_and_campaign_reach() -> None:
    channels = {"a": {"store", "web"}, "b": {"store"}, "c": {"web", "app", "store"}, "d": {"web"}}
    value = {"a": 30_000, "b": 10_000, "c": 50_000, "d": 5_000}
    purchases = {"a": 3, "b": 1, "c": 6, "d": 0}
    groups = kpis.omnichannel_value(channels, value, purchases)
    assert groups["omnichannel"] == kpis.GroupValue(2, 40_000, 1.0)
    assert groups["single_channel"] == kpis.GroupValue(2, 7_500, 0.5)

    reached = {
        "a": {"sms"},
        "b": {"sms"},
        "c": {"sms", "email"},
        "d": {"sms", "email", "call"},
        "e": set(),
    }
    value2 = {"a": 0, "b": 1_000, "c": 2_000, "d": 9_000}
    bought = {"b": 1, "c": 2, "d": 1}
    by_reach = kpis.value_by_campaign_reach(reached, value2, bought)
    assert by_reach["1"] == kpis.GroupValue(2, 500, 0.5)
    assert by_reach["2"] == kpis.GroupValue(1, 2_000, 1.0)
    assert by_reach["3+"] == kpis.GroupValue(1, 9_000, 1.0)
    assert kpis.lift(by_reach["3+"], by_reach["1"]) == pytest.approx(1.0)  # +100 %
    assert kpis.lift(kpis.GroupValue(0, None, None), by_reach["1"]) is None
