"""Current consent per channel and purpose, and the contact address a channel sends to.

The consent history is append-only; the current state is its latest event. Outreach asks here
both when a message is queued and again right before it is handed to a provider.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlmodel import Session, col, select

from sync_server.domain.models import Consent, Identity

OUTREACH_CHANNELS = ("email", "sms", "whatsapp", "push")
_ADDRESS_KIND = {"email": "email", "sms": "phone", "whatsapp": "phone", "push": "app_account"}


def current_consents(
    session: Session, customer_ids: Iterable[str], channel: str, purpose: str = "marketing"
) -> dict[str, bool]:
    """Latest granted/withdrawn state per customer for one channel and purpose."""
    ids = list(customer_ids)
    state: dict[str, bool] = {}
    for start in range(0, len(ids), 500):
        rows = session.exec(
            select(Consent.customer_id, Consent.granted)
            .where(
                col(Consent.customer_id).in_(ids[start : start + 500]),
                Consent.channel == channel,
                Consent.purpose == purpose,
            )
            .order_by(col(Consent.recorded_at), col(Consent.id))
        )
        for customer_id, granted in rows:
            state[customer_id] = granted
    return state


def has_consent(
    session: Session, customer_id: str, channel: str, purpose: str = "marketing"
) -> bool:
    return current_consents(session, [customer_id], channel, purpose).get(customer_id, False)


def consented_channels(session: Session, customer_id: str, purpose: str = "marketing") -> list[str]:
    return [c for c in OUTREACH_CHANNELS if has_consent(session, customer_id, c, purpose)]


def address_for(session: Session, customer_id: str, channel: str) -> str | None:
    """The newest identifier a channel can reach (e-mail, phone, app account), if any."""
    kind = _ADDRESS_KIND.get(channel)
    if kind is None:
        return None
    return session.exec(
        select(Identity.value)
        .where(Identity.customer_id == customer_id, Identity.kind == kind)
        .order_by(col(Identity.created_at).desc())
    ).first()
