"""Returns checked against the order they come from: nothing refunded that was not sold.

A return naming its order must be by that order's customer, in its currency, of its SKUs and
sizes, dated no earlier than the order, and its quantities and amounts, added to the order's
earlier returns, stay within what the order sold (per SKU and size) and what was paid (in all).
A refusal that earlier returns cause is a 409 (the same return would have fitted before them);
one the return causes on its own is a 422. Each names the field and why.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session, select

from clienteling.protocol.types import as_utc
from sync_server.domain import loyalty
from sync_server.domain.identity import survivor_of
from sync_server.domain.ids import stable_id
from sync_server.domain.models import Identity, Order, OrderLine, Return
from sync_server.domain.money import check_currency, check_total, format_cents, parse_cents
from sync_server.domain.normalize import normalize
from sync_server.errors import Conflict, InvalidInput
from sync_server.ingest.schemas import CustomerRef, ReturnIn

Key = tuple[str, str]  # (sku, size)


@dataclass
class _Sold:
    quantity: int = 0
    cents: int = 0
    returned_quantity: int = 0
    returned_cents: int = 0


@dataclass
class CheckedReturn:
    """What may be stored: each line's (sku, size) as the order has it and its refund."""

    order: Order | None
    currency: str
    keys: list[Key] = field(default_factory=list)
    amounts: list[int] = field(default_factory=list)

    @property
    def refund(self) -> int:
        return sum(self.amounts)


def _bad(field_name: str, reason: str) -> InvalidInput:
    return InvalidInput(f"{field_name}: {reason}", detail={"field": field_name})


def _conflict(field_name: str, reason: str) -> Conflict:
    return Conflict(
        f"{field_name}: {reason}", code="return_exceeds_sale", detail={"field": field_name}
    )


def order_of(session: Session, body: ReturnIn) -> Order | None:
    """The order a return names, or None when it names none; an unknown order is refused.

    Refused rather than kept unlinked: an unlinked refund would escape every check below, and a
    platform whose return webhook overtook its order webhook succeeds when it retries.
    """
    if not body.order_external_id:
        return None
    channel = body.order_channel or body.channel
    order = session.get(Order, stable_id("order", channel, body.order_external_id))
    if order is None:
        raise _bad("order_external_id", f"no {channel} order '{body.order_external_id}'")
    return order


