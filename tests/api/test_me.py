"""A shopper's own account and orders, behind a signed customer token."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from comptoir.app import create_app
from tests.api.client import TestClient
from tests.api.conftest import ADMIN, Shop, api_settings, bearer

ADDRESS = {"address1": "3 rue Mercière", "city": "Lyon", "country": "FR", "zip": "69002"}


def _order(shop: Shop, *lines: tuple[str, int], method: int = 0) -> dict[str, Any]:
    """Ada buys ``lines`` with her saved method number ``method``."""
    cart_id = shop.client.post("/api/v1/carts", headers=shop.ada_auth).json()["id"]
    for variant_id, quantity in lines:
        r = shop.client.post(
            f"/api/v1/carts/{cart_id}/lines",
            json={"variant_id": variant_id, "quantity": quantity},
            headers=shop.ada_auth,
        )
        assert r.status_code == 200, r.text
    r = shop.client.post(
        f"/api/v1/carts/{cart_id}/checkout",
        json={"shipping_option_id": "standard", "payment_method_id": shop.ada.payment_methods[method].id},
        headers=shop.ada_auth,
    )
    assert r.status_code == 201, r.text
    order: dict[str, Any] = r.json()
    return order


def _path(order_id: str) -> str:
    return quote(order_id, safe="")


def _delivered(shop: Shop, order_id: str) -> None:
    ship = {"carrier": "La Poste", "tracking_id": "LP123"}
    assert (
        shop.client.post(f"/api/v1/admin/orders/{_path(order_id)}/ship", json=ship, headers=ADMIN).status_code
        == 200
    )
    r = shop.client.post(f"/api/v1/admin/orders/{_path(order_id)}/deliver", headers=ADMIN)
    assert r.json()["status"] == "delivered"


def test_me_and_my_address(shop: Shop) -> None:
    me = shop.client.get("/api/v1/me", headers=shop.ada_auth).json()
    assert (me["id"], me["email"], me["default_address"]["city"]) == (shop.ada.id, "ada@example.com", "Lyon")
    r = shop.client.put("/api/v1/me/address", json=ADDRESS, headers=shop.ada_auth)
    assert r.status_code == 200
    assert r.json()["default_address"]["address1"] == "3 rue Mercière"


def test_my_orders_list_and_read_by_either_form_of_id(shop: Shop) -> None:
    first = _order(shop, ("tshirt-red-m", 1))
    second = _order(shop, ("tshirt-red-l", 1))
    page = shop.client.get(
        "/api/v1/me/orders", params={"limit": 1, "offset": 1}, headers=shop.ada_auth
    ).json()
    assert (page["total"], [o["id"] for o in page["items"]]) == (2, [second["id"]])
    assert (
        shop.client.get(f"/api/v1/me/orders/{_path(first['id'])}", headers=shop.ada_auth).json()["id"]
        == first["id"]
    )
    bare = first["id"].removeprefix("#")
    assert shop.client.get(f"/api/v1/me/orders/{bare}", headers=shop.ada_auth).json()["id"] == first["id"]


def test_another_customers_order_is_not_found(shop: Shop) -> None:
    # given Ada's order
    order = _order(shop, ("tshirt-red-m", 1))
    # when Bob asks for it, or tries to cancel it
    seen = shop.client.get(f"/api/v1/me/orders/{_path(order['id'])}", headers=shop.bob_auth)
    cancel = shop.client.post(
        f"/api/v1/me/orders/{_path(order['id'])}/cancel",
        json={"reason": "no longer needed"},
        headers=shop.bob_auth,
    )
    # then it does not exist for him, and it is untouched
    assert seen.status_code == cancel.status_code == 404
    assert seen.json()["code"] == "order_not_found"
    assert shop.client.get(f"/api/v1/me/orders/{_path(order['id'])}", headers=shop.ada_auth).json()[
        "status"
    ] == ("pending")


def test_missing_or_unsigned_token_is_401(shop: Shop) -> None:
    unsigned = bearer(f"v1.{shop.ada.id}.9999999999.{'0' * 64}")
    for headers in ({}, unsigned, bearer("garbage"), {"Authorization": "Basic YWRhOnB3"}):
        r = shop.client.get("/api/v1/me/orders", headers=headers)
        assert r.status_code == 401
        assert r.headers["content-type"] == "application/problem+json"
        assert r.json()["code"] in {"customer_token_required", "invalid_customer_token"}


def test_customer_tokens_disabled_is_401(shop: Shop) -> None:
    client = TestClient(create_app(api_settings(shop.db, customer_token_secret=None), shop.db))
    r = client.get("/api/v1/me", headers=shop.ada_auth)
    assert (r.status_code, r.json()["code"]) == (401, "customer_token_disabled")


def test_cancel_refunds_and_is_idempotent(shop: Shop) -> None:
    order = _order(shop, ("tshirt-red-m", 1))
    headers = {**shop.ada_auth, "Idempotency-Key": "cancel-1"}
    url = f"/api/v1/me/orders/{_path(order['id'])}/cancel"
    first = shop.client.post(url, json={"reason": "ordered by mistake"}, headers=headers)
    again = shop.client.post(url, json={"reason": "ordered by mistake"}, headers=headers)
    assert first.status_code == again.status_code == 200
    assert first.json() == again.json()
    assert first.json()["status"] == "cancelled"
    assert [(p["kind"], p["amount"]) for p in first.json()["payments"]] == [
        ("payment", "24.90"),
        ("refund", "24.90"),
    ]
    # a reason outside the policy is refused by the service's policy
    other = _order(shop, ("tshirt-red-m", 1))
    r = shop.client.post(
        f"/api/v1/me/orders/{_path(other['id'])}/cancel", json={"reason": "bored"}, headers=shop.ada_auth
    )
    assert (r.status_code, r.json()["code"]) == (409, "cancellation_reason_not_allowed")


def test_modify_items_address_and_payment(shop: Shop) -> None:
    # given a pending order of one red M paid by card
    order = _order(shop, ("tshirt-red-m", 1))
    url = f"/api/v1/me/orders/{_path(order['id'])}"
    # when Ada sends it elsewhere and pays it with PayPal instead
    r = shop.client.post(f"{url}/address", json=ADDRESS, headers=shop.ada_auth)
    assert r.json()["address"]["address1"] == "3 rue Mercière"
    paypal = shop.ada.payment_methods[2].id
    r = shop.client.post(f"{url}/payment", json={"payment_method_id": paypal}, headers=shop.ada_auth)
    assert r.status_code == 200, r.text
    assert r.json()["payment_method_id"] == paypal
    # and swaps the M for an L, paying the difference with her gift card
    gift = shop.ada.payment_methods[1].id
    r = shop.client.post(
        f"{url}/modify-items",
        json={"item_ids": ["tshirt-red-m"], "new_item_ids": ["tshirt-red-l"], "payment_method_id": gift},
        headers={**shop.ada_auth, "Idempotency-Key": "modify-1"},
    )
    # then the order holds the L, and is marked modified
    assert r.status_code == 200, r.text
    assert (r.json()["status"], [line["item_id"] for line in r.json()["lines"]]) == (
        "pending (item modified)",
        ["tshirt-red-l"],
    )


def test_return_after_delivery(shop: Shop) -> None:
    # given a delivered order
    order = _order(shop, ("tshirt-red-m", 2))
    _delivered(shop, order["id"])
    # when Ada returns one item to her card, with a reason from the list
    reason = shop.client.get("/api/v1/return-reasons").json()["items"][0]["handle"]
    r = shop.client.post(
        f"/api/v1/me/orders/{_path(order['id'])}/return",
        json={
            "item_ids": ["tshirt-red-m"],
            "payment_method_id": shop.ada.payment_methods[0].id,
            "reason": reason,
        },
        headers=shop.ada_auth,
    )
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "return requested"
    # and the merchant receives it
    r = shop.client.post(f"/api/v1/admin/orders/{_path(order['id'])}/receive-return", headers=ADMIN)
    # then the item is refunded
    assert r.json()["status"] == "returned"
    assert [(p["kind"], p["amount"]) for p in r.json()["payments"]] == [
        ("payment", "44.90"),
        ("refund", "20.00"),
    ]


def test_exchange_after_delivery(shop: Shop) -> None:
    order = _order(shop, ("tshirt-red-m", 1))
    _delivered(shop, order["id"])
    r = shop.client.post(
        f"/api/v1/me/orders/{_path(order['id'])}/exchange",
        json={
            "item_ids": ["tshirt-red-m"],
            "new_item_ids": ["tshirt-red-l"],
            "payment_method_id": shop.ada.payment_methods[0].id,
        },
        headers=shop.ada_auth,
    )
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "exchange requested"
    r = shop.client.post(f"/api/v1/admin/orders/{_path(order['id'])}/complete-exchange", headers=ADMIN)
    assert (r.json()["status"], [line["item_id"] for line in r.json()["lines"]]) == (
        "exchanged",
        ["tshirt-red-l"],
    )


def test_return_of_a_pending_order_is_a_conflict(shop: Shop) -> None:
    order = _order(shop, ("tshirt-red-m", 1))
    r = shop.client.post(
        f"/api/v1/me/orders/{_path(order['id'])}/return",
        json={"item_ids": ["tshirt-red-m"], "payment_method_id": shop.ada.payment_methods[0].id},
        headers=shop.ada_auth,
    )
    assert (r.status_code, r.json()["code"]) == (409, "invalid_order_status")
