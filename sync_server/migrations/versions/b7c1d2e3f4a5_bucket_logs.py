"""per-bucket change logs, field authors

Replaces the chain-wide change log with one compacted log per bucket (a store's customers,
the global catalogue, each store's stock), each with its own version counter and checksums.
The new logs are filled from the synced tables by ``sync_server.schema.upgrade`` right after
the migration (tablets on the old protocol must update and resync anyway).

Revision ID: b7c1d2e3f4a5
Revises: 6ae6abd13219
Create Date: 2026-12-07 18:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import clienteling.protocol.types
from alembic import op


revision: str = "b7c1d2e3f4a5"
down_revision: str | None = "6ae6abd13219"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "sync_bucket",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("epoch", sa.Integer(), nullable=False),
        sa.Column("min_version", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
    )
    op.create_table(
        "bucket_log",
        sa.Column("bucket_id", sa.Integer(), nullable=False),
        sa.Column("entity", sa.String(length=24), nullable=False),
        sa.Column("row_id", sa.String(length=120), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("op", sa.String(length=8), nullable=False),
        sa.Column("customer_id", sa.String(length=36), nullable=True),
        sa.Column("payload", sa.Text(), nullable=True),
        sa.Column("row_hash", sa.BigInteger(), nullable=True),
        sa.Column("stamp", sa.String(length=80), nullable=True),
        sa.Column("changed_at", clienteling.protocol.types.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("bucket_id", "entity", "row_id"),
        sa.UniqueConstraint("bucket_id", "version", name="uq_bucket_log_version"),
    )
    op.create_index("ix_bucket_log_customer", "bucket_log", ["bucket_id", "customer_id"])
    op.create_table(
        "bucket_checksum",
        sa.Column("bucket_id", sa.Integer(), nullable=False),
        sa.Column("entity", sa.String(length=24), nullable=False),
        sa.Column("count", sa.BigInteger(), nullable=False),
        sa.Column("total", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("bucket_id", "entity"),
    )
    with op.batch_alter_table("change_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_change_log_version"))
        batch_op.drop_index("ix_change_log_customer")
    op.drop_table("change_log")
    with op.batch_alter_table("sync_counter", schema=None) as batch_op:
        batch_op.drop_column("min_cursor")
        batch_op.drop_column("epoch")
    for table in ("customer", "note", "task"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column("field_authors", sa.JSON(), nullable=False, server_default="{}")
            )
    op.create_index("ix_audit_log_device_action_at", "audit_log", ["device_id", "action", "at"])
    op.create_index("ix_audit_log_staff_action_at", "audit_log", ["staff_id", "action", "at"])
    with op.batch_alter_table("device", schema=None) as batch_op:
        batch_op.drop_column("last_cursor")
        batch_op.add_column(sa.Column("last_cursor", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    raise NotImplementedError("the chain-wide change log cannot be rebuilt: restore a backup")
