"""Server tables. Synced tables extend the shared wire bases; server-only state lives here too.

A synced class names its wire entity in ``__entity__``; the change-log hook uses it to record a
version for every insert, update and delete.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy import JSON, BigInteger, Column, Index, Integer, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from clienteling.protocol import rows
from clienteling.protocol.types import UTCDateTime, utcnow


class Store(rows.StoreBase, table=True):
    __entity__: ClassVar[str] = "store"


class Staff(rows.StaffBase, table=True):
    __entity__: ClassVar[str] = "staff"
    password_hash: str = Field(max_length=200)
    pin_hash: str | None = Field(default=None, max_length=200)


class Product(rows.ProductBase, table=True):
    __entity__: ClassVar[str] = "product"


class Stock(rows.StockBase, table=True):
    __entity__: ClassVar[str] = "stock"


class Customer(rows.CustomerBase, table=True):
    __entity__: ClassVar[str] = "customer"
    merged_into_id: str | None = Field(default=None, index=True, max_length=36)
    field_stamps: dict[str, str] = Field(default_factory=dict, sa_type=JSON)
    field_authors: dict[str, str] = Field(default_factory=dict, sa_type=JSON)


class Identity(rows.IdentityBase, table=True):
    __entity__: ClassVar[str] = "identity"
    __table_args__ = (UniqueConstraint("kind", "value", name="uq_identity_kind_value"),)


class Consent(rows.ConsentBase, table=True):
    __entity__: ClassVar[str] = "consent"


class Order(rows.OrderBase, table=True):
    __entity__: ClassVar[str] = "order"
    __table_args__ = (UniqueConstraint("channel", "external_id", name="uq_order_channel_ext"),)


class OrderLine(rows.OrderLineBase, table=True):
    __tablename__: ClassVar[Any] = "order_line"
    __entity__: ClassVar[str] = "order_line"


class Return(rows.ReturnBase, table=True):
    __tablename__: ClassVar[Any] = "return_record"
    __entity__: ClassVar[str] = "return"


class Cart(rows.CartBase, table=True):
    __entity__: ClassVar[str] = "cart"
    __table_args__ = (UniqueConstraint("channel", "external_id", name="uq_cart_channel_ext"),)


class CartLine(rows.CartLineBase, table=True):
    __tablename__: ClassVar[Any] = "cart_line"
    __entity__: ClassVar[str] = "cart_line"


class Interaction(rows.InteractionBase, table=True):
    __entity__: ClassVar[str] = "interaction"


class LoyaltyAccount(rows.LoyaltyAccountBase, table=True):
    __tablename__: ClassVar[Any] = "loyalty_account"
    __entity__: ClassVar[str] = "loyalty_account"


class LoyaltyEntry(rows.LoyaltyEntryBase, table=True):
    __tablename__: ClassVar[Any] = "loyalty_entry"
    __entity__: ClassVar[str] = "loyalty_entry"


class Coupon(rows.CouponBase, table=True):
    __entity__: ClassVar[str] = "coupon"


class Note(rows.NoteBase, table=True):
    __entity__: ClassVar[str] = "note"
    field_stamps: dict[str, str] = Field(default_factory=dict, sa_type=JSON)
    field_authors: dict[str, str] = Field(default_factory=dict, sa_type=JSON)


class Task(rows.TaskBase, table=True):
    __entity__: ClassVar[str] = "task"
    field_stamps: dict[str, str] = Field(default_factory=dict, sa_type=JSON)
    field_authors: dict[str, str] = Field(default_factory=dict, sa_type=JSON)


class CustomerMetrics(rows.CustomerMetricsBase, table=True):
    __tablename__: ClassVar[Any] = "customer_metrics"
    __entity__: ClassVar[str] = "customer_metrics"


class Recommendation(rows.RecommendationBase, table=True):
    __entity__: ClassVar[str] = "recommendation"


SYNCED_MODELS: dict[str, type[SQLModel]] = {
    cls.__entity__: cls
    for cls in (
        Store,
        Staff,
        Product,
        Stock,
        Customer,
        Identity,
        Consent,
        Order,
        OrderLine,
        Return,
        Cart,
        CartLine,
        Interaction,
        LoyaltyAccount,
        LoyaltyEntry,
        Coupon,
        Note,
        Task,
        CustomerMetrics,
        Recommendation,
    )
}


# --- server-only state -------------------------------------------------------------------


class SyncCounter(SQLModel, table=True):
    """One row that SQLite write transactions update first, to take the database's write lock.

    SQLite has one writer at a time anyway; taking the lock at the start of a transaction
    (instead of when its first write comes) avoids "database is locked" when two transactions
    that both read first try to upgrade. PostgreSQL does not use it.
    """

    __tablename__: ClassVar[Any] = "sync_counter"
    id: int = Field(primary_key=True)
    value: int = Field(default=0, sa_column=Column(BigInteger, nullable=False, default=0))


class SyncBucket(SQLModel, table=True):
    """A bucket: the rows one kind of subscriber receives, with its own version counter.

    ``version`` is the last version handed out in this bucket; writers take it with
    ``UPDATE ... SET version = version + k RETURNING version`` just before they commit, so the
    row lock orders the bucket's versions by commit. ``epoch`` changes when its tombstones
    are compacted up to ``min_version``.
    """

    __tablename__: ClassVar[Any] = "sync_bucket"
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=80, sa_column_kwargs={"unique": True})
    version: int = Field(default=0, sa_column=Column(BigInteger, nullable=False, default=0))
    epoch: int = Field(default=0, sa_column=Column(Integer, nullable=False, default=0))
    min_version: int = Field(default=0, sa_column=Column(BigInteger, nullable=False, default=0))


class BucketLog(SQLModel, table=True):
    """Compacted change log of one bucket: the latest version of each row (or its tombstone).

    ``payload`` is the row's canonical wire JSON, so a pull is one index range scan per bucket
    that splices ready-made JSON into the page; ``row_hash`` keeps the bucket's checksum
    additive; ``stamp`` is the newest last-writer-wins stamp of the row, which the tablet's
    clock must move past.
    """

    __tablename__: ClassVar[Any] = "bucket_log"
    __table_args__ = (
        UniqueConstraint("bucket_id", "version", name="uq_bucket_log_version"),
        Index("ix_bucket_log_customer", "bucket_id", "customer_id"),
    )
    bucket_id: int = Field(primary_key=True)
    entity: str = Field(primary_key=True, max_length=24)
    row_id: str = Field(primary_key=True, max_length=120)
    version: int = Field(sa_column=Column(BigInteger, nullable=False))
    op: str = Field(max_length=8)
    customer_id: str | None = Field(default=None, max_length=36)
    payload: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    row_hash: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    stamp: str | None = Field(default=None, max_length=80)
    changed_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class BucketChecksum(SQLModel, table=True):
    """Per bucket and entity: row count and sum of row hashes mod 2^32, kept as rows change."""

    __tablename__: ClassVar[Any] = "bucket_checksum"
    bucket_id: int = Field(primary_key=True)
    entity: str = Field(primary_key=True, max_length=24)
    count: int = Field(default=0, sa_column=Column(BigInteger, nullable=False, default=0))
    total: int = Field(default=0, sa_column=Column(BigInteger, nullable=False, default=0))


class CustomerScope(SQLModel, table=True):
    """Why a customer is in a store's bucket (home store, purchase, assignment, lookup)."""

    __tablename__: ClassVar[Any] = "customer_scope"
    customer_id: str = Field(primary_key=True, max_length=36)
    store_id: str = Field(primary_key=True, index=True, max_length=36)
    reason: str = Field(primary_key=True, max_length=16)
    since: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Device(SQLModel, table=True):
    """An enrolled tablet. Its token expires and rotates; ``previous_token_hash`` keeps the
    token it replaced working for a grace period (until the new one is first used).

    ``revoked_at`` alone means *retired* (it may still push its queued edits); ``lost_at``
    means reported lost (refused everything). Both tell the tablet to wipe itself.
    """

    id: str = Field(primary_key=True, max_length=36)
    store_id: str = Field(foreign_key="store.id", index=True, max_length=36)
    name: str = Field(max_length=120)
    token_hash: str = Field(index=True, unique=True, max_length=64)
    token_issued_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    token_expires_at: datetime = Field(sa_type=UTCDateTime)
    previous_token_hash: str | None = Field(default=None, index=True, unique=True, max_length=64)
    previous_token_valid_until: datetime | None = Field(default=None, sa_type=UTCDateTime)
    enrolled_by_staff_id: str | None = Field(default=None, index=True, max_length=36)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    lost_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    last_seen_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    last_cursor: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))


