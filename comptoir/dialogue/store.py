"""Persistence of conversations: creation, the per-turn lock, events, messages and the state snapshot."""

from __future__ import annotations

import hashlib
import hmac
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from comptoir.core.errors import NotFound, Unauthorized
from comptoir.core.ids import new_id, new_token
from comptoir.dialogue.models import Conversation, ConversationEvent, ConversationMessage
from comptoir.dialogue.schemas import Message
from comptoir.dialogue.state import DialogueState


class ConversationNotFound(NotFound):
    code = "conversation_not_found"


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create(session: Session, *, language: str | None, channel: str = "api") -> tuple[Conversation, str]:
    token = new_token(32)
    conversation = Conversation(
        id=new_id("c_", 20),
        token_hash=_hash(token),
        channel=channel,
        language=language,
        language_fixed=language is not None,
        snapshot=DialogueState(language=language).model_dump(mode="json"),
    )
    session.add(conversation)
    session.flush()
    return conversation, token


def authenticate(
    session: Session, conversation_id: str, token: str | None, *, lock: bool = False
) -> Conversation:
    """The conversation if ``token`` is its token. Unknown id and wrong token look the same."""
    if not token:
        raise Unauthorized(
            "this conversation needs its token (Authorization: Bearer …)", code="token_required"
        )
    conversation = session.get(Conversation, conversation_id, with_for_update=lock or None)
    if conversation is None or not hmac.compare_digest(conversation.token_hash, _hash(token)):
        raise ConversationNotFound("no such conversation")
    return conversation


def load_state(conversation: Conversation) -> DialogueState:
    return DialogueState.model_validate(conversation.snapshot)


def append_events(
    session: Session, conversation: Conversation, events: list[tuple[str, dict[str, Any]]]
) -> None:
    for type_, payload in events:
        conversation.last_event += 1
        session.add(
            ConversationEvent(
                conversation_id=conversation.id, number=conversation.last_event, type=type_, payload=payload
            )
        )


def save_state(conversation: Conversation, state: DialogueState) -> None:
    conversation.snapshot = state.model_dump(mode="json")
    conversation.language = state.language
    conversation.owner = state.owner


def add_message(
    session: Session,
    conversation: Conversation,
    *,
    author: str,
    text: str,
    language: str | None,
    payload: dict[str, Any] | None = None,
    client_message_id: str | None = None,
    reply_to: str | None = None,
    agent_name: str | None = None,
) -> ConversationMessage:
    conversation.last_seq += 1
    row = ConversationMessage(
        id=new_id("m_", 20),
        conversation_id=conversation.id,
        seq=conversation.last_seq,
        author=author,
        agent_name=agent_name,
        text=text,
        language=language,
        payload=payload or {},
        client_message_id=client_message_id,
        reply_to=reply_to,
    )
    session.add(row)
    session.flush()
    return row


def to_message(row: ConversationMessage) -> Message:
    return Message.model_validate(
        {
            "id": row.id,
            "seq": row.seq,
            "created_at": row.created_at,
            "author": row.author,
            "agent_name": row.agent_name,
            "text": row.text,
            "language": row.language,
            **row.payload,
        }
    )


def find_by_client_id(
    session: Session, conversation_id: str, client_message_id: str
) -> ConversationMessage | None:
    return session.scalar(
        select(ConversationMessage).where(
            ConversationMessage.conversation_id == conversation_id,
            ConversationMessage.client_message_id == client_message_id,
        )
    )


def replies_to(session: Session, conversation_id: str, message_id: str) -> list[Message]:
    rows = session.scalars(
        select(ConversationMessage)
        .where(
            ConversationMessage.conversation_id == conversation_id, ConversationMessage.reply_to == message_id
        )
        .order_by(ConversationMessage.seq)
    )
    return [to_message(r) for r in rows]


def messages_after(session: Session, conversation_id: str, after: int, limit: int = 200) -> list[Message]:
    rows = session.scalars(
        select(ConversationMessage)
        .where(ConversationMessage.conversation_id == conversation_id, ConversationMessage.seq > after)
        .order_by(ConversationMessage.seq)
        .limit(limit)
    )
    return [to_message(r) for r in rows]


def events_of(session: Session, conversation_id: str) -> list[tuple[str, dict[str, Any]]]:
    rows = session.scalars(
        select(ConversationEvent)
        .where(ConversationEvent.conversation_id == conversation_id)
        .order_by(ConversationEvent.number)
    )
    return [(r.type, r.payload) for r in rows]
