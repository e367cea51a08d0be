"""Importers: each format's fixture lands, bad records are reported with their line, bad files raise."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from comptoir.catalog import CategoryInput, get_product, list_categories, list_products, upsert_category
from comptoir.catalog.importers import (
    BadEncoding,
    ImportFileMissing,
    ImportReport,
    MissingColumns,
    NotJson,
    UnexpectedShape,
    UnknownFormat,
    run_import,
)
from comptoir.catalog.importers.text import html_to_text
from comptoir.core.errors import InvalidInput
from comptoir.db import Database
from comptoir.store import save_settings
from tests.factories import settings

DATA = Path(__file__).parent.parent / "data"
FIXTURES = DATA / "importers"
SALEOR = DATA / "saleor" / "populatedb_data.json"
WOOCOMMERCE = Path("/work/shared/datasets/woocommerce-sample-data/sample_products.csv")


def _store(db: Database, *categories: str) -> None:
    with db.session() as s:
        save_settings(s, settings())
        for cid in categories:
            upsert_category(s, CategoryInput(id=cid, names={"en": cid.title()}))


def _rejected(report: ImportReport) -> list[tuple[int, str]]:
    return [(r.line, r.reason) for r in report.rejected]


def test_generic_csv_lands_good_products_and_reports_bad_rows_by_line(db: Database) -> None:
    # given a store with the clothing and home categories
    _store(db, "clothing", "home")
    # when the generic CSV is imported
    report = run_import(db, "csv", FIXTURES / "catalog.csv")
    # then the two good products land, with their three variants
    assert (report.products_created, report.variants_created, report.categories_created) == (2, 3, 0)
    # and every bad row is reported at its line
    assert _rejected(report) == [
        (6, "missing title"),
        (7, "price '-3.00' is negative"),
        (8, "no category 'nowhere'"),
        (9, "stock 'ten' is not a whole number"),
        (10, "product 'linen-tee' already appeared on line 2; the rows of a product must be consecutive"),
        (12, "price 'abc' is not a number"),
    ]
    # and the T-shirt reads in French from its translation row
    with db.read_session() as s:
        tee = get_product(s, "linen-tee", language="fr")
        mug = get_product(s, "mug-1")
    assert (tee.title, tee.description, tee.brand, tee.category_id) == (
        "T-shirt en lin",
        "Un t-shirt léger, respirant.",
        "Velmora",
        "clothing",
    )
    assert tee.tags == ["summer", "linen"]
    assert tee.images == ["https://img.example.com/lt-red.jpg"]
    assert [(v.sku, v.labels, v.price, v.compare_at_price, v.stock) for v in tee.variants] == [
        ("LT-RED-M", {"Couleur": "rouge", "Taille": "M"}, Decimal("20.00"), Decimal("25.00"), 5),
        ("LT-RED-L", {"Couleur": "rouge", "Taille": "L"}, Decimal("22.00"), None, 0),
    ]
    assert (mug.title, mug.price_min, mug.currency, mug.variants[0].stock) == (
        "Stoneware mug",
        Decimal("12.50"),
        "EUR",
        None,
    )


def test_json_document_upserts_categories_parents_first_and_reports_pointers(db: Database) -> None:
    _store(db)
    report = run_import(db, "json", FIXTURES / "catalog.json")
    # the child category comes before its parent in the file; both land, the invalid one is reported
    assert (report.products_created, report.variants_created, report.categories_created) == (2, 3, 2)
    assert [(r.line, r.pointer, r.reason) for r in report.rejected] == [
        (3, "/categories/2", "id: String should match pattern '^[A-Za-z0-9_.:-]+$'"),
        (3, "/products/2", "translations.en.title: String should have at least 1 character"),
        (4, "/products/3", "variants.0.price: Input should be greater than or equal to 0"),
        (5, "/products/4", "no category 'nowhere'"),
        (
            6,
            "/products/5",
            "variants.0.stock: Input should be a valid integer, unable to parse string as an integer",
        ),
        (7, "/products/6", "a product 'linen-tee' already exists"),
    ]
    with db.read_session() as s:
        tee = get_product(s, "linen-tee", language="fr")
        mug = get_product(s, "mug-1", language="ja")
        tees = next(c for c in list_categories(s, language="fr") if c.id == "tees")
    assert (tee.title, tee.category_name, tee.on_sale) == ("T-shirt en lin", "T-shirts", True)
    assert [(o.name, [v.label for v in o.values]) for o in tee.options] == [
        ("Couleur", ["rouge", "bleu"]),
        ("Taille", ["M"]),
    ]
    assert (tees.parent_id, tees.product_count) == ("clothing", 1)
    assert (mug.title, mug.price_min) == ("磁器のマグカップ", Decimal("9.90"))


def test_json_lines_declares_categories_and_rejects_bad_lines(db: Database) -> None:
    _store(db)
    report = run_import(db, "json", FIXTURES / "catalog.jsonl")
    assert (report.products_created, report.categories_created) == (2, 1)
    assert _rejected(report) == [
        (4, "not JSON: Expecting property name enclosed in double quotes"),
        (5, "variants.0.price: Input should be greater than or equal to 0"),
    ]
    with db.read_session() as s:
        assert get_product(s, "lamp-1", language="fr").title == "Lampe de bureau"
        assert get_product(s, "vase-1", language="ja").title == "花瓶"


def test_shopify_export_groups_rows_by_handle_and_strips_html(db: Database) -> None:
    _store(db)
    report = run_import(db, "shopify", FIXTURES / "shopify_products.csv")
    assert (report.products_created, report.variants_created, report.categories_created) == (2, 4, 5)
    assert _rejected(report) == [
        (7, "not imported: status is draft"),
        (9, "Variant Price 'forty' is not a number"),
        (10, "missing Title"),
    ]
    with db.read_session() as s:
        tee = get_product(s, "ocean-tee")
        gift = get_product(s, "gift-card")
    # the script is gone, entities decoded, one line per block
    assert tee.description == "Soft organic cotton & ocean dyes.\nFair trade"
    assert (tee.brand, tee.category_id, tee.category_name) == (
        "Velmora",
        "apparel-accessories-clothing-shirts-tops",
        "Shirts & Tops",
    )
    assert tee.tags == ["summer", "organic", "t-shirts"]
    assert tee.images == [
        "https://img.example.com/ocean-1.jpg",
        "https://img.example.com/ocean-2.jpg",
        "https://img.example.com/ocean-sand.jpg",
        "https://img.example.com/ocean-3.jpg",
    ]
    # oversold stock counts as 0; "continue" selling means the stock is not tracked
    assert [(v.sku, v.options, v.price, v.compare_at_price, v.stock) for v in tee.variants] == [
        ("OT-B-S", {"color": "Blue", "size": "S"}, Decimal("19.00"), Decimal("25.00"), 10),
        ("OT-B-M", {"color": "Blue", "size": "M"}, Decimal("19.00"), Decimal("25.00"), 0),
        ("OT-S-M", {"color": "Sand", "size": "M"}, Decimal("21.00"), None, None),
    ]
    # "Title / Default Title" means no options
    assert (gift.options, gift.tags, gift.category_id, gift.variants[0].stock) == (
        [],
        ["gift cards", "gift-card"],
        "gift-cards",
        None,
    )


def test_shopify_2024_template_headers(db: Database) -> None:
    _store(db)
    report = run_import(db, "shopify", FIXTURES / "shopify_2024.csv")
    assert (report.products_created, report.rejected) == (1, [])
    with db.read_session() as s:
        mug = get_product(s, "enamel-mug")
    assert (mug.title, mug.description, mug.category_id, mug.price_min, mug.variants[0].stock) == (
        "Enamel Mug",
        "A camp mug.",
        "kitchen",
        Decimal("9.50"),
        4,
    )


def test_saleor_fixture_maps_categories_variants_prices_and_stock(db: Database) -> None:
    _store(db)
    report = run_import(db, "saleor", SALEOR)
    assert (report.products_created, report.variants_created, report.categories_created) == (32, 73, 16)
    assert report.rejected == []
    # the store sells in EUR and there is no EUR channel: the USD prices are taken, and the report says so
    assert report.warnings == [
        "no channel in EUR: prices taken as they are from Channel-USD (USD); "
        "set an exchange rate for USD in the store settings to convert them"
    ]
    with db.read_session() as s:
        plimsolls = get_product(s, "white-plimsolls")
        hoodie = get_product(s, "grey-hoodie")
        sneakers = next(c for c in list_categories(s) if c.id == "sneakers")
    assert (plimsolls.brand, plimsolls.category_id, plimsolls.price_min) == (
        "Saleor Loom",
        "sneakers",
        Decimal("80.00"),
    )
    assert [(v.options, v.stock) for v in plimsolls.variants][:2] == [
        ({"shoe-size": "39"}, 500),
        ({"shoe-size": "40"}, 500),
    ]
    assert [o.name for o in plimsolls.options] == ["Shoe size"]
    assert "featured-products" in plimsolls.tags
    assert (hoodie.variants[0].options, hoodie.variants[0].stock) == ({"material": "Cotton"}, None)
    assert (sneakers.parent_id, sneakers.product_count) == ("apparel", 4)


def test_saleor_prices_are_converted_with_the_store_exchange_rate(sqlite_db: Database) -> None:
    with sqlite_db.session() as s:
        save_settings(s, settings().model_copy(update={"exchange_rates": {"USD": Decimal("1.25")}}))
    report = run_import(sqlite_db, "saleor", SALEOR)
    with sqlite_db.read_session() as s:
        plimsolls = get_product(s, "white-plimsolls")
    assert plimsolls.price_min == Decimal("64.00")  # 80 USD / 1.25
    assert report.warnings == [
        "no channel in EUR: prices from Channel-USD converted from USD at 1 EUR = 1.25 USD"
    ]


@pytest.mark.skipif(
    not WOOCOMMERCE.is_file(), reason=f"WooCommerce sample (GPL-3.0, not in the repo) not at {WOOCOMMERCE}"
)
def test_woocommerce_sample_variable_products_and_variations(db: Database) -> None:
    _store(db)
    report = run_import(db, "woocommerce", WOOCOMMERCE)
    assert (report.products_created, report.variants_created, report.categories_created) == (12, 25, 5)
    assert _rejected(report) == [
        (9, "not imported: hidden from the catalogue"),
        (17, "not imported: grouped products only group other products"),
        (18, "not imported: external products are sold on another site"),
    ]
    with db.read_session() as s:
        hoodie = get_product(s, "cc-hoodie")
        tee = get_product(s, "cc-tee")
        beanie = get_product(s, "cc-beanie")
    # variations come from rows further down the file; the sale price wins, the regular one is compared
    assert [(v.options, v.price, v.compare_at_price) for v in hoodie.variants][:2] == [
        ({"color": "Red", "logo": "No"}, Decimal("42.00"), Decimal("45.00")),
        ({"color": "Green", "logo": "No"}, Decimal("45.00"), None),
    ]
    assert hoodie.category_id == "clothing-hoodies"
    # a variation with "any size" and untracked stock becomes one variant per size
    assert len(tee.variants) == 9
    assert {v.options["size"] for v in tee.variants} == {"Large", "Medium", "Small"}
    # a simple product's single attribute value is its variant's option
    assert (beanie.variants[0].options, beanie.price_min, beanie.on_sale) == (
        {"color": "Red"},
        Decimal("18.00"),
        True,
    )


def test_reimport_reports_every_product_as_already_existing(db: Database) -> None:
    _store(db, "clothing", "home")
    first = run_import(db, "csv", FIXTURES / "catalog.csv")
    second = run_import(db, "csv", FIXTURES / "catalog.csv")
    assert (first.products_created, second.products_created, second.variants_created) == (2, 0, 0)
    assert [(r.line, r.reason) for r in second.rejected if "already exists" in r.reason] == [
        (2, "a product 'linen-tee' already exists"),
        (5, "a product 'mug-1' already exists"),
    ]
    with db.read_session() as s:
        assert list_products(s).total == 2


def test_small_batches_land_good_products_around_a_bad_one(sqlite_db: Database) -> None:
    _store(sqlite_db)
    seen: list[tuple[int, int]] = []
    report = run_import(
        sqlite_db, "json", FIXTURES / "catalog.json", batch_size=2, progress=lambda d, t: seen.append((d, t))
    )
    assert (report.products_created, len(report.rejected)) == (2, 6)
    # four products reach the database (three are rejected while reading): after each batch, then at the end
    assert seen == [(2, 7), (7, 7), (7, 7)]


def test_language_option_sets_the_language_of_single_language_formats(sqlite_db: Database) -> None:
    _store(sqlite_db)
    run_import(sqlite_db, "shopify", FIXTURES / "shopify_2024.csv", language="fr")
    with sqlite_db.read_session() as s:
        mug = get_product(s, "enamel-mug", language="fr")
        kitchen = next(c for c in list_categories(s, language="fr") if c.id == "kitchen")
    assert (mug.language, mug.title, kitchen.name) == ("fr", "Enamel Mug", "Kitchen")


def test_unstorable_values_are_rejected_not_crashing(sqlite_db: Database, tmp_path: Path) -> None:
    _store(sqlite_db)
    path = tmp_path / "long.jsonl"
    long = {"id": "long", "translations": {"en": {"title": "Long"}}, "images": ["https://x/" + "a" * 1000],
            "variants": [{"price": "1"}]}  # fmt: skip
    fine = {"id": "ok", "translations": {"en": {"title": "Fine"}}, "variants": [{"price": "1"}]}
    path.write_text(f"{json.dumps(long)}\n{json.dumps(fine)}\n", encoding="utf-8")
    report = run_import(sqlite_db, "json", path)
    assert report.products_created == 1
    assert [(line, "1,000 characters" in reason) for line, reason in _rejected(report)] == [(1, True)]


def test_a_record_the_database_refuses_is_rejected_and_the_batch_still_lands(
    db: Database, tmp_path: Path
) -> None:
    # given a brand with a NUL character, which PostgreSQL refuses and SQLite stores
    _store(db)
    rows = [
        {
            "id": "nul",
            "brand": "Ac\u0000me",
            "translations": {"en": {"title": "A"}},
            "variants": [{"price": "1"}],
        },
        {"id": "fine", "translations": {"en": {"title": "B"}}, "variants": [{"price": "1"}]},
    ]
    path = tmp_path / "nul.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    # when it is imported in one batch
    report = run_import(db, "json", path)
    # then the other product lands either way, and PostgreSQL's refusal is reported, not raised
    if db.is_sqlite:
        assert (report.products_created, report.rejected) == (2, [])
    else:
        assert report.products_created == 1
        assert _rejected(report) == [(1, "the database refused it (DataError)")]


@pytest.mark.parametrize(
    ("_case", "fmt", "name", "content", "error", "code"),
    [
        ("not JSON", "json", "x.json", b"this is not json", NotJson, "import_not_json"),
        ("JSON lines, first line not JSON", "json", "x.jsonl", b"nope\n{}\n", NotJson, "import_not_json"),
        ("not a fixture", "saleor", "x.json", b'{"model": 1}', UnexpectedShape, "import_unexpected_shape"),
        (
            "Latin-1 CSV",
            "csv",
            "x.csv",
            "product_id,title,price\nté,Thé,1\n".encode("latin-1"),
            BadEncoding,
            "import_bad_encoding",
        ),
        (
            "CSV without price",
            "csv",
            "x.csv",
            b"product_id,title\np,T\n",
            MissingColumns,
            "import_missing_columns",
        ),
        ("empty CSV", "shopify", "x.csv", b"", MissingColumns, "import_missing_columns"),
        (
            "Woo without Type",
            "woocommerce",
            "x.csv",
            b"ID,Name\n1,A\n",
            MissingColumns,
            "import_missing_columns",
        ),
    ],
)
def test_malformed_files_raise_typed_errors(
    sqlite_db: Database,
    tmp_path: Path,
    _case: str,
    fmt: str,
    name: str,
    content: bytes,
    error: type[InvalidInput],
    code: str,
) -> None:
    _store(sqlite_db)
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(error) as raised:
        run_import(sqlite_db, fmt, path)
    assert raised.value.code == code
    assert isinstance(raised.value, InvalidInput)
    with sqlite_db.read_session() as s:
        assert list_products(s).total == 0


def test_unknown_format_and_missing_file(sqlite_db: Database, tmp_path: Path) -> None:
    with pytest.raises(UnknownFormat) as unknown:
        run_import(sqlite_db, "magento", FIXTURES / "catalog.csv")
    assert unknown.value.code == "import_unknown_format"
    with pytest.raises(ImportFileMissing) as missing:
        run_import(sqlite_db, "csv", tmp_path / "nothing.csv")
    assert missing.value.code == "import_file_missing"


def test_html_to_text_keeps_text_only() -> None:
    html = (
        "<h2>Care</h2><p>Wash &lt;30&deg;C<br>Dry flat</p><style>p{color:red}</style><img src=x onerror=a()>"
    )
    assert html_to_text(html) == "Care\nWash <30°C\nDry flat"
    assert html_to_text("  plain   text ") == "plain text"
