"""Analytics benchmark: BG/NBD + Gamma-Gamma fit on a simulated 1,000,000-customer summary.

The summary is drawn from the models' own generative process with the published CDNOW
parameters (ages uniform over 27-39 weeks, like the CDNOW cohort), so the fitted parameters
can also be checked against the truth. `lifetimes` is fitted on exactly the same arrays in the
same run; the speed ratio is what to compare across machines.
"""

from __future__ import annotations

import json
import statistics
import time
import warnings
from typing import Any

import numpy as np

from sync_server.analytics.bgnbd import BGNBDParams, fit_bgnbd, simulate
from sync_server.analytics.gamma_gamma import GammaGammaParams, fit_gamma_gamma, simulate_spend

TRUE_BGNBD = BGNBDParams(r=0.243, alpha=4.414, a=0.793, b=2.426)
TRUE_GAMMA_GAMMA = GammaGammaParams(p=6.25, q=3.74, v=15.44)


def _same_to_3_significant(ours: dict[str, float], theirs: dict[str, float]) -> bool:
    return all(float(f"{ours[k]:.3g}") == float(f"{theirs[k]:.3g}") for k in ours)


def _lifetimes_fit(x: np.ndarray, tx: np.ndarray, age: np.ndarray, m: np.ndarray) -> dict[str, Any]:
    """One fit of the `lifetimes` reference (test/bench-only dependency) on the same data."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            import pandas as pd
            from lifetimes import BetaGeoFitter, GammaGammaFitter

            clock = time.perf_counter()
            bgf = BetaGeoFitter(penalizer_coef=0.0)
            bgf.fit(pd.Series(x), pd.Series(tx), pd.Series(age))
            bg_s = time.perf_counter() - clock
            rep = (x > 0) & (m > 0)
            clock = time.perf_counter()
            ggf = GammaGammaFitter(penalizer_coef=0.0)
            ggf.fit(pd.Series(x[rep]), pd.Series(m[rep]))
            gg_s = time.perf_counter() - clock
    except Exception as exc:  # the reference is optional: report why it did not run
        return {"error": f"{type(exc).__name__}: {exc}"}
    return {
        "bgnbd_s": bg_s,
        "gamma_gamma_s": gg_s,
        "total_s": bg_s + gg_s,
        "bgnbd_params": {k: float(v) for k, v in bgf.params_.items()},
        "gamma_gamma_params": {k: float(v) for k, v in ggf.params_.items()},
    }


def run(customers: int = 1_000_000, seed: int = 0, repeats: int = 3) -> dict[str, Any]:
    """Time our fit (median of `repeats` runs) and lifetimes' fit (one run) on the same data."""
    rng = np.random.default_rng(seed)
    age = rng.uniform(27.0, 39.0, customers)
    x, tx = simulate(TRUE_BGNBD, age, rng)
    m = simulate_spend(TRUE_GAMMA_GAMMA, x, rng)

    bg_times: list[float] = []
    gg_times: list[float] = []
    for _ in range(repeats):
        clock = time.perf_counter()
        bg = fit_bgnbd(x, tx, age)
        bg_times.append(time.perf_counter() - clock)
        clock = time.perf_counter()
        gg = fit_gamma_gamma(x, m)
        gg_times.append(time.perf_counter() - clock)
    totals = [a + b for a, b in zip(bg_times, gg_times, strict=True)]
    ours: dict[str, Any] = {
        "bgnbd_s": statistics.median(bg_times),
        "gamma_gamma_s": statistics.median(gg_times),
        "total_s": statistics.median(totals),
        "runs": repeats,
        "bgnbd_params": bg.params.as_dict(),
        "bgnbd_log_likelihood": bg.log_likelihood,
        "gamma_gamma_params": gg.params.as_dict(),
    }
    reference = _lifetimes_fit(x, tx, age, m)
    result: dict[str, Any] = {
        "customers": customers,
        "repeat_buyers": int((x > 0).sum()),
        "seed": seed,
        "true_params": {"bgnbd": TRUE_BGNBD.as_dict(), "gamma_gamma": TRUE_GAMMA_GAMMA.as_dict()},
        "ours": ours,
        "lifetimes": reference,
    }
    if "error" not in reference:
        result["speedup_vs_lifetimes"] = reference["total_s"] / ours["total_s"]
        result["same_params_3_significant_digits"] = _same_to_3_significant(
            ours["bgnbd_params"], reference["bgnbd_params"]
        ) and _same_to_3_significant(ours["gamma_gamma_params"], reference["gamma_gamma_params"])
    return result


def _synthetic_lines(
    customers: int, orders: int, items: int, rng: np.random.Generator
) -> dict[str, np.ndarray]:
    """One sale line per order: heterogeneous customer activity over two years, item choice
    mostly within a customer's taste group (so co-purchases exist), else popular items."""
    activity = rng.gamma(0.6, 1.0, customers)
    customer = rng.choice(customers, size=orders, p=activity / activity.sum())
    timestamp = (rng.uniform(0.0, 730.0, orders) * 86_400).astype(np.int64) + 1_600_000_000
    group_size = 25
    groups = items // group_size
    taste = customer % groups
    in_group = taste * group_size + rng.integers(0, group_size, orders)
    popular = np.minimum(rng.zipf(1.6, orders) - 1, items - 1)
    item = np.where(rng.random(orders) < 0.7, in_group, popular)
    amount = np.rint(rng.lognormal(8.0, 0.8, orders)).astype(np.int64)
    return {
        "customer": customer.astype(np.int64),
        "timestamp": timestamp,
        "item": item.astype(np.int64),
        "amount_cents": amount,
        "quantity": np.ones(orders, dtype=np.int64),
    }


def run_pipeline(
    customers: int = 100_000, orders: int = 1_000_000, items: int = 3_000, seed: int = 0
) -> dict[str, Any]:
    """Time the pure computation of the nightly job (no database): summary, fits, scores,
    RFM and churn for every customer, then EASE and top-10 recommendations with reasons."""
    from sync_server.analytics import recommender as rec
    from sync_server.analytics.scoring import analyze_customers

    rng = np.random.default_rng(seed)
    lines = _synthetic_lines(customers, orders, items, rng)
    as_of = int(lines["timestamp"].max()) + 86_400
    timings: dict[str, float] = {}
    clock = time.perf_counter()
    result = analyze_customers(
        lines["customer"], lines["timestamp"], lines["amount_cents"], lines["quantity"], as_of
    )
    timings["scores_s"] = time.perf_counter() - clock
    clock = time.perf_counter()
    item_ids = [f"SKU{i:05d}" for i in range(items)]
    owned = rec.purchase_matrix(
        lines["customer"], lines["item"], lines["quantity"], item_ids, customers
    )
    model = rec.fit_ease(owned, 200.0, min_buyers=5)
    timings["recommender_fit_s"] = time.perf_counter() - clock
    clock = time.perf_counter()
    recs = rec.recommend_arrays(model, owned, n=10)
    timings["recommendations_s"] = time.perf_counter() - clock
    return {
        "customers": customers,
        "orders": orders,
        "items": items,
        "customers_scored": int(result.customer.size),
        "recommendation_rows": int(recs.items.shape[0]),
        "recommendations_with_co_purchase_reason": float((recs.source >= 0).mean()),
        "notes": result.notes,
        "timings": timings,
        "total_s": sum(timings.values()),
    }


if __name__ == "__main__":
    print(json.dumps({"fit": run(), "pipeline": run_pipeline()}, indent=2))
