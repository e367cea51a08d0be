"""The synthetic catalogue: deterministic, valid, multilingual, and importable."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from comptoir.catalog import CategoryInput, ProductInput, get_product, list_categories
from comptoir.catalog.generator import generate_catalog
from comptoir.catalog.importers import run_import
from comptoir.core.errors import InvalidInput
from comptoir.db import Database
from comptoir.store import save_settings
from tests.factories import settings


def test_same_seed_same_file_other_seed_other_file(tmp_path: Path) -> None:
    a = generate_catalog(50, tmp_path / "a.jsonl", seed=7).read_bytes()
    b = generate_catalog(50, tmp_path / "b.jsonl", seed=7).read_bytes()
    c = generate_catalog(50, tmp_path / "c.jsonl", seed=8).read_bytes()
    assert a == b
    assert a != c


def test_a_larger_catalogue_starts_with_the_smaller_one(tmp_path: Path) -> None:
    small = generate_catalog(20, tmp_path / "small.jsonl").read_text("utf-8").splitlines()
    large = generate_catalog(40, tmp_path / "large.jsonl").read_text("utf-8").splitlines()
    assert large[:21] == small


def test_every_line_validates_and_speaks_every_language(tmp_path: Path) -> None:
    lines = generate_catalog(300, tmp_path / "c.jsonl").read_text("utf-8").splitlines()
    assert len(lines) == 301
    categories = [CategoryInput.model_validate(c) for c in json.loads(lines[0])["categories"]]
    assert [c.id for c in categories] == [
        "clothing",
        "shoes",
        "bags",
        "sports",
        "electronics",
        "home",
        "beauty",
        "toys",
    ]
    products = [ProductInput.model_validate_json(line) for line in lines[1:]]
    assert len({p.id for p in products}) == 300
    for p in products:
        assert set(p.translations) == {"en", "fr", "el", "ja"}
        assert 1 <= len(p.variants) <= 6
        assert p.category in {c.id for c in categories}
        assert len({tuple(sorted(v.options.items())) for v in p.variants}) == len(p.variants)
        for key in p.variants[0].options:
            assert set(p.option_names[key]) == {"en", "fr", "el", "ja"}
    assert {p.category for p in products} == {c.id for c in categories}
    assert max(len(p.variants) for p in products) == 6


def test_languages_can_be_chosen_and_unknown_ones_refused(tmp_path: Path) -> None:
    line = (
        generate_catalog(1, tmp_path / "c.jsonl", languages=("fr", "ja")).read_text("utf-8").splitlines()[1]
    )
    product = ProductInput.model_validate_json(line)
    assert set(product.translations) == {"fr", "ja"}
    with pytest.raises(InvalidInput) as raised:
        generate_catalog(1, tmp_path / "x.jsonl", languages=("en", "de"))
    assert raised.value.code == "unsupported_language"


def test_a_generated_catalogue_imports_cleanly(db: Database, tmp_path: Path) -> None:
    with db.session() as s:
        save_settings(s, settings())
    path = generate_catalog(200, tmp_path / "c.jsonl", seed=3)
    variants = sum(
        len(ProductInput.model_validate_json(line).variants)
        for line in path.read_text("utf-8").splitlines()[1:]
    )
    report = run_import(db, "json", path, batch_size=64)
    assert report.rejected == []
    assert (report.products_created, report.variants_created, report.categories_created) == (200, variants, 8)
    with db.read_session() as s:
        product = get_product(s, "g3-0000001", language="el")
        counts = {c.id: c.product_count for c in list_categories(s)}
    first = ProductInput.model_validate_json(path.read_text("utf-8").splitlines()[1])
    assert product.title == first.translations["el"].title
    assert sum(counts.values()) == 200
