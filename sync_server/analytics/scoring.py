"""Per-customer figures for the 360 header and manager lists, from fitted models.

This is the piece the nightly batch job calls: fit once on all summaries, then score every
customer. All outputs are finite; money is integer cents.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from sync_server.analytics.bgnbd import (
    BGNBDFit,
    BGNBDParams,
    expected_purchases,
    fit_bgnbd,
    probability_alive,
)
from sync_server.analytics.errors import AnalyticsError
from sync_server.analytics.gamma_gamma import (
    GammaGammaFit,
    GammaGammaParams,
    customer_lifetime_value,
    expected_average_spend,
    fit_gamma_gamma,
)
from sync_server.analytics.rfm import churn_risk, rfm_scores
from sync_server.analytics.summary import (
    DAYS_PER_UNIT,
    SECONDS_PER_DAY,
    RFMSummary,
    TimeUnit,
    summary_from_lines,
)

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True)
class CustomerScores:
    """Aligned on `customer` (the summary's customer codes)."""

    customer: IntArray
    p_alive: FloatArray
    expected_purchases: FloatArray
    expected_spend_cents: IntArray
    predicted_value_cents: IntArray
    spend_source: str


def score_customers(
    summary: RFMSummary,
    bgnbd: BGNBDParams,
    gamma_gamma: GammaGammaParams | None,
    horizon_days: int = 90,
    months: int = 12,
    monthly_discount_rate: float = 0.01,
) -> CustomerScores:
    """P(alive), expected purchases in `horizon_days` and discounted `months`-month value.

    Documented fallback: without a usable Gamma-Gamma fit (None, or q <= 1) the expected spend
    per purchase is the customer's own mean net spend per purchase day (`spend_source` says
    which was used), so the header still shows a value instead of NaN.
    """
    unit = DAYS_PER_UNIT[summary.time_unit]
    x, tx, age = summary.frequency, summary.recency, summary.T
    p_alive = probability_alive(bgnbd, x, tx, age)
    expected = expected_purchases(bgnbd, horizon_days / unit, x, tx, age)
    if gamma_gamma is not None and gamma_gamma.q > 1.0:
        spend = expected_average_spend(gamma_gamma, x, summary.monetary_value)
        value = customer_lifetime_value(
            bgnbd,
            gamma_gamma,
            x,
            tx,
            age,
            summary.monetary_value,
            months=months,
            monthly_discount_rate=monthly_discount_rate,
            time_unit=summary.time_unit,
        )
        source = "gamma_gamma"
    else:
        spend = np.maximum(summary.total_cents / (x + 1.0), 0.0)
        per_month = 30.0 / unit
        value = np.zeros_like(spend)
        previous = np.zeros_like(spend)
        for k in range(1, months + 1):
            cumulative = expected_purchases(bgnbd, k * per_month, x, tx, age)
            value += spend * (cumulative - previous) / (1.0 + monthly_discount_rate) ** k
            previous = cumulative
        source = "customer_mean"
    return CustomerScores(
        customer=summary.customer,
        p_alive=p_alive,
        expected_purchases=expected,
        expected_spend_cents=np.rint(spend).astype(np.int64),
        predicted_value_cents=np.rint(value).astype(np.int64),
        spend_source=source,
    )


@dataclass(frozen=True)
class CustomerAnalytics:
    """Everything the 360 header and the manager lists show, aligned on `customer`."""

    customer: IntArray
    p_alive: FloatArray
    expected_purchases_90d: FloatArray
    expected_spend_cents: IntArray
    predicted_value_12m_cents: IntArray
    days_since_last: IntArray
    r_score: IntArray
    f_score: IntArray
    m_score: IntArray
    segment: list[str]
    churn_risk: npt.NDArray[np.bool_]
    bgnbd: BGNBDFit | None
    gamma_gamma: GammaGammaFit | None
    notes: list[str]


def analyze_customers(
    customer: npt.ArrayLike,
    timestamp: npt.ArrayLike,
    amount_cents: npt.ArrayLike,
    quantity: npt.ArrayLike,
    as_of: int,
    time_unit: TimeUnit = "weeks",
    monthly_discount_rate: float = 0.01,
) -> CustomerAnalytics:
    """Summary -> BG/NBD + Gamma-Gamma fit -> per-customer scores, RFM segment and churn flag.

    `customer` holds integer codes, `timestamp` epoch seconds, `amount_cents` line amounts
    (negative for returns); lines at or after `as_of` are ignored. Documented fallbacks, noted
    in `notes`: without a BG/NBD fit (no repeat buyer, fewer than two customers) P(alive) is 1,
    expected purchases and value are 0 and churn risk rests on recency alone; without a
    Gamma-Gamma fit spend is each customer's own mean (see `score_customers`).
    """
    summary = summary_from_lines(customer, timestamp, amount_cents, quantity, as_of, time_unit)
    notes: list[str] = []
    bg: BGNBDFit | None = None
    gg: GammaGammaFit | None = None
    n = len(summary)
    try:
        bg = fit_bgnbd(summary.frequency, summary.recency, summary.T)
    except AnalyticsError as exc:
        notes.append(f"BG/NBD not fitted: {exc}")
    try:
        gg = fit_gamma_gamma(summary.frequency, summary.monetary_value)
    except AnalyticsError as exc:
        notes.append(f"Gamma-Gamma not fitted: {exc}")
    if bg is not None:
        scores = score_customers(
            summary,
            bg.params,
            gg.params if gg is not None else None,
            horizon_days=90,
            months=12,
            monthly_discount_rate=monthly_discount_rate,
        )
        p_alive, expected = scores.p_alive, scores.expected_purchases
        spend, value = scores.expected_spend_cents, scores.predicted_value_cents
    else:
        p_alive, expected = np.ones(n), np.zeros(n)
        spend, value = np.zeros(n, dtype=np.int64), np.zeros(n, dtype=np.int64)
    days_since = as_of // SECONDS_PER_DAY - 1 - summary.last_day
    rfm = rfm_scores(days_since, summary.frequency + 1, summary.total_cents)
    return CustomerAnalytics(
        customer=summary.customer,
        p_alive=p_alive,
        expected_purchases_90d=expected,
        expected_spend_cents=spend,
        predicted_value_12m_cents=value,
        days_since_last=days_since,
        r_score=rfm.r,
        f_score=rfm.f,
        m_score=rfm.m,
        segment=rfm.segments,
        churn_risk=churn_risk(p_alive, days_since),
        bgnbd=bg,
        gamma_gamma=gg,
        notes=notes,
    )
