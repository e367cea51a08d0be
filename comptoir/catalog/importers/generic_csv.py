"""Our generic CSV: one row per variant, plus optional translation rows.

UTF-8, a header row, comma-separated (semicolon or tab also detected); column order is free and unknown
columns are ignored. Columns (required in bold):

    **product_id**, category, brand, audience, tags (``|``-separated), featured, language, **title**,
    description, option1_name, option1_value, option2_name, option2_value, option3_name, option3_value,
    variant_id, sku, **price**, compare_at_price, stock, available, image_url

Rows with the same ``product_id`` must be consecutive; together they form one product.

* The first row of a product is a variant row and also carries the product: category (an existing
  category id, or one declared by an earlier import), brand, audience, tags, featured, ``language``
  (blank: the store's default), title, description and the option names. Later rows may repeat
  these product columns; they are ignored there.
* A row **with a price** is a variant: its option values, variant_id (blank: generated), sku, price,
  compare_at_price, stock (blank: not tracked), available (default true) and image_url (added to the
  product's images).
* A row **without a price** is a translation: ``language`` (required), title, description, and for
  each option, ``optionN_name`` is the option's name in that language and ``optionN_value`` lists
  labels of the values in that language as ``value=label|value=label``, e.g.
  ``red=rouge|blue=bleu``.

Example::

    product_id,category,language,title,option1_name,option1_value,price,stock
    tee-1,clothing,en,Linen T-shirt,Colour,red,20.00,5
    tee-1,,,,,blue,20.00,0
    tee-1,,fr,T-shirt en lin,Couleur,red=rouge|blue=bleu,,

Any bad row rejects its whole product, reported at that row's line.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from comptoir.catalog.importers.draft import Draft
from comptoir.catalog.importers.records import ImportContext, Record
from comptoir.catalog.importers.report import Rejected
from comptoir.catalog.importers.source import csv_rows
from comptoir.catalog.importers.text import RowError, parse_bool, parse_decimal, parse_int, split_list

OPTIONS = 3
COLUMNS: dict[str, list[str]] = {
    name: []
    for name in [
        "product_id",
        "variant_id",
        "category",
        "brand",
        "audience",
        "tags",
        "featured",
        "language",
        "title",
        "description",
        "sku",
        "price",
        "compare_at_price",
        "stock",
        "available",
        "image_url",
        *(f"option{n}_{part}" for n in range(1, OPTIONS + 1) for part in ("name", "value")),
    ]
}
REQUIRED = ["product_id", "title", "price"]


def _start(draft: Draft, row: dict[str, str], line: int) -> None:
    draft.translate(draft.language, row.get("title", ""), row.get("description", ""))
    draft.fields = {
        "category": row.get("category", "").strip() or None,
        "brand": row.get("brand", "").strip() or None,
        "audience": row.get("audience", "").strip().lower() or None,
        "tags": split_list(row.get("tags", ""), "|"),
        "featured": parse_bool(row.get("featured", ""), "featured", default=False),
    }
    for n in range(OPTIONS):
        draft.name_option(n, row.get(f"option{n + 1}_name", ""), draft.language)
    _variant(draft, row, line)


def _variant(draft: Draft, row: dict[str, str], line: int) -> None:
    options: dict[str, str] = {}
    for n, key in enumerate(draft.option_keys):
        value = row.get(f"option{n + 1}_value", "").strip()
        if key is None:
            if value:
                raise RowError(
                    f"option{n + 1}_value '{value}' has no option{n + 1}_name on the product's first row"
                )
            continue
        if not value:
            raise RowError(f"missing option{n + 1}_value")
        options[key] = value
    price = parse_decimal(row.get("price", ""), "price", required=True)
    assert price is not None
    draft.add_variant(
        line,
        options=options,
        price=price,
        compare_at_price=parse_decimal(row.get("compare_at_price", ""), "compare_at_price"),
        stock=parse_int(row.get("stock", ""), "stock"),
        available=parse_bool(row.get("available", ""), "available", default=True),
        sku=row.get("sku", "").strip() or None,
        variant_id=row.get("variant_id", "").strip() or None,
    )
    draft.add_image(row.get("image_url", ""))


def _translation(draft: Draft, row: dict[str, str]) -> None:
    language = row.get("language", "").strip().lower()
    if not language:
        raise RowError("a row without a price is a translation and needs a language")
    draft.translate(language, row.get("title", ""), row.get("description", ""))
    for n in range(OPTIONS):
        name = row.get(f"option{n + 1}_name", "").strip()
        labels = row.get(f"option{n + 1}_value", "").strip()
        key = draft.option_keys[n] if n < len(draft.option_keys) else None
        if (name or labels) and key is None:
            raise RowError(f"option{n + 1} is translated but the product has no option{n + 1}_name")
        if name:
            draft.name_option(n, name, language)
        for pair in split_list(labels, "|"):
            value, sep, label = pair.partition("=")
            if not sep or not value.strip() or not label.strip():
                raise RowError(f"option{n + 1}_value: '{pair}' is not value=label")
            draft.label_value(value.strip(), language, label.strip())


def read_csv(path: Path, ctx: ImportContext) -> Iterator[Record]:
    draft: Draft | None = None
    finished: dict[str, int] = {}  # product id -> its first line
    for line, row in csv_rows(path, ctx, COLUMNS, REQUIRED):
        product_id = row["product_id"].strip()
        if draft is not None and product_id == draft.product_id:
            if draft.error is None:
                try:
                    if row.get("price", "").strip():
                        _variant(draft, row, line)
                    else:
                        _translation(draft, row)
                except RowError as exc:
                    draft.reject(line, exc.reason)
            continue
        if draft is not None:
            yield draft.build()
            finished[str(draft.product_id)] = draft.line
            draft = None
        if not product_id:
            yield Rejected(line=line, reason="missing product_id")
            continue
        if product_id in finished:
            yield Rejected(
                line=line,
                product_id=product_id,
                reason=f"product '{product_id}' already appeared on line {finished[product_id]}; "
                "the rows of a product must be consecutive",
            )
            continue
        language = row.get("language", "").strip().lower() or ctx.language
        draft = Draft(product_id=product_id, line=line, language=language)
        try:
            _start(draft, row, line)
        except RowError as exc:
            draft.reject(line, exc.reason)
    if draft is not None:
        yield draft.build()
