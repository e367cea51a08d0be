"""What search indexers read from the catalogue: plain documents and a change fingerprint."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from comptoir.catalog.models import Category, Product, ProductImage, ProductTranslation, Variant


@dataclass(frozen=True, slots=True)
class IndexedText:
    title: str
    description: str
    option_names: dict[str, str]
    option_values: dict[str, str]


@dataclass(frozen=True, slots=True)
class IndexedVariant:
    id: str
    options: dict[str, str]
    price: Decimal
    compare_at_price: Decimal | None
    available: bool
    stock: int | None

    @property
    def in_stock(self) -> bool:
        return self.available and (self.stock is None or self.stock > 0)

    @property
    def on_sale(self) -> bool:
        return self.compare_at_price is not None and self.compare_at_price > self.price


@dataclass(frozen=True, slots=True)
class IndexedProduct:
    id: str
    category_id: str | None
    brand: str | None
    audience: str | None
    tags: list[str]
    popularity: int
    position: int
    texts: dict[str, IndexedText]
    variants: list[IndexedVariant]


@dataclass(frozen=True, slots=True)
class Fingerprint:
    products: int
    products_changed: datetime | None
    variants: int
    variants_changed: datetime | None
    categories: int


def catalog_fingerprint(session: Session) -> Fingerprint:
    """Changes whenever a product, an item (price, stock) or a category is added or changed."""
    p = session.execute(select(func.count(Product.id), func.max(Product.updated_at))).one()
    v = session.execute(select(func.count(Variant.id), func.max(Variant.updated_at))).one()
    c = session.scalar(select(func.count(Category.id))) or 0
    return Fingerprint(p[0], p[1], v[0], v[1], c)


def category_names(session: Session) -> dict[str, dict[str, str]]:
    """Category id -> language -> name."""
    return {c.id: {t.language: t.name for t in c.translations} for c in session.scalars(select(Category))}


def iter_index_documents(session: Session, *, batch: int = 1000) -> Iterator[IndexedProduct]:
    """Every product as a plain document, in id order, a batch at a time."""
    last = ""
    while True:
        rows = session.scalars(
            select(Product).where(Product.id > last).order_by(Product.id).limit(batch)
        ).all()
        if not rows:
            return
        for p in rows:
            yield IndexedProduct(
                id=p.id,
                category_id=p.category_id,
                brand=p.brand,
                audience=p.audience,
                tags=list(p.tags),
                popularity=p.popularity,
                position=p.position,
                texts={
                    t.language: IndexedText(
                        t.title, t.description, dict(t.option_names), dict(t.option_values)
                    )
                    for t in p.translations
                },
                variants=[
                    IndexedVariant(
                        v.id,
                        {str(k): str(x) for k, x in v.options.items()},
                        v.price,
                        v.compare_at_price,
                        v.available,
                        v.stock,
                    )
                    for v in p.variants
                ],
            )
        last = rows[-1].id
        for p in rows:  # keep memory flat, without detaching the caller's other objects
            session.expunge(p)


def _rows_to_documents(
    session: Session, products: list[Any], *, contiguous: bool = False
) -> list[IndexedProduct]:
    ids = [p.id for p in products]
    texts: dict[str, dict[str, IndexedText]] = {i: {} for i in ids}
    t = ProductTranslation
    v = Variant
    t_where = t.product_id.between(ids[0], ids[-1]) if contiguous else t.product_id.in_(ids)
    v_where = v.product_id.between(ids[0], ids[-1]) if contiguous else v.product_id.in_(ids)
    for r in session.execute(
        select(t.product_id, t.language, t.title, t.description, t.option_names, t.option_values).where(
            t_where
        )
    ):
        texts[r[0]][r[1]] = IndexedText(r[2], r[3] or "", dict(r[4] or {}), dict(r[5] or {}))
    variants: dict[str, list[IndexedVariant]] = {i: [] for i in ids}
    for w in session.execute(
        select(v.product_id, v.id, v.options, v.price, v.compare_at_price, v.available, v.stock, v.position)
        .where(v_where)
        .order_by(v.product_id, v.position, v.id)
    ):
        variants[w[0]].append(
            IndexedVariant(w[1], {str(k): str(x) for k, x in (w[2] or {}).items()}, w[3], w[4], w[5], w[6])
        )
    return [
        IndexedProduct(
            id=p.id,
            category_id=p.category_id,
            brand=p.brand,
            audience=p.audience,
            tags=list(p.tags or []),
            popularity=p.popularity,
            position=p.position,
            texts=texts[p.id],
            variants=variants[p.id],
        )
        for p in products
    ]


_PRODUCT_COLUMNS = (
    Product.id,
    Product.category_id,
    Product.brand,
    Product.audience,
    Product.tags,
    Product.popularity,
    Product.position,
)


def iter_index_batches(session: Session, *, batch: int = 2000) -> Iterator[list[IndexedProduct]]:
    """Every product as a plain document, in id order, a batch at a time, read with plain SELECTs (no ORM
    objects: about ten times faster than :func:`iter_index_documents` on a large catalogue)."""
    last = ""
    while True:
        rows = session.execute(
            select(*_PRODUCT_COLUMNS).where(Product.id > last).order_by(Product.id).limit(batch)
        ).all()
        if not rows:
            return
        yield _rows_to_documents(session, list(rows), contiguous=True)
        last = rows[-1].id


def index_documents(session: Session, product_ids: Sequence[str]) -> list[IndexedProduct]:
    """The documents of the given products (unknown ids are skipped)."""
    out: list[IndexedProduct] = []
    ids = list(dict.fromkeys(product_ids))
    for start in range(0, len(ids), 500):
        rows = session.execute(
            select(*_PRODUCT_COLUMNS).where(Product.id.in_(ids[start : start + 500]))
        ).all()
        out.extend(_rows_to_documents(session, list(rows)))
    return out


def changed_since(session: Session, since: datetime) -> list[tuple[str, datetime]]:
    """(product id, change time) of the products changed, or whose items changed, after ``since``:
    ``updated_at`` is indexed on both tables, so this is cheap however large the catalogue."""
    out: dict[str, datetime] = {}
    for pid, at in session.execute(select(Product.id, Product.updated_at).where(Product.updated_at > since)):
        out[pid] = max(at, out.get(pid, at))
    for pid, at in session.execute(
        select(Variant.product_id, Variant.updated_at).where(Variant.updated_at > since)
    ):
        out[pid] = max(at, out.get(pid, at))
    return sorted(out.items())


def product_count(session: Session) -> int:
    return session.scalar(select(func.count(Product.id))) or 0


def all_product_ids(session: Session) -> list[str]:
    return list(session.scalars(select(Product.id)))


def latest_change(session: Session) -> datetime:
    """The newest ``updated_at`` of any product or item (the epoch for an empty catalogue)."""
    values = [
        x
        for x in (
            session.scalar(select(func.max(Product.updated_at))),
            session.scalar(select(func.max(Variant.updated_at))),
        )
        if x is not None
    ]
    return max(values) if values else datetime(1970, 1, 1)


def first_images(session: Session, product_ids: Sequence[str]) -> dict[str, str]:
    """Product id -> the URL of its first image, for the products that have one."""
    out: dict[str, str] = {}
    rows = session.execute(
        select(ProductImage.product_id, ProductImage.url)
        .where(ProductImage.product_id.in_(list(product_ids)))
        .order_by(ProductImage.product_id, ProductImage.position, ProductImage.id)
    )
    for pid, url in rows:
        out.setdefault(pid, url)
    return out
