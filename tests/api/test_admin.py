"""The merchant's API: auth, settings, catalogue, orders, customers, articles."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from comptoir.app import create_app
from tests.api.client import TestClient
from tests.api.conftest import ADMIN, Shop, api_settings, bearer

PRODUCT = {
    "id": "mug",
    "category": "clothing",
    "brand": "Acme",
    "tags": ["Kitchen"],
    "translations": {"en": {"title": "Mug", "description": "A big mug."}, "fr": {"title": "Tasse"}},
    "option_names": {"size": {"en": "Size", "fr": "Taille"}},
    "images": ["https://cdn.example/mug.jpg"],
    "variants": [
        {"id": "mug-s", "options": {"size": "S"}, "price": "8.00", "stock": 3},
        {"id": "mug-l", "options": {"size": "L"}, "price": "10.00", "compare_at_price": "12.00"},
    ],
}


@pytest.mark.parametrize(
    ("_case", "headers", "code"),
    [
        ("missing", {}, "invalid_admin_token"),
        ("wrong", bearer("not-the-token"), "invalid_admin_token"),
        ("not bearer", {"Authorization": f"Basic {ADMIN['Authorization'][7:]}"}, "invalid_admin_token"),
    ],
)
def test_admin_needs_the_token(shop: Shop, _case: str, headers: dict[str, str], code: str) -> None:
    for method, path in [
        ("GET", "/api/v1/admin/settings"),
        ("POST", "/api/v1/admin/products"),
        ("GET", "/api/v1/admin/customers/x"),
        ("POST", "/api/v1/admin/articles"),
        ("POST", "/api/v1/admin/orders/x/deliver"),
    ]:
        r = shop.client.request(method, path, headers=headers, json={})
        assert r.status_code == 401, (method, path)
        assert r.json()["code"] == code
        assert r.headers["www-authenticate"] == "Bearer"


def test_a_customer_token_is_not_an_admin_token(shop: Shop) -> None:
    assert shop.client.get("/api/v1/admin/settings", headers=shop.ada_auth).status_code == 401


def test_admin_disabled_without_a_token(shop: Shop) -> None:
    client = TestClient(create_app(api_settings(shop.db, admin_token=None), shop.db))
    r = client.get("/api/v1/admin/settings", headers=ADMIN)
    assert (r.status_code, r.json()["code"]) == (503, "admin_disabled")


def test_settings_round_trip(shop: Shop) -> None:
    # given the settings as they are
    settings = shop.client.get("/api/v1/admin/settings", headers=ADMIN).json()
    assert settings["policy"]["return_window_days"] == 30
    # when the merchant changes the name and the return window
    settings["name"] = "Chez Ada"
    settings["policy"]["return_window_days"] = 14
    r = shop.client.put("/api/v1/admin/settings", json=settings, headers=ADMIN)
    # then they are saved, and the public store shows the name
    assert r.status_code == 200, r.text
    assert shop.client.get("/api/v1/admin/settings", headers=ADMIN).json() == {**settings}
    assert shop.client.get("/api/v1/store").json()["name"] == "Chez Ada"


def test_settings_left_out_take_the_service_defaults(shop: Shop) -> None:
    r = shop.client.put(
        "/api/v1/admin/settings", json={"name": "Mini", "currency": "JPY", "languages": ["ja"]}, headers=ADMIN
    )
    assert r.status_code == 200, r.text
    assert r.json()["policy"]["cancellation_reasons"] == [
        "no longer needed",
        "ordered by mistake",
        "found a better price",
        "delivery too slow",
        "other",
    ]
    assert shop.client.get("/api/v1/store").json()["default_language"] == "ja"


def test_catalogue_operations(shop: Shop) -> None:
    # a category, a product in it, a new price and more stock
    r = shop.client.post(
        "/api/v1/admin/categories",
        json={"id": "home", "names": {"en": "Home", "fr": "Maison"}},
        headers=ADMIN,
    )
    assert (r.status_code, r.json()["name"]) == (201, "Home")
    r = shop.client.post("/api/v1/admin/products", json={**PRODUCT, "category": "home"}, headers=ADMIN)
    assert r.status_code == 201, r.text
    assert (r.json()["id"], r.json()["on_sale"], r.json()["tags"]) == ("mug", True, ["kitchen"])
    r = shop.client.put("/api/v1/admin/variants/mug-s/price", json={"price": "7.50"}, headers=ADMIN)
    assert r.json()["price"] == "7.50"
    r = shop.client.post("/api/v1/admin/variants/mug-s/restock", json={"quantity": 4}, headers=ADMIN)
    assert r.json()["stock"] == 7
    assert shop.client.get("/api/v1/products", params={"category": "home"}).json()["total"] == 1


def test_duplicate_product_is_refused(shop: Shop) -> None:
    r = shop.client.post("/api/v1/admin/products", json={**PRODUCT, "id": "tshirt"}, headers=ADMIN)
    assert (r.status_code, r.json()["code"]) == (422, "product_exists")


def test_order_operations_and_history(shop: Shop) -> None:
    # given a guest order awaiting payment
    cart_id = shop.client.post("/api/v1/carts").json()["id"]
    shop.client.post(f"/api/v1/carts/{cart_id}/lines", json={"variant_id": "tshirt-red-m"})
    order = shop.client.post(
        f"/api/v1/carts/{cart_id}/checkout",
        json={
            "guest": {"name": "Grace", "email": "grace@example.com"},
            "address": {"address1": "1 rue", "city": "Paris", "country": "FR", "zip": "75001"},
            "shipping_option_id": "standard",
            "pay_by_link": True,
        },
    ).json()
    path = f"/api/v1/admin/orders/{quote(order['id'], safe='')}"
    # an order awaiting payment cannot be processed
    r = shop.client.post(f"{path}/process", headers=ADMIN)
    assert (r.status_code, r.json()["code"]) == (409, "invalid_order_status")
    # once paid it can be processed, shipped and delivered
    shop.client.post(order["pay_url"].removeprefix("https://shop.example"))
    assert shop.client.post(f"{path}/process", headers=ADMIN).json()["status"] == "processed"
    r = shop.client.post(f"{path}/ship", json={"carrier": "DHL", "tracking_id": "D1"}, headers=ADMIN)
    assert r.json()["fulfilments"] == [
        {"carrier": "DHL", "tracking_ids": ["D1"], "item_ids": ["tshirt-red-m"]}
    ]
    assert shop.client.post(f"{path}/deliver", headers=ADMIN).json()["status"] == "delivered"
    # and the history tells it all
    detail = shop.client.get(path, headers=ADMIN).json()
    assert [(e["kind"], e["to_status"]) for e in detail["events"]] == [
        ("placed", "awaiting payment"),
        ("paid", "pending"),
        ("processed", "processed"),
        ("shipped", "processed"),
        ("delivered", "delivered"),
    ]


def test_admin_cancel(shop: Shop) -> None:
    cart_id = shop.client.post("/api/v1/carts", headers=shop.ada_auth).json()["id"]
    shop.client.post(
        f"/api/v1/carts/{cart_id}/lines", json={"variant_id": "tshirt-red-m"}, headers=shop.ada_auth
    )
    order = shop.client.post(
        f"/api/v1/carts/{cart_id}/checkout",
        json={"shipping_option_id": "standard", "payment_method_id": shop.ada.payment_methods[0].id},
        headers=shop.ada_auth,
    ).json()
    r = shop.client.post(
        f"/api/v1/admin/orders/{quote(order['id'], safe='')}/cancel", json={"reason": "other"}, headers=ADMIN
    )
    assert r.json()["status"] == "cancelled"
    events = shop.client.get(f"/api/v1/admin/orders/{quote(order['id'], safe='')}", headers=ADMIN).json()[
        "events"
    ]
    assert events[-1]["actor"] == "merchant"


def test_customer_lookups(shop: Shop) -> None:
    by_email = shop.client.get(
        "/api/v1/admin/customers", params={"email": "ADA@example.com"}, headers=ADMIN
    ).json()
    assert [c["id"] for c in by_email["items"]] == [shop.ada.id]
    by_name = shop.client.get(
        "/api/v1/admin/customers",
        params={"first_name": "bob", "last_name": "ross", "zip": "69001"},
        headers=ADMIN,
    ).json()
    assert [c["id"] for c in by_name["items"]] == [shop.bob.id]
    nobody = shop.client.get(
        "/api/v1/admin/customers", params={"email": "no@example.com"}, headers=ADMIN
    ).json()
    assert (nobody["items"], nobody["total"]) == ([], 0)
    r = shop.client.get("/api/v1/admin/customers", headers=ADMIN)
    assert (r.status_code, r.json()["code"]) == (422, "lookup_needed")
    assert (
        shop.client.get(f"/api/v1/admin/customers/{shop.ada.id}", headers=ADMIN).json()["email"]
        == "ada@example.com"
    )
    assert (
        shop.client.get("/api/v1/admin/customers/nope", headers=ADMIN).json()["code"] == "customer_not_found"
    )
    assert (
        shop.client.get(f"/api/v1/admin/customers/{shop.ada.id}/orders", headers=ADMIN).json()["total"] == 0
    )


def test_create_customer_then_exists(shop: Shop) -> None:
    body = {
        "first_name": "Grace",
        "last_name": "Hopper",
        "email": "Grace@Example.com",
        "payment_methods": [{"kind": "paypal", "paypal_email": "grace@example.com"}],
    }
    r = shop.client.post("/api/v1/admin/customers", json=body, headers=ADMIN)
    assert r.status_code == 201, r.text
    assert (r.json()["email"], [m["kind"] for m in r.json()["payment_methods"]]) == (
        "grace@example.com",
        ["paypal"],
    )
    again = shop.client.post("/api/v1/admin/customers", json=body, headers=ADMIN)
    assert (again.status_code, again.json()["code"]) == (409, "customer_exists")


def test_add_article(shop: Shop) -> None:
    body = {
        "id": "faq-1",
        "topic": "shipping",
        "translations": {"en": {"title": "Shipping", "body": "Fast."}},
    }
    r = shop.client.post("/api/v1/admin/articles", json=body, headers=ADMIN)
    assert (r.status_code, r.json()["title"]) == (201, "Shipping")
    assert shop.client.get("/api/v1/articles/faq-1").json()["body"] == "Fast."
