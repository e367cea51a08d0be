"""Orders: status and tracking, the list, and the changes a shopper may ask for — cancel, modify items,
address or payment, return, exchange — each confirmed with exactly what will happen before it is done.
The merchant policy is enforced by the service layer; a refusal is explained with its reason."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from comptoir import catalog, commerce, customers
from comptoir.core.errors import ComptoirError
from comptoir.dialogue.flows import identity, wishes
from comptoir.dialogue.flows.base import ask, choice_replies, ordinal, pick, step
from comptoir.dialogue.flows.checkout import account_address, home_country, method_words, parse_address
from comptoir.dialogue.flows.resolve import (
    candidate_orders,
    concept_words,
    item_segments,
    line_options,
    local_title,
    match_lines,
    match_orders,
    mentions_last_order,
    order_address,
    order_label,
    order_mentions,
    own_order,
    payment_method,
    wants_all,
)
from comptoir.dialogue.schemas import OrderCard, QuickReply
from comptoir.dialogue.state import Task
from comptoir.dialogue.turn import Turn
from comptoir.search import fold, tokens

PENDING = {"pending"}
DELIVERED = {"delivered"}
FOR = {
    "order_status": None,
    "cancel_order": PENDING | {"awaiting payment"},
    "modify_order_items": PENDING,
    "modify_order_address": PENDING,
    "modify_order_payment": PENDING,
    "return_items": DELIVERED,
    "exchange_items": DELIVERED,
}
CANCEL_WORDS = {
    "no longer needed": [
        "no longer",
        "don't need",
        "dont need",
        "not need",
        "changed my mind",
        "plus besoin",
        "n'en ai plus besoin",
        "δεν το χρειάζομαι",
        "δεν χρειάζομαι",
        "δεν τη χρειάζομαι",
        "δεν τα χρειάζομαι",
        "δεν χρειάζεται",
        "δεν το θέλω",
        "άλλαξα γνώμη",
        "必要なくなった",
        "いらなくなった",
        "不要",
    ],
    "ordered by mistake": [
        "mistake",
        "by accident",
        "erreur",
        "par erreur",
        "κατά λάθος",
        "λάθος",
        "間違え",
        "間違って",
    ],
}
YES_NO_BUTTONS = ("button.yes", "button.no")


def start(turn: Turn, name: str) -> None:
    slots: dict[str, Any] = {}
    mentioned = order_mentions(turn)
    if mentioned:
        slots["order_hint"] = mentioned
    slots["words"] = sorted(concept_words(turn))
    slots["wish"] = turn.u.text
    slots["all"] = wants_all(turn)
    slots["all_orders"] = bool(_ALL_ORDERS.search(fold(turn.u.text)))
    if name == "cancel_order" and (reason := _cancel_reason(turn)) is not None:  # "…, I no longer need them"
        slots["reason"] = reason
    slots["last"] = mentions_last_order(turn)
    task = turn.start(name, **slots)
    if not identity.require(turn):
        return
    run_order_task(turn, task)


def _yes_no(turn: Turn) -> list[QuickReply]:
    return [
        QuickReply(title=turn.t("button.yes"), payload="yes"),
        QuickReply(title=turn.t("button.no"), payload="no"),
    ]


def _order(turn: Turn, task: Task) -> commerce.OrderView | None:
    """The order the task is about, or None after asking which one."""
    s = task.slots
    statuses = FOR.get(task.name)
    if s.get("order_id"):
        order = own_order(turn, s["order_id"])
        if order is not None:
            return order
        s.pop("order_id")
    if s.get("order_hint"):
        hint = s.pop("order_hint")
        order = own_order(turn, hint)
        if order is None:
            turn.say("orders.not_yours", order_id=hint)
        else:
            s["order_id"] = order.id
            return order
    candidates = candidate_orders(turn, None)
    if not candidates:
        turn.end("no orders")
        turn.say("orders.none")
        return None
    if s.get("all_orders") and statuses is not None:
        every = [o.id for o in candidates if o.status in statuses]
        if every:  # "cancel all my pending orders": one after the other
            s["order_id"], s["next_orders"] = every[0], every[1:]
            return own_order(turn, every[0])
    hinted = [o for o in candidates if o.status in _status_hint(s.get("wish", ""))]
    candidates = hinted or candidates  # "in my pending order", "the boots I received"
    if _OTHER.search(fold(s.get("wish", ""))):  # "my other pending order": not one changed a moment ago
        touched = {entry["order_id"] for entry in turn.state.done}
        candidates = [o for o in candidates if o.id not in touched] or candidates
    text_matches = match_orders(turn, candidates, words=set(s.get("words", [])), last=bool(s.get("last")))
    eligible = [o for o in text_matches if statuses is None or o.status in statuses] or text_matches
    if len(eligible) == 1:
        s["order_id"] = eligible[0].id
        return own_order(turn, eligible[0].id)
    pool = eligible or [o for o in candidates if statuses is None or o.status in statuses] or candidates
    if len(pool) == 1:
        s["order_id"] = pool[0].id
        return own_order(turn, pool[0].id)
    options = [
        {"label": order_label(turn, o), "order_id": o.id, "match": [o.id, *o.item_names]}
        for o in reversed(pool[-8:])
    ]
    ask(
        turn,
        task,
        awaiting="order_id",
        slot="order_id",
        key="orders.which",
        options=options,
        quick_replies=choice_replies(options),
    )
    return None


def _order_in(turn: Turn, task: Task, statuses: set[str], refusal: str) -> commerce.OrderView | None:
    """The task's order if its status allows the request; otherwise the refusal is said and the task ends."""
    order = _order(turn, task)
    if order is None:
        return None
    if order.status not in statuses:
        turn.end("refused")
        turn.say(refusal, order_id=order.id, status=_status_text(turn, order.status))
        return None
    return order


