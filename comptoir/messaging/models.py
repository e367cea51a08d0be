"""The durable inbox: every shopper message the live channels receive, written before it is acknowledged."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from comptoir.core.clock import utcnow
from comptoir.db import Base


class InboxEntry(Base):
    """One received message, keyed by the sender's ``client_message_id``: a resend finds its first copy.

    ``processed_at`` is set in the same transaction as the conversation's turn, so an entry accepted but
    never processed (a crash between the acknowledgement and the turn) is found again and run later.
    """

    __tablename__ = "messaging_inbox"
    __table_args__ = (
        UniqueConstraint("conversation_id", "client_message_id"),
        Index("ix_messaging_inbox_pending", "conversation_id", "processed_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    conversation_id: Mapped[str] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"))
    client_message_id: Mapped[str] = mapped_column(String(100))
    channel: Mapped[str] = mapped_column(String(20), default="web")
    text: Mapped[str | None] = mapped_column(Text)
    payload: Mapped[str | None] = mapped_column(String(500))
    received_at: Mapped[datetime] = mapped_column(default=utcnow)
    processed_at: Mapped[datetime | None] = mapped_column(default=None)
