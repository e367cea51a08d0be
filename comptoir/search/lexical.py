"""Queries on the lexical engine: the filter query, the text query (with typo tolerance), hits checked item
by item against the filters, facet counts."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from typing import Any

import tantivy

from comptoir.search.analysis import CONCEPT_PREFIX, fold
from comptoir.search.engine import (
    COLOR_KEYS,
    MATERIAL_KEYS,
    NONE,
    SIZE_KEYS,
    TITLE_BOOST,
    Doc,
    Item,
    LexicalIndex,
    decode,
)
from comptoir.search.schemas import SearchFilters

Occur = tantivy.Occur
Query = tantivy.Query
PRICE_BANDS = [
    (Decimal(0), Decimal(25)),
    (Decimal(25), Decimal(50)),
    (Decimal(50), Decimal(100)),
    (Decimal(100), Decimal(250)),
    (Decimal(250), None),
]
_FACET_NAMES = {"cat": "category", "brand": "brand", "color": "color", "size": "size", "mat": "material"}


def _satisfies(item: Item, keys: frozenset[str], wanted: list[str]) -> bool:
    """An item without such an option is not excluded: its words were matched by the text instead."""
    if not wanted:
        return True
    value = item.option(keys)
    return value is None or value.lower() in {w.lower() for w in wanted}


def item_matches(item: Item, f: SearchFilters) -> bool:
    if f.price_min is not None and item.price < f.price_min:
        return False
    if f.price_max is not None and item.price > f.price_max:
        return False
    if f.in_stock and not item.in_stock:
        return False
    if f.on_sale and not item.on_sale:
        return False
    return (
        _satisfies(item, COLOR_KEYS, f.colors)
        and _satisfies(item, SIZE_KEYS, f.sizes)
        and _satisfies(item, MATERIAL_KEYS, f.materials)
    )


def doc_matches(doc: Doc, f: SearchFilters) -> bool:
    if f.category_id is not None and doc.category_id != f.category_id:
        return False
    if f.brands and fold(doc.brand or "") not in {fold(b) for b in f.brands}:
        return False
    return not (
        f.audience is not None and doc.audience not in (f.audience, "unisex" if f.audience != "kids" else "")
    )


def matching_items(doc: Doc, f: SearchFilters) -> list[Item]:
    if not doc_matches(doc, f):
        return []
    return [i for i in doc.items if item_matches(i, f)]


def _any_of(schema: Any, terms: list[str]) -> Any:
    if len(terms) == 1:
        return Query.term_query(schema, "f", terms[0])
    return Query.term_set_query(schema, "f", terms)


def filter_query(index: LexicalIndex, f: SearchFilters) -> Any | None:
    """The product-level part of the filters (a product passes when some item may pass); ``None`` if none."""
    schema = index.schema
    clauses: list[Any] = []
    if f.category_id is not None:
        clauses.append(_any_of(schema, [f"cat={f.category_id}"]))
    if f.brands:
        clauses.append(_any_of(schema, [f"brand={fold(b)}" for b in f.brands]))
    if f.audience is not None:
        auds = [f"aud={f.audience}"] + (["aud=unisex"] if f.audience != "kids" else [])
        clauses.append(_any_of(schema, auds))
    for name, wanted in (("color", f.colors), ("size", f.sizes), ("mat", f.materials)):
        if wanted:
            clauses.append(_any_of(schema, [f"{name}={w.lower()}" for w in wanted] + [f"{name}={NONE}"]))
    if f.in_stock:
        clauses.append(_any_of(schema, ["stock"]))
    if f.on_sale:
        clauses.append(_any_of(schema, ["sale"]))
    if f.price_max is not None:
        clauses.append(Query.range_query(schema, "pmin", tantivy.FieldType.Float, None, float(f.price_max)))
    if f.price_min is not None:
        clauses.append(Query.range_query(schema, "pmax", tantivy.FieldType.Float, float(f.price_min), None))
    if not clauses:
        return None
    if len(clauses) == 1:
        return clauses[0]
    return Query.boolean_query([(Occur.Must, c) for c in clauses])


def _fuzzy_distance(term: str) -> int:
    if term.startswith(CONCEPT_PREFIX) or term.isdigit():
        return 0
    n = len(term)
    if n < 4:
        return 0
    return 1 if n < 8 else 2


def text_query(index: LexicalIndex, searcher: Any, terms: list[str]) -> tuple[Any | None, list[str]]:
    """A disjunction of the terms over title (boosted) and body; a term the catalogue never uses is looked
    for within one or two edits (typos). Returns the query and the terms corrected by fuzzy matching."""
    schema = index.schema
    should: list[tuple[Any, Any]] = []
    fuzzy: list[str] = []
    for term in dict.fromkeys(terms):
        df = searcher.doc_freq("title", term) + searcher.doc_freq("body", term)
        if df:
            should.append(
                (Occur.Should, Query.boost_query(Query.term_query(schema, "title", term), TITLE_BOOST))
            )
            should.append((Occur.Should, Query.term_query(schema, "body", term)))
            continue
        distance = _fuzzy_distance(term)
        if distance:
            fuzzy.append(term)
            for field_name, boost in (("title", TITLE_BOOST), ("body", 1.0)):
                q = Query.fuzzy_term_query(
                    schema, field_name, term, distance=distance, transposition_cost_one=True
                )
                should.append((Occur.Should, Query.boost_query(q, boost * 0.6)))
    if not should:
        return None, fuzzy
    return Query.boolean_query(should), fuzzy


def combine(text: Any | None, filters: Any | None) -> Any:
    if text is None and filters is None:
        return Query.all_query()
    if text is None:
        return filters
    if filters is None:
        return text
    return Query.boolean_query([(Occur.Must, text), (Occur.Must, filters)])


def band(price: Decimal) -> str:
    for low, high in PRICE_BANDS:
        if high is None or price < high:
            return f"{low}-{high}" if high is not None else f"{low}+"
    return "other"


def facets_of(matched: list[tuple[Doc, list[Item]]]) -> dict[str, dict[str, int]]:
    """Exact counts over a verified result set: products per category, brand, colour, size, material and
    price band (of the cheapest matching item)."""
    counts: dict[str, Counter[str]] = {
        k: Counter() for k in ("category", "brand", "color", "size", "material", "price")
    }
    for doc, items in matched:
        if doc.category_id:
            counts["category"][doc.category_id] += 1
        if doc.brand:
            counts["brand"][doc.brand] += 1
        for key, keys in (("color", COLOR_KEYS), ("size", SIZE_KEYS), ("material", MATERIAL_KEYS)):
            for value in {i.option(keys) for i in items} - {None}:
                counts[key][str(value)] += 1
        counts["price"][band(min(i.price for i in items))] += 1
    return {k: dict(c.most_common()) for k, c in counts.items() if c}


def aggregate_facets(searcher: Any, query: Any, brands: dict[str, str]) -> dict[str, dict[str, int]]:
    """Counts over the whole (product-level) match set, computed in the engine: for result sets too large
    to check item by item."""
    agg = {
        "f": {"terms": {"field": "f", "size": 400}},
        "price": {
            "range": {
                "field": "pmin",
                "ranges": [
                    {
                        "key": band(lo),
                        **({"from": float(lo)} if lo else {}),
                        **({"to": float(hi)} if hi else {}),
                    }
                    for lo, hi in PRICE_BANDS
                ],
            }
        },
    }
    raw = searcher.aggregate(query, agg)
    out: dict[str, Counter[str]] = {k: Counter() for k in ("category", "brand", "color", "size", "material")}
    for bucket in raw.get("f", {}).get("buckets", []):
        key, _, value = str(bucket["key"]).partition("=")
        name = _FACET_NAMES.get(key)
        if name is None or not value or value == NONE:
            continue
        label = brands.get(value, value) if name == "brand" else value.upper() if name == "size" else value
        out[name][label] += int(bucket["doc_count"])
    result = {k: dict(c.most_common()) for k, c in out.items() if c}
    prices = {
        str(b["key"]): int(b["doc_count"])
        for b in raw.get("price", {}).get("buckets", [])
        if b.get("doc_count")
    }
    if prices:
        result["price"] = prices
    return result


def load(searcher: Any, address: Any) -> Doc:
    return decode(searcher.doc(address)["data"][0])