def _refuse(turn: Turn, exc: ComptoirError) -> None:
    turn.end("refused")
    key = f"refusal.{exc.code}"
    from comptoir.dialogue import responses

    if responses.has(key, "en"):
        turn.say(key, reason=exc.message)
    else:
        turn.say("refusal.generic", reason=exc.message)


def _status_text(turn: Turn, status: str) -> str:
    return turn.t("status." + status.replace(" ", "_").replace("(", "").replace(")", ""))


@step("order_status")
def order_status(turn: Turn, task: Task) -> None:
    order = _order(turn, task)
    if order is None:
        return
    turn.end("shown")
    tracking = "; ".join(f"{f.carrier or ''} {', '.join(f.tracking_ids)}".strip() for f in order.fulfilments)
    turn.say(
        "orders.status",
        order_id=order.id,
        status=_status_text(turn, order.status),
        items=", ".join(local_title(turn, line) for line in order.lines),
        total=turn.money(order.total),
        tracking=turn.t("orders.tracking", tracking=tracking) if tracking else "",
        order=OrderCard(id=order.id, status=order.status, total=order.total),
    )


@step("list_orders")
def list_orders(turn: Turn, task: Task) -> None:
    orders = candidate_orders(turn, None)
    turn.end("shown")
    if not orders:
        turn.say("orders.none")
        return
    lines = "\n".join(f"• {order_label(turn, o)} – {turn.money(o.total)}" for o in reversed(orders[-10:]))
    turn.say("orders.list", count=len(orders), orders=lines)


def _cancel_reason(turn: Turn) -> str | None:
    allowed = turn.store.policy.cancellation_reasons
    entity = turn.u.first("reason")
    value = entity.value.get("cancel") if entity is not None and isinstance(entity.value, dict) else None
    text = fold(turn.u.text)
    for reason, words in CANCEL_WORDS.items():
        named = value == reason or any(fold(w) in text for w in words)
        if named and (allowed is None or reason in allowed):
            return reason
    if allowed is None and entity is not None:
        return entity.text
    return None


@step("cancel_order")
def cancel(turn: Turn, task: Task) -> None:
    s = task.slots
    order = _order(turn, task)
    if order is None:
        return
    if order.status not in (FOR["cancel_order"] or set()):
        turn.end("refused")
        turn.say("orders.cannot_cancel", order_id=order.id, status=_status_text(turn, order.status))
        return
    if not s.get("whole_checked") and len(order.lines) > 1:
        s["whole_checked"] = True
        text = fold(s.get("wish", ""))
        if _KEEP_ITEM.search(text) or _ONLY_ITEM.search(text):
            named = (
                match_lines(turn, order, span=(0, len(turn.u.text))) if s.get("wish") == turn.u.text else []
            )
            if named and len(named) < len(order.lines):  # "cancel the boots but keep the kettle"
                turn.end("refused")
                turn.say(
                    "orders.cancel_whole_only",
                    order_id=order.id,
                    items=", ".join(local_title(turn, line) for line in order.lines),
                )
                return
    if "reason" not in s:
        reason = _cancel_reason(turn)
        if reason is None:
            allowed = turn.store.policy.cancellation_reasons or list(CANCEL_WORDS)
            options = [
                {
                    "label": turn.t("reason." + r.replace(" ", "_")) if r in CANCEL_WORDS else r,
                    "reason": r,
                    "match": [r, *CANCEL_WORDS.get(r, [])],
                }
                for r in allowed
            ]
            ask(
                turn,
                task,
                awaiting="choice",
                slot="reason",
                key="orders.ask_cancel_reason",
                options=options,
                order_id=order.id,
                quick_replies=choice_replies(options),
            )
            return
        s["reason"] = reason
    if not s.get("confirmed"):
        ask(
            turn,
            task,
            awaiting="confirmation",
            slot="confirmed",
            key="orders.confirm_cancel",
            order_id=order.id,
            items=", ".join(local_title(turn, line) for line in order.lines),
            total=turn.money(order.total),
            reason=turn.t("reason." + s["reason"].replace(" ", "_"))
            if s["reason"] in CANCEL_WORDS
            else s["reason"],
            quick_replies=_yes_no(turn),
        )
        return
    try:
        done = turn.call(
            "cancel_order",
            commerce.cancel_order,
            order.id,
            reason=s["reason"],
            customer_id=turn.state.customer_id,
            idempotency_key=f"{turn.conversation_id}:cancel:{order.id}",
        )
    except ComptoirError as exc:
        _refuse(turn, exc)
        return
    _record(turn, "cancel", done.id, done.total)
    turn.end("cancelled")
    turn.say(
        "orders.cancelled",
        order_id=done.id,
        total=turn.money(done.total),
        order=OrderCard(id=done.id, status=done.status, total=done.total),
    )


