"""Shipping and tax arithmetic, shared by cart quotes and checkout (prices are tax-inclusive)."""

from __future__ import annotations

from decimal import Decimal

from comptoir.commerce.schemas import ShippingQuote
from comptoir.core.money import quantize
from comptoir.store import ShippingOption, StoreSettings, tax_rate


def shipping_cost(option: ShippingOption, subtotal: Decimal) -> Decimal:
    if option.free_above is not None and subtotal >= option.free_above:
        return Decimal("0.00")
    return option.price


def quote(option: ShippingOption, subtotal: Decimal, language: str) -> ShippingQuote:
    return ShippingQuote(
        option_id=option.id,
        name=option.name(language),
        cost=shipping_cost(option, subtotal),
        min_days=option.min_days,
        max_days=option.max_days,
    )


def included_tax(settings: StoreSettings, gross: Decimal, country: str | None) -> Decimal:
    """The tax contained in a tax-inclusive amount (or added on top when prices exclude tax)."""
    rate = tax_rate(settings, country)
    if settings.tax.prices_include_tax:
        return quantize(gross * rate / (1 + rate), settings.currency)
    return quantize(gross * rate, settings.currency)


def country_code(country: str | None) -> str | None:
    if not country:
        return None
    code = country.strip().upper()
    return {"USA": "US", "UNITED STATES": "US", "FRANCE": "FR", "GREECE": "GR", "JAPAN": "JP"}.get(code, code)
