"""Money: a Decimal amount with an ISO 4217 currency, rounded to the currency's minor unit."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache

from babel.numbers import format_currency, get_currency_precision

from comptoir.core.errors import InvalidInput

MAX_AMOUNT = Decimal("100000000")


@lru_cache(maxsize=64)
def _exponent(currency: str) -> Decimal:
    return Decimal(1).scaleb(-get_currency_precision(currency))


def valid_currency(currency: str) -> str:
    code = currency.strip().upper()
    if len(code) != 3 or not code.isalpha():
        raise InvalidInput(f"'{currency}' is not an ISO 4217 currency code", code="invalid_currency")
    return code


def quantize(amount: Decimal | int | float | str, currency: str = "EUR") -> Decimal:
    """Round to the currency's minor unit (cents for EUR/USD, none for JPY)."""
    try:
        value = amount if isinstance(amount, Decimal) else Decimal(str(amount))
    except InvalidOperation as exc:
        raise InvalidInput(f"'{amount}' is not an amount", code="invalid_amount") from exc
    if not value.is_finite():
        raise InvalidInput(f"'{amount}' is not an amount", code="invalid_amount")
    if abs(value) > MAX_AMOUNT * 1000:
        raise InvalidInput(f"'{amount}' is out of range", code="invalid_amount")
    try:
        return value.quantize(_exponent(currency), rounding=ROUND_HALF_UP)
    except InvalidOperation as exc:
        raise InvalidInput(f"'{amount}' is not an amount", code="invalid_amount") from exc


def parse_price(amount: Decimal | int | float | str, currency: str = "EUR") -> Decimal:
    """A price a merchant may set: positive or zero, finite, below a sane ceiling."""
    value = quantize(amount, currency)
    if value < 0 or value > MAX_AMOUNT:
        raise InvalidInput(f"price {amount} is out of range", code="invalid_price")
    return value


def format_money(amount: Decimal, currency: str, language: str) -> str:
    return format_currency(amount, currency, locale=language)
