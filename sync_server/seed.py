"""Deterministic demo data: a Spanish fashion retailer with believable omnichannel customers.

The same ``seed`` and ``anchor`` day give the same data. Rows are written with bulk inserts
in chunks (with their change-log versions) so a million customers stay feasible.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from faker import Faker
from sqlalchemy import Connection, Engine, text
from sqlmodel import SQLModel

from sync_server.bulk import insert_rows
from sync_server.db import analyze, write_gate
from sync_server.domain import loyalty
from sync_server.domain.models import (
    Cart,
    CartLine,
    Consent,
    Coupon,
    Customer,
    CustomerScope,
    Identity,
    Interaction,
    LoyaltyAccount,
    LoyaltyEntry,
    Note,
    Order,
    OrderLine,
    Product,
    Return,
    Staff,
    Stock,
    Store,
    Task,
)
from sync_server.domain.security import hash_password
from sync_server.sync.changelog import Change, bulk_change, record_bulk

STORES = (
    ("MAD01", "Madrid Serrano", "Madrid", 40.4256, -3.6868),
    ("BCN01", "Barcelona Passeig de Gràcia", "Barcelona", 41.3917, 2.1649),
    ("VLC01", "Valencia Colón", "Valencia", 39.4702, -0.3713),
    ("SEV01", "Sevilla Tetuán", "Sevilla", 37.3911, -5.9950),
    ("BIL01", "Bilbao Gran Vía", "Bilbao", 43.2630, -2.9350),
)
STORE_WEIGHTS = (0.32, 0.26, 0.16, 0.14, 0.12)
CATEGORIES = {
    "Vestidos": (("XS", "S", "M", "L", "XL"), 3990, 12990),
    "Camisas": (("XS", "S", "M", "L", "XL"), 2590, 6990),
    "Pantalones": (("34", "36", "38", "40", "42", "44"), 2990, 8990),
    "Chaquetas": (("XS", "S", "M", "L", "XL"), 5990, 22990),
    "Punto": (("XS", "S", "M", "L", "XL"), 2990, 7990),
    "Zapatos": (("36", "37", "38", "39", "40", "41"), 3990, 14990),
    "Bolsos": (("U",), 2990, 18990),
    "Accesorios": (("U",), 990, 4990),
}
SINGULAR = {"Vestidos": "Vestido", "Camisas": "Camisa", "Pantalones": "Pantalón",
            "Chaquetas": "Chaqueta", "Punto": "Jersey de punto", "Zapatos": "Zapato",
            "Bolsos": "Bolso", "Accesorios": "Pañuelo"}  # fmt: skip
SIZE_GROUP = {
    "Vestidos": "top",
    "Camisas": "top",
    "Chaquetas": "top",
    "Punto": "top",
    "Pantalones": "bottom",
    "Zapatos": "shoe",
}
BRANDS = ("Atelier Sol", "Costa Norte", "Lino & Co", "Mar Azul", "Nube", "Olivo")
COLOURS = ("negro", "blanco", "azul marino", "camel", "verde oliva", "rojo", "beige", "gris")
ADJECTIVES = (
    "Clásico",
    "Oversize",
    "Entallado",
    "Fluido",
    "Básico",
    "Estampado",
    "Lino",
    "Satinado",
    "Cropped",
    "Midi",
)
# The demo retailer's published sign-ins (README); only `seed` and `demo` create them.
DEMO_PASSWORD = "demo"  # noqa: S105
ADMIN_PASSWORD = "admin"  # noqa: S105
NS = uuid.UUID("2b7e1516-28ae-4d2a-a6ab-f7158809cf4f")


def sid(*parts: object) -> str:
    return str(uuid.uuid5(NS, "|".join(map(str, parts))))


@dataclass
class SeedReport:
    customers: int = 0
    rows: int = 0
    seconds: float = 0.0
    counts: dict[str, int] = field(default_factory=dict)


class _Writer:
    """Collects rows per table and writes them with their change-log entries in one go."""

    def __init__(self, conn: Connection, report: SeedReport) -> None:
        self.conn = conn
        self.report = report
        self.rows: dict[Any, list[dict[str, Any]]] = {}

    def add(self, model: Any, **values: Any) -> dict[str, Any]:
        self.rows.setdefault(model, []).append(values)
        return values

    def flush(self) -> None:
        changes: list[Change] = []
        order = {t.name: i for i, t in enumerate(SQLModel.metadata.sorted_tables)}
        for model, rows in sorted(self.rows.items(), key=lambda kv: order[kv[0].__table__.name]):
            table = model.__table__
            insert_rows(self.conn, table, rows)
            entity = getattr(model, "__entity__", None)
            if entity is not None:
                changes.extend(bulk_change(entity, r) for r in rows)
            name = table.name
            self.report.counts[name] = self.report.counts.get(name, 0) + len(rows)
            self.report.rows += len(rows)
        record_bulk(self.conn, changes, new_rows=True)
        self.rows.clear()


def chain_stores(count: int) -> list[tuple[str, str, str, float, float]]:
    """The five real stores, then synthetic ones spread over mainland Spain (deterministic)."""
    out = list(STORES[:count])
    rng = random.Random(7)  # noqa: S311 - demo coordinates, not a secret
    for n in range(len(out) + 1, count + 1):
        lat, lon = round(rng.uniform(36.5, 43.3), 4), round(rng.uniform(-8.5, 2.8), 4)
        out.append((f"T{n:03d}", f"Tienda {n}", f"Ciudad {n}", lat, lon))
    return out


def seed_reference(
    engine: Engine, rng: random.Random, report: SeedReport, *, stores: int = len(STORES)
) -> dict[str, Any]:
    """Stores, staff and the catalogue with stock; returns what customers need to refer to."""
    with engine.begin() as conn:
        write_gate(conn)
        if conn.execute(text("SELECT count(*) FROM store")).scalar_one():
            raise RuntimeError("this database already has data; seed an empty one")
        w = _Writer(conn, report)
        demo_hash = hash_password(DEMO_PASSWORD)
        chain = []
        for code, name, city, lat, lon in chain_stores(stores):
            s = w.add(
                Store,
                id=sid("store", code),
                code=code,
                name=name,
                city=city,
                latitude=lat,
                longitude=lon,
                timezone="Europe/Madrid",
            )
            chain.append(s)
        w.add(
            Staff,
            id=sid("staff", "admin"),
            username="admin",
            display_name="Administración",
            role="admin",
            store_id=None,
            active=True,
            password_hash=hash_password(ADMIN_PASSWORD),
            pin_hash=None,
        )
        fake = Faker("es_ES")
        fake.seed_instance(rng.randint(0, 10**9))
        staff_by_store: dict[str, list[str]] = {}
        for s in chain:
            low = s["code"].lower()
            people = [
                ("gerente", "manager"),
                ("dependienta", "associate"),
                ("dependiente", "associate"),
                ("asesora", "associate"),
            ]
            for prefix, role in people:
                staff_id = sid("staff", prefix, low)
                w.add(
                    Staff,
                    id=staff_id,
                    username=f"{prefix}.{low}",
                    display_name=f"{fake.first_name()} {fake.last_name()}",
                    role=role,
                    store_id=s["id"],
                    active=True,
                    password_hash=demo_hash,
                    pin_hash=None,
                )
                if role == "associate":
                    staff_by_store.setdefault(s["id"], []).append(staff_id)
        products = []
        n = 0
        for category, (sizes, low_price, high_price) in CATEGORIES.items():
            for _ in range(18):
                n += 1
                colour = rng.choice(COLOURS)
                price = rng.randrange(low_price, high_price, 100) - 5
                p = w.add(
                    Product,
                    id=sid("product", n),
                    sku=f"SKU{n:05d}",
                    name=f"{SINGULAR[category]} {rng.choice(ADJECTIVES).lower()} {colour}",
                    category=category,
                    brand=rng.choice(BRANDS),
                    colour=colour,
                    price_cents=price,
                    currency="EUR",
                    sizes=list(sizes),
                    active=True,
                )
                products.append(p)
                for s in chain:
                    for size in sizes:
                        w.add(
                            Stock,
                            id=f"{s['id']}:{p['id']}:{size}",
                            store_id=s["id"],
                            product_id=p["id"],
                            size=size,
                            quantity=rng.choice((0, 0, 1, 2, 3, 5, 8)),
                            updated_at=datetime.now(UTC),
                        )
        w.flush()
    weights = STORE_WEIGHTS if len(chain) == len(STORES) else (1.0,) * len(chain)
    return {
        "stores": chain,
        "weights": weights,
        "products": products,
        "staff_by_store": staff_by_store,
    }


def _phone(i: int) -> str:
    """A valid Spanish mobile number, distinct for every customer index (7919 is prime)."""
    return f"+346{(i * 7919 + 1_234_567) % 90_000_000 + 10_000_000}"


def _when(rng: random.Random, anchor: datetime, max_days: int) -> datetime:
    return anchor - timedelta(days=rng.random() ** 1.4 * max_days, minutes=rng.randrange(0, 600))


def seed(
    engine: Engine,
    customers: int = 500,
    *,
    seed_value: int = 42,
    orders_per_customer: float = 4.0,
    events_per_customer: float = 6.0,
    anchor: date | None = None,
    chunk: int = 2000,
    progress: Callable[[int, int], None] | None = None,
    stores: int = len(STORES),
    uniform: bool = False,
) -> SeedReport:
    """Demo data; ``stores`` beyond five adds synthetic stores, ``uniform`` spreads customers
    evenly over the stores (benchmarks comparing chains of different sizes)."""
    import time

    started = time.perf_counter()
    rng = random.Random(seed_value)  # noqa: S311 - deterministic demo data
    report = SeedReport()
    ref = seed_reference(engine, rng, report, stores=stores)
    if uniform:
        ref["weights"] = (1.0,) * len(ref["stores"])
    anchor_dt = datetime.combine(
        anchor or datetime.now(UTC).date(), datetime.min.time(), UTC
    ) + timedelta(hours=20)
    fake = Faker("es_ES")
    for start in range(0, customers, chunk):
        count = min(chunk, customers - start)
        with engine.begin() as conn:
            write_gate(conn)
            w = _Writer(conn, report)
            for i in range(start, start + count):
                _customer(w, rng, fake, i, ref, anchor_dt, orders_per_customer, events_per_customer)
            w.flush()
        report.customers += count
        if progress:
            progress(report.customers, customers)
    analyze(engine)
    report.seconds = time.perf_counter() - started
    return report


@dataclass
class _Shopper:
    """What every step of one seeded customer refers to, drawn once in ``_person``."""

    i: int
    cid: str
    home: dict[str, Any]
    profile: str
    tenure_days: int
    created: datetime
    birth: date
    favourites: list[str]
    sizes: dict[str, str]
    assigned: str | None
    first: str
    last: str
    record: dict[str, Any]

    @property
    def card(self) -> str:
        return f"7{self.i:011d}"


_PREFERENCES = (
    "",
    "",
    "Prefiere tejidos naturales",
    "Le gustan los colores neutros",
    "Busca tallas amplias",
    "Compra regalos en Navidad",
)
_CONSENT_ODDS = {"email": 0.7, "sms": 0.45, "whatsapp": 0.25, "push": 0.2}
_RETURN_REASONS = ("Talla", "No le convence", "Defecto", "Color")
_EVENT_WEIGHTS = {
    "email_sent": 0.3,
    "email_opened": 0.18,
    "email_clicked": 0.06,
    "sms_sent": 0.08,
    "survey": 0.08,
    "ticket": 0.04,
    "store_visit": 0.12,
    "event_attended": 0.03,
    "product_view": 0.11,
}
_EVENT_SUMMARY = {
    "email_sent": "Newsletter: nueva colección",
    "email_opened": "Abrió: nueva colección",
    "email_clicked": "Clic: vestidos de temporada",
    "sms_sent": "SMS: rebajas privadas",
    "survey": "Encuesta de satisfacción",
    "store_visit": "Visita a tienda",
    "event_attended": "Asistió a la presentación de temporada",
    "product_view": "Vio productos en la web",
}
_TICKET_SUBJECTS = ("Consulta sobre envío", "Cambio de talla", "Factura")
_EVENT_CHANNEL = {
    "email_sent": "email",
    "email_opened": "email",
    "email_clicked": "email",
    "sms_sent": "sms",
    "product_view": "web",
}
_NOTES = (
    "Prefiere que la llamen por la tarde.",
    "Busca vestido para boda en junio.",
    "Clienta habitual de la colección de punto.",
    "Alérgica a la lana.",
)


def _customer(
    w: _Writer,
    rng: random.Random,
    fake: Faker,
    i: int,
    ref: dict[str, Any],
    anchor: datetime,
    orders_mean: float,
    events_mean: float,
) -> None:
    """One customer and everything she did, step by step.

    Every step draws from the one ``rng`` in a fixed order: reordering the steps or the draws
    inside them changes every customer seeded after, so the demo data would no longer match
    a seed value used before.
    """
    c = _person(w, rng, fake, i, ref, anchor)
    _identities(w, rng, c)
    _consents(w, rng, c)
    lifetime_points = _orders(w, rng, c, ref, anchor, orders_mean)
    tier = _loyalty(w, rng, c, anchor, lifetime_points)
    _coupons(w, rng, c, anchor, tier)
    _abandoned_cart(w, rng, c, ref["products"], anchor)
    _events(w, rng, c, ref["staff_by_store"][c.home["id"]], anchor, events_mean)
    _note_and_task(w, rng, c, anchor)


def _person(
    w: _Writer, rng: random.Random, fake: Faker, i: int, ref: dict[str, Any], anchor: datetime
) -> _Shopper:
    """The customer row and her home (and assigned-assistant) scope."""
    fake.seed_instance(i * 7919 + 17)
    home = rng.choices(ref["stores"], ref["weights"])[0]
    female = rng.random() < 0.72
    first = fake.first_name_female() if female else fake.first_name_male()
    last = f"{fake.last_name()} {fake.last_name()}"
    cid = f"cus-{i:09d}"
    profile = rng.choices(("online", "store", "omni"), (0.25, 0.30, 0.45))[0]
    tenure_days = rng.randrange(30, 6 * 365)
    created = anchor - timedelta(days=tenure_days)
    birth = date(rng.randrange(1950, 2005), rng.randrange(1, 13), rng.randrange(1, 29))
    favourites = rng.sample(list(CATEGORIES), 3)
    sizes = {
        "top": rng.choice(("XS", "S", "M", "L")),
        "bottom": rng.choice(("36", "38", "40", "42")),
        "shoe": rng.choice(("36", "37", "38", "39", "40")),
    }
    assigned = rng.choice(ref["staff_by_store"][home["id"]]) if rng.random() < 0.15 else None
    record = w.add(
        Customer,
        id=cid,
        first_name=first,
        last_name=last,
        birth_date=birth,
        home_store_id=home["id"],
        preferred_channel=rng.choice(("email", "email", "sms", "whatsapp", "phone")),
        preferred_language="es" if rng.random() < 0.9 else "en",
        sizes=sizes,
        preferences=rng.choice(_PREFERENCES),
        assigned_staff_id=assigned,
        vip=False,  # set by ``_loyalty`` once her tier is known
        created_at=created,
        updated_at=created,
        merged_into_id=None,
        field_stamps={},
        field_authors={},
    )
    w.add(CustomerScope, customer_id=cid, store_id=home["id"], reason="home", since=created)
    if assigned:
        w.add(CustomerScope, customer_id=cid, store_id=home["id"], reason="assigned", since=created)
    return _Shopper(
        i=i,
        cid=cid,
        home=home,
        profile=profile,
        tenure_days=tenure_days,
        created=created,
        birth=birth,
        favourites=favourites,
        sizes=sizes,
        assigned=assigned,
        first=first,
        last=last,
        record=record,
    )


def _identities(w: _Writer, rng: random.Random, c: _Shopper) -> None:
    """Email, phone, loyalty card and web account, as her shopping profile makes likely."""
    i = c.i
    domain = rng.choice(("gmail.com", "hotmail.es", "yahoo.es", "outlook.com"))
    email = f"{_slug(c.first)}.{_slug(c.last.split()[0])}{i}@{domain}"
    idents = []
    if c.profile != "store" or rng.random() < 0.6:
        idents.append(("email", email))
    if rng.random() < 0.8:
        idents.append(("phone", _phone(i)))
    if c.profile != "online" or rng.random() < 0.3:
        idents.append(("loyalty_card", c.card))
    if c.profile != "store":
        idents.append(("web_account", f"W{i:08d}"))
    for kind, value in idents:
        w.add(
            Identity,
            id=f"idn-{i:09d}-{kind}",
            customer_id=c.cid,
            kind=kind,
            value=value,
            source="seed",
            created_at=c.created,
        )


def _consents(w: _Writer, rng: random.Random, c: _Shopper) -> None:
    """Marketing consent per channel, recorded when she became a customer."""
    for channel, odds in _CONSENT_ODDS.items():
        w.add(
            Consent,
            id=f"cns-{c.i:09d}-{channel}",
            customer_id=c.cid,
            channel=channel,
            purpose="marketing",
            granted=rng.random() < odds,
            source="web" if c.profile == "online" else "store",
            staff_id=None,
            store_id=c.home["id"],
            recorded_at=c.created,
        )


def _orders(
    w: _Writer,
    rng: random.Random,
    c: _Shopper,
    ref: dict[str, Any],
    anchor: datetime,
    orders_mean: float,
) -> int:
    """Her orders with lines, returns and earned points; returns the points earned."""
    n_orders = max(1, int(rng.expovariate(1 / orders_mean) + 0.5))
    lifetime_points = 0
    other_stores: set[str] = set()
    for k in range(n_orders):
        at = _when(rng, anchor, c.tenure_days)
        channel = _order_channel(rng, c.profile)
        store = c.home if rng.random() < 0.85 else rng.choice(ref["stores"])
        fulfilment = "in_store"
        store_id: str | None = store["id"]
        if channel != "store":
            fulfilment = "click_and_collect" if rng.random() < 0.2 else "ship"
            if fulfilment == "ship":
                store_id = None
        if store_id and store_id != c.home["id"]:
            other_stores.add(store_id)
        oid = f"ord-{c.i:09d}-{k}"
        lines = _basket(rng, c, ref["products"])
        total = sum(q * p for _, _, _, q, p in lines)
        w.add(
            Order,
            id=oid,
            customer_id=c.cid,
            channel=channel,
            external_id=f"{channel[:1].upper()}{c.i:07d}{k:03d}",
            store_id=store_id,
            fulfilment=fulfilment,
            status="completed",
            ordered_at=at,
            currency="EUR",
            total_cents=total,
            staff_id=None,
            discount_cents=0,
            shipping_cents=0,
            tax_cents=0,
            prices_include_tax=True,
            paid_cents=total,
            updated_at=None,
        )
        for j, prod, size, qty, price in lines:
            w.add(
                OrderLine,
                id=f"oli-{c.i:09d}-{k}-{j}",
                order_id=oid,
                customer_id=c.cid,
                product_id=prod["id"],
                sku=prod["sku"],
                name=prod["name"],
                size=size,
                quantity=qty,
                unit_price_cents=price,
            )
            if rng.random() < 0.08:
                _return(w, rng, c, anchor, oid, k, channel, at, (j, prod, size, qty, price))
        pts = loyalty.points_for_cents(total)
        lifetime_points += pts
        w.add(
            LoyaltyEntry,
            id=f"pts-{c.i:09d}-{k}",
            customer_id=c.cid,
            points=pts,
            reason=f"Compra {channel}",
            order_id=oid,
            store_id=store_id,
            staff_id=None,
            occurred_at=at,
        )
    for store_id in other_stores:
        w.add(
            CustomerScope, customer_id=c.cid, store_id=store_id, reason="purchase", since=c.created
        )
    return lifetime_points


def _order_channel(rng: random.Random, profile: str) -> str:
    if profile == "online":
        return rng.choices(("web", "app", "marketplace"), (0.6, 0.3, 0.1))[0]
    if profile == "store":
        return "store"
    return rng.choices(("store", "web", "app", "marketplace"), (0.5, 0.3, 0.15, 0.05))[0]


_Line = tuple[int, dict[str, Any], str, int, int]


def _basket(rng: random.Random, c: _Shopper, products: list[dict[str, Any]]) -> list[_Line]:
    """One order's lines (index, product, size, quantity, unit price), mostly her favourites."""
    lines = []
    for j in range(rng.choice((1, 1, 1, 2, 2, 3, 4))):
        cat = rng.choice(c.favourites) if rng.random() < 0.75 else rng.choice(list(CATEGORIES))
        pool = [p for p in products if p["category"] == cat]
        prod = pool[min(len(pool) - 1, int(rng.expovariate(1 / 5)))]
        size = c.sizes.get(SIZE_GROUP.get(cat, ""), "U") if prod["sizes"] != ["U"] else "U"
        if size not in prod["sizes"]:
            size = prod["sizes"][0]
        qty = 1 if rng.random() < 0.9 else 2
        price = prod["price_cents"] if rng.random() < 0.8 else prod["price_cents"] * 7 // 10
        lines.append((j, prod, size, qty, price))
    return lines


