"""Catalog tables: categories, products, their translations, images and variants (items)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from comptoir.core.clock import utcnow
from comptoir.db import Base


class Category(Base):
    __tablename__ = "categories"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    parent_id: Mapped[str | None] = mapped_column(ForeignKey("categories.id"))
    position: Mapped[int] = mapped_column(default=0)
    translations: Mapped[list[CategoryTranslation]] = relationship(
        cascade="all, delete-orphan", lazy="selectin"
    )


class CategoryTranslation(Base):
    __tablename__ = "category_translations"

    category_id: Mapped[str] = mapped_column(
        ForeignKey("categories.id", ondelete="CASCADE"), primary_key=True
    )
    language: Mapped[str] = mapped_column(String(8), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))


class Product(Base):
    __tablename__ = "products"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    category_id: Mapped[str | None] = mapped_column(ForeignKey("categories.id"), index=True)
    brand: Mapped[str | None] = mapped_column(String(120))
    audience: Mapped[str | None] = mapped_column(String(16))
    tags: Mapped[list[str]] = mapped_column(default=list)
    featured: Mapped[bool] = mapped_column(default=False)
    popularity: Mapped[int] = mapped_column(default=0)
    position: Mapped[int] = mapped_column(default=0, index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow, index=True)

    translations: Mapped[list[ProductTranslation]] = relationship(
        cascade="all, delete-orphan", lazy="selectin"
    )
    images: Mapped[list[ProductImage]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="ProductImage.position"
    )
    variants: Mapped[list[Variant]] = relationship(
        back_populates="product", cascade="all, delete-orphan", lazy="selectin", order_by="Variant.position"
    )


class ProductTranslation(Base):
    __tablename__ = "product_translations"

    product_id: Mapped[str] = mapped_column(ForeignKey("products.id", ondelete="CASCADE"), primary_key=True)
    language: Mapped[str] = mapped_column(String(8), primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    option_names: Mapped[dict[str, str]] = mapped_column(default=dict)
    option_values: Mapped[dict[str, str]] = mapped_column(default=dict)


class ProductImage(Base):
    __tablename__ = "product_images"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    product_id: Mapped[str] = mapped_column(ForeignKey("products.id", ondelete="CASCADE"), index=True)
    url: Mapped[str] = mapped_column(String(1000))
    alt: Mapped[str | None] = mapped_column(String(300))
    position: Mapped[int] = mapped_column(default=0)


class Variant(Base):
    __tablename__ = "variants"
    __table_args__ = (Index("ix_variants_product_position", "product_id", "position"),)

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    product_id: Mapped[str] = mapped_column(ForeignKey("products.id", ondelete="CASCADE"))
    sku: Mapped[str | None] = mapped_column(String(120), index=True)
    options: Mapped[dict[str, Any]] = mapped_column(default=dict)
    price: Mapped[Decimal]
    compare_at_price: Mapped[Decimal | None]
    available: Mapped[bool] = mapped_column(default=True)
    stock: Mapped[int | None] = mapped_column(default=None)  # None: not tracked
    position: Mapped[int] = mapped_column(default=0)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow, index=True)

    product: Mapped[Product] = relationship(back_populates="variants")
