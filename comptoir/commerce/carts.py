"""Carts: add, remove, set quantities, and quote shipping and tax."""

from __future__ import annotations

from sqlalchemy.orm import Session

from comptoir.catalog import VariantUnavailable, get_variant, product_title
from comptoir.commerce.errors import CartLineNotFound, CartNotFound, InvalidQuantity
from comptoir.commerce.models import Cart, CartLine
from comptoir.commerce.pricing import country_code, included_tax, quote
from comptoir.commerce.schemas import CartLineView, CartView
from comptoir.core.errors import Conflict
from comptoir.core.ids import new_id
from comptoir.core.money import quantize
from comptoir.customers import get_customer
from comptoir.store import get_settings, shipping_option

MAX_QUANTITY = 99


def _load(session: Session, cart_id: str, *, for_update: bool = False) -> Cart:
    cart = session.get(Cart, cart_id, with_for_update=for_update or None)
    if cart is None:
        raise CartNotFound(f"no cart '{cart_id}'", cart_id=cart_id)
    return cart


def _open(session: Session, cart_id: str) -> Cart:
    cart = _load(session, cart_id, for_update=True)
    if cart.status != "open":
        raise Conflict("this cart was already checked out", code="cart_closed")
    return cart


def _check_quantity(quantity: int) -> None:
    if quantity < 1 or quantity > MAX_QUANTITY:
        raise InvalidQuantity(f"quantity must be between 1 and {MAX_QUANTITY}", quantity=quantity)


def create_cart(session: Session, *, customer_id: str | None = None) -> CartView:
    """A new empty cart, for a known customer or a guest."""
    if customer_id is not None:
        get_customer(session, customer_id)
    cart = Cart(id=new_id("cart_", 20), customer_id=customer_id)
    session.add(cart)
    session.flush()
    return view_cart(session, cart.id)


def view_cart(
    session: Session,
    cart_id: str,
    *,
    language: str = "en",
    shipping_option_id: str | None = None,
    country: str | None = None,
) -> CartView:
    """The cart with prices as they are now, the shipping quote and the tax it includes."""
    settings = get_settings(session)
    cart = _load(session, cart_id)
    lines: list[CartLineView] = []
    for line in cart.lines:
        variant = get_variant(session, line.variant_id, language=language)
        lines.append(
            CartLineView(
                variant_id=variant.id,
                product_id=variant.product_id,
                title=product_title(session, variant.product_id, language=language),
                labels=variant.labels,
                unit_price=variant.price,
                quantity=line.quantity,
                line_total=quantize(variant.price * line.quantity, settings.currency),
                in_stock=variant.in_stock and (variant.stock is None or variant.stock >= line.quantity),
            )
        )
    subtotal = quantize(sum((line.line_total for line in lines), start=quantize(0)), settings.currency)
    code = country_code(country or settings.country)
    options = [
        quote(o, subtotal, language)
        for o in settings.shipping_options
        if o.countries is None or (code is not None and code in o.countries)
    ]
    shipping = None
    if shipping_option_id is not None:
        shipping = quote(shipping_option(settings, shipping_option_id, country=code), subtotal, language)
    total = subtotal + (shipping.cost if shipping else 0)
    return CartView(
        id=cart.id,
        customer_id=cart.customer_id,
        status=cart.status,
        lines=lines,
        item_count=sum(line.quantity for line in lines),
        subtotal=subtotal,
        shipping=shipping,
        tax_included=included_tax(settings, total, code),
        total=quantize(total, settings.currency),
        currency=settings.currency,
        shipping_options=options,
    )


def add_to_cart(session: Session, cart_id: str, *, variant_id: str, quantity: int = 1) -> CartView:
    """Add units of an item; refuses items that are unavailable or short of stock."""
    _check_quantity(quantity)
    cart = _open(session, cart_id)
    variant = get_variant(session, variant_id)
    line = next((line for line in cart.lines if line.variant_id == variant_id), None)
    wanted = quantity + (line.quantity if line else 0)
    _check_quantity(wanted)
    if not variant.in_stock or (variant.stock is not None and variant.stock < wanted):
        raise VariantUnavailable(
            "this item is out of stock" if not variant.in_stock else f"only {variant.stock} left",
            variant_id=variant_id,
            available=variant.stock if variant.in_stock else 0,
        )
    if line is None:
        cart.lines.append(CartLine(variant_id=variant_id, quantity=quantity))
    else:
        line.quantity = wanted
    session.flush()
    return view_cart(session, cart_id)


def set_cart_quantity(session: Session, cart_id: str, *, variant_id: str, quantity: int) -> CartView:
    """Set a line's quantity; 0 removes it."""
    if quantity == 0:
        return remove_from_cart(session, cart_id, variant_id=variant_id)
    _check_quantity(quantity)
    cart = _open(session, cart_id)
    line = next((line for line in cart.lines if line.variant_id == variant_id), None)
    if line is None:
        raise CartLineNotFound("this item is not in the cart", variant_id=variant_id)
    variant = get_variant(session, variant_id)
    if variant.stock is not None and variant.stock < quantity:
        raise VariantUnavailable(f"only {variant.stock} left", variant_id=variant_id, available=variant.stock)
    line.quantity = quantity
    session.flush()
    return view_cart(session, cart_id)


def remove_from_cart(session: Session, cart_id: str, *, variant_id: str) -> CartView:
    cart = _open(session, cart_id)
    line = next((line for line in cart.lines if line.variant_id == variant_id), None)
    if line is None:
        raise CartLineNotFound("this item is not in the cart", variant_id=variant_id)
    cart.lines.remove(line)
    session.flush()
    return view_cart(session, cart_id)