def _return(
    w: _Writer,
    rng: random.Random,
    c: _Shopper,
    anchor: datetime,
    oid: str,
    k: int,
    channel: str,
    at: datetime,
    line: _Line,
) -> None:
    """One order line sent back, mostly to a store, within a few weeks of the order."""
    j, prod, size, qty, price = line
    ret_channel = "store" if rng.random() < 0.6 else channel
    if ret_channel == "marketplace":
        ret_channel = "web"
    w.add(
        Return,
        id=f"ret-{c.i:09d}-{k}-{j}",
        order_id=oid,
        customer_id=c.cid,
        channel=ret_channel,
        store_id=c.home["id"] if ret_channel == "store" else None,
        external_id=f"R{c.i:07d}{k:03d}{j}",
        returned_at=min(anchor, at + timedelta(days=rng.randrange(2, 25))),
        sku=prod["sku"],
        product_id=prod["id"],
        size=size,
        quantity=qty,
        amount_cents=qty * price,
        currency="EUR",
        reason=rng.choice(_RETURN_REASONS),
    )


def _loyalty(
    w: _Writer,
    rng: random.Random,
    c: _Shopper,
    anchor: datetime,
    lifetime_points: int,
) -> str:
    """A possible redemption, the loyalty account and VIP status; returns her tier."""
    balance = lifetime_points
    if balance > 400 and rng.random() < 0.3:
        spent = rng.choice((100, 200, 300))
        balance -= spent
        w.add(
            LoyaltyEntry,
            id=f"pts-{c.i:09d}-redeem",
            customer_id=c.cid,
            points=-spent,
            reason="Canje en tienda",
            order_id=None,
            store_id=c.home["id"],
            staff_id=None,
            occurred_at=_when(rng, anchor, 90),
        )
    tier = loyalty.tier_for(lifetime_points)
    w.add(
        LoyaltyAccount,
        id=c.cid,
        customer_id=c.cid,
        card_number=c.card,
        tier=tier,
        points_balance=balance,
        lifetime_points=lifetime_points,
        updated_at=anchor,
    )
    if tier in ("gold", "platinum"):
        c.record["vip"] = True
    return tier