class StaffSession(SQLModel, table=True):
    """One sign-in. ``id`` is public (edits name it); its tokens live in ``staff_token``.

    A session bound to a device (``device_id``) is how the server knows who authored the
    edits that device pushes. It ends at ``expires_at`` or earlier (``ended_at``: signed
    out, refresh token reused, password changed, device revoked, staff deactivated).
    """

    __tablename__: ClassVar[Any] = "staff_session"
    id: str = Field(primary_key=True, max_length=36)
    staff_id: str = Field(foreign_key="staff.id", index=True, max_length=36)
    device_id: str | None = Field(default=None, index=True, max_length=36)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    expires_at: datetime = Field(sa_type=UTCDateTime)
    ended_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    end_reason: str | None = Field(default=None, max_length=24)
    client_address: str = Field(default="", max_length=64)


class StaffToken(SQLModel, table=True):
    """An access or refresh token of a session, by SHA-256 digest only.

    Used refresh tokens are kept (``used_at``) until they expire: presenting one again is the
    sign of a stolen token and ends the session.
    """

    __tablename__: ClassVar[Any] = "staff_token"
    token_hash: str = Field(primary_key=True, max_length=64)
    session_id: str = Field(foreign_key="staff_session.id", index=True, max_length=36)
    kind: str = Field(max_length=8)
    expires_at: datetime = Field(sa_type=UTCDateTime, index=True)
    used_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class SignInThrottle(SQLModel, table=True):
    """Recent failed sign-ins per account (``kind='account'``) or client address."""

    __tablename__: ClassVar[Any] = "sign_in_throttle"
    kind: str = Field(primary_key=True, max_length=8)
    key: str = Field(primary_key=True, max_length=64)
    failures: int = 0
    last_failure_at: datetime | None = Field(default=None, sa_type=UTCDateTime, index=True)
    blocked_until: datetime | None = Field(default=None, sa_type=UTCDateTime)


