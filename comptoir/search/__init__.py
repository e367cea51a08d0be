"""Search: products from a shopper's words, filters parsed from language, facets."""

from sqlalchemy.orm import Session

from comptoir.search.analysis import fold, tokens
from comptoir.search.discovery import Comparison, ComparisonRow, compare, complementary, similar
from comptoir.search.index import CACHE, Progress
from comptoir.search.schemas import SearchFilters, SearchHit, SearchResult
from comptoir.search.semantic import embed_catalogue
from comptoir.search.service import search


def reindex(session: Session, progress: Progress | None = None) -> int:
    """Rebuild this database's search index from scratch; the number of products indexed."""
    return CACHE.rebuild(session, progress).count


__all__ = [
    "Comparison",
    "ComparisonRow",
    "SearchFilters",
    "SearchHit",
    "SearchResult",
    "compare",
    "complementary",
    "embed_catalogue",
    "fold",
    "reindex",
    "search",
    "similar",
    "tokens",
]
