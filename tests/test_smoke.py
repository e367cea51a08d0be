from decimal import Decimal

from comptoir.commerce import CheckoutInput, add_to_cart, checkout, create_cart, get_order
from comptoir.db import Database
from tests.factories import seed


def test_checkout_charges_card_and_takes_stock(db: Database) -> None:
    # given a shop with a T-shirt and a customer
    _, ada = seed(db)
    card = ada.payment_methods[0]
    # when Ada buys two red M T-shirts
    with db.session() as s:
        cart = create_cart(s, customer_id=ada.id)
        add_to_cart(s, cart.id, variant_id="tshirt-red-m", quantity=2)
        order = checkout(
            s,
            CheckoutInput(
                cart_id=cart.id, customer_id=ada.id, shipping_option_id="standard", payment_method_id=card.id
            ),
        )
    # then the order is pending, two lines, paid 44.90
    with db.read_session() as s:
        got = get_order(s, order.id, customer_id=ada.id)
    assert got.status == "pending"
    assert [line.item_id for line in got.lines] == ["tshirt-red-m", "tshirt-red-m"]
    assert got.total == Decimal("44.90")
    assert [(p.kind, p.amount) for p in got.payments] == [("payment", Decimal("44.90"))]
