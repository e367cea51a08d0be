"""WooCommerce's product CSV (Products > Export, and its ``sample_products.csv``).

Columns used: ID, Type, SKU, Name, Published, Is featured?, Visibility in catalog, Short description,
Description, Date sale price starts / ends, In stock?, Stock, Backorders allowed?, Sale price, Regular price,
Categories, Tags, Images, Parent, Attribute N name / value(s). Required: Type, Name.

* ``simple`` products become one variant; their single-valued attributes (``Color: Blue``) become the
  variant's options, multi-valued ones become tags. ``downloadable``/``virtual`` add a tag.
* ``variable`` products take their ``variation`` rows (``Parent`` is ``id:741`` or the parent's SKU)
  as variants, in any order in the file. A variation's blank attribute means "any": when its stock is
  not tracked it is expanded into one variant per value of the parent's attribute, otherwise left out.
* ``grouped`` and ``external`` products are not imported (they sell nothing here); each is listed in
  ``rejected``, as are unpublished, private and hidden products.
* Price: the sale price when there is one (and today is within its dates), with the regular price as the
  compare-at price. Stock: blank or backorders allowed means not tracked; ``In stock? = 0`` makes the
  variant unavailable.
* Categories (``Clothing > Tshirts``; the first path when there are several) are created on first use.
* Product id: the SKU when it is a valid id, else ``wc-<ID>``. Texts go into the store's default language.

Variations can come after their parent anywhere in the file, so the whole file is read first; WooCommerce
exports are small enough for that.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from itertools import product as cartesian
from pathlib import Path

from comptoir.catalog.importers.categories import CategoryPaths
from comptoir.catalog.importers.draft import Draft
from comptoir.catalog.importers.records import ImportContext, Record
from comptoir.catalog.importers.report import Rejected
from comptoir.catalog.importers.source import csv_rows
from comptoir.catalog.importers.text import (
    RowError,
    html_to_text,
    parse_bool,
    parse_decimal,
    parse_int,
    slugify,
    split_list,
    valid_id,
)

ATTRIBUTES = 3
COLUMNS: dict[str, list[str]] = {
    "id": ["ID"],
    "type": ["Type"],
    "sku": ["SKU"],
    "name": ["Name"],
    "published": ["Published"],
    "featured": ["Is featured?"],
    "visibility": ["Visibility in catalog"],
    "short_description": ["Short description"],
    "description": ["Description"],
    "sale_starts": ["Date sale price starts"],
    "sale_ends": ["Date sale price ends"],
    "in_stock": ["In stock?"],
    "stock": ["Stock"],
    "backorders": ["Backorders allowed?"],
    "sale_price": ["Sale price"],
    "regular_price": ["Regular price"],
    "categories": ["Categories"],
    "tags": ["Tags"],
    "images": ["Images"],
    "parent": ["Parent"],
    **{f"attr{n}_name": [f"Attribute {n} name"] for n in range(1, ATTRIBUTES + 1)},
    **{f"attr{n}_values": [f"Attribute {n} value(s)"] for n in range(1, ATTRIBUTES + 1)},
}
REQUIRED = ["type", "name"]


@dataclass
class Row:
    line: int
    cells: dict[str, str]

    def get(self, key: str) -> str:
        return self.cells.get(key, "").strip()

    @property
    def kinds(self) -> set[str]:
        return {k.lower() for k in split_list(self.get("type"), ",")}

    def attributes(self) -> list[tuple[str, list[str]]]:
        found = []
        for n in range(1, ATTRIBUTES + 1):
            name = self.get(f"attr{n}_name")
            if name:
                found.append((name, split_list(self.get(f"attr{n}_values"), ",")))
        return found


def _product_id(row: Row) -> str:
    sku = row.get("sku")
    return sku if sku and valid_id(sku) else f"wc-{row.get('id') or row.line}"


def _date(row: Row, column: str, title: str) -> date | None:
    value = row.get(column)
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        raise RowError(f"{title} '{value}' is not a date") from None


def _prices(row: Row) -> tuple[Decimal, Decimal | None]:
    regular = parse_decimal(row.get("regular_price"), "Regular price")
    sale = parse_decimal(row.get("sale_price"), "Sale price")
    if sale is not None:
        today = date.today()
        starts = _date(row, "sale_starts", "Date sale price starts")
        ends = _date(row, "sale_ends", "Date sale price ends")
        if (starts is not None and starts > today) or (ends is not None and ends < today):
            sale = None
    if sale is not None and regular is not None and sale < regular:
        return sale, regular
    price = regular if regular is not None else sale
    if price is None:
        raise RowError("missing Regular price")
    return price, None


def _stock(row: Row) -> tuple[int | None, bool]:
    available = parse_bool(row.get("in_stock"), "In stock?", default=True)
    if row.get("backorders").lower() in ("1", "notify", "yes"):
        return None, True
    return parse_int(row.get("stock"), "Stock", clamp_negative=True), available


def _skip_reason(row: Row) -> str | None:
    kinds = row.kinds
    if "grouped" in kinds:
        return "not imported: grouped products only group other products"
    if "external" in kinds:
        return "not imported: external products are sold on another site"
    if not kinds & {"simple", "variable"}:
        return f"not imported: unknown product type '{row.get('type')}'"
    if row.get("published") in ("0", "-1"):
        return "not imported: not published"
    if row.get("visibility").lower() == "hidden":
        return "not imported: hidden from the catalogue"
    return None


class _Woo:
    def __init__(self, ctx: ImportContext) -> None:
        self.ctx = ctx
        self.paths = CategoryPaths(ctx.language)

    def start(self, row: Row) -> tuple[Draft, list[Record]]:
        draft = Draft(product_id=_product_id(row), line=row.line, language=self.ctx.language)
        paths = split_list(row.get("categories"), ",")
        category, records = self.paths.declare(split_list(paths[0], ">") if paths else [], row.line)
        description = html_to_text(row.get("description") or row.get("short_description"))
        tags = split_list(row.get("tags"), ",") + sorted(row.kinds & {"downloadable", "virtual"})
        draft.fields = {"category": category, "tags": tags}
        try:
            draft.translate(self.ctx.language, row.get("name"), description)
            draft.fields["featured"] = parse_bool(row.get("featured"), "Is featured?", default=False)
            for url in split_list(row.get("images"), ","):
                draft.add_image(url)
        except RowError as exc:
            draft.reject(row.line, exc.reason)
        return draft, list(records)

    def simple(self, row: Row) -> Iterator[Record]:
        draft, records = self.start(row)
        yield from records
        try:
            options: dict[str, str] = {}
            for name, values in row.attributes():
                if len(values) == 1:
                    key = draft.name_option(len(draft.option_keys), name, self.ctx.language)
                    if key is not None:
                        options[key] = values[0]
                else:
                    draft.fields["tags"].extend(values)
            price, compare_at = _prices(row)
            stock, available = _stock(row)
            draft.add_variant(
                row.line,
                options=options,
                price=price,
                compare_at_price=compare_at,
                stock=stock,
                available=available,
                sku=row.get("sku") or None,
            )
        except RowError as exc:
            draft.reject(row.line, exc.reason)
        yield draft.build()

    def variable(self, row: Row, variations: list[Row]) -> Iterator[Record]:
        draft, records = self.start(row)
        yield from records
        if not variations:
            draft.reject(row.line, "a variable product without variations")
        choices: dict[str, list[str]] = {}
        for name, values in row.attributes():
            key = draft.name_option(len(draft.option_keys), name, self.ctx.language)
            if key is not None:
                choices[key] = values
        parsed = []
        for variation in variations:
            try:
                parsed.append(
                    (variation, *_prices(variation), *_stock(variation), *self.options(variation, choices))
                )
            except RowError as exc:
                draft.reject(variation.line, exc.reason)
        explicit = {tuple(sorted(fixed.items())) for *_, fixed, free in parsed if not free}
        seen: set[tuple[tuple[str, str], ...]] = set()
        for variation, price, compare_at, stock, available, fixed, free in parsed:
            combos = [fixed]
            if free and stock is None:  # "any" value: one variant per value of the parent's attribute
                combos = [
                    {**fixed, **dict(zip(free, values, strict=True))}
                    for values in cartesian(*(choices[k] for k in free))
                ]
                combos = [c for c in combos if tuple(sorted(c.items())) not in explicit | seen]
            for options in combos:
                seen.add(tuple(sorted(options.items())))
                draft.add_variant(
                    variation.line,
                    options=options,
                    price=price,
                    compare_at_price=compare_at,
                    stock=stock,
                    available=available,
                    sku=variation.get("sku") or None,
                )
        yield draft.build()

    def options(self, variation: Row, choices: dict[str, list[str]]) -> tuple[dict[str, str], list[str]]:
        """The variation's chosen values, and the keys it leaves open ("any")."""
        given = {slugify(name, max_length=40): values for name, values in variation.attributes()}
        fixed: dict[str, str] = {}
        free: list[str] = []
        for key, values in choices.items():
            value = given.get(key, [])
            if len(value) == 1:
                fixed[key] = value[0]
            elif len(values) > 0:
                free.append(key)
        return fixed, free


def read_woocommerce(path: Path, ctx: ImportContext) -> Iterator[Record]:
    rows = [Row(line, cells) for line, cells in csv_rows(path, ctx, COLUMNS, REQUIRED)]
    by_key: dict[str, Row] = {}
    for row in rows:
        if "variation" not in row.kinds:
            if row.get("id"):
                by_key[f"id:{row.get('id')}"] = row
            if row.get("sku"):
                by_key.setdefault(row.get("sku"), row)
    variations: dict[int, list[Row]] = {}
    woo = _Woo(ctx)
    for row in rows:
        if "variation" not in row.kinds:
            continue
        parent = by_key.get(row.get("parent"))
        if parent is None:
            yield Rejected(line=row.line, reason=f"variation of an unknown parent '{row.get('parent')}'")
        else:
            variations.setdefault(parent.line, []).append(row)
    for row in rows:
        if "variation" in row.kinds:
            continue
        reason = _skip_reason(row)
        if reason is not None:
            yield Rejected(line=row.line, reason=reason, product_id=_product_id(row))
        elif "variable" in row.kinds:
            yield from woo.variable(row, variations.get(row.line, []))
        else:
            yield from woo.simple(row)
