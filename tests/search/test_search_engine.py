"""The search engine: live index, typos, bad input, the on-disk index, the judged query sets."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from comptoir.catalog import ProductInput, create_product, restock, set_available
from comptoir.core.errors import InvalidInput
from comptoir.db import Database
from comptoir.demo.seed import demo_products
from comptoir.search import SearchFilters, search
from comptoir.search.index import CACHE
from tests.search.test_search import _product, stock_shop

DATA = Path(__file__).parent / "data"


def _new_product(pid: str, title: str) -> ProductInput:
    return _product(pid, "bags", {"en": title}, [("black", "one", "35.00", 3)])


def test_a_new_product_and_a_sold_out_item_are_seen_by_the_next_search(db: Database) -> None:
    stock_shop(db)
    with db.read_session() as s:
        assert search(s, text="duffel").total == 0
    with db.session() as s:
        create_product(s, _new_product("duffel", "Canvas duffel bag"))
    with db.read_session() as s:
        assert [h.product.id for h in search(s, text="duffel").items] == ["duffel"]
    with db.session() as s:
        set_available(s, "headphones-black-std", False)
        set_available(s, "headphones-red-std", False)
    with db.read_session() as s:
        result = search(s, text="headphones", filters=SearchFilters(in_stock=True))
    assert result.items == []
    with db.session() as s:
        set_available(s, "headphones-red-std", True)
        restock(s, "headphones-red-std", 4)
    with db.read_session() as s:
        result = search(s, text="headphones", filters=SearchFilters(in_stock=True))
    assert [(h.product.id, h.variant_ids) for h in result.items] == [("headphones", ["headphones-red-std"])]


@pytest.mark.parametrize(
    ("text", "language", "fuzzy"),
    [("hedphones", "en", True), ("ακουστηκα", "el", False), ("handbgs", "en", True)],
)
def test_typos_are_forgiven(db: Database, text: str, language: str, fuzzy: bool) -> None:
    """Within one or two edits; the Greek stemmer already joins ακουστηκα (η for ι) to ακουστικά."""
    stock_shop(db)
    with db.read_session() as s:
        result = search(s, text=text, language=language, mode="lexical")
    assert result.items, result
    assert result.items[0].product.id in {"headphones", "handbag"}
    assert bool(result.corrected) is fuzzy


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "!!!???",
        '" OR 1=1 --',
        "NEAR(",
        "*:*",
        'red "bag',
        "title:boots AND",
        "x" * 5000,
        "\x00\u200b",
    ],
)
def test_bad_input_gets_results_or_an_empty_list_never_an_error(sqlite_db: Database, text: str) -> None:
    stock_shop(sqlite_db)
    with sqlite_db.read_session() as s:
        result = search(s, text=text, language="en")
    assert result.total >= len(result.items)
    if len(text) > 2000:
        assert "text_truncated" in result.notes


def test_an_inverted_or_absurd_price_range_is_an_empty_list_with_a_reason(sqlite_db: Database) -> None:
    stock_shop(sqlite_db)
    with sqlite_db.read_session() as s:
        inverted = search(s, filters=SearchFilters(price_min=Decimal(100), price_max=Decimal(10)))
        absurd = search(s, text="boots under 0.01 €")
    assert inverted.items == [] and "price_range_inverted" in inverted.notes
    assert absurd.items == [] and absurd.filters.price_max == Decimal("0.01")


def test_the_index_is_reopened_from_disk_not_rebuilt(sqlite_db: Database) -> None:
    stock_shop(sqlite_db)
    with sqlite_db.read_session() as s:
        before = [h.product.id for h in search(s, text="boots").items]
        CACHE.forget(s)
    path = Path(sqlite_db.url.removeprefix("sqlite:///") + ".search")
    assert (path / "meta.json").exists()
    with sqlite_db.session() as s:
        create_product(s, _new_product("duffel", "Canvas duffel bag"))
    with sqlite_db.read_session() as s:
        assert [h.product.id for h in search(s, text="boots").items] == before
        assert [h.product.id for h in search(s, text="duffel bag").items][:1] == ["duffel"]


def test_facets_of_a_query_count_its_products(sqlite_db: Database) -> None:
    stock_shop(sqlite_db)
    with sqlite_db.read_session() as s:
        result = search(s, text="boots")
    assert result.facets["category"] == {"shoes": result.total}
    assert sum(result.facets["price"].values()) == result.total


@pytest.mark.parametrize(("name", "minimum"), [("demo", 60), ("tau", 30)])
def test_the_judged_query_sets_name_real_products(name: str, minimum: int) -> None:
    if name == "demo":
        known = {p["id"] for p in demo_products()}
    else:
        import json

        known = set(
            json.loads((Path(__file__).parents[1] / "data" / "tau2" / "db.json").read_text())["products"]
        )
    rows = [
        line.split("\t")
        for line in (DATA / f"{name}_judged.tsv").read_text("utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert len(rows) >= minimum
    for kind, ids, *queries in rows:
        assert kind in {"keyword", "constraint", "typo", "vague", "paraphrase"}
        assert set(ids.split()) <= known, ids
        assert len(queries) == 4 and all(q.strip() for q in queries)


def test_similar_cheaper_complementary_and_compare(sqlite_db: Database) -> None:
    from comptoir.catalog import CategoryInput, upsert_category
    from comptoir.search import compare, complementary, similar

    stock_shop(sqlite_db)
    with sqlite_db.session() as s:
        upsert_category(s, CategoryInput(id="sports", names={"en": "Sports"}))
        create_product(
            s,
            _product(
                "poles", "sports", {"en": "Trekking poles"}, [("black", "one", "45.00", 3)], tags=["hiking"]
            ),
        )
        create_product(
            s, _product("trail", "shoes", {"en": "Trail running shoes"}, [("black", "42", "79.00", 2)])
        )
    with sqlite_db.read_session() as s:
        like = [h.product.id for h in similar(s, "hiker")]
        cheaper = similar(s, "hiker", cheaper=True, language="fr")
        goes_with = [h.product.id for h in complementary(s, "hiker")]
        table = compare(s, ["hiker", "trail"])
    assert "trail" in like and "hiker" not in like
    assert all(h.product.price_min < Decimal("89.00") for h in cheaper)
    assert goes_with == ["poles"]
    assert table.rows[0].differs and {r.attribute for r in table.rows if not r.differs} >= {
        "category",
        "brand",
    }
    with pytest.raises(InvalidInput), sqlite_db.read_session() as s:
        compare(s, ["hiker"])


def test_a_second_process_keeps_its_index_in_memory(sqlite_db: Database, tmp_path: Path) -> None:
    import fcntl

    stock_shop(sqlite_db)
    folder = Path(sqlite_db.url.removeprefix("sqlite:///") + ".search")
    with (folder.parent / (folder.name + ".lock")).open("a") as other:
        fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)  # as another server process would
        with sqlite_db.read_session() as s:
            assert [h.product.id for h in search(s, text="headphones").items] == ["headphones"]
            assert CACHE.get(s).lexical.path is None
            CACHE.forget(s)
