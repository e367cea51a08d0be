"""Bounded field types for request bodies: every string, number and list the API accepts has limits."""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from typing import Annotated

from babel.numbers import list_currencies
from pydantic import AfterValidator, Field, StringConstraints

from comptoir.core.money import MAX_AMOUNT

Id = Annotated[str, StringConstraints(min_length=1, max_length=64)]
Slug = Annotated[str, StringConstraints(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.:-]+$")]
LanguageCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,4})?$", max_length=8)]
CountryCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
Name = Annotated[str, StringConstraints(min_length=1, max_length=200)]
ShortText = Annotated[str, StringConstraints(min_length=1, max_length=80)]
Reason = Annotated[str, StringConstraints(min_length=1, max_length=200)]
Price = Annotated[Decimal, Field(ge=0, le=MAX_AMOUNT, max_digits=14)]
Quantity = Annotated[int, Field(ge=1, le=99)]
ItemIds = Annotated[list[Id], Field(min_length=1, max_length=50)]


@lru_cache(maxsize=1)
def _currencies() -> frozenset[str]:
    return frozenset(list_currencies())


def _iso_currency(value: str) -> str:
    if value not in _currencies():
        raise ValueError(f"'{value}' is not an ISO 4217 currency code")
    return value


CurrencyCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$"), AfterValidator(_iso_currency)]