def _lines(
    turn: Turn, task: Task, order: commerce.OrderView, key: str
) -> list[commerce.OrderLineView] | None:
    s = task.slots
    if "positions" in s:
        return [line for line in order.lines if line.position in s["positions"]]
    excluded = _excepted(turn, order, s.get("wish", ""))
    if len(order.lines) == 1:
        s["positions"] = [order.lines[0].position]
    elif excluded and (s.get("all") or wants_all(turn) or len(excluded) < len(order.lines)):
        # "everything except the coffee machine"
        s["positions"] = [line.position for line in order.lines if line.position not in excluded]
    elif s.get("all") or wants_all(turn):
        s["positions"] = [line.position for line in order.lines]
    else:
        # the items the request named; this message may only have answered "which order?"
        matched = match_lines(turn, order, words=set(s.get("words", [])), said=s.get("wish"), current=False)
        names = [line.name for line in matched]
        if matched and len(set(names)) == len(names):
            s["positions"] = [line.position for line in matched]
        else:
            options = line_options(turn, order)
            ask(
                turn,
                task,
                awaiting="choice",
                slot="positions",
                key=key,
                options=options,
                order_id=order.id,
                quick_replies=choice_replies(options),
            )
            return None
    return [line for line in order.lines if line.position in s["positions"]]


_EXCEPT = re.compile(
    r"\b(?:except|but not|apart from|other than|besides|excluding|sauf|a part|excepte|hormis|εκτος|πλην)\b|以外|を除いて|を除く"
)


def _excepted(turn: Turn, order: commerce.OrderView, said: str) -> set[int]:
    """The items a request leaves out: "everything except the coffee machine", "… except my hiking boots"."""
    m = _EXCEPT.search(fold(said))
    if m is None:
        return set()
    if m.group(0) in ("以外", "を除いて", "を除く"):
        part = said[max(0, m.start() - 30) : m.start()]
    else:
        part = said[m.end() : m.end() + 80]
    words = {w for w in tokens(part, turn.language) if len(w) > 1}
    return {line.position for line in match_lines(turn, order, words=words, said=part, current=False)}


def _replacements(
    turn: Turn, line: commerce.OrderLineView
) -> tuple[catalog.ProductView, list[catalog.VariantView]]:
    product = catalog.get_product(turn.session, line.product_id, language=turn.language)
    return product, [v for v in product.variants if v.id != line.item_id and v.in_stock]


def _wished(turn: Turn, text: str, line: commerce.OrderLineView) -> wishes.Choice | None:
    """The replacement the text wishes for the line, or None when the text says nothing about it."""
    product, pool = _replacements(turn, line)
    current = {k: str(v) for k, v in line.options.items()}
    wish = wishes.parse_wish(text, product, current, turn.language)
    if wish.empty():
        return None
    return wishes.choose(wish, product, current, pool, line.price)


def _drop_line(turn: Turn, task: Task, position: int) -> None:
    task.slots["positions"] = [p for p in task.slots.get("positions", []) if p != position]
    task.slots.get("new", {}).pop(str(position), None)


