"""The live message path of one process: accept off the event loop, acknowledge, take turns one at a time
per conversation in arrival order, and publish the new messages to every connected client."""

from __future__ import annotations

import asyncio
import contextlib
import weakref
from dataclasses import dataclass, field

from anyio import to_thread

from comptoir.core.errors import ComptoirError
from comptoir.db import Database
from comptoir.dialogue import InboundMessage, Message
from comptoir.messaging.hub import Hub, InProcessHub
from comptoir.messaging.inbox import Accepted
from comptoir.messaging.limits import RateLimiter
from comptoir.messaging.service import accept_message, give_up, pending_messages, take_turn


@dataclass
class LivePath:
    """What the WebSocket channel needs: the database, the hub, the limiter and the allowed origins."""

    db: Database
    hub: Hub = field(default_factory=InProcessHub)
    limiter: RateLimiter = field(default_factory=lambda: RateLimiter(limit=20, window=60, limits={"ip": 240}))
    allowed_origins: frozenset[str] = frozenset()
    public_url: str = ""
    _locks: weakref.WeakValueDictionary[str, asyncio.Lock] = field(
        default_factory=weakref.WeakValueDictionary
    )
    _writer: asyncio.Lock | None = None

    def _write_slot(self) -> contextlib.AbstractAsyncContextManager[object]:
        """SQLite has one writer at a time; waiting writers there poll with growing sleeps (busy
        timeout). Queueing this process's writes in order instead cuts the tail of the latency."""
        if not self.db.is_sqlite:
            return contextlib.nullcontext()
        if self._writer is None:
            self._writer = asyncio.Lock()
        return self._writer

    def origin_allowed(self, origin: str | None) -> bool:
        """Browsers always send ``Origin`` on a WebSocket; it must be one of the store's. Clients that are
        not browsers send none and are not exposed to cross-site use: their token is their only key."""
        return origin is None or origin.rstrip("/") in self.allowed_origins

    def _lock(self, conversation_id: str) -> asyncio.Lock:
        lock = self._locks.get(conversation_id)
        if lock is None:
            lock = asyncio.Lock()
            self._locks[conversation_id] = lock
        return lock

    async def accept(self, conversation_id: str, token: str, message: InboundMessage) -> Accepted:
        """Persisted and committed when this returns: the caller may acknowledge."""

        def run() -> Accepted:
            with self.db.session() as session:
                return accept_message(session, conversation_id, token, message)

        async with self._write_slot():
            return await to_thread.run_sync(run)

    async def take_turn(
        self, conversation_id: str, token: str, message: InboundMessage, *, publish: bool = True
    ) -> list[Message]:
        """The turn of an accepted message; its messages are published when the turn ran now (a resend of
        a message already answered goes back to its sender only), unless ``publish`` is false."""
        async with self._lock(conversation_id):

            def run() -> tuple[list[Message], bool]:
                with self.db.session() as session:
                    return take_turn(session, conversation_id, token, message, public_url=self.public_url)

            try:
                async with self._write_slot():
                    messages, fresh = await to_thread.run_sync(run)
            except ComptoirError:
                assert message.client_message_id is not None
                async with self._write_slot():
                    await to_thread.run_sync(self._give_up, conversation_id, message.client_message_id)
                raise
            if publish and fresh:
                for m in messages:
                    await self.hub.publish(conversation_id, m)
            return messages

    def _give_up(self, conversation_id: str, client_message_id: str) -> None:
        with self.db.session() as session:
            give_up(session, conversation_id, client_message_id)

    async def drain(self, conversation_id: str, token: str) -> int:
        """Take the turns of messages accepted before a restart; how many there were."""

        def run() -> list[InboundMessage]:
            with self.db.read_session() as session:
                return pending_messages(session, conversation_id, token)

        waiting = await to_thread.run_sync(run)
        for message in waiting:
            try:
                await self.take_turn(conversation_id, token, message)
            except ComptoirError:
                continue
        return len(waiting)
