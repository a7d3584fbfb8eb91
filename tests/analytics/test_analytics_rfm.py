"""RFM quintiles, the segment grid and the churn-risk flag."""

from __future__ import annotations

import numpy as np
import pytest

from sync_server.analytics.rfm import SEGMENTS, churn_risk, quintile_scores, rfm_scores, segment


def test_quintile_boundaries_on_ten_distinct_values() -> None:
    values = np.arange(10, dtype=float)
    assert quintile_scores(values).tolist() == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]
    assert quintile_scores(values, higher_is_better=False).tolist() == [
        5, 5, 4, 4, 3, 3, 2, 2, 1, 1,
    ]  # fmt: skip


def test_ties_share_a_score() -> None:
    # Six one-time buyers (mid-rank 3.5 of 10 -> percentile 0.3) all get F = 2.
    scores = quintile_scores([1, 1, 1, 1, 1, 1, 2, 3, 4, 5])
    assert scores.tolist() == [2, 2, 2, 2, 2, 2, 4, 4, 5, 5]
    assert quintile_scores([]).tolist() == []


@pytest.mark.parametrize(
    ("r", "fm", "name"),
    [
        (5, 5, "Champions"),
        (5, 4, "Champions"),
        (4, 4, "Loyal"),
        (3, 5, "Loyal"),
        (5, 3, "Potential loyalist"),
        (3, 2, "Potential loyalist"),
        (5, 1, "New"),
        (4, 1, "New"),
        (3, 1, "Hibernating"),
        (2, 2, "Hibernating"),
        (2, 3, "At risk"),
        (1, 4, "At risk"),
        (2, 5, "Can't lose them"),
        (1, 5, "Can't lose them"),
        (1, 2, "Lost"),
        (1, 1, "Lost"),
    ],
)
def test_grid_cells(r: int, fm: int, name: str) -> None:
    assert segment(r, fm) == name


def test_grid_is_complete_and_uses_every_segment() -> None:
    names = {segment(r, fm) for r in range(1, 6) for fm in range(1, 6)}
    assert names == set(SEGMENTS)
    with pytest.raises(ValueError):
        segment(0, 3)


def test_rfm_scores_end_to_end() -> None:
    days_since = [1, 2, 200, 300, 5, 6, 250, 7, 8, 400]
    purchases = [30, 25, 40, 1, 1, 2, 22, 3, 4, 1]
    spend = [9000, 8000, 10_000, 100, 150, 300, 6000, 500, 400, 50]
    s = rfm_scores(days_since, purchases, spend)
    assert s.segments[0] == "Champions"  # most recent, most frequent, biggest spender
    assert s.segments[2] == "Can't lose them"  # big spender gone quiet
    assert s.segments[9] == "Lost"  # long gone, one small purchase
    assert s.fm.tolist() == [(f + m + 1) // 2 for f, m in zip(s.f, s.m, strict=True)]


def test_churn_flag_combines_p_alive_and_recency() -> None:
    flags = churn_risk([0.9, 0.3, 1.0, 0.6], [10, 10, 365, 180])
    assert flags.tolist() == [False, True, True, False]
