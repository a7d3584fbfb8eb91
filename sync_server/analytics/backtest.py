"""Backtest: fit every model on the calibration period, score the later holdout period.

This is how a retailer decides whether to trust the numbers before using them: the models
only see lines dated before the calibration end; predictions are compared with what customers
then actually did up to the last day in the file.

Recommender model choice is itself made without looking at the holdout: the calibration period
is split once more (its last stretch, as long as the holdout but at most half of it, serves as
validation), every candidate is scored there, and only the winner is refitted on the whole
calibration period and evaluated on the holdout next to the popularity baseline.

JSON figures (`run_backtest`'s dict; money in major currency units, time in `time_unit`):

    time_unit                                 "days" | "weeks"
    calibration.{start,end_exclusive,customers,repeat_buyers}
    holdout.{start,end_exclusive,length}
    holdout.repeat_purchases.{predicted,actual,relative_error,mae_per_customer}
    holdout.repeat_purchases.by_calibration_frequency.<"0".."6","7+">.{customers,predicted,actual}
    holdout.spend.{predicted,actual,relative_error,mae_per_customer}   (with a Gamma-Gamma fit)
    bgnbd.params.{r,alpha,a,b}, bgnbd.log_likelihood, bgnbd.iterations
    gamma_gamma.params.{p,q,v}, gamma_gamma.log_likelihood, gamma_gamma.repeat_buyers
        (or gamma_gamma.error when spend cannot be modelled, e.g. a file without prices)
    recommender.{model,popularity}.{hit_rate_at_10,recall_at_10,ndcg_at_10}
    recommender.{model_name,hit_rate_ratio,customers_evaluated,customers_in_both_periods}
    recommender.validation.<candidate>.{hit_rate_at_10,...}, recommender.validation_start
    timings.<step>_s                          seconds per step

Recommender metrics cover customers who bought in both periods and bought at least one item in
the holdout that they had not bought before (owned items are never recommended).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime
from typing import Any

import numpy as np
from scipy import sparse

from sync_server.analytics import recommender as rec
from sync_server.analytics.bgnbd import expected_purchases, fit_bgnbd
from sync_server.analytics.errors import AnalyticsError, InsufficientDataError
from sync_server.analytics.gamma_gamma import expected_average_spend, fit_gamma_gamma
from sync_server.analytics.summary import (
    DAYS_PER_UNIT,
    SECONDS_PER_DAY,
    TimeUnit,
    count_in_period,
    purchase_days,
    summarize,
)
from sync_server.analytics.transactions import Transactions, to_timestamp

FREQUENCY_GROUPS = ("0", "1", "2", "3", "4", "5", "6", "7+")
RECOMMENDER_CANDIDATES: tuple[tuple[str, Callable[[sparse.csr_matrix], rec.ItemModel]], ...] = (
    ("item_knn k=50", lambda x: rec.fit_item_knn(x, 50)),
    ("ease l2=200", lambda x: rec.fit_ease(x, 200.0, min_buyers=5)),
)
K = 10


def _group_label(x: float) -> str:
    return "7+" if x >= 7 else str(int(x))


def _purchase_matrix(tx: Transactions, merch: np.ndarray, lo: int, hi: int) -> sparse.csr_matrix:
    sel = (tx.timestamp >= lo) & (tx.timestamp < hi) & (tx.quantity > 0) & merch[tx.item]
    return rec.interactions(tx.customer[sel], tx.item[sel], len(tx.customer_ids), len(tx.item_ids))


def _targets(
    before: sparse.csr_matrix, after: sparse.csr_matrix
) -> tuple[np.ndarray, list[set[int]], int]:
    """Customers who bought in both periods; the items new to them in the later one."""
    both = np.flatnonzero((np.diff(before.indptr) > 0) & (np.diff(after.indptr) > 0))
    rows: list[int] = []
    relevant: list[set[int]] = []
    for u in both:
        new = set(after.indices[after.indptr[u] : after.indptr[u + 1]].tolist()) - set(
            before.indices[before.indptr[u] : before.indptr[u + 1]].tolist()
        )
        if new:
            rows.append(int(u))
            relevant.append(new)
    return np.asarray(rows, dtype=np.int64), relevant, int(both.size)


def _evaluate(
    model: rec.ItemModel,
    owned: sparse.csr_matrix,
    rows: np.ndarray,
    relevant: list[set[int]],
    allowed: np.ndarray,
) -> dict[str, float]:
    top = rec.top_n(model, owned[rows], K, allowed=allowed)
    return {k: float(v) for k, v in rec.ranking_metrics(top, relevant, K).items()}


def _recommender_section(
    tx: Transactions, cal_end: int, holdout_end: int, first: int
) -> dict[str, Any]:
    merch = rec.merchandise_mask(tx.item_ids)
    validation_len = min(holdout_end - cal_end, (cal_end - first) // 2)
    val_start = (cal_end - validation_len) // SECONDS_PER_DAY * SECONDS_PER_DAY
    train = _purchase_matrix(tx, merch, first, val_start)
    valid = _purchase_matrix(tx, merch, val_start, cal_end)
    rows, relevant, _ = _targets(train, valid)
    if rows.size == 0:
        raise InsufficientDataError("no customer bought new items in the validation period")
    validation: dict[str, dict[str, float]] = {}
    for name, fit in RECOMMENDER_CANDIDATES:
        validation[name] = _evaluate(fit(train), train, rows, relevant, merch)
    best = max(
        validation,
        key=lambda n: (validation[n][f"hit_rate_at_{K}"], validation[n][f"ndcg_at_{K}"]),
    )
    calib = _purchase_matrix(tx, merch, first, cal_end)
    hold = _purchase_matrix(tx, merch, cal_end, holdout_end)
    rows, relevant, both = _targets(calib, hold)
    if rows.size == 0:
        raise InsufficientDataError("no customer bought new items in the holdout period")
    fit = dict(RECOMMENDER_CANDIDATES)[best]
    model = _evaluate(fit(calib), calib, rows, relevant, merch)
    popularity = _evaluate(rec.fit_popularity(calib), calib, rows, relevant, merch)
    base = popularity[f"hit_rate_at_{K}"]
    return {
        "model_name": best,
        "model": model,
        "popularity": popularity,
        "hit_rate_ratio": model[f"hit_rate_at_{K}"] / base if base > 0 else None,
        "customers_evaluated": int(rows.size),
        "customers_in_both_periods": both,
        "validation": validation,
        "validation_start": _iso_day(val_start),
    }


def _iso_day(ts: int) -> str:
    return str(np.datetime64(ts // SECONDS_PER_DAY, "D"))


def run_backtest(
    tx: Transactions,
    calibration_end: datetime,
    time_unit: TimeUnit = "days",
    with_recommender: bool = True,
) -> dict[str, Any]:
    """Fit on lines before `calibration_end` (midnight, exclusive) and score up to the file's end.

    The holdout ends after the last day present in the file. Raises `InsufficientDataError`
    when either period is empty or a model cannot be identified; a Gamma-Gamma or recommender
    failure is reported in the result instead (their sections then carry an `error`).
    """
    timings: dict[str, float] = {}
    clock = time.perf_counter()
    cal_end = to_timestamp(calibration_end) // SECONDS_PER_DAY * SECONDS_PER_DAY
    first = int(tx.timestamp.min()) // SECONDS_PER_DAY * SECONDS_PER_DAY
    holdout_end = (int(tx.timestamp.max()) // SECONDS_PER_DAY + 1) * SECONDS_PER_DAY
    if not first < cal_end < holdout_end:
        raise InsufficientDataError(
            f"calibration end {_iso_day(cal_end)} must fall after the first day "
            f"({_iso_day(first)}) and not after the last day ({_iso_day(holdout_end - 1)})"
        )
    unit = DAYS_PER_UNIT[time_unit]
    days = purchase_days(tx.customer, tx.timestamp, tx.amount_cents, tx.quantity)
    summary = summarize(days, cal_end, time_unit)
    actual, actual_spend = count_in_period(days, summary.customer, cal_end, holdout_end)
    timings["summary_s"] = time.perf_counter() - clock

    clock = time.perf_counter()
    bg = fit_bgnbd(summary.frequency, summary.recency, summary.T)
    timings["bgnbd_fit_s"] = time.perf_counter() - clock
    horizon = (holdout_end - cal_end) / SECONDS_PER_DAY / unit
    clock = time.perf_counter()
    predicted = expected_purchases(
        bg.params, horizon, summary.frequency, summary.recency, summary.T
    )
    timings["bgnbd_predict_s"] = time.perf_counter() - clock

    groups: dict[str, dict[str, float | int]] = {}
    labels = np.array([_group_label(v) for v in summary.frequency])
    for g in FREQUENCY_GROUPS:
        sel = labels == g
        if sel.any():
            groups[g] = {
                "customers": int(sel.sum()),
                "predicted": float(predicted[sel].sum()),
                "actual": int(actual[sel].sum()),
            }
    total_pred, total_actual = float(predicted.sum()), int(actual.sum())
    result: dict[str, Any] = {
        "time_unit": time_unit,
        "calibration": {
            "start": _iso_day(first),
            "end_exclusive": _iso_day(cal_end),
            "customers": len(summary),
            "repeat_buyers": int((summary.frequency > 0).sum()),
        },
        "holdout": {
            "start": _iso_day(cal_end),
            "end_exclusive": _iso_day(holdout_end),
            "length": horizon,
            "repeat_purchases": {
                "predicted": total_pred,
                "actual": total_actual,
                "relative_error": (total_pred - total_actual) / total_actual
                if total_actual
                else None,
                "by_calibration_frequency": groups,
                "mae_per_customer": float(np.mean(np.abs(predicted - actual))),
            },
        },
        "bgnbd": {
            "params": bg.params.as_dict(),
            "log_likelihood": bg.log_likelihood,
            "iterations": bg.iterations,
        },
    }

    clock = time.perf_counter()
    try:
        gg = fit_gamma_gamma(summary.frequency, summary.monetary_value)
        spend = expected_average_spend(gg.params, summary.frequency, summary.monetary_value)
        pred_spend = float((predicted * spend).sum()) / 100.0
        act_spend = float(actual_spend.sum()) / 100.0
        result["gamma_gamma"] = {
            "params": gg.params.as_dict(),
            "log_likelihood": gg.log_likelihood,
            "repeat_buyers": gg.customers,
        }
        result["holdout"]["spend"] = {
            "predicted": pred_spend,
            "actual": act_spend,
            "relative_error": (pred_spend - act_spend) / act_spend if act_spend else None,
            "mae_per_customer": float(np.mean(np.abs(predicted * spend - actual_spend)) / 100.0),
            "currency_units": "major (cents / 100)",
        }
    except AnalyticsError as exc:
        result["gamma_gamma"] = {"error": str(exc)}
    timings["gamma_gamma_s"] = time.perf_counter() - clock

    if with_recommender and len(tx.item_ids) > 1:
        clock = time.perf_counter()
        try:
            result["recommender"] = _recommender_section(tx, cal_end, holdout_end, first)
        except AnalyticsError as exc:
            result["recommender"] = {"error": str(exc)}
        timings["recommender_s"] = time.perf_counter() - clock
    result["timings"] = timings
    return result


def _fmt(value: Any, digits: int = 4) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.{digits}g}"
    return str(value)


def render_table(result: dict[str, Any]) -> str:
    """Plain-text report of a `run_backtest` result, readable in a terminal or a README."""
    lines: list[str] = []
    cal, hold = result["calibration"], result["holdout"]
    lines.append(
        f"Calibration {cal['start']} .. {cal['end_exclusive']} (excl.): {cal['customers']} "
        f"customers, {cal['repeat_buyers']} repeat buyers; holdout {hold['start']} .. "
        f"{hold['end_exclusive']} (excl.), {hold['length']:.4g} {result['time_unit']}"
    )
    p = result["bgnbd"]["params"]
    lines.append(
        "BG/NBD      r={r} alpha={alpha} a={a} b={b}  LL={ll}".format(
            **{k: _fmt(v) for k, v in p.items()}, ll=f"{result['bgnbd']['log_likelihood']:.1f}"
        )
    )
    gg = result.get("gamma_gamma", {})
    if "params" in gg:
        q = gg["params"]
        lines.append(f"Gamma-Gamma p={_fmt(q['p'])} q={_fmt(q['q'])} v={_fmt(q['v'])}")
    else:
        lines.append(f"Gamma-Gamma not fitted: {gg.get('error', '-')}")
    rp = hold["repeat_purchases"]
    lines.append("")
    lines.append(f"{'calib. freq':>11} {'customers':>9} {'predicted':>10} {'actual':>8}")
    for g, row in rp["by_calibration_frequency"].items():
        lines.append(f"{g:>11} {row['customers']:>9} {row['predicted']:>10.1f} {row['actual']:>8}")
    err = rp["relative_error"]
    lines.append(
        f"{'total':>11} {cal['customers']:>9} {rp['predicted']:>10.1f} {rp['actual']:>8}"
        + (f"   ({err:+.1%})" if err is not None else "")
    )
    lines.append(f"MAE per customer (purchases): {rp['mae_per_customer']:.3f}")
    if "spend" in hold:
        s = hold["spend"]
        lines.append(
            f"Holdout spend: predicted {s['predicted']:,.2f} vs actual {s['actual']:,.2f}"
            + (f" ({s['relative_error']:+.1%})" if s["relative_error"] is not None else "")
            + f"; MAE per customer {s['mae_per_customer']:,.2f}"
        )
    recs = result.get("recommender")
    if recs:
        lines.append("")
        if "error" in recs:
            lines.append(f"Recommender not evaluated: {recs['error']}")
        else:
            lines.append(
                f"Recommender ({recs['customers_evaluated']} customers with new items in the "
                f"holdout; chosen on validation: {recs['model_name']})"
            )
            lines.append(f"{'':>12} {'hit@10':>8} {'recall@10':>10} {'ndcg@10':>8}")
            for label in ("model", "popularity"):
                m = recs[label]
                lines.append(
                    f"{label:>12} {m['hit_rate_at_10']:>8.3f} {m['recall_at_10']:>10.3f} "
                    f"{m['ndcg_at_10']:>8.3f}"
                )
            if recs["hit_rate_ratio"] is not None:
                lines.append(f"hit-rate ratio model / popularity: {recs['hit_rate_ratio']:.2f}")
    lines.append("")
    lines.append(
        "Timings: " + ", ".join(f"{k} {v:.2f}" for k, v in result.get("timings", {}).items())
    )
    return "\n".join(lines)
