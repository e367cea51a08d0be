"""The payment-provider protocol and the built-in test provider.

A provider charges and refunds saved methods and opens hosted checkouts (pay links). Only a provider's
confirmation marks money as received. Real providers (Stripe...) implement the same protocol.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Protocol

from pydantic import BaseModel

from comptoir.core.ids import new_id


class ProviderResult(BaseModel):
    ok: bool
    reference: str | None = None
    error: str | None = None
    retryable: bool = False


class PaymentProvider(Protocol):
    name: str

    def charge(
        self, *, token: str | None, method_kind: str, amount: Decimal, currency: str, idempotency_key: str
    ) -> ProviderResult: ...

    def refund(
        self, *, reference: str | None, method_kind: str, amount: Decimal, currency: str, idempotency_key: str
    ) -> ProviderResult: ...

    def open_checkout(self, *, amount: Decimal, currency: str, idempotency_key: str) -> ProviderResult: ...


class TestProvider:
    """Deterministic and offline. Card tokens containing ``decline`` are declined (like Stripe's test cards)."""

    name = "test"

    def __init__(self) -> None:
        self._seen: dict[str, ProviderResult] = {}

    def _once(self, key: str, result: ProviderResult) -> ProviderResult:
        return self._seen.setdefault(key, result)

    def charge(
        self, *, token: str | None, method_kind: str, amount: Decimal, currency: str, idempotency_key: str
    ) -> ProviderResult:
        if method_kind == "credit_card" and (not token or "decline" in token):
            return self._once(idempotency_key, ProviderResult(ok=False, error="card_declined"))
        return self._once(idempotency_key, ProviderResult(ok=True, reference=new_id("ch_test_", 16)))

    def refund(
        self, *, reference: str | None, method_kind: str, amount: Decimal, currency: str, idempotency_key: str
    ) -> ProviderResult:
        return self._once(idempotency_key, ProviderResult(ok=True, reference=new_id("re_test_", 16)))

    def open_checkout(self, *, amount: Decimal, currency: str, idempotency_key: str) -> ProviderResult:
        return self._once(idempotency_key, ProviderResult(ok=True, reference=new_id("cs_test_", 16)))


_PROVIDERS: dict[str, PaymentProvider] = {"test": TestProvider()}


def register_provider(provider: PaymentProvider) -> None:
    _PROVIDERS[provider.name] = provider


def get_provider(name: str = "test") -> PaymentProvider:
    return _PROVIDERS[name]
