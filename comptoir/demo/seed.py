"""Creating the demo store through the service layer: settings, catalogue, articles, customers and
orders in every status."""

from __future__ import annotations

import json
import random
import time
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from sqlalchemy.orm import Session

from comptoir import catalog, commerce, customers, knowledge
from comptoir.db import Database
from comptoir.demo.people import DEMO_CUSTOMERS
from comptoir.demo.settings import DEMO_SETTINGS
from comptoir.store import get_settings, save_settings


class DemoReport(BaseModel):
    created: bool
    categories: int
    products: int
    variants: int
    articles: int
    customers: int
    orders: dict[str, int]
    seconds: float


def _json(package: str, name: str) -> Any:
    return json.loads(resources.files(package).joinpath(name).read_text("utf-8"))


def demo_products() -> list[dict[str, Any]]:
    products: list[dict[str, Any]] = []
    folder = resources.files("comptoir.catalog").joinpath("demo_data")
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.startswith("products_") and entry.name.endswith(".json"):
            products.extend(json.loads(entry.read_text("utf-8"))["products"])
    return products


def is_seeded(session: Session) -> bool:
    return (
        get_settings(session).name == DEMO_SETTINGS.name and catalog.list_products(session, limit=1).total > 0
    )


def _catalogue(session: Session) -> tuple[int, int]:
    for c in _json("comptoir.catalog", "demo_data/categories.json")["categories"]:
        catalog.upsert_category(session, catalog.CategoryInput.model_validate(c))
    variants = 0
    products = demo_products()
    for item in products:
        data = catalog.ProductInput.model_validate({**item, "images": [f"/media/products/{item['id']}.svg"]})
        catalog.create_product(session, data)
        variants += len(data.variants)
    return len(products), variants


def _articles(session: Session) -> int:
    articles = _json("comptoir.knowledge", "demo_data/knowledge.json")["articles"]
    for a in articles:
        knowledge.upsert_article(session, knowledge.ArticleInput.model_validate(a))
    return len(articles)


def _in_stock_variants(session: Session, rng: random.Random, count: int) -> list[str]:
    page = catalog.list_products(session, limit=200)
    picked: list[str] = []
    products = list(page.items)
    rng.shuffle(products)
    for summary in products:
        product = catalog.get_product(session, summary.id)
        good = [v.id for v in product.variants if v.in_stock and (v.stock is None or v.stock >= 3)]
        if good:
            picked.append(rng.choice(good))
        if len(picked) == count:
            break
    return picked


def _place(
    session: Session, customer: customers.CustomerView, items: list[str], method_kind: str
) -> commerce.OrderView:
    cart = commerce.create_cart(session, customer_id=customer.id)
    for variant_id in items:
        commerce.add_to_cart(session, cart.id, variant_id=variant_id)
    method = next(m for m in customer.payment_methods if m.kind == method_kind)
    address = customer.default_address
    assert address is not None
    option = "standard" if address.country != "JP" else "international"
    return commerce.checkout(
        session,
        commerce.CheckoutInput(
            cart_id=cart.id,
            customer_id=customer.id,
            shipping_option_id=option,
            payment_method_id=method.id,
            language=customer.language or "en",
        ),
    )


def _other_option(session: Session, order: commerce.OrderView, position: int) -> tuple[str, str] | None:
    line = order.lines[position]
    product = catalog.get_product(session, line.product_id)
    for v in product.variants:
        if v.id != line.item_id and v.in_stock:
            return line.item_id, v.id
    return None