def _new_items(turn: Turn, task: Task, lines: list[commerce.OrderLineView]) -> dict[int, str] | None:
    """One new item per line (other options of the same product), from the shopper's wish or by asking."""
    s = task.slots
    chosen: dict[str, str] = s.setdefault("new", {})
    segments = item_segments(turn, s.get("wish", ""), lines) if s.get("wish") else {}
    for line in lines:
        if str(line.position) in chosen:
            continue
        pool = _replacements(turn, line)[1]
        if not pool:
            turn.end("no alternative")
            turn.say("orders.no_alternative", item=local_title(turn, line))
            return None
        choice = _wished(turn, segments.get(line.position, ""), line) if line.position in segments else None
        if choice is not None and len(choice.variants) == 1:
            chosen[str(line.position)] = choice.variants[0].id
            continue
        if choice is not None and choice.unmet:
            turn.say("orders.wish_unavailable", item=local_title(turn, line))
        _ask_option(turn, task, line, choice.variants if choice is not None and choice.variants else pool)
        return None
    return {int(k): v for k, v in chosen.items() if int(k) in {line.position for line in lines}}


def _ask_option(
    turn: Turn, task: Task, line: commerce.OrderLineView, pool: list[catalog.VariantView]
) -> None:
    options = [
        {
            "label": " / ".join(v.labels.values()) + f" – {turn.money(v.price)}",
            "variant_id": v.id,
            "position": line.position,
            "match": [*v.labels.values(), *v.options.values()],
        }
        for v in pool[:10]
    ]
    current = ", ".join(str(v) for v in line.options.values())
    ask(
        turn,
        task,
        awaiting="option",
        slot="new_item",
        key="orders.ask_new_option",
        options=options,
        item=local_title(turn, line),
        current=current,
        quick_replies=choice_replies(options),
    )


def _answer_option(turn: Turn, task: Task) -> bool:
    """The shopper's wish at "what would you like instead?": one variant, fewer to choose from, or none."""
    order = own_order(turn, task.slots.get("order_id", ""))
    position = task.options[0]["position"] if task.options else None
    line = next((li for li in order.lines if li.position == position), None) if order else None
    if line is None or ordinal(turn) is not None or (turn.u.payload or "").startswith("choose:"):
        return False
    choice = _wished(turn, turn.u.text, line)
    if choice is None:
        return False
    task.awaiting = None
    if choice.dropped:
        _drop_line(turn, task, line.position)
        turn.update(task)
        if not task.slots["positions"]:
            turn.end("nothing to do")
            turn.say("orders.nothing_changed")
            return True
        run_order_task(turn, task)
        return True
    if len(choice.variants) == 1:
        task.slots.setdefault("new", {})[str(line.position)] = choice.variants[0].id
        turn.update(task)
        run_order_task(turn, task)
        return True
    if choice.unmet:  # said twice now: no point asking again; the shopper decides what to do instead
        turn.end("unavailable")
        turn.say("orders.wish_unavailable", item=local_title(turn, line))
        turn.say("orders.what_instead")
        return True
    _ask_option(turn, task, line, choice.variants)
    return True


def _payment(
    turn: Turn, task: Task, order: commerce.OrderView, *, refund_only: bool, key: str
) -> customers.PaymentMethodView | None:
    s = task.slots
    customer = customers.get_customer(turn.session, turn.state.customer_id or "")
    methods = customer.payment_methods
    original = next(
        (p.payment_method_id for p in order.payments if p.kind == "payment"), order.payment_method_id
    )
    if refund_only:
        methods = [m for m in methods if m.id == original or m.kind == "gift_card"]
    if s.get("payment_method_id"):
        return next((m for m in methods if m.id == s["payment_method_id"]), None)
    found = payment_method(turn, methods, original)
    if found is None and len(methods) == 1:
        found = methods[0]
    if found is not None:
        s["payment_method_id"] = found.id
        return found
    options = [
        {
            "label": m.describe() + (f" ({turn.t('orders.original')})" if m.id == original else ""),
            "payment_method_id": m.id,
            "match": method_words(m),
        }
        for m in methods
    ]
    ask(
        turn,
        task,
        awaiting="payment_method",
        slot="payment_method_id",
        key=key,
        options=options,
        quick_replies=choice_replies(options),
    )
    return None


def _diff(turn: Turn, lines: list[commerce.OrderLineView], new: dict[int, str]) -> Decimal:
    total = Decimal(0)
    for line in lines:
        total += catalog.get_variant(turn.session, new[line.position]).price - line.price
    return total


def _swap_summary(turn: Turn, lines: list[commerce.OrderLineView], new: dict[int, str]) -> str:
    parts = []
    for line in lines:
        variant = catalog.get_variant(turn.session, new[line.position], language=turn.language)
        before = ", ".join(str(v) for v in line.options.values())
        after = ", ".join(variant.labels.values())
        parts.append(f"{local_title(turn, line)}: {before} → {after} ({turn.money(variant.price)})")
    return "\n".join(parts)


