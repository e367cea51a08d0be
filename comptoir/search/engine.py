"""The lexical engine: a tantivy index of one document per product, pre-analysed by :mod:`analysis`.

Fields:

- ``pid`` (raw, stored): the product id, the key of updates and deletions;
- ``title`` and ``body`` (whitespace-separated terms we analysed: every language's title, brand, concepts /
  descriptions, category names, option values, tags), ranked by BM25;
- ``f`` (raw, fast, several values): filter terms — ``cat=shoes``, ``brand=nordvik``, ``aud=kids``,
  ``color=red``, ``size=m``, ``mat=leather``, ``stock``, ``sale`` (a product has a term when one of its
  items has it), used as exact filters and for facet counts;
- ``pmin``/``pmax``: the cheapest and dearest item's price; ``rank``: in stock, popularity and position packed
  into one number, the order when there is no text;
- ``data`` (stored JSON): the items (id, options, price, in stock, on sale) to check each filter item by item.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import tantivy

from comptoir.catalog import IndexedProduct
from comptoir.search.analysis import concepts, fold, tokens

SCHEMA_VERSION = 4
COLOR_KEYS = frozenset({"color", "colour", "couleur"})
MATERIAL_KEYS = frozenset({"material", "band material", "matière"})
SIZE_KEYS = frozenset({"size"})
NONE = "*none"  # an item without such an option: not excluded by that filter
TITLE_BOOST = 2.5
_POSITION_BITS = 21
_POPULARITY_BITS = 31


def _schema() -> tantivy.Schema:
    b = tantivy.SchemaBuilder()
    b.add_text_field("pid", stored=True, tokenizer_name="raw", index_option="basic")
    b.add_text_field("title", tokenizer_name="ws", index_option="freq")
    b.add_text_field("body", tokenizer_name="ws", index_option="freq")
    b.add_text_field("f", fast=True, tokenizer_name="raw", index_option="basic")
    b.add_float_field("pmin", fast=True, indexed=True)
    b.add_float_field("pmax", fast=True, indexed=True)
    b.add_unsigned_field("rank", fast=True)
    b.add_text_field("data", stored=True, tokenizer_name="raw", index_option="basic")
    return b.build()


@dataclass(frozen=True, slots=True)
class Item:
    """An item (variant) as the index keeps it."""

    id: str
    options: dict[str, str]
    price: Decimal
    in_stock: bool
    on_sale: bool

    def option(self, keys: frozenset[str]) -> str | None:
        return next((value for key, value in self.options.items() if key in keys), None)


@dataclass(frozen=True, slots=True)
class Doc:
    """A product as the index keeps it."""

    id: str
    category_id: str | None
    brand: str | None
    audience: str | None
    popularity: int
    position: int
    items: list[Item]
    titles: dict[str, str]

    def title(self, language: str) -> str:
        for lang in (language, "en"):
            if lang in self.titles:
                return self.titles[lang]
        return next(iter(self.titles.values()), self.id)

    @property
    def in_stock(self) -> bool:
        return any(i.in_stock for i in self.items)


def decode(data: str) -> Doc:
    raw = json.loads(data)
    return Doc(
        id=raw["id"],
        category_id=raw["c"],
        brand=raw["b"],
        audience=raw["a"],
        popularity=raw["p"],
        position=raw["o"],
        items=[Item(v[0], v[1], Decimal(v[2]), v[3], v[4]) for v in raw["v"]],
        titles=raw.get("t", {}),
    )


def rank_of(in_stock: bool, popularity: int, position: int) -> int:
    pop = min(max(popularity, 0), (1 << _POPULARITY_BITS) - 1)
    pos = (1 << _POSITION_BITS) - 1 - min(max(position, 0), (1 << _POSITION_BITS) - 1)
    return (int(in_stock) << (_POPULARITY_BITS + _POSITION_BITS)) | (pop << _POSITION_BITS) | pos


def filter_terms(p: IndexedProduct) -> list[str]:
    out = set()
    if p.category_id:
        out.add(f"cat={p.category_id}")
    if p.brand:
        out.add(f"brand={fold(p.brand)}")
    out.add(f"aud={p.audience or ''}")
    for v in p.variants:
        for name, keys in (("color", COLOR_KEYS), ("size", SIZE_KEYS), ("mat", MATERIAL_KEYS)):
            value = next((x for k, x in v.options.items() if k in keys), None)
            out.add(f"{name}={value.lower() if value is not None else NONE}")
        if v.in_stock:
            out.add("stock")
        if v.on_sale:
            out.add("sale")
    return sorted(out)


def document_terms(
    p: IndexedProduct, category_names: dict[str, dict[str, str]]
) -> tuple[list[str], list[str]]:
    """(title terms, body terms) of a product in every language it is translated into."""
    title: list[str] = []
    body: list[str] = []
    main = p.texts.get("en") or next(iter(p.texts.values()), None)
    main_language = "en" if "en" in p.texts else next(iter(p.texts), "en")
    for language, text in p.texts.items():
        title.extend(tokens(text.title, language))
        body.extend(tokens(text.description, language))
        body.extend(tokens(" ".join(text.option_values.values()), language))
    if main is not None:
        title.extend(concepts(main.title, main_language))
    for language, name in category_names.get(p.category_id or "", {}).items():
        body.extend(tokens(name, language))
        body.extend(concepts(name, language))
    if p.category_id:
        body.extend(tokens(p.category_id.replace("-", " ")))
    if p.brand:
        title.extend(tokens(p.brand))
    for tag in p.tags:
        body.extend(tokens(tag))
        body.extend(concepts(tag))
    for v in p.variants:
        body.extend(tokens(" ".join(v.options.values())))
    return title, body


def encode(p: IndexedProduct) -> str:
    return json.dumps(
        {
            "id": p.id,
            "c": p.category_id,
            "b": p.brand,
            "a": p.audience,
            "p": p.popularity,
            "o": p.position,
            "v": [[v.id, v.options, str(v.price), v.in_stock, v.on_sale] for v in p.variants],
            "t": {language: text.title for language, text in p.texts.items()},
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )


class LexicalIndex:
    """A tantivy index, in memory or in a folder; one writer, searchers reloaded after each commit."""

    def __init__(self, path: Path | None = None) -> None:
        self.schema = _schema()
        self.path = path
        if path is not None:
            path.mkdir(parents=True, exist_ok=True)
            self.index = tantivy.Index(self.schema, path=str(path), reuse=True)
        else:
            self.index = tantivy.Index(self.schema)
        self.index.register_tokenizer(
            "ws", tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace()).build()
        )
        self._writer: Any = None
        self.pending = 0

    @staticmethod
    def wipe(path: Path) -> None:
        shutil.rmtree(path, ignore_errors=True)

    @property
    def writer(self) -> Any:
        if self._writer is None:
            self._writer = self.index.writer(heap_size=64_000_000, num_threads=1)
        return self._writer

    def add(self, products: Iterable[IndexedProduct], category_names: dict[str, dict[str, str]]) -> int:
        n = 0
        writer = self.writer
        for p in products:
            title, body = document_terms(p, category_names)
            prices = [float(v.price) for v in p.variants] or [0.0]
            doc = tantivy.Document()
            doc.add_text("pid", p.id)
            doc.add_text("title", " ".join(title))
            doc.add_text("body", " ".join(body))
            for term in filter_terms(p):
                doc.add_text("f", term)
            doc.add_float("pmin", min(prices))
            doc.add_float("pmax", max(prices))
            doc.add_unsigned("rank", rank_of(any(v.in_stock for v in p.variants), p.popularity, p.position))
            doc.add_text("data", encode(p))
            writer.add_document(doc)
            n += 1
        self.pending += n
        return n

    def delete(self, product_ids: Iterable[str]) -> None:
        writer = self.writer
        for pid in product_ids:
            writer.delete_documents_by_term("pid", pid)
            self.pending += 1

    def commit(self) -> None:
        if self.pending:
            self.writer.commit()
            self.pending = 0
            self.index.reload()

    def searcher(self) -> Any:
        return self.index.searcher()

    def close(self) -> None:
        if self._writer is not None:
            self._writer.wait_merging_threads()
            self._writer = None
