"""auth: staff sessions with rotated tokens, sign-in throttling, expiring device tokens

Revision ID: befa211494db
Revises: b7c1d2e3f4a5
Create Date: 2026-12-07 18:06:25.587298

Old 12-hour staff sessions are dropped (everyone signs in again). Enrolled devices keep their
token, which now expires 30 days after this upgrade (tablets rotate it at half its life).
"""

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
import clienteling.protocol.types
import sqlmodel
from alembic import op


revision: str = 'befa211494db'
down_revision: str | None = 'b7c1d2e3f4a5'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

DEVICE_TOKEN_DAYS = 30


def upgrade() -> None:
    with op.batch_alter_table('staff_session', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_staff_session_staff_id'))
    op.drop_table('staff_session')
    op.create_table('staff_session',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('staff_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('device_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
    sa.Column('created_at', clienteling.protocol.types.UTCDateTime(), nullable=False),
    sa.Column('expires_at', clienteling.protocol.types.UTCDateTime(), nullable=False),
    sa.Column('ended_at', clienteling.protocol.types.UTCDateTime(), nullable=True),
    sa.Column('end_reason', sqlmodel.sql.sqltypes.AutoString(length=24), nullable=True),
    sa.Column('client_address', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('staff_session', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_staff_session_staff_id'), ['staff_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_staff_session_device_id'), ['device_id'], unique=False)

    op.create_table('staff_token',
    sa.Column('token_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('session_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
    sa.Column('expires_at', clienteling.protocol.types.UTCDateTime(), nullable=False),
    sa.Column('used_at', clienteling.protocol.types.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['session_id'], ['staff_session.id'], ),
    sa.PrimaryKeyConstraint('token_hash')
    )
    with op.batch_alter_table('staff_token', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_staff_token_expires_at'), ['expires_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_staff_token_session_id'), ['session_id'], unique=False)

    op.create_table('sign_in_throttle',
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
    sa.Column('key', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('failures', sa.Integer(), nullable=False),
    sa.Column('last_failure_at', clienteling.protocol.types.UTCDateTime(), nullable=True),
    sa.Column('blocked_until', clienteling.protocol.types.UTCDateTime(), nullable=True),
    sa.PrimaryKeyConstraint('kind', 'key')
    )
    with op.batch_alter_table('sign_in_throttle', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sign_in_throttle_last_failure_at'), ['last_failure_at'], unique=False)

    with op.batch_alter_table('device', schema=None) as batch_op:
        batch_op.add_column(sa.Column('token_issued_at', clienteling.protocol.types.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column('token_expires_at', clienteling.protocol.types.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column('previous_token_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True))
        batch_op.add_column(sa.Column('previous_token_valid_until', clienteling.protocol.types.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column('lost_at', clienteling.protocol.types.UTCDateTime(), nullable=True))
        batch_op.create_index(batch_op.f('ix_device_enrolled_by_staff_id'), ['enrolled_by_staff_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_device_previous_token_hash'), ['previous_token_hash'], unique=True)
    now = datetime.now(UTC).replace(tzinfo=None)
    op.get_bind().execute(
        sa.text('UPDATE device SET token_issued_at = :now, token_expires_at = :expires'),
        {'now': now, 'expires': now + timedelta(days=DEVICE_TOKEN_DAYS)},
    )
    with op.batch_alter_table('device', schema=None) as batch_op:
        batch_op.alter_column('token_issued_at', existing_type=clienteling.protocol.types.UTCDateTime(), nullable=False)
        batch_op.alter_column('token_expires_at', existing_type=clienteling.protocol.types.UTCDateTime(), nullable=False)


def downgrade() -> None:
    with op.batch_alter_table('device', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_device_previous_token_hash'))
        batch_op.drop_index(batch_op.f('ix_device_enrolled_by_staff_id'))
        batch_op.drop_column('lost_at')
        batch_op.drop_column('previous_token_valid_until')
        batch_op.drop_column('previous_token_hash')
        batch_op.drop_column('token_expires_at')
        batch_op.drop_column('token_issued_at')

    with op.batch_alter_table('sign_in_throttle', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sign_in_throttle_last_failure_at'))
    op.drop_table('sign_in_throttle')
    with op.batch_alter_table('staff_token', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_staff_token_session_id'))
        batch_op.drop_index(batch_op.f('ix_staff_token_expires_at'))
    op.drop_table('staff_token')

    with op.batch_alter_table('staff_session', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_staff_session_device_id'))
        batch_op.drop_index(batch_op.f('ix_staff_session_staff_id'))
    op.drop_table('staff_session')
    op.create_table('staff_session',
    sa.Column('token_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('staff_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('created_at', clienteling.protocol.types.UTCDateTime(), nullable=False),
    sa.Column('expires_at', clienteling.protocol.types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], ),
    sa.PrimaryKeyConstraint('token_hash')
    )
    with op.batch_alter_table('staff_session', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_staff_session_staff_id'), ['staff_id'], unique=False)
