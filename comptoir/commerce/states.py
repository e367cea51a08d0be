"""Order statuses and the one table of allowed transitions. Guards live in the service."""

from __future__ import annotations

from enum import StrEnum

from comptoir.commerce.errors import InvalidTransition


class OrderStatus(StrEnum):
    AWAITING_PAYMENT = "awaiting payment"
    PENDING = "pending"
    PENDING_ITEM_MODIFIED = "pending (item modified)"
    PROCESSED = "processed"
    DELIVERED = "delivered"
    CANCELLED = "cancelled"
    RETURN_REQUESTED = "return requested"
    RETURNED = "returned"
    EXCHANGE_REQUESTED = "exchange requested"
    EXCHANGED = "exchanged"


S = OrderStatus

# from-status -> {to-status: the operation that performs it}
TRANSITIONS: dict[OrderStatus, dict[OrderStatus, str]] = {
    S.AWAITING_PAYMENT: {S.PENDING: "payment confirmed", S.CANCELLED: "cancel"},
    S.PENDING: {
        S.PENDING_ITEM_MODIFIED: "modify items",
        S.PROCESSED: "process",
        S.CANCELLED: "cancel",
    },
    S.PENDING_ITEM_MODIFIED: {S.PROCESSED: "process", S.CANCELLED: "cancel"},
    S.PROCESSED: {S.DELIVERED: "deliver"},
    S.DELIVERED: {S.RETURN_REQUESTED: "request return", S.EXCHANGE_REQUESTED: "request exchange"},
    S.RETURN_REQUESTED: {S.RETURNED: "receive return"},
    S.EXCHANGE_REQUESTED: {S.EXCHANGED: "complete exchange"},
    S.CANCELLED: {},
    S.RETURNED: {},
    S.EXCHANGED: {},
}

# statuses in which the shipping address and payment method may still change
EDITABLE = frozenset({S.PENDING})


def check_transition(current: str, target: OrderStatus) -> None:
    try:
        status = OrderStatus(current)
    except ValueError:
        raise InvalidTransition(f"unknown order status '{current}'") from None
    if target not in TRANSITIONS[status]:
        raise InvalidTransition(
            f"an order that is '{status.value}' cannot become '{target.value}'",
            status=status.value,
            target=target.value,
        )
