"""Shoppers never know ids: find the order, the items, the new options and the payment method they
describe ("my last order", "the keyboard", "the same one but clicky", "my Visa ending 8902")."""

from __future__ import annotations

import re
from typing import Any

from comptoir import catalog, commerce, customers
from comptoir.core.errors import ComptoirError
from comptoir.dialogue.turn import Turn
from comptoir.search import fold, tokens

LAST_ORDER = [
    "last order",
    "latest order",
    "recent order",
    "dernière commande",
    "derniere commande",
    "τελευταία παραγγελία",
    "τελευταια παραγγελια",
    "最新の注文",
    "前回の注文",
    "最後の注文",
    "この前の注文",
]
ALL = [
    "all",
    "everything",
    "both",
    "tout",
    "tous",
    "toutes",
    "les deux",
    "όλα",
    "και τα δύο",
    "全部",
    "すべて",
    "両方",
]
ORIGINAL = [
    "original",
    "same card",
    "same method",
    "même carte",
    "meme carte",
    "moyen d'origine",
    "ίδια κάρτα",
    "αρχικ",
    "元の",
    "同じカード",
    "same payment",
]


_CHANGE_TO = re.compile(r"\s(?:to|for|into|with|par|pour|contre|en|με|σε)\s|に(?:変更|交換|変え)")
_DEARER = re.compile(
    r"\b(?:more expensive|most expensive|pricier|priciest|dearer|plus cher|plus chere|ακριβοτερ\w*)\b|高い方|高いほう"
)
_CHEAPER = re.compile(
    r"\b(?:cheaper|cheapest|less expensive|least expensive|moins cher|moins chere|φθηνοτερ\w*)\b|安い方|安いほう"
)
_ONLY = re.compile(r"\b(?:only|just|seulement|uniquement|μονο)\b|だけ|のみ")


def _words(turn: Turn, text: str) -> set[str]:
    return {w for w in tokens(text, turn.language) if len(w) > 1}


def _catalog_words(turn: Turn, text: str) -> set[str]:
    """Words of catalogue text (order lines keep the store's own language)."""
    language = turn.store.default_language
    return {w for w in tokens(text, language) if len(w) > 1} | _words(turn, text)


def concept_words(turn: Turn, span: tuple[int, int] | None = None) -> set[str]:
    """Words describing products in the message (or in a span of it), with the canonical (English) product
    types the NLU found."""
    text = turn.u.text if span is None else turn.u.text[span[0] : span[1]]
    words = _words(turn, text)
    for e in turn.u.entities:
        if span is not None and not (span[0] <= e.start < span[1]):
            continue
        if e.label == "product_type":
            concept = str(e.value.get("concept", "")) if isinstance(e.value, dict) else str(e.value)
            words |= {w for w in tokens(concept, "en") if len(w) > 1}
    return words


def order_mentions(turn: Turn) -> str | None:
    entity = turn.u.first("order_id")
    if entity is not None:
        value = str(entity.value).strip().upper()
        return value if value.startswith("#") else "#" + value if value.startswith("W") else value
    m = re.search(r"#?\b(W\d{7})\b", turn.u.text, re.IGNORECASE)
    return f"#{m.group(1).upper()}" if m else None


def candidate_orders(turn: Turn, statuses: set[str] | None) -> list[commerce.OrderSummary]:
    assert turn.state.customer_id is not None
    orders = commerce.list_orders(turn.session, turn.state.customer_id)
    return [o for o in orders if statuses is None or o.status in statuses]


def mentions_last_order(turn: Turn) -> bool:
    text = fold(turn.u.text)
    return any(fold(p) in text for p in LAST_ORDER)


def overlap(words: set[str], names: set[str]) -> set[str]:
    """The words naming the same thing: equal, or one inside the other ("wristwatch" and "watch")."""
    return {w for w in words for n in names if w == n or (min(len(w), len(n)) >= 5 and (w in n or n in w))}


