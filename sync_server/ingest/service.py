"""Ingestion: attach each order, return, cart and event to its golden record, idempotently.

Identity rules: every identifier a payload carries reaches the golden record (a shared strong
identifier is one person, so records sharing one merge; an admin can split them). An order's
own ``contact_email``/``contact_phone`` count as the buyer's too: a shop's checkout e-mail that
differs from the account's is added to the same record, never dropped. Phones without their
country code are read in ``customer.country``, else the store's country (from its time zone),
else Spain. Times without offset are read in the store's zone (see ``domain.localtime``).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, select

from clienteling.protocol.types import as_utc, utcnow
from sync_server.domain import loyalty
from sync_server.domain.identity import IdentityClaim, resolve
from sync_server.domain.ids import stable_id
from sync_server.domain.localtime import aware, country_of_zone
from sync_server.domain.models import (
    Cart,
    CartLine,
    Customer,
    Interaction,
    Order,
    OrderLine,
    Product,
    Return,
    Store,
)
from sync_server.domain.money import check_currency, check_total, format_cents, parse_cents
from sync_server.domain.normalize import DEFAULT_REGION, check_region, normalize
from sync_server.domain.scope import add_to_scope
from sync_server.errors import Conflict, InvalidInput
from sync_server.ingest import returns
from sync_server.ingest.schemas import (
    CartIn,
    CustomerRef,
    EventIn,
    IngestResult,
    OrderIn,
    ReturnIn,
)


def store_by_code(session: Session, code: str | None, field: str = "store_code") -> Store | None:
    if not code:
        return None
    store = session.exec(select(Store).where(Store.code == code.upper())).first()
    if store is None:
        raise InvalidInput(f"{field}: unknown store '{code}'", detail={"field": field})
    return store


def phone_region(country: str | None, store: Store | None) -> str:
    """How a national phone number is read: the customer's country, the store's, else Spain."""
    if country:
        return check_region(country)
    if store is not None:
        return country_of_zone(store.timezone) or DEFAULT_REGION
    return DEFAULT_REGION


def _customer(
    session: Session,
    ref: CustomerRef,
    source: str,
    store: Store | None,
    at: datetime,
    contact: Sequence[tuple[str, str, str | None]] = (),
) -> Customer:
    """The buyer's golden record; ``contact`` holds (field, kind, value) the order adds."""
    try:
        region = phone_region(ref.country, store)
        identifiers = [(kind, normalize(kind, value, region)) for kind, value in ref.identifiers()]
    except InvalidInput as exc:
        field = (exc.detail or {}).get("field", "customer")
        raise InvalidInput(
            f"customer.{exc.message}", detail={"field": f"customer.{field}"}
        ) from None
    for field, kind, value in contact:
        if value:
            try:
                identifiers.append((kind, normalize(kind, value, region)))
            except InvalidInput as exc:
                reason = exc.message.split(": ", 1)[-1]
                raise InvalidInput(f"{field}: {reason}", detail={"field": field}) from None
    try:
        return resolve(
            session,
            IdentityClaim(
                identifiers=identifiers,
                first_name=ref.first_name,
                last_name=ref.last_name,
                birth_date=ref.birth_date,
                preferred_language=ref.language,
                source=source,
                store_id=store.id if store else None,
                seen_at=as_utc(at),
            ),
        )
    except InvalidInput as exc:
        field = (exc.detail or {}).get("field", "customer")
        raise InvalidInput(
            f"customer.{exc.message}", detail={"field": f"customer.{field}"}
        ) from None


def _products(session: Session, skus: set[str]) -> dict[str, Product]:
    if not skus:
        return {}
    return {p.sku: p for p in session.exec(select(Product).where(Product.sku.in_(skus)))}  # type: ignore[attr-defined]


@dataclass(frozen=True)
class _Totals:
    """An order's amounts in cents: ``revenue`` is what every revenue figure sums."""

    lines: int
    discount: int
    shipping: int
    tax: int
    paid: int
    revenue: int


