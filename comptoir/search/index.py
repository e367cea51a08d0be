"""An in-process lexical index (BM25) over every translation of every product, with a snapshot of the
variants for filtering and facets. Rebuilt when the catalogue's fingerprint changes (a first cut; the
search issue makes it live)."""

from __future__ import annotations

import math
import threading
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy.orm import Session

from comptoir.catalog import Fingerprint, catalog_fingerprint, category_names, iter_index_documents
from comptoir.search.analysis import fold, tokens
from comptoir.search.parse import Vocabulary, base_vocabulary

K1, B = 1.2, 0.75
_COLOR_KEYS = {"color", "colour", "couleur"}
_MATERIAL_KEYS = {"material", "band material", "matière"}


@dataclass
class VariantRow:
    id: str
    options: dict[str, str]
    price: Decimal
    on_sale: bool
    in_stock: bool


@dataclass
class ProductDoc:
    id: str
    category_id: str | None
    brand: str | None
    audience: str | None
    popularity: int
    position: int
    variants: list[VariantRow]
    length: int = 0


@dataclass
class Index:
    fingerprint: Fingerprint
    docs: dict[str, ProductDoc] = field(default_factory=dict)
    postings: dict[str, dict[str, float]] = field(default_factory=lambda: defaultdict(dict))
    avg_length: float = 1.0
    vocabulary: Vocabulary = field(default_factory=base_vocabulary)

    def score(self, terms: list[str]) -> dict[str, float]:
        n = max(len(self.docs), 1)
        scores: dict[str, float] = defaultdict(float)
        for term in set(terms):
            posting = self.postings.get(term)
            if not posting:
                continue
            idf = math.log(1 + (n - len(posting) + 0.5) / (len(posting) + 0.5))
            for doc_id, tf in posting.items():
                length = self.docs[doc_id].length
                scores[doc_id] += idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * length / self.avg_length))
        return scores


def build(session: Session, fp: Fingerprint) -> Index:
    index = Index(fingerprint=fp)
    vocab = index.vocabulary
    names = category_names(session)
    for category_id, by_language in names.items():
        for name in by_language.values():
            vocab.categories[fold(name)] = category_id
        vocab.categories[fold(category_id)] = category_id
    total = 0
    for product in iter_index_documents(session):
        counts: Counter[str] = Counter()
        for lang, text in product.texts.items():
            counts.update(tokens(text.title, lang) * 3)
            counts.update(tokens(text.description, lang))
            counts.update(tokens(" ".join(text.option_values.values()), lang))
        for lang, name in names.get(product.category_id or "", {}).items():
            counts.update(tokens(name, lang) * 2)
        if product.brand:
            counts.update(tokens(product.brand) * 2)
            vocab.brands[fold(product.brand)] = product.brand
        counts.update(tokens(" ".join(product.tags)) * 2)
        variants = []
        for v in product.variants:
            for key, value in v.options.items():
                table = (
                    vocab.colors if key in _COLOR_KEYS else vocab.materials if key in _MATERIAL_KEYS else None
                )
                if table is not None:
                    table.setdefault(fold(value), value)
                    for text in product.texts.values():
                        if value in text.option_values:
                            table.setdefault(fold(text.option_values[value]), value)
            counts.update(tokens(" ".join(v.options.values())))
            variants.append(
                VariantRow(id=v.id, options=v.options, price=v.price, on_sale=v.on_sale, in_stock=v.in_stock)
            )
        doc = ProductDoc(
            id=product.id,
            category_id=product.category_id,
            brand=product.brand,
            audience=product.audience,
            popularity=product.popularity,
            position=product.position,
            variants=variants,
            length=sum(counts.values()),
        )
        index.docs[product.id] = doc
        total += doc.length
        for term, tf in counts.items():
            index.postings[term][product.id] = float(tf)
    index.avg_length = total / max(len(index.docs), 1)
    return index


class IndexCache:
    """One index per database, rebuilt when the catalogue changes."""

    def __init__(self) -> None:
        self._indexes: dict[str, Index] = {}
        self._lock = threading.Lock()

    def get(self, session: Session) -> Index:
        key = str(session.get_bind().engine.url)
        fp = catalog_fingerprint(session)
        index = self._indexes.get(key)
        if index is not None and index.fingerprint == fp:
            return index
        with self._lock:
            index = self._indexes.get(key)
            if index is None or index.fingerprint != fp:
                index = build(session, fp)
                self._indexes[key] = index
            return index


CACHE = IndexCache()
