"""The cart: add (asking for a missing option), remove, change quantities, show with shipping and total."""

from __future__ import annotations

import re
from typing import Any

from comptoir import catalog, commerce
from comptoir.core.errors import ComptoirError
from comptoir.dialogue.flows.base import ask, pick, step
from comptoir.dialogue.flows.discovery import focus_product, matching_variants, wanted_options
from comptoir.dialogue.schemas import CartCard, CartLineCard, QuickReply
from comptoir.dialogue.state import Task
from comptoir.dialogue.turn import Turn

NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "un": 1,
    "une": 1,
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "ένα": 1,
    "μία": 1,
    "δύο": 2,
    "τρία": 3,
    "τέσσερα": 4,
    "πέντε": 5,
    "一つ": 1,
    "二つ": 2,
    "三つ": 3,
    "ひとつ": 1,
    "ふたつ": 2,
}


def quantity(turn: Turn) -> int | None:
    entity = turn.u.first("quantity")
    if entity is None:
        return None
    if isinstance(entity.value, int):
        return entity.value
    text = str(entity.value).strip().lower()
    if text.isdigit():
        return int(text)
    digits = "".join(c for c in text if c.isdigit())
    return int(digits) if digits else NUMBER_WORDS.get(text)


def _item_label(turn: Turn, title: str, options: list[str]) -> str:
    """ "Merino Jumper (charcoal, L)"; the title alone when the product has no options."""
    if not options:
        return title
    joined = ", ".join(options)
    return f"{title}（{joined}）" if turn.language == "ja" else f"{title} ({joined})"


def cart_card(turn: Turn, cart: commerce.CartView) -> CartCard:
    return CartCard(
        lines=[
            CartLineCard(
                variant_id=line.variant_id,
                title=line.title,
                options=line.labels,
                quantity=line.quantity,
                price=line.unit_price,
            )
            for line in cart.lines
        ],
        total=cart.total,
        currency=cart.currency,
    )


def ensure_cart(turn: Turn) -> str:
    if turn.state.cart_id:
        try:
            view = commerce.view_cart(turn.session, turn.state.cart_id)
            if view.status == "open":
                return turn.state.cart_id
        except ComptoirError:
            pass
    cart = turn.call("create_cart", commerce.create_cart, customer_id=turn.state.customer_id)
    turn.set(cart_id=cart.id)
    return cart.id