def _order_totals(body: OrderIn, prices: Sequence[int]) -> _Totals:
    """Amounts as sent, checked against each other (rule in ``OrderIn``'s docstring)."""
    lines = check_total(
        sum(p * line.quantity for p, line in zip(prices, body.lines, strict=True)), "lines"
    )
    parts = {
        name: parse_cents(getattr(body, name), field=name)
        for name in ("discount", "shipping", "tax")
    }
    for name, cents in parts.items():
        if cents < 0:
            raise InvalidInput(f"{name}: must not be negative", detail={"field": name})
    discount, shipping, tax = parts["discount"], parts["shipping"], parts["tax"]
    if discount > lines:
        raise InvalidInput(
            f"discount: {format_cents(discount, body.currency)} is more than the lines' "
            f"{format_cents(lines, body.currency)}",
            detail={"field": "discount"},
        )
    expected = lines - discount + shipping + (0 if body.prices_include_tax else tax)
    if body.total_paid is not None:
        paid = parse_cents(body.total_paid, field="total_paid")
        if paid != expected:
            added = "" if body.prices_include_tax else f" + tax {format_cents(tax, 'units')}"
            raise InvalidInput(
                f"total_paid: {format_cents(paid, body.currency)} does not match lines "
                f"{format_cents(lines, 'units')} − discount {format_cents(discount, 'units')} "
                f"+ shipping {format_cents(shipping, 'units')}{added} = "
                f"{format_cents(expected, body.currency)}",
                detail={
                    "field": "total_paid",
                    "sent": paid,
                    "expected": expected,
                    "lines": lines,
                    "discount": discount,
                    "shipping": shipping,
                    "tax": tax,
                    "prices_include_tax": body.prices_include_tax,
                },
            )
    paid = check_total(expected, "total_paid")
    revenue = paid - shipping - tax
    if revenue < 0:
        raise InvalidInput(
            f"tax: {format_cents(tax, body.currency)} is more than the goods it is part of",
            detail={"field": "tax"},
        )
    return _Totals(lines, discount, shipping, tax, paid, revenue)


def _order_lines(
    session: Session, order_id: str, customer_id: str, body: OrderIn, prices: Sequence[int]
) -> list[OrderLine]:
    products = _products(session, {line.sku for line in body.lines})
    rows = []
    for i, (line, price) in enumerate(zip(body.lines, prices, strict=True)):
        product = products.get(line.sku)
        rows.append(
            OrderLine(
                id=stable_id(order_id, str(i)),
                order_id=order_id,
                customer_id=customer_id,
                product_id=product.id if product else None,
                sku=line.sku,
                name=line.name or (product.name if product else ""),
                size=line.size,
                quantity=line.quantity,
                unit_price_cents=price,
            )
        )
    return rows


# What a re-sent order may change (an update) and what makes it another order (a 409).
_ORDER_UPDATABLE = (
    "status",
    "total_cents",
    "discount_cents",
    "shipping_cents",
    "tax_cents",
    "prices_include_tax",
    "paid_cents",
)
_ORDER_IDENTITY = ("customer_id", "currency", "store_id", "fulfilment", "ordered_at")
_LINE_FIELDS = ("product_id", "sku", "name", "size", "quantity", "unit_price_cents")
# Field names as the payload spells them, for the 409's message.
_PAYLOAD_NAME = {
    "customer_id": "customer",
    "store_id": "store_code",
    "total_cents": "lines",
    "discount_cents": "discount",
    "shipping_cents": "shipping",
    "tax_cents": "tax",
    "paid_cents": "total_paid",
}


