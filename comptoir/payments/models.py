"""Payment transactions: every charge and refund, with its provider reference and status."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import Index, String
from sqlalchemy.orm import Mapped, mapped_column

from comptoir.core.clock import utcnow
from comptoir.db import Base


class PaymentTransaction(Base):
    __tablename__ = "payment_transactions"
    __table_args__ = (Index("ix_payment_transactions_order", "order_id", "position"),)

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    order_id: Mapped[str] = mapped_column(String(64))
    position: Mapped[int] = mapped_column(default=0)
    kind: Mapped[str] = mapped_column(String(10))  # payment | refund
    amount: Mapped[Decimal]
    currency: Mapped[str] = mapped_column(String(3))
    payment_method_id: Mapped[str | None] = mapped_column(String(64))
    method_kind: Mapped[str] = mapped_column(String(20))  # credit_card | paypal | gift_card | pay_link
    status: Mapped[str] = mapped_column(String(12))  # pending | succeeded | failed
    provider: Mapped[str] = mapped_column(String(40))
    provider_ref: Mapped[str | None] = mapped_column(String(200))
    pay_token: Mapped[str | None] = mapped_column(String(64), unique=True)
    idempotency_key: Mapped[str | None] = mapped_column(String(200), unique=True)
    error: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    settled_at: Mapped[datetime | None]
