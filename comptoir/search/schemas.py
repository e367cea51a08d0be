"""Plain values of the search service: filters (given or parsed from text), hits, facets."""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel, Field

from comptoir.catalog import ProductSummary


class SearchFilters(BaseModel):
    price_min: Decimal | None = Field(default=None, ge=0)
    price_max: Decimal | None = Field(default=None, ge=0)
    currency: str | None = None  # the currency the shopper named, when it is not the store's
    colors: list[str] = Field(default_factory=list)
    sizes: list[str] = Field(default_factory=list)
    materials: list[str] = Field(default_factory=list)
    brands: list[str] = Field(default_factory=list)
    category_id: str | None = None
    audience: str | None = None
    in_stock: bool = False
    on_sale: bool = False

    def merged(self, other: SearchFilters) -> SearchFilters:
        """These filters, completed by ``other`` where these say nothing."""
        data = self.model_dump()
        for key, value in other.model_dump().items():
            if data[key] in (None, [], False):
                data[key] = value
        return SearchFilters.model_validate(data)

    def is_empty(self) -> bool:
        return self == SearchFilters()


class SearchHit(BaseModel):
    product: ProductSummary
    variant_ids: list[str]
    score: float


class SearchResult(BaseModel):
    items: list[SearchHit]
    total: int
    language: str
    text: str  # what remained of the text once the filters were taken out
    filters: SearchFilters
    facets: dict[str, dict[str, int]]
    total_is_estimate: bool = False  # a large result set's total, estimated from the items checked
    corrected: list[str] = Field(default_factory=list)  # query terms matched within one or two edits (typos)
    notes: list[str] = Field(
        default_factory=list
    )  # why a result is empty or odd: no_words, price_range_inverted
