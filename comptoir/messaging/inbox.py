"""The inbox: persist a shopper's message first, de-duplicate by ``client_message_id``, then acknowledge."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from comptoir.core.clock import utcnow
from comptoir.dialogue import InboundMessage, get_conversation
from comptoir.messaging.models import InboxEntry


@dataclass(frozen=True)
class Accepted:
    """What ``accept`` did: ``duplicate`` when that ``client_message_id`` had been received before."""

    client_message_id: str
    duplicate: bool
    processed: bool


def accept(
    session: Session, conversation_id: str, token: str, message: InboundMessage, *, channel: str = "web"
) -> Accepted:
    """Write ``message`` to the inbox of the conversation (whose token must be ``token``).

    The caller commits, then acknowledges. A message whose ``client_message_id`` is already there is not
    written again.
    """
    get_conversation(session, conversation_id, token)  # the token opens this conversation only
    assert message.client_message_id is not None, "the live channels always carry a client_message_id"
    found = _find(session, conversation_id, message.client_message_id)
    if found is not None:
        return Accepted(message.client_message_id, duplicate=True, processed=found.processed_at is not None)
    entry = InboxEntry(
        conversation_id=conversation_id,
        client_message_id=message.client_message_id,
        channel=channel,
        text=message.text,
        payload=message.payload,
    )
    try:
        with session.begin_nested():
            session.add(entry)
    except IntegrityError:  # the same id arrived at the same moment on another connection
        return Accepted(message.client_message_id, duplicate=True, processed=False)
    return Accepted(message.client_message_id, duplicate=False, processed=False)


def _find(session: Session, conversation_id: str, client_message_id: str) -> InboxEntry | None:
    return session.scalar(
        select(InboxEntry).where(
            InboxEntry.conversation_id == conversation_id,
            InboxEntry.client_message_id == client_message_id,
        )
    )


def pending(session: Session, conversation_id: str) -> list[InboundMessage]:
    """Messages accepted but whose turn has not run yet, in arrival order."""
    rows = session.scalars(
        select(InboxEntry)
        .where(InboxEntry.conversation_id == conversation_id, InboxEntry.processed_at.is_(None))
        .order_by(InboxEntry.id)
    )
    return [
        InboundMessage(text=r.text, payload=r.payload, client_message_id=r.client_message_id) for r in rows
    ]


def is_processed(session: Session, conversation_id: str, client_message_id: str) -> bool:
    entry = _find(session, conversation_id, client_message_id)
    return entry is not None and entry.processed_at is not None


def mark_processed(session: Session, conversation_id: str, client_message_id: str) -> None:
    """Called in the transaction of the turn itself."""
    entry = _find(session, conversation_id, client_message_id)
    if entry is not None and entry.processed_at is None:
        entry.processed_at = utcnow()
