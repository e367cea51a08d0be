"""What a message asks: how sure the classifier is, which requests one message holds, and the words that
settle what a classifier under-weights ("cancel the charger I bought" is about an order; "I'd like 2 of the
shampoo bars" is a purchase; "I don't want to cancel any order" asks for nothing)."""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import Any

from comptoir.dialogue.flows.base import ORDER_TASKS
from comptoir.dialogue.turn import Turn, Understanding
from comptoir.nlu import default_lexicon
from comptoir.search import fold

CONFIDENT = 0.45
SURE = 0.65
QUESTIONS = {"shipping_info", "returns_policy", "warranty_info", "payment_info", "store_info"}


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


_WORD_INTENT = {"cancel": "cancel_order", "return": "return_items", "exchange": "exchange_items"}
PRODUCTISH = SEARCHY | {"add_to_cart", "view_cart", "remove_from_cart", "update_cart_quantity"}
REQUESTS = ORDER_TASKS | PRODUCTISH


_CHECKOUT = re.compile(
    r"\b(?:check ?out|pay now|place (?:the|my) order|passer (?:la )?commande|commander maintenant|ολοκληρωσ\w* (?:της )?(?:αγορας|παραγγελιας)|πληρωσω τωρα)\b|レジ|会計|注文を確定|購入手続き"
)


def checkout_wish(u: Understanding) -> None:
    """ "Can I just check out as a guest?" asks to check out, whatever else it asks."""
    if u.intent in QUESTIONS | {"view_cart"} and not u.payload and _CHECKOUT.search(fold(u.text)):
        u.intent, u.confidence = "checkout", max(u.confidence, SURE)


def request_word(u: Understanding, *, among: Collection[str] = PRODUCTISH) -> None:
    """ "Cancel the portable charger I just bought" is about an order, though it names a product: a request
    word the classifier ranked near the top wins over a product intent."""
    if u.intent not in among or u.payload:
        return
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


def purchase(turn: Turn) -> None:
    """ "I'd like 2 of the shampoo bars", "and the webcam as well" (after adding): a purchase, not a search."""
    u = turn.u
    if u.intent not in SEARCHY | {"add_to_cart"} or u.payload:
        return
    text = fold(u.text)
    last = turn.state.last_task
    just_added = last.get("name") == "add_to_cart" and turn.state.turn - int(last.get("turn") or 0) <= 1
    if _PURCHASE.search(text) or (just_added and _ALSO.search(text)):
        u.intent, u.confidence = "add_to_cart", max(u.confidence, SURE)


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
    return any(m.value in _REQUEST_WORDS for m in default_lexicon().find(part, language, ("intent_words",)))


_NOT_WANTED = re.compile(
    r"\b(?:(?:do not|don't|dont|never|no need to)\s+(?:\w+\s+){0,3}?(?:cancel|return|exchange|change|modify)|"
    r"(?:ne|n')\s*(?:\w+\s+){0,3}?pas\s+(?:\w+\s+){0,2}?(?:annuler|retourner|echanger|modifier)|"
    r"δεν\s+(?:\w+\s+){0,3}?(?:ακυρω|επιστρεψ|αλλαξ)\w*)"
    r"|(?:キャンセル|返品|交換|変更)(?:し)?(?:たくない|しないで|しません|は不要)"
)


def not_wanted(text: str) -> bool:
    """ "I don't want to cancel any order": a request word that asks for nothing."""
    return bool(_NOT_WANTED.search(fold(text)))


def names_request(u: Understanding) -> bool:
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
