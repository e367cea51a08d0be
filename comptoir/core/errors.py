"""Typed errors with stable codes, shared by every context.

    ComptoirError                 code, message, details; ``http_status`` is a hint for the HTTP edge
      NotFound                    404: an id that does not exist (or that the caller may not see)
      InvalidInput                422: a value that breaks a rule (quantity, e-mail, currency...)
      Conflict                    409: the record is in the wrong state (order not pending...)
        PolicyDenied              409: the merchant policy forbids it (reason not allowed, window over...)
        OutOfStock                409: not enough units left
        InsufficientBalance       409: a gift card does not cover the amount
        IdempotencyConflict       409: an idempotency key reused with other arguments
      PaymentFailed               402: the provider declined
      Unauthorized                401: missing or wrong credentials
      Forbidden                   403: authenticated, but not allowed

Contexts subclass these with their own stable ``code``; the edge (REST, chat, CLI) turns them into
``application/problem+json``, a sentence for the shopper, or an exit code.
"""

from __future__ import annotations

from typing import Any, ClassVar


class ComptoirError(Exception):
    code: ClassVar[str] = "error"
    http_status: ClassVar[int] = 400

    def __init__(self, message: str, *, code: str | None = None, **details: Any) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code  # type: ignore[misc]
        self.details = details

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "message": self.message,
            **({"details": self.details} if self.details else {}),
        }


class NotFound(ComptoirError):
    code = "not_found"
    http_status = 404


class InvalidInput(ComptoirError):
    code = "invalid_input"
    http_status = 422


class Conflict(ComptoirError):
    code = "conflict"
    http_status = 409


class PolicyDenied(Conflict):
    code = "policy_denied"


class OutOfStock(Conflict):
    code = "out_of_stock"


class InsufficientBalance(Conflict):
    code = "insufficient_balance"


class IdempotencyConflict(Conflict):
    code = "idempotency_conflict"


class PaymentFailed(ComptoirError):
    code = "payment_failed"
    http_status = 402


class Unauthorized(ComptoirError):
    code = "unauthorized"
    http_status = 401


class Forbidden(ComptoirError):
    code = "forbidden"
    http_status = 403
