"""Merchant operations that move orders through their life: payment, processing, shipping, delivery,
receiving returns and completing exchanges."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy.orm import Session

from comptoir.catalog import get_variant, release_stock, reserve_stock
from comptoir.commerce.errors import InvalidTransition
from comptoir.commerce.models import Fulfilment, Order
from comptoir.commerce.records import audit, load_order, order_view
from comptoir.commerce.schemas import OrderView
from comptoir.commerce.states import OrderStatus
from comptoir.core.clock import utcnow
from comptoir.core.errors import InvalidInput
from comptoir.core.money import quantize
from comptoir.customers import get_payment_method
from comptoir.payments import charge, confirm_pay_link, get_pay_link, refund

S = OrderStatus


def confirm_payment(session: Session, pay_token: str) -> OrderView:
    """The provider confirmed a pay link: the order leaves 'awaiting payment'."""
    link = get_pay_link(session, pay_token)
    order = load_order(session, link.order_id, lock=True)
    if order.status != S.AWAITING_PAYMENT:
        raise InvalidTransition(f"order {order.id} is '{order.status}' and is not awaiting payment")
    confirm_pay_link(session, pay_token)
    audit(session, order, "paid", to_status=S.PENDING, actor="provider", amount=str(link.amount))
    return order_view(session, order)


def mark_processed(session: Session, order_id: str, *, actor: str = "merchant") -> OrderView:
    order = load_order(session, order_id, lock=True)
    audit(session, order, "processed", to_status=S.PROCESSED, actor=actor)
    return order_view(session, order)


def ship(
    session: Session,
    order_id: str,
    *,
    carrier: str,
    tracking_id: str,
    item_ids: list[str] | None = None,
    actor: str = "merchant",
) -> OrderView:
    """Record a shipment (processing the order first if it was pending)."""
    carrier, tracking_id = carrier.strip(), tracking_id.strip()
    if not carrier or not tracking_id or len(carrier) > 80 or len(tracking_id) > 80:
        raise InvalidInput(
            "a carrier and a tracking id (1-80 characters) are needed", code="invalid_shipment"
        )
    order = load_order(session, order_id, lock=True)
    if order.status in (S.PENDING, S.PENDING_ITEM_MODIFIED):
        audit(session, order, "processed", to_status=S.PROCESSED, actor=actor)
    if order.status != S.PROCESSED:
        raise InvalidTransition(f"order {order.id} is '{order.status}' and cannot be shipped")
    in_order = [line.variant_id for line in order.lines]
    items = item_ids if item_ids is not None else in_order
    if not items or any(i not in in_order for i in items):
        raise InvalidInput("ship only items of this order", code="item_not_in_order")
    order.fulfilments.append(
        Fulfilment(
            position=len(order.fulfilments), carrier=carrier, tracking_ids=[tracking_id], item_ids=items
        )
    )
    audit(session, order, "shipped", actor=actor, carrier=carrier, tracking_id=tracking_id)
    return order_view(session, order)


def mark_delivered(session: Session, order_id: str, *, actor: str = "merchant") -> OrderView:
    order = load_order(session, order_id, lock=True)
    order.delivered_at = utcnow()
    audit(session, order, "delivered", to_status=S.DELIVERED, actor=actor)
    return order_view(session, order)


def _open_request(order: Order, kind: str) -> tuple[int, list[str], list[str], str]:
    request = next(r for r in reversed(order.requests) if r.kind == kind)
    return request.id, list(request.item_ids), list(request.new_item_ids), request.payment_method_id


def receive_return(session: Session, order_id: str, *, actor: str = "merchant") -> OrderView:
    """The returned items arrived: refund them to the chosen method and put them back in stock."""
    order = load_order(session, order_id, lock=True)
    if order.status != S.RETURN_REQUESTED:
        raise InvalidTransition(f"order {order.id} is '{order.status}': no return is awaited")
    _, item_ids, _, method_id = _open_request(order, "return")
    assert order.customer_id is not None
    method = get_payment_method(session, order.customer_id, method_id)
    remaining = list(item_ids)
    amount = Decimal(0)
    for line in order.lines:
        if line.variant_id in remaining:
            remaining.remove(line.variant_id)
            amount += line.price
            release_stock(session, line.variant_id)
    if amount > 0:
        refund(session, order_id=order.id, method=method, amount=quantize(amount), currency=order.currency)
    audit(session, order, "returned", to_status=S.RETURNED, actor=actor, refunded=str(amount))
    return order_view(session, order)


def complete_exchange(session: Session, order_id: str, *, actor: str = "merchant") -> OrderView:
    """The old items came back and the new ones leave: settle the price difference, swap the lines."""
    order = load_order(session, order_id, lock=True)
    if order.status != S.EXCHANGE_REQUESTED:
        raise InvalidTransition(f"order {order.id} is '{order.status}': no exchange is awaited")
    request_id, item_ids, new_item_ids, method_id = _open_request(order, "exchange")
    request = next(r for r in order.requests if r.id == request_id)
    assert order.customer_id is not None
    method = get_payment_method(session, order.customer_id, method_id)
    diff = request.price_difference or Decimal(0)
    if diff > 0:
        charge(session, order_id=order.id, method=method, amount=diff, currency=order.currency)
    elif diff < 0:
        refund(session, order_id=order.id, method=method, amount=-diff, currency=order.currency)
    remaining = list(item_ids)
    new_ids = list(new_item_ids)
    for line in order.lines:
        if line.variant_id in remaining and new_ids:
            remaining.remove(line.variant_id)
            variant = next(
                get_variant(session, n)
                for n in new_ids
                if get_variant(session, n).product_id == line.product_id
            )
            new_ids.remove(variant.id)
            reserve_stock(session, variant.id)
            release_stock(session, line.variant_id)
            line.variant_id, line.price, line.options = variant.id, variant.price, dict(variant.options)
    audit(session, order, "exchanged", to_status=S.EXCHANGED, actor=actor)
    return order_view(session, order)
