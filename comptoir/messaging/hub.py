"""Live fan-out of a conversation's new messages to the clients connected to it.

``Hub`` is the small interface: ``publish(conversation_id, message)`` and ``subscribe(conversation_id)``.
``InProcessHub`` serves one process; a Redis pub/sub hub can replace it for several.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Protocol

from comptoir.dialogue import Message

QUEUE_SIZE = 500  # a subscriber this far behind is dropped; it catches up by sequence number


class Subscription(Protocol):
    async def get(self) -> Message | None:
        """The next message, or None once the subscription was dropped (too slow): resume by seq."""
        ...


class Hub(Protocol):
    async def publish(self, conversation_id: str, message: Message) -> None: ...

    def subscribe(self, conversation_id: str) -> AbstractAsyncContextManager[Subscription]: ...


class _QueueSubscription:
    def __init__(self) -> None:
        self.queue: asyncio.Queue[Message | None] = asyncio.Queue(QUEUE_SIZE)
        self.dropped = False

    async def get(self) -> Message | None:
        if self.dropped and self.queue.empty():
            return None
        return await self.queue.get()

    def offer(self, message: Message) -> None:
        if self.dropped:
            return
        try:
            self.queue.put_nowait(message)
        except asyncio.QueueFull:
            self.dropped = True
            self.queue = asyncio.Queue(1)
            self.queue.put_nowait(None)


class InProcessHub:
    """Subscribers of one process, by conversation. Publish and subscribe run on the same event loop."""

    def __init__(self) -> None:
        self._subscribers: dict[str, set[_QueueSubscription]] = defaultdict(set)

    async def publish(self, conversation_id: str, message: Message) -> None:
        for subscription in list(self._subscribers.get(conversation_id, ())):
            subscription.offer(message)

    def subscribe(self, conversation_id: str) -> AbstractAsyncContextManager[Subscription]:
        return self._subscribe(conversation_id)

    @asynccontextmanager
    async def _subscribe(self, conversation_id: str) -> AsyncIterator[Subscription]:
        subscription = _QueueSubscription()
        self._subscribers[conversation_id].add(subscription)
        try:
            yield subscription
        finally:
            subscribers = self._subscribers.get(conversation_id)
            if subscribers is not None:
                subscribers.discard(subscription)
                if not subscribers:
                    del self._subscribers[conversation_id]

    def subscriber_count(self, conversation_id: str) -> int:
        return len(self._subscribers.get(conversation_id, ()))
