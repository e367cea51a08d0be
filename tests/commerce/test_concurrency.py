"""Stock is never oversold and a gift card never goes negative, under real concurrency:
separate processes on PostgreSQL, threads on SQLite (one file, one writer at a time)."""

from __future__ import annotations

import multiprocessing as mp
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from typing import Any

import pytest

from comptoir.catalog import get_variant
from comptoir.commerce import CheckoutInput, add_to_cart, checkout, create_cart, list_orders
from comptoir.core.errors import ComptoirError
from comptoir.customers import create_customer, get_payment_method
from comptoir.db import Database
from tests.factories import customer, seed

BUYERS = 50
UNITS = 10


def _buy(url: str, customer_id: str, method_id: str, variant_id: str, key: str | None) -> str:
    db = Database(url)
    try:
        with db.session() as s:
            cart = create_cart(s, customer_id=customer_id)
            add_to_cart(s, cart.id, variant_id=variant_id)
        with db.session() as s:
            order = checkout(
                s,
                CheckoutInput(
                    cart_id=cart.id,
                    customer_id=customer_id,
                    shipping_option_id="standard",
                    payment_method_id=method_id,
                ),
                idempotency_key=key,
            )
        return "ok:" + order.id
    except ComptoirError as exc:
        return "error:" + exc.code
    finally:
        db.dispose()


def _worker(start: Any, out: Any, fn: Callable[..., str], args: tuple[Any, ...]) -> None:
    start.wait()
    out.put(fn(*args))


def _run_concurrently(db: Database, jobs: list[tuple[Any, ...]], fn: Callable[..., str]) -> list[str]:
    if db.is_sqlite:
        with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
            return list(pool.map(lambda a: fn(*a), jobs))
    ctx = mp.get_context("fork")
    start, out = ctx.Event(), ctx.Queue()
    procs = [ctx.Process(target=_worker, args=(start, out, fn, a)) for a in jobs]
    for p in procs:
        p.start()
    start.set()
    results = [out.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(timeout=60)
    return results


def _buyers(db: Database, n: int) -> list[tuple[str, str]]:
    people = []
    with db.session() as s:
        for i in range(n):
            c = create_customer(s, customer(f"buyer{i}@example.com"))
            people.append((c.id, c.payment_methods[0].id))
    return people


def test_fifty_checkouts_for_ten_units_sell_exactly_ten(db: Database) -> None:
    # given 10 units left and 50 shoppers who each have one in their cart
    seed(db, stock=UNITS)
    jobs = [(db.url, cid, mid, "tshirt-red-m", None) for cid, mid in _buyers(db, BUYERS)]
    # when they all check out at once
    results = _run_concurrently(db, jobs, _buy)
    # then exactly 10 orders exist, the others were told it ran out, and stock is 0
    assert sum(r.startswith("ok:") for r in results) == UNITS, results
    errors = {r for r in results if not r.startswith("ok:")}
    assert errors <= {"error:variant_unavailable", "error:out_of_stock"}, errors
    with db.read_session() as s:
        assert get_variant(s, "tshirt-red-m").stock == 0
        assert sum(len(list_orders(s, job[1])) for job in jobs) == UNITS


def test_concurrent_checkouts_with_one_idempotency_key_place_one_order(db: Database) -> None:
    seed(db, stock=UNITS)
    ((cid, mid),) = _buyers(db, 1)
    with db.session() as s:
        cart = create_cart(s, customer_id=cid)
        add_to_cart(s, cart.id, variant_id="tshirt-red-m")

    jobs = [(db.url, cid, mid, cart.id, "key-1") for _ in range(8)]
    results = _run_concurrently(db, jobs, _checkout_cart)
    assert len(set(results)) == 1 and results[0].startswith("ok:"), results
    with db.read_session() as s:
        assert len(list_orders(s, cid)) == 1
        assert get_variant(s, "tshirt-red-m").stock == UNITS - 1


def _checkout_cart(url: str, customer_id: str, method_id: str, cart_id: str, key: str) -> str:
    db = Database(url)
    try:
        with db.session() as s:
            order = checkout(
                s,
                CheckoutInput(
                    cart_id=cart_id,
                    customer_id=customer_id,
                    shipping_option_id="standard",
                    payment_method_id=method_id,
                ),
                idempotency_key=key,
            )
        return "ok:" + order.id
    except ComptoirError as exc:
        return "error:" + exc.code
    finally:
        db.dispose()


def test_gift_card_never_goes_negative(db: Database) -> None:
    # given one customer whose 50 € gift card pays for many 20 € orders placed at once
    seed(db, stock=None)
    with db.session() as s:
        c = create_customer(s, customer("gift@example.com", gift="50.00"))
    gift = next(m for m in c.payment_methods if m.kind == "gift_card")
    jobs = [(db.url, c.id, gift.id, "tshirt-red-m", None) for _ in range(10)]
    # when ten checkouts of 24.90 (20 + 4.90 shipping) race
    results = _run_concurrently(db, jobs, _buy)
    # then only two fit in 50 €, and the balance is what is left, never below zero
    assert sum(r.startswith("ok:") for r in results) == 2, results
    assert {r for r in results if not r.startswith("ok:")} == {"error:gift_card_balance_too_low"}
    with db.read_session() as s:
        assert get_payment_method(s, c.id, gift.id).balance == Decimal("0.20")


@pytest.mark.parametrize("_case", ["same key, other arguments"])
def test_idempotency_key_reused_with_other_arguments_is_refused(db: Database, _case: str) -> None:
    seed(db, stock=UNITS)
    ((cid, mid),) = _buyers(db, 1)
    assert _buy(db.url, cid, mid, "tshirt-red-m", "k").startswith("ok:")
    assert _buy(db.url, cid, mid, "tshirt-red-l", "k") == "error:idempotency_conflict"
    with db.read_session() as s:
        assert get_variant(s, "tshirt-red-l").stock == UNITS
