"""Small numeric helpers shared by the likelihood code."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt


def dot(u: npt.NDArray[np.float64], v: npt.NDArray[np.float64]) -> float:
    """Inner product without BLAS: OpenBLAS worker threads spin badly on a busy machine
    (5-10x slower measured here under load), and one einsum pass is as fast for a single pair."""
    return float(np.einsum("i,i->", u, v))