def match_orders(
    turn: Turn, orders: list[commerce.OrderSummary], *, words: set[str] | None = None, last: bool = False
) -> list[commerce.OrderSummary]:
    """Orders the shopper describes: "my last order", or by the products in them."""
    if (last or mentions_last_order(turn)) and orders:
        return [orders[-1]]
    words = (words or set()) | concept_words(turn)
    if not words:
        return []
    scored = []
    for order in orders:
        names = (
            set().union(*(_catalog_words(turn, n) for n in order.item_names)) if order.item_names else set()
        )
        score = 2 * len(overlap(words, names))
        full = own_order(turn, order.id) if len(orders) <= 12 else None
        if full is not None and turn.language != turn.store.default_language:  # the titles as they read them
            names |= set().union(*(_catalog_words(turn, local_title(turn, li)) for li in full.lines))
            score = 2 * len(overlap(words, names))
        if full is not None:  # "the one with the gold tablet", "the one I sent to Chicago"
            values = set().union(
                *(_catalog_words(turn, str(v)) for li in full.lines for v in li.options.values())
            )
            place = _catalog_words(turn, str(full.address.get("city", "")))
            score += len(words & values) + 2 * len(words & place)
        if score:
            scored.append((score, order))
    if not scored:
        return []
    if _ONLY.search(fold(turn.u.text)):  # "the one with only the T-shirt"
        alone = [o for s, o in scored if len(set(o.item_names)) == 1]
        if alone:
            return alone
    best = max(s for s, _ in scored)
    return [o for s, o in scored if s == best]


_ORDER_WORD = re.compile(r"\b(?:order|orders|commande|commandes|παραγγελι\w*)\b|注文")


def order_address(turn: Turn, exclude: str | None = None) -> dict[str, str] | None:
    """ "The address of my luggage set order", "the one on my other order": that order's address."""
    if turn.state.customer_id is None or not _ORDER_WORD.search(fold(turn.u.text)):
        return None
    orders = [o for o in candidate_orders(turn, None) if o.id != exclude]
    mentioned = order_mentions(turn)
    found = [o for o in orders if o.id == mentioned] if mentioned else match_orders(turn, orders)
    if (
        len(found) != 1
        and len(orders) == 1
        and re.search(r"\bother\b|autre|αλλη|別の|他の", fold(turn.u.text))
    ):
        found = orders
    if len(found) != 1:
        return None
    order = own_order(turn, found[0].id)
    if order is None or not order.address.get("address1"):
        return None
    keys = ("address1", "address2", "city", "state", "country", "zip")
    return {"name": "", **{k: str(order.address.get(k) or "") for k in keys}}


def local_title(turn: Turn, line: commerce.OrderLineView) -> str:
    """An order line's product title in the shopper's language (the line keeps the store's)."""
    if turn.language == turn.store.default_language:
        return line.name
    try:
        return catalog.product_title(turn.session, line.product_id, language=turn.language)
    except ComptoirError:
        return line.name


def order_label(turn: Turn, order: commerce.OrderSummary) -> str:
    names = order.item_names
    if turn.language != turn.store.default_language and (full := own_order(turn, order.id)) is not None:
        names = [local_title(turn, line) for line in full.lines]
    items = ", ".join(names[:3]) + ("…" if len(names) > 3 else "")
    return f"{order.id} – {items} ({turn.t('status.' + order.status.replace(' ', '_').replace('(', '').replace(')', ''))})"


def own_order(turn: Turn, order_id: str) -> commerce.OrderView | None:
    try:
        return commerce.get_order(turn.session, order_id, customer_id=turn.state.customer_id)
    except ComptoirError:
        return None


def wants_all(turn: Turn) -> bool:
    text = fold(turn.u.text)
    return any(
        re.search(r"(?<!\w)" + re.escape(fold(w)) + r"(?!\w)", text) or (not w.isascii() and w in turn.u.text)
        for w in ALL
    )


