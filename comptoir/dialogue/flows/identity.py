"""Who the shopper is, at the store's identity level, before any account or order data is shown.

``tau``: an e-mail address, or first name + last name + zip, finds the customer. ``verified`` (default):
the e-mail (or name + zip) finds the customer, then a one-time code sent to them proves it.
One customer per conversation: once verified, another identity is refused.
"""

from __future__ import annotations

import logging

from comptoir import customers
from comptoir.core.errors import ComptoirError
from comptoir.dialogue.flows.base import ask, run, step
from comptoir.dialogue.schemas import QuickReply
from comptoir.dialogue.state import Task
from comptoir.dialogue.turn import Turn

OUTBOX = logging.getLogger("comptoir.outbox")
DONT_KNOW = [
    "don't remember",
    "dont remember",
    "don't know",
    "no idea",
    "forgot",
    "je ne sais",
    "sais pas",
    "sais plus",
    "aucune idée",
    "plus quelle",
    "can't remember",
    "cant remember",
    "not sure which",
    "δεν το θυμάμαι",
    "δεν θυμαμαι",
    "覚えてない",
    "思い出せない",
    "me souviens",
    "oublié",
    "δεν θυμάμαι",
    "δεν ξέρω",
    "ξέχασα",
    "覚えていない",
    "わからない",
    "分からない",
    "忘れ",
]


def require(turn: Turn) -> bool:
    """True if the shopper is verified; otherwise start identifying them (on top of the current task)."""
    if turn.state.customer_id is not None:
        return True
    task = turn.start("identify", method="email")
    run(turn, task)
    return False


def _found(turn: Turn, task: Task, customer: customers.CustomerView) -> None:
    if turn.store.policy.identity_level == "tau":
        _verified(turn, customer.id, "tau")
        return
    started = turn.call("start_verification", customers.start_verification, customer.id, via="email")
    send_code(started)
    task.slots["challenge"] = started.challenge_id
    ask(
        turn,
        task,
        awaiting="code",
        slot="code",
        key="identity.code_sent",
        destination=started.masked_destination,
    )


def send_code(started: customers.VerificationStarted) -> None:
    """Hand the code to the outbox. Until e-mail and SMS channels exist, the outbox is the server log
    (the demo's "mailbox"); the conversation log never holds the code."""
    OUTBOX.info("verification code for %s: %s", started.masked_destination, started.code)


def _verified(turn: Turn, customer_id: str, method: str) -> None:
    turn.emit("identity_verified", customer_id=customer_id, method=method)
    customer = customers.get_customer(turn.session, customer_id)
    turn.end("verified")
    turn.say("identity.welcome", name=customer.first_name)
    if turn.state.task is not None:
        run(turn)


@step("identify")
def identify(turn: Turn, task: Task) -> None:
    slots = task.slots
    if "code" in slots and "challenge" in slots:
        code = str(slots.pop("code"))
        try:
            customer_id = turn.call(
                "check_verification",
                customers.check_verification,
                slots["challenge"],
                code,
                max_attempts=turn.store.policy.code_max_attempts,
            )
        except ComptoirError as exc:
            if exc.code == "verification_expired":
                slots.pop("challenge", None)
                turn.say("identity.code_expired")
                ask(turn, task, awaiting="email", slot="email", key="identity.ask_email")
                return
            ask(turn, task, awaiting="code", slot="code", key="identity.code_wrong")
            return
        _verified(turn, customer_id, "code")
        return
    if slots.get("email"):
        email = str(slots.pop("email"))
        try:
            customer = turn.call("find_customer_by_email", customers.find_customer_by_email, email)
        except ComptoirError:
            slots["email_failures"] = slots.get("email_failures", 0) + 1
            ask(
                turn,
                task,
                awaiting="name_zip",
                slot="name_zip",
                key="identity.email_unknown",
                quick_replies=None,
            )
            return
        _found(turn, task, customer)
        return
    if slots.get("name_zip"):
        first, last, zip_code = slots.pop("name_zip")
        try:
            customer = turn.call(
                "find_customer_by_name_zip",
                customers.find_customer_by_name_zip,
                first_name=first,
                last_name=last,
                zip=zip_code,
            )
        except ComptoirError:
            ask(turn, task, awaiting="email", slot="email", key="identity.name_zip_unknown")
            return
        _found(turn, task, customer)
        return
    if slots.get("name_text"):
        text, zip_code = slots.pop("name_text")
        try:
            customer = turn.call(
                "find_customer_by_zip_and_names",
                customers.find_customer_by_zip_and_names,
                zip=zip_code,
                text=text,
            )
        except ComptoirError:
            ask(turn, task, awaiting="email", slot="email", key="identity.name_zip_unknown")
            return
        _found(turn, task, customer)
        return
    if slots.get("method") == "name_zip":
        ask(turn, task, awaiting="name_zip", slot="name_zip", key="identity.ask_name_zip")
        return
    ask(
        turn,
        task,
        awaiting="email",
        slot="email",
        key="identity.ask_email",
        quick_replies=[QuickReply(title=turn.t("identity.button_name_zip"), payload="identify:name_zip")],
    )


def dont_know(text: str) -> bool:
    lowered = text.lower()
    return any(phrase in lowered for phrase in DONT_KNOW)
