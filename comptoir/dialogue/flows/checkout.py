"""Checkout in the chat: who (a verified customer or a guest), where, how fast, how to pay, a summary
with a fresh quote, an explicit yes, the order."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from comptoir import commerce, customers
from comptoir.core.errors import ComptoirError
from comptoir.dialogue.flows import identity
from comptoir.dialogue.flows.base import ask, choice_replies, pick, step
from comptoir.dialogue.flows.cart import cart_card
from comptoir.dialogue.schemas import OrderCard, QuickReply
from comptoir.dialogue.state import Task
from comptoir.dialogue.turn import Turn
from comptoir.search import fold

COUNTRIES = {
    "france": "FR",
    "greece": "GR",
    "ελλάδα": "GR",
    "ελλαδα": "GR",
    "grèce": "GR",
    "japan": "JP",
    "japon": "JP",
    "日本": "JP",
    "ιαπωνία": "JP",
    "germany": "DE",
    "allemagne": "DE",
    "belgium": "BE",
    "belgique": "BE",
    "ireland": "IE",
    "irlande": "IE",
    "spain": "ES",
    "espagne": "ES",
    "italy": "IT",
    "italie": "IT",
    "united kingdom": "GB",
    "uk": "GB",
    "royaume-uni": "GB",
    "switzerland": "CH",
    "suisse": "CH",
    "γαλλία": "FR",
    "フランス": "FR",
    "ギリシャ": "GR",
}


POSTCODE = re.compile(
    r"(?<![\w-])("
    r"\d{3}-\d{4}"  # Japan
    r"|[A-Z]\d{2}\s?[A-Z0-9]{4}"  # Ireland (Eircode)
    r"|[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}"  # United Kingdom
    r"|\d{3}\s\d{2}"  # Greece, written "105 57"
    r"|\d{4,6}"  # most of the world
    r")(?![\w-])",
    re.IGNORECASE,
)


METHOD_WORDS = {
    "gift_card": [
        "gift card",
        "carte cadeau",
        "carte-cadeau",
        "δωροκάρτα",
        "δωροκαρτα",
        "ギフトカード",
        "ギフト",
    ],
    "paypal": ["paypal", "ペイパル"],
    "credit_card": ["card", "carte", "κάρτα", "カード", "クレジット"],
}


def method_words(m: customers.PaymentMethodView) -> list[str]:
    return [*METHOD_WORDS.get(m.kind, []), m.brand or "", m.last_four or "", m.describe()]


LEAD_IN = re.compile(r"^.*(?:[.:!?]\s+|\b(?:to|at|à|au|chez|σε|στη|στην|στο|に)\s+)(?=\d)", re.IGNORECASE)
STATE_ZIP = re.compile(r"^([A-Z]{2})\s+(\d{5}(?:-\d{4})?)$")


_TO_NUMBER = re.compile(r"(?:\bto|\bat|\bà|\bau|\bσε|\bστην?|\bστο|:)\s+(?=\d)", re.IGNORECASE)


_GUEST = re.compile(
    r"\b(?:guest|no account|don't have an account|invite|sans compte|pas de compte|επισκεπτ\w*|χωρις λογαριασμο)\b|ゲスト|アカウントなし|アカウントがない"
)
_ACCOUNT = re.compile(
    r"\b(?:my account|on my account|saved|log ?in|sign ?in|mon compte|enregistre\w*|λογαριασμ\w*|αποθηκευμεν\w*)\b|アカウント|ログイン|登録"
)


def _named_method(text: str, methods: list[customers.PaymentMethodView]) -> str | None:
    """The saved method a message names by its kind, brand or last digits, when only one fits."""
    folded = fold(text)
    fits = []
    for m in methods:
        words = [fold(w) for w in (*METHOD_WORDS.get(m.kind, []), m.brand or "", m.last_four or "") if w]
        if any(
            re.search(r"(?<!\w)" + re.escape(w) + r"(?!\w)", folded) or (not w.isascii() and w in folded)
            for w in words
        ):
            fits.append(m)
    specific = [m for m in fits if m.kind != "credit_card"]  # "gift card" also says "card"
    fits = specific or fits
    return fits[0].id if len(fits) == 1 else None


def parse_address(text: str, default_country: str) -> dict[str, str] | None:
    """ "Name, 12 rue X, 69002 Lyon, France" or "101 Highway, New York, NY 10001" → address parts (name
    optional); None without a street or a postcode. A country not named is ``default_country``."""
    text = text.strip().rstrip(".!。")
    # "Actually, I regret it. Please change it back to 667 Highland Drive, …": the address starts after "to"
    lead = [m for m in _TO_NUMBER.finditer(text) if not re.search(r"\d", text[: m.start()])]
    if lead:
        text = text[lead[-1].end() :]
    parts = [p.strip() for p in re.split(r"[,\n、，]", text) if p.strip()]
    if len(parts) < 2:
        return None
    parts[0] = LEAD_IN.sub("", parts[0]).strip() or parts[0]  # "Please send it to 101 Highway"
    country = default_country
    last = parts[-1].lower().strip(" .")
    if last in COUNTRIES or (len(last) == 2 and last.isalpha() and len(parts) > 2):
        country = COUNTRIES.get(last, last.upper())
        parts = parts[:-1]
    state = ""
    us = STATE_ZIP.match(parts[-1])
    if us and len(parts) >= 3:  # "New York, NY 10001": city, then state and ZIP
        state, zip_code, city = us.group(1), us.group(2), parts[-2]
        rest = parts[:-2]
    else:
        found = None
        for index in range(len(parts) - 1, -1, -1):
            m = POSTCODE.search(parts[index])
            if m and not (index == 0 and len(parts) > 1 and re.match(r"^\d+\s+\D", parts[index])):
                found = (index, m)
                break
        if found is None:
            return None
        index, m = found
        zip_code = m.group(1).upper()
        city = (parts[index][: m.start()] + parts[index][m.end() :]).strip(" -")
        rest = [p for i, p in enumerate(parts) if i != index]
        if not city and index + 1 < len(parts):
            city = parts[index + 1]
            rest = [p for p in rest if p != city]
    name = rest[0] if len(rest) > 1 and not re.search(r"\d", rest[0]) else ""
    street = [p for p in rest if p != name]
    if not street or not city:
        return None
    return {
        "name": name,
        "address1": street[0],
        "address2": ", ".join(street[1:]),
        "city": city,
        "country": country,
        "zip": zip_code,
        "state": state,
    }


_ON_ACCOUNT = re.compile(
    r"\b(?:on (?:my|the) account|on file|my default|default address|saved address|same address|"
    r"(?:du|sur (?:mon|le)) compte|par defaut|enregistree|λογαριασμ\w*|αποθηκευμεν\w*|προεπιλεγμεν\w*)\b"
    r"|登録(?:されている|している|済み|の)|アカウントの住所|いつもの住所"
)


def account_address(turn: Turn) -> dict[str, str] | None:
    """ "The address on my account": the customer's default address, when they say so."""
    if turn.state.customer_id is None or not _ON_ACCOUNT.search(fold(turn.u.text)):
        return None
    address = customers.get_customer(turn.session, turn.state.customer_id).default_address
    if address is None:
        return None
    fields = customers.AddressInput.model_fields
    return {"name": "", **{k: str(v or "") for k, v in address.model_dump().items() if k in fields}}


