"""The signed-in shopper's own account and orders (``Authorization: Bearer <customer token>``).

Every order call passes the shopper's id to the service, so another customer's order is 'not found'.
"""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict

from comptoir.api.deps import (
    AppSettings,
    CustomerId,
    IdempotencyKey,
    Limit,
    Offset,
    OrderId,
    ReadSession,
    WriteSession,
    page_of,
)
from comptoir.api.fields import Id, ItemIds, Reason, ShortText
from comptoir.commerce import (
    OrderSummary,
    OrderView,
    cancel_order,
    exchange_items,
    get_order,
    list_orders,
    modify_order_address,
    modify_order_items,
    modify_order_payment,
    return_items,
)
from comptoir.commerce.api import with_absolute_pay_url
from comptoir.core.pagination import Page
from comptoir.customers import AddressInput, CustomerView, get_customer, set_default_address

router = APIRouter(prefix="/me", tags=["me"])


class CancelInput(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: Reason


class ModifyItemsInput(BaseModel):
    model_config = ConfigDict(extra="forbid")

    item_ids: ItemIds
    new_item_ids: ItemIds
    payment_method_id: Id


class PaymentInput(BaseModel):
    model_config = ConfigDict(extra="forbid")

    payment_method_id: Id


class ReturnInput(BaseModel):
    model_config = ConfigDict(extra="forbid")

    item_ids: ItemIds
    payment_method_id: Id
    reason: ShortText | None = None


class ExchangeInput(BaseModel):
    model_config = ConfigDict(extra="forbid")

    item_ids: ItemIds
    new_item_ids: ItemIds
    payment_method_id: Id


@router.get("", response_model=CustomerView, summary="My profile, addresses and payment methods")
def me(customer_id: CustomerId, session: ReadSession) -> CustomerView:
    return get_customer(session, customer_id)


@router.put("/address", response_model=CustomerView, summary="Replace my default address")
def put_address(body: AddressInput, customer_id: CustomerId, session: WriteSession) -> CustomerView:
    return set_default_address(session, customer_id, body)


@router.get("/orders", response_model=Page[OrderSummary], summary="My orders, oldest first")
def my_orders(
    customer_id: CustomerId, session: ReadSession, offset: Offset = 0, limit: Limit = 20
) -> Page[OrderSummary]:
    return page_of(list_orders(session, customer_id), offset, limit)


@router.get("/orders/{order_id}", response_model=OrderView, summary="One of my orders")
def my_order(
    order_id: OrderId, customer_id: CustomerId, session: ReadSession, settings: AppSettings
) -> OrderView:
    return with_absolute_pay_url(get_order(session, order_id, customer_id=customer_id), settings)


@router.post("/orders/{order_id}/cancel", response_model=OrderView, summary="Cancel a pending order")
def cancel(
    order_id: OrderId,
    body: CancelInput,
    customer_id: CustomerId,
    session: WriteSession,
    idempotency_key: IdempotencyKey = None,
) -> OrderView:
    return cancel_order(
        session,
        order_id,
        reason=body.reason,
        customer_id=customer_id,
        actor="shopper",
        idempotency_key=idempotency_key,
    )


@router.post(
    "/orders/{order_id}/modify-items", response_model=OrderView, summary="Swap items of a pending order"
)
def modify_items(
    order_id: OrderId,
    body: ModifyItemsInput,
    customer_id: CustomerId,
    session: WriteSession,
    idempotency_key: IdempotencyKey = None,
) -> OrderView:
    return modify_order_items(
        session,
        order_id,
        item_ids=body.item_ids,
        new_item_ids=body.new_item_ids,
        payment_method_id=body.payment_method_id,
        customer_id=customer_id,
        actor="shopper",
        idempotency_key=idempotency_key,
    )


@router.post(
    "/orders/{order_id}/address", response_model=OrderView, summary="Change a pending order's address"
)
def modify_address(
    order_id: OrderId, body: AddressInput, customer_id: CustomerId, session: WriteSession
) -> OrderView:
    # setting an address twice leaves it as once: no idempotency key needed
    return modify_order_address(session, order_id, body, customer_id=customer_id, actor="shopper")


@router.post(
    "/orders/{order_id}/payment", response_model=OrderView, summary="Pay a pending order another way"
)
def modify_payment(
    order_id: OrderId,
    body: PaymentInput,
    customer_id: CustomerId,
    session: WriteSession,
    idempotency_key: IdempotencyKey = None,
) -> OrderView:
    return modify_order_payment(
        session,
        order_id,
        body.payment_method_id,
        customer_id=customer_id,
        actor="shopper",
        idempotency_key=idempotency_key,
    )


@router.post("/orders/{order_id}/return", response_model=OrderView, summary="Ask to return delivered items")
def request_return(
    order_id: OrderId,
    body: ReturnInput,
    customer_id: CustomerId,
    session: WriteSession,
    idempotency_key: IdempotencyKey = None,
) -> OrderView:
    return return_items(
        session,
        order_id,
        item_ids=body.item_ids,
        payment_method_id=body.payment_method_id,
        reason=body.reason,
        customer_id=customer_id,
        actor="shopper",
        idempotency_key=idempotency_key,
    )


@router.post(
    "/orders/{order_id}/exchange", response_model=OrderView, summary="Ask to exchange delivered items"
)
def request_exchange(
    order_id: OrderId,
    body: ExchangeInput,
    customer_id: CustomerId,
    session: WriteSession,
    idempotency_key: IdempotencyKey = None,
) -> OrderView:
    return exchange_items(
        session,
        order_id,
        item_ids=body.item_ids,
        new_item_ids=body.new_item_ids,
        payment_method_id=body.payment_method_id,
        customer_id=customer_id,
        actor="shopper",
        idempotency_key=idempotency_key,
    )
