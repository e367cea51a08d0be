"""Carts, checkout and the return reasons.

A cart id is an unguessable capability: whoever holds a guest cart's id may use it. A customer's cart
answers only to that customer's token; to anyone else it does not exist.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from fastapi import APIRouter, Query, status
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.orm import Session

from comptoir.api.deps import (
    AppSettings,
    CartId,
    IdempotencyKey,
    Language,
    Limit,
    Offset,
    OptionalCustomerId,
    ReadSession,
    VariantId,
    WriteSession,
    page_of,
)
from comptoir.api.fields import Id, Quantity
from comptoir.commerce import (
    CartNotFound,
    CartView,
    CheckoutInput,
    GuestDetails,
    OrderView,
    ReturnReason,
    add_to_cart,
    checkout,
    create_cart,
    list_return_reasons,
    remove_from_cart,
    set_cart_quantity,
    view_cart,
)
from comptoir.config import Settings
from comptoir.core.pagination import Page
from comptoir.customers import AddressInput

router = APIRouter(tags=["carts"])


class LineInput(BaseModel):
    model_config = ConfigDict(extra="forbid")

    variant_id: Id
    quantity: Quantity = 1


class QuantityInput(BaseModel):
    model_config = ConfigDict(extra="forbid")

    quantity: int = Field(ge=0, le=99, description="0 removes the line")


class CheckoutBody(BaseModel):
    """Check out as the signed-in customer (token) or as a guest (``guest``), never both."""

    model_config = ConfigDict(extra="forbid")

    guest: GuestDetails | None = None
    address: AddressInput | None = Field(default=None, description="default: the customer's default address")
    shipping_option_id: Id
    payment_method_id: Id | None = Field(default=None, description="a saved method of the signed-in customer")
    pay_by_link: bool = Field(
        default=False, description="pay on the provider's page (pay_url) after ordering"
    )
    expected_total: Decimal | None = Field(
        default=None, ge=0, le=Decimal("100000000"), description="the total the shopper agreed to"
    )


def with_absolute_pay_url(order: OrderView, settings: Settings) -> OrderView:
    """The order as shown to a client: its pay link, if any, as a full URL."""
    if order.pay_url is None or not order.pay_url.startswith("/"):
        return order
    return order.model_copy(update={"pay_url": settings.public_url.rstrip("/") + order.pay_url})


def _open_cart(session: Session, cart_id: str, customer_id: str | None, language: str = "en") -> CartView:
    cart = view_cart(session, cart_id, language=language)
    if cart.customer_id is not None and cart.customer_id != customer_id:
        raise CartNotFound(f"no cart '{cart_id}'", cart_id=cart_id)
    return cart


@router.post("/carts", response_model=CartView, status_code=status.HTTP_201_CREATED, summary="Open a cart")
def new_cart(session: WriteSession, customer_id: OptionalCustomerId) -> CartView:
    """A guest cart, or with a customer token a cart of that customer."""
    return create_cart(session, customer_id=customer_id)


@router.get("/carts/{cart_id}", response_model=CartView, summary="A cart, priced now, with shipping quotes")
def get_cart(
    cart_id: CartId,
    session: ReadSession,
    customer_id: OptionalCustomerId,
    language: Language,
    shipping_option: Annotated[str | None, Query(min_length=1, max_length=64)] = None,
    country: Annotated[str | None, Query(min_length=2, max_length=60)] = None,
) -> CartView:
    _open_cart(session, cart_id, customer_id)
    return view_cart(session, cart_id, language=language, shipping_option_id=shipping_option, country=country)


@router.post("/carts/{cart_id}/lines", response_model=CartView, summary="Add units of an item")
def add_line(
    cart_id: CartId,
    body: LineInput,
    session: WriteSession,
    customer_id: OptionalCustomerId,
    language: Language,
) -> CartView:
    _open_cart(session, cart_id, customer_id)
    add_to_cart(session, cart_id, variant_id=body.variant_id, quantity=body.quantity)
    return view_cart(session, cart_id, language=language)


@router.put("/carts/{cart_id}/lines/{variant_id}", response_model=CartView, summary="Set a line's quantity")
def set_line(
    cart_id: CartId,
    variant_id: VariantId,
    body: QuantityInput,
    session: WriteSession,
    customer_id: OptionalCustomerId,
    language: Language,
) -> CartView:
    _open_cart(session, cart_id, customer_id)
    set_cart_quantity(session, cart_id, variant_id=variant_id, quantity=body.quantity)
    return view_cart(session, cart_id, language=language)


@router.delete("/carts/{cart_id}/lines/{variant_id}", response_model=CartView, summary="Remove a line")
def delete_line(
    cart_id: CartId,
    variant_id: VariantId,
    session: WriteSession,
    customer_id: OptionalCustomerId,
    language: Language,
) -> CartView:
    _open_cart(session, cart_id, customer_id)
    remove_from_cart(session, cart_id, variant_id=variant_id)
    return view_cart(session, cart_id, language=language)


@router.post(
    "/carts/{cart_id}/checkout",
    response_model=OrderView,
    status_code=status.HTTP_201_CREATED,
    summary="Place the order",
)
def place_order(
    cart_id: CartId,
    body: CheckoutBody,
    session: WriteSession,
    customer_id: OptionalCustomerId,
    language: Language,
    settings: AppSettings,
    idempotency_key: IdempotencyKey = None,
) -> OrderView:
    """Charges a saved method at once, or opens a pay link (``pay_url``) and waits for the payment.

    With ``expected_total`` the order is refused (409 ``price_changed``) if the total moved. The same
    ``Idempotency-Key`` with the same request returns the same order and charges once.
    """
    _open_cart(session, cart_id, customer_id)
    data = CheckoutInput(
        cart_id=cart_id,
        customer_id=customer_id,
        guest=body.guest,
        address=body.address,
        shipping_option_id=body.shipping_option_id,
        payment_method_id=body.payment_method_id,
        pay_by_link=body.pay_by_link,
        expected_total=body.expected_total,
        language=language,
    )
    order = checkout(session, data, idempotency_key=idempotency_key)
    return with_absolute_pay_url(order, settings)


@router.get(
    "/return-reasons",
    response_model=Page[ReturnReason],
    tags=["orders"],
    summary="Reasons a shopper may give",
)
def return_reasons(language: Language, offset: Offset = 0, limit: Limit = 100) -> Page[ReturnReason]:
    return page_of(list_return_reasons(language=language), offset, limit)
