"""Commerce: carts, checkout, orders and their state machine, under the merchant policy."""

from comptoir.commerce.errors import (
    CancellationReasonNotAllowed,
    CartLineNotFound,
    CartNotFound,
    EmptyCart,
    InvalidCheckout,
    InvalidQuantity,
    InvalidTransition,
    ItemNotInOrder,
    ModificationNotAllowed,
    NotSameProduct,
    OrderNotFound,
    PriceChanged,
    RefundDestinationNotAllowed,
    ReturnNotAllowed,
)
from comptoir.commerce.schemas import (
    CartLineView,
    CartView,
    CheckoutInput,
    GuestDetails,
    OrderEventView,
    OrderLineView,
    OrderSummary,
    OrderView,
    ShippingQuote,
)
from comptoir.commerce.service import *  # noqa: F403 - the service's own __all__
from comptoir.commerce.service import __all__ as _service_all
from comptoir.commerce.states import TRANSITIONS, OrderStatus

__all__ = [
    "TRANSITIONS",
    "CancellationReasonNotAllowed",
    "CartLineNotFound",
    "CartLineView",
    "CartNotFound",
    "CartView",
    "CheckoutInput",
    "EmptyCart",
    "GuestDetails",
    "InvalidCheckout",
    "InvalidQuantity",
    "InvalidTransition",
    "ItemNotInOrder",
    "ModificationNotAllowed",
    "NotSameProduct",
    "OrderEventView",
    "OrderLineView",
    "OrderNotFound",
    "OrderStatus",
    "OrderSummary",
    "OrderView",
    "PriceChanged",
    "RefundDestinationNotAllowed",
    "ReturnNotAllowed",
    "ShippingQuote",
    *_service_all,
]
