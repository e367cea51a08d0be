"""Shopify's product CSV (Products > Export), in both header dialects.

Classic export: ``Handle, Title, Body (HTML), Vendor, Product Category, Type, Tags, Published, Option1
Name, Option1 Value, ... Option3 Value, Variant SKU, Variant Inventory Tracker, Variant Inventory Qty,
Variant Inventory Policy, Variant Price, Variant Compare At Price, Image Src, Variant Image, Gift Card,
Status``. The 2024 template spells them ``URL handle, Description, Product category, Published on online
store, Option1 name, SKU, Inventory tracker, Inventory quantity, Continue selling when out of stock,
Price, Compare-at price, Product image URL, Variant image URL, Gift card``; both are read.

* Rows with the same handle form one product; the first carries Title and the product columns. Later rows
  (Title blank) add a variant (when they have option values, a SKU or a price) or only an image.
* A product with the single option ``Title`` / ``Default Title`` has no options.
* The body's HTML becomes plain text (``html.parser``: tags dropped, scripts and styles removed).
* Category: the ``Product Category`` path (``Apparel & Accessories > Clothing > Shirts``), each level
  created on first use; without one, ``Type`` as a top-level category. ``Type`` is also kept as a tag.
* Stock: untracked when the tracker is blank or the policy is ``continue`` (selling when out of stock);
  a negative quantity (oversold) counts as 0.
* Draft, archived or unpublished products are not imported; each is listed in ``rejected``.
* Texts go into the store's default language (or the ``language`` given to ``run_import``).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from comptoir.catalog.importers.categories import CategoryPaths
from comptoir.catalog.importers.draft import Draft
from comptoir.catalog.importers.records import CategoryRecord, ImportContext, Record
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

COLUMNS: dict[str, list[str]] = {
    "handle": ["Handle", "URL handle"],
    "title": ["Title"],
    "body": ["Body (HTML)", "Description", "Body HTML"],
    "vendor": ["Vendor"],
    "category": ["Product Category", "Product category"],
    "type": ["Type", "Product Type"],
    "tags": ["Tags"],
    "published": ["Published", "Published on online store"],
    "status": ["Status"],
    "gift_card": ["Gift Card", "Gift card"],
    "sku": ["Variant SKU", "SKU"],
    "tracker": ["Variant Inventory Tracker", "Inventory tracker"],
    "qty": ["Variant Inventory Qty", "Inventory quantity"],
    "policy": ["Variant Inventory Policy", "Continue selling when out of stock"],
    "price": ["Variant Price", "Price"],
    "compare_at": ["Variant Compare At Price", "Compare-at price", "Compare At Price"],
    "image": ["Image Src", "Product image URL"],
    "variant_image": ["Variant Image", "Variant image URL"],
    **{f"option{n}_name": [f"Option{n} Name"] for n in (1, 2, 3)},
    **{f"option{n}_value": [f"Option{n} Value"] for n in (1, 2, 3)},
}
REQUIRED = ["title", "price"]


def _product_id(handle: str) -> str:
    return handle if valid_id(handle) else slugify(handle)


def _stock(row: dict[str, str]) -> int | None:
    policy = row.get("policy", "").strip().lower()
    if policy in ("continue", "true"):
        return None
    has_tracker = "tracker" in row
    if has_tracker and not row["tracker"].strip():
        return None
    return parse_int(row.get("qty", ""), "Variant Inventory Qty", clamp_negative=True)


def _add_variant(draft: Draft, row: dict[str, str], line: int) -> None:
    options: dict[str, str] = {}
    for n, key in enumerate(draft.option_keys):
        value = row.get(f"option{n + 1}_value", "").strip()
        if key is None:
            continue
        if not value:
            raise RowError(f"missing Option{n + 1} Value")
        options[key] = value
    price = parse_decimal(row.get("price", ""), "Variant Price", required=True)
    assert price is not None
    draft.add_variant(
        line,
        options=options,
        price=price,
        compare_at_price=parse_decimal(row.get("compare_at", ""), "Variant Compare At Price"),
        stock=_stock(row),
        sku=row.get("sku", "").strip() or None,
    )
    draft.add_image(row.get("variant_image", ""))


def _is_variant_row(row: dict[str, str]) -> bool:
    return any(
        row.get(k, "").strip() for k in ("option1_value", "option2_value", "option3_value", "sku", "price")
    )


def _category(
    row: dict[str, str], line: int, paths: CategoryPaths
) -> tuple[str | None, list[CategoryRecord]]:
    product_type = row.get("type", "").strip()
    category_path = split_list(row.get("category", ""), ">")
    if not category_path or category_path[0].startswith("gid:"):
        category_path = [product_type] if product_type else []
    return paths.declare(category_path, line)


def _start(draft: Draft, row: dict[str, str], line: int, category: str | None) -> None:
    draft.translate(draft.language, row["title"], html_to_text(row.get("body", "")))
    product_type = row.get("type", "").strip()
    tags = split_list(row.get("tags", ""), ",")
    if product_type:
        tags.append(product_type)
    if parse_bool(row.get("gift_card", ""), "Gift Card", default=False):
        tags.append("gift-card")
    draft.fields = {"brand": row.get("vendor", "").strip()[:120] or None, "tags": tags, "category": category}
    names = [row.get(f"option{n}_name", "").strip() for n in (1, 2, 3)]
    values = [row.get(f"option{n}_value", "").strip() for n in (1, 2, 3)]
    if not (names[0] == "Title" and values[0] == "Default Title"):
        for n, name in enumerate(names):
            draft.name_option(n, name, draft.language)
    draft.add_image(row.get("image", ""))
    _add_variant(draft, row, line)


def _skip_reason(row: dict[str, str]) -> str | None:
    status = row.get("status", "").strip().lower()
    if status and status != "active":
        return f"not imported: status is {status}"
    try:
        published = parse_bool(row.get("published", ""), "Published", default=True)
    except RowError as exc:
        return exc.reason
    return None if published else "not imported: not published"


def _continue(draft: Draft | None, row: dict[str, str], line: int) -> None:
    if draft is None or draft.error is not None:
        return
    draft.add_image(row.get("image", ""))
    try:
        if _is_variant_row(row):
            _add_variant(draft, row, line)
    except RowError as exc:
        draft.reject(line, exc.reason)


def read_shopify(path: Path, ctx: ImportContext) -> Iterator[Record]:
    paths = CategoryPaths(ctx.language)
    draft: Draft | None = None
    current: str | None = None  # the handle whose continuation rows are expected
    for line, row in csv_rows(path, ctx, COLUMNS, REQUIRED):
        handle = row.get("handle", "").strip()
        title = row["title"].strip()
        if not title and current is not None and handle in (current, ""):
            _continue(draft, row, line)
            continue
        if draft is not None:
            yield draft.build()
        draft, current = None, handle or None
        if not title:
            yield Rejected(line=line, reason="missing Title", product_id=handle or None)
            continue
        product_id = _product_id(handle or title)
        current = handle or product_id
        reason = _skip_reason(row)
        if reason is not None:
            yield Rejected(line=line, reason=reason, product_id=product_id)
            continue
        category, records = _category(row, line, paths)
        yield from records
        draft = Draft(product_id=product_id, line=line, language=ctx.language)
        try:
            _start(draft, row, line, category)
        except RowError as exc:
            draft.reject(line, exc.reason)
    if draft is not None:
        yield draft.build()