def _swap(turn: Turn, task: Task, *, exchange: bool) -> None:
    s = task.slots
    order = _order(turn, task)
    if order is None:
        return
    # shoppers say "exchange" and "change" for both: before shipping it is a modification, after delivery an
    # exchange, whatever the word
    if order.status in PENDING | DELIVERED:
        exchange = order.status in DELIVERED
    statuses = DELIVERED if exchange else PENDING
    if order.status not in statuses:
        turn.end("refused")
        turn.say(
            "orders.cannot_exchange" if exchange else "orders.cannot_modify",
            order_id=order.id,
            status=_status_text(turn, order.status),
        )
        return
    lines = _lines(turn, task, order, "orders.ask_which_items")
    if lines is None:
        return
    new = _new_items(turn, task, lines)
    if new is None:
        return
    diff = _diff(turn, lines, new)
    if diff == 0 and not s.get("payment_method_id"):  # nothing to pay or refund: keep the original method
        original = next((p.payment_method_id for p in order.payments if p.kind == "payment"), None)
        methods = customers.get_customer(turn.session, turn.state.customer_id or "").payment_methods
        named = payment_method(turn, methods, original)
        if named is not None or original:
            s["payment_method_id"] = named.id if named is not None else original
    method = _payment(turn, task, order, refund_only=False, key="orders.ask_difference_payment")
    if method is None:
        return
    if not s.get("confirmed"):
        key = "orders.confirm_exchange" if exchange else "orders.confirm_modify"
        difference = (
            turn.t("orders.you_pay", amount=turn.money(diff))
            if diff > 0
            else turn.t("orders.you_get", amount=turn.money(-diff))
            if diff < 0
            else turn.t("orders.no_difference")
        )
        ask(
            turn,
            task,
            awaiting="confirmation",
            slot="confirmed",
            key=key,
            order_id=order.id,
            changes=_swap_summary(turn, lines, new),
            difference=difference,
            method=method.describe(),
            quick_replies=_yes_no(turn),
        )
        return
    fn = commerce.exchange_items if exchange else commerce.modify_order_items
    try:
        done = turn.call(
            "exchange_items" if exchange else "modify_order_items",
            fn,
            order.id,
            item_ids=[line.item_id for line in lines],
            new_item_ids=[new[line.position] for line in lines],
            payment_method_id=method.id,
            customer_id=turn.state.customer_id,
            idempotency_key=f"{turn.conversation_id}:{task.name}:{order.id}",
        )
    except ComptoirError as exc:
        _refuse(turn, exc)
        return
    _record(turn, "exchange" if exchange else "modify", done.id, -diff)
    turn.end("done")
    turn.say(
        "orders.exchanged" if exchange else "orders.modified",
        order_id=done.id,
        order=OrderCard(id=done.id, status=done.status, total=done.total),
    )


@step("modify_order_items")
def modify_items(turn: Turn, task: Task) -> None:
    _swap(turn, task, exchange=False)


@step("exchange_items")
def exchange(turn: Turn, task: Task) -> None:
    _swap(turn, task, exchange=True)


@step("return_items")
def return_items(turn: Turn, task: Task) -> None:
    s = task.slots
    order = _order_in(turn, task, DELIVERED, "orders.cannot_return")
    if order is None:
        return
    lines = _lines(turn, task, order, "orders.ask_which_items")
    if lines is None:
        return
    method = _payment(turn, task, order, refund_only=True, key="orders.ask_refund_method")
    if method is None:
        return
    reason = s.get("reason")
    if not s.get("confirmed"):
        ask(
            turn,
            task,
            awaiting="confirmation",
            slot="confirmed",
            key="orders.confirm_return",
            order_id=order.id,
            items="\n".join(
                f"{local_title(turn, line)} ({', '.join(str(v) for v in line.options.values())})"
                for line in lines
            ),
            amount=turn.money(sum((line.price for line in lines), start=Decimal(0))),
            method=method.describe(),
            quick_replies=_yes_no(turn),
        )
        return
    try:
        done = turn.call(
            "return_items",
            commerce.return_items,
            order.id,
            item_ids=[line.item_id for line in lines],
            payment_method_id=method.id,
            reason=reason,
            customer_id=turn.state.customer_id,
            idempotency_key=f"{turn.conversation_id}:return:{order.id}",
        )
    except ComptoirError as exc:
        _refuse(turn, exc)
        return
    _record(turn, "return", done.id, sum((line.price for line in lines), start=Decimal(0)))
    turn.end("done")
    turn.say(
        "orders.returned", order_id=done.id, order=OrderCard(id=done.id, status=done.status, total=done.total)
    )


