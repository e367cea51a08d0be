"""Search: products from a shopper's words, filters parsed from language, facets."""

from sqlalchemy.orm import Session

from comptoir.search.analysis import fold, tokens
from comptoir.search.index import CACHE, Progress
from comptoir.search.schemas import SearchFilters, SearchHit, SearchResult
from comptoir.search.semantic import embed_catalogue
from comptoir.search.service import search


def reindex(session: Session, progress: Progress | None = None) -> int:
    """Rebuild this database's search index from scratch; the number of products indexed."""
    return CACHE.rebuild(session, progress).count


__all__ = [
    "SearchFilters",
    "SearchHit",
    "SearchResult",
    "embed_catalogue",
    "fold",
    "reindex",
    "search",
    "tokens",
]
