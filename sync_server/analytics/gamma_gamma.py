"""Gamma-Gamma spend model (Fader & Hardie 2013 note; Colombo & Jiang 1999) and customer value.

Each transaction value z ~ Gamma(p, nu); nu ~ Gamma(q, gamma) across customers. Only repeat
buyers (x > 0) with a positive mean spend carry information, as in `lifetimes`. Amounts may be
in any unit (cents in our pipeline); `v` (gamma) is then in that unit too.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy import optimize, special

from sync_server.analytics._numeric import dot
from sync_server.analytics.bgnbd import BGNBDParams, expected_purchases
from sync_server.analytics.errors import InsufficientDataError, ModelFitError

FloatArray = npt.NDArray[np.float64]
MIN_REPEAT_BUYERS = 2
_LOG_BOUND = 30.0
_WARM_START_MIN = 200_000

# How many time units make one month, as `lifetimes.utils._customer_lifetime_value` uses.
UNITS_PER_MONTH: dict[str, float] = {"days": 30.0, "weeks": 4.345}


@dataclass(frozen=True)
class GammaGammaParams:
    """Shape p of spend per transaction, shape q and scale gamma (`v`) of its rate."""

    p: float
    q: float
    v: float

    def as_dict(self) -> dict[str, float]:
        return {"p": self.p, "q": self.q, "v": self.v}


@dataclass(frozen=True)
class GammaGammaFit:
    params: GammaGammaParams
    log_likelihood: float
    customers: int
    iterations: int


def _repeat_buyers(
    frequency: npt.ArrayLike, monetary_value: npt.ArrayLike
) -> tuple[FloatArray, FloatArray]:
    x = np.asarray(frequency, dtype=np.float64)
    m = np.asarray(monetary_value, dtype=np.float64)
    if x.shape != m.shape or x.ndim != 1:
        raise ValueError("frequency and monetary_value must be 1-d arrays of equal length")
    if not (np.isfinite(x).all() and np.isfinite(m).all()):
        raise ValueError("frequency and monetary_value must be finite")
    keep = (x > 0) & (m > 0)
    return x[keep], m[keep]


def log_likelihood(
    params: GammaGammaParams, frequency: npt.ArrayLike, monetary_value: npt.ArrayLike
) -> FloatArray:
    """Per-customer log density of the mean spend of the repeat buyers (x > 0, m > 0)."""
    x, m = _repeat_buyers(frequency, monetary_value)
    p, q, v = params.p, params.q, params.v
    px = p * x
    out: FloatArray = (
        special.gammaln(px + q)
        - special.gammaln(px)
        - special.gammaln(q)
        + q * np.log(v)
        + px * np.log(x)
        + (px - 1.0) * np.log(m)
        - (px + q) * np.log(v + x * m)
    )
    return out


def fit_gamma_gamma(frequency: npt.ArrayLike, monetary_value: npt.ArrayLike) -> GammaGammaFit:
    """Maximum-likelihood fit on the repeat buyers with positive spend.

    Raises `InsufficientDataError` with fewer than two such customers (for example when every
    spend is zero, or nobody came back) and `ModelFitError` when no finite optimum is found.
    """
    x, m = _repeat_buyers(frequency, monetary_value)
    if x.size < MIN_REPEAT_BUYERS:
        raise InsufficientDataError(
            f"Gamma-Gamma needs at least {MIN_REPEAT_BUYERS} repeat buyers with positive spend, "
            f"got {x.size}"
        )
    n = float(x.size)
    ux, inverse = np.unique(x, return_inverse=True)
    cx = np.bincount(inverse, minlength=ux.size).astype(np.float64)
    xm = x * m
    # Constant parts of sum[p x (log x + log m) - log m]: per customer they do not depend on
    # the parameters, so only log(v + x m) and 1/(v + x m) are computed per evaluation.
    sum_x_log_xm = dot(x, np.log(x) + np.log(m))
    sum_log_m = float(np.log(m).sum())

    def objective(theta: FloatArray) -> tuple[float, FloatArray]:
        p, q, v = np.exp(theta)
        pux = p * ux
        shifted = xm + v
        log_u = np.log(shifted)
        inv_u = np.reciprocal(shifted, out=shifted)
        s_x_log_u, s_log_u = dot(x, log_u), float(log_u.sum())
        s_x_inv_u, s_inv_u = dot(x, inv_u), float(inv_u.sum())
        dig = special.digamma(pux + q)
        ll = float(cx @ (special.gammaln(pux + q) - special.gammaln(pux)))
        ll += p * (sum_x_log_xm - s_x_log_u) - sum_log_m - q * s_log_u
        ll += n * (q * np.log(v) - special.gammaln(q))
        g_p = float(cx @ (ux * (dig - special.digamma(pux)))) + sum_x_log_xm - s_x_log_u
        g_q = float(cx @ dig) - s_log_u + n * (np.log(v) - special.digamma(q))
        g_v = n * q / v - p * s_x_inv_u - q * s_inv_u
        grad = np.array([g_p * p, g_q * q, g_v * v]) / n
        return -ll / n, -grad

    theta0 = np.log(np.array([1.0, 1.0, float(np.mean(m))]))
    if x.size >= _WARM_START_MIN:
        # Start from a fit on a systematic 1-in-10 sample: fewer full evaluations.
        warm = fit_gamma_gamma(x[::10], m[::10]).params
        theta0 = np.log(np.array([warm.p, warm.q, warm.v]))
    res = optimize.minimize(
        objective,
        theta0,
        jac=True,
        method="L-BFGS-B",
        bounds=[(-_LOG_BOUND, _LOG_BOUND)] * 3,
        options={"maxiter": 2000, "ftol": 1e-14, "gtol": 1e-8},
    )
    if not (np.isfinite(res.fun) and np.all(np.isfinite(res.x))):
        raise ModelFitError("Gamma-Gamma fit found no finite maximum of the likelihood")
    p, q, v = (float(t) for t in np.exp(res.x))
    return GammaGammaFit(GammaGammaParams(p, q, v), -float(res.fun) * n, x.size, int(res.nit))


def expected_average_spend(
    params: GammaGammaParams, frequency: npt.ArrayLike, monetary_value: npt.ArrayLike
) -> FloatArray:
    """E[mean spend per transaction | x, m_x]: a credibility-weighted mean of m_x and the
    population mean p*v/(q-1). Customers without repeats get the population mean.

    Raises `InsufficientDataError` when q <= 1, where the population mean does not exist.
    """
    x = np.asarray(frequency, dtype=np.float64)
    m = np.asarray(monetary_value, dtype=np.float64)
    p, q, v = params.p, params.q, params.v
    if q <= 1.0:
        raise InsufficientDataError(
            f"Gamma-Gamma q = {q:.3g} <= 1: mean spend undefined; more repeat buyers needed"
        )
    m_used = np.where((x > 0) & (m > 0), m, 0.0)
    x_used = np.where((x > 0) & (m > 0), x, 0.0)
    out: FloatArray = p * (v + x_used * m_used) / (p * x_used + q - 1.0)
    return out


def customer_lifetime_value(
    bgnbd: BGNBDParams,
    gamma_gamma: GammaGammaParams,
    frequency: npt.ArrayLike,
    recency: npt.ArrayLike,
    T: npt.ArrayLike,
    monetary_value: npt.ArrayLike,
    months: int = 12,
    monthly_discount_rate: float = 0.01,
    time_unit: str = "days",
) -> FloatArray:
    """Discounted value of the next `months` months, in the unit of `monetary_value`.

    As `lifetimes`' customer_lifetime_value: month k's expected purchases times the expected
    spend, discounted by (1 + rate)^k.
    """
    if time_unit not in UNITS_PER_MONTH:
        raise ValueError(f"time_unit must be one of {sorted(UNITS_PER_MONTH)}")
    if months < 0 or monthly_discount_rate <= -1:
        raise ValueError("months must be >= 0 and the discount rate > -1")
    spend = expected_average_spend(gamma_gamma, frequency, monetary_value)
    factor = UNITS_PER_MONTH[time_unit]
    previous = np.zeros_like(spend)
    value = np.zeros_like(spend)
    for k in range(1, months + 1):
        cumulative = expected_purchases(bgnbd, k * factor, frequency, recency, T)
        value += spend * (cumulative - previous) / (1.0 + monthly_discount_rate) ** k
        previous = cumulative
    return value


def simulate_spend(
    params: GammaGammaParams, frequency: npt.ArrayLike, rng: np.random.Generator
) -> FloatArray:
    """Mean spend of x transactions drawn from the model: nu ~ Gamma(q, 1/v),
    mean of x Gamma(p, 1/nu) values ~ Gamma(p x, 1/(nu x)). Zero where x = 0."""
    x = np.asarray(frequency, dtype=np.float64)
    nu = rng.gamma(params.q, 1.0 / params.v, size=x.shape)
    out = np.zeros_like(x)
    rep = x > 0
    out[rep] = rng.gamma(params.p * x[rep], 1.0 / (nu[rep] * x[rep]))
    return out
