"""Saleor's catalogue as a Django fixture (``populatedb_data.json``): a list of ``{model, pk, fields}``.

Mapping:

* ``product.category`` (a tree through ``parent``) -> categories, id = the category's slug.
* ``product.product`` -> a product, id = its slug (``saleor-<pk>`` if the slug is not a valid id); title
  from ``name``, description from ``description_plaintext`` (or the Editor.js blocks, HTML stripped).
* ``product.productvariant`` -> variants; their selection attributes (``attribute.assignedvariantattribute``
  -> values) become options, key = the attribute's slug, named by the attribute's name.
* Product attributes (``attribute.assignedproductattributevalue``): the ``brand`` attribute is the brand;
  the others become tags, and the options of a product that has a single variant.
* Prices from ``product.productvariantchannellisting``: the channel in the store's currency if there is
  one, else the USD channel (a warning says so when its currency is not the store's; the amounts are
  converted with the store's ``exchange_rates`` when a rate is set). A lower discounted price becomes the
  price, with the undiscounted one as the compare-at price.
* Stock: the sum of ``warehouse.stock`` quantity minus allocations; untracked when the variant does not
  track inventory.
* Images: ``product.productmedia`` paths (relative to Saleor's media root) or external URLs, in order.
* Collections become tags; a product in the ``featured-products`` collection is featured; gift cards
  (product type kind ``gift_card``) are tagged ``gift-card``.
* Texts go into the store's default language (or the ``language`` given to ``run_import``).

A rejection's ``line`` is the 1-based position of the product in the fixture's array and its ``pointer``
the JSON pointer (``/12``).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from comptoir.catalog.importers.draft import Draft
from comptoir.catalog.importers.errors import BadEncoding, NotJson, UnexpectedShape
from comptoir.catalog.importers.records import CategoryRecord, ImportContext, Record
from comptoir.catalog.importers.source import check_file
from comptoir.catalog.importers.text import RowError, html_to_text, valid_id
from comptoir.catalog.schemas import CategoryInput
from comptoir.core.money import quantize

Fields = dict[str, Any]


def _load(path: Path) -> list[Fields]:
    check_file(path)
    try:
        data = json.loads(path.read_bytes().decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise BadEncoding(f"{path.name} is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise NotJson(
            f"{path.name} is not JSON: {exc.msg} at line {exc.lineno} column {exc.colno}", line=exc.lineno
        ) from None
    if not isinstance(data, list) or not all(
        isinstance(o, dict) and "model" in o and "fields" in o for o in data
    ):
        raise UnexpectedShape(
            f"{path.name}: expected a Django fixture, a list of {{model, pk, fields}} objects"
        )
    return data


class Fixture:
    """The fixture's objects by model and primary key, with the joins the mapping needs."""

    def __init__(self, objects: list[Fields]) -> None:
        self.by_model: dict[str, dict[Any, Fields]] = defaultdict(dict)
        self.position: dict[tuple[str, Any], int] = {}
        for i, o in enumerate(objects):
            self.by_model[o["model"]][o.get("pk")] = o["fields"]
            self.position[(o["model"], o.get("pk"))] = i

    def all(self, model: str) -> dict[Any, Fields]:
        return self.by_model.get(model, {})

    def grouped(self, model: str, key: str) -> dict[Any, list[tuple[Any, Fields]]]:
        groups: dict[Any, list[tuple[Any, Fields]]] = defaultdict(list)
        for pk, fields in self.all(model).items():
            groups[fields.get(key)].append((pk, fields))
        return groups


def _description(fields: Fields) -> str:
    plain = fields.get("description_plaintext")
    if isinstance(plain, str) and plain.strip():
        return plain.strip()
    blocks = (fields.get("description") or {}).get("blocks") or []
    return "\n".join(
        html_to_text(str(b.get("data", {}).get("text", ""))) for b in blocks if isinstance(b, dict)
    )


