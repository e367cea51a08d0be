"""τ-bench retail interchange: import and export round trip, the v1 folder shape, and replayed tool calls."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from comptoir.commerce import get_order, modify_order_items
from comptoir.core.errors import ComptoirError, InvalidInput
from comptoir.db import Database
from comptoir.interop import export_tau, import_tau, replay, tau_snapshot
from tests.factories import seed
from tests.interop.conftest import tau2_json


def test_import_then_export_gives_back_the_same_store(tau_db: Database, tmp_path: Path) -> None:
    # given the τ² store, imported into our tables
    # when it is exported to a folder
    written = export_tau(tau_db, tmp_path / "out")
    # then users, products and orders are τ's very records (amounts exactly, as parsed JSON)
    exported = json.loads(written.read_text("utf-8"))
    initial = tau2_json("db.json")
    assert sorted(exported) == ["orders", "products", "users"]
    for kind in ("users", "products", "orders"):
        assert exported[kind] == initial[kind], kind


def _small_v1_store(folder: Path) -> dict[str, dict[str, dict[str, object]]]:
    """Two τ users with their orders and products, as τ-bench v1's three files (users without user_id)."""
    full = tau2_json("db.json")
    user_ids = ["noah_brown_6181", "yusuf_rossi_9620"]
    users = {u: {k: v for k, v in full["users"][u].items() if k != "user_id"} for u in user_ids}
    orders = {o: full["orders"][o] for u in user_ids for o in full["users"][u]["orders"]}
    product_ids = {i["product_id"] for o in orders.values() for i in o["items"]}
    products = {p: full["products"][p] for p in full["products"] if p in product_ids}
    folder.mkdir()
    for name, data in (("users", users), ("orders", orders), ("products", products)):
        (folder / f"{name}.json").write_text(json.dumps(data), "utf-8")
    return {"users": users, "orders": orders, "products": products}


def test_a_v1_folder_imports_and_reports_its_counts(db: Database, tmp_path: Path) -> None:
    # given τ-bench v1's folder of products.json, users.json and orders.json
    source = _small_v1_store(tmp_path / "db")
    seen: list[tuple[int, int]] = []
    # when it is imported
    report = import_tau(db, tmp_path / "db", progress=lambda done, total: seen.append((done, total)))
    # then every record is there, users now with their id
    assert (report.users, report.orders, report.products) == (
        2,
        len(source["orders"]),
        len(source["products"]),
    )
    assert report.transactions == sum(len(o["payment_history"]) for o in source["orders"].values())
    assert seen[-1][0] == seen[-1][1]
    with db.read_session() as s:
        got = tau_snapshot(s)
    assert got["users"] == {k: {"user_id": k, **v} for k, v in source["users"].items()}
    assert got["orders"] == source["orders"]
    assert got["products"] == source["products"]


def test_read_tools_answer_in_tau_shapes(tau_db: Database) -> None:
    with tau_db.read_session() as s:
        assert (
            replay(s, "find_user_id_by_email", {"email": "noah.brown7922@example.com"}) == "noah_brown_6181"
        )
        user = replay(s, "get_user_details", {"user_id": "noah_brown_6181"})
        assert user == tau2_json("db.json")["users"]["noah_brown_6181"]
        item = replay(s, "get_item_details", {"item_id": "9612497925"})
        assert item == tau2_json("db.json")["products"]["9523456873"]["variants"]["9612497925"]
        types = json.loads(str(replay(s, "list_all_product_types", {})))
        assert len(types) == 50 and types["T-Shirt"] == "9523456873"
        assert replay(s, "calculate", {"expression": "(2 + 3) * 1.5 / 2"}) == "3.75"
        assert replay(s, "transfer_to_human_agents", {"summary": "wants a human"}) == "Transfer successful"


@pytest.mark.parametrize(
    ("_case", "name", "arguments", "code"),
    [
        ("unknown tool", "delete_everything", {}, "unknown_tool"),
        ("missing argument", "get_order_details", {}, "invalid_arguments"),
        ("unknown order", "get_order_details", {"order_id": "#W0000000"}, "order_not_found"),
        ("no code in a calculation", "calculate", {"expression": "__import__('os')"}, "invalid_expression"),
        ("division by zero", "calculate", {"expression": "1 / 0"}, "invalid_expression"),
        (
            "an address without a city",
            "modify_user_address",
            {
                "user_id": "noah_brown_6181",
                "address1": "1 Main St",
                "address2": "",
                "city": "",
                "state": "CO",
                "country": "USA",
                "zip": "80279",
            },
            "invalid_arguments",
        ),
    ],
)
def test_failures_are_typed_errors(
    tau_db: Database, _case: str, name: str, arguments: dict[str, object], code: str
) -> None:
    with pytest.raises(ComptoirError) as caught, tau_db.session() as s:
        replay(s, name, arguments)
    assert caught.value.code == code


def test_under_tau_policy_an_item_may_be_modified_into_itself_at_no_cost(tau_db: Database) -> None:
    # given a pending τ order paid by card
    order = tau2_json("db.json")["orders"]["#W4776164"]
    item_id = order["items"][0]["item_id"]
    method = order["payment_history"][0]["payment_method_id"]
    # when its first item is "modified" into itself
    with tau_db.session() as s:
        replay(
            s,
            "modify_pending_order_items",
            {
                "order_id": "#W4776164",
                "item_ids": [item_id],
                "new_item_ids": [item_id],
                "payment_method_id": method,
            },
        )
    # then, as τ records it, the order counts as modified and a settlement of 0 sits in its history
    with tau_db.read_session() as s:
        got = get_order(s, "#W4776164")
    assert got.status == "pending (item modified)"
    assert [(p.kind, p.amount, p.payment_method_id) for p in got.payments][-1] == (
        "refund",
        Decimal("0.00"),
        method,
    )


def test_a_real_shop_refuses_to_modify_an_item_into_itself(db: Database) -> None:
    # given a shop under the default policy, and a pending order
    from comptoir.commerce import CheckoutInput, add_to_cart, checkout, create_cart

    _, ada = seed(db)
    card = ada.payment_methods[0].id
    with db.session() as s:
        cart = create_cart(s, customer_id=ada.id)
        add_to_cart(s, cart.id, variant_id="tshirt-red-m")
        order = checkout(
            s,
            CheckoutInput(
                cart_id=cart.id, customer_id=ada.id, shipping_option_id="standard", payment_method_id=card
            ),
        )
    # when the shopper asks to swap the T-shirt for the very same one
    with pytest.raises(InvalidInput) as caught, db.session() as s:
        modify_order_items(
            s, order.id, item_ids=["tshirt-red-m"], new_item_ids=["tshirt-red-m"], payment_method_id=card
        )
    # then it is refused and nothing changed
    assert caught.value.code == "same_item"
    with db.read_session() as s:
        assert get_order(s, order.id).status == "pending"
