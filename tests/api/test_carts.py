"""Carts and checkout: guests with a pay link, customers with saved methods, idempotency, ownership."""

from __future__ import annotations

from urllib.parse import quote

from comptoir.commerce import get_order
from comptoir.payments import list_transactions
from tests.api.conftest import ADMIN, PUBLIC_URL, Shop, bearer

ADDRESS = {"address1": "2 place Bellecour", "city": "Lyon", "country": "FR", "zip": "69002"}
GUEST = {"name": "Grace Hopper", "email": "Grace@Example.com"}


def _cart(shop: Shop, headers: dict[str, str] | None = None, *lines: tuple[str, int]) -> str:
    r = shop.client.post("/api/v1/carts", headers=headers or {})
    assert r.status_code == 201
    cart_id: str = r.json()["id"]
    for variant_id, quantity in lines:
        r = shop.client.post(
            f"/api/v1/carts/{cart_id}/lines",
            json={"variant_id": variant_id, "quantity": quantity},
            headers=headers or {},
        )
        assert r.status_code == 200, r.text
    return cart_id


def test_cart_lines_add_set_remove(shop: Shop) -> None:
    # given a guest cart
    cart_id = _cart(shop)
    # when two red M and one red L are added, the M set to 3, then the L removed
    r = shop.client.post(f"/api/v1/carts/{cart_id}/lines", json={"variant_id": "tshirt-red-m", "quantity": 2})
    assert r.json()["item_count"] == 2
    r = shop.client.post(
        f"/api/v1/carts/{cart_id}/lines", json={"variant_id": "tshirt-red-l"}, params={"language": "fr"}
    )
    assert [line["title"] for line in r.json()["lines"]] == ["T-shirt en coton bio"] * 2
    r = shop.client.put(f"/api/v1/carts/{cart_id}/lines/tshirt-red-m", json={"quantity": 3})
    assert [(line["variant_id"], line["quantity"]) for line in r.json()["lines"]] == [
        ("tshirt-red-m", 3),
        ("tshirt-red-l", 1),
    ]
    r = shop.client.delete(f"/api/v1/carts/{cart_id}/lines/tshirt-red-l")
    # then the cart holds three red M at 20.00
    assert r.status_code == 200
    assert (r.json()["item_count"], r.json()["subtotal"]) == (3, "60.00")
    # and a quote with shipping to France is free above 60
    r = shop.client.get(f"/api/v1/carts/{cart_id}", params={"shipping_option": "standard", "country": "FR"})
    assert (r.json()["shipping"]["cost"], r.json()["total"]) == ("0.00", "60.00")


def test_out_of_stock_item_is_a_conflict(shop: Shop) -> None:
    cart_id = _cart(shop)
    r = shop.client.post(
        f"/api/v1/carts/{cart_id}/lines", json={"variant_id": "tshirt-blue-m", "quantity": 1}
    )
    assert r.status_code == 409
    assert r.json()["code"] == "variant_unavailable"


def test_customer_checkout_charges_saved_card(shop: Shop) -> None:
    # given Ada's cart with two red M
    cart_id = _cart(shop, shop.ada_auth, ("tshirt-red-m", 2))
    assert (
        shop.client.get(f"/api/v1/carts/{cart_id}", headers=shop.ada_auth).json()["customer_id"]
        == shop.ada.id
    )
    # when she checks out with her card, to her default address, agreeing to 44.90
    card = shop.ada.payment_methods[0].id
    r = shop.client.post(
        f"/api/v1/carts/{cart_id}/checkout",
        json={"shipping_option_id": "standard", "payment_method_id": card, "expected_total": "44.90"},
        headers=shop.ada_auth,
    )
    # then the order is pending, paid, and has no pay link
    assert r.status_code == 201, r.text
    order = r.json()
    assert (order["status"], order["total"], order["customer_id"], order["pay_url"]) == (
        "pending",
        "44.90",
        shop.ada.id,
        None,
    )
    assert [(p["kind"], p["amount"], p["status"]) for p in order["payments"]] == [
        ("payment", "44.90", "succeeded")
    ]
    assert order["address"]["city"] == "Lyon"