def _orders(session: Session, rng: random.Random) -> dict[str, int]:
    people = [customers.find_customer_by_email(session, p.email or "") for p in DEMO_CUSTOMERS]
    counts: dict[str, int] = {}
    carriers = ["Colissimo", "DHL Express", "Yamato"]

    def done(order: commerce.OrderView) -> None:
        status = commerce.get_order(session, order.id).status
        counts[status] = counts.get(status, 0) + 1

    def tracking() -> str:
        return "".join(rng.choice("0123456789") for _ in range(12))

    steps: list[Callable[[customers.CustomerView], None]] = []

    def pending(c: customers.CustomerView) -> None:
        done(_place(session, c, _in_stock_variants(session, rng, 2), "credit_card"))

    def processed(c: customers.CustomerView) -> None:
        o = _place(
            session,
            c,
            _in_stock_variants(session, rng, 1),
            "paypal" if any(m.kind == "paypal" for m in c.payment_methods) else "credit_card",
        )
        done(commerce.ship(session, o.id, carrier=rng.choice(carriers), tracking_id=tracking()))

    def delivered(c: customers.CustomerView) -> commerce.OrderView:
        o = _place(session, c, _in_stock_variants(session, rng, 2), "credit_card")
        commerce.ship(session, o.id, carrier=rng.choice(carriers), tracking_id=tracking())
        return commerce.mark_delivered(session, o.id)

    def delivered_done(c: customers.CustomerView) -> None:
        done(delivered(c))

    def cancelled(c: customers.CustomerView) -> None:
        o = _place(session, c, _in_stock_variants(session, rng, 1), "credit_card")
        done(commerce.cancel_order(session, o.id, reason="ordered by mistake", customer_id=c.id))

    def modified(c: customers.CustomerView) -> None:
        o = _place(session, c, _in_stock_variants(session, rng, 2), "credit_card")
        swap = _other_option(session, o, 0)
        if swap:
            card = next(m for m in c.payment_methods if m.kind == "credit_card")
            o = commerce.modify_order_items(
                session,
                o.id,
                item_ids=[swap[0]],
                new_item_ids=[swap[1]],
                payment_method_id=card.id,
                customer_id=c.id,
            )
        done(o)

    def returned(c: customers.CustomerView) -> None:
        o = delivered(c)
        card = next(m for m in c.payment_methods if m.kind == "credit_card")
        o = commerce.return_items(
            session,
            o.id,
            item_ids=[o.lines[0].item_id],
            payment_method_id=card.id,
            reason="too-small",
            customer_id=c.id,
        )
        done(o)

    def exchanged(c: customers.CustomerView) -> None:
        o = delivered(c)
        swap = _other_option(session, o, 0)
        if swap:
            card = next(m for m in c.payment_methods if m.kind == "credit_card")
            o = commerce.exchange_items(
                session,
                o.id,
                item_ids=[swap[0]],
                new_item_ids=[swap[1]],
                payment_method_id=card.id,
                customer_id=c.id,
            )
        done(o)

    steps = [pending, processed, delivered_done, cancelled, modified, returned, exchanged]
    for i, person in enumerate(people):
        for step in [*steps[i % 3 :: 2], pending]:
            step(person)
    for person in people[:2]:  # the merchant received two returns and completed one exchange
        asked = [o for o in commerce.list_orders(session, person.id) if o.status == "return requested"]
        if asked:
            done(commerce.receive_return(session, asked[0].id))
    for person in people:
        asked = [o for o in commerce.list_orders(session, person.id) if o.status == "exchange requested"]
        if asked:
            done(commerce.complete_exchange(session, asked[0].id))
            break
    # a guest who chose to pay by link and has not paid yet
    cart = commerce.create_cart(session)
    for variant_id in _in_stock_variants(session, rng, 1):
        commerce.add_to_cart(session, cart.id, variant_id=variant_id)
    done(
        commerce.checkout(
            session,
            commerce.CheckoutInput(
                cart_id=cart.id,
                guest=commerce.GuestDetails(name="Nora Guest", email="nora.guest@example.com"),
                address=customers.AddressInput(
                    address1="12 quai Saint-Antoine", city="Lyon", country="FR", zip="69002"
                ),
                shipping_option_id="standard",
                pay_by_link=True,
            ),
        )
    )
    return counts


def demo_file(path: Path) -> Path:
    """A new SQLite file at ``path``, migrated and holding the demo store (for stories and benchmarks)."""
    from comptoir.migrate import upgrade

    db = Database(f"sqlite:///{path}")
    upgrade(db)
    seed_demo(db)
    db.dispose()
    return path


def seed_demo(db: Database, *, seed: int = 7) -> DemoReport:
    """Create the demo store in ``db`` unless it is there already (then report what is there)."""
    started = time.perf_counter()
    with db.session() as session:
        if is_seeded(session):
            return DemoReport(
                created=False,
                categories=len(catalog.list_categories(session)),
                products=catalog.list_products(session, limit=1).total,
                variants=0,
                articles=len(knowledge.list_articles(session)),
                customers=len(DEMO_CUSTOMERS),
                orders={},
                seconds=round(time.perf_counter() - started, 2),
            )
        save_settings(session, DEMO_SETTINGS)
        products, variants = _catalogue(session)
        articles = _articles(session)
        for person in DEMO_CUSTOMERS:
            customers.create_customer(session, person)
        orders = _orders(session, random.Random(seed))
        categories = len(catalog.list_categories(session))
    return DemoReport(
        created=True,
        categories=categories,
        products=products,
        variants=variants,
        articles=articles,
        customers=len(DEMO_CUSTOMERS),
        orders=orders,
        seconds=round(time.perf_counter() - started, 2),
    )