def _resent_order(
    session: Session, existing: Order, wanted: Order, lines: list[OrderLine], body: OrderIn
) -> IngestResult:
    """The same order id again: "duplicate" if nothing differs, else an update or a 409."""
    differs = [
        _PAYLOAD_NAME.get(name, name)
        for name in _ORDER_IDENTITY
        if getattr(existing, name) != getattr(wanted, name)
    ]
    if differs:
        raise Conflict(
            f"order {existing.channel} {existing.external_id} exists with another "
            f"{', '.join(differs)}: send a new external_id for another order",
            code="order_conflict",
            detail={"fields": differs},
        )
    old_lines = {
        line.id: line
        for line in session.exec(select(OrderLine).where(OrderLine.order_id == existing.id))
    }
    changed_lines = len(old_lines) != len(lines) or any(
        line.id not in old_lines
        or any(getattr(old_lines[line.id], f) != getattr(line, f) for f in _LINE_FIELDS)
        for line in lines
    )
    changed = [n for n in _ORDER_UPDATABLE if getattr(existing, n) != getattr(wanted, n)]
    if not changed and not changed_lines:
        return IngestResult(id=existing.id, customer_id=existing.customer_id, status="duplicate")
    stored, sent = existing.updated_at, body.updated_at
    if stored is not None and sent is not None and as_utc(sent) < stored:
        raise Conflict(
            f"updated_at: this version of the order is older than the one stored "
            f"({stored.isoformat()})",
            code="order_stale",
            detail={"fields": ["updated_at"], "stored": stored.isoformat()},
        )
    if existing.status == "cancelled" and wanted.status != "cancelled":
        raise Conflict(
            f"status: a cancelled order cannot become '{wanted.status}'",
            code="order_conflict",
            detail={"fields": ["status"]},
        )
    points_before = _points_earned(existing)
    for name in changed:
        setattr(existing, name, getattr(wanted, name))
    existing.updated_at = as_utc(body.updated_at) if body.updated_at else utcnow()
    if changed_lines:
        wanted_ids = {line.id for line in lines}
        for gone in old_lines.values():
            if gone.id not in wanted_ids:
                session.delete(gone)
        for line in lines:
            kept = old_lines.get(line.id)
            if kept is None:
                session.add(line)
            else:
                for f in _LINE_FIELDS:
                    setattr(kept, f, getattr(line, f))
    session.flush()
    delta = _points_earned(existing) - points_before
    reason = f"Cambio de compra {existing.channel} {existing.external_id}: {existing.status}"
    if delta > 0:
        loyalty.add_points(
            session,
            existing.customer_id,
            delta,
            reason,
            order_id=existing.id,
            store_id=existing.store_id,
            at=existing.updated_at,
        )
    elif delta < 0:
        # Never more than the order still holds (a refund may have taken some back already),
        # and never below her balance: what she already spent is recorded as a shortfall.
        loyalty.take_back(
            session,
            existing.customer_id,
            min(-delta, max(0, loyalty.order_points(session, existing.id))),
            reason,
            entry_id=stable_id("points-change", existing.id, existing.updated_at.isoformat()),
            order_id=existing.id,
            store_id=existing.store_id,
            at=existing.updated_at,
        )
    return IngestResult(id=existing.id, customer_id=existing.customer_id, status="updated")


def _points_earned(order: Order) -> int:
    """The points an order in this state earns (none when cancelled)."""
    if order.status == "cancelled" or order.total_cents <= 0:
        return 0
    return loyalty.points_for_cents(order.total_cents)


def ingest_order(session: Session, body: OrderIn) -> IngestResult:
    currency = check_currency(body.currency)
    order_id = stable_id("order", body.channel, body.external_id)
    existing = session.get(Order, order_id)
    needs_store = body.channel == "store" or body.fulfilment in ("click_and_collect", "in_store")
    if needs_store and not body.store_code:
        raise InvalidInput(
            "store_code: required for store sales and click-and-collect",
            detail={"field": "store_code"},
        )
    store = store_by_code(session, body.store_code)
    body.ordered_at = aware(body.ordered_at, store.timezone if store else None, "ordered_at")
    if body.updated_at is not None:
        body.updated_at = aware(body.updated_at, store.timezone if store else None, "updated_at")
    prices = [
        parse_cents(line.unit_price, field=f"lines[{i}].unit_price")
        for i, line in enumerate(body.lines)
    ]
    if any(p < 0 for p in prices):
        raise InvalidInput("lines: unit_price must not be negative", detail={"field": "lines"})
    customer = _customer(
        session,
        body.customer,
        body.channel,
        store,
        body.ordered_at,
        contact=[
            ("contact_email", "email", body.contact_email),
            ("contact_phone", "phone", body.contact_phone),
        ],
    )
    totals = _order_totals(body, prices)
    total = totals.revenue
    order = Order(
        id=order_id,
        customer_id=customer.id,
        channel=body.channel,
        external_id=body.external_id,
        store_id=store.id if store else None,
        fulfilment=body.fulfilment,
        status=body.status,
        ordered_at=as_utc(body.ordered_at),
        currency=currency,
        total_cents=total,
        discount_cents=totals.discount,
        shipping_cents=totals.shipping,
        tax_cents=totals.tax,
        prices_include_tax=body.prices_include_tax,
        paid_cents=totals.paid,
    )
    lines = _order_lines(session, order_id, customer.id, body, prices)
    if existing is not None:
        return _resent_order(session, existing, order, lines, body)
    session.add(order)
    session.add_all(lines)
    session.flush()
    if store is not None:
        add_to_scope(session, customer.id, store.id, "purchase")
    if body.status != "cancelled" and total > 0:
        loyalty.add_points(
            session,
            customer.id,
            loyalty.points_for_cents(total),
            f"Compra {body.channel} {body.external_id}",
            entry_id=stable_id("points", order_id),
            order_id=order_id,
            store_id=store.id if store else None,
            at=as_utc(body.ordered_at),
        )
    _mark_cart_converted(session, customer.id, body.ordered_at)
    return IngestResult(id=order_id, customer_id=customer.id, status="created")


