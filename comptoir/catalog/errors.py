"""Catalog errors."""

from __future__ import annotations

from comptoir.core.errors import InvalidInput, NotFound, OutOfStock


class ProductNotFound(NotFound):
    code = "product_not_found"


class VariantNotFound(NotFound):
    code = "variant_not_found"


class CategoryNotFound(NotFound):
    code = "category_not_found"


class InvalidProduct(InvalidInput):
    code = "invalid_product"


class VariantUnavailable(OutOfStock):
    code = "variant_unavailable"
