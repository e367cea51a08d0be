"""The search context's one door: ``search`` ranks products for a shopper's words and filters."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from sqlalchemy.orm import Session

from comptoir.catalog import get_products
from comptoir.core.errors import InvalidInput
from comptoir.core.pagination import clamp
from comptoir.search.analysis import tokens
from comptoir.search.index import _COLOR_KEYS, _MATERIAL_KEYS, CACHE, ProductDoc, VariantRow
from comptoir.search.parse import parse_filters
from comptoir.search.schemas import SearchFilters, SearchHit, SearchResult
from comptoir.store import get_settings

MAX_TEXT = 2000
_PRICE_BANDS = [
    (Decimal(0), Decimal(25)),
    (Decimal(25), Decimal(50)),
    (Decimal(50), Decimal(100)),
    (Decimal(100), Decimal(250)),
    (Decimal(250), None),
]


def _option(v: VariantRow, keys: set[str]) -> str | None:
    return next((value for key, value in v.options.items() if key in keys), None)


def _satisfies(v: VariantRow, keys: set[str], wanted: list[str]) -> bool:
    """A variant without such an option is not excluded: its words were matched by the text instead."""
    if not wanted:
        return True
    value = _option(v, keys)
    return value is None or value.lower() in {w.lower() for w in wanted}


def variant_matches(v: VariantRow, f: SearchFilters) -> bool:
    if f.price_min is not None and v.price < f.price_min:
        return False
    if f.price_max is not None and v.price > f.price_max:
        return False
    if f.in_stock and not v.in_stock:
        return False
    if f.on_sale and not v.on_sale:
        return False
    return (
        _satisfies(v, _COLOR_KEYS, f.colors)
        and _satisfies(v, {"size"}, f.sizes)
        and _satisfies(v, _MATERIAL_KEYS, f.materials)
    )


def product_matches(doc: ProductDoc, f: SearchFilters) -> bool:
    if f.category_id is not None and doc.category_id != f.category_id:
        return False
    if f.brands and (doc.brand or "").lower() not in {b.lower() for b in f.brands}:
        return False
    return not (
        f.audience is not None and doc.audience not in (f.audience, "unisex" if f.audience != "kids" else "")
    )


def _band(price: Decimal) -> str:
    for low, high in _PRICE_BANDS:
        if high is None or price < high:
            return f"{low}-{high}" if high is not None else f"{low}+"
    return "other"


def _facets(matched: list[tuple[ProductDoc, list[VariantRow]]]) -> dict[str, dict[str, int]]:
    facets: dict[str, Counter[str]] = {
        k: Counter() for k in ("category", "brand", "color", "size", "material", "price")
    }
    for doc, variants in matched:
        if doc.category_id:
            facets["category"][doc.category_id] += 1
        if doc.brand:
            facets["brand"][doc.brand] += 1
        for key, keys in (("color", _COLOR_KEYS), ("size", {"size"}), ("material", _MATERIAL_KEYS)):
            for value in {_option(v, keys) for v in variants} - {None}:
                facets[key][str(value)] += 1
        facets["price"][_band(min(v.price for v in variants))] += 1
    return {k: dict(c.most_common()) for k, c in facets.items() if c}


def search(
    session: Session,
    *,
    text: str = "",
    language: str = "en",
    filters: SearchFilters | None = None,
    limit: int = 20,
    offset: int = 0,
) -> SearchResult:
    """Products for a shopper's words, with the filters understood from them and facet counts.

    Every returned product has at least one variant (listed in ``variant_ids``) that satisfies every
    filter, given or parsed. Filters given explicitly win over those parsed from the text.
    """
    offset, limit = clamp(offset, limit)
    if len(text) > MAX_TEXT:
        raise InvalidInput(f"search text is limited to {MAX_TEXT} characters", code="query_too_long")
    settings = get_settings(session)
    index = CACHE.get(session)
    parsed, rest = parse_filters(
        text, index.vocabulary, store_currency=settings.currency, rates=settings.exchange_rates
    )
    f = (filters or SearchFilters()).merged(parsed)
    terms = tokens(rest, language)
    scores = index.score(terms) if terms else {}
    candidates = scores.keys() if terms else index.docs.keys()
    matched: list[tuple[ProductDoc, list[VariantRow]]] = []
    for pid in candidates:
        doc = index.docs[pid]
        if not product_matches(doc, f):
            continue
        variants = [v for v in doc.variants if variant_matches(v, f)]
        if variants:
            matched.append((doc, variants))
    matched.sort(
        key=lambda m: (
            -round(scores.get(m[0].id, 0.0), 6),
            not any(v.in_stock for v in m[1]),
            -m[0].popularity,
            m[0].position,
        )
    )
    page = matched[offset : offset + limit]
    summaries = {s.id: s for s in get_products(session, [d.id for d, _ in page], language=language)}
    items = [
        SearchHit(
            product=summaries[d.id], variant_ids=[v.id for v in vs], score=round(scores.get(d.id, 0.0), 4)
        )
        for d, vs in page
        if d.id in summaries
    ]
    return SearchResult(
        items=items,
        total=len(matched),
        language=language,
        text=rest,
        filters=f,
        facets=_facets(matched),
    )
