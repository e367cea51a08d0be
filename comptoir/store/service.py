"""Reading and saving the store settings."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy.orm import Session

from comptoir.core.errors import InvalidInput, NotFound
from comptoir.core.money import valid_currency
from comptoir.store.models import StoreRow
from comptoir.store.schemas import ShippingOption, StoreSettings


def get_settings(session: Session) -> StoreSettings:
    """The store's settings; defaults if none were saved yet."""
    row = session.get(StoreRow, 1)
    if row is None:
        return StoreSettings()
    return StoreSettings.model_validate(row.data)


def save_settings(session: Session, settings: StoreSettings) -> StoreSettings:
    valid_currency(settings.currency)
    row = session.get(StoreRow, 1)
    data = settings.model_dump(mode="json")
    if row is None:
        session.add(StoreRow(id=1, name=settings.name, currency=settings.currency, data=data))
    else:
        row.name, row.currency, row.data = settings.name, settings.currency, data
    session.flush()
    return settings


def shipping_option(settings: StoreSettings, option_id: str, *, country: str | None = None) -> ShippingOption:
    for option in settings.shipping_options:
        if option.id == option_id:
            if country and option.countries is not None and country.upper() not in option.countries:
                raise InvalidInput(
                    f"shipping option '{option_id}' does not deliver to {country}",
                    code="shipping_unavailable",
                )
            return option
    raise NotFound(f"no shipping option '{option_id}'", code="shipping_option_not_found")


def tax_rate(settings: StoreSettings, country: str | None) -> Decimal:
    if country and country.upper() in settings.tax.rates:
        return settings.tax.rates[country.upper()]
    return settings.tax.default_rate