def _coupons(w: _Writer, rng: random.Random, c: _Shopper, anchor: datetime, tier: str) -> None:
    """A birthday coupon in her birthday month and, sometimes, a tier coupon."""
    i = c.i
    if c.birth.month == anchor.month:
        w.add(
            Coupon,
            id=f"cpn-{i:09d}-birthday",
            customer_id=c.cid,
            code=f"CUMPLE{i:07d}",
            kind="birthday",
            description="Feliz cumpleaños: 15 € de regalo",
            discount_cents=1500,
            discount_percent=None,
            currency="EUR",
            valid_from=anchor - timedelta(days=anchor.day - 1),
            valid_until=anchor + timedelta(days=30),
            redeemed_at=None,
            redeemed_store_id=None,
            redeemed_by_staff_id=None,
            redeemed_channel=None,
        )
    if tier in ("silver", "gold", "platinum") and rng.random() < 0.6:
        w.add(
            Coupon,
            id=f"cpn-{i:09d}-tier",
            customer_id=c.cid,
            code=f"NIVEL{i:07d}",
            kind="tier",
            description=f"Ventaja {tier}: 10 % en tu próxima compra",
            discount_cents=None,
            discount_percent=10,
            currency="EUR",
            valid_from=anchor - timedelta(days=20),
            valid_until=anchor + timedelta(days=60),
            redeemed_at=None,
            redeemed_store_id=None,
            redeemed_by_staff_id=None,
            redeemed_channel=None,
        )


