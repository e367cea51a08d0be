"""Conversation tables: the conversation (with its state snapshot), its append-only event log, and the
messages shown to people (each with a per-conversation sequence number)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from comptoir.core.clock import utcnow
from comptoir.db import Base


class Conversation(Base):
    __tablename__ = "conversations"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64))
    channel: Mapped[str] = mapped_column(String(20), default="api")
    language: Mapped[str | None] = mapped_column(String(8))
    language_fixed: Mapped[bool] = mapped_column(default=False)
    customer_id: Mapped[str | None] = mapped_column(String(64), index=True)
    owner: Mapped[str] = mapped_column(String(12), default="bot")  # bot | waiting | agent | closed
    agent_name: Mapped[str | None] = mapped_column(String(120))
    last_seq: Mapped[int] = mapped_column(default=0)
    last_event: Mapped[int] = mapped_column(default=0)
    snapshot: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class ConversationEvent(Base):
    """One thing that happened: the shopper said, the bot said, a slot was set, a service was called,
    the owner changed. The conversation's state is a fold over these."""

    __tablename__ = "conversation_events"
    __table_args__ = (UniqueConstraint("conversation_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    conversation_id: Mapped[str] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"))
    number: Mapped[int]
    type: Mapped[str] = mapped_column(String(40))
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ConversationMessage(Base):
    __tablename__ = "conversation_messages"
    __table_args__ = (
        UniqueConstraint("conversation_id", "seq"),
        UniqueConstraint("conversation_id", "client_message_id"),
        Index("ix_conversation_messages_reply", "conversation_id", "reply_to"),
    )

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    conversation_id: Mapped[str] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"))
    seq: Mapped[int]
    author: Mapped[str] = mapped_column(String(10))  # shopper | bot | agent | system
    agent_name: Mapped[str | None] = mapped_column(String(120))
    text: Mapped[str] = mapped_column(Text, default="")
    language: Mapped[str | None] = mapped_column(String(8))
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)  # products, quick_replies, order, cart…
    client_message_id: Mapped[str | None] = mapped_column(String(100))
    reply_to: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class TurnLabel(Base):
    """What a reviewing agent says a shopper's turn meant: training data for ``comptoir train``."""

    __tablename__ = "turn_labels"

    message_id: Mapped[str] = mapped_column(
        ForeignKey("conversation_messages.id", ondelete="CASCADE"), primary_key=True
    )
    conversation_id: Mapped[str] = mapped_column(String(64), index=True)
    intent: Mapped[str] = mapped_column(String(40))
    entities: Mapped[list[Any]] = mapped_column(default=list)  # [start, end, label, value]
    labelled_by: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
