"""Normalised strong identifiers: the keys identity resolution matches on."""

from __future__ import annotations

import re

import phonenumbers
from email_validator import EmailNotValidError, validate_email

from sync_server.errors import InvalidInput

DEFAULT_REGION = "ES"


def normalize_email(value: str) -> str:
    try:
        info = validate_email(value.strip(), check_deliverability=False)
    except EmailNotValidError as exc:
        raise InvalidInput(f"email: {exc}", detail={"field": "email"}) from None
    return info.normalized.lower()


def normalize_phone(value: str, region: str = DEFAULT_REGION) -> str:
    """E.164; a number without country code is read as Spanish."""
    try:
        number = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException:
        raise InvalidInput(
            f"phone: '{value}' is not a phone number", detail={"field": "phone"}
        ) from None
    if not phonenumbers.is_valid_number(number):
        raise InvalidInput(f"phone: '{value}' is not a valid number", detail={"field": "phone"})
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


_CARD = re.compile(r"^[0-9A-Z-]{4,32}$")


def normalize_token(value: str, field: str) -> str:
    cleaned = value.strip().upper().replace(" ", "")
    if not _CARD.match(cleaned):
        raise InvalidInput(f"{field}: '{value}' is not a valid identifier", detail={"field": field})
    return cleaned


def normalize(kind: str, value: str) -> str:
    if kind == "email":
        return normalize_email(value)
    if kind == "phone":
        return normalize_phone(value)
    return normalize_token(value, kind)