def _abandoned_cart(
    w: _Writer, rng: random.Random, c: _Shopper, products: list[dict[str, Any]], anchor: datetime
) -> None:
    """Sometimes a web cart of two favourites left in the last two weeks."""
    if c.profile == "store" or rng.random() >= 0.2:
        return
    i = c.i
    cart_id = f"crt-{i:09d}"
    at = anchor - timedelta(days=rng.random() * 14)
    items = rng.sample([p for p in products if p["category"] in c.favourites], 2)
    total = 0
    for j, prod in enumerate(items):
        size = c.sizes.get(SIZE_GROUP.get(prod["category"], ""), "U")
        if size not in prod["sizes"]:
            size = prod["sizes"][0]
        total += prod["price_cents"]
        w.add(
            CartLine,
            id=f"cli-{i:09d}-{j}",
            cart_id=cart_id,
            customer_id=c.cid,
            product_id=prod["id"],
            sku=prod["sku"],
            size=size,
            quantity=1,
            unit_price_cents=prod["price_cents"],
        )
    w.add(
        Cart,
        id=cart_id,
        customer_id=c.cid,
        channel=rng.choice(("web", "app")),
        external_id=f"C{i:08d}",
        # Every fifth old enough cart was bought after all (a recovered cart), without
        # drawing another random number so the rest of the demo data stays the same.
        status="recovered" if i % 5 == 0 and anchor - at > timedelta(days=2) else "abandoned",
        updated_at=at,
        abandoned_at=at,
        total_cents=total,
        currency="EUR",
    )


