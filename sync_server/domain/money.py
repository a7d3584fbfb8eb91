"""Exact money: integer cents with a currency; text amounts parsed with Decimal, never float."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from sync_server.errors import InvalidInput

CURRENCIES = frozenset({"EUR", "GBP", "USD", "CHF", "SEK", "DKK", "NOK", "PLN"})
# Amounts are stored in 32-bit integer columns on every database: 21,474,836.47 at most.
MAX_CENTS = 2**31 - 1


def parse_cents(text: str | int | Decimal, *, field: str = "amount") -> int:
    """``"49.95"`` → 4995. Refuses more than two decimals rather than rounding silently."""
    if isinstance(text, bool):
        raise InvalidInput(f"{field}: not an amount", detail={"field": field})
    try:
        value = Decimal(str(text).strip())
    except InvalidOperation:
        raise InvalidInput(f"{field}: '{text}' is not an amount", detail={"field": field}) from None
    if not value.is_finite():
        raise InvalidInput(f"{field}: '{text}' is not a finite amount", detail={"field": field})
    cents = value * 100
    if cents != cents.to_integral_value():
        raise InvalidInput(f"{field}: '{text}' has more than two decimals", detail={"field": field})
    if abs(cents) > MAX_CENTS:
        raise InvalidInput(f"{field}: '{text}' is out of range", detail={"field": field})
    return int(cents)


def check_total(cents: int, field: str = "total") -> int:
    """A sum of lines must still fit the stored amount columns."""
    if abs(cents) > MAX_CENTS:
        raise InvalidInput(
            f"{field}: {format_cents(cents, 'units')} is larger than one document may be",
            detail={"field": field},
        )
    return cents


def check_currency(code: str) -> str:
    code = code.strip().upper()
    if code not in CURRENCIES:
        raise InvalidInput(f"currency: '{code}' is not supported", detail={"field": "currency"})
    return code


def format_cents(cents: int, currency: str) -> str:
    sign = "-" if cents < 0 else ""
    whole, frac = divmod(abs(cents), 100)
    return f"{sign}{whole}.{frac:02d} {currency}"
