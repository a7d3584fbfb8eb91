"""Ingestion: attach each order, return, cart and event to its golden record, idempotently."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, select

from clienteling.protocol.types import as_utc
from sync_server.domain import loyalty
from sync_server.domain.identity import IdentityClaim, resolve
from sync_server.domain.ids import stable_id
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
from sync_server.domain.money import check_currency, check_total, parse_cents
from sync_server.domain.scope import add_to_scope
from sync_server.errors import InvalidInput
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


def _customer(
    session: Session, ref: CustomerRef, source: str, store: Store | None, at: datetime
) -> Customer:
    try:
        return resolve(
            session,
            IdentityClaim(
                identifiers=ref.identifiers(),
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


def ingest_order(session: Session, body: OrderIn) -> IngestResult:
    currency = check_currency(body.currency)
    order_id = stable_id("order", body.channel, body.external_id)
    existing = session.get(Order, order_id)
    if existing is not None:
        return IngestResult(id=order_id, customer_id=existing.customer_id, status="duplicate")
    needs_store = body.channel == "store" or body.fulfilment in ("click_and_collect", "in_store")
    if needs_store and not body.store_code:
        raise InvalidInput(
            "store_code: required for store sales and click-and-collect",
            detail={"field": "store_code"},
        )
    store = store_by_code(session, body.store_code)
    prices = [
        parse_cents(line.unit_price, field=f"lines[{i}].unit_price")
        for i, line in enumerate(body.lines)
    ]
    if any(p < 0 for p in prices):
        raise InvalidInput("lines: unit_price must not be negative", detail={"field": "lines"})
    customer = _customer(session, body.customer, body.channel, store, body.ordered_at)
    total = check_total(
        sum(p * line.quantity for p, line in zip(prices, body.lines, strict=True)), "lines"
    )
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
    )
    session.add(order)
    products = _products(session, {line.sku for line in body.lines})
    for i, (line, price) in enumerate(zip(body.lines, prices, strict=True)):
        product = products.get(line.sku)
        session.add(
            OrderLine(
                id=stable_id(order_id, str(i)),
                order_id=order_id,
                customer_id=customer.id,
                product_id=product.id if product else None,
                sku=line.sku,
                name=line.name or (product.name if product else ""),
                size=line.size,
                quantity=line.quantity,
                unit_price_cents=price,
            )
        )
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
    currency = check_currency(body.currency)
    if body.channel == "store" and not body.store_code:
        raise InvalidInput(
            "store_code: required for a return in a store", detail={"field": "store_code"}
        )
    store = store_by_code(session, body.store_code)
    amounts = [
        parse_cents(line.amount, field=f"lines[{i}].amount") for i, line in enumerate(body.lines)
    ]
    if any(a < 0 for a in amounts):
        raise InvalidInput("lines: amount must not be negative", detail={"field": "lines"})
    order_id: str | None = None
    if body.order_external_id:
        order_id = stable_id("order", body.order_channel or body.channel, body.order_external_id)
        if session.get(Order, order_id) is None:
            raise InvalidInput(
                f"order_external_id: no order '{body.order_external_id}'",
                detail={"field": "order_external_id"},
            )
    first_id = stable_id("return", body.channel, body.external_id, "0")
    existing = session.get(Return, first_id)
    if existing is not None:
        return IngestResult(id=first_id, customer_id=existing.customer_id, status="duplicate")
    customer = _customer(session, body.customer, body.channel, store, body.returned_at)
    products = _products(session, {line.sku for line in body.lines})
    for i, (line, amount) in enumerate(zip(body.lines, amounts, strict=True)):
        product = products.get(line.sku)
        session.add(
            Return(
                id=stable_id("return", body.channel, body.external_id, str(i)),
                order_id=order_id,
                customer_id=customer.id,
                channel=body.channel,
                store_id=store.id if store else None,
                external_id=body.external_id,
                returned_at=as_utc(body.returned_at),
                sku=line.sku,
                product_id=product.id if product else None,
                size=line.size,
                quantity=line.quantity,
                amount_cents=amount,
                currency=currency,
                reason=body.reason,
            )
        )
    session.flush()
    refund = check_total(sum(amounts), "lines")
    if refund > 0:
        loyalty.add_points(
            session,
            customer.id,
            -loyalty.points_for_cents(refund),
            f"Devolución {body.channel} {body.external_id}",
            entry_id=stable_id("points", "return", body.channel, body.external_id),
            order_id=order_id,
            store_id=store.id if store else None,
            at=as_utc(body.returned_at),
        )
    return IngestResult(id=first_id, customer_id=customer.id, status="created")


def ingest_cart(session: Session, body: CartIn) -> IngestResult:
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


def ingest_event(session: Session, body: EventIn) -> IngestResult:
    store = store_by_code(session, body.store_code)
    event_id = stable_id("event", body.kind, body.external_id) if body.external_id else None
    if event_id is not None:
        existing = session.get(Interaction, event_id)
        if existing is not None:
            return IngestResult(id=event_id, customer_id=existing.customer_id, status="duplicate")
    customer = _customer(session, body.customer, body.channel or body.kind, store, body.at)
    interaction = Interaction(
        id=event_id
        or stable_id("event", customer.id, body.kind, body.at.isoformat(), body.summary),
        customer_id=customer.id,
        kind=body.kind,
        channel=body.channel,
        occurred_at=as_utc(body.at),
        store_id=store.id if store else None,
        summary=body.summary,
        score=body.score,
        payload=body.payload,
    )
    if session.get(Interaction, interaction.id) is not None:
        return IngestResult(id=interaction.id, customer_id=customer.id, status="duplicate")
    session.add(interaction)
    session.flush()
    if store is not None and body.kind in ("store_visit", "event_attended"):
        add_to_scope(session, customer.id, store.id, "purchase")
    return IngestResult(id=interaction.id, customer_id=customer.id, status="created")
