"""Commerce tables: carts, orders, lines, fulfilments, return/exchange requests and the audit trail."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from comptoir.core.clock import utcnow
from comptoir.db import Base


class Cart(Base):
    __tablename__ = "carts"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    customer_id: Mapped[str | None] = mapped_column(String(64), index=True)
    status: Mapped[str] = mapped_column(String(12), default="open")  # open | converted
    order_id: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    lines: Mapped[list[CartLine]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="CartLine.id"
    )


class CartLine(Base):
    __tablename__ = "cart_lines"
    __table_args__ = (UniqueConstraint("cart_id", "variant_id"),)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    cart_id: Mapped[str] = mapped_column(ForeignKey("carts.id", ondelete="CASCADE"))
    variant_id: Mapped[str] = mapped_column(String(64))
    quantity: Mapped[int]


class Order(Base):
    __tablename__ = "orders"
    __table_args__ = (Index("ix_orders_customer", "customer_id", "customer_seq"),)

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    customer_id: Mapped[str | None] = mapped_column(String(64))
    customer_seq: Mapped[int] = mapped_column(default=0)
    guest_name: Mapped[str | None] = mapped_column(String(240))
    guest_email: Mapped[str | None] = mapped_column(String(320))
    status: Mapped[str] = mapped_column(String(40), index=True)
    currency: Mapped[str] = mapped_column(String(3))
    language: Mapped[str] = mapped_column(String(8), default="en")
    address: Mapped[dict[str, Any]]
    shipping_option_id: Mapped[str | None] = mapped_column(String(64))
    shipping_name: Mapped[str | None] = mapped_column(String(200))
    shipping_cost: Mapped[Decimal] = mapped_column(default=Decimal(0))
    tax_total: Mapped[Decimal] = mapped_column(default=Decimal(0))
    payment_method_id: Mapped[str | None] = mapped_column(String(64))
    cancel_reason: Mapped[str | None] = mapped_column(String(200))
    item_modifications: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    delivered_at: Mapped[datetime | None]

    lines: Mapped[list[OrderLine]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="OrderLine.position"
    )
    fulfilments: Mapped[list[Fulfilment]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="Fulfilment.position"
    )
    requests: Mapped[list[OrderRequest]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="OrderRequest.id"
    )


class OrderLine(Base):
    """One unit of one item: two identical items stay two lines."""

    __tablename__ = "order_lines"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    order_id: Mapped[str] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    product_id: Mapped[str] = mapped_column(String(64))
    variant_id: Mapped[str] = mapped_column(String(64), index=True)
    name: Mapped[str] = mapped_column(String(300))
    options: Mapped[dict[str, Any]]
    price: Mapped[Decimal]


class Fulfilment(Base):
    __tablename__ = "fulfilments"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    order_id: Mapped[str] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    carrier: Mapped[str | None] = mapped_column(String(80))
    tracking_ids: Mapped[list[str]]
    item_ids: Mapped[list[str]]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class OrderRequest(Base):
    """A return or an exchange asked for on a delivered order."""

    __tablename__ = "order_requests"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    order_id: Mapped[str] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(10))  # return | exchange
    item_ids: Mapped[list[str]]
    new_item_ids: Mapped[list[str]] = mapped_column(default=list)
    payment_method_id: Mapped[str]
    price_difference: Mapped[Decimal | None]
    reason: Mapped[str | None] = mapped_column(String(80))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class OrderEvent(Base):
    """The audit trail: one row per transition or change of an order."""

    __tablename__ = "order_events"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    order_id: Mapped[str] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    from_status: Mapped[str | None] = mapped_column(String(40))
    to_status: Mapped[str | None] = mapped_column(String(40))
    actor: Mapped[str] = mapped_column(String(80), default="system")
    data: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
