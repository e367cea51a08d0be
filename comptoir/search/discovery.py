"""Discovery around one product: similar ones (optionally cheaper), ones that go with it, and a side-by-side
comparison of two or three products (their differing attributes first)."""

from __future__ import annotations

from decimal import Decimal

import tantivy
from pydantic import BaseModel
from sqlalchemy.orm import Session

from comptoir.catalog import ProductNotFound, get_product, get_products
from comptoir.core.errors import InvalidInput
from comptoir.search.engine import COLOR_KEYS, MATERIAL_KEYS, SIZE_KEYS, Doc
from comptoir.search.index import CACHE
from comptoir.search.lexical import load
from comptoir.search.schemas import SearchFilters, SearchHit
from comptoir.search.service import search


class ComparisonRow(BaseModel):
    attribute: str
    values: list[str]  # one per product, in the order asked
    differs: bool


class Comparison(BaseModel):
    product_ids: list[str]
    titles: list[str]
    rows: list[ComparisonRow]  # differing attributes first


def _doc(session: Session, product_id: str) -> Doc:
    index = CACHE.get(session)
    searcher = index.lexical.searcher()
    hits = searcher.search(tantivy.Query.term_query(index.lexical.schema, "pid", product_id), limit=1).hits
    if not hits:
        raise ProductNotFound(f"no product '{product_id}'", product_id=product_id)
    return load(searcher, hits[0][1])


def _title(session: Session, product_id: str, language: str) -> str:
    return get_product(session, product_id, language=language).title


def similar(
    session: Session, product_id: str, *, language: str = "en", cheaper: bool = False, limit: int = 5
) -> list[SearchHit]:
    """Products like this one (same category, nearest by words and meaning); ``cheaper``: only those whose
    item costs less than this product's cheapest."""
    doc = _doc(session, product_id)
    price_max = None
    if cheaper:
        cheapest = min((i.price for i in doc.items), default=Decimal(0))
        price_max = max(cheapest - Decimal("0.01"), Decimal(0))
        if cheapest <= 0:
            return []
    filters = SearchFilters(category_id=doc.category_id, price_max=price_max)
    result = search(
        session, text=_title(session, product_id, "en"), language="en", filters=filters, limit=limit + 1
    )
    hits = [h for h in result.items if h.product.id != product_id]
    if len(hits) < limit:  # fill with the rest of the category, in stock and popular first
        seen = {h.product.id for h in hits} | {product_id}
        rest = search(session, filters=filters, limit=limit + len(seen)).items
        hits += [h for h in rest if h.product.id not in seen]
    return _localised(hits[:limit], session, language)


def _localised(hits: list[SearchHit], session: Session, language: str) -> list[SearchHit]:
    if language == "en" or not hits:
        return hits
    summaries = {s.id: s for s in get_products(session, [h.product.id for h in hits], language=language)}
    return [
        h.model_copy(update={"product": summaries[h.product.id]}) for h in hits if h.product.id in summaries
    ]


def complementary(
    session: Session, product_id: str, *, language: str = "en", limit: int = 5
) -> list[SearchHit]:
    """Products from other categories that go with this one: they share its uses (tags such as hiking, yoga,
    coffee, wedding), in stock first."""
    product = get_product(session, product_id, language="en")
    tags = [t for t in product.tags if t]
    if not tags:
        return []
    result = search(session, text=" ".join(tags), language="en", limit=limit * 4, mode="lexical")
    hits = [
        h for h in result.items if h.product.id != product_id and h.product.category_id != product.category_id
    ]
    return _localised(hits[:limit], session, language)


def _options(doc: Doc, keys: frozenset[str]) -> str:
    values = sorted({v for i in doc.items if (v := i.option(keys)) is not None})
    return ", ".join(values) or "—"


def compare(session: Session, product_ids: list[str], *, language: str = "en") -> Comparison:
    """Two or three products side by side: price, brand, category, audience, colours, sizes, materials,
    availability, sale."""
    ids = list(dict.fromkeys(product_ids))
    if not 2 <= len(ids) <= 3:
        raise InvalidInput("compare two or three different products", code="compare_count")
    docs = [_doc(session, pid) for pid in ids]

    def price(d: Doc) -> str:
        prices = [i.price for i in d.items]
        low, high = min(prices), max(prices)
        return f"{low}" if low == high else f"{low}–{high}"

    table = {
        "price": [price(d) for d in docs],
        "brand": [d.brand or "—" for d in docs],
        "category": [d.category_id or "—" for d in docs],
        "audience": [d.audience or "—" for d in docs],
        "colors": [_options(d, COLOR_KEYS) for d in docs],
        "sizes": [_options(d, SIZE_KEYS) for d in docs],
        "materials": [_options(d, MATERIAL_KEYS) for d in docs],
        "in_stock": ["yes" if d.in_stock else "no" for d in docs],
        "on_sale": ["yes" if any(i.on_sale for i in d.items) else "no" for d in docs],
    }
    rows = [ComparisonRow(attribute=k, values=v, differs=len(set(v)) > 1) for k, v in table.items()]
    rows.sort(key=lambda r: not r.differs)
    return Comparison(product_ids=ids, titles=[_title(session, pid, language) for pid in ids], rows=rows)
