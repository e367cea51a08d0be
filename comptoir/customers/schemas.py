"""Plain values in and out of the customers service."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, Field, field_validator

EMAIL_RE = re.compile(
    r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)+$"
)

PaymentKind = Literal["credit_card", "paypal", "gift_card"]


def normalise_email(value: str) -> str:
    email = value.strip().lower()
    if len(email) > 320 or not EMAIL_RE.match(email):
        raise ValueError(f"'{value}' is not a valid e-mail address")
    return email


class AddressInput(BaseModel):
    address1: str = Field(min_length=1, max_length=300)
    address2: str = Field(default="", max_length=300)
    city: str = Field(min_length=1, max_length=120)
    state: str = Field(default="", max_length=120)
    country: str = Field(min_length=2, max_length=120)
    zip: str = Field(min_length=1, max_length=20)


class AddressView(AddressInput):
    id: int
    is_default: bool


class PaymentMethodInput(BaseModel):
    kind: PaymentKind
    id: str | None = Field(default=None, max_length=64)
    brand: str | None = Field(default=None, max_length=40)
    last_four: str | None = Field(default=None, pattern=r"^\d{4}$")
    token: str | None = Field(default=None, max_length=200)
    paypal_email: str | None = Field(default=None, max_length=320)
    balance: Decimal | None = Field(default=None, ge=0, le=Decimal("100000"))


class PaymentMethodView(BaseModel):
    id: str
    customer_id: str
    kind: PaymentKind
    brand: str | None = None
    last_four: str | None = None
    paypal_email: str | None = None
    balance: Decimal | None = None

    def describe(self) -> str:
        if self.kind == "credit_card":
            return f"{(self.brand or 'card').title()} •••• {self.last_four}"
        if self.kind == "gift_card":
            return f"gift card ({self.balance})"
        return "PayPal"


class CustomerInput(BaseModel):
    id: str | None = Field(default=None, max_length=64, pattern=r"^[A-Za-z0-9_.:-]+$")
    first_name: str = Field(min_length=1, max_length=120)
    last_name: str = Field(min_length=1, max_length=120)
    email: str | None = None
    phone: str | None = Field(default=None, max_length=40, pattern=r"^\+?[0-9 ().-]{4,40}$")
    language: str | None = Field(default=None, max_length=8)
    address: AddressInput | None = None
    payment_methods: list[PaymentMethodInput] = Field(default_factory=list)

    @field_validator("email")
    @classmethod
    def _email(cls, value: str | None) -> str | None:
        return None if value is None else normalise_email(value)


class CustomerView(BaseModel):
    id: str
    first_name: str
    last_name: str
    email: str | None
    phone: str | None
    language: str | None
    default_address: AddressView | None
    addresses: list[AddressView]
    payment_methods: list[PaymentMethodView]

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}"


class VerificationStarted(BaseModel):
    """Returned to the sender only: ``code`` goes to the customer, never to the requester."""

    challenge_id: str
    customer_id: str
    destination: Literal["email", "phone"]
    masked_destination: str
    code: str
