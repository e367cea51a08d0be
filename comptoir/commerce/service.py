"""The commerce context's one door: carts, checkout, orders and the merchant's order operations."""

from comptoir.commerce.carts import add_to_cart, create_cart, remove_from_cart, set_cart_quantity, view_cart
from comptoir.commerce.checkout import checkout
from comptoir.commerce.fulfilment import (
    complete_exchange,
    confirm_payment,
    mark_delivered,
    mark_processed,
    receive_return,
    ship,
)
from comptoir.commerce.orders import (
    ReturnReason,
    cancel_order,
    exchange_items,
    get_order,
    list_orders,
    list_return_reasons,
    modify_order_address,
    modify_order_items,
    modify_order_payment,
    order_statuses,
    return_items,
)
from comptoir.commerce.records import order_events

__all__ = [
    "ReturnReason",
    "add_to_cart",
    "cancel_order",
    "checkout",
    "complete_exchange",
    "confirm_payment",
    "create_cart",
    "exchange_items",
    "get_order",
    "list_orders",
    "list_return_reasons",
    "mark_delivered",
    "mark_processed",
    "modify_order_address",
    "modify_order_items",
    "modify_order_payment",
    "order_events",
    "order_statuses",
    "receive_return",
    "remove_from_cart",
    "return_items",
    "set_cart_quantity",
    "ship",
    "view_cart",
]