class AppliedMutation(SQLModel, table=True):
    """Per device, every mutation id applied and its outcome: a retry gets the same answer."""

    __tablename__: ClassVar[Any] = "applied_mutation"
    device_id: str = Field(primary_key=True, max_length=36)
    mutation_id: str = Field(primary_key=True, max_length=64)
    kind: str = Field(max_length=24)
    status: str = Field(max_length=12)
    outcome: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    applied_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class AuditLog(SQLModel, table=True):
    __tablename__: ClassVar[Any] = "audit_log"
    __table_args__ = (
        Index("ix_audit_log_device_action_at", "device_id", "action", "at"),
        Index("ix_audit_log_staff_action_at", "staff_id", "action", "at"),
    )
    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)
    staff_id: str | None = Field(default=None, index=True, max_length=36)
    device_id: str | None = Field(default=None, max_length=36)
    store_id: str | None = Field(default=None, index=True, max_length=36)
    customer_id: str | None = Field(default=None, index=True, max_length=36)
    action: str = Field(max_length=40)
    detail: str = Field(default="", max_length=500)


class CustomerMerge(SQLModel, table=True):
    """A merge of two golden records, with what moved, so an admin can split them again."""

    __tablename__: ClassVar[Any] = "customer_merge"
    id: str = Field(primary_key=True, max_length=36)
    survivor_id: str = Field(index=True, max_length=36)
    merged_id: str = Field(index=True, max_length=36)
    reason: str = Field(max_length=200)
    by_staff_id: str | None = Field(default=None, max_length=36)
    at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    moved: dict[str, list[str]] = Field(default_factory=dict, sa_type=JSON)
    undone_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class Erasure(SQLModel, table=True):
    """Proof that an erasure was done, without keeping who was erased in clear."""

    id: int | None = Field(default=None, primary_key=True)
    customer_hash: str = Field(max_length=64)
    at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    by_staff_id: str | None = Field(default=None, max_length=36)
    rows_removed: int = 0


class ImportJob(SQLModel, table=True):
    """A POS file import run in the background, so the upload answers at once and the status
    endpoint can say how far it got and, at the end, what it imported or which rows it refused."""

    __tablename__: ClassVar[Any] = "import_job"
    id: str = Field(primary_key=True, max_length=36)
    kind: str = Field(default="pos_sales", max_length=16)
    state: str = Field(default="queued", max_length=8)
    staff_id: str | None = Field(default=None, max_length=36)
    file_name: str = Field(default="", max_length=200)
    rows_total: int = 0
    rows_done: int = 0
    report: dict[str, Any] | None = Field(default=None, sa_type=JSON)
    errors: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSON)
    message: str = Field(default="", max_length=500)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)
    started_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    finished_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


from sync_server.outreach import models as _outreach_models  # noqa: E402, F401  (outreach tables)
