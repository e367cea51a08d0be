"""The widget's WebSocket: ``/ws/v1/chat``. Translation only; the message path lives in ``messaging``.

Frames are JSON. The client opens with ``{"type": "hello", "conversation_id", "token", "after"}`` and
gets ``ready`` then every message after ``after``; it sends ``{"type": "send", "client_message_id",
"text" | "payload"}`` and gets ``ack`` once the message is stored, ``typing`` while the bot works, and
the new messages (its own with its sequence number, then the replies) as ``messages``. ``resume`` asks
again for everything after a sequence number. A refused page origin closes before the handshake (403);
a wrong token closes with 4401; a visitor sending too fast gets ``rate_limited`` with ``retry_after``.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import math
from typing import Any

import anyio
from anyio import to_thread
from fastapi import APIRouter, FastAPI, WebSocket, WebSocketDisconnect
from pydantic import ValidationError

from comptoir.config import Settings
from comptoir.core.errors import ComptoirError
from comptoir.dialogue import ConversationView, InboundMessage, Message, get_conversation, list_messages
from comptoir.messaging import LivePath, Subscription

router = APIRouter(include_in_schema=False)

HELLO_TIMEOUT = 10.0
MAX_FRAME = 32_000
MAX_BAD_FRAMES = 20
CLOSE_UNAUTHORIZED = 4401
CLOSE_FORBIDDEN_ORIGIN = 4403
CLOSE_PROTOCOL = 4400


def origin_of(url: str) -> str:
    scheme, _, rest = url.partition("://")
    return f"{scheme}://{rest.split('/', 1)[0]}".rstrip("/")


def allowed_origins(settings: Settings) -> frozenset[str]:
    """The store's own address, plus ``COMPTOIR_WIDGET_ORIGINS`` (the merchant's sites, comma-separated)."""
    extra = [origin_of(o.strip()) for o in settings.widget_origins.split(",") if o.strip()]
    return frozenset([origin_of(settings.public_url), *extra])


def live_path(app: FastAPI) -> LivePath:
    """The process's live path, made on first use (a test may put its own on ``app.state.live``)."""
    path: LivePath | None = getattr(app.state, "live", None)
    if path is None:
        settings: Settings = app.state.settings
        path = LivePath(
            db=app.state.db, allowed_origins=allowed_origins(settings), public_url=settings.public_url
        )
        app.state.live = path
    return path


def _dump(messages: list[Message]) -> dict[str, Any]:
    return {"type": "messages", "messages": [m.model_dump(mode="json", exclude_none=True) for m in messages]}


class _Connection:
    def __init__(self, ws: WebSocket, live: LivePath, view: ConversationView, token: str) -> None:
        self.ws = ws
        self.live = live
        self.conversation_id = view.id
        self.token = token
        self.out: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self.turns: asyncio.Queue[tuple[InboundMessage, bool]] = asyncio.Queue()
        self.visitor = [f"c:{view.id}", f"ip:{ws.client.host if ws.client else '-'}"]
        self.bad_frames = 0
        self.sent: set[int] = set()
        self.busy = False
        self.held: list[Message] = []

    async def history(self, after: int) -> None:
        while True:

            def read(after: int = after) -> list[Message]:
                with self.live.db.read_session() as session:
                    return list_messages(session, self.conversation_id, self.token, after=after)

            page = await to_thread.run_sync(read)
            if page:
                await self.out.put(_dump(page))
            if len(page) < 200:
                return
            after = page[-1].seq

    async def writer(self) -> None:
        while True:
            frame = await self.out.get()
            try:
                await self.ws.send_text(json.dumps(frame, ensure_ascii=False))
            except (RuntimeError, OSError) as exc:  # the socket went away while we wrote
                raise WebSocketDisconnect(1006) from exc

    async def pump(self, subscription: Subscription) -> None:
        while True:
            message = await subscription.get()
            if message is None:  # too slow: the client catches up by sequence number
                await self.out.put({"type": "resync"})
                return
            if message.seq in self.sent:  # this socket's own turn, already sent whole
                self.sent.discard(message.seq)
            elif self.busy:  # held until this socket's turn is known, to tell its messages apart
                self.held.append(message)
            else:
                await self.out.put(_dump([message]))

    async def worker(self) -> None:
        while True:
            message, answered = await self.turns.get()
            await self.out.put({"type": "typing", "on": True})
            self.busy = True
            try:
                messages = await self.live.take_turn(
                    self.conversation_id, self.token, message, publish=not answered
                )
                # the sender gets its turn in one frame, before the typing indicator goes off; other
                # sockets of the conversation get it through the hub
                if not answered:
                    if len(self.sent) > 1000:
                        self.sent.clear()
                    self.sent.update(m.seq for m in messages)
                await self.out.put(_dump(messages))
            except ComptoirError as exc:
                await self.out.put(
                    {
                        "type": "error",
                        "code": exc.code,
                        "detail": exc.message,
                        "client_message_id": message.client_message_id,
                    }
                )
            finally:
                self.busy = False
                held, self.held = self.held, []
                for other in held:
                    if other.seq in self.sent:
                        self.sent.discard(other.seq)
                    else:
                        await self.out.put(_dump([other]))
                await self.out.put({"type": "typing", "on": False})

    async def reader(self) -> None:
        while True:
            raw = await self.ws.receive_text()
            try:
                frame = json.loads(raw) if len(raw) <= MAX_FRAME else None
            except ValueError:
                frame = None
            if not isinstance(frame, dict):
                await self.refuse("invalid_frame", "frames are JSON objects of at most 32 kB")
                continue
            kind = frame.get("type")
            if kind == "send":
                await self.send(frame)
            elif kind == "resume":
                after = frame.get("after")
                if not isinstance(after, int) or isinstance(after, bool) or after < 0:
                    await self.refuse("invalid_after", "after must be a whole number, 0 or more")
                    continue
                await self.history(after)
            elif kind == "ping":
                await self.out.put({"type": "pong"})
            else:
                await self.refuse("invalid_frame", "type must be send, resume or ping")

    async def refuse(self, code: str, detail: str, **extra: Any) -> None:
        self.bad_frames += 1
        await self.out.put({"type": "error", "code": code, "detail": detail, **extra})
        if self.bad_frames > MAX_BAD_FRAMES:
            await self.ws.close(code=CLOSE_PROTOCOL)
            raise WebSocketDisconnect(CLOSE_PROTOCOL)

    async def send(self, frame: dict[str, Any]) -> None:
        try:
            message = InboundMessage.model_validate(
                {k: frame.get(k) for k in ("text", "payload", "client_message_id") if k in frame}
            )
        except ValidationError:
            await self.refuse("invalid_message", "send text or payload, with a client_message_id")
            return
        if message.client_message_id is None:
            await self.refuse("invalid_message", "a client_message_id is required")
            return
        wait = self.live.limiter.hit(*self.visitor)
        if wait > 0:
            await self.out.put(
                {
                    "type": "rate_limited",
                    "client_message_id": message.client_message_id,
                    "retry_after": math.ceil(wait),
                }
            )
            return
        try:
            accepted = await self.live.accept(self.conversation_id, self.token, message)
        except ComptoirError as exc:
            await self.out.put({"type": "error", "code": exc.code, "detail": exc.message})
            return
        await self.out.put(
            {"type": "ack", "client_message_id": message.client_message_id, "duplicate": accepted.duplicate}
        )
        await self.turns.put((message, accepted.duplicate and accepted.processed))


