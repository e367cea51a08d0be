"""Payment errors."""

from __future__ import annotations

from comptoir.core.errors import Conflict, NotFound, PaymentFailed


class PaymentDeclined(PaymentFailed):
    code = "payment_declined"


class PayLinkNotFound(NotFound):
    code = "pay_link_not_found"


class PayLinkAlreadyUsed(Conflict):
    code = "pay_link_already_used"