def _named_product(turn: Turn) -> str | None:
    """The product the message names outright ("add the Wool & Cashmere Scarf"): the best search hit when
    its title's words are all in the message, or the only hit."""
    from comptoir import search

    try:
        result = turn.call("search", search.search, text=turn.u.text, language=turn.language, limit=3)
    except ComptoirError:
        return None
    if not result.items:
        return None
    words = set(search.tokens(turn.u.text, turn.language))
    if len(result.items) == 1:
        return result.items[0].product.id
    shared = []
    for hit in result.items:
        title = set(search.tokens(hit.product.title, turn.language))
        shared.append((len(title & words), len(title), hit.product.id))
    best, size, product_id = shared[0]
    # most of the title's words, and more of them than any other hit ("the full HD webcam")
    if best >= max(1, (size + 1) // 2) and all(other < best for other, _, _ in shared[1:]):
        return product_id
    return None


def start_add(turn: Turn) -> None:
    slots: dict[str, Any] = {}
    if turn.u.payload and turn.u.payload.startswith("add:"):
        slots["variant_id"] = turn.u.payload[4:]
    else:
        product_id = focus_product(turn)
        if product_id is None:
            product_id = _named_product(turn)
        if product_id is None:
            from comptoir.dialogue.flows.discovery import find

            find(turn)
            if turn.state.results:
                turn.say("cart.which_to_add")
            return
        slots["product_id"] = product_id
        product = catalog.get_product(turn.session, product_id, language=turn.language)
        slots["wanted"] = wanted_options(turn, product)
    qty = quantity(turn)
    if qty:
        slots["quantity"] = qty
    task = turn.start("add_to_cart", **slots)
    add(turn, task)


@step("add_to_cart")
def add(turn: Turn, task: Task) -> None:
    slots = task.slots
    if "variant_id" not in slots:
        product = catalog.get_product(turn.session, slots["product_id"], language=turn.language)
        candidates = [v for v in matching_variants(product, slots.get("wanted", {})) if v.in_stock]
        if len(product.variants) == 1 and product.variants[0].in_stock:
            candidates = product.variants
        if len(candidates) == 1:
            slots["variant_id"] = candidates[0].id
        elif not candidates:
            turn.end("unavailable")
            turn.say("cart.unavailable", title=product.title)
            return
        else:
            options = [
                {
                    "label": " / ".join(v.labels.values()) + f" – {turn.money(v.price)}",
                    "variant_id": v.id,
                    "match": list(v.labels.values()) + list(v.options.values()),
                }
                for v in candidates[:10]
            ]
            missing = [o.name for o in product.options if o.key not in slots.get("wanted", {})]
            ask(
                turn,
                task,
                awaiting="option",
                slot="variant",
                key="cart.ask_option",
                options=options,
                title=product.title,
                option=" / ".join(missing) or product.options[0].name,
                quick_replies=[
                    QuickReply(title=o["label"][:80], payload=f"choose:{i + 1}")
                    for i, o in enumerate(options)
                ],
            )
            return
    cart_id = ensure_cart(turn)
    try:
        turn.call(
            "add_to_cart",
            commerce.add_to_cart,
            cart_id,
            variant_id=slots["variant_id"],
            quantity=int(slots.get("quantity", 1)),
        )
        cart = commerce.view_cart(turn.session, cart_id, language=turn.language)
    except ComptoirError as exc:
        turn.end("refused")
        turn.say("cart.refused", reason=exc.message)
        return
    turn.end("added")
    line = next(line for line in cart.lines if line.variant_id == slots["variant_id"])
    turn.say(
        "cart.added",
        item=_item_label(turn, line.title, list(line.labels.values())),
        quantity=int(slots.get("quantity", 1)),
        total=turn.money(cart.total),
        cart=cart_card(turn, cart),
        quick_replies=[
            QuickReply(title=turn.t("button.checkout"), payload="intent:checkout"),
            QuickReply(title=turn.t("button.keep_shopping"), payload="intent:search_product"),
        ],
    )


def answer_option(turn: Turn, task: Task) -> bool:
    chosen = pick(turn, task.options)
    if chosen is None:
        product = catalog.get_product(turn.session, task.slots["product_id"], language=turn.language)
        named = wanted_options(turn, product)
        if not named:
            bare = turn.u.text.strip()
            if len(bare) <= 12 and re.fullmatch(r"[\w.,/ -]*\d[\w.,/ -]*|(?i:xx?[sl]|[sml])", bare):
                # a size or a number the product does not come in: say so, and ask again
                turn.say("cart.option_unavailable", option=bare, title=product.title)
                from comptoir.dialogue.flows.base import ask_again

                ask_again(turn, task)
                return True
            return False
        wanted = {**task.slots.get("wanted", {}), **named}
        matching = [v for v in matching_variants(product, wanted) if v.in_stock]
        if len(matching) == 1:
            chosen = {"variant_id": matching[0].id}
        elif matching:
            task.slots["wanted"] = wanted
            turn.update(task)
            add(turn, task)
            return True
        else:
            turn.say("cart.option_unavailable", option=", ".join(named.values()), title=product.title)
            from comptoir.dialogue.flows.base import ask_again

            ask_again(turn, task)
            return True
    task.slots["variant_id"] = chosen["variant_id"]
    task.awaiting = None
    turn.update(task)
    add(turn, task)
    return True


def _line(turn: Turn, cart: commerce.CartView) -> commerce.CartLineView | None:
    if len(cart.lines) == 1:
        return cart.lines[0]
    options = [
        {
            "label": f"{line.title} ({', '.join(line.labels.values())})",
            "line": line.variant_id,
            "match": [line.title, *line.labels.values()],
        }
        for line in cart.lines
    ]
    chosen = pick(turn, options)
    if chosen is None:
        return None
    return next(line for line in cart.lines if line.variant_id == chosen["line"])


def _cart(turn: Turn) -> commerce.CartView | None:
    if not turn.state.cart_id:
        return None
    cart = commerce.view_cart(turn.session, turn.state.cart_id, language=turn.language)
    return cart if cart.status == "open" else None


def remove(turn: Turn) -> None:
    cart = _cart(turn)
    if cart is None or not cart.lines:
        turn.say("cart.empty")
        return
    line = _line(turn, cart)
    if line is None:
        turn.say("cart.which_line", cart=cart_card(turn, cart))
        return
    turn.call("remove_from_cart", commerce.remove_from_cart, cart.id, variant_id=line.variant_id)
    cart = commerce.view_cart(turn.session, cart.id, language=turn.language)
    turn.say("cart.removed", title=line.title, total=turn.money(cart.total), cart=cart_card(turn, cart))


def set_quantity(turn: Turn) -> None:
    cart = _cart(turn)
    if cart is None or not cart.lines:
        turn.say("cart.empty")
        return
    qty = quantity(turn)
    if qty is None:  # "make that 4": a lone small number is the new quantity
        numbers = re.findall(r"(?<![\d.,])(\d{1,2})(?![\d]|[.,]\d)", turn.u.text)
        qty = int(numbers[0]) if len(numbers) == 1 and 0 < int(numbers[0]) <= 99 else None
    line = _line(turn, cart)
    if line is None or qty is None:
        turn.say("cart.which_line", cart=cart_card(turn, cart))
        return
    try:
        turn.call(
            "set_cart_quantity", commerce.set_cart_quantity, cart.id, variant_id=line.variant_id, quantity=qty
        )
        cart = commerce.view_cart(turn.session, cart.id, language=turn.language)
    except ComptoirError as exc:
        turn.say("cart.refused", reason=exc.message)
        return
    turn.say(
        "cart.updated",
        title=line.title,
        quantity=qty,
        total=turn.money(cart.total),
        cart=cart_card(turn, cart),
    )


def show(turn: Turn) -> None:
    cart = _cart(turn)
    if cart is None or not cart.lines:
        turn.say("cart.empty")
        return
    option = cart.shipping_options[0] if cart.shipping_options else None
    if option is not None:
        cart = commerce.view_cart(
            turn.session, cart.id, language=turn.language, shipping_option_id=option.option_id
        )
    turn.say(
        "cart.show",
        count=cart.item_count,
        subtotal=turn.money(cart.subtotal),
        shipping=turn.money(cart.shipping.cost) if cart.shipping else "—",
        total=turn.money(cart.total),
        cart=cart_card(turn, cart),
        quick_replies=[QuickReply(title=turn.t("button.checkout"), payload="intent:checkout")],
    )
