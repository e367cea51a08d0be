"""Product search: a shopper's words plus explicit filters, by query string or JSON body."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from comptoir.api.deps import Language, Limit, Offset, ReadSession
from comptoir.api.fields import Price
from comptoir.core.pagination import MAX_LIMIT
from comptoir.search import SearchFilters, SearchResult, search

router = APIRouter(tags=["search"])

MAX_TEXT = 2000
Term = Annotated[str, StringConstraints(min_length=1, max_length=60)]
Terms = Annotated[list[Term], Field(max_length=20)]


class SearchFiltersInput(BaseModel):
    """Filters given explicitly; they win over those understood from the text."""

    model_config = ConfigDict(extra="forbid")

    price_min: Price | None = None
    price_max: Price | None = None
    colors: Terms = Field(default_factory=list)
    sizes: Terms = Field(default_factory=list)
    materials: Terms = Field(default_factory=list)
    brands: Terms = Field(default_factory=list)
    category_id: Annotated[str, StringConstraints(min_length=1, max_length=64)] | None = None
    audience: Literal["women", "men", "kids", "unisex"] | None = None
    in_stock: bool = False
    on_sale: bool = False

    def to_filters(self) -> SearchFilters:
        return SearchFilters.model_validate(self.model_dump())


class SearchRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: Annotated[str, StringConstraints(max_length=MAX_TEXT)] = ""
    filters: SearchFiltersInput = Field(default_factory=SearchFiltersInput)
    offset: int = Field(default=0, ge=0, le=1_000_000)
    limit: int = Field(default=20, ge=1, le=MAX_LIMIT)


QueryTerms = Annotated[list[Term] | None, Query(max_length=20)]


@router.get("/search", response_model=SearchResult, summary="Search products by words and filters")
def search_products(
    session: ReadSession,
    language: Language,
    q: Annotated[str, Query(max_length=MAX_TEXT, description="the shopper's words")] = "",
    price_min: Annotated[Decimal | None, Query(ge=0, le=100_000_000)] = None,
    price_max: Annotated[Decimal | None, Query(ge=0, le=100_000_000)] = None,
    color: QueryTerms = None,
    size: QueryTerms = None,
    material: QueryTerms = None,
    brand: QueryTerms = None,
    category: Annotated[str | None, Query(min_length=1, max_length=64)] = None,
    audience: Literal["women", "men", "kids", "unisex"] | None = None,
    in_stock: bool = False,
    on_sale: bool = False,
    offset: Offset = 0,
    limit: Limit = 20,
) -> SearchResult:
    filters = SearchFiltersInput(
        price_min=price_min,
        price_max=price_max,
        colors=color or [],
        sizes=size or [],
        materials=material or [],
        brands=brand or [],
        category_id=category,
        audience=audience,
        in_stock=in_stock,
        on_sale=on_sale,
    )
    return search(
        session, text=q, language=language, filters=filters.to_filters(), limit=limit, offset=offset
    )


@router.post("/search", response_model=SearchResult, summary="Search products (JSON body)")
def search_products_body(body: SearchRequest, session: ReadSession, language: Language) -> SearchResult:
    return search(
        session,
        text=body.text,
        language=language,
        filters=body.filters.to_filters(),
        limit=body.limit,
        offset=body.offset,
    )
