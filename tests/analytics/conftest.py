"""Fixtures of the analytics tests: the CDNOW reference data shipped inside `lifetimes`."""

from __future__ import annotations

import gzip
from pathlib import Path

import numpy as np
import pytest

from sync_server.analytics.transactions import Transactions, read_transactions

ONLINE_RETAIL = Path("/work/shared/data/online_retail/train.csv.gz")


@pytest.fixture(scope="session")
def cdnow() -> dict[str, np.ndarray]:
    """CDNOW summary (2,357 customers, weeks) with monetary value, as numpy arrays."""
    from lifetimes.datasets import load_cdnow_summary_data_with_monetary_value

    df = load_cdnow_summary_data_with_monetary_value()
    return {
        "frequency": df["frequency"].to_numpy(dtype=float),
        "recency": df["recency"].to_numpy(dtype=float),
        "T": df["T"].to_numpy(dtype=float),
        "monetary_value": df["monetary_value"].to_numpy(dtype=float),
    }


def _head(tmp_path_factory: pytest.TempPathFactory, lines: int) -> Path:
    if not ONLINE_RETAIL.exists():
        pytest.skip("shared online_retail data not available")
    out = tmp_path_factory.mktemp("retail") / f"head{lines}.csv.gz"
    with (
        gzip.open(ONLINE_RETAIL, "rt", encoding="utf-8", newline="") as src,
        gzip.open(out, "wt", encoding="utf-8", newline="") as dst,
    ):
        for i, line in enumerate(src):
            if i > lines:
                break
            dst.write(line)
    return out


@pytest.fixture(scope="session")
def retail_full() -> Transactions:
    """The whole online_retail file, read once per session."""
    if not ONLINE_RETAIL.exists():
        pytest.skip("shared online_retail data not available")
    return read_transactions(ONLINE_RETAIL)


@pytest.fixture(scope="session")
def retail_slice(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The first 80,000 lines of online_retail (2010-12-01 .. 2011-03-14), gzipped."""
    return _head(tmp_path_factory, 80_000)


@pytest.fixture(scope="session")
def retail_small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The first 30,000 lines of online_retail (2010-12-01 .. early 2011), gzipped."""
    return _head(tmp_path_factory, 30_000)
