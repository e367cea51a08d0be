"""What search indexers read from the catalogue: plain documents and a change fingerprint."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from comptoir.catalog.models import Category, Product, Variant


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
