"""BG/NBD: CDNOW reference fit, agreement with lifetimes, parameter recovery, degenerate data."""

from __future__ import annotations

import numpy as np
import pytest
from analytics_helpers import log_param_standard_errors
from scipy.optimize import check_grad

from sync_server.analytics import bgnbd
from sync_server.analytics.bgnbd import BGNBDParams
from sync_server.analytics.errors import InsufficientDataError

CDNOW = BGNBDParams(r=0.243, alpha=4.414, a=0.793, b=2.426)


def _xs(d: dict[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    return d["frequency"], d["recency"], d["T"]


def test_cdnow_published_parameters_and_log_likelihood(cdnow: dict[str, np.ndarray]) -> None:
    fit = bgnbd.fit_bgnbd(*_xs(cdnow))
    p = fit.params
    assert (round(p.r, 3), round(p.alpha, 3), round(p.a, 3), round(p.b, 3)) == (
        0.243,
        4.414,
        0.793,
        2.426,
    )
    assert round(fit.log_likelihood, 1) == -9582.4
    assert fit.customers == 2357
    assert not fit.at_bound
    assert bgnbd.log_likelihood(p, *_xs(cdnow)).sum() == pytest.approx(fit.log_likelihood)


def test_agrees_with_lifetimes_reference(cdnow: dict[str, np.ndarray]) -> None:
    pd = pytest.importorskip("pandas")
    from lifetimes import BetaGeoFitter

    ref = BetaGeoFitter(penalizer_coef=0.0)
    ref.fit(pd.Series(cdnow["frequency"]), pd.Series(cdnow["recency"]), pd.Series(cdnow["T"]))
    ours = bgnbd.fit_bgnbd(*_xs(cdnow)).params
    for name in ("r", "alpha", "a", "b"):
        assert getattr(ours, name) == pytest.approx(ref.params_[name], rel=1e-4)
    # Same parameters -> same per-customer predictions.
    same = BGNBDParams(**{k: float(v) for k, v in ref.params_.items()})
    np.testing.assert_allclose(
        bgnbd.probability_alive(same, *_xs(cdnow)),
        ref.conditional_probability_alive(*_xs(cdnow)),
        rtol=1e-9,
    )
    for t in (1.0, 39.0, 52.0):
        np.testing.assert_allclose(
            bgnbd.expected_purchases(same, t, *_xs(cdnow)),
            ref.conditional_expected_number_of_purchases_up_to_time(t, *_xs(cdnow)),
            rtol=1e-7,
        )
        assert bgnbd.expected_purchases_new_customer(same, t) == pytest.approx(
            ref.expected_number_of_purchases_up_to_time(t), rel=1e-9
        )


def test_analytical_gradient_matches_finite_differences(cdnow: dict[str, np.ndarray]) -> None:
    x, tx, age = _xs(cdnow)
    objective = bgnbd._Objective(x, tx, age, np.ones_like(x))
    for theta in (np.log([0.3, 4.0, 0.8, 2.0]), np.log([2.0, 0.5, 3.0, 0.2])):
        err = check_grad(lambda t: objective(t)[0], lambda t: objective(t)[1], theta)
        assert err < 1e-6


def test_weighted_rows_give_the_same_fit(cdnow: dict[str, np.ndarray]) -> None:
    rows = np.column_stack(_xs(cdnow))
    unique, counts = np.unique(rows, axis=0, return_counts=True)
    assert unique.shape[0] < rows.shape[0]
    full = bgnbd.fit_bgnbd(*_xs(cdnow))
    packed = bgnbd.fit_bgnbd(unique[:, 0], unique[:, 1], unique[:, 2], weights=counts)
    assert packed.log_likelihood == pytest.approx(full.log_likelihood, rel=1e-9)
    assert packed.params.r == pytest.approx(full.params.r, rel=1e-5)
    assert packed.params.b == pytest.approx(full.params.b, rel=1e-5)


def test_euler_form_matches_fhl_form(cdnow: dict[str, np.ndarray]) -> None:
    x, _, age = _xs(cdnow)
    for t in (0.5, 39.0, 520.0):
        np.testing.assert_allclose(
            bgnbd._given_alive_euler(CDNOW, t, x, age),
            bgnbd._given_alive_fhl(CDNOW, t, x, age),
            rtol=1e-9,
        )


@pytest.mark.parametrize(
    "truth",
    [CDNOW, BGNBDParams(r=1.5, alpha=20.0, a=2.0, b=8.0)],
    ids=["cdnow", "frequent-buyers"],
)
def test_parameter_recovery_on_simulated_data(truth: BGNBDParams) -> None:
    rng = np.random.default_rng(20240601)
    age = rng.uniform(27.0, 39.0, 20_000)
    x, tx = bgnbd.simulate(truth, age, rng)
    fit = bgnbd.fit_bgnbd(x, tx, age)
    est = np.log([fit.params.r, fit.params.alpha, fit.params.a, fit.params.b])
    true = np.log([truth.r, truth.alpha, truth.a, truth.b])

    def total(theta: np.ndarray) -> float:
        p = BGNBDParams(*np.exp(theta))
        return float(bgnbd.log_likelihood(p, x, tx, age).sum())

    se = log_param_standard_errors(total, est)
    z = np.abs(est - true) / se
    assert np.all(z < 4.0), f"z-scores {z}, estimates {fit.params}"


def test_simulation_follows_the_model_mean() -> None:
    """Mean simulated repeat purchases over T equal the model's E[X(T)] (FHL eq. 9)."""
    rng = np.random.default_rng(7)
    age = np.full(200_000, 30.0)
    x, tx = bgnbd.simulate(CDNOW, age, rng)
    assert np.all((tx <= age) & ((x == 0) == (tx == 0)))
    expected = bgnbd.expected_purchases_new_customer(CDNOW, 30.0)
    assert x.mean() == pytest.approx(expected, rel=0.02)


def test_degenerate_inputs_raise_typed_errors() -> None:
    with pytest.raises(InsufficientDataError, match="repeat purchase"):
        bgnbd.fit_bgnbd([0, 0, 0], [0, 0, 0], [10, 20, 30])
    with pytest.raises(InsufficientDataError, match="at least 2 customers"):
        bgnbd.fit_bgnbd([3], [5.0], [10.0])
    with pytest.raises(ValueError, match="recency"):
        bgnbd.fit_bgnbd([1, 2], [12.0, 3.0], [10.0, 10.0])
    with pytest.raises(ValueError, match="T must be >= 0"):
        bgnbd.fit_bgnbd([0, 2], [0.0, 3.0], [-1.0, 10.0])
    with pytest.raises(ValueError, match="integer"):
        bgnbd.fit_bgnbd([0.5, 2], [1.0, 3.0], [10.0, 10.0])
    with pytest.raises(ValueError, match="finite"):
        bgnbd.fit_bgnbd([np.nan, 2], [1.0, 3.0], [10.0, 10.0])
    with pytest.raises(ValueError, match="horizon"):
        bgnbd.expected_purchases(CDNOW, -1.0, [1], [1.0], [2.0])


def test_predictions_stay_finite_at_extreme_parameters() -> None:
    """Parameters like the online-retail fit (a -> 0, b -> large) and heavy buyers."""
    extreme = BGNBDParams(r=0.73, alpha=63.0, a=2.7e-6, b=5.2e4)
    x = np.array([0.0, 1.0, 50.0, 400.0, 2000.0])
    tx = np.array([0.0, 10.0, 180.0, 185.0, 186.0])
    age = np.full(5, 186.0)
    for params in (extreme, CDNOW):
        for t in (1.0, 90.0, 3650.0):
            e = bgnbd.expected_purchases(params, t, x, tx, age)
            assert np.all(np.isfinite(e)) and np.all(e >= 0)
            # Never more than the posterior mean rate times t.
            assert np.all(e <= (params.r + x) * t / (params.alpha + age) * 1.0001 + 1e-9)
        pa = bgnbd.probability_alive(params, x, tx, age)
        assert np.all((pa >= 0) & (pa <= 1))
    assert bgnbd.expected_purchases(CDNOW, 0.0, x, tx, age).tolist() == [0.0] * 5
