"""Orders after checkout: read, cancel, modify, return and exchange, under the merchant policy."""

from __future__ import annotations

import json
from collections import Counter
from datetime import timedelta
from decimal import Decimal
from functools import lru_cache
from importlib import resources

from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.orm import Session

from comptoir.catalog import VariantUnavailable, get_variant, release_stock, reserve_stock
from comptoir.commerce.errors import (
    CancellationReasonNotAllowed,
    InvalidTransition,
    ItemNotInOrder,
    ModificationNotAllowed,
    NotSameProduct,
    RefundDestinationNotAllowed,
    ReturnNotAllowed,
)
from comptoir.commerce.models import Order, OrderLine, OrderRequest
from comptoir.commerce.records import audit, load_order, order_summary, order_view
from comptoir.commerce.schemas import OrderSummary, OrderView
from comptoir.commerce.states import EDITABLE, OrderStatus
from comptoir.core.clock import utcnow
from comptoir.core.errors import InvalidInput
from comptoir.core.idempotency import idempotent
from comptoir.core.money import quantize
from comptoir.customers import (
    AddressInput,
    GiftCardBalanceTooLow,
    PaymentMethodView,
    get_customer,
    get_payment_method,
)
from comptoir.payments import cancel_pay_link, charge, list_transactions, refund
from comptoir.store import MerchantPolicy, get_settings

S = OrderStatus


class ReturnReason(BaseModel):
    handle: str
    name: str
    description: str


@lru_cache(maxsize=1)
def _return_reasons() -> list[dict[str, dict[str, str] | str]]:
    text = resources.files("comptoir.commerce").joinpath("data/return_reasons.json").read_text("utf-8")
    reasons: list[dict[str, dict[str, str] | str]] = json.loads(text)["return_reasons"]
    return reasons


def list_return_reasons(*, language: str = "en") -> list[ReturnReason]:
    """The return reasons shoppers choose from (Shopify's taxonomy, in the four languages)."""
    out = []
    for r in _return_reasons():
        names, descriptions = r["name"], r["description"]
        assert isinstance(names, dict) and isinstance(descriptions, dict)
        out.append(
            ReturnReason(
                handle=str(r["handle"]),
                name=names.get(language, names["en"]),
                description=descriptions.get(language, descriptions["en"]),
            )
        )
    return out


def _policy(session: Session) -> MerchantPolicy:
    return get_settings(session).policy


def get_order(session: Session, order_id: str, *, customer_id: str | None = None) -> OrderView:
    """An order; with ``customer_id`` only that customer's own order is found."""
    return order_view(session, load_order(session, order_id, customer_id=customer_id))


def list_orders(session: Session, customer_id: str) -> list[OrderSummary]:
    """A customer's orders, oldest first (the order they were placed in)."""
    get_customer(session, customer_id)
    rows = session.scalars(select(Order).where(Order.customer_id == customer_id).order_by(Order.customer_seq))
    return [order_summary(o) for o in rows]


def order_statuses(session: Session) -> dict[str, str]:
    """Every order's status by id (reports, checks of what a conversation changed)."""
    return {order_id: status for order_id, status in session.execute(select(Order.id, Order.status))}


def _method(session: Session, order: Order, payment_method_id: str) -> PaymentMethodView:
    if order.customer_id is None:
        raise InvalidInput("a guest order has no saved payment methods", code="guest_order")
    return get_payment_method(session, order.customer_id, payment_method_id)


def _lines_for(order: Order, item_ids: list[str]) -> list[OrderLine]:
    """The order lines for ``item_ids``; an id listed twice needs two such lines."""
    if not item_ids:
        raise InvalidInput("name at least one item", code="no_items")
    wanted = Counter(item_ids)
    have = Counter(line.variant_id for line in order.lines)
    for item_id, count in wanted.items():
        if have[item_id] < count:
            raise ItemNotInOrder(f"item '{item_id}' is not in order {order.id}", item_id=item_id)
    picked: list[OrderLine] = []
    used: set[int] = set()
    for item_id in item_ids:
        line = next(li for li in order.lines if li.variant_id == item_id and li.id not in used)
        used.add(line.id)
        picked.append(line)
    return picked


