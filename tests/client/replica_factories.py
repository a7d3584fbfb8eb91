"""Build server-shaped changes for replica tests that need no server."""

from __future__ import annotations

import itertools
import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

from clienteling.protocol import rows
from clienteling.protocol.messages import Change

_versions = itertools.count(1)

STORE_ID = "store-mad"
OTHER_STORE_ID = "store-bcn"


def uid() -> str:
    return str(uuid.uuid4())


def change(entity: str, model: Any) -> Change:
    data = model.model_dump(mode="json")
    return Change(entity=entity, id=data["id"], op="upsert", version=next(_versions), data=data)


def tombstone(entity: str, row_id: str, version: int | None = None) -> Change:
    return Change(entity=entity, id=row_id, op="delete", version=version or next(_versions))


def stores() -> list[Change]:
    return [
        change(
            "store",
            rows.StoreBase(
                id=STORE_ID,
                code="MAD01",
                name="Madrid Serrano",
                city="Madrid",
                latitude=40.4168,
                longitude=-3.7038,
            ),
        ),
        change(
            "store",
            rows.StoreBase(
                id=OTHER_STORE_ID,
                code="BCN01",
                name="Barcelona Gràcia",
                city="Barcelona",
                latitude=41.3874,
                longitude=2.1686,
            ),
        ),
        change(
            "store",
            rows.StoreBase(
                id="store-vlc",
                code="VLC01",
                name="Valencia Centro",
                city="Valencia",
                latitude=39.4699,
                longitude=-0.3763,
            ),
        ),
    ]


def customer(
    first: str,
    last: str,
    *,
    email: str | None = None,
    phone: str | None = None,
    card: str | None = None,
    store: str = STORE_ID,
    cid: str | None = None,
    birth: str | None = None,
    points: int = 0,
) -> tuple[str, list[Change]]:
    cid = cid or uid()
    out = [
        change(
            "customer",
            rows.CustomerBase(
                id=cid,
                first_name=first,
                last_name=last,
                home_store_id=store,
                birth_date=date.fromisoformat(birth) if birth else None,
                sizes={"dresses": "M"},
            ),
        )
    ]
    for kind, value in (("email", email), ("phone", phone), ("loyalty_card", card)):
        if value:
            out.append(
                change(
                    "identity",
                    rows.IdentityBase(id=uid(), customer_id=cid, kind=kind, value=value),
                )
            )
    if card:
        out.append(
            change(
                "loyalty_account",
                rows.LoyaltyAccountBase(
                    id=cid,
                    customer_id=cid,
                    card_number=card,
                    tier="silver",
                    points_balance=points,
                    lifetime_points=points + 1500,
                ),
            )
        )
    return cid, out


def history(cid: str, *, now: datetime | None = None) -> list[Change]:
    """Orders, a return, an abandoned cart, interactions, a coupon and a recommendation."""
    now = now or datetime.now(UTC)
    product = rows.ProductBase(
        id="prod-1",
        sku="DR-001",
        name="Vestido lino",
        category="dresses",
        brand="Casa",
        price_cents=5990,
        sizes=["S", "M", "L"],
    )
    out = [change("product", product)]
    out += [
        change(
            "stock",
            rows.StockBase(
                id=f"{STORE_ID}:prod-1:M",
                store_id=STORE_ID,
                product_id="prod-1",
                size="M",
                quantity=0,
            ),
        ),
        change(
            "stock",
            rows.StockBase(
                id="store-vlc:prod-1:M",
                store_id="store-vlc",
                product_id="prod-1",
                size="M",
                quantity=3,
            ),
        ),
        change(
            "stock",
            rows.StockBase(
                id=f"{OTHER_STORE_ID}:prod-1:M",
                store_id=OTHER_STORE_ID,
                product_id="prod-1",
                size="M",
                quantity=5,
            ),
        ),
    ]
    for i, channel in enumerate(("store", "web", "app")):
        oid = uid()
        out.append(
            change(
                "order",
                rows.OrderBase(
                    id=oid,
                    customer_id=cid,
                    channel=channel,
                    external_id=f"X{i}",
                    ordered_at=now - timedelta(days=30 * (i + 1)),
                    total_cents=1000 * (i + 1),
                ),
            )
        )
        out.append(
            change(
                "order_line",
                rows.OrderLineBase(
                    id=uid(),
                    order_id=oid,
                    customer_id=cid,
                    sku="DR-001",
                    name="Vestido lino",
                    size="M",
                    quantity=1,
                    unit_price_cents=1000 * (i + 1),
                ),
            )
        )
    out.append(
        change(
            "return",
            rows.ReturnBase(
                id=uid(),
                customer_id=cid,
                channel="store",
                sku="DR-001",
                quantity=1,
                amount_cents=1000,
                returned_at=now - timedelta(days=20),
            ),
        )
    )
    cart_id = uid()
    out.append(
        change(
            "cart",
            rows.CartBase(
                id=cart_id,
                customer_id=cid,
                channel="web",
                external_id="C1",
                status="abandoned",
                abandoned_at=now - timedelta(days=2),
                total_cents=5990,
            ),
        )
    )
    out.append(
        change(
            "cart_line",
            rows.CartLineBase(
                id=uid(),
                cart_id=cart_id,
                customer_id=cid,
                product_id="prod-1",
                sku="DR-001",
                size="M",
                quantity=1,
                unit_price_cents=5990,
            ),
        )
    )
    out.append(
        change(
            "interaction",
            rows.InteractionBase(
                id=uid(),
                customer_id=cid,
                kind="email_opened",
                channel="email",
                occurred_at=now - timedelta(days=1),
                summary="Rebajas",
            ),
        )
    )
    out.append(
        change(
            "coupon",
            rows.CouponBase(
                id="coupon-" + cid[:8],
                customer_id=cid,
                code="BDAY-" + cid[:6],
                kind="birthday",
                discount_cents=1000,
            ),
        )
    )
    out.append(
        change(
            "recommendation",
            rows.RecommendationBase(
                id=f"{cid}:1",
                customer_id=cid,
                rank=1,
                product_id="prod-1",
                reason_kind="cart",
                reason="In her abandoned cart",
            ),
        )
    )
    out.append(
        change(
            "customer_metrics",
            rows.CustomerMetricsBase(
                id=cid,
                customer_id=cid,
                net_revenue_cents=5000,
                orders=3,
                segment="Champions",
                channels=["store", "web", "app"],
            ),
        )
    )
    return out
