"""Our own JSON formats.

* A JSON document (``.json``), the demo data's shape: ``{"categories": [CategoryInput...], "products":
  [ProductInput...]}`` (either key may be missing; a bare array is a list of products). Rejections carry
  the record's 1-based position in its array as ``line`` and its JSON pointer (``/products/3``). The
  document is read whole: use JSON lines for large catalogues.
* JSON lines (``.jsonl`` or ``.ndjson``): one ProductInput per line. A line that is an object with a
  ``categories`` array (and no ``translations``) declares categories instead; ``generate_catalog`` writes
  one as the first line. Rejections carry the real line number. If the first record is not JSON the file
  is refused (``NotJson``); a later line that is not JSON is rejected on its own.

Categories are upserted (names in the file win) parents first; products go through ``create_products``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from comptoir.catalog.importers.errors import BadEncoding, NotJson, UnexpectedShape
from comptoir.catalog.importers.records import CategoryRecord, ImportContext, ProductRecord, Record
from comptoir.catalog.importers.report import Rejected
from comptoir.catalog.importers.source import check_file, scan_text
from comptoir.catalog.importers.text import describe
from comptoir.catalog.schemas import CategoryInput, ProductInput

LINE_SUFFIXES = {".jsonl", ".ndjson"}


def read_json(path: Path, ctx: ImportContext) -> Iterator[Record]:
    if path.suffix.lower() in LINE_SUFFIXES:
        return read_json_lines(path, ctx)
    return read_json_document(path, ctx)


def _load(path: Path) -> Any:
    check_file(path)
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise BadEncoding(f"{path.name} is not UTF-8 text (line {line})", line=line) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise NotJson(
            f"{path.name} is not JSON: {exc.msg} at line {exc.lineno} column {exc.colno}", line=exc.lineno
        ) from None


def _product_id(item: Any) -> str | None:
    value = item.get("id") if isinstance(item, dict) else None
    return value if isinstance(value, str) else None


def category_records(items: list[Any], *, where: str = "/categories") -> Iterator[CategoryRecord | Rejected]:
    """Validated categories, parents before children (a parent outside the file must already exist)."""
    valid: list[tuple[int, CategoryInput]] = []
    for i, item in enumerate(items):
        try:
            valid.append((i, CategoryInput.model_validate(item)))
        except ValidationError as exc:
            yield Rejected(line=i + 1, pointer=f"{where}/{i}", reason=describe(exc))
    in_file = {c.id for _, c in valid}
    emitted: set[str] = set()
    waiting = valid
    while waiting:
        ready = [
            (i, c) for i, c in waiting if c.parent is None or c.parent not in in_file or c.parent in emitted
        ]
        if not ready:  # a cycle: let upsert_category report the missing parents
            ready = waiting
        for i, c in ready:
            emitted.add(c.id)
            yield CategoryRecord(line=i + 1, pointer=f"{where}/{i}", data=c)
        waiting = [(i, c) for i, c in waiting if c.id not in emitted]


def read_json_document(path: Path, ctx: ImportContext) -> Iterator[Record]:
    doc = _load(path)
    if isinstance(doc, list):
        doc = {"products": doc}
    if not isinstance(doc, dict):
        raise UnexpectedShape(f"{path.name}: expected an object with 'categories' and 'products' arrays")
    categories, products = doc.get("categories", []), doc.get("products", [])
    if not isinstance(categories, list) or not isinstance(products, list):
        raise UnexpectedShape(f"{path.name}: 'categories' and 'products' must be arrays")
    ctx.total = len(products)
    yield from category_records(categories)
    for i, item in enumerate(products):
        ctx.done = i + 1
        pointer = f"/products/{i}"
        try:
            yield ProductRecord(line=i + 1, pointer=pointer, data=ProductInput.model_validate(item))
        except ValidationError as exc:
            yield Rejected(line=i + 1, pointer=pointer, reason=describe(exc), product_id=_product_id(item))


def read_json_lines(path: Path, ctx: ImportContext) -> Iterator[Record]:
    ctx.total = scan_text(path)
    seen_record = False
    with path.open(encoding="utf-8-sig") as f:
        for number, line in enumerate(f, start=1):
            ctx.done = number
            if not line.strip():
                continue
            try:
                yield ProductRecord(line=number, data=ProductInput.model_validate_json(line))
                seen_record = True
                continue
            except ValidationError as exc:
                error = exc
            try:
                item = json.loads(line)
            except json.JSONDecodeError as exc:
                if not seen_record:
                    raise NotJson(
                        f"{path.name} is not JSON lines: line {number}: {exc.msg}", line=number
                    ) from None
                yield Rejected(line=number, reason=f"not JSON: {exc.msg}")
                continue
            seen_record = True
            if (
                isinstance(item, dict)
                and isinstance(item.get("categories"), list)
                and "translations" not in item
            ):
                for record in category_records(item["categories"]):
                    if isinstance(record, CategoryRecord):
                        yield CategoryRecord(line=number, pointer=record.pointer, data=record.data)
                    else:
                        yield record.model_copy(update={"line": number})
                continue
            yield Rejected(line=number, reason=describe(error), product_id=_product_id(item))
