"""Orders under the default merchant policy: checkout, cancel, modify, return, exchange, pay links."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import update

from comptoir.catalog import get_variant
from comptoir.commerce import (
    TRANSITIONS,
    CheckoutInput,
    GuestDetails,
    OrderStatus,
    OrderView,
    add_to_cart,
    cancel_order,
    checkout,
    confirm_payment,
    create_cart,
    exchange_items,
    get_order,
    list_orders,
    mark_delivered,
    modify_order_address,
    modify_order_items,
    modify_order_payment,
    order_events,
    receive_return,
    return_items,
    ship,
    view_cart,
)
from comptoir.commerce.models import Order
from comptoir.core.clock import utcnow
from comptoir.core.errors import ComptoirError
from comptoir.customers import AddressInput, CustomerView, create_customer, get_payment_method
from comptoir.db import Database
from comptoir.payments import get_pay_link
from tests.factories import customer, seed


def _order(db: Database, ada: CustomerView, items: list[str], *, method: int = 0) -> OrderView:
    with db.session() as s:
        cart = create_cart(s, customer_id=ada.id)
        for item in items:
            add_to_cart(s, cart.id, variant_id=item)
        return checkout(
            s,
            CheckoutInput(
                cart_id=cart.id,
                customer_id=ada.id,
                shipping_option_id="express",
                payment_method_id=ada.payment_methods[method].id,
            ),
        )


def _delivered(db: Database, ada: CustomerView, items: list[str]) -> OrderView:
    order = _order(db, ada, items)
    with db.session() as s:
        ship(s, order.id, carrier="Colissimo", tracking_id="123456789012")
        return mark_delivered(s, order.id)


def _error(db: Database, fn, *args, **kwargs) -> str:  # type: ignore[no-untyped-def]
    with pytest.raises(ComptoirError) as info, db.session() as s:
        fn(s, *args, **kwargs)
    return info.value.code


def test_cart_quotes_shipping_and_included_tax(db: Database) -> None:
    _, ada = seed(db)
    with db.session() as s:
        cart = create_cart(s, customer_id=ada.id)
        add_to_cart(s, cart.id, variant_id="tshirt-red-l", quantity=3)
        quote = view_cart(s, cart.id, shipping_option_id="standard", country="FR")
    # 3 × 22 = 66 ≥ 60: standard shipping is free; 20 % VAT is included in 66
    assert (quote.subtotal, quote.shipping and quote.shipping.cost, quote.total) == (
        Decimal("66.00"),
        Decimal("0.00"),
        Decimal("66.00"),
    )
    assert quote.tax_included == Decimal("11.00")
    assert [o.option_id for o in quote.shipping_options] == ["standard", "express"]


@pytest.mark.parametrize(
    ("_case", "variant", "quantity", "code"),
    [
        ("zero", "tshirt-red-m", 0, "invalid_quantity"),
        ("negative", "tshirt-red-m", -2, "invalid_quantity"),
        ("absurd", "tshirt-red-m", 10_000, "invalid_quantity"),
        ("unknown item", "nope", 1, "variant_not_found"),
        ("out of stock", "tshirt-blue-m", 1, "variant_unavailable"),
        ("more than stock", "tshirt-red-m", 11, "variant_unavailable"),
    ],
)
def test_add_to_cart_refuses_bad_input(
    db: Database, _case: str, variant: str, quantity: int, code: str
) -> None:
    _, ada = seed(db)
    with db.session() as s:
        cart = create_cart(s, customer_id=ada.id)
    assert _error(db, add_to_cart, cart.id, variant_id=variant, quantity=quantity) == code
    with db.read_session() as s:
        assert view_cart(s, cart.id).lines == []


def test_checkout_refuses_changed_price_and_writes_nothing(db: Database) -> None:
    _, ada = seed(db)
    with db.session() as s:
        cart = create_cart(s, customer_id=ada.id)
        add_to_cart(s, cart.id, variant_id="tshirt-red-m")
    data = CheckoutInput(
        cart_id=cart.id,
        customer_id=ada.id,
        shipping_option_id="standard",
        payment_method_id=ada.payment_methods[0].id,
        expected_total=Decimal("19.00"),
    )
    assert _error(db, checkout, data) == "price_changed"
    with db.read_session() as s:
        assert list_orders(s, ada.id) == []
        assert get_variant(s, "tshirt-red-m").stock == 10


def test_payment_method_of_another_customer_is_refused(db: Database) -> None:
    _, ada = seed(db)
    with db.session() as s:
        bob = create_customer(s, customer("bob@example.com"))
        cart = create_cart(s, customer_id=ada.id)
        add_to_cart(s, cart.id, variant_id="tshirt-red-m")
    data = CheckoutInput(
        cart_id=cart.id,
        customer_id=ada.id,
        shipping_option_id="standard",
        payment_method_id=bob.payment_methods[0].id,
    )
    assert _error(db, checkout, data) == "payment_method_not_found"


def test_guest_pays_by_link_and_order_waits_for_the_provider(db: Database) -> None:
    seed(db)
    with db.session() as s:
        cart = create_cart(s)
        add_to_cart(s, cart.id, variant_id="tshirt-red-m")
        order = checkout(
            s,
            CheckoutInput(
                cart_id=cart.id,
                guest=GuestDetails(name="Grace", email="GRACE@example.com"),
                address=AddressInput(address1="1 Main St", city="Lyon", country="FR", zip="69001"),
                shipping_option_id="standard",
                pay_by_link=True,
            ),
        )
    assert order.status == "awaiting payment" and order.pay_url is not None
    assert order.guest_email == "grace@example.com"
    assert [p.status for p in order.payments] == ["pending"]
    token = order.pay_url.rsplit("/", 1)[1]
    with db.session() as s:
        paid = confirm_payment(s, token)
    assert paid.status == "pending" and [p.status for p in paid.payments] == ["succeeded"]
    assert _error(db, confirm_payment, token) == "invalid_order_status"
    with db.read_session() as s:
        assert get_pay_link(s, token).status == "succeeded"


def test_cancel_refunds_and_restocks(db: Database) -> None:
    _, ada = seed(db)
    order = _order(db, ada, ["tshirt-red-m", "tshirt-red-m"], method=1)  # gift card 50 €
    assert order.total == Decimal("49.90")
    with db.session() as s:
        cancelled = cancel_order(s, order.id, reason="no longer needed", customer_id=ada.id)
        gift = get_payment_method(s, ada.id, ada.payment_methods[1].id)
        assert get_variant(s, "tshirt-red-m").stock == 10
    assert cancelled.status == "cancelled" and cancelled.cancel_reason == "no longer needed"
    assert [(p.kind, p.amount) for p in cancelled.payments] == [
        ("payment", Decimal("49.90")),
        ("refund", Decimal("49.90")),
    ]
    assert gift.balance == Decimal("50.00")
    assert [e.kind for e in order_events_of(db, order.id)] == ["placed", "cancelled"]


def order_events_of(db: Database, order_id: str):  # type: ignore[no-untyped-def]
    with db.read_session() as s:
        return order_events(s, order_id)


def test_cancel_refuses_reason_outside_policy_and_orders_not_pending(db: Database) -> None:
    _, ada = seed(db)
    order = _order(db, ada, ["tshirt-red-m"])
    assert _error(db, cancel_order, order.id, reason="bored") == "cancellation_reason_not_allowed"
    with db.session() as s:
        ship(s, order.id, carrier="DHL", tracking_id="1")
    assert _error(db, cancel_order, order.id, reason="no longer needed") == "invalid_order_status"
    with db.read_session() as s:
        assert get_order(s, order.id).status == "processed"


def test_another_customer_cannot_see_or_touch_an_order(db: Database) -> None:
    _, ada = seed(db)
    with db.session() as s:
        bob = create_customer(s, customer("bob@example.com"))
    order = _order(db, ada, ["tshirt-red-m"])
    assert _error(db, get_order, order.id, customer_id=bob.id) == "order_not_found"
    assert (
        _error(db, cancel_order, order.id, reason="no longer needed", customer_id=bob.id) == "order_not_found"
    )


def test_modify_items_once_charges_the_difference(db: Database) -> None:
    _, ada = seed(db)
    order = _order(db, ada, ["tshirt-red-m"])
    card = ada.payment_methods[0].id
    with db.session() as s:
        modified = modify_order_items(
            s, order.id, item_ids=["tshirt-red-m"], new_item_ids=["tshirt-red-l"], payment_method_id=card
        )
    assert modified.status == "pending (item modified)"
    assert [line.item_id for line in modified.lines] == ["tshirt-red-l"]
    assert modified.payments[-1].kind == "payment" and modified.payments[-1].amount == Decimal("2.00")
    with db.read_session() as s:
        assert (get_variant(s, "tshirt-red-m").stock, get_variant(s, "tshirt-red-l").stock) == (10, 9)
    assert (
        _error(
            db,
            modify_order_items,
            order.id,
            item_ids=["tshirt-red-l"],
            new_item_ids=["tshirt-red-m"],
            payment_method_id=card,
        )
        == "modification_not_allowed"
    )
    assert _error(db, cancel_order, order.id, reason="no longer needed") == "invalid_order_status"


def test_modify_items_refuses_other_product_and_unavailable_items(db: Database) -> None:
    _, ada = seed(db)
    with db.session() as s:
        from comptoir.catalog import create_product
        from tests.factories import tshirt

        create_product(s, tshirt("other"))
    order = _order(db, ada, ["tshirt-red-m"])
    card = ada.payment_methods[0].id
    assert (
        _error(
            db,
            modify_order_items,
            order.id,
            item_ids=["tshirt-red-m"],
            new_item_ids=["other-red-l"],
            payment_method_id=card,
        )
        == "not_same_product"
    )
    assert (
        _error(
            db,
            modify_order_items,
            order.id,
            item_ids=["tshirt-red-m"],
            new_item_ids=["tshirt-blue-m"],
            payment_method_id=card,
        )
        == "variant_unavailable"
    )
    assert (
        _error(
            db,
            modify_order_items,
            order.id,
            item_ids=["tshirt-red-l"],
            new_item_ids=["tshirt-red-m"],
            payment_method_id=card,
        )
        == "item_not_in_order"
    )


def test_change_payment_and_address_of_pending_order(db: Database) -> None:
    _, ada = seed(db)
    order = _order(db, ada, ["tshirt-red-m"])
    paypal = ada.payment_methods[2].id
    with db.session() as s:
        changed = modify_order_payment(s, order.id, paypal)
        moved = modify_order_address(
            s, order.id, AddressInput(address1="2 Rue B", city="Paris", country="FR", zip="75001")
        )
    assert [(p.kind, p.payment_method_id) for p in changed.payments] == [
        ("payment", ada.payment_methods[0].id),
        ("payment", paypal),
        ("refund", ada.payment_methods[0].id),
    ]
    assert moved.address["city"] == "Paris"
    assert _error(db, modify_order_payment, order.id, paypal) == "modification_not_allowed"


def test_return_goes_to_original_method_or_gift_card_then_refunds_on_receipt(db: Database) -> None:
    _, ada = seed(db)
    order = _delivered(db, ada, ["tshirt-red-m", "tshirt-red-l"])
    paypal, gift = ada.payment_methods[2].id, ada.payment_methods[1].id
    assert _error(db, return_items, order.id, item_ids=["tshirt-red-m"], payment_method_id=paypal) == (
        "refund_destination_not_allowed"
    )
    assert (
        _error(
            db,
            return_items,
            order.id,
            item_ids=["tshirt-red-m"],
            payment_method_id=gift,
            reason="not-a-reason",
        )
        == "invalid_return_reason"
    )
    with db.session() as s:
        asked = return_items(
            s, order.id, item_ids=["tshirt-red-m"], payment_method_id=gift, reason="too-small"
        )
        done = receive_return(s, order.id)
        balance = get_payment_method(s, ada.id, gift).balance
    assert asked.status == "return requested" and asked.requests[0].item_ids == ["tshirt-red-m"]
    assert done.status == "returned" and done.payments[-1].amount == Decimal("20.00")
    assert balance == Decimal("70.00")


def test_return_window_is_enforced(db: Database) -> None:
    _, ada = seed(db)
    order = _delivered(db, ada, ["tshirt-red-m"])
    with db.session() as s:
        s.execute(
            update(Order).where(Order.id == order.id).values(delivered_at=utcnow() - timedelta(days=31))
        )
    assert (
        _error(
            db, return_items, order.id, item_ids=["tshirt-red-m"], payment_method_id=ada.payment_methods[0].id
        )
        == "return_not_allowed"
    )


def test_exchange_for_other_option_of_same_product(db: Database) -> None:
    _, ada = seed(db)
    order = _delivered(db, ada, ["tshirt-red-m"])
    card = ada.payment_methods[0].id
    with db.session() as s:
        asked = exchange_items(
            s, order.id, item_ids=["tshirt-red-m"], new_item_ids=["tshirt-red-l"], payment_method_id=card
        )
    assert asked.status == "exchange requested" and asked.requests[0].price_difference == Decimal("2.00")
    assert (
        _error(
            db,
            exchange_items,
            order.id,
            item_ids=["tshirt-red-m"],
            new_item_ids=["tshirt-red-l"],
            payment_method_id=card,
        )
        == "invalid_order_status"
    )


def test_transition_table_is_closed_and_terminal_states_are_final() -> None:
    for source, targets in TRANSITIONS.items():
        assert source in OrderStatus and all(t in OrderStatus for t in targets)
    assert TRANSITIONS[OrderStatus.CANCELLED] == {} and TRANSITIONS[OrderStatus.RETURNED] == {}
    assert set(TRANSITIONS) == set(OrderStatus)
