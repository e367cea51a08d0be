"""Typed store settings. The merchant policy is data here and enforced only in the service layer."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, Field, field_validator

TAU_CANCEL_REASONS = ["no longer needed", "ordered by mistake"]

IdentityLevel = Literal["tau", "verified"]
RefundDestination = Literal["original", "gift_card"]
REFUND_DEFAULT: tuple[RefundDestination, ...] = ("original", "gift_card")


class ShippingOption(BaseModel):
    id: str
    names: dict[str, str]
    price: Decimal
    min_days: int = Field(ge=0)
    max_days: int = Field(ge=0)
    free_above: Decimal | None = None
    countries: list[str] | None = None  # None: everywhere

    def name(self, language: str) -> str:
        return self.names.get(language) or self.names.get("en") or self.id


class TaxSettings(BaseModel):
    prices_include_tax: bool = True
    default_rate: Decimal = Decimal("0")
    rates: dict[str, Decimal] = Field(default_factory=dict)  # ISO country -> rate (0.20 = 20 %)


class MerchantPolicy(BaseModel):
    """What shoppers (and the bot, and agents) may do. ``tau()`` is the τ-bench retail policy."""

    identity_level: IdentityLevel = "verified"
    return_window_days: int | None = 30
    cancellation_reasons: list[str] | None = Field(
        default_factory=lambda: [
            "no longer needed",
            "ordered by mistake",
            "found a better price",
            "delivery too slow",
            "other",
        ]
    )
    allow_order_modification: bool = True
    max_item_modifications: int = 1
    max_exchanges_per_order: int = 1
    modified_order_can_be_cancelled: bool = False
    refund_destinations: list[RefundDestination] = Field(default_factory=lambda: list(REFUND_DEFAULT))
    return_reason_required: bool = False
    # τ-bench v1 lets an item of a pending order be "modified" into itself (a no-op line of the swap);
    # a real shop refuses it, since it is almost always a slip of whoever asked.
    same_item_modification_allowed: bool = False
    # τ-bench records a settlement of 0.00 on the chosen method when a modification costs nothing,
    # so that the order's payment history shows which method the shopper picked.
    record_zero_price_difference: bool = False
    code_ttl_minutes: int = 10
    code_max_attempts: int = 5

    @classmethod
    def tau(cls) -> MerchantPolicy:
        return cls(
            identity_level="tau",
            return_window_days=None,
            cancellation_reasons=list(TAU_CANCEL_REASONS),
            allow_order_modification=True,
            max_item_modifications=1,
            max_exchanges_per_order=1,
            modified_order_can_be_cancelled=False,
            refund_destinations=["original", "gift_card"],
            return_reason_required=False,
            same_item_modification_allowed=True,
            record_zero_price_difference=True,
        )


class StoreSettings(BaseModel):
    name: str = "Comptoir"
    currency: str = "EUR"
    languages: list[str] = Field(default_factory=lambda: ["en", "fr", "el", "ja"])
    timezone: str = "Europe/Paris"
    country: str = "FR"
    shipping_options: list[ShippingOption] = Field(default_factory=list)
    tax: TaxSettings = Field(default_factory=TaxSettings)
    policy: MerchantPolicy = Field(default_factory=MerchantPolicy)
    exchange_rates: dict[str, Decimal] = Field(default_factory=dict)  # 1 unit of store currency in X

    @field_validator("languages")
    @classmethod
    def _languages(cls, value: list[str]) -> list[str]:
        if not value:
            raise ValueError("a store needs at least one language")
        return value

    @property
    def default_language(self) -> str:
        return self.languages[0]