def _address(turn: Turn, task: Task, key: str) -> dict[str, str] | None:
    s = task.slots
    if "address" in s:
        return dict(s["address"])
    parsed = parse_address(turn.u.text, home_country(turn))
    if parsed is None and key == "orders.ask_address":  # "to the address on my account"
        parsed = account_address(turn) or order_address(turn, exclude=s.get("order_id"))
    elif parsed is None:  # "my new home, the address of my luggage set order"
        parsed = order_address(turn)
    if parsed is not None:
        s["address"] = parsed
        return parsed
    ask(turn, task, awaiting="address", slot="address", key=key)
    return None


def _address_text(a: dict[str, str]) -> str:
    return ", ".join(
        p
        for p in (
            a.get("address1"),
            a.get("address2"),
            f"{a.get('zip', '')} {a.get('city', '')}".strip(),
            a.get("country"),
        )
        if p
    )


@step("modify_order_address")
def modify_address(turn: Turn, task: Task) -> None:
    s = task.slots
    order = _order_in(turn, task, PENDING, "orders.cannot_modify")
    if order is None:
        return
    address = _address(turn, task, "orders.ask_address")
    if address is None:
        return
    if not s.get("confirmed"):
        ask(
            turn,
            task,
            awaiting="confirmation",
            slot="confirmed",
            key="orders.confirm_address",
            order_id=order.id,
            address=_address_text(address),
            quick_replies=_yes_no(turn),
        )
        return
    data = customers.AddressInput.model_validate({k: v for k, v in address.items() if k != "name"})
    try:
        done = turn.call(
            "modify_order_address",
            commerce.modify_order_address,
            order.id,
            data,
            customer_id=turn.state.customer_id,
        )
    except ComptoirError as exc:
        _refuse(turn, exc)
        return
    turn.end("done")
    turn.say("orders.address_changed", order_id=done.id, address=_address_text(address))


@step("modify_order_payment")
def modify_payment(turn: Turn, task: Task) -> None:
    s = task.slots
    order = _order_in(turn, task, PENDING, "orders.cannot_modify")
    if order is None:
        return
    method = _payment(turn, task, order, refund_only=False, key="orders.ask_new_payment")
    if method is None:
        return
    if not s.get("confirmed"):
        ask(
            turn,
            task,
            awaiting="confirmation",
            slot="confirmed",
            key="orders.confirm_payment",
            order_id=order.id,
            method=method.describe(),
            total=turn.money(order.total),
            quick_replies=_yes_no(turn),
        )
        return
    try:
        done = turn.call(
            "modify_order_payment",
            commerce.modify_order_payment,
            order.id,
            method.id,
            customer_id=turn.state.customer_id,
            idempotency_key=f"{turn.conversation_id}:payment:{order.id}:{method.id}",
        )
    except ComptoirError as exc:
        _refuse(turn, exc)
        return
    turn.end("done")
    turn.say("orders.payment_changed", order_id=done.id, method=method.describe())


@step("change_default_address")
def change_default_address(turn: Turn, task: Task) -> None:
    s = task.slots
    address = _address(turn, task, "account.ask_address")
    if address is None:
        return
    if not s.get("confirmed"):
        ask(
            turn,
            task,
            awaiting="confirmation",
            slot="confirmed",
            key="account.confirm_address",
            address=_address_text(address),
            quick_replies=_yes_no(turn),
        )
        return
    data = customers.AddressInput.model_validate({k: v for k, v in address.items() if k != "name"})
    try:
        turn.call("set_default_address", customers.set_default_address, turn.state.customer_id or "", data)
    except ComptoirError as exc:
        _refuse(turn, exc)
        return
    turn.end("done")
    turn.say("account.address_changed", address=_address_text(address))


_KEEP_ITEM = re.compile(
    r"\b(?:keep|keeping|not|except|but not|without|leave|garde|gardez|garder|sauf|pas|sans|κραταω|κρατηστε|εκτος|οχι|χωρις)\b"
    r"|そのまま|以外|やめ|しない|いらない"
)
_ONLY_ITEM = re.compile(r"\b(?:only|just|seulement|uniquement|juste|μονο)\b|だけ|のみ")


_GO_ON = re.compile(
    r"\b(?:other|another|next|then|also|now|same for|as well|too|autre|ensuite|puis|aussi|maintenant|pareil|"
    r"αλλη|αλλο|αλλα|επομεν\w*|μετα|επισης|τωρα|επισης)\b|もう一つ|もうひとつ|次|それから|あと|他の|別の"
)
_GO_ON_TASKS = (
    "return_items",
    "exchange_items",
    "cancel_order",
    "modify_order_items",
    "modify_order_address",
)


