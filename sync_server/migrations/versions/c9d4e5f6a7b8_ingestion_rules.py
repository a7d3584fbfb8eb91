"""ingestion rules: what an order, a return, an import and a store's time zone must hold

Revision ID: c9d4e5f6a7b8
Revises: befa211494db
Create Date: 2026-12-08 01:45:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import clienteling.protocol.types

revision: str = "c9d4e5f6a7b8"
down_revision: str | None = "befa211494db"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SKU_TABLES = ("product", "order_line", "return_record", "cart_line")


def upgrade() -> None:
    # orders: discounts, shipping, tax, total paid (helper for item 4/6)
    with op.batch_alter_table("order", schema=None) as batch_op:
        for name in ("discount_cents", "shipping_cents", "tax_cents", "paid_cents"):
            batch_op.add_column(sa.Column(name, sa.Integer(), nullable=False, server_default="0"))
        batch_op.add_column(
            sa.Column("prices_include_tax", sa.Boolean(), nullable=False, server_default=sa.true())
        )
        batch_op.add_column(
            sa.Column("updated_at", clienteling.protocol.types.UTCDateTime(), nullable=True)
        )
    # Orders recorded before these fields were paid exactly their lines.
    op.execute('UPDATE "order" SET paid_cents = total_cents')
    # returns: link to their order (helper for item 1/5)
    # import jobs (helper for item 7)
    op.create_table(
        "import_job",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("state", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.Column("staff_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
        sa.Column("file_name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("rows_total", sa.Integer(), nullable=False),
        sa.Column("rows_done", sa.Integer(), nullable=False),
        sa.Column("report", sa.JSON(), nullable=True),
        sa.Column("errors", sa.JSON(), nullable=False),
        sa.Column("message", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column("created_at", clienteling.protocol.types.UTCDateTime(), nullable=False),
        sa.Column("started_at", clienteling.protocol.types.UTCDateTime(), nullable=True),
        sa.Column("finished_at", clienteling.protocol.types.UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("import_job", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_import_job_created_at"), ["created_at"], unique=False)
    # SKUs up to 64 characters (helper for items 2/3/8/9). SQLite does not enforce VARCHAR
    # lengths, so only other databases need the wider column.
    if op.get_bind().dialect.name != "sqlite":
        for table in SKU_TABLES:
            op.alter_column(table, "sku", type_=sa.String(64), existing_type=sa.String(40))
    pass


def downgrade() -> None:
    # SKUs up to 64 characters (helper for items 2/3/8/9); fails while longer ones are stored.
    if op.get_bind().dialect.name != "sqlite":
        for table in SKU_TABLES:
            op.alter_column(table, "sku", type_=sa.String(40), existing_type=sa.String(64))
    # import jobs (helper for item 7)
    with op.batch_alter_table("import_job", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_import_job_created_at"))
    op.drop_table("import_job")
    # returns: link to their order (helper for item 1/5)
    # orders: discounts, shipping, tax, total paid (helper for item 4/6)
    with op.batch_alter_table("order", schema=None) as batch_op:
        for name in (
            "updated_at",
            "prices_include_tax",
            "paid_cents",
            "tax_cents",
            "shipping_cents",
            "discount_cents",
        ):
            batch_op.drop_column(name)
    pass
