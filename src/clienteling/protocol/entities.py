"""Names of the synced entities, in the order a replica should apply a page (parents first)."""

from __future__ import annotations

from sqlmodel import SQLModel

from clienteling.protocol import rows

ENTITY_BASES: dict[str, type[SQLModel]] = {
    "store": rows.StoreBase,
    "staff": rows.StaffBase,
    "product": rows.ProductBase,
    "stock": rows.StockBase,
    "customer": rows.CustomerBase,
    "identity": rows.IdentityBase,
    "consent": rows.ConsentBase,
    "order": rows.OrderBase,
    "order_line": rows.OrderLineBase,
    "return": rows.ReturnBase,
    "cart": rows.CartBase,
    "cart_line": rows.CartLineBase,
    "interaction": rows.InteractionBase,
    "loyalty_account": rows.LoyaltyAccountBase,
    "loyalty_entry": rows.LoyaltyEntryBase,
    "coupon": rows.CouponBase,
    "note": rows.NoteBase,
    "task": rows.TaskBase,
    "customer_metrics": rows.CustomerMetricsBase,
    "recommendation": rows.RecommendationBase,
}

# Entities that are not owned by one customer: every device of every store receives them.
GLOBAL_ENTITIES = frozenset({"store", "staff", "product", "stock"})

ENTITY_ORDER = tuple(ENTITY_BASES)
