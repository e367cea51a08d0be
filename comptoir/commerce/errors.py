"""Commerce errors: carts, checkout and orders."""

from __future__ import annotations

from comptoir.core.errors import Conflict, InvalidInput, NotFound, PolicyDenied


class CartNotFound(NotFound):
    code = "cart_not_found"


class CartLineNotFound(NotFound):
    code = "cart_line_not_found"


class EmptyCart(Conflict):
    code = "empty_cart"


class OrderNotFound(NotFound):
    code = "order_not_found"


class ItemNotInOrder(InvalidInput):
    code = "item_not_in_order"


class InvalidQuantity(InvalidInput):
    code = "invalid_quantity"


class InvalidCheckout(InvalidInput):
    code = "invalid_checkout"


class PriceChanged(Conflict):
    code = "price_changed"


class InvalidTransition(Conflict):
    code = "invalid_order_status"


class CancellationReasonNotAllowed(PolicyDenied):
    code = "cancellation_reason_not_allowed"


class ModificationNotAllowed(PolicyDenied):
    code = "modification_not_allowed"


class ReturnNotAllowed(PolicyDenied):
    code = "return_not_allowed"


class RefundDestinationNotAllowed(PolicyDenied):
    code = "refund_destination_not_allowed"


class NotSameProduct(InvalidInput):
    code = "not_same_product"