def _price_difference(session: Session, lines: list[OrderLine], new_item_ids: list[str]) -> Decimal:
    if len(lines) != len(new_item_ids):
        raise InvalidInput("give one new item for each item to change", code="item_count_mismatch")
    diff = Decimal(0)
    for line, new_id in zip(lines, new_item_ids, strict=True):
        variant = get_variant(session, new_id)
        if variant.product_id != line.product_id:
            raise NotSameProduct(f"item '{new_id}' is not the same product as '{line.variant_id}'")
        if not variant.in_stock:
            raise VariantUnavailable(f"item '{new_id}' is not available", variant_id=new_id)
        diff += variant.price - line.price
    return quantize(diff)


def _check_balance(method: PaymentMethodView, amount: Decimal) -> None:
    if method.kind == "gift_card" and (method.balance or Decimal(0)) < amount:
        raise GiftCardBalanceTooLow("the gift card balance does not cover the price difference")


def _net_paid(session: Session, order: Order) -> dict[str, Decimal]:
    net: dict[str, Decimal] = {}
    for t in list_transactions(session, order.id):
        if t.payment_method_id is None:
            continue
        sign = 1 if t.kind == "payment" else -1
        net[t.payment_method_id] = net.get(t.payment_method_id, Decimal(0)) + sign * t.amount
    return net


def cancel_order(
    session: Session,
    order_id: str,
    *,
    reason: str,
    customer_id: str | None = None,
    actor: str = "shopper",
    idempotency_key: str | None = None,
) -> OrderView:
    """Cancel a pending order for an allowed reason; refund what was paid; put the stock back."""

    def run() -> OrderView:
        order = load_order(session, order_id, customer_id=customer_id, lock=True)
        policy = _policy(session)
        cancellable = {S.PENDING.value, S.AWAITING_PAYMENT.value}
        if policy.modified_order_can_be_cancelled:
            cancellable.add(S.PENDING_ITEM_MODIFIED.value)
        if order.status not in cancellable:
            raise InvalidTransition(
                f"order {order.id} is '{order.status}': only pending orders can be cancelled",
                status=order.status,
            )
        if not reason.strip() or len(reason) > 200:
            raise InvalidInput("a cancellation reason has 1 to 200 characters", code="invalid_reason")
        if policy.cancellation_reasons is not None and reason not in policy.cancellation_reasons:
            raise CancellationReasonNotAllowed(
                f"'{reason}' is not an accepted reason", allowed=policy.cancellation_reasons
            )
        if order.status == S.AWAITING_PAYMENT:
            cancel_pay_link(session, order.id)
        for method_id, amount in _net_paid(session, order).items():
            if amount > 0:
                method = _method(session, order, method_id)
                refund(session, order_id=order.id, method=method, amount=amount, currency=order.currency)
        for line in order.lines:
            release_stock(session, line.variant_id)
        order.cancel_reason = reason
        audit(session, order, "cancelled", to_status=S.CANCELLED, actor=actor, reason=reason)
        return order_view(session, order)

    params = {"order_id": order_id, "reason": reason, "customer_id": customer_id}
    return idempotent(session, idempotency_key, "cancel_order", params, OrderView, run)


def modify_order_address(
    session: Session,
    order_id: str,
    address: AddressInput,
    *,
    customer_id: str | None = None,
    actor: str = "shopper",
) -> OrderView:
    """Change the shipping address of a pending order."""
    order = load_order(session, order_id, customer_id=customer_id, lock=True)
    if order.status not in EDITABLE:
        raise ModificationNotAllowed(f"order {order.id} is '{order.status}' and can no longer be changed")
    order.address = address.model_dump()
    audit(session, order, "address changed", actor=actor, address=order.address)
    return order_view(session, order)