def _allocate(total: int, weights: list[int]) -> list[int]:
    """Split ``total`` cents in proportion to ``weights`` (largest remainder), exactly."""
    if sum(weights) <= 0:
        weights = [1] * len(weights)
    whole = sum(weights)
    shares = [total * w // whole for w in weights]
    remainders = sorted(range(len(weights)), key=lambda i: (-(total * weights[i] % whole), i))
    for i in remainders[: total - sum(shares)]:
        shares[i] += 1
    return shares


def _line_amounts(body: ReturnIn, weights: list[int], linked: bool) -> list[int]:
    """The refund as sent: per line, else the total spread, else the order's prices."""
    given = [line.amount is not None for line in body.lines]
    if any(given) and not all(given):
        missing = given.index(False)
        raise _bad(f"lines[{missing}].amount", "give every line's amount or none")
    if all(given):
        amounts = [
            parse_cents(line.amount or "", field=f"lines[{i}].amount")
            for i, line in enumerate(body.lines)
        ]
        for i, cents in enumerate(amounts):
            if cents < 0:
                raise _bad(f"lines[{i}].amount", "must not be negative")
        if body.amount is not None:
            total = parse_cents(body.amount, field="amount")
            if total != sum(amounts):
                raise _bad(
                    "amount",
                    f"{format_cents(total, 'units')} differs from the sum of the lines' "
                    f"amounts ({format_cents(sum(amounts), 'units')})",
                )
        return amounts
    if body.amount is not None:
        total = parse_cents(body.amount, field="amount")
        if total < 0:
            raise _bad("amount", "must not be negative")
        return _allocate(check_total(total, "amount"), weights)
    if not linked:
        raise _bad("lines[0].amount", "required for a return that names no order")
    return weights


def _resolve_keys(body: ReturnIn, order: Order, sold: dict[Key, _Sold]) -> list[Key]:
    keys: list[Key] = []
    for i, line in enumerate(body.lines):
        sizes = sorted(size for sku, size in sold if sku == line.sku)
        if not sizes:
            raise _bad(f"lines[{i}].sku", f"'{line.sku}' is not in order {order.external_id}")
        if line.size:
            if line.size not in sizes:
                raise _bad(
                    f"lines[{i}].size",
                    f"order {order.external_id} has {line.sku} in size "
                    f"{', '.join(s or '(none)' for s in sizes)}, not {line.size}",
                )
            keys.append((line.sku, line.size))
        elif len(sizes) == 1:
            keys.append((line.sku, sizes[0]))
        else:
            raise _bad(
                f"lines[{i}].size",
                f"order {order.external_id} has {line.sku} in sizes {', '.join(sizes)}: say which",
            )
    return keys


def _sold(session: Session, order: Order) -> dict[Key, _Sold]:
    sold: dict[Key, _Sold] = {}
    for line in session.exec(select(OrderLine).where(OrderLine.order_id == order.id)):
        item = sold.setdefault((line.sku, line.size), _Sold())
        item.quantity += line.quantity
        item.cents += line.quantity * line.unit_price_cents
    for ret in session.exec(select(Return).where(Return.order_id == order.id)):
        item = sold.setdefault((ret.sku, ret.size), _Sold())
        item.returned_quantity += ret.quantity
        item.returned_cents += ret.amount_cents
    return sold


def _check_within(
    body: ReturnIn, order: Order, sold: dict[Key, _Sold], checked: CheckedReturn
) -> None:
    quantity: dict[Key, int] = {}
    cents: dict[Key, int] = {}
    first: dict[Key, int] = {}
    for i, (key, amount) in enumerate(zip(checked.keys, checked.amounts, strict=True)):
        quantity[key] = quantity.get(key, 0) + body.lines[i].quantity
        cents[key] = cents.get(key, 0) + amount
        first.setdefault(key, i)
    ext = order.external_id
    for key, i in first.items():
        item, label = sold[key], f"{key[0]}{' / ' + key[1] if key[1] else ''}"
        if quantity[key] > item.quantity:
            raise _bad(
                f"lines[{i}].quantity",
                f"{quantity[key]} × {label} returned; order {ext} sold {item.quantity}",
            )
        if quantity[key] + item.returned_quantity > item.quantity:
            raise _conflict(
                f"lines[{i}].quantity",
                f"{quantity[key]} × {label} returned; order {ext} sold {item.quantity}, "
                f"{item.returned_quantity} of them already returned",
            )
        if cents[key] > item.cents:
            raise _bad(
                f"lines[{i}].amount",
                f"{format_cents(cents[key], order.currency)} refunded for {label}; order {ext} "
                f"charged {format_cents(item.cents, order.currency)} for it",
            )
        if cents[key] + item.returned_cents > item.cents:
            raise _conflict(
                f"lines[{i}].amount",
                f"{format_cents(cents[key], order.currency)} refunded for {label}; order {ext} "
                f"charged {format_cents(item.cents, order.currency)} for it, "
                f"{format_cents(item.returned_cents, order.currency)} already refunded",
            )
    paid = order.paid_cents or order.total_cents
    earlier = sum(item.returned_cents for item in sold.values())
    field_name = "amount" if body.amount is not None else "lines"
    if checked.refund > paid:
        raise _bad(
            field_name,
            f"{format_cents(checked.refund, order.currency)} refunded; order {ext} was paid "
            f"{format_cents(paid, order.currency)}",
        )
    if checked.refund + earlier > paid:
        raise _conflict(
            field_name,
            f"{format_cents(checked.refund, order.currency)} refunded; order {ext} was paid "
            f"{format_cents(paid, order.currency)}, {format_cents(earlier, order.currency)} "
            "already refunded",
        )


def check_return(session: Session, body: ReturnIn, returned_at: datetime) -> CheckedReturn:
    """Everything a return must satisfy apart from its customer; raises before any write."""
    order = order_of(session, body)
    if order is None:
        currency = check_currency(body.currency or "EUR")
        weights = [line.quantity for line in body.lines]
        checked = CheckedReturn(None, currency, [(line.sku, line.size) for line in body.lines])
        checked.amounts = _line_amounts(body, weights, linked=False)
        check_total(checked.refund, "lines")
        return checked
    currency = check_currency(body.currency) if body.currency else order.currency
    if currency != order.currency:
        raise _bad(
            "currency", f"{currency}, but order {order.external_id} was paid in {order.currency}"
        )
    ordered_at = as_utc(order.ordered_at)
    if as_utc(returned_at) < ordered_at:
        raise _bad(
            "returned_at",
            f"{as_utc(returned_at):%Y-%m-%d %H:%M} UTC is before order {order.external_id} "
            f"({ordered_at:%Y-%m-%d %H:%M} UTC)",
        )
    sold = _sold(session, order)
    keys = _resolve_keys(body, order, sold)
    weights = [
        sold[key].cents * line.quantity // max(1, sold[key].quantity)
        for key, line in zip(keys, body.lines, strict=True)
    ]
    checked = CheckedReturn(order, currency, keys, _line_amounts(body, weights, linked=True))
    _check_within(body, order, sold, checked)
    return checked


def check_customer_before(session: Session, order: Order, ref: CustomerRef) -> None:
    """Refuse an identifier of another golden record before resolution could merge the two."""
    owner = survivor_of(session, order.customer_id).id
    for kind, value in ref.identifiers():
        if kind == "phone" and not value.startswith("+"):
            continue  # a national number is read by the resolution with her country
        try:
            normalized = normalize(kind, value)
        except InvalidInput:
            continue  # the resolution reports it with its field
        ident = session.exec(
            select(Identity).where(Identity.kind == kind, Identity.value == normalized)
        ).first()
        if ident is not None and survivor_of(session, ident.customer_id).id != owner:
            raise _customer_mismatch(f"customer.{kind}", order)


def _customer_mismatch(field_name: str, order: Order) -> Conflict:
    return Conflict(
        f"{field_name}: belongs to another customer than order {order.external_id}'s; a return "
        "is refunded to the customer who bought",
        code="return_customer_mismatch",
        detail={"field": field_name},
    )


def check_customer_after(session: Session, order: Order, customer_id: str) -> None:
    """The resolved customer must be the order's (e.g. not a new record from unknown ids)."""
    if survivor_of(session, order.customer_id).id != customer_id:
        raise _customer_mismatch("customer", order)


def points_to_take_back(session: Session, order: Order | None, refund: int) -> int:
    """A refund takes back its points, never more than its order still holds on the ledger.

    A cancelled or point-less order holds none, so its refund takes back nothing.
    """
    points = loyalty.points_for_cents(refund)
    if order is None:
        return points
    return min(points, max(0, loyalty.order_points(session, order.id)))
