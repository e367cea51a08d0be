"""Merchant operations on the store's settings and on orders (``Authorization: Bearer <admin token>``)."""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from typing import Annotated
from zoneinfo import available_timezones

from fastapi import APIRouter
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from comptoir.api.deps import AdminAuth, AppSettings, IdempotencyKey, OrderId, ReadSession, WriteSession
from comptoir.api.fields import (
    CountryCode,
    CurrencyCode,
    Id,
    LanguageCode,
    Name,
    Price,
    Reason,
    ShortText,
    Slug,
)
from comptoir.commerce import (
    OrderEventView,
    OrderView,
    cancel_order,
    complete_exchange,
    get_order,
    mark_delivered,
    mark_processed,
    order_events,
    receive_return,
    ship,
)
from comptoir.commerce.api import with_absolute_pay_url
from comptoir.store import (
    MerchantPolicy,
    ShippingOption,
    StoreSettings,
    TaxSettings,
    get_settings,
    save_settings,
)

router = APIRouter(prefix="/admin", tags=["admin"], dependencies=[AdminAuth])

Rate = Annotated[Decimal, Field(ge=0, le=1, max_digits=8)]
Days = Annotated[int, Field(ge=0, le=365)]


@lru_cache(maxsize=1)
def _zones() -> frozenset[str]:
    return frozenset(available_timezones())


def _zone(value: str) -> str:
    if value not in _zones():
        raise ValueError(f"'{value}' is not an IANA time zone")
    return value


class ShippingOptionInput(ShippingOption):
    id: Slug
    names: Annotated[dict[LanguageCode, Name], Field(min_length=1, max_length=20)]
    price: Price
    min_days: Days
    max_days: Days
    free_above: Price | None = None
    countries: Annotated[list[CountryCode], Field(min_length=1, max_length=250)] | None = None


class TaxSettingsInput(TaxSettings):
    default_rate: Rate = Decimal("0")
    rates: Annotated[dict[CountryCode, Rate], Field(max_length=250)] = Field(default_factory=dict)


class MerchantPolicyInput(MerchantPolicy):
    return_window_days: Annotated[int, Field(ge=0, le=3650)] | None = 30
    cancellation_reasons: Annotated[list[Reason], Field(max_length=20)] | None = Field(
        default_factory=lambda: MerchantPolicy().cancellation_reasons, description="null: any reason"
    )
    max_item_modifications: Annotated[int, Field(ge=0, le=10)] = 1
    max_exchanges_per_order: Annotated[int, Field(ge=0, le=10)] = 1
    code_ttl_minutes: Annotated[int, Field(ge=1, le=1440)] = 10
    code_max_attempts: Annotated[int, Field(ge=1, le=20)] = 5


class StoreSettingsInput(StoreSettings):
    """The store's settings, as ``GET`` returns them, with every field bounded (``PUT`` replaces them).

    A subclass of the service's model, so that a setting the service adds is accepted here at once.
    """

    name: Name
    currency: CurrencyCode
    languages: Annotated[list[LanguageCode], Field(min_length=1, max_length=20)]
    timezone: Annotated[str, StringConstraints(min_length=1, max_length=64), AfterValidator(_zone)] = (
        "Europe/Paris"
    )
    country: CountryCode = "FR"
    # a list of the bounded subclass: sound here, since the list is only read
    shipping_options: Annotated[list[ShippingOptionInput], Field(max_length=50)] = Field(  # type: ignore[assignment]
        default_factory=list
    )
    tax: TaxSettingsInput = Field(default_factory=TaxSettingsInput)
    policy: MerchantPolicyInput = Field(default_factory=MerchantPolicyInput)
    exchange_rates: Annotated[
        dict[CurrencyCode, Annotated[Decimal, Field(gt=0, le=1_000_000, max_digits=16)]],
        Field(max_length=300),
    ] = Field(default_factory=dict)

    def to_settings(self) -> StoreSettings:
        # what the merchant left out takes the service's own defaults
        return StoreSettings.model_validate(self.model_dump(exclude_unset=True))


class ShipmentInput(BaseModel):
    model_config = ConfigDict(extra="forbid")

    carrier: ShortText
    tracking_id: ShortText
    item_ids: Annotated[list[Id], Field(min_length=1, max_length=200)] | None = None


class AdminCancelInput(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: Reason


class AdminOrderView(OrderView):
    events: list[OrderEventView]


@router.get("/settings", response_model=StoreSettings, summary="The store's settings, policy included")
def read_settings(session: ReadSession) -> StoreSettings:
    return get_settings(session)


@router.put("/settings", response_model=StoreSettings, summary="Replace the store's settings")
def write_settings(body: StoreSettingsInput, session: WriteSession) -> StoreSettings:
    return save_settings(session, body.to_settings())


@router.get("/orders/{order_id}", response_model=AdminOrderView, summary="Any order, with its history")
def admin_order(order_id: OrderId, session: ReadSession, settings: AppSettings) -> AdminOrderView:
    order = with_absolute_pay_url(get_order(session, order_id), settings)
    return AdminOrderView(**order.model_dump(), events=order_events(session, order_id))


@router.post("/orders/{order_id}/process", response_model=OrderView, summary="Mark an order processed")
def process(order_id: OrderId, session: WriteSession) -> OrderView:
    return mark_processed(session, order_id, actor="merchant")


@router.post("/orders/{order_id}/ship", response_model=OrderView, summary="Record a shipment")
def ship_order(order_id: OrderId, body: ShipmentInput, session: WriteSession) -> OrderView:
    return ship(
        session,
        order_id,
        carrier=body.carrier,
        tracking_id=body.tracking_id,
        item_ids=body.item_ids,
        actor="merchant",
    )


@router.post("/orders/{order_id}/deliver", response_model=OrderView, summary="Mark an order delivered")
def deliver(order_id: OrderId, session: WriteSession) -> OrderView:
    return mark_delivered(session, order_id, actor="merchant")


@router.post(
    "/orders/{order_id}/receive-return", response_model=OrderView, summary="The returned items arrived"
)
def receive_returned(order_id: OrderId, session: WriteSession) -> OrderView:
    return receive_return(session, order_id, actor="merchant")


@router.post("/orders/{order_id}/complete-exchange", response_model=OrderView, summary="Complete an exchange")
def exchange_done(order_id: OrderId, session: WriteSession) -> OrderView:
    return complete_exchange(session, order_id, actor="merchant")


@router.post("/orders/{order_id}/cancel", response_model=OrderView, summary="Cancel an order for the shopper")
def admin_cancel(
    order_id: OrderId, body: AdminCancelInput, session: WriteSession, idempotency_key: IdempotencyKey = None
) -> OrderView:
    return cancel_order(
        session, order_id, reason=body.reason, actor="merchant", idempotency_key=idempotency_key
    )
