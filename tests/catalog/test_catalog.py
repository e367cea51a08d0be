"""Catalogue reads in several languages and merchant operations."""

from __future__ import annotations

from decimal import Decimal

import pytest
from pydantic import ValidationError

from comptoir.catalog import (
    ProductInput,
    create_product,
    get_product,
    get_variant,
    list_categories,
    list_products,
    restock,
    set_price,
)
from comptoir.core.errors import ComptoirError
from comptoir.db import Database
from tests.factories import seed, tshirt


def test_product_reads_in_the_shoppers_language_with_fallback(db: Database) -> None:
    seed(db)
    with db.read_session() as s:
        fr = get_product(s, "tshirt", language="fr")
        ja = get_product(s, "tshirt", language="ja")  # not translated: English
        cats = list_categories(s, language="fr")
    assert fr.title == "T-shirt en coton bio" and fr.category_name == "Vêtements"
    assert fr.options[0].name == "Couleur" and [v.label for v in fr.options[0].values] == ["rouge", "bleu"]
    assert fr.variants[0].labels == {"Couleur": "rouge", "Taille": "M"}
    assert ja.title == "Organic cotton T-shirt"
    assert (fr.price_min, fr.price_max, fr.in_stock) == (Decimal("20.00"), Decimal("22.00"), True)
    assert [(c.id, c.name, c.product_count) for c in cats] == [("clothing", "Vêtements", 1)]


def test_merchant_changes_price_and_restocks(db: Database) -> None:
    seed(db)
    with db.session() as s:
        set_price(s, "tshirt-red-m", Decimal("18.5"))
        restock(s, "tshirt-blue-m", 5)
    with db.read_session() as s:
        assert get_variant(s, "tshirt-red-m").price == Decimal("18.50")
        blue = get_variant(s, "tshirt-blue-m")
    assert (blue.stock, blue.in_stock) == (5, True)


@pytest.mark.parametrize(
    ("_case", "change", "code"),
    [
        ("unknown category", {"category": "nope"}, "category_not_found"),
        ("duplicate id", {}, "product_exists"),
        (
            "mixed option names",
            {
                "variants": [
                    {"options": {"color": "red"}, "price": "1"},
                    {"options": {"size": "M"}, "price": "1"},
                ]
            },
            "invalid_product",
        ),
        (
            "same options twice",
            {
                "variants": [
                    {"options": {"color": "red"}, "price": "1"},
                    {"options": {"color": "red"}, "price": "2"},
                ]
            },
            "invalid_product",
        ),
    ],
)
def test_create_product_refuses_bad_products(db: Database, _case: str, change: dict, code: str) -> None:
    seed(db)
    data = tshirt().model_dump() | {"id": "tshirt" if code == "product_exists" else "new"} | change
    with pytest.raises(ComptoirError) as info, db.session() as s:
        create_product(s, ProductInput.model_validate(data))
    assert info.value.code == code
    with db.read_session() as s:
        assert list_products(s).total == 1


def test_negative_price_and_stock_fail_validation() -> None:
    with pytest.raises(ValidationError):
        ProductInput.model_validate(tshirt().model_dump() | {"variants": [{"price": "-1"}]})
    with pytest.raises(ValidationError):
        ProductInput.model_validate(tshirt().model_dump() | {"variants": [{"price": "1", "stock": -3}]})


def test_pagination_bounds(db: Database) -> None:
    seed(db)
    with pytest.raises(ComptoirError) as info, db.read_session() as s:
        list_products(s, limit=0)
    assert info.value.code == "invalid_limit"
