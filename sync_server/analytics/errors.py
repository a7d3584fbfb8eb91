"""Typed errors of the analytics layer, so callers can tell bad data from bugs."""

from __future__ import annotations


class AnalyticsError(Exception):
    """Base class of every error the analytics layer raises on purpose."""


class InsufficientDataError(AnalyticsError, ValueError):
    """The data cannot identify the model (too few customers, no repeat buyers, no spend)."""


class ModelFitError(AnalyticsError, RuntimeError):
    """The optimiser did not reach a finite maximum of the likelihood."""