def modify_order_payment(
    session: Session,
    order_id: str,
    payment_method_id: str,
    *,
    customer_id: str | None = None,
    actor: str = "shopper",
    idempotency_key: str | None = None,
) -> OrderView:
    """Pay a pending order with another saved method: charge the new one, refund the old one."""

    def run() -> OrderView:
        order = load_order(session, order_id, customer_id=customer_id, lock=True)
        if order.status not in EDITABLE:
            raise ModificationNotAllowed(f"order {order.id} is '{order.status}' and can no longer be changed")
        history = list_transactions(session, order.id)
        if len(history) != 1 or history[0].kind != "payment" or history[0].payment_method_id is None:
            raise ModificationNotAllowed("the payment of this order can no longer be changed")
        old, old_method_id = history[0], history[0].payment_method_id
        if old_method_id == payment_method_id:
            raise InvalidInput("this is already the order's payment method", code="same_payment_method")
        new_method = _method(session, order, payment_method_id)
        _check_balance(new_method, old.amount)
        old_method = _method(session, order, old_method_id)
        charge(session, order_id=order.id, method=new_method, amount=old.amount, currency=order.currency)
        refund(session, order_id=order.id, method=old_method, amount=old.amount, currency=order.currency)
        order.payment_method_id = payment_method_id
        audit(session, order, "payment changed", actor=actor, payment_method_id=payment_method_id)
        return order_view(session, order)

    params = {"order_id": order_id, "payment_method_id": payment_method_id, "customer_id": customer_id}
    return idempotent(session, idempotency_key, "modify_order_payment", params, OrderView, run)


def modify_order_items(
    session: Session,
    order_id: str,
    *,
    item_ids: list[str],
    new_item_ids: list[str],
    payment_method_id: str,
    customer_id: str | None = None,
    actor: str = "shopper",
    idempotency_key: str | None = None,
) -> OrderView:
    """Swap items of a pending order for other options of the same products (once, by default).

    The price difference is charged to, or refunded on, ``payment_method_id``.
    """

    def run() -> OrderView:
        order = load_order(session, order_id, customer_id=customer_id, lock=True)
        policy = _policy(session)
        if not policy.allow_order_modification or order.status != S.PENDING:
            raise ModificationNotAllowed(
                f"order {order.id} is '{order.status}': its items can no longer change"
            )
        if order.item_modifications >= policy.max_item_modifications:
            raise ModificationNotAllowed("the items of this order were already modified")
        lines = _lines_for(order, item_ids)
        diff = _price_difference(session, lines, new_item_ids)
        if not policy.same_item_modification_allowed and any(
            line.variant_id == new_id for line, new_id in zip(lines, new_item_ids, strict=True)
        ):
            raise InvalidInput("each new item must differ from the item it replaces", code="same_item")
        method = _method(session, order, payment_method_id)
        _check_balance(method, diff)
        if diff > 0:
            charge(session, order_id=order.id, method=method, amount=diff, currency=order.currency)
        elif diff < 0:
            refund(session, order_id=order.id, method=method, amount=-diff, currency=order.currency)
        elif policy.record_zero_price_difference:
            refund(
                session,
                order_id=order.id,
                method=method,
                amount=diff,
                currency=order.currency,
                allow_zero=True,
            )
        for line, new_id in zip(lines, new_item_ids, strict=True):
            variant = get_variant(session, new_id)
            reserve_stock(session, new_id)
            release_stock(session, line.variant_id)
            line.variant_id, line.price, line.options = new_id, variant.price, dict(variant.options)
        order.item_modifications += 1
        audit(
            session,
            order,
            "items modified",
            to_status=S.PENDING_ITEM_MODIFIED,
            actor=actor,
            item_ids=item_ids,
            new_item_ids=new_item_ids,
            price_difference=str(diff),
        )
        return order_view(session, order)

    params = {
        "order_id": order_id,
        "item_ids": item_ids,
        "new_item_ids": new_item_ids,
        "payment_method_id": payment_method_id,
        "customer_id": customer_id,
    }
    return idempotent(session, idempotency_key, "modify_order_items", params, OrderView, run)


def _original_method_id(session: Session, order: Order) -> str | None:
    payments = [t for t in list_transactions(session, order.id) if t.kind == "payment"]
    return payments[0].payment_method_id if payments else order.payment_method_id


