"""RFM quintile scores, named segments on one grid, and a churn-risk flag.

Scores are quintiles of the customer base (5 = best): R from days since the last purchase
(fewer is better), F from the number of purchases, M from net spend. Ties share a score
(mid-rank), so a base where most customers bought once gets the same F for all of them.

Segments use R and FM = round-half-up((F + M) / 2) on this grid:

    R \\ FM  1             2                   3                   4           5
    5        New           Potential loyalist  Potential loyalist  Champions   Champions
    4        New           Potential loyalist  Potential loyalist  Loyal       Loyal
    3        Hibernating   Potential loyalist  Potential loyalist  Loyal       Loyal
    2        Hibernating   Hibernating         At risk             At risk     Can't lose them
    1        Lost          Lost                At risk             At risk     Can't lose them
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy import stats

from clienteling.protocol.rows import RFM_SEGMENTS

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]

SEGMENTS: tuple[str, ...] = RFM_SEGMENTS

CHURN_P_ALIVE_BELOW = 0.5
CHURN_DAYS_SINCE_LAST_ABOVE = 180


def quintile_scores(values: npt.ArrayLike, higher_is_better: bool = True) -> IntArray:
    """1..5 by mid-rank percentile: score = floor(5 * (rank - 0.5) / n) + 1."""
    v = np.asarray(values, dtype=np.float64)
    if v.ndim != 1:
        raise ValueError("values must be 1-d")
    if v.size == 0:
        return np.zeros(0, dtype=np.int64)
    if not np.isfinite(v).all():
        raise ValueError("values must be finite")
    ranks = stats.rankdata(v if higher_is_better else -v, method="average")
    scores = np.floor(5.0 * (ranks - 0.5) / v.size).astype(np.int64) + 1
    return np.clip(scores, 1, 5)


def segment(r_score: int, fm_score: int) -> str:
    """Named segment of one (R, FM) cell of the grid in the module docstring."""
    if not (1 <= r_score <= 5 and 1 <= fm_score <= 5):
        raise ValueError("scores must be within 1..5")
    if r_score >= 3:
        if fm_score >= 4:
            return "Champions" if r_score == 5 else "Loyal"
        if fm_score >= 2:
            return "Potential loyalist"
        return "Hibernating" if r_score == 3 else "New"
    if fm_score == 5:
        return "Can't lose them"
    if fm_score >= 3:
        return "At risk"
    return "Hibernating" if r_score == 2 else "Lost"


@dataclass(frozen=True)
class RFMScores:
    r: IntArray
    f: IntArray
    m: IntArray
    fm: IntArray
    segments: list[str]


def rfm_scores(
    days_since_last: npt.ArrayLike, purchases: npt.ArrayLike, net_spend: npt.ArrayLike
) -> RFMScores:
    """Quintile scores and segment per customer; arrays aligned on the same customers."""
    r = quintile_scores(days_since_last, higher_is_better=False)
    f = quintile_scores(purchases)
    m = quintile_scores(net_spend)
    if not (r.shape == f.shape == m.shape):
        raise ValueError("inputs must have equal length")
    fm = (f + m + 1) // 2
    return RFMScores(r, f, m, fm, [segment(int(a), int(b)) for a, b in zip(r, fm, strict=True)])


def churn_risk(
    p_alive: npt.ArrayLike,
    days_since_last: npt.ArrayLike,
    p_alive_below: float = CHURN_P_ALIVE_BELOW,
    days_above: float = CHURN_DAYS_SINCE_LAST_ABOVE,
) -> npt.NDArray[np.bool_]:
    """At risk when the model thinks she has probably left, or she has been away long.

    The recency rule matters for one-time buyers, whom BG/NBD always gives P(alive) = 1.
    """
    pa = np.asarray(p_alive, dtype=np.float64)
    ds = np.asarray(days_since_last, dtype=np.float64)
    if pa.shape != ds.shape:
        raise ValueError("p_alive and days_since_last must have equal length")
    out: npt.NDArray[np.bool_] = (pa < p_alive_below) | (ds > days_above)
    return out
