"""Merchant operations on the catalogue: categories, products, prices and stock."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, status
from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from comptoir.api.deps import AdminAuth, VariantId, WriteSession
from comptoir.api.fields import LanguageCode, Name, Price, Slug
from comptoir.catalog import (
    CategoryInput,
    CategoryView,
    ProductInput,
    ProductView,
    Translation,
    VariantInput,
    VariantView,
    create_product,
    restock,
    set_price,
    upsert_category,
)

router = APIRouter(prefix="/admin", tags=["admin"], dependencies=[AdminAuth])

OptionKey = Annotated[str, StringConstraints(min_length=1, max_length=40)]
OptionValue = Annotated[str, StringConstraints(min_length=1, max_length=100)]
Label = Annotated[str, StringConstraints(min_length=1, max_length=200)]
Tag = Annotated[str, StringConstraints(min_length=1, max_length=50)]
ImageUrl = Annotated[str, StringConstraints(max_length=1000, pattern=r"^(https?://|/)[^\s<>\"']+$")]
Localised = Annotated[dict[LanguageCode, Label], Field(max_length=20)]


class CategoryBody(CategoryInput):
    parent: Slug | None = None
    names: Annotated[dict[LanguageCode, Name], Field(min_length=1, max_length=20)]


class VariantBody(VariantInput):
    id: Slug | None = None
    sku: Annotated[str, StringConstraints(min_length=1, max_length=120)] | None = None
    options: Annotated[dict[OptionKey, OptionValue], Field(max_length=10)] = Field(default_factory=dict)
    price: Price
    compare_at_price: Price | None = None


class ProductBody(ProductInput):
    """A ``ProductInput`` with every field bounded (a subclass: what the service adds is taken at once)."""

    brand: Annotated[str, StringConstraints(min_length=1, max_length=120)] | None = None
    category: Slug | None = None
    tags: Annotated[list[Tag], Field(max_length=50)] = Field(default_factory=list)
    translations: Annotated[dict[LanguageCode, Translation], Field(min_length=1, max_length=20)]
    option_names: Annotated[dict[OptionKey, Localised], Field(max_length=10)] = Field(default_factory=dict)
    option_values: Annotated[dict[OptionValue, Localised], Field(max_length=200)] = Field(
        default_factory=dict
    )
    images: Annotated[list[ImageUrl], Field(max_length=20)] = Field(default_factory=list)
    variants: Annotated[list[VariantBody], Field(min_length=1, max_length=100)]  # type: ignore[assignment]

    def to_input(self) -> ProductInput:
        return ProductInput.model_validate(self.model_dump(exclude_unset=True))


class PriceInput(BaseModel):
    model_config = ConfigDict(extra="forbid")

    price: Price


class RestockInput(BaseModel):
    model_config = ConfigDict(extra="forbid")

    quantity: int = Field(ge=1, le=10_000_000)


@router.post(
    "/categories",
    response_model=CategoryView,
    status_code=status.HTTP_201_CREATED,
    summary="Add or rename a category",
)
def put_category(body: CategoryBody, session: WriteSession) -> CategoryView:
    return upsert_category(session, CategoryInput.model_validate(body.model_dump()))


@router.post(
    "/products", response_model=ProductView, status_code=status.HTTP_201_CREATED, summary="Add a product"
)
def add_product(body: ProductBody, session: WriteSession) -> ProductView:
    return create_product(session, body.to_input())


@router.put("/variants/{variant_id}/price", response_model=VariantView, summary="Change an item's price")
def change_price(variant_id: VariantId, body: PriceInput, session: WriteSession) -> VariantView:
    return set_price(session, variant_id, body.price)


@router.post(
    "/variants/{variant_id}/restock", response_model=VariantView, summary="Add units to an item's stock"
)
def add_stock(variant_id: VariantId, body: RestockInput, session: WriteSession) -> VariantView:
    return restock(session, variant_id, body.quantity)
