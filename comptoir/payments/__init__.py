"""Payments: the provider protocol, the built-in test provider, charges, refunds and pay links."""

from comptoir.payments.errors import PayLinkAlreadyUsed, PayLinkNotFound, PaymentDeclined
from comptoir.payments.provider import (
    PaymentProvider,
    ProviderResult,
    TestProvider,
    get_provider,
    register_provider,
)
from comptoir.payments.schemas import PayLinkView, TransactionView
from comptoir.payments.service import (
    cancel_pay_link,
    charge,
    confirm_pay_link,
    get_pay_link,
    list_transactions,
    open_pay_link,
    pending_pay_token,
    record_history,
    refund,
)

__all__ = [
    "PayLinkAlreadyUsed",
    "PayLinkNotFound",
    "PayLinkView",
    "PaymentDeclined",
    "PaymentProvider",
    "ProviderResult",
    "TestProvider",
    "TransactionView",
    "cancel_pay_link",
    "charge",
    "confirm_pay_link",
    "get_pay_link",
    "get_provider",
    "list_transactions",
    "open_pay_link",
    "pending_pay_token",
    "record_history",
    "refund",
    "register_provider",
]
