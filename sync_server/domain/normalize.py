"""Normalised strong identifiers: the keys identity resolution matches on.

Formats accepted (each refusal names the expected one):

- ``email``: an address ``name@domain``, stored lower-case.
- ``phone``: a number with its ``+country`` code, or a national number read in the given
  region (the customer's country, else the store's, else Spain); stored as E.164.
- ``loyalty_card``: 4 to 32 letters, digits or hyphens (spaces dropped), stored upper-case.
- ``web_account``, ``app_account``, ``pos_id``: a platform's own customer id, 1 to 64 letters,
  digits or ``. _ : @ -`` starting with a letter or digit (Shopify's numeric ids, a shop's
  ``26``, UUIDs), stored upper-case like cards so the same id always matches.
"""

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
        raise InvalidInput(
            f"email: {exc} (expected an address like name@example.com)",
            detail={"field": "email"},
        ) from None
    return info.normalized.lower()


def check_region(value: str, field: str = "country") -> str:
    """An ISO 3166-1 alpha-2 code that phone numbering knows (ES, US, PT...)."""
    region = value.strip().upper()
    if region not in phonenumbers.SUPPORTED_REGIONS:
        raise InvalidInput(
            f"{field}: '{value}' is not a country code (expected ISO 3166-1 alpha-2, e.g. ES, US)",
            detail={"field": field},
        )
    return region


def normalize_phone(value: str, region: str = DEFAULT_REGION) -> str:
    """E.164; a number without its country code is read in ``region``."""
    expected = f"expected +country code and number, or a national number of {region}"
    try:
        number = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException:
        raise InvalidInput(
            f"phone: '{value}' is not a phone number ({expected})", detail={"field": "phone"}
        ) from None
    if not phonenumbers.is_valid_number(number):
        raise InvalidInput(
            f"phone: '{value}' is not a valid number ({expected})", detail={"field": "phone"}
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


_CARD = re.compile(r"^[0-9A-Z-]{4,32}$")
_ACCOUNT = re.compile(r"^[0-9A-Z][0-9A-Z._:@-]{0,63}$")
_FORMATS = {
    "loyalty_card": (_CARD, "4 to 32 letters, digits or hyphens"),
    "web_account": (_ACCOUNT, "1 to 64 letters, digits or . _ : @ -, e.g. 26 or acc-991"),
    "app_account": (_ACCOUNT, "1 to 64 letters, digits or . _ : @ -, e.g. 26 or acc-991"),
    "pos_id": (_ACCOUNT, "1 to 64 letters, digits or . _ : @ -, e.g. 26 or acc-991"),
}


def normalize_token(value: str, field: str) -> str:
    cleaned = value.strip().upper().replace(" ", "")
    pattern, expected = _FORMATS.get(field, _FORMATS["loyalty_card"])
    if not pattern.match(cleaned):
        raise InvalidInput(
            f"{field}: '{value}' is not a valid identifier (expected {expected})",
            detail={"field": field},
        )
    return cleaned


def normalize(kind: str, value: str, region: str = DEFAULT_REGION) -> str:
    """``region`` only matters for phones written without their country code."""
    if kind == "email":
        return normalize_email(value)
    if kind == "phone":
        return normalize_phone(value, region)
    return normalize_token(value, kind)
