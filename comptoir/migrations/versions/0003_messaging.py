"""messaging: the durable inbox of the live channels

Revision ID: 0003_messaging
Revises: 0001
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_messaging"
down_revision: str | None = "0002_search"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "messaging_inbox",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("conversation_id", sa.String(length=64), nullable=False),
        sa.Column("client_message_id", sa.String(length=100), nullable=False),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("payload", sa.String(length=500), nullable=True),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("processed_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["conversation_id"], ["conversations.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("conversation_id", "client_message_id"),
    )
    with op.batch_alter_table("messaging_inbox", schema=None) as batch_op:
        batch_op.create_index("ix_messaging_inbox_pending", ["conversation_id", "processed_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("messaging_inbox", schema=None) as batch_op:
        batch_op.drop_index("ix_messaging_inbox_pending")
    op.drop_table("messaging_inbox")
