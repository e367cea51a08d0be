"""Loading orders, turning them into views, and writing the audit trail."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from comptoir.commerce.errors import OrderNotFound
from comptoir.commerce.models import Order, OrderEvent
from comptoir.commerce.schemas import (
    FulfilmentView,
    OrderEventView,
    OrderLineView,
    OrderRequestView,
    OrderSummary,
    OrderView,
)
from comptoir.commerce.states import OrderStatus, check_transition
from comptoir.core.ids import new_digits
from comptoir.core.money import quantize
from comptoir.payments import TransactionView, list_transactions, pending_pay_token


def load_order(
    session: Session, order_id: str, *, customer_id: str | None = None, lock: bool = False
) -> Order:
    """The order; with ``customer_id``, only if it is theirs (someone else's order is 'not found')."""
    order = session.get(Order, order_id, with_for_update=lock or None)
    if order is None or (customer_id is not None and order.customer_id != customer_id):
        raise OrderNotFound(f"no order '{order_id}'", order_id=order_id)
    return order


def subtotal(order: Order) -> Any:
    return quantize(sum((line.price for line in order.lines), start=quantize(0)), order.currency)


def order_view(session: Session, order: Order, *, payments: list[TransactionView] | None = None) -> OrderView:
    """The order as a view; ``payments`` (its transactions, already loaded in bulk) saves a query."""
    sub = subtotal(order)
    pay_url = None
    if payments is None:
        payments = list_transactions(session, order.id, settled_only=False)
    if order.status == OrderStatus.AWAITING_PAYMENT:
        token = pending_pay_token(session, order.id)
        if token:
            pay_url = f"/pay/{token}"
    return OrderView(
        id=order.id,
        status=order.status,
        customer_id=order.customer_id,
        guest_email=order.guest_email,
        address=dict(order.address),
        lines=[
            OrderLineView(
                position=line.position,
                item_id=line.variant_id,
                product_id=line.product_id,
                name=line.name,
                options=dict(line.options),
                price=line.price,
            )
            for line in order.lines
        ],
        subtotal=sub,
        shipping_name=order.shipping_name,
        shipping_cost=order.shipping_cost,
        tax_total=order.tax_total,
        total=quantize(sub + order.shipping_cost, order.currency),
        currency=order.currency,
        payment_method_id=order.payment_method_id,
        payments=[p for p in payments if p.status != "failed"],
        fulfilments=[
            FulfilmentView(carrier=f.carrier, tracking_ids=list(f.tracking_ids), item_ids=list(f.item_ids))
            for f in order.fulfilments
        ],
        requests=[
            OrderRequestView(
                kind=r.kind,
                item_ids=list(r.item_ids),
                new_item_ids=list(r.new_item_ids),
                payment_method_id=r.payment_method_id,
                price_difference=r.price_difference,
                reason=r.reason,
            )
            for r in order.requests
        ],
        cancel_reason=order.cancel_reason,
        pay_url=pay_url,
        created_at=order.created_at,
    )


def order_summary(order: Order) -> OrderSummary:
    return OrderSummary(
        id=order.id,
        status=order.status,
        total=quantize(subtotal(order) + order.shipping_cost, order.currency),
        currency=order.currency,
        item_names=[line.name for line in order.lines],
        created_at=order.created_at,
    )


def audit(
    session: Session,
    order: Order,
    kind: str,
    *,
    to_status: OrderStatus | None = None,
    actor: str = "system",
    **data: Any,
) -> None:
    """Record a change of the order; with ``to_status``, check the transition table and apply it."""
    from_status = order.status
    if to_status is not None:
        check_transition(order.status, to_status)
        order.status = to_status.value
    session.add(
        OrderEvent(
            order_id=order.id,
            kind=kind,
            from_status=from_status,
            to_status=order.status,
            actor=actor,
            data={
                k: (str(v) if not isinstance(v, (str, int, list, dict, bool, type(None))) else v)
                for k, v in data.items()
            },
        )
    )
    session.flush()


def order_events(session: Session, order_id: str) -> list[OrderEventView]:
    rows = session.scalars(select(OrderEvent).where(OrderEvent.order_id == order_id).order_by(OrderEvent.id))
    return [
        OrderEventView(
            kind=r.kind,
            from_status=r.from_status,
            to_status=r.to_status,
            actor=r.actor,
            data=r.data,
            created_at=r.created_at,
        )
        for r in rows
    ]


def new_order_id(session: Session) -> str:
    while True:
        candidate = f"#W{new_digits(7)}"
        if session.get(Order, candidate) is None:
            return candidate


def next_customer_seq(session: Session, customer_id: str | None) -> int:
    if customer_id is None:
        return 0
    current = session.scalar(select(func.max(Order.customer_seq)).where(Order.customer_id == customer_id))
    return 0 if current is None else current + 1
