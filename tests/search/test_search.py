"""The first search: lexical ranking, filters parsed from four languages, facets; and the property
that every returned item satisfies every filter."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from comptoir.catalog import (
    CategoryInput,
    ProductInput,
    create_product,
    get_variant,
    set_price,
    upsert_category,
)
from comptoir.db import Database
from comptoir.search import SearchFilters, search
from comptoir.store import StoreSettings, save_settings


def _product(
    pid: str,
    cat: str,
    titles: dict[str, str],
    variants: list[tuple[str, str, str, int]],
    tags: list[str] | None = None,
    audience: str = "unisex",
    sale: bool = False,
) -> ProductInput:
    return ProductInput.model_validate(
        {
            "id": pid,
            "category": cat,
            "brand": "Nordvik" if cat == "shoes" else "Sonora",
            "audience": audience,
            "tags": tags or [],
            "translations": {lang: {"title": t, "description": ""} for lang, t in titles.items()},
            "option_names": {
                "color": {"en": "Colour", "fr": "Couleur"},
                "size": {"en": "Size", "fr": "Taille"},
            },
            "option_values": {
                "red": {"fr": "rouge", "el": "κόκκινο", "ja": "レッド"},
                "black": {"fr": "noir"},
            },
            "variants": [
                {
                    "id": f"{pid}-{c}-{s}",
                    "options": {"color": c, "size": s},
                    "price": p,
                    "stock": st_,
                    "compare_at_price": str(Decimal(p) + 10) if sale else None,
                }
                for c, s, p, st_ in variants
            ],
        }
    )


def stock_shop(db: Database) -> None:
    with db.session() as s:
        save_settings(s, StoreSettings(exchange_rates={"JPY": Decimal("160")}))
        for cid, names in {
            "shoes": {"en": "Shoes", "fr": "Chaussures", "el": "Παπούτσια", "ja": "靴"},
            "bags": {"en": "Bags", "fr": "Sacs", "el": "Τσάντες", "ja": "バッグ"},
            "electronics": {"en": "Electronics", "fr": "Électronique", "el": "Ηλεκτρονικά", "ja": "家電"},
        }.items():
            upsert_category(s, CategoryInput(id=cid, names=names))
        create_product(
            s,
            _product(
                "hiker",
                "shoes",
                {
                    "en": "Waterproof hiking boots",
                    "fr": "Chaussures de randonnée imperméables",
                    "el": "Αδιάβροχα ορειβατικά παπούτσια",
                    "ja": "防水ハイキングシューズ",
                },
                [("black", "42", "89.00", 5), ("red", "43", "95.00", 0), ("black", "44", "129.00", 3)],
                tags=["waterproof", "hiking"],
            ),
        )
        create_product(
            s,
            _product(
                "handbag",
                "bags",
                {
                    "en": "Red leather handbag",
                    "fr": "Sac à main en cuir rouge",
                    "el": "Κόκκινη δερμάτινη τσάντα",
                    "ja": "赤い革のハンドバッグ",
                },
                [("red", "one", "149.00", 2), ("black", "one", "139.00", 4)],
                audience="women",
                sale=True,
            ),
        )
        create_product(
            s,
            _product(
                "headphones",
                "electronics",
                {
                    "en": "Wireless headphones",
                    "fr": "Casque sans fil",
                    "el": "Ασύρματα ακουστικά",
                    "ja": "ワイヤレスヘッドホン",
                },
                [("black", "std", "59.00", 10), ("red", "std", "49.00", 1)],
            ),
        )
        create_product(
            s,
            _product(
                "kids-boots",
                "shoes",
                {"en": "Kids rain boots", "fr": "Bottes de pluie enfant"},
                [("red", "30", "29.00", 8)],
                audience="kids",
            ),
        )


@pytest.mark.parametrize(
    ("_case", "text", "language", "first"),
    [
        ("en", "waterproof hiking boots", "en", "hiker"),
        ("fr", "des chaussures de randonnée imperméables à moins de 100 €", "fr", "hiker"),
        ("el", "φθηνά ασύρματα ακουστικά", "el", "headphones"),
        ("ja", "赤い革のハンドバッグ", "ja", "handbag"),
        ("typo-free plural", "handbags", "en", "handbag"),
    ],
)
def test_finds_the_product_in_four_languages(
    db: Database, _case: str, text: str, language: str, first: str
) -> None:
    stock_shop(db)
    with db.read_session() as s:
        result = search(s, text=text, language=language)
    assert result.items and result.items[0].product.id == first, result


def test_parsed_filters_are_applied_and_returned(db: Database) -> None:
    stock_shop(db)
    with db.read_session() as s:
        fr = search(s, text="chaussures noires à moins de 100 €", language="fr")
        ja = search(s, text="1万円以下のヘッドホン", language="ja")
        kids = search(s, text="boots for kids", language="en")
    assert fr.filters.price_max == Decimal("100") and fr.filters.colors == ["black"]
    assert [(h.product.id, h.variant_ids) for h in fr.items] == [("hiker", ["hiker-black-42"])]
    # 10,000 yen at 160 yen per euro is 62.50 €: both headphones fit, and the bot can say it converted
    assert ja.filters.price_max == Decimal("62.50") and ja.filters.currency == "JPY"
    assert [h.product.id for h in ja.items] == ["headphones"]
    assert [h.product.id for h in kids.items] == ["kids-boots"]


def test_facets_count_the_result_set(db: Database) -> None:
    stock_shop(db)
    with db.read_session() as s:
        result = search(s, text="", filters=SearchFilters(colors=["red"]))
    assert result.total == 4
    assert result.facets["category"] == {"shoes": 2, "bags": 1, "electronics": 1}
    assert result.facets["color"] == {"red": 4}


def test_price_change_is_seen_without_restart(db: Database) -> None:
    stock_shop(db)
    with db.read_session() as s:
        assert search(s, filters=SearchFilters(price_max=Decimal("40"))).total == 1
    with db.session() as s:
        set_price(s, "headphones-red-std", Decimal("39.00"))
    with db.read_session() as s:
        assert {h.product.id for h in search(s, filters=SearchFilters(price_max=Decimal("40"))).items} == {
            "kids-boots",
            "headphones",
        }


TEXTS = [
    "",
    "boots",
    "red",
    "chaussures",
    "τσάντα",
    "ヘッドホン",
    "under 100",
    "sac rouge",
    "κάτω από 60 ευρώ",
    "something cheap",
    "noir",
    "XL",
    "taille 42",
    "on sale",
    "in stock",
]


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
    derandomize=True,
)
@given(
    text=st.sampled_from(TEXTS),
    low=st.none() | st.integers(0, 150),
    high=st.none() | st.integers(0, 200),
    colors=st.lists(st.sampled_from(["red", "black", "blue"]), max_size=2, unique=True),
    in_stock=st.booleans(),
    on_sale=st.booleans(),
)
def test_every_returned_item_satisfies_the_filters(
    sqlite_db: Database,
    text: str,
    low: int | None,
    high: int | None,
    colors: list[str],
    in_stock: bool,
    on_sale: bool,
) -> None:
    if not hasattr(sqlite_db, "_stocked"):
        stock_shop(sqlite_db)
        sqlite_db._stocked = True  # type: ignore[attr-defined]
    given_filters = SearchFilters(
        price_min=None if low is None else Decimal(low),
        price_max=None if high is None else Decimal(high),
        colors=colors,
        in_stock=in_stock,
        on_sale=on_sale,
    )
    with sqlite_db.read_session() as s:
        result = search(s, text=text, language="en", filters=given_filters)
        f = result.filters
        for hit in result.items:
            assert hit.variant_ids
            for vid in hit.variant_ids:
                v = get_variant(s, vid)
                assert f.price_min is None or v.price >= f.price_min
                assert f.price_max is None or v.price <= f.price_max
                assert not f.colors or v.options["color"] in f.colors
                assert not f.sizes or v.options["size"].upper() in f.sizes
                assert not f.in_stock or v.in_stock
                assert not f.on_sale or (v.compare_at_price is not None and v.compare_at_price > v.price)