def home_country(turn: Turn) -> str:
    """The country an address means when the shopper names none: theirs, else the store's."""
    if turn.state.customer_id:
        customer = customers.get_customer(turn.session, turn.state.customer_id)
        if customer.default_address is not None:
            return customer.default_address.country
    return turn.store.country


def start(turn: Turn) -> None:
    cart_id = turn.state.cart_id
    if not cart_id or not commerce.view_cart(turn.session, cart_id).lines:
        turn.say("cart.empty")
        return
    task = turn.start("checkout", said=turn.message)  # "standard delivery to my usual address, on my card"
    run_checkout(turn, task)


@step("checkout")
def run_checkout(turn: Turn, task: Task) -> None:
    s = task.slots
    cart_id = turn.state.cart_id
    assert cart_id is not None
    customer = None
    said = str(s.get("said", ""))
    if turn.state.customer_id is None and s.get("mode") is None:
        folded = fold(said)
        if _GUEST.search(folded):
            s["mode"] = "guest"
        elif _ACCOUNT.search(folded):
            s["mode"] = "login"
    if turn.state.customer_id is None and s.get("mode") is None:
        options = [
            {
                "label": turn.t("checkout.login"),
                "mode": "login",
                "match": ["login", "account", "compte", "λογαριασμ", "ログイン"],
            },
            {
                "label": turn.t("checkout.guest"),
                "mode": "guest",
                "match": ["guest", "invité", "invite", "επισκέπτ", "ゲスト"],
            },
        ]
        ask(
            turn,
            task,
            awaiting="choice",
            slot="mode",
            key="checkout.ask_mode",
            options=options,
            quick_replies=choice_replies(options),
        )
        return
    if s.get("mode") == "login" and turn.state.customer_id is None:
        identity.require(turn)
        return
    if turn.state.customer_id is not None:
        customer = customers.get_customer(turn.session, turn.state.customer_id)
    if customer is None and not s.get("guest_email"):
        ask(turn, task, awaiting="email", slot="guest_email", key="checkout.ask_guest_email")
        return
    if "address" not in s:
        if customer is not None and customer.default_address is not None and not s.get("new_address"):
            a = customer.default_address
            s["address"] = a.model_dump(exclude={"id", "is_default"})
        else:
            ask(turn, task, awaiting="address", slot="address", key="checkout.ask_address")
            return
    cart = commerce.view_cart(turn.session, cart_id, language=turn.language, country=s["address"]["country"])
    if "shipping" not in s:
        if not cart.shipping_options:
            turn.end("no shipping")
            turn.say("checkout.no_shipping", country=s["address"]["country"])
            return
        options = [
            {"label": f"{o.name} – {turn.money(o.cost)}", "shipping": o.option_id, "match": [o.name]}
            for o in cart.shipping_options
        ]
        named = pick(turn, options, text=said) if said else None
        if len(cart.shipping_options) == 1 or named is not None:
            s["shipping"] = (named or options[0])["shipping"]
        else:
            ask(
                turn,
                task,
                awaiting="choice",
                slot="shipping",
                key="checkout.ask_shipping",
                options=options,
                quick_replies=choice_replies(options),
            )
            return
    if "payment" not in s and customer is None:
        s["payment"] = "link"
    if "payment" not in s and customer is not None:
        methods: list[dict[str, Any]] = [
            {"label": m.describe(), "payment": m.id, "match": method_words(m)}
            for m in customer.payment_methods
        ]
        methods.append(
            {
                "label": turn.t("checkout.pay_link"),
                "payment": "link",
                "match": ["link", "lien", "σύνδεσμ", "リンク"],
            }
        )
        chosen = _named_method(said, customer.payment_methods) if said else None  # "put it on my card"
        if chosen is not None:
            s["payment"] = chosen
        else:
            ask(
                turn,
                task,
                awaiting="payment_method",
                slot="payment",
                key="checkout.ask_payment",
                options=methods,
                quick_replies=choice_replies(methods),
            )
            return
    quote = commerce.view_cart(
        turn.session,
        cart_id,
        language=turn.language,
        shipping_option_id=s["shipping"],
        country=s["address"]["country"],
    )
    if not s.get("confirmed"):
        s["quoted_total"] = str(quote.total)
        address = ", ".join(
            p for p in (s["address"]["address1"], s["address"]["zip"], s["address"]["city"]) if p
        )
        payment = (
            turn.t("checkout.pay_link")
            if s["payment"] == "link"
            else next(
                m.describe()
                for m in customers.get_customer(turn.session, turn.state.customer_id or "").payment_methods
                if m.id == s["payment"]
            )
        )
        ask(
            turn,
            task,
            awaiting="confirmation",
            slot="confirmed",
            key="checkout.summary",
            items=", ".join(f"{line.quantity} × {line.title}" for line in quote.lines),
            address=address,
            shipping=f"{quote.shipping.name if quote.shipping else ''} ({turn.money(quote.shipping.cost if quote.shipping else Decimal(0))})",
            payment=payment,
            total=turn.money(quote.total),
            cart=cart_card(turn, quote),
            quick_replies=[
                QuickReply(title=turn.t("button.yes"), payload="yes"),
                QuickReply(title=turn.t("button.no"), payload="no"),
            ],
        )
        return
    _place(turn, task, customer)


