"""Exact money: integer cents with a currency; text amounts parsed with Decimal, never float."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from sync_server.errors import InvalidInput

CURRENCIES = frozenset({"EUR", "GBP", "USD", "CHF", "SEK", "DKK", "NOK", "PLN"})


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
    if abs(cents) > 10**13:
        raise InvalidInput(f"{field}: '{text}' is out of range", detail={"field": field})
    return int(cents)


def check_currency(code: str) -> str:
    code = code.strip().upper()
    if code not in CURRENCIES:
        raise InvalidInput(f"currency: '{code}' is not supported", detail={"field": "currency"})
    return code


def format_cents(cents: int, currency: str) -> str:
    sign = "-" if cents < 0 else ""
    whole, frac = divmod(abs(cents), 100)
    return f"{sign}{whole}.{frac:02d} {currency}"