def _check_refund_destination(session: Session, order: Order, method: PaymentMethodView) -> None:
    allowed = _policy(session).refund_destinations
    if method.id == _original_method_id(session, order) and "original" in allowed:
        return
    if method.kind == "gift_card" and "gift_card" in allowed:
        return
    raise RefundDestinationNotAllowed("refunds go to the original payment method or a gift card")


def _check_delivered(session: Session, order: Order, what: str) -> None:
    if order.status != S.DELIVERED:
        raise InvalidTransition(f"order {order.id} is '{order.status}': only delivered orders can be {what}")
    window = _policy(session).return_window_days
    if (
        window is not None
        and order.delivered_at is not None
        and utcnow() > order.delivered_at + timedelta(days=window)
    ):
        raise ReturnNotAllowed(f"the {window}-day return window of order {order.id} is over")


def return_items(
    session: Session,
    order_id: str,
    *,
    item_ids: list[str],
    payment_method_id: str,
    reason: str | None = None,
    customer_id: str | None = None,
    actor: str = "shopper",
    idempotency_key: str | None = None,
) -> OrderView:
    """Ask to return items of a delivered order; refunded to the original method or a gift card."""

    def run() -> OrderView:
        order = load_order(session, order_id, customer_id=customer_id, lock=True)
        _check_delivered(session, order, "returned")
        if reason is not None and reason not in {str(r["handle"]) for r in _return_reasons()}:
            raise InvalidInput(f"'{reason}' is not a return reason", code="invalid_return_reason")
        if reason is None and _policy(session).return_reason_required:
            raise InvalidInput("a return reason is needed", code="return_reason_required")
        lines = _lines_for(order, item_ids)
        method = _method(session, order, payment_method_id)
        _check_refund_destination(session, order, method)
        order.requests.append(
            OrderRequest(
                kind="return",
                item_ids=sorted(line.variant_id for line in lines),
                payment_method_id=method.id,
                price_difference=None,
                reason=reason,
            )
        )
        audit(
            session, order, "return requested", to_status=S.RETURN_REQUESTED, actor=actor, item_ids=item_ids
        )
        return order_view(session, order)

    params = {
        "order_id": order_id,
        "item_ids": item_ids,
        "payment_method_id": payment_method_id,
        "reason": reason,
        "customer_id": customer_id,
    }
    return idempotent(session, idempotency_key, "return_items", params, OrderView, run)


def exchange_items(
    session: Session,
    order_id: str,
    *,
    item_ids: list[str],
    new_item_ids: list[str],
    payment_method_id: str,
    customer_id: str | None = None,
    actor: str = "shopper",
    idempotency_key: str | None = None,
) -> OrderView:
    """Ask to exchange delivered items for other options of the same products."""

    def run() -> OrderView:
        order = load_order(session, order_id, customer_id=customer_id, lock=True)
        _check_delivered(session, order, "exchanged")
        done = sum(1 for r in order.requests if r.kind == "exchange")
        if done >= _policy(session).max_exchanges_per_order:
            raise ModificationNotAllowed("this order was already exchanged")
        lines = _lines_for(order, item_ids)
        diff = _price_difference(session, lines, new_item_ids)
        method = _method(session, order, payment_method_id)
        _check_balance(method, diff)
        order.requests.append(
            OrderRequest(
                kind="exchange",
                item_ids=sorted(item_ids),
                new_item_ids=sorted(new_item_ids),
                payment_method_id=method.id,
                price_difference=diff,
            )
        )
        audit(
            session,
            order,
            "exchange requested",
            to_status=S.EXCHANGE_REQUESTED,
            actor=actor,
            item_ids=item_ids,
            new_item_ids=new_item_ids,
            price_difference=str(diff),
        )
        return order_view(session, order)

    params = {
        "order_id": order_id,
        "item_ids": item_ids,
        "new_item_ids": new_item_ids,
        "payment_method_id": payment_method_id,
        "customer_id": customer_id,
    }
    return idempotent(session, idempotency_key, "exchange_items", params, OrderView, run)