def continued_task(turn: Turn) -> str | None:
    """ "Now the other order", "then the keyboard and the pet bed": the same request again, on other things."""
    last = turn.state.last_task
    if last.get("name") not in _GO_ON_TASKS or turn.state.turn - int(last.get("turn") or 0) > 2:
        return None
    if turn.state.customer_id is None:
        return None
    text = fold(turn.u.text)
    if order_mentions(turn) or _GO_ON.search(text) or wants_all(turn):
        return str(last["name"])
    words = concept_words(turn)
    for order in candidate_orders(turn, None):
        if words & set().union(*(set(fold(n).split()) for n in order.item_names)):
            return str(last["name"])
    return None


def _switched_payment(turn: Turn, task: Task, order: commerce.OrderView) -> bool:
    """ "Actually, let's use PayPal instead": another of the customer's payment methods."""
    if "payment_method_id" not in task.slots:
        return False
    methods = customers.get_customer(turn.session, turn.state.customer_id or "").payment_methods
    found = payment_method(turn, methods, None)
    if found is None or found.id == task.slots["payment_method_id"]:
        return False
    task.slots["payment_method_id"] = found.id
    return True


def revise_items(turn: Turn, task: Task) -> bool:
    """At a confirmation, "only the desk lamp, I'll keep the water bottle" changes the items, then asks again."""
    if task.name not in ("exchange_items", "return_items", "modify_order_items"):
        return False
    order = own_order(turn, task.slots.get("order_id", ""))
    if order is None:
        return False
    chosen = set(task.slots.get("positions", []))
    text = fold(turn.u.text)
    kept: set[int] = set()
    only: set[int] = set()
    at = 0
    for piece in re.split(r"([,;.!?、。]|\s(?:and|but|et|mais|και|αλλα)\s)", text):
        start, at = at, at + len(piece)
        if not piece.strip() or not (_KEEP_ITEM.search(piece) or _ONLY_ITEM.search(piece)):
            continue
        named = {
            line.position for line in match_lines(turn, order, span=(start, at)) if line.position in chosen
        }
        if not named:
            continue
        if _ONLY_ITEM.search(piece):
            only |= named
        else:
            kept |= named
    new = (only or chosen) - kept
    switched = _switched_payment(turn, task, order)
    if switched and new == chosen:
        task.slots.pop("confirmed", None)
        task.awaiting = None
        turn.update(task)
        run_order_task(turn, task)
        return True
    if not new or new == chosen:
        if not new and kept:
            turn.end("nothing to do")
            turn.say("orders.nothing_changed")
            return True
        return False
    task.slots["positions"] = sorted(new)
    task.slots["new"] = {k: v for k, v in task.slots.get("new", {}).items() if int(k) in new}
    task.slots.pop("confirmed", None)
    task.awaiting = None
    turn.update(task)
    run_order_task(turn, task)
    return True


def _record(turn: Turn, kind: str, order_id: str, refund: Decimal) -> None:
    """What this conversation changed, for "how much do I get back in total?"."""
    turn.set(done=[*turn.state.done, {"kind": kind, "order_id": order_id, "refund": str(refund)}])


_HOW_MUCH = re.compile(r"\b(?:how much|combien|ποσα|ποσο)\b|いくら|合計")
_BACK = re.compile(
    r"\b(?:back|refund\w*|in total|total|rembours\w*|recupere\w*|au total|επιστρ\w*|πισω|συνολικα)\b|返金|戻|合計|全部で"
)


def refund_summary(turn: Turn) -> bool:
    """ "How much do I get back in total?": the refunds and charges of the changes made in this conversation."""
    text = fold(turn.u.text)
    if not turn.state.done or not (_HOW_MUCH.search(text) and _BACK.search(text)):
        return False
    lines = []
    total = Decimal(0)
    for entry in turn.state.done:
        amount = Decimal(entry["refund"])
        total += amount
        key = "orders.summary_refund" if amount >= 0 else "orders.summary_charge"
        kind = turn.t("orders.kind_" + entry["kind"])
        lines.append(turn.t(key, order_id=entry["order_id"], kind=kind, amount=turn.money(abs(amount))))
    key = "orders.summary_total_refund" if total >= 0 else "orders.summary_total_charge"
    turn.say(key, lines="\n".join(lines), total=turn.money(abs(total)))
    return True


