"""What every flow shares: asking a question (and asking it again after a digression), choices the
shopper can pick by number or name, and the registry of task steps."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from comptoir.dialogue.schemas import Awaiting, QuickReply
from comptoir.dialogue.state import Task
from comptoir.dialogue.turn import Turn
from comptoir.search import fold

Step = Callable[[Turn, Task], None]
STEPS: dict[str, Step] = {}
ORDER_TASKS = frozenset(
    {
        "order_status",
        "list_orders",
        "cancel_order",
        "modify_order_items",
        "modify_order_address",
        "modify_order_payment",
        "return_items",
        "exchange_items",
        "change_default_address",
    }
)  # the requests that need a verified identity


def step(name: str) -> Callable[[Step], Step]:
    def register(fn: Step) -> Step:
        STEPS[name] = fn
        return fn

    return register


def run(turn: Turn, task: Task | None = None) -> None:
    """Advance the active task by one step (it asks a question, acts, or ends)."""
    task = task or turn.state.task
    if task is None:
        return
    if task.name in ORDER_TASKS:  # a request may go on with further orders
        from comptoir.dialogue.flows.orders import run_order_task

        run_order_task(turn, task)
        return
    STEPS[task.name](turn, task)


def ask(
    turn: Turn,
    task: Task,
    *,
    awaiting: Awaiting,
    slot: str,
    key: str,
    options: list[dict[str, Any]] | None = None,
    quick_replies: list[QuickReply] | None = None,
    **values: Any,
) -> None:
    """Ask the shopper for ``slot`` and remember the question, to ask it again after a digression."""
    task.slots["_ask"] = {
        "key": key,
        "values": values,
        "awaiting": awaiting,
        "quick_replies": [q.model_dump() for q in quick_replies or []],
    }
    turn.ask(task, awaiting, slot, options)
    turn.say(key, awaiting=awaiting, quick_replies=quick_replies, **values)


def ask_again(turn: Turn, task: Task) -> None:
    question = task.slots.get("_ask")
    if not question:
        run(turn, task)
        return
    replies = [QuickReply.model_validate(q) for q in question["quick_replies"]] or None
    turn.say(question["key"], awaiting=question["awaiting"], quick_replies=replies, **question["values"])


def choice_replies(options: list[dict[str, Any]]) -> list[QuickReply]:
    return [
        QuickReply(title=str(o["label"])[:80], payload=f"choose:{i + 1}") for i, o in enumerate(options[:10])
    ]


ORDINALS = {
    1: [
        "first",
        "1st",
        "premier",
        "première",
        "premiere",
        "πρώτο",
        "πρώτη",
        "πρώτος",
        "一番目",
        "1番目",
        "最初",
    ],
    2: [
        "second",
        "2nd",
        "deuxième",
        "deuxieme",
        "second",
        "seconde",
        "δεύτερο",
        "δεύτερη",
        "二番目",
        "2番目",
    ],
    3: ["third", "3rd", "troisième", "troisieme", "τρίτο", "τρίτη", "三番目", "3番目"],
    4: ["fourth", "4th", "quatrième", "τέταρτο", "四番目", "4番目"],
    5: ["fifth", "5th", "cinquième", "πέμπτο", "五番目", "5番目"],
}
LAST = ["last", "dernier", "dernière", "τελευταίο", "τελευταία", "最後"]


def ordinal(turn: Turn) -> int | None:
    """A 1-based position the shopper refers to ("the second one", "2番目", a ``choose:N`` button)."""
    payload = turn.u.payload or ""
    if payload.startswith("choose:") and payload[7:].isdigit():
        return int(payload[7:])
    entity = turn.u.first("ordinal")
    if entity is not None:
        value = entity.value
        if isinstance(value, dict) and isinstance(value.get("ordinal"), int):
            return int(value["ordinal"])
        if isinstance(value, int):
            return value
    text = fold(turn.u.text)
    for n, words in ORDINALS.items():
        if any(
            re.search(r"(?<!\w)" + re.escape(fold(w)) + r"(?!\w)", text)
            or (not w.isascii() and fold(w) in text)
            for w in words
        ):
            return n
    if any(
        re.search(r"(?<!\w)" + re.escape(fold(w)) + r"(?!\w)(?!\s+(?:order|commande|παραγγελια))", text)
        for w in LAST
    ):
        return -1
    stripped = text.strip(" .#")
    if stripped.isdigit() and 0 < int(stripped) <= 10:
        return int(stripped)
    return None


def pick(turn: Turn, options: list[dict[str, Any]], text: str | None = None) -> dict[str, Any] | None:
    """The option the shopper designates: by position, or by words that match one option only (in ``text``,
    an earlier message, when given)."""
    if not options:
        return None
    n = ordinal(turn) if text is None else None
    if n is not None:
        if n == -1:
            return options[-1]
        if 1 <= n <= len(options):
            return options[n - 1]
    text = fold(turn.u.text if text is None else text)
    words = set(re.findall(r"\w+", text))
    scored = []
    for option in options:
        values = [fold(str(v)) for v in option.get("match", [option.get("label", "")]) if str(v).strip()]
        score = 0
        for value in values:
            if (
                value in words
                or (len(value) > 3 and value in text)
                or (not value.isascii() and value in text)
            ):
                score += 2
            else:
                score += sum(1 for w in re.findall(r"\w+", value) if len(w) > 2 and w in words)
        scored.append((score, option))
    scored.sort(key=lambda s: -s[0])
    if scored[0][0] > 0 and (len(scored) == 1 or scored[0][0] > scored[1][0]):
        return scored[0][1]
    return None