def _place(turn: Turn, task: Task, customer: customers.CustomerView | None) -> None:
    s = task.slots
    address = customers.AddressInput.model_validate({k: v for k, v in s["address"].items() if k != "name"})
    data = commerce.CheckoutInput(
        cart_id=turn.state.cart_id or "",
        customer_id=customer.id if customer else None,
        guest=None
        if customer
        else commerce.GuestDetails(
            name=s["address"].get("name") or s["guest_email"].split("@")[0], email=s["guest_email"]
        ),
        address=address,
        shipping_option_id=s["shipping"],
        payment_method_id=None if s["payment"] == "link" else s["payment"],
        pay_by_link=s["payment"] == "link",
        expected_total=Decimal(s["quoted_total"]),
        language=turn.language,
    )
    try:
        order = turn.call(
            "checkout",
            commerce.checkout,
            data,
            idempotency_key=f"{turn.conversation_id}:checkout:{turn.state.cart_id}",
        )
    except ComptoirError as exc:
        if exc.code == "price_changed":
            s.pop("confirmed", None)
            turn.update(task)
            turn.say("checkout.price_changed")
            run_checkout(turn, task)
            return
        turn.end("refused")
        turn.say("checkout.refused", reason=exc.message)
        return
    turn.end("ordered")
    turn.set(cart_id=None)
    card = OrderCard(id=order.id, status=order.status, total=order.total)
    if order.pay_url:
        turn.say(
            "checkout.placed_link",
            order_id=order.id,
            total=turn.money(order.total),
            url=f"{turn.public_url.rstrip('/')}{order.pay_url}",
            order=card,
        )
    else:
        turn.say("checkout.placed", order_id=order.id, total=turn.money(order.total), order=card)
