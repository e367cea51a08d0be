"""The message path's one door: accept (persist, de-duplicate) and take the turn of an accepted message.

Both are plain synchronous functions on a session, like every service; ``live.py`` runs them for the
WebSocket channel off the event loop and fans the result out.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from comptoir.dialogue import InboundMessage, Message, find_message, get_conversation, post_message
from comptoir.messaging import inbox
from comptoir.messaging.inbox import Accepted


def accept_message(
    session: Session, conversation_id: str, token: str, message: InboundMessage, *, channel: str = "web"
) -> Accepted:
    """Persist a shopper's message in the durable inbox (the caller commits, then acknowledges)."""
    return inbox.accept(session, conversation_id, token, message, channel=channel)


def take_turn(
    session: Session, conversation_id: str, token: str, message: InboundMessage, *, public_url: str = ""
) -> tuple[list[Message], bool]:
    """Run the conversation's turn for an accepted message and mark it processed, in one transaction.

    Returns the shopper's message (with its sequence number) followed by the replies, and whether the turn
    ran now. A message whose turn already ran returns the same messages without running it again.
    """
    assert message.client_message_id is not None
    fresh = not inbox.is_processed(session, conversation_id, message.client_message_id)
    reply = post_message(session, conversation_id, token, message, public_url=public_url)
    inbox.mark_processed(session, conversation_id, message.client_message_id)
    shopper = find_message(session, conversation_id, token, message.client_message_id)
    return ([shopper] if shopper is not None else []) + reply.messages, fresh


def give_up(session: Session, conversation_id: str, client_message_id: str) -> None:
    """A message whose turn failed for good (invalid input) leaves the pending queue."""
    inbox.mark_processed(session, conversation_id, client_message_id)


def pending_messages(session: Session, conversation_id: str, token: str) -> list[InboundMessage]:
    """Accepted messages whose turn has not run (the process stopped in between), in arrival order."""
    get_conversation(session, conversation_id, token)
    return inbox.pending(session, conversation_id)
