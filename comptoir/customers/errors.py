"""Customer errors."""

from __future__ import annotations

from comptoir.core.errors import Conflict, Forbidden, InsufficientBalance, InvalidInput, NotFound


class CustomerNotFound(NotFound):
    code = "customer_not_found"


class PaymentMethodNotFound(NotFound):
    code = "payment_method_not_found"


class InvalidCustomer(InvalidInput):
    code = "invalid_customer"


class CustomerExists(Conflict):
    code = "customer_exists"


class GiftCardBalanceTooLow(InsufficientBalance):
    code = "gift_card_balance_too_low"


class VerificationFailed(Forbidden):
    code = "verification_failed"
