"""Checkout: a cart becomes an order, with price and stock re-checked at the moment of confirmation."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy.orm import Session

from comptoir.catalog import get_variant, product_title, reserve_stock
from comptoir.commerce.carts import view_cart
from comptoir.commerce.errors import EmptyCart, InvalidCheckout, PriceChanged
from comptoir.commerce.models import Cart, Order, OrderLine
from comptoir.commerce.pricing import country_code, included_tax
from comptoir.commerce.records import audit, new_order_id, next_customer_seq, order_view
from comptoir.commerce.schemas import CheckoutInput, OrderView
from comptoir.commerce.states import OrderStatus
from comptoir.core.errors import Conflict
from comptoir.core.idempotency import idempotent
from comptoir.customers import get_customer, get_payment_method
from comptoir.payments import charge, open_pay_link
from comptoir.store import get_settings


def checkout(session: Session, data: CheckoutInput, *, idempotency_key: str | None = None) -> OrderView:
    """Place an order from a cart.

    Charges a saved payment method at once, or (guests, or ``pay_by_link``) opens a pay link and leaves
    the order 'awaiting payment' until the provider confirms. Raises ``PriceChanged`` when
    ``expected_total`` no longer matches, ``OutOfStock`` when an item ran out, ``PaymentFailed`` when the
    provider declines; in every failure nothing is written.
    """
    return idempotent(
        session,
        idempotency_key,
        "checkout",
        data.model_dump(mode="json"),
        OrderView,
        lambda: _checkout(session, data),
    )


def _address(session: Session, data: CheckoutInput) -> dict[str, str]:
    if data.address is not None:
        return data.address.model_dump()
    if data.customer_id is not None:
        customer = get_customer(session, data.customer_id)
        if customer.default_address is not None:
            return customer.default_address.model_dump(exclude={"id", "is_default"})
    raise InvalidCheckout("a shipping address is needed", code="address_required")


def _checkout(session: Session, data: CheckoutInput) -> OrderView:
    settings = get_settings(session)
    if (data.customer_id is None) == (data.guest is None):
        raise InvalidCheckout("check out either as a customer or as a guest with name and e-mail")
    cart = session.get(Cart, data.cart_id, with_for_update=True)
    if cart is None:
        from comptoir.commerce.errors import CartNotFound

        raise CartNotFound(f"no cart '{data.cart_id}'")
    if cart.status != "open":
        raise Conflict("this cart was already checked out", code="cart_closed")
    if cart.customer_id is not None and cart.customer_id != data.customer_id:
        raise InvalidCheckout("this cart belongs to another customer", code="cart_not_yours")
    if not cart.lines:
        raise EmptyCart("the cart is empty")
    address = _address(session, data)
    method = None
    if data.pay_by_link:
        if data.payment_method_id is not None:
            raise InvalidCheckout("choose a saved payment method or a pay link, not both")
    else:
        if data.customer_id is None or data.payment_method_id is None:
            raise InvalidCheckout(
                "a saved payment method is needed (or pay by link)", code="payment_required"
            )
        method = get_payment_method(session, data.customer_id, data.payment_method_id)
    quote = view_cart(
        session,
        cart.id,
        language=data.language,
        shipping_option_id=data.shipping_option_id,
        country=address.get("country"),
    )
    if data.expected_total is not None and Decimal(data.expected_total) != quote.total:
        raise PriceChanged(
            f"the total is now {quote.total} {quote.currency}",
            total=str(quote.total),
            currency=quote.currency,
        )
    for line in cart.lines:
        reserve_stock(session, line.variant_id, line.quantity)
    order = Order(
        id=new_order_id(session),
        customer_id=data.customer_id,
        customer_seq=next_customer_seq(session, data.customer_id),
        guest_name=data.guest.name if data.guest else None,
        guest_email=data.guest.email if data.guest else None,
        status=OrderStatus.AWAITING_PAYMENT.value if method is None else OrderStatus.PENDING.value,
        currency=settings.currency,
        language=data.language,
        address=address,
        shipping_option_id=quote.shipping.option_id if quote.shipping else None,
        shipping_name=quote.shipping.name if quote.shipping else None,
        shipping_cost=quote.shipping.cost if quote.shipping else Decimal(0),
        tax_total=included_tax(settings, quote.total, country_code(address.get("country"))),
        payment_method_id=method.id if method else None,
    )
    position = 0
    for line in cart.lines:
        variant = get_variant(session, line.variant_id, language="en")
        name = product_title(session, variant.product_id, language="en")
        for _ in range(line.quantity):
            order.lines.append(
                OrderLine(
                    position=position,
                    product_id=variant.product_id,
                    variant_id=variant.id,
                    name=name,
                    options=dict(variant.options),
                    price=variant.price,
                )
            )
            position += 1
    session.add(order)
    session.flush()
    if method is not None:
        charge(session, order_id=order.id, method=method, amount=quote.total, currency=settings.currency)
    else:
        open_pay_link(session, order_id=order.id, amount=quote.total, currency=settings.currency)
    cart.status, cart.order_id = "converted", order.id
    audit(session, order, "placed", total=str(quote.total), payment="link" if method is None else method.kind)
    return order_view(session, order)
