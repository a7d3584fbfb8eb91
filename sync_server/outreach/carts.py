"""Abandoned-cart follow-up: a call task per recently abandoned cart of the store's customers,
with the cart's items and this store's stock.

Tasks go round-robin to the associate with the fewest open cart calls, so repeated daily runs
keep the load even instead of always starting with the same person.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from sqlmodel import Session, col, select

from clienteling.protocol.types import utcnow
from sync_server.domain.ids import stable_id
from sync_server.domain.models import Cart, CartLine, Product, Staff, Stock, Task
from sync_server.domain.scope import own_customers
from sync_server.errors import Conflict


@dataclass
class CartCallReport:
    created: int = 0
    existing: int = 0
    task_ids: list[str] = field(default_factory=list)


def _details(session: Session, cart: Cart, store_id: str) -> str:
    lines = session.exec(select(CartLine).where(CartLine.cart_id == cart.id)).all()
    out = [f"Carrito {cart.channel} abandonado el {cart.abandoned_at:%d/%m/%Y}:"]
    for line in lines:
        product = session.get(Product, line.product_id) if line.product_id else None
        stock = session.get(Stock, f"{store_id}:{product.id}:{line.size}") if product else None
        units = stock.quantity if stock else 0
        name = product.name if product else line.sku
        price = f"{line.unit_price_cents / 100:.2f} {cart.currency}"
        out.append(
            f"- {name} ({line.sku}) talla {line.size or 'U'} x{line.quantity}, {price}: "
            f"{units} en tienda"
        )
    return "\n".join(out)[:2000]


def create_cart_calls(
    session: Session, store_id: str, days: int, created_by: str | None
) -> CartCallReport:
    associates = list(
        session.exec(
            select(Staff.id)
            .where(Staff.store_id == store_id, Staff.role == "associate", col(Staff.active))
            .order_by(col(Staff.username))
        )
    )
    if not associates:
        raise Conflict("This store has no active associates to call customers.", code="no_staff")
    load = dict.fromkeys(associates, 0)
    for assigned in session.exec(
        select(Task.assigned_staff_id).where(
            Task.kind == "cart_call",
            Task.status == "open",
            col(Task.assigned_staff_id).in_(associates),
        )
    ):
        if assigned is not None:
            load[assigned] += 1
    since = utcnow() - timedelta(days=days)
    in_store = own_customers(store_id)
    carts = session.exec(
        select(Cart)
        .where(
            Cart.status == "abandoned",
            col(Cart.abandoned_at) >= since,
            col(Cart.customer_id).in_(in_store),
        )
        .order_by(col(Cart.abandoned_at), col(Cart.id))
    ).all()
    report = CartCallReport()
    now = utcnow()
    for cart in carts:
        task_id = stable_id("cart_call", cart.id)
        if session.get(Task, task_id) is not None:
            report.existing += 1
            continue
        staff_id = min(associates, key=lambda a: load[a])
        load[staff_id] += 1
        session.add(
            Task(
                id=task_id,
                customer_id=cart.customer_id,
                assigned_staff_id=staff_id,
                kind="cart_call",
                title="Llamar por carrito abandonado",
                details=_details(session, cart, store_id),
                due_at=now + timedelta(days=1),
                created_by_staff_id=created_by,
            )
        )
        report.created += 1
        report.task_ids.append(task_id)
    session.flush()
    return report
