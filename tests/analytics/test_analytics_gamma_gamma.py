"""Gamma-Gamma spend model and customer value: CDNOW, lifetimes, recovery, degenerate data."""

from __future__ import annotations

import numpy as np
import pytest
from analytics_helpers import log_param_standard_errors

from sync_server.analytics import bgnbd
from sync_server.analytics import gamma_gamma as gg
from sync_server.analytics.errors import InsufficientDataError
from sync_server.analytics.gamma_gamma import GammaGammaParams
from sync_server.analytics.scoring import score_customers
from sync_server.analytics.summary import RFMSummary


def test_cdnow_published_parameters(cdnow: dict[str, np.ndarray]) -> None:
    fit = gg.fit_gamma_gamma(cdnow["frequency"], cdnow["monetary_value"])
    assert fit.customers == 946
    # Fader & Hardie print p = 6.25, q = 3.74, gamma = 15.44; the maximum is at gamma = 15.4477
    # (lifetimes agrees), so the published gamma is truncated, not rounded: compare to 0.01.
    assert fit.params.p == pytest.approx(6.25, abs=0.005)
    assert fit.params.q == pytest.approx(3.74, abs=0.005)
    assert fit.params.v == pytest.approx(15.44, abs=0.01)


def test_agrees_with_lifetimes_reference(cdnow: dict[str, np.ndarray]) -> None:
    pd = pytest.importorskip("pandas")
    from lifetimes import BetaGeoFitter, GammaGammaFitter

    f, r, t, m = (pd.Series(cdnow[k]) for k in ("frequency", "recency", "T", "monetary_value"))
    ref_gg = GammaGammaFitter(penalizer_coef=0.0)
    ref_gg.fit(f[f > 0], m[f > 0])
    ours = gg.fit_gamma_gamma(cdnow["frequency"], cdnow["monetary_value"]).params
    for name in ("p", "q", "v"):
        assert getattr(ours, name) == pytest.approx(ref_gg.params_[name], rel=1e-5)
    same = GammaGammaParams(**{k: float(v) for k, v in ref_gg.params_.items()})
    np.testing.assert_allclose(
        gg.expected_average_spend(same, cdnow["frequency"], cdnow["monetary_value"]),
        ref_gg.conditional_expected_average_profit(f, m).to_numpy(),
        rtol=1e-10,
    )
    ref_bg = BetaGeoFitter(penalizer_coef=0.0)
    ref_bg.fit(f, r, t)
    bg_same = bgnbd.BGNBDParams(**{k: float(v) for k, v in ref_bg.params_.items()})
    ref_clv = ref_gg.customer_lifetime_value(
        ref_bg, f, r, t, m, time=12, discount_rate=0.01, freq="W"
    ).to_numpy()
    ours_clv = gg.customer_lifetime_value(
        bg_same,
        same,
        cdnow["frequency"],
        cdnow["recency"],
        cdnow["T"],
        cdnow["monetary_value"],
        months=12,
        monthly_discount_rate=0.01,
        time_unit="weeks",
    )
    np.testing.assert_allclose(ours_clv, ref_clv, rtol=1e-6)


def test_parameter_recovery_on_simulated_data() -> None:
    truth = GammaGammaParams(p=6.25, q=3.74, v=15.44)
    rng = np.random.default_rng(99)
    x = 1.0 + rng.poisson(2.0, 20_000)
    m = gg.simulate_spend(truth, x, rng)
    fit = gg.fit_gamma_gamma(x, m)
    est = np.log([fit.params.p, fit.params.q, fit.params.v])

    def total(theta: np.ndarray) -> float:
        return float(gg.log_likelihood(GammaGammaParams(*np.exp(theta)), x, m).sum())

    se = log_param_standard_errors(total, est)
    z = np.abs(est - np.log([truth.p, truth.q, truth.v])) / se
    assert np.all(z < 4.0), f"z-scores {z}, estimates {fit.params}"
    assert fit.log_likelihood == pytest.approx(total(est), rel=1e-10)


def test_degenerate_spend_raises_typed_errors() -> None:
    with pytest.raises(InsufficientDataError, match="got 0"):
        gg.fit_gamma_gamma([1, 2, 3], [0.0, 0.0, 0.0])
    with pytest.raises(InsufficientDataError, match="got 0"):
        gg.fit_gamma_gamma([0, 0], [0.0, 0.0])
    with pytest.raises(InsufficientDataError, match="got 1"):
        gg.fit_gamma_gamma([2, 0], [10.0, 0.0])
    with pytest.raises(InsufficientDataError, match="q"):
        gg.expected_average_spend(GammaGammaParams(2.0, 0.9, 5.0), [1], [10.0])


def _summary() -> RFMSummary:
    f = np.array([0.0, 1.0, 5.0])
    return RFMSummary(
        customer=np.arange(3),
        frequency=f,
        recency=np.array([0.0, 20.0, 150.0]),
        T=np.array([30.0, 100.0, 160.0]),
        monetary_value=np.array([0.0, 2500.0, 4000.0]),
        first_day=np.zeros(3, dtype=np.int64),
        last_day=np.zeros(3, dtype=np.int64),
        total_cents=np.array([1000, 5000, 24000]),
        time_unit="days",
    )


def test_scores_are_finite_with_and_without_spend_model() -> None:
    s = _summary()
    bg = bgnbd.BGNBDParams(0.7, 60.0, 0.5, 3.0)
    with_gg = score_customers(s, bg, GammaGammaParams(3.0, 3.0, 3000.0))
    assert with_gg.spend_source == "gamma_gamma"
    fallback = score_customers(s, bg, None)
    assert fallback.spend_source == "customer_mean"
    # Fallback spend per purchase: the customer's own mean per purchase day.
    assert fallback.expected_spend_cents.tolist() == [1000, 2500, 4000]
    for scores in (with_gg, fallback):
        assert np.all(np.isfinite(scores.p_alive))
        assert np.all(scores.expected_purchases >= 0)
        assert np.all(scores.predicted_value_cents >= 0)
        assert scores.p_alive[0] == 1.0
    # The heavier, recent buyer is worth more than the one-off.
    assert with_gg.predicted_value_cents[2] > with_gg.predicted_value_cents[0]
    expected = bgnbd.expected_purchases(bg, 90.0, s.frequency, s.recency, s.T)
    np.testing.assert_allclose(with_gg.expected_purchases, expected)