def test_changed_total_is_refused_and_nothing_is_written(shop: Shop) -> None:
    cart_id = _cart(shop, shop.ada_auth, ("tshirt-red-m", 1))
    r = shop.client.post(
        f"/api/v1/carts/{cart_id}/checkout",
        json={
            "shipping_option_id": "standard",
            "payment_method_id": shop.ada.payment_methods[0].id,
            "expected_total": "1.00",
        },
        headers=shop.ada_auth,
    )
    assert r.status_code == 409
    assert r.json()["code"] == "price_changed"
    assert shop.client.get("/api/v1/me/orders", headers=shop.ada_auth).json()["total"] == 0


def test_guest_pays_by_link_on_the_pay_page(shop: Shop) -> None:
    # given a guest cart checked out with a pay link
    cart_id = _cart(shop, None, ("tshirt-red-l", 1))
    r = shop.client.post(
        f"/api/v1/carts/{cart_id}/checkout",
        json={"guest": GUEST, "address": ADDRESS, "shipping_option_id": "express", "pay_by_link": True},
    )
    assert r.status_code == 201, r.text
    order = r.json()
    assert (order["status"], order["guest_email"], order["total"]) == (
        "awaiting payment",
        "grace@example.com",
        "31.90",
    )
    # the pay link is absolute, on the public address
    assert order["pay_url"].startswith(f"{PUBLIC_URL}/pay/")
    path = order["pay_url"].removeprefix(PUBLIC_URL)
    # when the guest opens the pay page
    page = shop.client.get(path)
    # then it shows the store, the amount and a Pay button, under a strict CSP
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert page.headers["content-security-policy"] == (
        "default-src 'self'; style-src 'self' 'unsafe-inline'; form-action 'self'"
    )
    assert "Test shop" in page.text and "€31.90" in page.text and '<form method="post"' in page.text
    # when the guest pays
    paid = shop.client.post(path)
    # then the order is pending (paid), and the link cannot be used again
    assert paid.status_code == 200 and "Payment received" in paid.text
    with shop.db.read_session() as s:
        assert get_order(s, order["id"]).status == "pending"
        assert [(t.kind, t.status) for t in list_transactions(s, order["id"])] == [("payment", "succeeded")]
    again = shop.client.post(path)
    assert again.status_code == 200 and "already used" in again.text
    assert shop.client.get(path).status_code == 200 and "Already paid" in shop.client.get(path).text


def test_pay_page_in_the_store_language_and_unknown_token(shop: Shop) -> None:
    cart_id = _cart(shop, None, ("tshirt-red-m", 1))
    order = shop.client.post(
        f"/api/v1/carts/{cart_id}/checkout",
        json={"guest": GUEST, "address": ADDRESS, "shipping_option_id": "standard", "pay_by_link": True},
    ).json()
    path = order["pay_url"].removeprefix(PUBLIC_URL)
    assert "24,90\xa0€" in shop.client.get(path, params={"language": "fr"}).text
    missing = shop.client.get("/pay/not-a-token")
    assert missing.status_code == 404 and "Payment link not found" in missing.text
    assert shop.client.post("/pay/not-a-token").status_code == 404


def test_pay_page_escapes_the_store_name(shop: Shop) -> None:
    # given a store whose name holds markup
    settings = shop.client.get("/api/v1/admin/settings", headers=ADMIN).json()
    settings["name"] = "<script>alert(1)</script>"
    assert shop.client.put("/api/v1/admin/settings", json=settings, headers=ADMIN).status_code == 200
    cart_id = _cart(shop, None, ("tshirt-red-m", 1))
    order = shop.client.post(
        f"/api/v1/carts/{cart_id}/checkout",
        json={"guest": GUEST, "address": ADDRESS, "shipping_option_id": "standard", "pay_by_link": True},
    ).json()
    page = shop.client.get(order["pay_url"].removeprefix(PUBLIC_URL))
    assert "<script>" not in page.text and "&lt;script&gt;" in page.text


