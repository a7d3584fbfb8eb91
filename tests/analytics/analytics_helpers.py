"""Helpers shared by the analytics tests (a uniquely named module, unlike conftest)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np


def log_param_standard_errors(
    total_ll: Callable[[np.ndarray], float], theta: np.ndarray
) -> np.ndarray:
    """Asymptotic standard errors of log-parameters from the observed information matrix
    (central second differences of the total log-likelihood)."""
    k = theta.size
    h = 1e-3
    hess = np.zeros((k, k))
    for i in range(k):
        for j in range(k):
            ei, ej = np.eye(k)[i] * h, np.eye(k)[j] * h
            hess[i, j] = (
                total_ll(theta + ei + ej)
                - total_ll(theta + ei - ej)
                - total_ll(theta - ei + ej)
                + total_ll(theta - ei - ej)
            ) / (4 * h * h)
    return np.sqrt(np.diag(np.linalg.inv(-hess)))
