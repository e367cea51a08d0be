"""create_products: the checks of create_product, for many products at once."""

from __future__ import annotations

from decimal import Decimal

import pytest

from comptoir.catalog import (
    CategoryInput,
    CategoryNotFound,
    InvalidProduct,
    ProductInput,
    create_products,
    get_product,
    list_products,
    upsert_category,
)
from comptoir.db import Database
from comptoir.store import save_settings
from tests.factories import settings, tshirt


def _product(product_id: str | None, *, category: str | None = None, price: str = "10") -> ProductInput:
    return ProductInput.model_validate(
        {"id": product_id, "category": category, "translations": {"en": {"title": f"P {product_id}"}},
         "variants": [{"options": {"size": "M"}, "price": price}, {"options": {"size": "L"}, "price": price}]}
    )  # fmt: skip


def test_creates_all_valid_products_with_generated_ids(db: Database) -> None:
    with db.session() as s:
        save_settings(s, settings())
        upsert_category(s, CategoryInput(id="clothing", names={"en": "Clothing"}))
        created = create_products(s, [tshirt("a"), _product(None), _product("c", category="clothing")])
    assert created == 3
    with db.read_session() as s:
        page = list_products(s)
        tee = get_product(s, "a", language="fr")
    assert page.total == 3
    assert (tee.title, tee.variants[0].id, tee.variants[1].price) == (
        "T-shirt en coton bio",
        "a-red-m",
        Decimal("22.00"),
    )
    generated = next(p for p in page.items if p.id not in {"a", "c"})
    assert generated.id.isdigit() and len(generated.id) == 10


def test_without_an_error_list_the_first_invalid_product_raises_and_nothing_is_written(db: Database) -> None:
    with db.session() as s:
        save_settings(s, settings())
    with pytest.raises(CategoryNotFound), db.session() as s:
        create_products(s, [_product("ok"), _product("lost", category="nowhere")])
    with db.read_session() as s:
        assert list_products(s).total == 0


def test_with_an_error_list_invalid_products_are_reported_by_index(db: Database) -> None:
    with db.session() as s:
        save_settings(s, settings())
        create_products(s, [_product("old")])
    errors: list[tuple[int, Exception]] = []
    with db.session() as s:
        created = create_products(
            s,
            [
                _product("old"),
                _product("new"),
                _product("new"),
                _product("lost", category="nowhere"),
                tshirt("t"),
            ],
            errors=errors,
        )
    assert created == 1
    assert [(i, type(e).__name__, getattr(e, "code", None)) for i, e in errors] == [
        (0, "InvalidProduct", "product_exists"),
        (2, "InvalidProduct", "product_exists"),
        (3, "CategoryNotFound", "category_not_found"),
        (4, "CategoryNotFound", "category_not_found"),  # the T-shirt's "clothing" does not exist here
    ]
    with db.read_session() as s:
        assert {p.id for p in list_products(s).items} == {"old", "new"}


def test_variant_ids_must_be_unique_across_the_batch(db: Database) -> None:
    with db.session() as s:
        save_settings(s, settings())
        upsert_category(s, CategoryInput(id="clothing", names={"en": "Clothing"}))
    errors: list[tuple[int, Exception]] = []
    with db.session() as s:
        created = create_products(
            s, [tshirt("one"), tshirt("one").model_copy(update={"id": "two"})], errors=errors
        )
    assert created == 1
    assert [(i, e.code) for i, e in errors if isinstance(e, InvalidProduct)] == [(1, "variant_exists")]
