"""The conversation engine: one shopper message in, the bot's messages out.

Understand (language, intent, entities) -> if a question is pending, try the message as its answer,
else treat it as a digression or a new request -> run flows, which call the service layer and say
things -> return the events and messages of the turn. Nothing here is persisted: ``service`` does that
in the same transaction.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from comptoir.dialogue.flows import base, cart, checkout, discovery, identity, orders, resolve, talk
from comptoir.dialogue.flows.base import ORDER_TASKS, ask_again
from comptoir.dialogue.flows.cart import answer_option
from comptoir.dialogue.flows.checkout import POSTCODE, home_country, parse_address
from comptoir.dialogue.requests import (
    CHATTY,
    CONFIDENT,
    PRODUCTISH,
    QUESTIONS,
    REQUESTS,
    SEARCHY,
    SURE,
    checkout_wish,
    confident,
    names_request,
    not_wanted,
    purchase,
    request_word,
)
from comptoir.dialogue.state import Task
from comptoir.dialogue.turn import ActionLimitReached, Entity, Turn, Understanding

DIGRESSIONS = QUESTIONS | {
    "product_details",
    "check_availability",
    "view_cart",
    "smalltalk",
    "capabilities",
    "thanks",
    "greet",
    "search_product",
    "refine_search",
    "compare_products",
    "order_status",
}
ACTIONS = ORDER_TASKS | {
    "add_to_cart",
    "remove_from_cart",
    "update_cart_quantity",
    "checkout",
    "search_product",
    "human_agent",
}


def _dispatch_table() -> dict[str, Callable[[Turn], object]]:
    return {
        "greet": talk.greet,
        "capabilities": talk.capabilities,
        "goodbye": lambda t: talk.simple(t, "goodbye"),
        "thanks": lambda t: talk.simple(t, "thanks"),
        "smalltalk": lambda t: talk.simple(t, "smalltalk"),
        "affirm": lambda t: talk.simple(t, "ack"),
        "deny": lambda t: talk.simple(t, "ack_no"),
        "cancel_task": lambda t: talk.simple(t, "nothing_to_cancel"),
        "search_product": discovery.find,
        "recommend": discovery.find,
        "refine_search": lambda t: discovery.find(t, refine=bool(t.state.search)),
        "product_details": discovery.details,
        "check_availability": discovery.availability,
        "compare_products": discovery.compare,
        "add_to_cart": cart.start_add,
        "remove_from_cart": cart.remove,
        "update_cart_quantity": cart.set_quantity,
        "view_cart": cart.show,
        "checkout": checkout.start,
        "human_agent": lambda t: talk.handoff(t, "asked"),
        "complaint": lambda t: talk.handoff(t, "complaint"),
        "provide_info": provide_info,
        **{name: (lambda n: lambda t: orders.start(t, n))(name) for name in ORDER_TASKS},
        **{name: (lambda n: lambda t: talk.answer_question(t, n))(name) for name in QUESTIONS},
    }


def provide_info(turn: Turn) -> None:
    """Details given out of the blue: an e-mail or name + zip start identification. Once a shopper is
    verified, another identity is refused: one customer per conversation."""
    identifying = turn.u.first("email") is not None or bool(POSTCODE.search(turn.u.text))
    if turn.state.customer_id is not None and identifying:
        turn.say("identity.one_customer")
        return
    if identifying:
        task = turn.start("identify")
        if fill_identity(turn, task):
            base.run(turn, task)
            return
        turn.end("not an identity")
    talk.capabilities(turn)


DISPATCH = _dispatch_table()


def fill_identity(turn: Turn, task: Task) -> bool:
    """Take an e-mail, or a name with a postcode, from the message (any order, any punctuation)."""
    u = turn.u
    email = u.first("email")
    if email is not None:
        task.slots["email"] = str(email.value)
        turn.update(task)
        return True
    zip_entity = u.first("zip")
    postcodes = (
        [str(zip_entity.value)] if zip_entity is not None else [p.group(1) for p in POSTCODE.finditer(u.text)]
    )
    if not postcodes and CJK.search(u.text):  # "郵便番号は19122です": no spaces around the number
        postcodes = re.findall(r"(?<![\d-])(\d{3}-\d{4}|\d{5})(?![\d-])", u.text)
    if postcodes and re.search(r"[^\W\d_]{2,}", u.text):  # a postcode and something like a name
        task.slots["name_text"] = [u.text, postcodes[-1]]
        turn.update(task)
        return True
    return False


CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
YES = re.compile(
    r"^\W*(yes|yep|yeah|yup|sure|ok|okay|go ahead|confirm|correct|oui|ouais|d'accord|daccord|vas-y|allez-y|"
    r"c'est bon|ναι|εντάξει|οκ|σωστά|nai|はい|ええ|うん|お願いします|大丈夫|それで)",
    re.IGNORECASE,
)
NO = re.compile(
    r"^\W*(no|nope|nah|don't|do not|non|pas question|όχι|οχι|ochi|いいえ|いや|やめ)\b", re.IGNORECASE
)
# a message that starts like a yes but goes on with a change ("wait, I also want…") is not a plain yes
BUT = re.compile(
    r"\b(but|wait|also|actually|mais|attendez|aussi|αλλά|περίμενε|επίσης|でも|待って|やっぱり)\b", re.I
)


def answer(turn: Turn, task: Task) -> bool:
    """Use the message as the answer to the pending question; False if it is not one."""
    u = turn.u
    awaiting, slot = task.awaiting, task.slot or ""
    if awaiting == "confirmation":
        if task.name in ORDER_TASKS and orders.revise_items(turn, task):
            return True
        text = u.text.strip()
        says_no = u.intent in ("deny", "cancel_task") or u.payload == "no" or bool(NO.match(text))
        says_yes = (
            u.intent == "affirm" or u.payload == "yes" or bool(YES.match(text)) or u.intent == task.name
        ) and not (u.payload is None and BUT.search(text) and u.intent != "affirm")
        if says_yes and not says_no:
            task.slots[slot] = True
            task.awaiting = None
            turn.update(task)
            base.run(turn, task)
            return True
        if says_no:
            turn.end("declined")
            turn.say("declined")
            return True
        return False
    if task.name == "identify":
        if awaiting == "code":
            entity = u.first("code")
            m = re.search(r"(?<!\d)(\d{6})(?!\d)", u.text)
            if entity is not None or m:
                task.slots["code"] = str(entity.value) if entity is not None else m.group(1)  # type: ignore[union-attr]
                turn.update(task)
                base.run(turn, task)
                return True
            return False
        if u.payload == "identify:name_zip" or (awaiting == "email" and identity.dont_know(u.text)):
            task.slots["method"] = "name_zip"
            turn.update(task)
            base.run(turn, task)
            return True
        if awaiting == "name_zip" and identity.dont_know(u.text):
            task.slots["method"] = "email"
            turn.update(task)
            base.run(turn, task)
            return True
        if fill_identity(turn, task):
            if turn.state.customer_id is not None:
                turn.end("already")
                turn.say("identity.one_customer")
                return True
            base.run(turn, task)
            return True
        return False
    if awaiting == "email" and task.name == "checkout":
        email = u.first("email")
        if email is None:
            return False
        task.slots[slot] = str(email.value)
        turn.update(task)
        base.run(turn, task)
        return True
    if awaiting == "address":
        parsed = (
            parse_address(u.text, home_country(turn))
            or checkout.account_address(turn)
            or resolve.order_address(turn, exclude=task.slots.get("order_id"))
        )
        if parsed is None:
            return False
        task.slots[slot] = parsed
        task.awaiting = None
        turn.update(task)
        base.run(turn, task)
        return True
    if task.name == "add_to_cart":
        return answer_option(turn, task)
    if task.name in ORDER_TASKS:
        return orders.answer_choice(turn, task)
    chosen = base.pick(turn, task.options)
    if chosen is None:
        return False
    task.slots[slot] = chosen.get(slot, chosen.get("value"))
    task.awaiting = None
    turn.update(task)
    base.run(turn, task)
    return True


def _payload_intent(u: Understanding) -> None:
    p = u.payload or ""
    mapping = {"yes": "affirm", "no": "deny"}
    if p.startswith("intent:"):
        u.intent, u.confidence = p[7:], 1.0
    elif p in mapping:
        u.intent, u.confidence = mapping[p], 1.0
    elif p.startswith("add:"):
        u.intent, u.confidence = "add_to_cart", 1.0
    elif p.startswith("product:"):
        u.intent, u.confidence = "product_details", 1.0
    elif p.startswith("refine:"):
        _, facet, value = p.split(":", 2)
        u.intent, u.confidence, u.text = "refine_search", 1.0, value
        u.entities.append(Entity(label=facet, value=value, text=value))
    elif p == "search:drop_filters":
        u.intent, u.confidence = "search_product", 1.0


def respond(turn: Turn) -> None:
    """The bot's whole turn. Failures of understanding count; two in a row bring a person in."""
    if turn.state.owner != "bot":
        return
    u = turn.u
    if u.payload:
        _payload_intent(u)
    request_word(u, among=REQUESTS if not confident(u, SURE) else PRODUCTISH)
    if turn.state.task is None or turn.state.task.awaiting is None:
        purchase(turn)
        checkout_wish(u)
    try:
        _respond(turn)
        while turn.state.task is None and turn.state.queue and turn.state.owner == "bot":
            nxt, rest = turn.state.queue[0], turn.state.queue[1:]
            turn.set(queue=rest)
            turn.u = Understanding(**{**nxt, "entities": [Entity(**e) for e in nxt.get("entities", [])]})
            _respond(turn)
    except ActionLimitReached:
        turn.say("fallback.too_much")


