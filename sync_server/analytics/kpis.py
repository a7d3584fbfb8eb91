"""Store KPI formulas on plain data, kept small enough to check by hand.

Every function returns None (not NaN) when its denominator is empty, so a store with no
surveys this month shows "no data" instead of a misleading zero. Money stays in integer cents;
averages are rounded half-even to whole cents.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal


def _checked(scores: Iterable[float], lo: float, hi: float, name: str) -> list[float]:
    values = list(scores)
    for s in values:
        if not lo <= s <= hi:
            raise ValueError(f"{name} score {s!r} outside {lo:g}..{hi:g}")
    return values


def nps(scores: Iterable[int]) -> float | None:
    """Net Promoter Score: % promoters (9-10) minus % detractors (0-6), in -100..100."""
    values = _checked(scores, 0, 10, "NPS")
    if not values:
        return None
    promoters = sum(1 for s in values if s >= 9)
    detractors = sum(1 for s in values if s <= 6)
    return 100.0 * (promoters - detractors) / len(values)


def csat(scores: Iterable[int]) -> float | None:
    """Customer satisfaction: % of answers 4 or 5 on a 1-5 scale."""
    values = _checked(scores, 1, 5, "CSAT")
    if not values:
        return None
    return 100.0 * sum(1 for s in values if s >= 4) / len(values)


def ces(scores: Iterable[float], scale_max: int = 7) -> float | None:
    """Customer effort score: the mean answer on a 1..scale_max scale."""
    values = _checked(scores, 1, scale_max, "CES")
    if not values:
        return None
    return sum(values) / len(values)


def mean_cents(total_cents: int, count: int) -> int:
    """Exact mean of integer cents, rounded half-even to a whole cent."""
    if count <= 0:
        raise ValueError("count must be positive")
    return int((Decimal(total_cents) / Decimal(count)).quantize(Decimal(1), ROUND_HALF_EVEN))


def outreach_conversion(
    outreaches: Iterable[tuple[str, int]],
    purchases: Iterable[tuple[str, int]],
    window_seconds: int,
) -> float | None:
    """Share of outreaches (customer, epoch seconds) followed by a purchase of the same
    customer within (t, t + window]."""
    by_customer: dict[str, list[int]] = defaultdict(list)
    for customer, when in purchases:
        by_customer[customer].append(when)
    for times in by_customer.values():
        times.sort()
    total = converted = 0
    for customer, when in outreaches:
        total += 1
        times = by_customer.get(customer, [])
        i = bisect.bisect_right(times, when)
        if i < len(times) and times[i] <= when + window_seconds:
            converted += 1
    return converted / total if total else None


def aov_by_channel(orders: Iterable[tuple[str, int]]) -> dict[str, int]:
    """Average order value in cents per channel from (channel, order net cents)."""
    totals: dict[str, int] = defaultdict(int)
    counts: dict[str, int] = defaultdict(int)
    for channel, cents in orders:
        totals[channel] += cents
        counts[channel] += 1
    return {c: mean_cents(totals[c], counts[c]) for c in sorted(totals)}


def cart_abandonment_rate(carts_started: int, carts_checked_out: int) -> float | None:
    """Share of started carts that did not end in a purchase."""
    if carts_checked_out < 0 or carts_checked_out > carts_started:
        raise ValueError("checked-out carts must be between 0 and started carts")
    return 1.0 - carts_checked_out / carts_started if carts_started else None


def cart_recovery_rate(carts_abandoned: int, carts_recovered: int) -> float | None:
    """Share of abandoned carts bought after an associate's call or message."""
    if carts_recovered < 0 or carts_recovered > carts_abandoned:
        raise ValueError("recovered carts must be between 0 and abandoned carts")
    return carts_recovered / carts_abandoned if carts_abandoned else None


def purchase_frequency(orders: int, customers: int) -> float | None:
    """Orders per purchasing customer in the period."""
    return orders / customers if customers else None


def retention_rate(
    previous_customers: Collection[str], current_customers: Collection[str]
) -> float | None:
    """Share of the previous period's buyers who bought again in the current period."""
    prev = set(previous_customers)
    if not prev:
        return None
    return len(prev & set(current_customers)) / len(prev)


@dataclass(frozen=True)
class GroupValue:
    customers: int
    mean_value_cents: int | None
    purchase_rate: float | None


def _group(
    members: Sequence[str], value_cents: Mapping[str, int], purchases: Mapping[str, int]
) -> GroupValue:
    if not members:
        return GroupValue(0, None, None)
    total = sum(value_cents.get(c, 0) for c in members)
    buyers = sum(1 for c in members if purchases.get(c, 0) > 0)
    return GroupValue(len(members), mean_cents(total, len(members)), buyers / len(members))


def omnichannel_value(
    channels: Mapping[str, Collection[str]],
    value_cents: Mapping[str, int],
    purchases: Mapping[str, int],
) -> dict[str, GroupValue]:
    """Customers who bought in two or more channels against single-channel customers."""
    omni = sorted(c for c, ch in channels.items() if len(set(ch)) >= 2)
    single = sorted(c for c, ch in channels.items() if len(set(ch)) == 1)
    return {
        "omnichannel": _group(omni, value_cents, purchases),
        "single_channel": _group(single, value_cents, purchases),
    }


def value_by_campaign_reach(
    reached: Mapping[str, Collection[str]],
    value_cents: Mapping[str, int],
    purchases: Mapping[str, int],
) -> dict[str, GroupValue]:
    """Customers grouped by the number of distinct campaign channels that reached them:
    "1", "2", "3+" (customers reached by none are left out)."""
    groups: dict[str, list[str]] = {"1": [], "2": [], "3+": []}
    for customer, chans in reached.items():
        n = len(set(chans))
        if n >= 1:
            groups["3+" if n >= 3 else str(n)].append(customer)
    return {k: _group(sorted(v), value_cents, purchases) for k, v in groups.items()}


def lift(group: GroupValue, baseline: GroupValue) -> float | None:
    """Relative purchase-rate lift of `group` over `baseline` (0.5 = +50 %)."""
    if group.purchase_rate is None or not baseline.purchase_rate:
        return None
    return group.purchase_rate / baseline.purchase_rate - 1.0
