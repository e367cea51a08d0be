"""The search context's one door: ``search`` ranks products for a shopper's words and filters.

Steps: the filters are parsed out of the words (and merged with those given); the live index is brought up to
date; the lexical engine returns the products whose words match (typos forgiven) among those that pass the
filters at product level; each candidate is then checked item by item, so that every hit has an item that
satisfies every filter; when a semantic model is there, its nearest products (checked the same way) are fused
with the lexical ranking (reciprocal-rank fusion), availability and popularity breaking ties.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from comptoir.catalog import ProductSummary, first_images
from comptoir.core.errors import InvalidInput
from comptoir.core.pagination import clamp
from comptoir.search import lexical, semantic
from comptoir.search.analysis import concepts, tokens
from comptoir.search.engine import Doc, Item
from comptoir.search.index import CACHE, SearchIndex
from comptoir.search.parse import parse_filters
from comptoir.search.schemas import SearchFilters, SearchHit, SearchResult
from comptoir.store import get_settings

log = logging.getLogger(__name__)
MAX_TEXT = 2000
EXACT_UP_TO = 400  # result sets up to this size are checked item by item: exact total and facets
FACETS_COUNTED_UP_TO = 20_000  # larger result sets: facets of the best candidates only
POOL = 60  # candidates taken from each ranking before fusion
RRF_K = 20
_MEANINGFUL = re.compile(r"[^\W_]", re.UNICODE)
# Words of a request that say nothing about the product (stems, as analysed): dropped from the lexical query.
QUERY_NOISE = frozenset(
    tokens("something anything looking look want need would like show find buy get give cheap nice good")
    + tokens("quelque chose cherche chercher veux voudrais besoin montrer trouver acheter joli bon", "fr")
    + tokens("κάτι ψάχνω θέλω θα ήθελα χρειάζομαι δείξε βρες αγοράσω φθηνό φθηνά ωραίο", "el")
    + tokens("探し 欲しい ほしい 何か 見せ 買い 安い", "ja")
)


@dataclass
class Candidate:
    doc: Doc
    items: list[Item]
    lexical: float = 0.0
    lexical_rank: int | None = None
    semantic: float = 0.0
    semantic_rank: int | None = None

    def fused(self) -> float:
        score = 0.0
        if self.lexical_rank is not None:
            score += 1.0 / (RRF_K + self.lexical_rank)
        if self.semantic_rank is not None:
            score += semantic.WEIGHT / (RRF_K + self.semantic_rank)
        return score


def _verified(searcher: Any, hits: list[tuple[Any, Any]], f: SearchFilters) -> list[Candidate]:
    out = []
    for score, address in hits:
        doc = lexical.load(searcher, address)
        items = lexical.matching_items(doc, f)
        if items:
            out.append(Candidate(doc, items, lexical=float(score) if isinstance(score, float) else 0.0))
    return out


def _summary(doc: Doc, language: str, currency: str, image_url: str | None) -> ProductSummary:
    """The product as a hit shows it, from the index (kept in step with the catalogue) and its first image."""
    prices = [i.price for i in doc.items] or [Decimal(0)]
    return ProductSummary(
        id=doc.id,
        title=doc.title(language),
        brand=doc.brand,
        category_id=doc.category_id,
        price_min=min(prices),
        price_max=max(prices),
        currency=currency,
        in_stock=doc.in_stock,
        on_sale=any(i.on_sale for i in doc.items),
        image_url=image_url,
        language=language,
    )


def _order(c: Candidate) -> tuple[float, bool, int, int]:
    return (-round(c.fused(), 9), not any(i.in_stock for i in c.items), -c.doc.popularity, c.doc.position)


def _lexical_candidates(
    index: SearchIndex, searcher: Any, query: Any, has_text: bool, f: SearchFilters, want: int
) -> tuple[list[Candidate], int, bool]:
    """Verified candidates in lexical order, the (estimated) total and whether that total is exact."""
    first = searcher.search(query, limit=1, count=True)
    count = first.count or 0
    if count == 0:
        return [], 0, True
    if count <= EXACT_UP_TO:
        hits = searcher.search(query, limit=count).hits if has_text else _ranked(searcher, query, count)
        found = _verified(searcher, hits, f)
        return found, len(found), True
    limit = max(want, POOL)
    while True:
        hits = searcher.search(query, limit=limit).hits if has_text else _ranked(searcher, query, limit)
        found = _verified(searcher, hits, f)
        if len(found) >= want or limit >= count or limit >= 20 * max(want, POOL):
            # the count is of products with some item passing each filter; checked together, fewer may pass
            ratio = len(found) / max(len(hits), 1)
            estimate = len(found) if limit >= count else max(len(found), round(count * ratio))
            return found, estimate, limit >= count
        limit *= 4


def _ranked(searcher: Any, query: Any, limit: int) -> list[tuple[Any, Any]]:
    """Without text: in stock first, then popularity, then the merchant's position."""
    return list(searcher.search(query, limit=limit, order_by_field="rank").hits)