def _events(
    w: _Writer,
    rng: random.Random,
    c: _Shopper,
    staff: list[str],
    anchor: datetime,
    events_mean: float,
) -> None:
    """Timeline events: mailings, visits, surveys, tickets, product views."""
    n_events = int(rng.expovariate(1 / events_mean) + 0.5)
    for k in range(n_events):
        at = _when(rng, anchor, c.tenure_days)
        kind = rng.choices(tuple(_EVENT_WEIGHTS), tuple(_EVENT_WEIGHTS.values()))[0]
        # Drawn for every event, not only tickets, as the data was first seeded that way.
        ticket_subject = rng.choice(_TICKET_SUBJECTS)
        summary = ticket_subject if kind == "ticket" else _EVENT_SUMMARY[kind]
        score = None
        payload: dict[str, Any] = {}
        channel = _EVENT_CHANNEL.get(kind, "store")
        in_store = kind in ("store_visit", "event_attended")
        if kind == "survey":
            # One answer drawn on the 0-10 scale, rescaled for the other survey types: no extra
            # random draws, so every row seeded after this one stays the same.
            answer = min(10, max(0, int(rng.gauss(8, 2))))
            survey_type = ("nps", "csat", "ces")[(c.i + k) % 3]
            if survey_type == "csat":  # asked at the till after a purchase
                score = 1 + (answer * 4 + 5) // 10
                summary = "Encuesta de satisfacción en caja"
                in_store = True
            elif survey_type == "ces":  # effort: 1 (very easy) .. 7 (very hard)
                score = 7 - (answer * 6 + 5) // 10
                summary = "Encuesta de esfuerzo tras una gestión"
                channel = "email"
            else:
                score = answer
                summary = "Encuesta de recomendación (NPS)"
                channel = "email"
            payload = {"type": survey_type}
        w.add(
            Interaction,
            id=f"evt-{c.i:09d}-{k}",
            customer_id=c.cid,
            kind=kind,
            channel=channel,
            occurred_at=at,
            store_id=c.home["id"] if in_store else None,
            # Who served her in the store: from the indexes (no random draw), and not in step
            # with the survey type above, so till surveys spread over every assistant.
            staff_id=staff[(2 * c.i + k) % len(staff)] if in_store else None,
            summary=summary,
            score=score,
            payload=payload,
        )


