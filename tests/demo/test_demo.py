"""The demo store: complete, in four languages, with orders in every status, and reusable."""

from __future__ import annotations

from comptoir import catalog, commerce, knowledge
from comptoir.commerce import OrderStatus
from comptoir.commerce.models import Order
from comptoir.db import Database
from comptoir.demo import seed_demo
from comptoir.demo.seed import demo_products


def test_demo_data_is_complete_in_four_languages() -> None:
    products = demo_products()
    assert len(products) >= 150
    assert len({p["category"] for p in products}) >= 8
    for p in products:
        assert set(p["translations"]) >= {"en", "fr", "el", "ja"}, p["id"]
        for key in {k for v in p["variants"] for k in v["options"]}:
            assert set(p["option_names"][key]) >= {"en", "fr", "el", "ja"}, (p["id"], key)
        for value in {v for var in p["variants"] for v in var["options"].values()}:
            assert set(p["option_values"][value]) >= {"en", "fr", "el", "ja"}, (p["id"], value)


def test_seed_creates_orders_in_every_status_then_reuses(db: Database) -> None:
    report = seed_demo(db)
    assert report.created and report.products == len(demo_products()) and report.articles >= 14
    with db.read_session() as s:
        statuses = {o.status for o in s.query(Order)}
        assert statuses == {status.value for status in OrderStatus}
        ja = catalog.get_product(s, catalog.list_products(s, limit=1).items[0].id, language="ja")
        assert ja.language == "ja" and ja.title
        assert {a.language for a in knowledge.list_articles(s, language="el")} == {"el"}
        assert commerce.list_orders(s, "camille_durand_1042")
    again = seed_demo(db)
    assert not again.created and again.products == report.products