def _mark_cart_converted(session: Session, customer_id: str, at: datetime) -> None:
    """An order after an abandoned cart recovers it (counted by the cart-recovery KPI)."""
    for cart in session.exec(
        select(Cart).where(Cart.customer_id == customer_id, Cart.status == "abandoned")
    ):
        if cart.abandoned_at is not None and cart.abandoned_at <= as_utc(at):
            cart.status = "recovered"
            cart.updated_at = as_utc(at)


def ingest_return(session: Session, body: ReturnIn) -> IngestResult:
    """Goods brought back; one that names its order is checked against it (``returns``).

    A return naming an order we do not have is refused (422), not kept unlinked. The refund is
    the amount sent (the lines' amounts, else ``amount`` spread over the lines, else what the
    order charged for them); the points it takes back follow ``loyalty.take_back``. Every
    check runs before the first write, and the caller's transaction makes a refusal leave
    nothing behind. Re-sending a stored return's id answers "duplicate" before any check.
    """
    if body.channel == "store" and not body.store_code:
        raise InvalidInput(
            "store_code: required for a return in a store", detail={"field": "store_code"}
        )
    store = store_by_code(session, body.store_code)
    body.returned_at = aware(body.returned_at, store.timezone if store else None, "returned_at")
    returned_at = as_utc(body.returned_at)
    first_id = stable_id("return", body.channel, body.external_id, "0")
    existing = session.get(Return, first_id)
    if existing is not None:
        return IngestResult(id=first_id, customer_id=existing.customer_id, status="duplicate")
    checked = returns.check_return(session, body, returned_at)
    order = checked.order
    if order is not None:
        returns.check_customer_before(session, order, body.customer)
    customer = _customer(session, body.customer, body.channel, store, returned_at)
    if order is not None:
        returns.check_customer_after(session, order, customer.id)
    products = _products(session, {line.sku for line in body.lines})
    for i, (line, (sku, size), amount) in enumerate(
        zip(body.lines, checked.keys, checked.amounts, strict=True)
    ):
        product = products.get(sku)
        session.add(
            Return(
                id=stable_id("return", body.channel, body.external_id, str(i)),
                order_id=order.id if order else None,
                customer_id=customer.id,
                channel=body.channel,
                store_id=store.id if store else None,
                external_id=body.external_id,
                returned_at=returned_at,
                sku=sku,
                product_id=product.id if product else None,
                size=size,
                quantity=line.quantity,
                amount_cents=amount,
                currency=checked.currency,
                reason=body.reason,
            )
        )
    session.flush()
    loyalty.take_back(
        session,
        customer.id,
        returns.points_to_take_back(session, order, checked.refund),
        f"Devolución {body.channel} {body.external_id}",
        entry_id=stable_id("points", "return", body.channel, body.external_id),
        order_id=order.id if order else None,
        store_id=store.id if store else None,
        at=returned_at,
    )
    return IngestResult(id=first_id, customer_id=customer.id, status="created")