def _note_and_task(w: _Writer, rng: random.Random, c: _Shopper, anchor: datetime) -> None:
    """Sometimes a note about her and, when she has an assistant, a follow-up task."""
    if rng.random() < 0.1:
        w.add(
            Note,
            id=f"not-{c.i:09d}",
            customer_id=c.cid,
            body=rng.choice(_NOTES),
            pinned=False,
            deleted=False,
            author_staff_id=None,
            created_at=c.created,
            updated_at=c.created,
            field_stamps={},
            field_authors={},
        )
    if c.assigned and rng.random() < 0.5:
        w.add(
            Task,
            id=f"tsk-{c.i:09d}",
            customer_id=c.cid,
            assigned_staff_id=c.assigned,
            kind="follow_up",
            title="Presentar novedades de temporada",
            details="",
            due_at=anchor + timedelta(days=rng.randrange(-3, 7)),
            status="open",
            outcome="",
            created_by_staff_id=None,
            created_at=anchor - timedelta(days=7),
            updated_at=anchor - timedelta(days=7),
            field_stamps={},
            field_authors={},
        )


_ACCENTS = str.maketrans("áéíóúüñçàèìòùÁÉÍÓÚÜÑÇ", "aeiouuncaeiouAEIOUUNC")


def _slug(text_: str) -> str:
    return "".join(ch for ch in text_.translate(_ACCENTS).lower() if ch.isalnum())


def iter_demo_credentials() -> Iterator[tuple[str, str, str]]:
    """(username, password, role) of the seeded staff, for the README and the demo."""
    yield "admin", ADMIN_PASSWORD, "admin"
    for code, *_ in STORES:
        low = code.lower()
        yield f"gerente.{low}", DEMO_PASSWORD, "manager"
        yield f"dependienta.{low}", DEMO_PASSWORD, "associate"