_OTHER = re.compile(r"\b(?:other|another|autre|αλλη|αλλο)\b|もう一つ|もうひとつ|別の|他の")
_PENDING_WORDS = re.compile(
    r"\b(?:pending|not (?:yet )?(?:shipped|sent)|en attente|en cours|pas encore (?:expediee?|envoyee?)|"
    r"εκκρεμ\w*|δεν (?:εχει )?σταλει)\b|処理中|未発送|発送前"
)
_DELIVERED_WORDS = re.compile(
    r"\b(?:delivered|received|got|arrived|livree?s?|recue?s?|παραδοθηκ\w*|παρελαβα|ηρθε|ηρθαν)\b|届いた|受け取った|配達済"
)


def _status_hint(text: str) -> set[str]:
    folded = fold(text)
    if _PENDING_WORDS.search(folded):
        return PENDING
    if _DELIVERED_WORDS.search(folded):
        return DELIVERED
    return set()


_CARRIED = ("wish", "words", "reason", "all", "last")


def run_order_task(turn: Turn, task: Task) -> None:
    """Run the task's step; a request about several orders ("cancel all my pending orders") goes on with the
    next order once this one is done."""
    from comptoir.dialogue.flows.base import STEPS

    STEPS[task.name](turn, task)
    following = task.slots.get("next_orders") or []
    ended = turn.state.last_task
    if following and ended.get("name") == task.name and ended.get("turn") == turn.state.turn:
        if turn.state.task is not None and turn.state.task.name == task.name:
            return
        slots = {k: task.slots[k] for k in _CARRIED if k in task.slots}
        nxt = turn.start(task.name, **slots, order_id=following[0], next_orders=following[1:])
        run_order_task(turn, nxt)


_ALL_ORDERS = re.compile(
    r"\b(?:all|both|every|each|tous|toutes|les deux|chacune|ολες|και τις δυο|καθε)\b[^.?!]{0,25}"
    r"\b(?:orders|commandes|παραγγελιες|παραγγελιων)\b"
    r"|(?:注文|オーダー)[^。？！]{0,8}(?:全部|すべて|両方|全て)|(?:全部|すべて|全て|両方)の注文"
)


def answer_choice(turn: Turn, task: Task) -> bool:
    """Fill the awaited slot of an order task from a choice (order, items, option, method, reason)."""
    slot = task.slot
    chosen: dict[str, Any] | None = None
    if slot == "payment_method_id":  # "my card", "the Visa ending 8902", "the gift card"
        ids = {o["payment_method_id"] for o in task.options}
        methods = [
            m
            for m in customers.get_customer(turn.session, turn.state.customer_id or "").payment_methods
            if m.id in ids
        ]
        found = payment_method(turn, methods, None)
        if found is not None:
            chosen = {"payment_method_id": found.id}
    if slot == "new_item" and _answer_option(turn, task):
        return True
    if slot == "positions" and ordinal(turn) is None and not (turn.u.payload or "").startswith("choose:"):
        order = own_order(turn, task.slots.get("order_id", ""))
        named = match_lines(turn, order) if order else []
        if len(named) > 1:  # "the air purifier and the robotic vacuum cleaner"
            chosen = {"positions": [line.position for line in named]}
    chosen = chosen or pick(turn, task.options)
    if chosen is None:
        if slot == "order_id":
            mentioned = order_mentions(turn)
            offered = {o["order_id"] for o in task.options}
            described = match_orders(turn, [o for o in candidate_orders(turn, None) if o.id in offered])
            if mentioned and own_order(turn, mentioned):
                chosen = {"order_id": mentioned}
            elif wants_all(turn) and len(offered) > 1:  # "both of them"
                listed = [o["order_id"] for o in task.options]
                task.slots["next_orders"] = listed[1:]
                chosen = {"order_id": listed[0]}
            elif len(described) == 1:  # "the one with the T-shirt and the espresso machine"
                chosen = {"order_id": described[0].id}
        elif slot == "positions" and wants_all(turn):
            chosen = {"positions": [o["position"] for o in task.options]}
        elif slot == "positions":
            order = own_order(turn, task.slots.get("order_id", ""))
            matched = match_lines(turn, order) if order else []
            if matched:
                chosen = {"positions": [line.position for line in matched]}
    if chosen is None:
        return False
    if slot == "positions":
        task.slots["positions"] = (
            chosen["positions"] if isinstance(chosen.get("positions"), list) else [chosen["position"]]
        )
    elif slot == "new_item":
        task.slots.setdefault("new", {})[str(chosen["position"])] = chosen["variant_id"]
    elif slot is not None:
        task.slots[slot] = chosen[slot] if slot in chosen else chosen.get("value")
    task.awaiting = None
    turn.update(task)
    run_order_task(turn, task)
    return True
