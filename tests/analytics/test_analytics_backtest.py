"""Backtest on real transactions: the documented JSON keys, the table, the CLI, the goals."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sync_server.analytics.backtest import render_table, run_backtest
from sync_server.analytics.cli import analytics_app
from sync_server.analytics.errors import InsufficientDataError
from sync_server.analytics.transactions import Transactions, read_transactions


def test_backtest_on_a_slice_of_online_retail(retail_slice: Path) -> None:
    tx = read_transactions(retail_slice)
    result = run_backtest(tx, datetime(2011, 2, 1), time_unit="weeks")
    assert result["time_unit"] == "weeks"
    assert set(result["bgnbd"]["params"]) == {"r", "alpha", "a", "b"}
    assert result["bgnbd"]["log_likelihood"] < 0
    assert set(result["gamma_gamma"]["params"]) == {"p", "q", "v"}
    rp = result["holdout"]["repeat_purchases"]
    groups = rp["by_calibration_frequency"]
    assert sum(g["actual"] for g in groups.values()) == rp["actual"] > 0
    assert sum(g["customers"] for g in groups.values()) == result["calibration"]["customers"]
    assert sum(g["predicted"] for g in groups.values()) == pytest.approx(rp["predicted"])
    # Six weeks of holdout after two months: the model lands within a third of the truth.
    assert abs(rp["predicted"] - rp["actual"]) / rp["actual"] < 0.35
    assert rp["mae_per_customer"] > 0
    assert result["holdout"]["spend"]["actual"] > 0
    recs = result["recommender"]
    for label in ("model", "popularity"):
        assert set(recs[label]) == {"hit_rate_at_10", "recall_at_10", "ndcg_at_10"}
    assert recs["customers_evaluated"] > 100
    assert recs["model"]["hit_rate_at_10"] > recs["popularity"]["hit_rate_at_10"]
    assert set(result["timings"]) >= {"summary_s", "bgnbd_fit_s", "recommender_s"}
    json.dumps(result)  # JSON-able as it is
    table = render_table(result)
    assert "BG/NBD" in table and "hit@10" in table and "total" in table


def test_calibration_end_outside_the_data_is_rejected(retail_slice: Path) -> None:
    tx = read_transactions(retail_slice)
    with pytest.raises(InsufficientDataError, match="calibration end"):
        run_backtest(tx, datetime(2012, 1, 1))
    with pytest.raises(InsufficientDataError, match="calibration end"):
        run_backtest(tx, datetime(2010, 12, 1))


def test_cli_writes_json_and_prints_table(retail_small: Path, tmp_path: Path) -> None:
    out = tmp_path / "bt.json"
    result = CliRunner().invoke(
        analytics_app,
        [
            "backtest",
            "--transactions",
            str(retail_small),
            "--calibration-end",
            "2010-12-20",
            "--json",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "Recommender" in result.output
    figures = json.loads(out.read_text(encoding="utf-8"))
    assert figures["time_unit"] == "days"
    assert figures["holdout"]["repeat_purchases"]["actual"] > 0
    assert "read_s" in figures["timings"]


def test_cli_rejects_a_bad_file_with_line_and_reason(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "customer_id,order_id,date,item_id,item_name,quantity,unit_price,country\n"
        "1,o1,2011-01-01T10:00:00,A,a,1,1.00,UK\n"
        "1,o2,yesterday,A,a,1,1.00,UK\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        analytics_app,
        ["backtest", "--transactions", str(bad), "--calibration-end", "2011-01-01"],
    )
    assert result.exit_code == 2
    assert "line 3" in result.output and "yesterday" in result.output


def test_goals_on_the_full_online_retail_file(retail_full: Transactions) -> None:
    """The acceptance figures: 6 months calibration, 3 months holdout."""
    result = run_backtest(retail_full, datetime(2011, 6, 6))
    rp = result["holdout"]["repeat_purchases"]
    assert abs(rp["predicted"] - rp["actual"]) / rp["actual"] < 0.10
    recs = result["recommender"]
    assert recs["model"]["hit_rate_at_10"] >= 1.5 * recs["popularity"]["hit_rate_at_10"]


def test_analyze_customers_for_the_nightly_job(retail_slice: Path) -> None:
    from sync_server.analytics.rfm import SEGMENTS
    from sync_server.analytics.scoring import analyze_customers
    from sync_server.analytics.transactions import to_timestamp

    tx = read_transactions(retail_slice)
    out = analyze_customers(
        tx.customer, tx.timestamp, tx.amount_cents, tx.quantity, to_timestamp(datetime(2011, 3, 1))
    )
    n = out.customer.size
    assert n > 1000 and out.notes == []
    assert out.bgnbd is not None and out.gamma_gamma is not None
    for arr in (out.p_alive, out.expected_purchases_90d):
        assert arr.shape == (n,) and bool((arr >= 0).all())
    assert bool(((out.p_alive >= 0) & (out.p_alive <= 1)).all())
    assert bool((out.predicted_value_12m_cents >= 0).all())
    assert set(out.segment) <= set(SEGMENTS) and len(out.segment) == n
    assert bool((out.days_since_last >= 0).all())
    # Customers gone for more than 180 days are flagged whatever the model says.
    assert bool(out.churn_risk[out.days_since_last > 180].all())


def test_analyze_customers_falls_back_without_repeat_buyers() -> None:
    from sync_server.analytics.scoring import analyze_customers

    day = 86_400
    out = analyze_customers(
        [0, 1, 2], [0, 5 * day, 300 * day], [1000, 2000, 500], [1, 1, 1], 301 * day
    )
    assert any("BG/NBD not fitted" in note for note in out.notes)
    assert out.p_alive.tolist() == [1.0, 1.0, 1.0]
    assert out.predicted_value_12m_cents.tolist() == [0, 0, 0]
    assert out.churn_risk.tolist() == [True, True, False]
