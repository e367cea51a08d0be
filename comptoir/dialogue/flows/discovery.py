"""Discovery: a wish becomes products; refinement, details, availability, comparison, alternatives."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from comptoir import catalog, search
from comptoir.core.errors import ComptoirError
from comptoir.dialogue.flows.base import ordinal
from comptoir.dialogue.schemas import ProductCard, QuickReply
from comptoir.dialogue.turn import Turn

SHOWN = 5
CHEAPER = [
    "cheaper",
    "less expensive",
    "moins cher",
    "moins chère",
    "φθηνότερ",
    "πιο φθην",
    "安い",
    "もっと安",
]


def card(turn: Turn, product_id: str, variant_id: str | None = None) -> ProductCard:
    product = catalog.get_product(turn.session, product_id, language=turn.language)
    variant = next((v for v in product.variants if v.id == variant_id), None) or next(
        (v for v in product.variants if v.in_stock), product.variants[0]
    )
    return ProductCard(
        id=product.id,
        variant_id=variant.id,
        title=product.title,
        price=variant.price,
        currency=variant.currency,
        in_stock=variant.in_stock,
        image_url=product.image_url,
    )


def _describe_filters(turn: Turn, f: search.SearchFilters) -> str:
    parts = []
    if f.price_max is not None:
        parts.append(turn.t("filter.under", price=turn.money(f.price_max)))
    if f.price_min is not None:
        parts.append(turn.t("filter.over", price=turn.money(f.price_min)))
    own = {str(e.value).lower(): e.text for e in turn.u.entities if e.label in ("color", "material")}
    parts += [own.get(v.lower(), v) for v in [*f.colors, *f.materials]]
    parts += [turn.t("filter.size", size=s) for s in f.sizes]
    if f.in_stock:
        parts.append(turn.t("filter.in_stock"))
    if f.on_sale:
        parts.append(turn.t("filter.on_sale"))
    return ", ".join(parts)


def _refined_filters(turn: Turn, previous: dict[str, Any]) -> search.SearchFilters | None:
    base = search.SearchFilters.model_validate(previous.get("filters") or {})
    text = turn.u.text.lower()
    if any(word in text for word in CHEAPER) and turn.state.results:
        cheapest = min(Decimal(str(r["price"])) for r in turn.state.results)
        base = base.model_copy(update={"price_max": cheapest - Decimal("0.01")})
    return base


def find(turn: Turn, *, refine: bool = False) -> bool:
    """Search with the shopper's words (and, when refining, the previous search's words and filters).
    True when products were shown."""
    previous = turn.state.search
    text = turn.u.text
    filters: search.SearchFilters | None = None
    if refine and previous:
        filters = _refined_filters(turn, previous)
        text = f"{previous.get('text', '')} {text}"
    try:
        result = turn.call(
            "search", search.search, text=text, language=turn.language, filters=filters, limit=SHOWN
        )
    except ComptoirError:
        turn.say("search.bad_query")
        return False
    understood = _describe_filters(turn, result.filters)
    turn.set(
        search={
            "text": result.text if not refine else previous.get("text", ""),
            "filters": result.filters.model_dump(mode="json"),
        }
    )
    if result.filters.currency and result.filters.price_max is None and result.filters.price_min is None:
        turn.say("search.currency_note", currency=turn.store.currency)
    if not result.items:
        turn.set(results=[], focus=None)
        if understood:
            turn.say(
                "search.none_with_filters",
                filters=understood,
                quick_replies=[
                    QuickReply(title=turn.t("search.button_drop_filters"), payload="search:drop_filters")
                ],
            )
        else:
            turn.say("search.none")
        return False
    cards = [card(turn, hit.product.id, hit.variant_ids[0]) for hit in result.items]
    turn.set(
        results=[
            {"product_id": c.id, "variant_id": c.variant_id, "title": c.title, "price": str(c.price)}
            for c in cards
        ],
        focus=cards[0].id if len(cards) == 1 else None,
    )
    key = "search.found_filtered" if understood else "search.found"
    replies = _clarifying_replies(turn, result)
    listing = "\n".join(f"{i}. {c.title} – {turn.money(c.price)}" for i, c in enumerate(cards, 1))
    intro = turn.t(key, filters=understood, count=result.total)
    turn.say(text=f"{intro}\n{listing}", products=cards, quick_replies=replies)
    return True


def _clarifying_replies(turn: Turn, result: search.SearchResult) -> list[QuickReply] | None:
    """When many products match, offer the values of the attribute that splits them best."""
    if result.total <= SHOWN:
        return None
    for facet in ("size", "color", "category", "price"):
        values = result.facets.get(facet, {})
        if 2 <= len(values) <= 8:
            return [QuickReply(title=str(v), payload=f"refine:{facet}:{v}") for v in list(values)[:6]]
    return None


def focus_product(turn: Turn) -> str | None:
    """The product the shopper means: by position in the last results, by name, or the one in focus."""
    results = turn.state.results
    n = ordinal(turn)
    if n is not None and results:
        if n == -1:
            return str(results[-1]["product_id"])
        if 1 <= n <= len(results):
            return str(results[n - 1]["product_id"])
    if turn.u.payload and turn.u.payload.startswith(("product:", "add:")):
        value = turn.u.payload.split(":", 1)[1]
        try:
            return catalog.get_variant(turn.session, value).product_id
        except ComptoirError:
            return value
    words = [w for w in search.tokens(turn.u.text, turn.language) if len(w) > 2]
    if results and words:
        scored = sorted(
            (
                (sum(w in " ".join(search.tokens(r["title"], turn.language)) for w in words), r)
                for r in results
            ),
            key=lambda s: -s[0],
        )
        if scored[0][0] > 0 and (len(scored) == 1 or scored[0][0] > scored[1][0]):
            return str(scored[0][1]["product_id"])
    if turn.state.focus:
        return turn.state.focus
    if len(results) == 1 or (results and _pronoun(turn.u.text)):
        return str(results[0]["product_id"])
    return None


PRONOUNS = re.compile(
    r"(?<!\w)(it|this one|that one|this|that|ça|cela|celui-ci|celle-ci|le|la|αυτό|αυτή|αυτά|το|την)(?!\w)|これ|それ|この|その",
    re.IGNORECASE,
)


def _pronoun(text: str) -> bool:
    return bool(PRONOUNS.search(text))


def details(turn: Turn) -> None:
    product_id = focus_product(turn)
    if product_id is None:
        if turn.state.results:
            turn.say(
                "details.which",
                quick_replies=[
                    QuickReply(title=r["title"][:80], payload=f"product:{r['product_id']}")
                    for r in turn.state.results
                ],
            )
            return
        find(turn)
        return
    product = turn.call("get_product", catalog.get_product, product_id, language=turn.language)
    turn.set(focus=product.id)
    options = "; ".join(f"{o.name}: {', '.join(v.label for v in o.values)}" for o in product.options)
    available = [v for v in product.variants if v.in_stock]
    turn.say(
        "details.product",
        title=product.title,
        description=product.description or product.title,
        price=turn.money(product.price_min)
        if product.price_min == product.price_max
        else f"{turn.money(product.price_min)} – {turn.money(product.price_max)}",
        options=options or "—",
        available=len(available),
        total=len(product.variants),
        products=[card(turn, product.id)],
        quick_replies=[
            QuickReply(
                title=turn.t("button.add_to_cart"), payload=f"add:{(available or product.variants)[0].id}"
            )
        ],
    )


def wanted_options(turn: Turn, product: catalog.ProductView) -> dict[str, str]:
    """Option values the shopper named that exist on this product (colour, size, material, any value)."""
    wanted: dict[str, str] = {}
    text = search.fold(turn.u.text)
    named = {
        search.fold(str(e.value))
        for e in turn.u.entities
        if e.label in ("color", "size", "material", "feature")
    }
    named |= {
        search.fold(e.text) for e in turn.u.entities if e.label in ("color", "size", "material", "feature")
    }
    for option in product.options:
        for value in option.values:
            candidates = {search.fold(value.value), search.fold(value.label)}
            if candidates & named or any(
                len(c) > 1 and (f" {c} " in f" {text} " or (not c.isascii() and c in text))
                for c in candidates
            ):
                wanted[option.key] = value.value
    return wanted


def mentioned_options(turn: Turn, product: catalog.ProductView) -> dict[str, list[str]]:
    """Every option value of this product the message names, per option (in order of appearance)."""
    text = search.fold(turn.u.text)
    found: dict[str, list[tuple[int, str]]] = {}
    for option in product.options:
        for value in option.values:
            for candidate in {search.fold(value.value), search.fold(value.label)}:
                if len(candidate) < 1:
                    continue
                m = (
                    re.search(r"(?<!\w)" + re.escape(candidate) + r"(?!\w)", text)
                    if candidate.isascii()
                    else None
                )
                at = m.start() if m else (text.find(candidate) if not candidate.isascii() else -1)
                if at >= 0:
                    found.setdefault(option.key, []).append((at, value.value))
                    break
    return {k: [v for _, v in sorted(vals)] for k, vals in found.items()}


def matching_variants(product: catalog.ProductView, wanted: dict[str, str]) -> list[catalog.VariantView]:
    return [v for v in product.variants if all(v.options.get(k) == val for k, val in wanted.items())]


def availability(turn: Turn) -> None:
    product_id = focus_product(turn)
    if product_id is None:
        find(turn)
        return
    product = turn.call("get_product", catalog.get_product, product_id, language=turn.language)
    turn.set(focus=product.id)
    wanted = wanted_options(turn, product)
    variants = matching_variants(product, wanted)
    labels = {v.value: v.label for o in product.options for v in o.values}
    label = ", ".join(labels.get(v, v) for v in wanted.values()) or product.title
    in_stock = [v for v in variants if v.in_stock]
    if in_stock:
        v = in_stock[0]
        left = turn.t("stock.left", count=v.stock) if v.stock is not None and v.stock <= 5 else ""
        turn.say(
            "stock.yes",
            title=product.title,
            option=label,
            price=turn.money(v.price),
            left=left,
            quick_replies=[QuickReply(title=turn.t("button.add_to_cart"), payload=f"add:{v.id}")],
        )
        return
    others = [v for v in product.variants if v.in_stock]
    if others:
        turn.say(
            "stock.no_but_other",
            title=product.title,
            option=label,
            others=", ".join(" / ".join(v.labels.values()) for v in others[:5]),
            quick_replies=[
                QuickReply(title=" / ".join(v.labels.values())[:80], payload=f"add:{v.id}")
                for v in others[:5]
            ],
        )
        return
    turn.say("stock.no", title=product.title, option=label)
    similar(turn, product)


def similar(turn: Turn, product: catalog.ProductView) -> None:
    result = turn.call(
        "search",
        search.search,
        text=product.title,
        language=turn.language,
        filters=search.SearchFilters(in_stock=True),
        limit=SHOWN + 1,
    )
    cards = [card(turn, h.product.id, h.variant_ids[0]) for h in result.items if h.product.id != product.id][
        :3
    ]
    if cards:
        turn.set(
            results=[
                {"product_id": c.id, "variant_id": c.variant_id, "title": c.title, "price": str(c.price)}
                for c in cards
            ]
        )
        turn.say("stock.alternatives", products=cards)


def compare(turn: Turn) -> None:
    results = turn.state.results
    if len(results) < 2:
        find(turn)
        return
    picked = results[:3]
    n = ordinal(turn)
    if n is not None and 1 <= n <= len(results):
        picked = [results[0], results[n - 1]] if n != 1 else results[:2]
    products = [catalog.get_product(turn.session, r["product_id"], language=turn.language) for r in picked]
    lines = []
    for p in products:
        price = (
            turn.money(p.price_min)
            if p.price_min == p.price_max
            else f"{turn.money(p.price_min)}–{turn.money(p.price_max)}"
        )
        opts = "; ".join(f"{o.name}: {', '.join(v.label for v in o.values[:6])}" for o in p.options)
        lines.append(f"• {p.title} ({p.brand or '—'}): {price}. {opts}")
    cheapest = min(products, key=lambda p: p.price_min)
    turn.say(
        "compare.table",
        table="\n".join(lines),
        cheapest=cheapest.title,
        products=[card(turn, p.id) for p in products],
    )
