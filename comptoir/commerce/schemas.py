"""Plain values in and out of the commerce service."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, Field, field_validator

from comptoir.customers import AddressInput, normalise_email
from comptoir.payments import TransactionView


class CartLineView(BaseModel):
    variant_id: str
    product_id: str
    title: str
    labels: dict[str, str]
    unit_price: Decimal
    quantity: int
    line_total: Decimal
    in_stock: bool


class ShippingQuote(BaseModel):
    option_id: str
    name: str
    cost: Decimal
    min_days: int
    max_days: int


class CartView(BaseModel):
    id: str
    customer_id: str | None
    status: str
    lines: list[CartLineView]
    item_count: int
    subtotal: Decimal
    shipping: ShippingQuote | None
    tax_included: Decimal
    total: Decimal
    currency: str
    shipping_options: list[ShippingQuote]


class GuestDetails(BaseModel):
    name: str = Field(min_length=1, max_length=240)
    email: str

    @field_validator("email")
    @classmethod
    def _email(cls, value: str) -> str:
        return normalise_email(value)


class CheckoutInput(BaseModel):
    cart_id: str
    customer_id: str | None = None
    guest: GuestDetails | None = None
    address: AddressInput | None = None  # None: the customer's default address
    shipping_option_id: str
    payment_method_id: str | None = None
    pay_by_link: bool = False
    expected_total: Decimal | None = None  # the total the shopper agreed to; refused if it changed
    language: str = "en"


class OrderLineView(BaseModel):
    position: int
    item_id: str
    product_id: str
    name: str
    options: dict[str, Any]
    price: Decimal


class FulfilmentView(BaseModel):
    carrier: str | None
    tracking_ids: list[str]
    item_ids: list[str]


class OrderRequestView(BaseModel):
    kind: Literal["return", "exchange"]
    item_ids: list[str]
    new_item_ids: list[str]
    payment_method_id: str
    price_difference: Decimal | None
    reason: str | None


class OrderView(BaseModel):
    id: str
    status: str
    customer_id: str | None
    guest_email: str | None
    address: dict[str, Any]
    lines: list[OrderLineView]
    subtotal: Decimal
    shipping_name: str | None
    shipping_cost: Decimal
    tax_total: Decimal
    total: Decimal
    currency: str
    payment_method_id: str | None
    payments: list[TransactionView]
    fulfilments: list[FulfilmentView]
    requests: list[OrderRequestView]
    cancel_reason: str | None
    pay_url: str | None = None
    created_at: datetime


class OrderSummary(BaseModel):
    id: str
    status: str
    total: Decimal
    currency: str
    item_names: list[str]
    created_at: datetime


class OrderEventView(BaseModel):
    kind: str
    from_status: str | None
    to_status: str | None
    actor: str
    data: dict[str, Any]
    created_at: datetime
