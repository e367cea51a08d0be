"""Store-core benchmark: τ-store import, 100,000-product import, and the latency of get_order, search and
checkout on SQLite and PostgreSQL, with a SELECT 1 round trip measured in the same run as the baseline.

    .venv/bin/python -m bench.store_core [--backends sqlite,postgresql] [--products 100000] [--n 300]
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from sqlalchemy import text

from bench.common import REPO, fresh_database, row, timed
from comptoir.catalog.generator import generate_catalog
from comptoir.catalog.importers import run_import
from comptoir.commerce import CheckoutInput, add_to_cart, checkout, create_cart, get_order
from comptoir.customers import get_customer
from comptoir.db import Database
from comptoir.interop.tau import import_tau, load_tau
from comptoir.search import search
from comptoir.store import ShippingOption, get_settings, save_settings

TAU_DB = REPO / "tests" / "data" / "tau2" / "db.json"
QUERIES = [
    "water bottle",
    "red t-shirt",
    "mechanical keyboard clicky",
    "headphones under 300",
    "hiking boots",
    "office chair black",
    "smart watch leather",
    "laptop",
    "backpack green",
    "running shoes size 10",
    "tea kettle glass",
    "wireless earbuds",
    "skateboard",
    "yoga mat",
    "coffee maker",
    "desk lamp",
]


def _add_shipping(db: Database) -> None:
    with db.session() as s:
        settings = get_settings(s)
        settings.shipping_options.append(
            ShippingOption(id="ground", names={"en": "Ground"}, price=Decimal("5.00"), min_days=3, max_days=7)
        )
        save_settings(s, settings)


def _latencies(db: Database, n: int, rng: random.Random) -> None:
    data = load_tau(TAU_DB)
    order_ids = list(data["orders"])
    buyers = [
        u
        for u, rec in data["users"].items()
        if any(m["source"] in ("credit_card", "paypal") for m in rec["payment_methods"].values())
    ]
    items = [i for p in data["products"].values() for i, v in p["variants"].items() if v["available"]]

    def select1() -> None:
        with db.read_session() as s:
            s.execute(text("SELECT 1"))

    base = timed(select1, n)
    baseline = sorted(base)[len(base) // 2]
    print(row("baseline: SELECT 1 (read session)", base))

    def one_order() -> None:
        with db.read_session() as s:
            get_order(s, rng.choice(order_ids))

    def one_search() -> None:
        with db.read_session() as s:
            search(s, text=rng.choice(QUERIES), limit=10)

    def one_checkout() -> None:
        user = rng.choice(buyers)
        with db.session() as s:
            method = next(
                m for m in get_customer(s, user).payment_methods if m.kind in ("credit_card", "paypal")
            )
            cart = create_cart(s, customer_id=user)
            add_to_cart(s, cart.id, variant_id=rng.choice(items))
            checkout(
                s,
                CheckoutInput(
                    cart_id=cart.id,
                    customer_id=user,
                    shipping_option_id="ground",
                    payment_method_id=method.id,
                ),
            )

    one_search()  # builds the in-process index once
    print(row("get_order", timed(one_order, n), baseline))
    print(row("search (τ store, 50 products)", timed(one_search, n), baseline))
    print(row("checkout (cart + add + checkout)", timed(one_checkout, max(n // 3, 20)), baseline))


def _big_import(db: Database, products: int, n: int, rng: random.Random) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "catalog.jsonl"
        start = time.perf_counter()
        generate_catalog(products, path, seed=1)
        print(f"{'generate ' + str(products) + ' products':<34} {time.perf_counter() - start:8.1f} s")
        start = time.perf_counter()
        report = run_import(db, "json", path)
        seconds = time.perf_counter() - start
        print(
            f"{'import ' + str(products) + ' products':<34} {seconds:8.1f} s   "
            f"({report.products_created} products, {report.variants_created} items, "
            f"{report.products_created / seconds:,.0f} products/s, {len(report.rejected)} rejected)"
        )
    start = time.perf_counter()
    with db.read_session() as s:
        search(s, text="red leather bag", limit=10)
    print(f"{'first search (index build)':<34} {time.perf_counter() - start:8.1f} s")
    queries = [
        "red leather bag",
        "chaussures de randonnée",
        "ασύρματα ακουστικά",
        "子供用 リュック",
        "wool jumper XL",
        "cotton t-shirt under 30",
        "lampe de bureau",
        "waterproof jacket",
    ]

    def one_search() -> None:
        with db.read_session() as s:
            search(s, text=rng.choice(queries), limit=10)

    print(row(f"search ({products:,} products)", timed(one_search, max(n // 5, 20))))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--products", type=int, default=100_000)
    parser.add_argument("--n", type=int, default=300)
    args = parser.parse_args()
    for backend in args.backends.split(","):
        rng = random.Random(42)
        print(f"\n== {backend} ==")
        with fresh_database(backend) as db:
            start = time.perf_counter()
            report = import_tau(db, TAU_DB)
            print(
                f"{'import τ² store (500 users, 1,000 orders)':<34} {time.perf_counter() - start:8.1f} s   "
                f"({report.products} products, {report.items} items, {report.orders} orders)"
            )
            _add_shipping(db)
            _latencies(db, args.n, rng)
        if args.products:
            with fresh_database(backend) as db:
                _big_import(db, args.products, args.n, rng)


if __name__ == "__main__":
    main()
