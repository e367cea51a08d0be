"""Public catalogue endpoints: the store's public face, categories, products and items."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel

from comptoir.api.deps import Language, Limit, Offset, ProductId, ReadSession, Store, VariantId, page_of
from comptoir.catalog import (
    CategoryView,
    ProductSummary,
    ProductView,
    VariantView,
    get_product,
    get_variant,
    list_categories,
    list_products,
)
from comptoir.core.pagination import Page

router = APIRouter(tags=["catalog"])


class PublicShippingOption(BaseModel):
    id: str
    name: str
    price: Decimal
    min_days: int
    max_days: int
    free_above: Decimal | None
    countries: list[str] | None


class StoreInfo(BaseModel):
    """What a shop front needs to know about the store; the merchant policy stays inside."""

    name: str
    currency: str
    languages: list[str]
    default_language: str
    country: str
    prices_include_tax: bool
    shipping_options: list[PublicShippingOption]


@router.get("/store", response_model=StoreInfo, summary="The store's name, currency, languages and shipping")
def store_info(store: Store, language: Language) -> StoreInfo:
    return StoreInfo(
        name=store.name,
        currency=store.currency,
        languages=store.languages,
        default_language=store.default_language,
        country=store.country,
        prices_include_tax=store.tax.prices_include_tax,
        shipping_options=[
            PublicShippingOption(
                id=o.id,
                name=o.name(language),
                price=o.price,
                min_days=o.min_days,
                max_days=o.max_days,
                free_above=o.free_above,
                countries=o.countries,
            )
            for o in store.shipping_options
        ],
    )


@router.get("/categories", response_model=Page[CategoryView], summary="Categories with their product counts")
def categories(
    session: ReadSession, language: Language, offset: Offset = 0, limit: Limit = 100
) -> Page[CategoryView]:
    return page_of(list_categories(session, language=language), offset, limit)


@router.get("/products", response_model=Page[ProductSummary], summary="Products, in catalogue order")
def products(
    session: ReadSession,
    language: Language,
    category: Annotated[str | None, Query(min_length=1, max_length=64)] = None,
    offset: Offset = 0,
    limit: Limit = 20,
) -> Page[ProductSummary]:
    return list_products(session, language=language, category_id=category, offset=offset, limit=limit)


@router.get(
    "/products/{product_id}", response_model=ProductView, summary="A product with its items and options"
)
def product(product_id: ProductId, session: ReadSession, language: Language) -> ProductView:
    return get_product(session, product_id, language=language)


@router.get("/variants/{variant_id}", response_model=VariantView, summary="One item (a variant of a product)")
def variant(variant_id: VariantId, session: ReadSession, language: Language) -> VariantView:
    return get_variant(session, variant_id, language=language)