def _respond(turn: Turn) -> None:
    u = turn.u
    task = turn.state.task
    if task is not None and task.awaiting is not None:
        if answer(turn, task):
            turn.set(failures=0)
            return
        if u.intent == "cancel_task" and confident(u):
            turn.end("dropped")
            turn.say("task_dropped")
            return
        if u.intent in ("human_agent", "complaint") and confident(u):
            DISPATCH[u.intent](turn)
            return
        if u.intent in DIGRESSIONS and confident(u, SURE) and u.intent != task.name:
            # small talk is no answer: it counts as a failed turn; a real question resets the count
            turn.set(failures=turn.state.failures + 1 if u.intent in CHATTY else 0)
            if turn.state.failures >= 2:
                talk.handoff(turn, "failures")
                return
            DISPATCH[u.intent](turn)
            if turn.state.task is not None and turn.state.task.awaiting is not None:
                turn.say("resume")
                ask_again(turn, turn.state.task)
            return
        if u.intent == task.name and confident(u, SURE) and u.intent in ORDER_TASKS:
            # the same request again ("what's the status of my order?" while asked which order): ask again
            ask_again(turn, task)
            return
        if u.intent in ACTIONS and confident(u, SURE) and u.intent != task.name:
            turn.set(failures=0)
            turn.end("switched")
            DISPATCH[u.intent](turn)
            return
        _failed(turn, retry=task)
        return
    if orders.refund_summary(turn):
        turn.set(failures=0)
        return
    if u.intent in ORDER_TASKS and not_wanted(u.text):
        turn.say("orders.nothing_changed")
        return
    # "now the other order", "then the keyboard": the last order request again, unless a new one is named
    unsure = not confident(u, SURE) or u.intent not in ORDER_TASKS or not names_request(u)
    if unsure and (name := orders.continued_task(turn)):
        turn.set(failures=0)
        orders.start(turn, name)
        return
    if not confident(u) or u.intent not in DISPATCH:
        if u.intent in QUESTIONS and u.confidence >= CONFIDENT / 3:
            turn.set(failures=0)
            talk.answer_question(turn, u.intent)
            return
        if u.intent in SEARCHY or u.first("product_type") is not None:
            if discovery.find(turn):  # in a shop, an unclear wish is best met with products
                turn.set(failures=0)
                return
            failures = turn.state.failures + 1
            turn.set(failures=failures)
            if failures >= 2:
                talk.handoff(turn, "failures")
            return
        _failed(turn, retry=None)
        return
    turn.set(failures=0)
    DISPATCH[u.intent](turn)


def _failed(turn: Turn, retry: Task | None) -> None:
    failures = turn.state.failures + 1
    turn.set(failures=failures)
    if failures >= 2:
        talk.handoff(turn, "failures")
        return
    if retry is not None:
        turn.say("fallback.not_an_answer")
        ask_again(turn, retry)
        return
    from comptoir.dialogue.schemas import QuickReply

    options = [name for name, _ in turn.u.ranking[:3] if name in DISPATCH and name not in ("affirm", "deny")][
        :2
    ]
    replies = [QuickReply(title=turn.t("intent." + name), payload=f"intent:{name}") for name in options]
    turn.say("fallback.clarify", quick_replies=replies or None)