async def _hello(ws: WebSocket) -> tuple[str, str, int] | None:
    try:
        raw = await asyncio.wait_for(ws.receive_text(), timeout=HELLO_TIMEOUT)
        frame = json.loads(raw) if len(raw) <= MAX_FRAME else None
    except (TimeoutError, ValueError, KeyError):  # KeyError: a binary frame has no text
        frame = None
    if not isinstance(frame, dict) or frame.get("type") != "hello":
        return None
    cid, token, after = frame.get("conversation_id"), frame.get("token"), frame.get("after", 0)
    if not (isinstance(cid, str) and 0 < len(cid) <= 64 and isinstance(token, str) and 0 < len(token) <= 200):
        return None
    if not isinstance(after, int) or isinstance(after, bool) or after < 0:
        return None
    return cid, token, after


@router.websocket("/ws/v1/chat")
async def chat(ws: WebSocket) -> None:
    live = live_path(ws.app)
    if not live.origin_allowed(ws.headers.get("origin")):
        await ws.close(code=CLOSE_FORBIDDEN_ORIGIN)  # before the handshake: the browser sees a 403
        return
    await ws.accept()
    # a client may go away at any moment; that ends its socket, quietly
    with contextlib.suppress(WebSocketDisconnect):
        await _serve(ws, live)


async def _serve(ws: WebSocket, live: LivePath) -> None:
    hello = await _hello(ws)
    if hello is None:
        await _say_and_close(
            ws, {"code": "hello_required", "detail": "start with a hello frame"}, CLOSE_PROTOCOL
        )
        return
    conversation_id, token, after = hello

    def authenticate() -> ConversationView:
        with live.db.read_session() as session:
            return get_conversation(session, conversation_id, token)

    try:
        view = await to_thread.run_sync(authenticate)
    except ComptoirError as exc:
        await _say_and_close(
            ws, {"code": exc.code, "detail": "unknown conversation or token"}, CLOSE_UNAUTHORIZED
        )
        return
    connection = _Connection(ws, live, view, token)
    await connection.out.put(
        {
            "type": "ready",
            "last_seq": view.last_seq,
            "owner": view.owner,
            "language": view.language,
            "agent_name": view.agent_name,
        }
    )
    # subscribe before reading the history, so that nothing falls between the two (the client drops
    # what it already has by sequence number)
    async with live.hub.subscribe(conversation_id) as subscription:
        await connection.history(after)
        try:
            async with anyio.create_task_group() as group:
                group.start_soon(connection.writer)
                group.start_soon(connection.pump, subscription)
                group.start_soon(connection.worker)
                group.start_soon(connection.reader)
                group.start_soon(live.drain, conversation_id, token)
        except* WebSocketDisconnect:
            pass


async def _say_and_close(ws: WebSocket, error: dict[str, str], code: int) -> None:
    try:
        await ws.send_json({"type": "error", **error})
        await ws.close(code=code)
    except (RuntimeError, OSError) as exc:
        raise WebSocketDisconnect(1006) from exc
