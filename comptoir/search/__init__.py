"""Search: products from a shopper's words, filters parsed from language, facets."""

from comptoir.search.analysis import fold, tokens
from comptoir.search.schemas import SearchFilters, SearchHit, SearchResult
from comptoir.search.service import search

__all__ = ["SearchFilters", "SearchHit", "SearchResult", "fold", "search", "tokens"]
