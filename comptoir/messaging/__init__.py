"""The message path: a durable inbox keyed by ``client_message_id``, turns one at a time per conversation,
per-conversation sequence numbers (the conversation's messages), live fan-out and a per-visitor limit."""

from comptoir.messaging.hub import Hub, InProcessHub, Subscription
from comptoir.messaging.inbox import Accepted
from comptoir.messaging.limits import RateLimiter
from comptoir.messaging.live import LivePath
from comptoir.messaging.service import accept_message, give_up, pending_messages, take_turn

__all__ = [
    "Accepted",
    "Hub",
    "InProcessHub",
    "LivePath",
    "RateLimiter",
    "Subscription",
    "accept_message",
    "give_up",
    "pending_messages",
    "take_turn",
]
