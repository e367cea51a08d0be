"""The conversation context's one door: open a conversation, take a shopper's message and return the
bot's turn, read messages after a sequence number, read the state."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from comptoir.core.errors import InvalidInput
from comptoir.customers import get_customer
from comptoir.dialogue import engine, requests, store
from comptoir.dialogue.schemas import (
    ConversationCreated,
    ConversationView,
    InboundMessage,
    Message,
    Reply,
)
from comptoir.dialogue.state import DialogueState, apply
from comptoir.dialogue.turn import Entity, Turn, Understanding
from comptoir.store import get_settings

MAX_TEXT = 2000  # longer messages are cut to this before understanding (and said so)


def create_conversation(
    session: Session, *, language: str | None = None, customer_id: str | None = None, channel: str = "api"
) -> ConversationCreated:
    """A new conversation; ``customer_id`` only when the identity was proven (a signed customer token)."""
    settings = get_settings(session)
    if language is not None and language not in settings.languages:
        raise InvalidInput(
            f"language must be one of {', '.join(settings.languages)}", code="unsupported_language"
        )
    conversation, token = store.create(session, language=language, channel=channel)
    events: list[tuple[str, dict[str, Any]]] = (
        [("language_changed", {"from": None, "to": language})] if language else []
    )
    if customer_id is not None:
        get_customer(session, customer_id)
        events.append(("identity_verified", {"customer_id": customer_id, "method": "customer_token"}))
        conversation.customer_id = customer_id
    state = store.load_state(conversation)
    for type_, payload in events:
        state = apply(state, type_, payload)
    store.append_events(session, conversation, events)
    store.save_state(conversation, state)
    return ConversationCreated(id=conversation.id, token=token)


_DATA_ANSWERS = ("email", "name_zip", "code", "order_id", "address", "payment_method")


def _understand(text: str, languages: list[str], previous: str | None, payload: str | None) -> Understanding:
    from comptoir import nlu

    result = nlu.understand(text or "", languages=languages, previous_language=previous)
    return Understanding(
        text=text,
        language=result.language,
        intent=result.intent,
        confidence=result.confidence,
        ranking=[(name, float(score)) for name, score in result.ranking],
        entities=[
            Entity(label=e.label, value=e.value, text=e.text, start=e.start, end=e.end)
            for e in result.entities
        ],
        language_switched=result.language_switched,
        payload=payload,
    )


def post_message(
    session: Session,
    conversation_id: str,
    token: str | None,
    message: InboundMessage,
    *,
    public_url: str = "",
) -> Reply:
    """Take a shopper message and return the bot's complete turn.

    One turn at a time per conversation (the conversation row is locked for the turn). A message with a
    ``client_message_id`` already seen is not processed again: the same reply is returned.
    """
    conversation = store.authenticate(session, conversation_id, token, lock=True)
    if message.client_message_id:
        seen = store.find_by_client_id(session, conversation.id, message.client_message_id)
        if seen is not None:
            return Reply(messages=store.replies_to(session, conversation.id, seen.id))
    settings = get_settings(session)
    state = store.load_state(conversation)
    raw = (message.text or "").replace("\x00", "")
    text = raw[:MAX_TEXT]
    payload = message.payload
    understanding = _understand(text if payload is None else "", settings.languages, state.language, payload)
    if payload is not None:
        understanding.text = (
            payload if not payload.startswith(("intent:", "add:", "product:", "choose:", "refine:")) else ""
        )
    language = understanding.language if payload is None else (state.language or settings.default_language)
    pending = state.task.awaiting if state.task is not None else None
    if state.language and pending in _DATA_ANSWERS and language != state.language:
        # an address, an e-mail or a name is no sign the shopper changed language
        language = understanding.language = state.language
    shopper = store.add_message(
        session,
        conversation,
        author="shopper",
        text=text if payload is None else payload,
        language=language,
        payload={"intent": understanding.intent},
        client_message_id=message.client_message_id,
    )
    turn = Turn(
        session,
        conversation_id=conversation.id,
        state=state,
        store=settings,
        understanding=understanding,
        public_url=public_url,
    )
    if language != state.language:
        turn.emit("language_changed", **{"from": state.language, "to": language})
    turn.emit(
        "shopper_said",
        message_id=shopper.id,
        text=shopper.text,
        language=language,
        intent=understanding.intent,
        confidence=round(understanding.confidence, 4),
        entities=[{"label": e.label, "text": e.text} for e in understanding.entities],
    )
    whole = payload is not None or len(text) >= 300 or pending in ("option", "choice", "address")
    parts = [text] if whole else requests.split_requests(text, language)
    if len(parts) > 1:
        more = [_understand(p, settings.languages, language, None) for p in parts]
        for u in more:  # one part of several: its request word says what it asks
            requests.request_word(u, among=requests.REQUESTS)
        actionable = requests.merge_same_requests(
            [
                u
                for u in more
                if u.intent in engine.ACTIONS
                and requests.confident(u, requests.SURE)
                and not requests.not_wanted(u.text)
            ]
        )
        chatty = understanding.intent in requests.CHATTY or understanding.intent not in engine.ACTIONS
        differs = len(actionable) == 1 and actionable[0].intent != understanding.intent
        if len(actionable) > 1 or (actionable and (chatty or differs)):
            turn.u = actionable[0]
            turn.set(queue=[requests.queue_entry(u) for u in actionable[1:]])
    if len(raw) > MAX_TEXT:
        turn.say("too_long")
    engine.respond(turn)
    replies: list[Message] = []
    for out in turn.out:
        row = store.add_message(
            session,
            conversation,
            author="bot",
            text=out.text,
            language=turn.language,
            payload=out.payload,
            reply_to=shopper.id,
        )
        turn.emit("bot_said", message_id=row.id)
        replies.append(store.to_message(row))
    store.append_events(session, conversation, turn.events)
    store.save_state(conversation, turn.state)
    conversation.customer_id = turn.state.customer_id
    return Reply(messages=replies)


def list_messages(
    session: Session, conversation_id: str, token: str | None, *, after: int = 0
) -> list[Message]:
    conversation = store.authenticate(session, conversation_id, token)
    if after < 0:
        raise InvalidInput("after must be 0 or more", code="invalid_after")
    return store.messages_after(session, conversation.id, after)


def find_message(
    session: Session, conversation_id: str, token: str | None, client_message_id: str
) -> Message | None:
    """The shopper's message sent with ``client_message_id``, once its turn was taken (live channels
    show it with its sequence number)."""
    conversation = store.authenticate(session, conversation_id, token)
    row = store.find_by_client_id(session, conversation.id, client_message_id)
    return store.to_message(row) if row is not None else None


def get_conversation(session: Session, conversation_id: str, token: str | None) -> ConversationView:
    conversation = store.authenticate(session, conversation_id, token)
    state = store.load_state(conversation)
    return ConversationView(
        id=conversation.id,
        language=state.language,
        owner=state.owner,
        agent_name=conversation.agent_name,
        customer_verified=state.customer_id is not None,
        handoff=state.owner != "bot",
        last_seq=conversation.last_seq,
        awaiting=state.awaiting,
        created_at=conversation.created_at,
        state={"task": state.task.name if state.task else None, "cart_id": state.cart_id},
    )


def replay_state(session: Session, conversation_id: str) -> DialogueState:
    """The state folded from the whole event log (to check it equals the snapshot)."""
    from comptoir.dialogue.state import fold

    return fold(store.events_of(session, conversation_id))