def test_cancelled_order_link_is_no_longer_valid(shop: Shop) -> None:
    cart_id = _cart(shop, shop.ada_auth, ("tshirt-red-m", 1))
    order = shop.client.post(
        f"/api/v1/carts/{cart_id}/checkout",
        json={"shipping_option_id": "standard", "pay_by_link": True},
        headers=shop.ada_auth,
    ).json()
    r = shop.client.post(
        f"/api/v1/me/orders/{quote(order['id'], safe='')}/cancel",
        json={"reason": "no longer needed"},
        headers=shop.ada_auth,
    )
    assert r.json()["status"] == "cancelled"
    path = order["pay_url"].removeprefix(PUBLIC_URL)
    assert shop.client.get(path).status_code == 410
    refused = shop.client.post(path)
    assert refused.status_code == 409 and "can no longer be used" in refused.text


def test_idempotent_checkout(shop: Shop) -> None:
    # given Ada's cart and one idempotency key
    cart_id = _cart(shop, shop.ada_auth, ("tshirt-red-m", 1))
    body = {"shipping_option_id": "standard", "payment_method_id": shop.ada.payment_methods[0].id}
    headers = {**shop.ada_auth, "Idempotency-Key": "checkout-1"}
    # when the same checkout is sent twice
    first = shop.client.post(f"/api/v1/carts/{cart_id}/checkout", json=body, headers=headers)
    second = shop.client.post(f"/api/v1/carts/{cart_id}/checkout", json=body, headers=headers)
    # then both answers are the same order, charged once
    assert first.status_code == second.status_code == 201
    assert first.json() == second.json()
    with shop.db.read_session() as s:
        assert len(list_transactions(s, first.json()["id"])) == 1
    assert shop.client.get("/api/v1/me/orders", headers=shop.ada_auth).json()["total"] == 1
    # and the key with another body is a conflict
    other = shop.client.post(
        f"/api/v1/carts/{cart_id}/checkout", json={**body, "shipping_option_id": "express"}, headers=headers
    )
    assert other.status_code == 409
    assert other.json()["code"] == "idempotency_conflict"


def test_customer_cart_is_invisible_to_others(shop: Shop) -> None:
    # given Ada's cart
    cart_id = _cart(shop, shop.ada_auth, ("tshirt-red-m", 1))
    # then neither a guest nor Bob can see, change or check it out
    for headers in ({}, shop.bob_auth):
        assert shop.client.get(f"/api/v1/carts/{cart_id}", headers=headers).json()["code"] == "cart_not_found"
        r = shop.client.post(
            f"/api/v1/carts/{cart_id}/lines", json={"variant_id": "tshirt-red-l"}, headers=headers
        )
        assert r.status_code == 404
        r = shop.client.post(
            f"/api/v1/carts/{cart_id}/checkout",
            json={"guest": GUEST, "address": ADDRESS, "shipping_option_id": "standard", "pay_by_link": True},
            headers=headers,
        )
        assert r.status_code == 404
    assert shop.client.get(f"/api/v1/carts/{cart_id}", headers=shop.ada_auth).json()["item_count"] == 1


def test_saved_method_of_another_customer_is_not_found(shop: Shop) -> None:
    cart_id = _cart(shop, shop.ada_auth, ("tshirt-red-m", 1))
    r = shop.client.post(
        f"/api/v1/carts/{cart_id}/checkout",
        json={"shipping_option_id": "standard", "payment_method_id": shop.bob.payment_methods[0].id},
        headers=shop.ada_auth,
    )
    assert r.status_code == 404
    assert r.json()["code"] == "payment_method_not_found"


def test_unsigned_customer_token_on_a_cart_is_401(shop: Shop) -> None:
    r = shop.client.post("/api/v1/carts", headers=bearer(f"v1.{shop.ada.id}.9999999999.deadbeef"))
    assert r.status_code == 401
    assert r.headers["www-authenticate"] == "Bearer"
    assert r.json()["code"] == "invalid_customer_token"
