"""The conversation engine: an event-sourced dialogue that understands, acts through the service layer,
and answers in the shopper's language."""

from comptoir.dialogue.schemas import (
    ConversationCreated,
    ConversationView,
    InboundMessage,
    Message,
    NewConversation,
    Reply,
)
from comptoir.dialogue.service import (
    create_conversation,
    find_message,
    get_conversation,
    list_messages,
    post_message,
    replay_state,
)
from comptoir.dialogue.store import ConversationNotFound

__all__ = [
    "ConversationCreated",
    "ConversationNotFound",
    "ConversationView",
    "InboundMessage",
    "Message",
    "NewConversation",
    "Reply",
    "create_conversation",
    "find_message",
    "get_conversation",
    "list_messages",
    "post_message",
    "replay_state",
]
