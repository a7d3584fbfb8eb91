"""Signed unsubscribe tokens: a link in a message withdraws consent without any login.

The signing secret lives in the database (created on first use), so every server process
behind a load balancer accepts the links of every other one.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from sqlmodel import Session

from sync_server.errors import InvalidInput
from sync_server.outreach.models import OutreachKey


@dataclass(frozen=True)
class Unsubscribe:
    customer_id: str
    channel: str
    purpose: str


def _secret(session: Session) -> bytes:
    """Call inside a write session: a missing key is created there, serialised with writers."""
    row = session.get(OutreachKey, 1)
    if row is None:
        row = OutreachKey(id=1, secret=secrets.token_urlsafe(48))
        session.add(row)
        session.flush()
    return row.secret.encode()


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def make_token(session: Session, customer_id: str, channel: str, purpose: str) -> str:
    payload = f"{customer_id}|{channel}|{purpose}".encode()
    signature = hmac.new(_secret(session), payload, hashlib.sha256).digest()[:18]
    return f"{_b64(payload)}.{_b64(signature)}"


def read_token(session: Session, token: str) -> Unsubscribe:
    bad = InvalidInput(
        "token: this unsubscribe link is damaged or not ours; "
        "copy the whole link from the message.",
        code="invalid_token",
    )
    try:
        payload_part, signature_part = token.split(".", 1)
        payload = _unb64(payload_part)
        signature = _unb64(signature_part)
    except ValueError:
        raise bad from None
    expected = hmac.new(_secret(session), payload, hashlib.sha256).digest()[:18]
    if not hmac.compare_digest(expected, signature):
        raise bad
    try:
        customer_id, channel, purpose = payload.decode().split("|")
    except (UnicodeDecodeError, ValueError):
        raise bad from None
    return Unsubscribe(customer_id=customer_id, channel=channel, purpose=purpose)
