"""Orders in bulk, for data interchange: importing a shop's past orders as they are, and reading every
order back at once for exporters.

An imported order keeps its id, lines (in order, with the name, options and price they were sold at),
status, fulfilments, address, its place among the customer's orders and its payment history, which goes
through the payments context as already settled transactions. Nothing is charged, refunded or taken
from stock: the history is recorded, not replayed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, Field
from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from comptoir.commerce.errors import InvalidCheckout
from comptoir.commerce.models import Fulfilment, Order, OrderEvent, OrderLine, OrderRequest
from comptoir.commerce.records import load_order, order_view
from comptoir.commerce.schemas import (
    FulfilmentView,
    OrderLineView,
    OrderRequestView,
    OrderView,
)
from comptoir.commerce.states import OrderStatus
from comptoir.core.clock import utcnow
from comptoir.core.money import quantize
from comptoir.payments import TransactionView, list_transactions, record_history


class ImportedLine(BaseModel):
    product_id: str = Field(max_length=64)
    item_id: str = Field(max_length=64)
    name: str = Field(max_length=300)
    options: dict[str, Any]
    price: Decimal


class ImportedFulfilment(BaseModel):
    carrier: str | None = None
    tracking_ids: list[str]
    item_ids: list[str]


class ImportedTransaction(BaseModel):
    kind: Literal["payment", "refund"]
    amount: Decimal = Field(ge=0)
    payment_method_id: str
    method_kind: str


class ImportedRequest(BaseModel):
    kind: Literal["return", "exchange"]
    item_ids: list[str]
    new_item_ids: list[str] = Field(default_factory=list)
    payment_method_id: str
    price_difference: Decimal | None = None
    reason: str | None = None


class ImportedOrder(BaseModel):
    id: str = Field(min_length=1, max_length=64)
    customer_id: str | None
    customer_seq: int = Field(default=0, ge=0)
    status: OrderStatus
    address: dict[str, str]
    language: str = "en"
    lines: list[ImportedLine] = Field(min_length=1)
    fulfilments: list[ImportedFulfilment] = Field(default_factory=list)
    payments: list[ImportedTransaction] = Field(default_factory=list)
    requests: list[ImportedRequest] = Field(default_factory=list)
    cancel_reason: str | None = None


def import_orders(session: Session, orders: Sequence[ImportedOrder], *, currency: str) -> int:
    """Insert past orders as they are, in bulk. Returns the count.

    Ids must be new; customers, items and payment methods are taken as given (the importer brings
    them in first through their own contexts).
    """
    ids = [o.id for o in orders]
    if len(set(ids)) != len(ids):
        raise InvalidCheckout("an order id appears twice in the import", code="duplicate_order")
    existing: set[str] = set()
    for start in range(0, len(ids), 500):
        existing.update(session.scalars(select(Order.id).where(Order.id.in_(ids[start : start + 500]))))
    if existing:
        raise InvalidCheckout(f"order '{sorted(existing)[0]}' already exists", code="order_exists")
    # plain bulk INSERTs (a few statements for thousands of rows) rather than one object per row
    now = utcnow()
    order_rows: list[dict[str, Any]] = []
    line_rows: list[dict[str, Any]] = []
    fulfilment_rows: list[dict[str, Any]] = []
    request_rows: list[dict[str, Any]] = []
    for data in orders:
        first_payment = next((t for t in data.payments if t.kind == "payment"), None)
        order_rows.append(
            {
                "id": data.id,
                "customer_id": data.customer_id,
                "customer_seq": data.customer_seq,
                "status": data.status.value,
                "currency": currency,
                "language": data.language,
                "address": dict(data.address),
                "shipping_cost": Decimal("0.00"),
                "tax_total": Decimal("0.00"),
                "payment_method_id": first_payment.payment_method_id if first_payment else None,
                "cancel_reason": data.cancel_reason,
                "item_modifications": 1 if data.status == OrderStatus.PENDING_ITEM_MODIFIED else 0,
                "created_at": now,
                "updated_at": now,
            }
        )
        line_rows.extend(
            {
                "order_id": data.id,
                "position": i,
                "product_id": line.product_id,
                "variant_id": line.item_id,
                "name": line.name,
                "options": dict(line.options),
                "price": quantize(line.price, currency),
            }
            for i, line in enumerate(data.lines)
        )
        fulfilment_rows.extend(
            {
                "order_id": data.id,
                "position": i,
                "carrier": f.carrier,
                "tracking_ids": list(f.tracking_ids),
                "item_ids": list(f.item_ids),
                "created_at": now,
            }
            for i, f in enumerate(data.fulfilments)
        )
        request_rows.extend(
            {
                "order_id": data.id,
                "kind": r.kind,
                "item_ids": list(r.item_ids),
                "new_item_ids": list(r.new_item_ids),
                "payment_method_id": r.payment_method_id,
                "price_difference": None
                if r.price_difference is None
                else quantize(r.price_difference, currency),
                "reason": r.reason,
                "created_at": now,
            }
            for r in data.requests
        )
    events = [
        {
            "order_id": o["id"],
            "kind": "imported",
            "from_status": None,
            "to_status": o["status"],
            "actor": "import",
            "data": {},
            "created_at": now,
        }
        for o in order_rows
    ]
    for model, values in (
        (Order, order_rows),
        (OrderLine, line_rows),
        (Fulfilment, fulfilment_rows),
        (OrderRequest, request_rows),
        (OrderEvent, events),
    ):
        if values:
            session.execute(insert(model), values)
    for data in orders:
        for position, t in enumerate(data.payments):
            record_history(
                session,
                order_id=data.id,
                kind=t.kind,
                amount=t.amount,
                currency=currency,
                method_id=t.payment_method_id,
                method_kind=t.method_kind,
                position=position,
                flush=False,
            )
    session.flush()
    return len(order_rows)


def all_order_views(
    session: Session, *, payments: Mapping[str, list[TransactionView]] | None = None
) -> list[OrderView]:
    """Every order, sorted by customer and then in the order each customer placed them (exporters).

    The views are ``get_order``'s; they are read as plain rows in four queries, so that exporting a
    store of thousands of orders takes a fraction of a second. ``payments`` is every order's
    transactions (all statuses), read in bulk by the caller from the payments context; without it
    they are read order by order.
    """
    lines: dict[str, list[OrderLineView]] = {}
    for r in session.execute(select(OrderLine.__table__).order_by(OrderLine.order_id, OrderLine.position)):
        lines.setdefault(r.order_id, []).append(
            OrderLineView(
                position=r.position,
                item_id=r.variant_id,
                product_id=r.product_id,
                name=r.name,
                options=dict(r.options),
                price=r.price,
            )
        )
    fulfilments: dict[str, list[FulfilmentView]] = {}
    for r in session.execute(select(Fulfilment.__table__).order_by(Fulfilment.order_id, Fulfilment.position)):
        fulfilments.setdefault(r.order_id, []).append(
            FulfilmentView(carrier=r.carrier, tracking_ids=list(r.tracking_ids), item_ids=list(r.item_ids))
        )
    requests: dict[str, list[OrderRequestView]] = {}
    for r in session.execute(select(OrderRequest.__table__).order_by(OrderRequest.order_id, OrderRequest.id)):
        requests.setdefault(r.order_id, []).append(
            OrderRequestView(
                kind=r.kind,
                item_ids=list(r.item_ids),
                new_item_ids=list(r.new_item_ids),
                payment_method_id=r.payment_method_id,
                price_difference=r.price_difference,
                reason=r.reason,
            )
        )

    def history(order_id: str) -> list[TransactionView]:
        if payments is not None:
            return payments.get(order_id, [])
        return list_transactions(session, order_id, settled_only=False)

    views: list[OrderView] = []
    orders = session.execute(
        select(Order.__table__).order_by(Order.customer_id, Order.customer_seq, Order.id)
    )
    for o in orders:
        if o.status == OrderStatus.AWAITING_PAYMENT:  # its pay link lives on the row: the full view has it
            views.append(order_view(session, load_order(session, o.id)))
            continue
        order_lines = lines.get(o.id, [])
        sub = quantize(sum((line.price for line in order_lines), start=quantize(0)), o.currency)
        views.append(
            OrderView(
                id=o.id,
                status=o.status,
                customer_id=o.customer_id,
                guest_email=o.guest_email,
                address=dict(o.address),
                lines=order_lines,
                subtotal=sub,
                shipping_name=o.shipping_name,
                shipping_cost=o.shipping_cost,
                tax_total=o.tax_total,
                total=quantize(sub + o.shipping_cost, o.currency),
                currency=o.currency,
                payment_method_id=o.payment_method_id,
                payments=[p for p in history(o.id) if p.status != "failed"],
                fulfilments=fulfilments.get(o.id, []),
                requests=requests.get(o.id, []),
                cancel_reason=o.cancel_reason,
                created_at=o.created_at,
            )
        )
    return views