def ingest_cart(session: Session, body: CartIn) -> IngestResult:
    body.at = aware(body.at, None, "at")
    currency = check_currency(body.currency)
    prices = [
        parse_cents(line.unit_price, field=f"lines[{i}].unit_price")
        for i, line in enumerate(body.lines)
    ]
    cart_id = stable_id("cart", body.channel, body.external_id)
    customer = _customer(session, body.customer, body.channel, None, body.at)
    cart = session.get(Cart, cart_id)
    at = as_utc(body.at)
    status = "created"
    if cart is None:
        cart = Cart(
            id=cart_id,
            customer_id=customer.id,
            channel=body.channel,
            external_id=body.external_id,
            currency=currency,
            updated_at=at,
        )
        session.add(cart)
        session.flush()
    else:
        status = "updated"
        if cart.updated_at > at:
            return IngestResult(id=cart_id, customer_id=cart.customer_id, status="duplicate")
    if body.lines:
        for old in session.exec(select(CartLine).where(CartLine.cart_id == cart_id)).all():
            session.delete(old)
        session.flush()
        products = _products(session, {line.sku for line in body.lines})
        for i, (line, price) in enumerate(zip(body.lines, prices, strict=True)):
            product = products.get(line.sku)
            session.add(
                CartLine(
                    id=stable_id(cart_id, line.sku, line.size, str(i)),
                    cart_id=cart_id,
                    customer_id=cart.customer_id,
                    product_id=product.id if product else None,
                    sku=line.sku,
                    size=line.size,
                    quantity=line.quantity,
                    unit_price_cents=price,
                )
            )
        cart.total_cents = check_total(
            sum(p * line.quantity for p, line in zip(prices, body.lines, strict=True)), "lines"
        )
    cart.updated_at = at
    if body.event == "abandoned":
        cart.status = "abandoned"
        cart.abandoned_at = at
    elif body.event == "converted":
        cart.status = "recovered" if cart.status == "abandoned" else "converted"
    else:
        cart.status = "open"
    session.flush()
    return IngestResult(id=cart_id, customer_id=cart.customer_id, status=status)


# Fields of a stored event compared with a re-send under the same external id.
_EVENT_FIELDS = ("customer_id", "channel", "occurred_at", "store_id", "summary", "score", "payload")


def _check_event_time(
    at: datetime, now: datetime, max_age_days: int, max_ahead_minutes: int
) -> None:
    if at < now - timedelta(days=max_age_days):
        raise InvalidInput(
            f"at: {at.isoformat()} is more than {max_age_days} days in the past",
            detail={"field": "at", "max_age_days": max_age_days},
        )
    if at > now + timedelta(minutes=max_ahead_minutes):
        raise InvalidInput(
            f"at: {at.isoformat()} is more than {max_ahead_minutes} minutes ahead of the "
            "server's time",
            detail={"field": "at", "max_ahead_minutes": max_ahead_minutes},
        )


def ingest_event(
    session: Session,
    body: EventIn,
    *,
    now: datetime | None = None,
    max_age_days: int = 730,
    max_ahead_minutes: int = 60,
) -> IngestResult:
    """Rules (id or content identity, time bounds) in ``EventIn``'s docstring."""
    store = store_by_code(session, body.store_code)
    body.at = aware(body.at, store.timezone if store else None, "at")
    at = as_utc(body.at)
    _check_event_time(at, now or utcnow(), max_age_days, max_ahead_minutes)
    customer = _customer(session, body.customer, body.channel or body.kind, store, body.at)
    store_id = store.id if store else None
    if body.external_id:
        event_id = stable_id("event", body.kind, body.external_id)
    else:
        content = json.dumps(
            [body.channel, store_id, body.summary, body.score, body.payload],
            sort_keys=True,
            separators=(",", ":"),
        )
        event_id = stable_id("event", customer.id, body.kind, at.isoformat(), content)
    interaction = Interaction(
        id=event_id,
        customer_id=customer.id,
        kind=body.kind,
        channel=body.channel,
        occurred_at=as_utc(body.at),
        store_id=store.id if store else None,
        summary=body.summary,
        score=body.score,
        payload=body.payload,
    )
    existing = session.get(Interaction, event_id)
    if existing is not None:
        differs = [f for f in _EVENT_FIELDS if getattr(existing, f) != getattr(interaction, f)]
        if differs:
            names = ["customer" if f == "customer_id" else f for f in differs]
            names = ["at" if f == "occurred_at" else f for f in names]
            raise Conflict(
                f"event {body.external_id} exists with another {', '.join(names)}: the timeline "
                "is append-only, send the new content under a new external_id",
                code="event_conflict",
                detail={"fields": names},
            )
        return IngestResult(id=event_id, customer_id=existing.customer_id, status="duplicate")
    session.add(interaction)
    session.flush()
    if store is not None and body.kind in ("store_visit", "event_attended"):
        add_to_scope(session, customer.id, store.id, "purchase")
    return IngestResult(id=interaction.id, customer_id=customer.id, status="created")
