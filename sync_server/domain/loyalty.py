"""Loyalty: an append-only points ledger; the account row is its running sum plus the tier.

The ledger is the single truth: after every write ``points_balance`` equals the sum of her
entries' points, never clamped. Points go down only through rules that look at the balance
first, so the balance stays at or above zero:

- a redemption is refused when she has fewer points than asked (``sync.push``);
- a refund takes back what the order earned, net of earlier refunds (nothing for a cancelled
  or point-less order), but never more than her balance: the part already spent is not taken,
  and a zero-point entry records it ("N puntos no recuperados") so the shortfall is visible on
  the ledger rather than lost in a clamp (``take_back``);
- an expiry takes at most what she holds (``expire``).

Only a split can leave a negative balance: it hands back to the other record the purchases that
paid for points this record already spent; the balance then shows that debt as the ledger does.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, func, select

from clienteling.protocol.rows import TIER_THRESHOLDS
from clienteling.protocol.types import utcnow
from sync_server.domain.ids import new_id, stable_id
from sync_server.domain.models import LoyaltyAccount, LoyaltyEntry


def tier_for(lifetime_points: int) -> str:
    tier = TIER_THRESHOLDS[0][0]
    for name, threshold in TIER_THRESHOLDS:
        if lifetime_points >= threshold:
            tier = name
    return tier


def points_for_cents(cents: int) -> int:
    """One point per whole euro of net spend (negative for returns)."""
    return int(cents / 100)


def account_for(
    session: Session, customer_id: str, card_number: str = "", *, lock: bool = False
) -> LoyaltyAccount:
    """Her account (created on first use); ``lock`` re-reads it locked, to change the balance.

    Two writers updating one balance (a web order's points and an in-store redemption on two
    server processes) must not both start from the same old value.
    """
    if lock:
        session.flush()
        account = session.get(
            LoyaltyAccount, customer_id, with_for_update=True, populate_existing=True
        )
    else:
        account = session.get(LoyaltyAccount, customer_id)
    if account is None:
        account = LoyaltyAccount(id=customer_id, customer_id=customer_id, card_number=card_number)
        session.add(account)
        session.flush()
    elif card_number and not account.card_number:
        account.card_number = card_number
    return account


def add_points(
    session: Session,
    customer_id: str,
    points: int,
    reason: str,
    *,
    entry_id: str | None = None,
    order_id: str | None = None,
    store_id: str | None = None,
    staff_id: str | None = None,
    at: datetime | None = None,
) -> LoyaltyEntry:
    account = account_for(session, customer_id, lock=True)
    entry = LoyaltyEntry(
        id=entry_id or new_id(),
        customer_id=customer_id,
        points=points,
        reason=reason,
        order_id=order_id,
        store_id=store_id,
        staff_id=staff_id,
        occurred_at=at or utcnow(),
    )
    session.add(entry)
    account.points_balance += points
    if points > 0:
        account.lifetime_points += points
    account.tier = tier_for(account.lifetime_points)
    account.updated_at = utcnow()
    session.flush()
    return entry


def order_points(session: Session, order_id: str) -> int:
    """What an order still holds on the ledger: earned, less what its refunds took back."""
    total = session.exec(
        select(func.coalesce(func.sum(LoyaltyEntry.points), 0)).where(
            LoyaltyEntry.order_id == order_id
        )
    ).one()
    return int(total)


def take_back(
    session: Session,
    customer_id: str,
    points: int,
    reason: str,
    *,
    entry_id: str,
    order_id: str | None = None,
    store_id: str | None = None,
    at: datetime | None = None,
) -> int:
    """Take back up to ``points`` for a refund; what her balance cannot cover is recorded.

    Returns the points actually taken. The shortfall entry (zero points, same order) says how
    many could not be recovered because she had already spent them.
    """
    if points <= 0:
        return 0
    account = account_for(session, customer_id, lock=True)
    taken = min(points, max(0, account.points_balance))
    if taken > 0:
        add_points(
            session,
            customer_id,
            -taken,
            reason,
            entry_id=entry_id,
            order_id=order_id,
            store_id=store_id,
            at=at,
        )
    if taken < points:
        add_points(
            session,
            customer_id,
            0,
            f"{reason}: {points - taken} puntos no recuperados (ya canjeados)",
            entry_id=stable_id(entry_id, "shortfall"),
            order_id=order_id,
            store_id=store_id,
            at=at,
        )
    return taken


def expire(
    session: Session, customer_id: str, points: int, reason: str, *, entry_id: str, at: datetime
) -> int:
    """Expire up to ``points`` of her balance (never below zero); returns the points expired."""
    account = account_for(session, customer_id, lock=True)
    expired = min(max(0, points), max(0, account.points_balance))
    if expired > 0:
        add_points(session, customer_id, -expired, reason, entry_id=entry_id, at=at)
    return expired


def recompute_account(session: Session, customer_id: str) -> None:
    """Rebuild the balance from the ledger (after a merge or split)."""
    account = account_for(session, customer_id)
    total = session.exec(
        select(func.coalesce(func.sum(LoyaltyEntry.points), 0)).where(
            LoyaltyEntry.customer_id == customer_id
        )
    ).one()
    earned = session.exec(
        select(func.coalesce(func.sum(LoyaltyEntry.points), 0)).where(
            LoyaltyEntry.customer_id == customer_id, col(LoyaltyEntry.points) > 0
        )
    ).one()
    account.points_balance = int(total)
    account.lifetime_points = int(earned)
    account.tier = tier_for(account.lifetime_points)
    account.updated_at = utcnow()
