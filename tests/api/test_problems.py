"""Errors at the edge: the problem+json shape, validation, unknown routes, bad input, the unexpected."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi import APIRouter

from comptoir.app import create_app
from tests.api.client import TestClient
from tests.api.conftest import ADMIN, Shop, api_settings

PROBLEM_KEYS = {"type", "title", "status", "detail", "code"}


def _assert_problem(r: Any, status: int, code: str) -> dict[str, Any]:
    assert r.status_code == status, r.text
    assert r.headers["content-type"] == "application/problem+json"
    body: dict[str, Any] = r.json()
    assert PROBLEM_KEYS <= set(body) <= PROBLEM_KEYS | {"details"}
    assert (body["status"], body["code"], body["type"]) == (status, code, f"urn:comptoir:problem:{code}")
    return body


def test_service_error_shape(shop: Shop) -> None:
    body = _assert_problem(shop.client.get("/api/v1/products/nope"), 404, "product_not_found")
    assert body == {
        "type": "urn:comptoir:problem:product_not_found",
        "title": "Not Found",
        "status": 404,
        "detail": "no product 'nope'",
        "code": "product_not_found",
        "details": {"product_id": "nope"},
    }


def test_unknown_route_and_method(shop: Shop) -> None:
    _assert_problem(shop.client.get("/api/v1/nothing-here"), 404, "not_found")
    r = shop.client.delete("/api/v1/products")
    _assert_problem(r, 405, "method_not_allowed")
    assert r.headers["allow"] == "GET"


def test_validation_error_lists_the_fields_without_the_input(shop: Shop) -> None:
    cart_id = shop.client.post("/api/v1/carts").json()["id"]
    r = shop.client.post(f"/api/v1/carts/{cart_id}/lines", json={"variant_id": "x" * 65, "quantity": -3})
    body = _assert_problem(r, 422, "validation_error")
    assert [(e["loc"], e["type"]) for e in body["details"]["errors"]] == [
        (["body", "variant_id"], "string_too_long"),
        (["body", "quantity"], "greater_than_equal"),
    ]
    assert "x" * 65 not in r.text


def test_unexpected_error_is_a_bare_500(shop: Shop) -> None:
    # given a route that fails in a way nobody planned
    broken = APIRouter()

    @broken.get("/broken")
    def _broken() -> None:
        raise RuntimeError("SELECT password FROM admins -- secret")

    client = TestClient(
        create_app(api_settings(shop.db), shop.db, extra_routers=[broken]), raise_server_exceptions=False
    )
    # then the client learns that something failed, and nothing else
    r = client.get("/broken")
    body = _assert_problem(r, 500, "internal_error")
    assert body["detail"] == "something went wrong on our side"
    assert "SELECT" not in r.text and "Traceback" not in r.text and "secret" not in r.text


def test_body_over_the_limit_is_413(shop: Shop) -> None:
    r = shop.client.post(
        "/api/v1/search",
        content=b'{"text": "' + b"a" * (3 * 1024 * 1024) + b'"}',
        headers={"content-type": "application/json"},
    )
    _assert_problem(r, 413, "payload_too_large")


def _cart(shop: Shop) -> str:
    cart_id: str = shop.client.post("/api/v1/carts").json()["id"]
    return cart_id


GUEST_CHECKOUT = {
    "guest": {"name": "Grace", "email": "grace@example.com"},
    "address": {"address1": "1 rue", "city": "Paris", "country": "FR", "zip": "75001"},
    "shipping_option_id": "standard",
    "pay_by_link": True,
}

BAD_INPUT: list[tuple[str, str, str, dict[str, Any], int, str]] = [
    # (case, method, path, request arguments, status, code)
    (
        "negative quantity",
        "POST",
        "/api/v1/carts/{cart}/lines",
        {"json": {"variant_id": "tshirt-red-m", "quantity": -1}},
        422,
        "validation_error",
    ),
    (
        "quantity over 99",
        "POST",
        "/api/v1/carts/{cart}/lines",
        {"json": {"variant_id": "tshirt-red-m", "quantity": 100}},
        422,
        "validation_error",
    ),
    (
        "negative quantity set",
        "PUT",
        "/api/v1/carts/{cart}/lines/tshirt-red-m",
        {"json": {"quantity": -1}},
        422,
        "validation_error",
    ),
    ("20,000-char search", "GET", "/api/v1/search", {"params": {"q": "a" * 20_000}}, 422, "validation_error"),
    (
        "20,000-char search body",
        "POST",
        "/api/v1/search",
        {"json": {"text": "a" * 20_000}},
        422,
        "validation_error",
    ),
    (
        "20,000-char question",
        "GET",
        "/api/v1/articles/search",
        {"params": {"q": "a" * 20_000}},
        422,
        "validation_error",
    ),
    ("limit 0", "GET", "/api/v1/products", {"params": {"limit": 0}}, 422, "validation_error"),
    ("limit 201", "GET", "/api/v1/products", {"params": {"limit": 201}}, 422, "validation_error"),
    ("negative offset", "GET", "/api/v1/products", {"params": {"offset": -1}}, 422, "validation_error"),
    (
        "negative price filter",
        "GET",
        "/api/v1/search",
        {"params": {"price_min": "-5"}},
        422,
        "validation_error",
    ),
    (
        "NaN price filter",
        "POST",
        "/api/v1/search",
        {"json": {"filters": {"price_max": "NaN"}}},
        422,
        "validation_error",
    ),
    (
        "unknown filter",
        "POST",
        "/api/v1/search",
        {"json": {"filters": {"colour": ["red"]}}},
        422,
        "validation_error",
    ),
    ("unknown product", "GET", "/api/v1/products/unknown", {}, 404, "product_not_found"),
    (
        "unknown category",
        "GET",
        "/api/v1/products",
        {"params": {"category": "unknown"}},
        404,
        "category_not_found",
    ),
    ("unknown cart", "GET", "/api/v1/carts/cart_unknown", {}, 404, "cart_not_found"),
    (
        "unknown variant",
        "POST",
        "/api/v1/carts/{cart}/lines",
        {"json": {"variant_id": "unknown"}},
        404,
        "variant_not_found",
    ),
    ("line not in cart", "DELETE", "/api/v1/carts/{cart}/lines/tshirt-red-m", {}, 404, "cart_line_not_found"),
    ("id over 64 chars", "GET", "/api/v1/products/" + "p" * 65, {}, 422, "validation_error"),
    (
        "unknown shipping option",
        "GET",
        "/api/v1/carts/{cart}",
        {"params": {"shipping_option": "teleport"}},
        404,
        "shipping_option_not_found",
    ),
    (
        "malformed JSON",
        "POST",
        "/api/v1/carts/{cart}/lines",
        {"content": b'{"variant_id": "tshirt-red-m",', "headers": {"content-type": "application/json"}},
        422,
        "validation_error",
    ),
    ("JSON that is not an object", "POST", "/api/v1/search", {"json": [1, 2]}, 422, "validation_error"),
    (
        "malformed guest e-mail",
        "POST",
        "/api/v1/carts/{cart}/checkout",
        {"json": {**GUEST_CHECKOUT, "guest": {"name": "Grace", "email": "grace@@example"}}},
        422,
        "validation_error",
    ),
    ("empty cart", "POST", "/api/v1/carts/{cart}/checkout", {"json": GUEST_CHECKOUT}, 409, "empty_cart"),
    (
        "negative expected total",
        "POST",
        "/api/v1/carts/{cart}/checkout",
        {"json": {**GUEST_CHECKOUT, "expected_total": "-1"}},
        422,
        "validation_error",
    ),
    (
        "idempotency key too long",
        "POST",
        "/api/v1/carts/{cart}/checkout",
        {"json": GUEST_CHECKOUT, "headers": {"Idempotency-Key": "k" * 201}},
        422,
        "validation_error",
    ),
    (
        "malformed e-mail lookup",
        "GET",
        "/api/v1/admin/customers",
        {"params": {"email": "not-an-email"}, "headers": ADMIN},
        422,
        "invalid_email",
    ),
    (
        "malformed e-mail on a new customer",
        "POST",
        "/api/v1/admin/customers",
        {"json": {"first_name": "A", "last_name": "B", "email": "a@"}, "headers": ADMIN},
        422,
        "validation_error",
    ),
    (
        "currency that is not ISO 4217",
        "PUT",
        "/api/v1/admin/settings",
        {"json": {"name": "S", "currency": "XYZ", "languages": ["en"]}, "headers": ADMIN},
        422,
        "validation_error",
    ),
    (
        "currency of four letters",
        "PUT",
        "/api/v1/admin/settings",
        {"json": {"name": "S", "currency": "EURO", "languages": ["en"]}, "headers": ADMIN},
        422,
        "validation_error",
    ),
    (
        "unknown time zone",
        "PUT",
        "/api/v1/admin/settings",
        {
            "json": {"name": "S", "currency": "EUR", "languages": ["en"], "timezone": "Mars/Olympus"},
            "headers": ADMIN,
        },
        422,
        "validation_error",
    ),
    (
        "tax rate over 100 %",
        "PUT",
        "/api/v1/admin/settings",
        {
            "json": {"name": "S", "currency": "EUR", "languages": ["en"], "tax": {"default_rate": "1.5"}},
            "headers": ADMIN,
        },
        422,
        "validation_error",
    ),
    (
        "negative price",
        "PUT",
        "/api/v1/admin/variants/tshirt-red-m/price",
        {"json": {"price": "-1"}, "headers": ADMIN},
        422,
        "validation_error",
    ),
    (
        "restock of 0",
        "POST",
        "/api/v1/admin/variants/tshirt-red-m/restock",
        {"json": {"quantity": 0}, "headers": ADMIN},
        422,
        "validation_error",
    ),
    (
        "image that is not a URL",
        "POST",
        "/api/v1/admin/products",
        {
            "json": {
                "translations": {"en": {"title": "X"}},
                "images": ["javascript:alert(1)"],
                "variants": [{"price": "1"}],
            },
            "headers": ADMIN,
        },
        422,
        "validation_error",
    ),
    ("unknown order", "GET", "/api/v1/admin/orders/%23W0000000", {"headers": ADMIN}, 404, "order_not_found"),
    (
        "cancel reason over 200 chars",
        "POST",
        "/api/v1/admin/orders/%23W0000000/cancel",
        {"json": {"reason": "r" * 201}, "headers": ADMIN},
        422,
        "validation_error",
    ),
]


def test_bad_input(shop: Shop, subtests: pytest.Subtests) -> None:
    # one store for the whole table (a database per case costs seconds on PostgreSQL); each case is
    # reported on its own, and none of them changes the store
    for case, method, path, kwargs, status, code in BAD_INPUT:
        with subtests.test(case):
            url = path.replace("{cart}", _cart(shop)) if "{cart}" in path else path
            _assert_problem(shop.client.request(method, url, **kwargs), status, code)
    # and nothing was written by any of them
    assert shop.client.get("/api/v1/store").json()["name"] == "Test shop"
    assert shop.client.get("/api/v1/variants/tshirt-red-m").json()["price"] == "20.00"


@pytest.mark.parametrize(
    "path",
    ["/api/v1/products/a%00b", "/api/v1/carts/a%00b", "/api/v1/admin/customers/a%00b"],
)
def test_nul_bytes_are_never_a_server_error(shop: Shop, path: str) -> None:
    r = shop.client.get(path, headers=ADMIN)
    assert r.status_code < 500
    assert r.headers["content-type"] == "application/problem+json"