def search(
    session: Session,
    *,
    text: str = "",
    language: str = "en",
    filters: SearchFilters | None = None,
    limit: int = 20,
    offset: int = 0,
    mode: str = "fused",
) -> SearchResult:
    """Products for a shopper's words, with the filters understood from them and facet counts.

    Every returned product has at least one variant (listed in ``variant_ids``) that satisfies every
    filter, given or parsed. Filters given explicitly win over those parsed from the text.
    """
    offset, limit = clamp(offset, limit)
    if mode not in ("fused", "lexical", "semantic"):
        raise InvalidInput(f"unknown search mode '{mode}'", code="invalid_mode")
    notes: list[str] = []
    if len(text) > MAX_TEXT:  # a pasted page: its beginning is searched, and the shopper is told
        text = text[:MAX_TEXT]
        notes.append("text_truncated")
    settings = get_settings(session)
    index = CACHE.get(session)
    parsed, rest = parse_filters(
        text, index.vocabulary, store_currency=settings.currency, rates=settings.exchange_rates
    )
    f = (filters or SearchFilters()).merged(parsed)
    if f.price_min is not None and f.price_max is not None and f.price_min > f.price_max:
        notes.append("price_range_inverted")
    terms = [t for t in tokens(rest, language) if t not in QUERY_NOISE] + list(concepts(rest, language))
    has_words = bool(_MEANINGFUL.search(rest))
    lex = index.lexical
    searcher = lex.searcher()
    text_q, corrected = lexical.text_query(lex, searcher, terms) if terms else (None, [])
    filter_q = lexical.filter_query(lex, f)
    use_semantic = mode != "lexical"
    if mode == "semantic" and has_words:
        text_q = None
        terms = []
    has_text = text_q is not None
    want = offset + limit
    candidates: list[Candidate] = []
    total, exact = 0, True
    if has_text or not (terms or (mode == "semantic" and has_words)):
        candidates, total, exact = _lexical_candidates(
            index, searcher, lexical.combine(text_q, filter_q), has_text, f, want
        )
    for rank, c in enumerate(candidates[:POOL] if has_text else candidates):
        c.lexical_rank = rank
    nearest: list[tuple[str, float]] = []
    if has_words and use_semantic and semantic.available():
        try:
            if semantic.stale(index.semantic, index.generation):
                with index.lock, session.begin_nested():
                    semantic.refresh(session, index.semantic, index.generation)
            nearest = semantic.nearest(index.semantic, rest or text, POOL)
        except SQLAlchemyError:  # the vectors table is missing (migration not run): lexical search alone
            log.warning("semantic search unavailable", exc_info=True)
            notes.append("semantic_unavailable")
    if nearest:
        merged = {c.doc.id: c for c in candidates}
        # when the words matched products, one they do not match comes in only when it is about as near as the
        # nearest one: otherwise the filters ("white, under 80 €") would let the far end of the list through
        close = nearest[0][1] - (semantic.RELATIVE_ALONE if candidates else semantic.RELATIVE)
        fresh = [pid for pid, score in nearest if pid not in merged and score >= close]
        for doc, matched in semantic.verify(lex, searcher, fresh, filter_q, f):
            merged[doc.id] = Candidate(doc, matched)
        for rank, (pid, score) in enumerate((p, s) for p, s in nearest if p in merged):
            merged[pid].semantic_rank = rank
            merged[pid].semantic = score
        extra = len(merged) - len(candidates)
        candidates = list(merged.values())
        total += extra
    candidates.sort(key=_order)
    if has_text:
        # products that only pass the filters ("white", "under 80 €") and match none of the words are no answer
        # to the words: the dialogue says nothing matches and offers to widen the search
        ranked = [c for c in candidates if c.lexical_rank is not None or c.semantic_rank is not None]
        total = max(len(ranked), total - (len(candidates) - len(ranked)))
        candidates = ranked
    page = candidates[offset : offset + limit]
    images = first_images(session, [c.doc.id for c in page]) if page else {}
    items = [
        SearchHit(
            product=_summary(c.doc, language, settings.currency, images.get(c.doc.id)),
            variant_ids=[i.id for i in c.items],
            score=round(c.fused() if (has_text or c.semantic_rank is not None) else 0.0, 6),
        )
        for c in page
    ]
    if exact or total <= len(candidates) or total > FACETS_COUNTED_UP_TO:
        # exact over a checked result set; over the best candidates when the result set is huge (the
        # question to ask is about what the shopper will see)
        facets = lexical.facets_of([(c.doc, c.items) for c in candidates])
    else:
        facets = lexical.aggregate_facets(
            searcher, lexical.combine(text_q, filter_q), index.vocabulary.brands
        )
    if not has_words and text.strip() and not terms and f == (filters or SearchFilters()):
        notes.append("no_words")
    return SearchResult(
        items=items,
        total=total,
        language=language,
        text=rest,
        filters=f,
        facets=facets,
        total_is_estimate=not exact,
        corrected=corrected,
        notes=notes,
    )