class _Saleor:
    def __init__(self, fixture: Fixture, ctx: ImportContext) -> None:
        self.f = fixture
        self.ctx = ctx
        self.language = ctx.language
        self.categories = {pk: self._category_id(pk, c) for pk, c in fixture.all("product.category").items()}
        self.attributes = fixture.all("attribute.attribute")
        self.types = fixture.all("product.producttype")
        self.values = fixture.all("attribute.attributevalue")
        self.channel, self.rate = self._channel()
        self.listings = {
            (c["variant"], c["channel"]): c
            for c in fixture.all("product.productvariantchannellisting").values()
        }
        self.stock: dict[Any, int] = defaultdict(int)
        for s in fixture.all("warehouse.stock").values():
            self.stock[s["product_variant"]] += int(s.get("quantity") or 0) - int(
                s.get("quantity_allocated") or 0
            )
        self.variants = fixture.grouped("product.productvariant", "product")
        self.media = fixture.grouped("product.productmedia", "product")
        self.product_values = fixture.grouped("attribute.assignedproductattributevalue", "product")
        assignments = fixture.grouped("attribute.assignedvariantattribute", "variant")
        assigned_values = fixture.grouped("attribute.assignedvariantattributevalue", "assignment")
        self.variant_values: dict[Any, list[Fields]] = {
            variant: [
                self.values[v["value"]]
                for pk, _ in rows
                for _, v in assigned_values.get(pk, [])
                if v["value"] in self.values
            ]
            for variant, rows in assignments.items()
        }
        collections = fixture.all("product.collection")
        self.collections: dict[Any, list[str]] = defaultdict(list)
        for link in fixture.all("product.collectionproduct").values():
            collection = collections.get(link["collection"])
            if collection:
                self.collections[link["product"]].append(
                    str(collection.get("slug") or collection.get("name"))
                )

    @staticmethod
    def _category_id(pk: Any, c: Fields) -> str:
        slug = str(c.get("slug") or "")
        return slug if slug and valid_id(slug) else f"saleor-{pk}"

    def _channel(self) -> tuple[Any, Decimal | None]:
        channels = self.f.all("channel.channel")
        if not channels:
            return None, None
        for pk, c in channels.items():
            if c.get("currency_code") == self.ctx.currency:
                return pk, None
        pk, chosen = next(
            ((pk, c) for pk, c in channels.items() if c.get("currency_code") == "USD"),
            next(iter(channels.items())),
        )
        currency, store = str(chosen.get("currency_code")), self.ctx.currency
        rate = self.ctx.exchange_rates.get(currency)
        if rate:
            self.ctx.warnings.append(
                f"no channel in {store}: prices from {chosen.get('name')} converted from {currency}"
                f" at 1 {store} = {rate} {currency}"
            )
            return pk, rate
        self.ctx.warnings.append(
            f"no channel in {store}: prices taken as they are from {chosen.get('name')} ({currency});"
            f" set an exchange rate for {currency} in the store settings to convert them"
        )
        return pk, None

    def category_records(self) -> Iterator[Record]:
        tree = self.f.all("product.category")
        for pk, c in sorted(tree.items(), key=lambda item: (int(item[1].get("level") or 0), str(item[0]))):
            parent = self.categories.get(c.get("parent")) if c.get("parent") is not None else None
            data = CategoryInput(
                id=self.categories[pk],
                parent=parent,
                names={self.language: str(c.get("name") or self.categories[pk])[:200]},
            )
            i = self.f.position[("product.category", pk)]
            yield CategoryRecord(line=i + 1, pointer=f"/{i}", data=data, replace=False)

    def price(self, variant_pk: Any) -> tuple[Decimal, Decimal | None]:
        listing = self.listings.get((variant_pk, self.channel))
        if listing is None or listing.get("price_amount") is None:
            raise RowError(f"variant {variant_pk} has no price in the chosen channel")
        price = Decimal(str(listing["price_amount"]))
        discounted = listing.get("discounted_price_amount")
        compare_at = None
        if discounted is not None and Decimal(str(discounted)) < price:
            price, compare_at = Decimal(str(discounted)), price
        if self.rate:
            price = quantize(price / self.rate, self.ctx.currency)
            compare_at = None if compare_at is None else quantize(compare_at / self.rate, self.ctx.currency)
        return price, compare_at

    def product(self, pk: Any, p: Fields) -> Record:
        slug = str(p.get("slug") or "")
        i = self.f.position[("product.product", pk)]
        line = i + 1
        draft = Draft(
            product_id=slug if valid_id(slug) else f"saleor-{pk}",
            line=line,
            language=self.language,
            pointer=f"/{i}",
        )
        try:
            draft.translate(self.language, str(p.get("name") or ""), _description(p))
            brand, tags, single = None, [], {}
            for _, assigned in self.product_values.get(pk, []):
                value = self.values.get(assigned["value"])
                if value is None:
                    continue
                attribute = self.attributes.get(value["attribute"], {})
                if attribute.get("slug") == "brand":
                    brand = str(value["name"])[:120]
                else:
                    tags.append(str(value["name"]))
                    single[str(attribute.get("slug"))] = (str(attribute.get("name")), str(value["name"]))
            if self.types.get(p.get("product_type"), {}).get("kind") == "gift_card":
                tags.append("gift-card")
            collections = self.collections.get(pk, [])
            draft.fields = {
                "category": self.categories.get(p.get("category")),
                "brand": brand,
                "tags": tags + collections,
                "featured": "featured-products" in collections,
            }
            for _, media in sorted(self.media.get(pk, []), key=lambda m: int(m[1].get("sort_order") or 0)):
                draft.add_image(str(media.get("external_url") or media.get("image") or ""))
            variants = sorted(
                self.variants.get(pk, []), key=lambda v: (int(v[1].get("sort_order") or 0), v[0])
            )
            for variant_pk, v in variants:
                options: dict[str, str] = {}
                for value in self.variant_values.get(variant_pk, []):
                    attribute = self.attributes.get(value["attribute"], {})
                    key = str(attribute.get("slug") or value["attribute"])
                    draft.option_names[key] = {self.language: str(attribute.get("name") or key)}
                    options[key] = str(value["name"])
                if len(variants) == 1:
                    for key, (name, value_name) in single.items():
                        draft.option_names.setdefault(key, {self.language: name})
                        options.setdefault(key, value_name)
                price, compare_at = self.price(variant_pk)
                tracked = bool(v.get("track_inventory", True))
                draft.add_variant(
                    line,
                    options=options,
                    price=price,
                    compare_at_price=compare_at,
                    stock=max(0, self.stock.get(variant_pk, 0)) if tracked else None,
                    sku=str(v["sku"]) if v.get("sku") else None,
                )
        except RowError as exc:
            draft.reject(line, exc.reason)
        return draft.build()


def read_saleor(path: Path, ctx: ImportContext) -> Iterator[Record]:
    saleor = _Saleor(Fixture(_load(path)), ctx)
    yield from saleor.category_records()
    products = saleor.f.all("product.product")
    ctx.total = len(products)
    for done, (pk, p) in enumerate(products.items(), start=1):
        ctx.done = done
        yield saleor.product(pk, p)
