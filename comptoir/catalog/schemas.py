"""Plain values in and out of the catalog service."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

Audience = Literal["women", "men", "kids", "unisex"]


class Translation(BaseModel):
    title: str = Field(min_length=1, max_length=300)
    description: str = Field(default="", max_length=20000)


class VariantInput(BaseModel):
    id: str | None = Field(default=None, max_length=64)
    sku: str | None = Field(default=None, max_length=120)
    options: dict[str, str] = Field(default_factory=dict)
    price: Decimal = Field(ge=0, le=Decimal("100000000"))
    compare_at_price: Decimal | None = Field(default=None, ge=0, le=Decimal("100000000"))
    available: bool = True
    stock: int | None = Field(default=None, ge=0, le=10_000_000)


class ProductInput(BaseModel):
    """A product as a merchant or an importer gives it (the demo data's JSON shape)."""

    model_config = ConfigDict(extra="ignore")

    id: str | None = Field(default=None, max_length=64, pattern=r"^[A-Za-z0-9_.:-]+$")
    category: str | None = Field(default=None, max_length=64)
    brand: str | None = Field(default=None, max_length=120)
    audience: Audience | None = None
    tags: list[str] = Field(default_factory=list)
    featured: bool = False
    translations: dict[str, Translation]
    option_names: dict[str, dict[str, str]] = Field(default_factory=dict)
    option_values: dict[str, dict[str, str]] = Field(default_factory=dict)
    images: list[str] = Field(default_factory=list)
    variants: list[VariantInput] = Field(min_length=1)

    @field_validator("translations")
    @classmethod
    def _one_translation(cls, value: dict[str, Translation]) -> dict[str, Translation]:
        if not value:
            raise ValueError("a product needs a title in at least one language")
        if any(not 2 <= len(language) <= 8 for language in value):
            raise ValueError("language codes have 2 to 8 characters")
        return value

    @field_validator("images")
    @classmethod
    def _images(cls, value: list[str]) -> list[str]:
        if any(len(url) > 1000 for url in value):
            raise ValueError("image URLs have at most 1,000 characters")
        return value


class CategoryInput(BaseModel):
    id: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.:-]+$")
    parent: str | None = None
    names: dict[str, str] = Field(min_length=1)

    @field_validator("names")
    @classmethod
    def _names(cls, value: dict[str, str]) -> dict[str, str]:
        if any(not 2 <= len(k) <= 8 or not 1 <= len(v) <= 200 for k, v in value.items()):
            raise ValueError("names are 1 to 200 characters, keyed by 2-8 character language codes")
        return value


class CategoryView(BaseModel):
    id: str
    name: str
    parent_id: str | None
    product_count: int = 0


class OptionValueView(BaseModel):
    value: str
    label: str


class OptionView(BaseModel):
    key: str
    name: str
    values: list[OptionValueView]


class VariantView(BaseModel):
    id: str
    product_id: str
    sku: str | None
    options: dict[str, str]
    labels: dict[str, str]  # localised option name -> localised value
    price: Decimal
    compare_at_price: Decimal | None
    currency: str
    available: bool
    stock: int | None
    in_stock: bool


class ProductSummary(BaseModel):
    id: str
    title: str
    brand: str | None
    category_id: str | None
    price_min: Decimal
    price_max: Decimal
    currency: str
    in_stock: bool
    on_sale: bool
    image_url: str | None
    language: str


class ProductView(ProductSummary):
    description: str
    audience: str | None
    tags: list[str]
    category_name: str | None
    images: list[str]
    options: list[OptionView]
    variants: list[VariantView]
