"""τ-bench retail stores in and out of Comptoir.

``import_tau`` loads a τ store (τ² ``db.json``, or τ-bench v1's ``db/`` folder) into our normalised tables
through the service functions, in one transaction; ``export_tau`` writes the store back in the τ² shape,
built from those tables; ``replay`` (in ``tau_replay``) runs a τ tool call through our service layer.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from sqlalchemy.orm import Session

from comptoir.catalog import create_product
from comptoir.catalog.models import Product
from comptoir.catalog.service import iter_products
from comptoir.commerce.importing import all_order_views, import_orders
from comptoir.core.errors import InvalidInput
from comptoir.customers import create_customer
from comptoir.customers.service import list_customers
from comptoir.db import Database
from comptoir.interop.tau_records import (
    Json,
    customer_input,
    order_input,
    order_record,
    product_input,
    user_record,
)
from comptoir.payments.service import transactions_by_order
from comptoir.store import MerchantPolicy, StoreSettings, save_settings

Progress = Callable[[int, int], None]


class TauImportReport(BaseModel):
    products: int
    items: int
    users: int
    payment_methods: int
    orders: int
    order_lines: int
    transactions: int
    seconds: float


def tau_settings() -> StoreSettings:
    """The τ retail store: US dollars, English, EST, the τ merchant policy, no shipping or tax."""
    return StoreSettings(
        name="τ-bench retail",
        currency="USD",
        languages=["en"],
        timezone="America/New_York",
        country="US",
        policy=MerchantPolicy.tau(),
    )


def load_tau(path: Path) -> dict[str, Json]:
    """A τ store as ``{"products", "users", "orders"}``: from a τ² ``db.json`` (or a folder holding one),
    or from τ-bench v1's folder of ``products.json``, ``users.json`` and ``orders.json``."""
    if path.is_dir() and (path / "db.json").is_file():
        path = path / "db.json"
    elif path.is_dir() and (path / "db").is_dir():  # a τ-bench v1 data set folder
        path = path / "db"
    if path.is_file():
        data = json.loads(path.read_text("utf-8"))
    elif path.is_dir() and all((path / f"{k}.json").is_file() for k in ("products", "users", "orders")):
        data = {
            k: json.loads((path / f"{k}.json").read_text("utf-8")) for k in ("products", "users", "orders")
        }
    else:
        raise InvalidInput(
            f"{path} is neither a τ db.json nor a folder of τ tables", code="invalid_tau_store"
        )
    if not isinstance(data, dict) or not all(
        isinstance(data.get(k), dict) for k in ("products", "users", "orders")
    ):
        raise InvalidInput(f"{path} lacks products, users or orders", code="invalid_tau_store")
    return {k: data[k] for k in ("products", "users", "orders")}


def import_tau(db: Database, path: Path, *, progress: Progress | None = None) -> TauImportReport:
    """Load a τ store into an empty shop, in one transaction (all or nothing)."""
    started = time.perf_counter()
    data = load_tau(path)
    products, users, orders = data["products"], data["users"], data["orders"]
    total = len(products) + len(users) + len(orders)
    done = 0

    def tick(n: int) -> None:
        nonlocal done
        done += n
        if progress is not None:
            progress(done, total)

    with db.session() as session:
        settings = save_settings(session, tau_settings())
        for position, record in enumerate(products.values()):
            create_product(session, product_input(record), position=position)
        tick(len(products))
        seq: dict[str, int] = {}
        kinds: dict[str, str] = {}
        for n, (user_id, record) in enumerate(users.items(), start=1):
            create_customer(session, customer_input(record.get("user_id", user_id), record))
            seq.update({order_id: i for i, order_id in enumerate(record.get("orders", []))})
            kinds.update({m["id"]: m["source"] for m in record["payment_methods"].values()})
            if n % 100 == 0 or n == len(users):
                tick(100 if n % 100 == 0 else n % 100)
        imported = [
            order_input(o, customer_seq=seq.get(o["order_id"], 0), method_kinds=kinds)
            for o in orders.values()
        ]
        import_orders(session, imported, currency=settings.currency)
        tick(len(orders))
    return TauImportReport(
        products=len(products),
        items=sum(len(p["variants"]) for p in products.values()),
        users=len(users),
        payment_methods=len(kinds),
        orders=len(imported),
        order_lines=sum(len(o.lines) for o in imported),
        transactions=sum(len(o.payments) for o in imported),
        seconds=round(time.perf_counter() - started, 3),
    )


def _by_position(product: Product) -> tuple[int, str]:
    return product.position, product.id


def product_row_record(product: Product) -> Json:
    """A catalog row (with its variants, as ``iter_products`` loads it) in the τ product shape."""
    titles = {t.language: t.title for t in product.translations}
    name = titles.get("en") or next(iter(titles.values()), product.id)
    return {
        "name": name,
        "product_id": product.id,
        "variants": {
            v.id: {
                "item_id": v.id,
                "options": dict(v.options),
                "available": v.available,
                "price": float(v.price),
            }
            for v in product.variants
        },
    }


def tau_snapshot(session: Session) -> dict[str, Json]:
    """The whole store in the τ² shape, read in a handful of queries (users and orders through the
    service layer's bulk readers; products from the catalog's bulk reader for exporters)."""
    products: Json = {p.id: product_row_record(p) for p in sorted(iter_products(session), key=_by_position)}
    order_views = all_order_views(session, payments=transactions_by_order(session, settled_only=False))
    by_customer: dict[str, list[str]] = {}
    for o in order_views:
        if o.customer_id is not None:
            by_customer.setdefault(o.customer_id, []).append(o.id)
    users: Json = {}
    offset = 0
    while True:
        customers = list_customers(session, offset=offset, limit=200)
        for c in customers.items:
            users[c.id] = user_record(c, by_customer.get(c.id, []))
        offset += len(customers.items)
        if not customers.items or offset >= customers.total:
            break
    orders: Json = {o.id: order_record(o) for o in sorted(order_views, key=lambda o: o.id)}
    return {"users": users, "products": products, "orders": orders}


def export_tau(db: Database, out_dir: Path) -> Path:
    """Write ``out_dir/db.json`` in the τ² shape (users, products, orders) from our tables."""
    with db.read_session() as session:
        snapshot: dict[str, Any] = tau_snapshot(session)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / "db.json"
    target.write_text(json.dumps(snapshot, indent=2, ensure_ascii=False) + "\n", "utf-8")
    return target
