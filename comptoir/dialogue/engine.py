"""The conversation engine: one shopper message in, the bot's messages out.

Understand (language, intent, entities) -> if a question is pending, try the message as its answer,
else treat it as a digression or a new request -> run flows, which call the service layer and say
things -> return the events and messages of the turn. Nothing here is persisted: ``service`` does that
in the same transaction.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from typing import Any

from comptoir.dialogue.flows import base, cart, checkout, discovery, identity, orders, resolve, talk
from comptoir.dialogue.flows.base import ORDER_TASKS, ask_again
from comptoir.dialogue.flows.cart import answer_option
from comptoir.dialogue.flows.checkout import POSTCODE, home_country, parse_address
from comptoir.dialogue.state import Task
from comptoir.dialogue.turn import ActionLimitReached, Entity, Turn, Understanding

CONFIDENT = 0.45
SURE = 0.65
QUESTIONS = {"shipping_info", "returns_policy", "warranty_info", "payment_info", "store_info"}
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
SPLIT = re.compile(
    r"(?<=[!?.])\s+|\s+(?:and then|and also|and|then|also|et aussi|et puis|et|puis|και μετά|και|επίσης)\s+|[;。]|、(?:それと|あと)|それから"
)


def confident(u: Understanding, threshold: float = CONFIDENT) -> bool:
    """Sure enough to act: a high score, or a clear lead over the runner-up (36 intents spread the mass)."""
    if u.confidence >= threshold:
        return True
    second = u.ranking[1][1] if len(u.ranking) > 1 else 0.0
    return u.confidence >= threshold / 4 and u.confidence >= 2.5 * second


CHATTY = {"greet", "thanks", "smalltalk", "capabilities", "affirm"}
SEARCHY = {"search_product", "refine_search", "recommend", "product_details", "check_availability"}


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


_WORD_INTENT = {"cancel": "cancel_order", "return": "return_items", "exchange": "exchange_items"}
PRODUCTISH = SEARCHY | {"add_to_cart", "view_cart", "remove_from_cart", "update_cart_quantity"}
REQUESTS = ORDER_TASKS | PRODUCTISH


_CHECKOUT = re.compile(
    r"\b(?:check ?out|pay now|place (?:the|my) order|passer (?:la )?commande|commander maintenant|ολοκληρωσ\w* (?:της )?(?:αγορας|παραγγελιας)|πληρωσω τωρα)\b|レジ|会計|注文を確定|購入手続き"
)


def _checkout_wish(u: Understanding) -> None:
    """ "Can I just check out as a guest?" asks to check out, whatever else it asks."""
    from comptoir.search import fold

    if u.intent in QUESTIONS | {"view_cart"} and not u.payload and _CHECKOUT.search(fold(u.text)):
        u.intent, u.confidence = "checkout", max(u.confidence, SURE)


def request_word(u: Understanding, *, among: Collection[str] = PRODUCTISH) -> None:
    """ "Cancel the portable charger I just bought" is about an order, though it names a product: a request
    word the classifier ranked near the top wins over a product intent."""
    if u.intent not in among or u.payload:
        return
    from comptoir.nlu import default_lexicon

    found = {
        _WORD_INTENT[m.value]
        for m in default_lexicon().find(u.text, u.language, ("intent_words",))
        if m.value in _WORD_INTENT
    }
    top = [name for name, _ in u.ranking[:5]]
    if len(found) == 1 and (intent := found.pop()) in top and not not_wanted(u.text):
        u.intent, u.confidence = intent, max(u.confidence, SURE)


_PURCHASE = re.compile(
    r"\b(?:i'?d like \d+|i want \d+|i'?ll take|i will take|add|put|buy|get me|give me|"
    r"je voudrais \d+|je veux \d+|je prends|je prendrai|ajoute\w*|mettez|mets|achete\w*|"
    r"θα ηθελα \d+|θελω \d+|βαλ\w+|προσθεσ\w*|θα παρω|να παρω|αγορασ\w*)\b"
    r"|ください|欲しい|ほしい|入れて|追加|買いたい|買います"
)
_ALSO = re.compile(
    r"^\W*(?:and|et|και|それと|あと)\b|\b(?:as well|too|also|aussi|egalement|επισης)\b|も(?:お願い|ください|入れて)"
)


def _purchase(turn: Turn) -> None:
    """ "I'd like 2 of the shampoo bars", "and the webcam as well" (after adding): a purchase, not a search."""
    u = turn.u
    if u.intent not in SEARCHY | {"add_to_cart"} or u.payload:
        return
    from comptoir.search import fold

    text = fold(u.text)
    last = turn.state.last_task
    just_added = last.get("name") == "add_to_cart" and turn.state.turn - int(last.get("turn") or 0) <= 1
    if _PURCHASE.search(text) or (just_added and _ALSO.search(text)):
        u.intent, u.confidence = "add_to_cart", max(u.confidence, SURE)


def respond(turn: Turn) -> None:
    """The bot's whole turn. Failures of understanding count; two in a row bring a person in."""
    if turn.state.owner != "bot":
        return
    u = turn.u
    if u.payload:
        _payload_intent(u)
    request_word(u, among=REQUESTS if not confident(u, SURE) else PRODUCTISH)
    if turn.state.task is None or turn.state.task.awaiting is None:
        _purchase(turn)
        _checkout_wish(u)
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
    unsure = not confident(u, SURE) or u.intent not in ORDER_TASKS or not _names_request(u)
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


