"""The conversation API (a contract: see DESIGN.md): open a conversation, send a message and get the
bot's turn, read later messages, read the state. Every call but the first needs the conversation's token."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Path, Query

from comptoir.api.deps import AppSettings, ReadSession, WriteSession
from comptoir.core.errors import Unauthorized
from comptoir.core.tokens import verify_customer_token
from comptoir.dialogue import service
from comptoir.dialogue.schemas import (
    ConversationCreated,
    ConversationView,
    InboundMessage,
    NewConversation,
    Reply,
)

router = APIRouter(prefix="/conversations", tags=["conversations"])

ConversationId = Annotated[str, Path(min_length=1, max_length=64)]
Authorization = Annotated[str | None, Header(description="Bearer <conversation token>")]


def _token(authorization: str | None) -> str | None:
    if not authorization:
        return None
    scheme, _, value = authorization.partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        raise Unauthorized("use Authorization: Bearer <conversation token>", code="token_required")
    return value.strip()


@router.post("", status_code=201)
def open_conversation(
    body: NewConversation, session: WriteSession, settings: AppSettings
) -> ConversationCreated:
    """Open a conversation. ``customer_token`` is an identity signed by the merchant's site; an unsigned
    claim of identity is never accepted."""
    customer_id = None
    if body.customer_token is not None:
        secret = settings.customer_token_secret.get_secret_value() if settings.customer_token_secret else None
        customer_id = verify_customer_token(secret, body.customer_token)
    return service.create_conversation(session, language=body.language, customer_id=customer_id)


@router.post("/{conversation_id}/messages")
def send_message(
    conversation_id: ConversationId,
    body: InboundMessage,
    session: WriteSession,
    settings: AppSettings,
    authorization: Authorization = None,
) -> Reply:
    """Send the shopper's text (or a button's payload); returns when the bot's turn is complete."""
    return service.post_message(
        session, conversation_id, _token(authorization), body, public_url=settings.public_url
    )


@router.get("/{conversation_id}/messages")
def messages(
    conversation_id: ConversationId,
    session: ReadSession,
    after: Annotated[int, Query(ge=0, le=10**12)] = 0,
    authorization: Authorization = None,
) -> Reply:
    """Messages after sequence number ``after`` (an agent's later reply, say)."""
    return Reply(messages=service.list_messages(session, conversation_id, _token(authorization), after=after))


@router.get("/{conversation_id}")
def conversation(
    conversation_id: ConversationId, session: ReadSession, authorization: Authorization = None
) -> ConversationView:
    """The conversation's language, owner (bot, waiting, agent, closed) and what the bot waits for."""
    return service.get_conversation(session, conversation_id, _token(authorization))