def match_lines(
    turn: Turn,
    order: commerce.OrderView,
    *,
    words: set[str] | None = None,
    exclude: set[int] | None = None,
    span: tuple[int, int] | None = None,
    said: str | None = None,
    current: bool = True,
) -> list[commerce.OrderLineView]:
    """The order lines the message describes: every item it names ("the vacuum, the headphones and the watch"),
    told apart by option values where the same product appears twice; or by option values alone."""
    words = (words or set()) | (concept_words(turn, span) if current or not words else set())
    lines = [line for line in order.lines if not exclude or line.position not in exclude]
    names = {
        line.name: _catalog_words(turn, line.name) | _words(turn, local_title(turn, line)) for line in lines
    }
    hits = {name: overlap(words, name_words) for name, name_words in names.items()}
    named = {
        name
        for name, hit in hits.items()
        if hit
        # "smart" alone does not name the thermostat when "smart watch" names the watch
        and not any(hit < other for other_name, other in hits.items() if other_name != name)
    }
    if named:
        out = []
        # "change the 17-inch laptop to the 13-inch one": what comes after "to" describes the new item
        text = said or (turn.u.text if span is None else turn.u.text[span[0] : span[1]])
        for name in named:
            at = _mention_at(turn, text, name) or 0
            cut = _CHANGE_TO.search(text, at)
            before = _words(turn, text[: cut.start()]) if cut else words
            same = [line for line in lines if line.name == name]
            scored = [
                (
                    len(before & set().union(*(_catalog_words(turn, str(v)) for v in line.options.values()))),
                    line,
                )
                for line in same
            ]
            best = max(s for s, _ in scored)
            tied = [line for s, line in scored if s == best]
            folded = fold(text)
            if len(tied) > 1 and (_DEARER.search(folded) or _CHEAPER.search(folded)):
                # "the more expensive one", "the cheaper tablet"
                by_price = sorted(tied, key=lambda line: line.price)
                tied = [by_price[-1] if _DEARER.search(folded) else by_price[0]]
            out += tied
        return sorted(out, key=lambda line: line.position)
    scored = []
    for line in lines:
        label = set().union(*(_catalog_words(turn, str(v)) for v in line.options.values()))
        score = len(words & label)
        if score:
            scored.append((score, line))
    if not scored:
        return []
    best = max(s for s, _ in scored)
    return [line for s, line in scored if s == best]


def _mention_at(turn: Turn, text: str, name: str) -> int | None:
    """Where the message first names an item: its English name's words, or a product type the NLU found."""
    folded = fold(text)
    words = {w for w in tokens(name, "en") if len(w) > 2}
    at = [m.start() for w in words for m in [re.search(r"(?<!\w)" + re.escape(fold(w)), folded)] if m]
    for e in turn.u.entities:
        if e.label != "product_type" or e.end <= 0:
            continue
        concept = str(e.value.get("concept", "")) if isinstance(e.value, dict) else str(e.value)
        if words & set(tokens(concept, "en")) and e.text and e.text in text:
            at.append(text.index(e.text))
    return min(at) if at else None


def item_segments(turn: Turn, text: str, lines: list[commerce.OrderLineView]) -> dict[int, str]:
    """The part of a message about each item ("the keyboard for a clicky one, and the thermostat for…")."""
    if len({line.name for line in lines}) == 1:
        return {line.position: text for line in lines}
    starts = sorted(
        (at, line.position) for line in lines if (at := _mention_at(turn, text, line.name)) is not None
    )
    out: dict[int, str] = {}
    for i, (at, position) in enumerate(starts):
        end = next((a for a, _ in starts[i + 1 :] if a > at), len(text))
        out[position] = text[at:end]
    return out


def line_options(turn: Turn, order: commerce.OrderView) -> list[dict[str, Any]]:
    return [
        {
            "label": f"{local_title(turn, line)} ({', '.join(str(v) for v in line.options.values())}) – {turn.money(line.price)}",
            "position": line.position,
            "match": [line.name, local_title(turn, line), *map(str, line.options.values())],
        }
        for line in order.lines
    ]


def payment_method(
    turn: Turn, methods: list[customers.PaymentMethodView], original: str | None
) -> customers.PaymentMethodView | None:
    entity = turn.u.first("payment_method")
    text = fold(turn.u.text)
    value: dict[str, Any] = entity.value if entity is not None and isinstance(entity.value, dict) else {}
    last4 = value.get("last_four") or (
        m.group(1) if (m := re.search(r"(?<!\d)(\d{4})(?!\d)", turn.u.text)) else None
    )
    if last4:
        found = [m for m in methods if m.last_four == last4]
        if len(found) == 1:
            return found[0]
    kind = value.get("kind")
    if kind is None:
        if any(w in text for w in ("gift", "cadeau", "δωροκάρτ", "ギフト", "carte-cadeau")):
            kind = "gift_card"
        elif "paypal" in text:
            kind = "paypal"
        elif any(w in text for w in ("visa", "mastercard", "amex", "card", "carte", "κάρτα", "カード")):
            kind = "credit_card"
    brand = value.get("brand") or next((b for b in ("visa", "mastercard", "amex") if b in text), None)
    if any(fold(w) in text for w in ORIGINAL) and original:
        found = [m for m in methods if m.id == original]
        if found:
            return found[0]
    candidates = [
        m for m in methods if (kind is None or m.kind == kind) and (brand is None or m.brand == brand)
    ]
    if (kind or brand) and len(candidates) == 1:
        return candidates[0]
    return None