# words that make a part of a message a request of its own ("… and cancel the other one"); a part without one
# is more of the same request ("return the vacuum, the headphones and the smart watch")
_REQUEST_WORDS = (
    "refund",
    "return",
    "exchange",
    "cancel",
    "track",
    "modify",
    "buy",
    "human",
    "complaint",
    "cart",
)


def _is_request(part: str, language: str) -> bool:
    from comptoir.nlu import default_lexicon

    return any(m.value in _REQUEST_WORDS for m in default_lexicon().find(part, language, ("intent_words",)))


_NOT_WANTED = re.compile(
    r"\b(?:(?:do not|don't|dont|never|no need to)\s+(?:\w+\s+){0,3}?(?:cancel|return|exchange|change|modify)|"
    r"(?:ne|n')\s*(?:\w+\s+){0,3}?pas\s+(?:\w+\s+){0,2}?(?:annuler|retourner|echanger|modifier)|"
    r"δεν\s+(?:\w+\s+){0,3}?(?:ακυρω|επιστρεψ|αλλαξ)\w*)"
    r"|(?:キャンセル|返品|交換|変更)(?:し)?(?:たくない|しないで|しません|は不要)"
)


def not_wanted(text: str) -> bool:
    """ "I don't want to cancel any order": a request word that asks for nothing."""
    from comptoir.search import fold

    return bool(_NOT_WANTED.search(fold(text)))


def _names_request(u: Understanding) -> bool:
    """The message says what to do ("cancel", "return"…), not only what about ("and the other order too")."""
    return _is_request(u.text, u.language)


def split_requests(text: str, language: str = "en") -> list[str]:
    """The requests of one message, each with its own words; a part that asks nothing new stays with the last."""
    spans: list[tuple[int, int]] = []
    at = 0
    for m in SPLIT.finditer(text):
        if text[at : m.start()].strip():
            spans.append((at, m.start()))
        at = m.end()
    if text[at:].strip():
        spans.append((at, len(text)))
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if (
            merged
            and not _is_request(text[start:end], language)
            and _is_request(text[slice(*merged[-1])], language)
        ):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    parts = [text[a:b].strip() for a, b in merged]
    return parts if len(parts) > 1 else [text]


def merge_same_requests(parts: list[Understanding]) -> list[Understanding]:
    """ "Return the vacuum and the headphones" is one request about two items, not two requests."""
    merged: list[Understanding] = []
    for u in parts:
        if merged and merged[-1].intent == u.intent:
            last = merged[-1]
            merged[-1] = Understanding(
                text=f"{last.text}, {u.text}",
                language=last.language,
                intent=last.intent,
                confidence=max(last.confidence, u.confidence),
                ranking=last.ranking,
                entities=[*last.entities, *u.entities],
                language_switched=last.language_switched,
            )
        else:
            merged.append(u)
    return merged


def queue_entry(u: Understanding) -> dict[str, Any]:
    return {
        "text": u.text,
        "language": u.language,
        "intent": u.intent,
        "confidence": u.confidence,
        "ranking": [list(r) for r in u.ranking],
        "entities": [
            {"label": e.label, "value": e.value, "text": e.text, "start": e.start, "end": e.end}
            for e in u.entities
        ],
    }
