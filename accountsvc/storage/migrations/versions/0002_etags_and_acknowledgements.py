"""etags on billing information and technical contacts; lint acknowledgements

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade() -> None:
    for table in ("billing_info", "technical_contacts"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            # Rows written before etags existed get an empty one: any update matches it.
            batch_op.add_column(
                sa.Column("etag", sa.String(length=64), nullable=False, server_default="")
            )
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column("etag", server_default=None)
    with op.batch_alter_table("accounts", schema=None) as batch_op:
        batch_op.create_index("ix_accounts_state_id", ["state", "id"], unique=False)
    op.create_table(
        "lint_acknowledgements",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("account_id", sa.String(length=40), nullable=False),
        sa.Column("resource", sa.String(length=80), nullable=False),
        sa.Column("rule", sa.String(length=8), nullable=False),
        sa.Column("field", sa.String(length=80), nullable=False),
        sa.Column("create_time", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["account_id"], ["accounts.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("lint_acknowledgements", schema=None) as batch_op:
        batch_op.create_index(
            "ix_lint_acknowledgements_resource", ["account_id", "resource"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("lint_acknowledgements", schema=None) as batch_op:
        batch_op.drop_index("ix_lint_acknowledgements_resource")
    op.drop_table("lint_acknowledgements")
    with op.batch_alter_table("accounts", schema=None) as batch_op:
        batch_op.drop_index("ix_accounts_state_id")
    for table in ("technical_contacts", "billing_info"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("etag")
